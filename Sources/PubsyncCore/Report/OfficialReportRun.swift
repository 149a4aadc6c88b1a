import Foundation

/// `report --official`: the figures are checked first, then (under the writers' lock when filing or
/// publishing) the year's report is made and rendered, filed and imported as its own item as asked.
public struct OfficialReportRun: Sendable {
    /// The report's year.
    public var year: Int
    /// The figures file named on the command line (it must exist), or nil for the year's default file (optional).
    public var figuresFile: URL?
    /// The rendering: `html`, `md` or `json`.
    public var format: String
    /// Who files the rendering (nil: not filed).
    public var fileBy: String?
    /// Whether to import the report as the year's item in the reports column.
    public var publish: Bool
    /// Who publishes (kept in the trail; `pubsync` when nil).
    public var actor: String?

    /// A run; see the properties.
    public init(year: Int, figuresFile: URL? = nil, format: String = "html", fileBy: String? = nil, publish: Bool = false, actor: String? = nil) {
        self.year = year
        self.figuresFile = figuresFile
        self.format = format
        self.fileBy = fileBy
        self.publish = publish
        self.actor = actor
    }

    /// Makes the report from `store` under `config` as of `asOf` (nil: now) and returns its
    /// rendering. `lock` is called (once) only when filing or publishing, after the figures were
    /// checked; `note` receives what was done and what is missing, as it happens.
    public func run(store: ItemStore, config: PubsyncConfig, asOf: Date?, now: Date = Date(),
                    lock: () throws -> WriteLock, note: (String) -> Void) throws -> String {
        let file = figuresFile ?? AnnualFigures.defaultFile(year: year, configFile: config.file)
        let figures = try AnnualFigures.load(file, required: figuresFile != nil)
        let held = fileBy != nil || publish ? try lock() : nil
        defer { withExtendedLifetime(held) {} }
        let report = try store.annualReport(year: year, figures: figures, asOf: asOf, now: now, context: config.reportContext, fresh: fileBy != nil)
        let text = try report.rendering(format)
        if let by = fileBy {
            let filing = try store.fileAnnualReport(report, rendering: text, format: format, by: by)
            note("filed the \(year) report (\(format), sha256 \(filing.sha256)) by \(by)")
        }
        if publish {
            let column = config.disclosure.reportsColumn ?? AnnualReport.defaultColumn
            let summary = try store.importAnnualReport(report, column: column, today: config.today(at: now),
                                                       actor: actor ?? "pubsync", numbering: config.disclosure.numbering)
            let what = summary.created > 0 ? "imported" : summary.revised > 0 ? "revised" : "unchanged:"
            note("\(what) item \(report.itemID) in column \(column), awaiting approval (pubsync approve \(report.itemID) --by NAME)")
        }
        if config.disclosure.office == nil {
            note("no [disclosure] office in \(config.file.path): the report's title names no office")
        }
        if figures.source == nil {
            note("no figures file at \(file.path): sections 三 and 四 are zero")
        }
        return text
    }
}
