import Foundation

extension AnnualReport {
    /// The item id the report is published under: `annual-report-{year}`.
    public var itemID: String { ReportFiling.itemID(year: year) }

    /// The column the report is published in when `[disclosure] reports_column` is not set.
    public static let defaultColumn = "政府信息公开年报"

    /// The report as an item to import: the Markdown rendering in `column`, dated `today` (so it
    /// is not counted in its own year), unit the office, not approved (it is reviewed like any item);
    /// its 索引号 is generated at import.
    public func draft(column: String, today: LocalDate) -> ImportDraft {
        let content = RevisionContent(title: title, summary: "\(office)\(year)年政府信息公开工作年度报告（国办公开办函〔2021〕30号格式）",
                                      body: markdown(), category: column, unit: office, published: today)
        return ImportDraft(id: itemID, content: content, wantsApproval: false, reviewer: nil, leader: nil,
                           source: SourceLocation(file: "report --official --publish (\(year))"))
    }
}

extension ItemStore {
    /// Imports `report` as its item (see `AnnualReport.draft`): a new item, or a new unapproved
    /// head revision of it when the report changed since the last `--publish`.
    @discardableResult
    public func importAnnualReport(_ report: AnnualReport, column: String, today: LocalDate, actor: String,
                                   numbering: IndexNumbering?) throws -> ImportSummary {
        try importItems(actor: actor, numbering: numbering) { emit in try emit(report.draft(column: column, today: today)) }
    }
}
