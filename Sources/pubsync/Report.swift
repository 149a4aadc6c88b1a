import ArgumentParser
import Foundation
import PubsyncCore

extension Pubsync {
    /// `pubsync report`: the per-channel counts of the annual disclosure report, or with
    /// `--official` the annual report in the 2021 national format.
    struct Report: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Per-channel counts of items dated in a period; with --official, the year's annual report in the national format.",
            discussion: "Counts come from the timestamped trail, so --as-of reproduces an earlier report. Once the year's report was filed "
                + "(--official --file), --as-of defaults to the filing time and the report lists each figure changed since. "
                + "The figures file (--figures, default reports/YEAR.toml beside the config) is checked before anything is written.")

        enum Format: String, ExpressibleByArgument, CaseIterable {
            case table, json, md, html
        }

        @Option(help: ArgumentHelp("The calendar year.", valueName: "Y"))
        var year: Int?

        @Option(help: ArgumentHelp("First day (YYYY-MM-DD).", valueName: "DATE"))
        var from: String?

        @Option(help: ArgumentHelp("Last day (YYYY-MM-DD).", valueName: "DATE"))
        var to: String?

        @Option(name: .customLong("as-of"), help: ArgumentHelp("Count as of the end of this day (YYYY-MM-DD, configured time zone); default now, or the filing time of a filed year.", valueName: "DATE"))
        var asOf: String?

        @Option(help: ArgumentHelp("table, json, md or html (--official: html, md or json; default html).", valueName: "FORMAT"))
        var format: Format?

        @Option(help: ArgumentHelp("Write to this file instead of stdout.", valueName: "FILE"))
        var out: String?

        @Flag(help: "The annual report in the official 2021 format (needs --year).")
        var official = false

        @Option(help: ArgumentHelp("The office's figures (TOML); default reports/YEAR.toml beside the config.", valueName: "FILE"))
        var figures: String?

        @Flag(help: "File (报送) the report: record its figures and the SHA-256 of this rendering (needs --by).")
        var file = false

        @Option(help: ArgumentHelp("Who files the report.", valueName: "NAME"))
        var by: String?

        @Flag(help: "Import the Markdown rendering as item annual-report-YEAR, unapproved, in [disclosure] reports_column.")
        var publish = false

        @OptionGroup var lockOptions: LockOptions
        @OptionGroup var global: GlobalOptions

        func validate() throws {
            if year == nil && (from == nil || to == nil) { throw ValidationError("give --year Y, or --from DATE and --to DATE") }
            if year != nil && (from != nil || to != nil) { throw ValidationError("give --year or --from/--to, not both") }
            if let year, !(1900...9999).contains(year) { throw ValidationError("--year must be a year like 2014") }
            for (name, value) in [("--from", from), ("--to", to), ("--as-of", asOf)] {
                if let value, LocalDate(value) == nil { throw ValidationError("\(name) '\(value)' is not a date (YYYY-MM-DD)") }
            }
            if let from, let to, LocalDate(from)! > LocalDate(to)! { throw ValidationError("--from must not be after --to") }
            if official {
                if year == nil { throw ValidationError("--official needs --year Y") }
                if format == .table { throw ValidationError("--official writes html, md or json, not table") }
                if file && by?.trimmingCharacters(in: .whitespaces).isEmpty != false { throw ValidationError("--file needs --by NAME") }
                if file && asOf != nil { throw ValidationError("--file files the report as of now; leave out --as-of") }
            } else {
                for (flag, given) in [("--figures", figures != nil), ("--file", file), ("--by", by != nil), ("--publish", publish)] where given {
                    throw ValidationError("\(flag) needs --official")
                }
            }
        }

        func run() throws {
            let workspace = try global.openWorkspace()
            let config = workspace.config
            let moment = asOf.flatMap(LocalDate.init).map { ReportTime.endOfDay($0, in: config.timeZone) }
            let text: String
            if official, let year {
                text = try official(year: year, workspace: workspace, asOf: moment)
            } else {
                let start = year.map { LocalDate(year: $0, month: 1, day: 1)! } ?? LocalDate(from!)!
                let end = year.map { LocalDate(year: $0, month: 12, day: 31)! } ?? LocalDate(to!)!
                let report = try workspace.store.disclosureReport(from: start, to: end, asOf: moment, now: Date(), context: config.reportContext)
                switch format ?? .table {
                case .table: text = report.table() + "\n"
                case .md: text = report.markdown()
                case .html: text = report.html()
                case .json: text = try report.jsonText()
                }
            }
            if let out {
                try AtomicWrite.write(Data(text.utf8), to: URL(fileURLWithPath: out))
                Terminal.note("wrote \(out)")
            } else {
                FileHandle.standardOutput.write(Data(text.utf8))
            }
        }

        /// The official report: figures checked first, then (under the lock) filed and published as asked.
        private func official(year: Int, workspace: Workspace, asOf: Date?) throws -> String {
            let run = OfficialReportRun(year: year, figuresFile: figures.map { URL(fileURLWithPath: $0).standardizedFileURL },
                                        format: (format ?? .html).rawValue, fileBy: file ? by : nil, publish: publish, actor: by)
            return try run.run(store: workspace.store, config: workspace.config, asOf: asOf,
                               lock: { try workspace.lock("report", options: lockOptions) }, note: Terminal.note)
        }
    }
}
