import ArgumentParser
import Foundation
import PubsyncCore

extension Pubsync {
    /// `pubsync report`: the per-channel counts of the annual disclosure report.
    struct Report: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Per-channel counts of items dated in a period: published, updated, retracted, live.",
            discussion: "Counts come from the timestamped trail, so --as-of reproduces an earlier report.")

        enum Format: String, ExpressibleByArgument, CaseIterable {
            case table, json, md, html
        }

        @Option(help: ArgumentHelp("The calendar year.", valueName: "Y"))
        var year: Int?

        @Option(help: ArgumentHelp("First day (YYYY-MM-DD).", valueName: "DATE"))
        var from: String?

        @Option(help: ArgumentHelp("Last day (YYYY-MM-DD).", valueName: "DATE"))
        var to: String?

        @Option(name: .customLong("as-of"), help: ArgumentHelp("Count as of the end of this day (YYYY-MM-DD, configured time zone); default now.", valueName: "DATE"))
        var asOf: String?

        @Option(help: ArgumentHelp("table, json, md or html.", valueName: "FORMAT"))
        var format: Format = .table

        @Option(help: ArgumentHelp("Write to this file instead of stdout.", valueName: "FILE"))
        var out: String?

        @OptionGroup var global: GlobalOptions

        func validate() throws {
            if year == nil && (from == nil || to == nil) { throw ValidationError("give --year Y, or --from DATE and --to DATE") }
            if year != nil && (from != nil || to != nil) { throw ValidationError("give --year or --from/--to, not both") }
            if let year, !(1900...9999).contains(year) { throw ValidationError("--year must be a year like 2014") }
            for (name, value) in [("--from", from), ("--to", to), ("--as-of", asOf)] {
                if let value, LocalDate(value) == nil { throw ValidationError("\(name) '\(value)' is not a date (YYYY-MM-DD)") }
            }
            if let from, let to, LocalDate(from)! > LocalDate(to)! { throw ValidationError("--from must not be after --to") }
        }

        func run() throws {
            let workspace = try global.openWorkspace()
            let start = year.map { LocalDate(year: $0, month: 1, day: 1)! } ?? LocalDate(from!)!
            let end = year.map { LocalDate(year: $0, month: 12, day: 31)! } ?? LocalDate(to!)!
            var moment = Date()
            if let asOf, let day = LocalDate(asOf) {
                var calendar = Calendar(identifier: .gregorian)
                calendar.timeZone = workspace.config.timeZone
                let startOfDay = calendar.date(from: DateComponents(year: day.year, month: day.month, day: day.day))!
                moment = startOfDay.addingTimeInterval(86_400 - 0.001)
            }
            let report = try workspace.store.disclosureReport(from: start, to: end, asOf: moment, channels: workspace.config.channels)
            let text: String
            switch format {
            case .table: text = report.table() + "\n"
            case .md: text = report.markdown()
            case .html: text = report.html()
            case .json:
                let data = try JSONSerialization.data(withJSONObject: report.jsonObject(), options: [.sortedKeys, .withoutEscapingSlashes])
                text = String(decoding: data, as: UTF8.self) + "\n"
            }
            if let out {
                try AtomicWrite.write(Data(text.utf8), to: URL(fileURLWithPath: out))
                Terminal.note("wrote \(out)")
            } else {
                FileHandle.standardOutput.write(Data(text.utf8))
            }
        }
    }
}

/// Writes a file atomically: a temp file in the same folder, flushed, then renamed.
enum AtomicWrite {
    static func write(_ data: Data, to url: URL) throws {
        let folder = url.deletingLastPathComponent()
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let temp = folder.appendingPathComponent(".\(url.lastPathComponent).\(getpid()).tmp")
        guard FileManager.default.createFile(atPath: temp.path, contents: data) else {
            throw PubsyncError(.io, "cannot write \(temp.path)")
        }
        if let handle = FileHandle(forWritingAtPath: temp.path) {
            try? handle.synchronize()
            try? handle.close()
        }
        guard rename(temp.path, url.path) == 0 else {
            try? FileManager.default.removeItem(at: temp)
            throw PubsyncError(.io, "cannot replace \(url.path): \(String(cString: strerror(errno)))")
        }
    }
}
