import Crypto
import Foundation
import PubsyncCore

/// The settings of one `static-site` channel, checked and resolved.
public struct SiteConfig: Sendable, Hashable {
    /// The folder the site is written into.
    public var output: URL
    /// The site's public address, always ending in `/` (used in the sitemap and canonical links).
    public var baseURL: String
    /// The site's title, shown in every page header.
    public var title: String
    /// A folder whose `*.mustache` files override the embedded templates of the same names.
    public var templatesDirectory: URL?
    /// Category → URL slug, from the `[channels.columns]` table.
    public var columns: [String: String]
    /// Whether raw HTML inside Markdown bodies is passed through (dangerous attributes and
    /// `javascript:` links are dropped even then).
    public var allowRawHTML: Bool
    /// The office's column order (`column_order`): navigation, home page and catalogue follow it.
    public var columnOrder: ColumnOrder
    /// Items per list page (`page_size`, default 20).
    public var pageSize: Int
    /// Who runs the site, shown in every page's footer.
    public var footer = SiteFooter()
    /// What the 政府信息公开 section links to.
    public var disclosure = SiteDisclosure()

    /// Creates a config; `baseURL` gets a trailing `/` when it lacks one.
    public init(output: URL, baseURL: String, title: String = SiteConfig.defaultTitle,
                templatesDirectory: URL? = nil, columns: [String: String] = [:], allowRawHTML: Bool = false,
                columnOrder: ColumnOrder = ColumnOrder(), pageSize: Int = SiteConfig.defaultPageSize) {
        self.output = output
        self.baseURL = baseURL.hasSuffix("/") ? baseURL : baseURL + "/"
        self.title = title
        self.templatesDirectory = templatesDirectory
        self.columns = columns
        self.allowRawHTML = allowRawHTML
        self.columnOrder = columnOrder
        self.pageSize = pageSize
    }

    /// Items per list page when `page_size` is not set.
    public static let defaultPageSize = 20

    /// The configured columns' categories in the office's order.
    public var orderedColumns: [String] { columnOrder.sorted(columns.keys) }

    /// The title used when the config gives none.
    public static let defaultTitle = "政府信息公开"

    /// Reads and checks the channel's keys; errors name the config file, channel and key.
    public init(_ settings: ChannelSettings) throws {
        let output = try settings.requiredPath("output")
        let base = try settings.requiredString("base_url")
        guard let url = URL(string: base), let scheme = url.scheme?.lowercased(),
              scheme == "http" || scheme == "https", url.host != nil else {
            throw settings.error("base_url", "must be an http(s) address such as \"https://www.example.gov.cn/\", not \"\(Redacted.url(base))\"")
        }
        let title = try settings.string("title") ?? settings.disclosure.office ?? SiteConfig.defaultTitle
        let columns = try settings.stringTable("columns") ?? [:]
        for (category, slug) in columns where !Slug.isValid(slug) {
            throw settings.error("columns", "maps \"\(category)\" to \"\(slug)\"; a slug is lowercase letters, digits, '-', '_' or '.', starting with a letter or digit")
        }
        var seen: [String: String] = [:]
        for (category, slug) in columns.sorted(by: { $0.key < $1.key }) {
            if let other = seen[slug] {
                throw settings.error("columns", "maps both \"\(other)\" and \"\(category)\" to the slug \"\(slug)\"")
            }
            seen[slug] = category
        }
        let order = try settings.strings("column_order") ?? []
        if let duplicate = Dictionary(grouping: order, by: { $0 }).first(where: { $0.value.count > 1 })?.key {
            throw settings.error("column_order", "names \"\(duplicate)\" twice")
        }
        self.init(output: output, baseURL: base, title: title, templatesDirectory: try settings.path("templates"),
                  columns: columns, allowRawHTML: try settings.bool("allow_raw_html") ?? false,
                  columnOrder: ColumnOrder(order), pageSize: try settings.integer("page_size", in: 1...500) ?? SiteConfig.defaultPageSize)
        self.footer = try SiteFooter(settings)
        let disclosure = settings.disclosure
        self.disclosure = SiteDisclosure(guide: disclosure.guide, rulesColumn: disclosure.rulesColumn ?? SiteDisclosure.defaultRulesColumn,
                                         reportsColumn: disclosure.reportsColumn ?? SiteDisclosure.defaultReportsColumn)
    }

    /// The URL slug of a category's column: the configured one, else `c-` and 8 hex digits
    /// of the category name's SHA-256.
    public func slug(for category: String) -> String {
        if let slug = columns[category] { return slug }
        let digest = SHA256.hash(data: Data(category.utf8))
        return "c-" + Hex.string(digest.prefix(4))
    }
}
