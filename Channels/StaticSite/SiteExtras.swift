import Foundation
import PubsyncCore

/// The site's pages and files besides items and lists: the 政府信息公开 section, the search
/// page, its script and its index. Rebuilt at every flush from the live entries; only files
/// whose bytes change are written.
struct SiteExtras {
    /// The 政府信息公开 section's page.
    static let disclosurePath = "disclosure/index.html"
    /// The search page.
    static let searchPath = "search/index.html"
    /// The folders these files live in (for leftover temp files).
    static let folders = ["disclosure", "search", "search/t", "search/r", "assets"]

    let config: SiteConfig
    let renderer: SiteRenderer

    /// Hands `paths` every extra file's path for the live entries (newest first), then makes the
    /// files one at a time and hands each to `body` (the search index of 100,000 items is never
    /// held whole; of its files, only those `index` writes).
    func forEachFile(_ entries: [ListEntry], nav: SiteNav, index: SearchIndex.Update,
                     paths: ([String]) throws -> Void, _ body: (String, [UInt8]) throws -> Void) throws {
        try paths([SearchScript.path, Self.disclosurePath, Self.searchPath] + index.paths)
        try body(SearchScript.path, Array(SearchScript.text.utf8))
        try body(Self.disclosurePath, Array(try disclosurePage(entries, nav: nav).utf8))
        try body(Self.searchPath, Array(try searchPage(nav: nav).utf8))
        try index.forEachFile(body)
    }

    /// The four entries of 国办公开办函〔2019〕61号, each linked only when it has a live page.
    func disclosurePage(_ entries: [ListEntry], nav: SiteNav) throws -> String {
        let path = Self.disclosurePath
        let root = SitePaths.root(of: path)
        var context = try renderer.common(path: path, nav: nav)
        let categories = Set(entries.map(\.category))
        let settings = config.disclosure
        func column(_ name: String) -> String? {
            categories.contains(name) ? root + SitePaths.column(config.slug(for: name)) : nil
        }
        let guide = settings.guide.flatMap { id in entries.contains { $0.id == id } ? root + SitePaths.item(id) : nil }
        let rows: [(String, String?, String)] = [
            ("政府信息公开指南", guide, "公开的主体、方式、途径、程序和时限。"),
            ("政府信息公开制度", column(settings.rulesColumn), "政府信息公开工作的制度规定。"),
            ("法定主动公开内容", root + SitePaths.catalogue(), "信息公开目录：索引号、名称、文号、发布机构、发布日期。"),
            ("政府信息公开工作年度报告", column(settings.reportsColumn), "历年政府信息公开工作年度报告。"),
        ]
        context["entries"] = rows.map { name, href, note -> [String: Any] in
            var row: [String: Any] = ["name": name, "note": href == nil ? note + "（暂无）" : note]
            if let href { row["href"] = href }
            return row
        }
        return try renderer.render("disclosure", context)
    }

    /// The search page: a form and the site's own script.
    func searchPage(nav: SiteNav) throws -> String {
        var context = try renderer.common(path: Self.searchPath, nav: nav)
        context["scriptHref"] = SitePaths.root(of: Self.searchPath) + SearchScript.path
        return try renderer.render("search", context)
    }
}

/// What the site's 政府信息公开 section links to (from `[disclosure]`).
public struct SiteDisclosure: Sendable, Hashable {
    /// The item id of the 政府信息公开指南.
    public var guide: String?
    /// The column of the 政府信息公开制度.
    public var rulesColumn: String
    /// The column of the annual reports.
    public var reportsColumn: String

    /// The column of the 政府信息公开制度 when `[disclosure] rules_column` is not set.
    public static let defaultRulesColumn = "政府信息公开制度"
    /// The column of the annual reports when `[disclosure] reports_column` is not set.
    public static let defaultReportsColumn = "政府信息公开年报"

    /// The defaults of DESIGN.md.
    public init(guide: String? = nil, rulesColumn: String = SiteDisclosure.defaultRulesColumn,
                reportsColumn: String = SiteDisclosure.defaultReportsColumn) {
        self.guide = guide
        self.rulesColumn = rulesColumn
        self.reportsColumn = reportsColumn
    }
}
