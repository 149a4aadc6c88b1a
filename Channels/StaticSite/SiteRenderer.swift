import ChannelSupport
import Crypto
import Foundation
import Mustache
import PubsyncCore

/// Turns items and list pages into HTML with the site's templates.
struct SiteRenderer: Sendable {
    let config: SiteConfig
    let templates: StaticSiteTemplates
    let fingerprint: String
    private let markdown: MarkdownRenderer
    private let chrome = SiteChromeCache()

    init(config: SiteConfig, templates: StaticSiteTemplates) {
        self.config = config
        self.templates = templates
        self.markdown = MarkdownRenderer(allowRawHTML: config.allowRawHTML)
        self.fingerprint = Self.fingerprint(config: config, templates: templates)
    }

    /// SHA-256 over the templates in effect and every setting that changes the output.
    static func fingerprint(config: SiteConfig, templates: StaticSiteTemplates) -> String {
        var hasher = SHA256()
        func add(_ text: String) { hasher.update(data: Data(text.utf8)); hasher.update(data: [0x1F]) }
        add("static-site/1")
        add("markdown/\(MarkdownRenderer.version)")
        add(config.output.path)
        add(config.baseURL)
        add(config.title)
        add(config.allowRawHTML ? "raw" : "escaped")
        add(config.footer.fingerprintText)
        add([config.disclosure.guide ?? "-", config.disclosure.rulesColumn, config.disclosure.reportsColumn].joined(separator: "|"))
        add(SearchScript.text)
        for (category, slug) in config.columns.sorted(by: { $0.key < $1.key }) { add(category); add(slug) }
        // Added only when set, so an unchanged config keeps its fingerprint (and republishes nothing).
        if !config.columnOrder.listed.isEmpty { add("order:" + config.columnOrder.listed.joined(separator: "\u{1F}")) }
        if config.pageSize != SiteConfig.defaultPageSize { add("page-size:\(config.pageSize)") }
        for name in DefaultTemplates.names { add(name); add(templates.texts[name]!) }
        return Hex.string(hasher.finalize())
    }

    // MARK: - Pages

    /// The page of one item.
    func itemPage(_ item: PublishedItem, nav: SiteNav) throws -> String {
        let path = SitePaths.item(item.id)
        var context = try common(path: path, nav: nav)
        let root = SitePaths.root(of: path)
        context["title"] = Self.text(item.title)
        if !item.summary.isEmpty { context["summary"] = Self.text(item.summary) }
        context["indexNumber"] = Self.text(item.indexNumber)
        if !item.docNumber.isEmpty { context["docNumber"] = Self.text(item.docNumber) }
        context["unit"] = Self.text(item.unit)
        context["published"] = item.published.description
        context["category"] = Self.text(item.category)
        context["columnHref"] = root + SitePaths.column(config.slug(for: item.category))
        context["body"] = markdown.html(from: item.body)
        ItemMetadataContext(item: item, root: root).add(to: &context)
        if !item.attachments.isEmpty {
            context["hasAttachments"] = true
            context["attachments"] = item.attachments.map { file -> [String: Any] in
                let label = file.kind?.label ?? "文件"
                var entry: [String: Any] = [
                    "href": root + AttachmentPath.urlPath(file), "name": Self.text(file.name), "type": label,
                    "size": Attachment.displaySize(file.size), "mediaType": file.mediaType,
                ]
                // A title other than the file name's stem is shown before the link.
                if file.title != (file.name as NSString).deletingPathExtension { entry["title"] = Self.text(file.title) }
                return entry
            }
        }
        return try render("item", context)
    }

    /// A home, column or catalogue page.
    func listPage(_ page: ListPage, nav: SiteNav) throws -> String {
        var context = try common(path: page.path, nav: nav)
        let root = SitePaths.root(of: page.path)
        switch page.kind {
        case .home(let sections):
            context["sections"] = sections.map { section -> [String: Any] in
                ["name": Self.text(section.name), "href": root + SitePaths.column(section.slug),
                 "rows": rows(section.rows, root: root)]
            }
            context["hasSections"] = !sections.isEmpty
            return try render("home", context)
        case .column(let name, let slug):
            context["name"] = Self.text(name)
            addListFields(&context, page, root: root) { SitePaths.column(slug, page: $0) }
            return try render("column", context)
        case .catalogue(let scope):
            switch scope {
            case .all: break
            case .column(let name, _): context["scopeName"] = Self.text(name)
            case .year(let year): context["scopeName"] = "\(year)年"
            }
            if let links = page.catalogueLinks {
                context["catalogueColumns"] = links.columns.map { ["name": Self.text($0.name), "href": root + SitePaths.catalogueColumn($0.slug)] }
                context["catalogueYears"] = links.years.map { ["year": $0, "href": root + SitePaths.catalogueYear($0)] as [String: Any] }
                context["hasScopes"] = !links.columns.isEmpty || !links.years.isEmpty
            }
            addListFields(&context, page, root: root, path: scope.path)
            return try render("catalogue", context)
        }
    }

