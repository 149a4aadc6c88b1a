import Foundation

/// The site's file layout, relative to the output folder. Every path built here is made of
/// checked slugs, so none can climb out of the folder; `OutputFolder` checks again on disk.
enum SitePaths {
    /// Home page.
    static let home = "index.html"
    /// Sitemap (or sitemap index when split).
    static let sitemap = "sitemap.xml"

    /// An item's page.
    static func item(_ id: String) -> String { "items/\(id).html" }
    /// A column's front page (`page == nil`) or archive page `page` (numbered from the oldest).
    static func column(_ slug: String, page: Int? = nil) -> String {
        page.map { "columns/\(slug)/page-\($0).html" } ?? "columns/\(slug)/index.html"
    }
    /// The catalogue's front page or archive page.
    static func catalogue(page: Int? = nil) -> String {
        page.map { "catalogue/page-\($0).html" } ?? "catalogue/index.html"
    }
    /// A column's catalogue: landing page or archive page.
    static func catalogueColumn(_ slug: String, page: Int? = nil) -> String {
        page.map { "catalogue/columns/\(slug)/page-\($0).html" } ?? "catalogue/columns/\(slug)/index.html"
    }
    /// A year's catalogue (by publication date): landing page or archive page.
    static func catalogueYear(_ year: Int, page: Int? = nil) -> String {
        page.map { "catalogue/years/\(year)/page-\($0).html" } ?? "catalogue/years/\(year)/index.html"
    }
    /// Part `n` of a split sitemap.
    static func sitemapPart(_ n: Int) -> String { "sitemap-\(n).xml" }

    /// The prefix that leads from a page back to the site root (pages link relatively,
    /// so the site works under any base path and from `file://`).
    static func root(of path: String) -> String {
        String(repeating: "../", count: path.utf8.filter { $0 == UInt8(ascii: "/") }.count)
    }

    /// The address a path is published at: folders' `index.html` shown as the folder.
    static func publicURL(_ path: String, base: String) -> String {
        if path == home { return base }
        if path.hasSuffix("/index.html") { return base + path.dropLast("index.html".count) }
        return base + path
    }
}
