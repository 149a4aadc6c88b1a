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
            let store = workspace.store
            let zone = workspace.config.timeZone
            var attention = false
            var channels: [[String: Any]] = []
            let today = workspace.config.today(at: Date())
            for channel in workspace.config.channels {
                var summary = try store.ledgerSummary(channel: channel.name)
                // Due, routed items never attempted are owed too (issue 13 item 9).
                summary.pending += try store.unattemptedCount(channel: channel.name, routing: channel.routing, today: today)
                let activity = try store.activity(channel: channel.name)
                let troubled = try store.troubledRows(channel: channel.name)
                if summary.pending + summary.failed + summary.rejected + summary.pendingRetractions > 0 || activity.drift == true { attention = true }
                channels.append([
                    "name": channel.name, "live": summary.live, "pending": summary.pending, "failed": summary.failed,
                    "rejected": summary.rejected, "pending_retractions": summary.pendingRetractions,
                    "last_sync": Terminal.json(activity.lastSync.map { Terminal.time($0, in: zone) }),
                    "last_reconcile": Terminal.json(activity.lastReconcile.map { Terminal.time($0, in: zone) }),
                    "drift": activity.drift ?? false,
                    "errors": troubled.map { row -> [String: Any] in
                        ["id": row.itemID, "state": row.state.rawValue, "op": Terminal.json(row.pendingOp?.rawValue),
                         "error": Terminal.json(row.lastError), "attempts": row.attempts]
                    },
                ])
            }
            let openFlags = try store.openFlagCount()
            let screening = try store.screeningCounts()
            if screening.blockingFlags > 0 { attention = true }
            if json {
                Terminal.printJSON(["channels": channels, "open_flags": openFlags, "held": screening.held])
            } else {
                Terminal.printTable(header: ["CHANNEL", "LIVE", "PENDING", "FAILED", "REJECTED", "RETRACTIONS", "LAST SYNC", "RECONCILE"],
                                    rows: channels.map { channel in
                    let drift = (channel["drift"] as? Bool) == true ? "drift" : ((channel["last_reconcile"] is NSNull) ? "never" : "ok")
                    return ["\(channel["name"]!)", "\(channel["live"]!)", "\(channel["pending"]!)", "\(channel["failed"]!)",
                            "\(channel["rejected"]!)", "\(channel["pending_retractions"]!)",
                            (channel["last_sync"] as? String) ?? "never", drift]
                })
                for channel in channels {
                    for error in (channel["errors"] as? [[String: Any]]) ?? [] {
                        Terminal.line("  \(channel["name"]!): \(error["id"]!) \(error["state"]!)\((error["op"] as? String).map { " (\($0))" } ?? ""): \((error["error"] as? String) ?? "")")
                    }
                }
                Terminal.line("open audit flags: \(openFlags); held items: \(screening.held)")
            }
            if attention { throw ExitCode(3) }
        }
    }
}