    /// Paging links: the landing page leads to the older items and lists the archive pages in
    /// order; an archive page leads to the next newer and older pages and to the landing page.
    private func addListFields(_ context: inout [String: Any], _ page: ListPage, root: String, path: (Int?) -> String) {
        let rows = rows(page.rows, root: root)
        context["rows"] = rows
        context["hasRows"] = !rows.isEmpty
        context["frontHref"] = root + path(nil)
        if let number = page.pageNumber {
            context["pageNumber"] = number
            context["newestHref"] = root + path(nil)
            if number < page.archiveCount { context["newerHref"] = root + path(number + 1) }
            if number > 1 { context["olderHref"] = root + path(number - 1) }
        } else {
            context["total"] = page.total
            if let older = page.olderThanLanding { context["olderHref"] = root + path(older) }
            // The page list in order: the first page, then the newest ten.
            guard page.archiveCount > 1 else { return }
            let newest = Array(max(1, page.archiveCount - 9)...page.archiveCount)
            var shown = newest.first! > 1 ? [1] : []
            shown += newest
            let gap = newest.first! > 2
            context["archives"] = shown.map { ["number": $0, "href": root + path($0), "gap": gap && $0 == 1] as [String: Any] }
            context["hasArchives"] = true
        }
    }

    private func rows(_ entries: ArraySlice<ListEntry>, root: String) -> [[String: Any]] {
        entries.map { entry in
            var row: [String: Any] = [
                "title": Self.text(entry.title), "href": root + SitePaths.item(entry.id),
                "date": entry.published.description, "indexNumber": Self.text(entry.indexNumber),
                "unit": Self.text(entry.unit),
            ]
            // Omitted when empty so that `{{^docNumber}}` works (an empty string is truthy).
            if !entry.docNumber.isEmpty { row["docNumber"] = Self.text(entry.docNumber) }
            if let written = entry.written { row["written"] = written.description }
            if let validity = entry.validity { row["validity"] = validity.rawValue; row["validityClass"] = ItemMetadataContext.cssClass(validity) }
            return row
        }
    }

    /// The variables every page gets (see `DefaultTemplates`), `header` and `footer` included.
    func common(path: String, nav: SiteNav) throws -> [String: Any] {
        let root = SitePaths.root(of: path)
        var context = try chrome.values(root: root, nav: nav) { try chromeValues(root: root, nav: nav) }
        context["canonical"] = SitePaths.publicURL(path, base: config.baseURL)
        return context
    }

    /// The shared variables of the pages under `root`, with the `header` and `footer` templates
    /// rendered from them. Strings are wrapped for the templates here, once.
    private func chromeValues(root: String, nav: SiteNav) throws -> [String: Any] {
        var values: [String: Any] = [
            "siteTitle": config.title,
            "root": root,
            "homeHref": root + SitePaths.home,
            "catalogueHref": root + SitePaths.catalogue(),
            "disclosureHref": root + SiteExtras.disclosurePath,
            "searchHref": root + SiteExtras.searchPath,
            "nav": nav.columns.map { ["name": $0.name, "href": root + SitePaths.column($0.slug)] },
        ]
        let footer = config.footer
        let fields: [(String, String?)] = [
            ("footerSponsor", footer.sponsor), ("footerOperator", footer.operatorName), ("footerContact", footer.contact),
            ("footerSiteCode", footer.siteCode), ("footerICP", footer.icp), ("footerPolice", footer.policeRecord),
            ("footerErrorReport", footer.errorReportURL),
        ]
        for (key, value) in fields { if let value { values[key] = value } }
        values["icpHref"] = SiteFooter.icpRecordURL
        values = values.mapValues(TemplateContext.wrap)
        values["header"] = TemplateText(try render("header", values))
        values["footer"] = TemplateText(try render("footer", values))
        return values
    }

    /// Renders a template; a template that cannot be rendered fails the operation (a page is
    /// never written empty).
    func render(_ template: String, _ context: [String: Any]) throws -> String {
        guard let page = templates.library.render(TemplateContext(wrapping: context), withTemplate: template) else {
            throw PubsyncError(.channel, "template '\(template)' could not be rendered")
        }
        return page
    }

    /// Item text with the control characters HTML forbids removed (Mustache escapes the rest).
    static func text(_ value: String) -> String { HTMLSanitizer.stripControls(value) }
}
