import ArgumentParser
import Foundation
import PubsyncCore

extension Pubsync {
    /// `pubsync check`: a pre-inspection against the State Council spot check's rules.
    struct Check: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check the store and the site against the spot check's rules (exit 3 on any veto or deduct finding).",
            discussion: "--as-of moves only \"today\" for the age rules; the store and the output are checked as they are now.")

        @Option(name: .customLong("as-of"), help: ArgumentHelp("Count ages from this day (YYYY-MM-DD); default today in the configured zone.", valueName: "DATE"))
        var asOf: String?

        @Flag(help: "Print JSON.")
        var json = false

        @OptionGroup var global: GlobalOptions

        func validate() throws {
            if let asOf, LocalDate(asOf) == nil { throw ValidationError("--as-of must be a date YYYY-MM-DD, not '\(asOf)'") }
        }

        func run() async throws {
            let workspace = try global.openWorkspace()
            let config = workspace.config
            let day = asOf.flatMap(LocalDate.init) ?? config.today(at: Date())
            let report = try await SpotCheck(store: workspace.store, channels: config.channels, settings: config.check).run(asOf: day)
            if json {
                Terminal.printJSON(CheckOutput(report))
            } else {
                if !report.findings.isEmpty {
                    Terminal.printTable(header: ["RULE", "SEVERITY", "CHANNEL", "SUBJECT", "DETAIL"], rows: report.findings.map {
                        [$0.rule, $0.severity.rawValue, $0.channel ?? "-", Terminal.clip($0.subject, 40), $0.detail]
                    })
                }
                print("as of \(report.asOf): \(report.count(.veto)) veto, \(report.count(.deduct)) deduct, \(report.count(.warn)) warn; "
                      + "\(report.staleColumns) stale column\(report.staleColumns == 1 ? "" : "s")"
                      + (report.staleColumns >= 5 ? " (5 or more: a veto)" : ""))
            }
            if report.needsAttention { throw ExitCode(3) }
        }
    }
}
