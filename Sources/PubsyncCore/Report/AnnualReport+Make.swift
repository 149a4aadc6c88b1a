import Foundation

/// What every report needs from the config: the channels, the time zone, the office and the
/// column order.
public struct ReportContext: Sendable {
    /// Channels in config order.
    public var channels: [ConfiguredChannel]
    /// The zone times are printed in and `--as-of` days are read in.
    public var timeZone: TimeZone
    /// `[disclosure] office`; nil when not configured.
    public var office: String?
    /// `column_order`.
    public var categoryOrder: ColumnOrder

    /// Creates a context.
    public init(channels: [ConfiguredChannel], timeZone: TimeZone, office: String?, categoryOrder: ColumnOrder = ColumnOrder()) {
        self.channels = channels
        self.timeZone = timeZone
        self.office = office
        self.categoryOrder = categoryOrder
    }
}

extension PubsyncConfig {
    /// The report context of this config.
    public var reportContext: ReportContext {
        ReportContext(channels: channels, timeZone: timeZone, office: disclosure.office, categoryOrder: columnOrder)
    }
}

extension ItemStore {
    /// Part one's report of a period. When the period is a year whose official report was
    /// filed, `asOf` defaults to the filing time and the report carries the filing and every
    /// channel figure that has changed since; else it defaults to `now`.
    public func disclosureReport(from: LocalDate, to: LocalDate, asOf: Date?, now: Date, context: ReportContext) throws -> DisclosureReport {
        func build(_ moment: Date) throws -> DisclosureReport {
            var report = try disclosureReport(from: from, to: to, asOf: moment, channels: context.channels,
                                              timeZone: context.timeZone, office: context.office)
            report.categoryOrder = context.categoryOrder
            return report
        }
        let wholeYear = from.month == 1 && from.day == 1 && to.year == from.year && to.month == 12 && to.day == 31
        guard wholeYear, let filing = try latestFiling(year: from.year) else { return try build(asOf ?? now) }
        var report = try build(asOf ?? filing.at)
        let current = try build(now).figures
        let filed = filing.figures.filter { key, _ in key.hasPrefix("channels.") || key.hasPrefix("total.") }
        report.filing = FilingNote(filing: filing, changes: FigureChange.between(filed: filed, current: current))
        return report
    }

    /// The official annual report of `year`. `asOf` (the channel counts' moment) defaults to
    /// the year's filing time once filed, else `now`; `fresh` ignores an earlier filing (a
    /// report about to be filed again). Section 二's document figures never depend on `asOf`.
    public func annualReport(year: Int, figures: AnnualFigures, asOf: Date?, now: Date, context: ReportContext,
                             fresh: Bool = false) throws -> AnnualReport {
        let from = LocalDate(year: year, month: 1, day: 1)!, to = LocalDate(year: year, month: 12, day: 31)!
        let documents = DocumentCounts.tally(try normativeDocuments(), year: year)
        let office = context.office ?? ""
        func build(_ moment: Date) throws -> AnnualReport {
            var channels = try disclosureReport(from: from, to: to, asOf: moment, channels: context.channels,
                                                timeZone: context.timeZone, office: context.office)
            channels.categoryOrder = context.categoryOrder
            return AnnualReport(year: year, office: office, channels: channels, documents: documents, figures: figures)
        }
        guard !fresh, let filing = try latestFiling(year: year) else { return try build(asOf ?? now) }
        var report = try build(asOf ?? filing.at)
        let current = try build(now)
        report.filing = FilingNote(filing: filing, changes: FigureChange.between(filed: filing.figures, current: current.figureList))
        return report
    }

    /// Files `report` as rendered (`rendering`, in `format`): records its figures and the
    /// rendering's SHA-256 by `by`, at the store's clock. Returns the filing.
    @discardableResult
    public func fileAnnualReport(_ report: AnnualReport, rendering: String, format: String, by: String) throws -> ReportFiling {
        let figures = Dictionary(report.figureList.map { ($0.key, $0.value) }, uniquingKeysWith: { first, _ in first })
        let filing = ReportFiling(year: report.year, at: clock(), by: by, sha256: AnnualReport.sha256(rendering),
                                  format: format, figures: figures)
        try recordFiling(filing)
        return filing
    }
}
