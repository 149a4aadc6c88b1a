import ArgumentParser
import Foundation
import PubsyncCore

extension Pubsync {
    /// `pubsync status`: per channel, what is live, owed, failed, refused, and open flags.
    struct Status: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show each channel's live items, pending work, failures and drift (exit 3 when anything is owed).")

        @Flag(help: "Print JSON.")
        var json = false

        @OptionGroup var global: GlobalOptions

        func run() throws {
            let workspace = try global.openWorkspace(readOnly: true)
            let status = try StatusReport(store: workspace.store, config: workspace.config)
            if json {
                Terminal.printJSON(status)
            } else {
                Terminal.printTable(header: ["CHANNEL", "LIVE", "PENDING", "FAILED", "REJECTED", "RETRACTIONS", "LAST SYNC", "RECONCILE"],
                                    rows: status.channels.map { channel in
                    [channel.name, "\(channel.live)", "\(channel.pending)", "\(channel.failed)", "\(channel.rejected)",
                     "\(channel.pendingRetractions)", channel.lastSync ?? "never",
                     channel.drift ? "drift" : (channel.lastReconcile == nil ? "never" : "ok")]
                })
                for channel in status.channels {
                    for error in channel.errors {
                        Terminal.line("  \(channel.name): \(error.id) \(error.state)\(error.op.map { " (\($0))" } ?? ""): \(error.error ?? "")")
                    }
                }
                Terminal.line("open audit flags: \(status.openFlags); held items: \(status.held)")
            }
            if status.needsAttention { throw ExitCode(3) }
        }
    }
}
