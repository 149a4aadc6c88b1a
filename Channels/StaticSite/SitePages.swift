import ChannelSupport
import Crypto
import Foundation
import PubsyncCore

/// What list pages show of an item: no body, no summary, so 100,000 of them stay small. A class:
/// the planner's per-column and per-year lists and the pages' rows share one copy of each.
final class ListEntry: Sendable {
    let id: String
    let title: String
    let category: String
    let unit: String
    let indexNumber: String
    let docNumber: String
    let published: LocalDate
    let updated: Date
    let written: LocalDate?
    let validity: Validity?
    /// SHA-256 of what a list row shows: computed once, where each entry is in four or more
    /// list pages whose digests (`ListPage.digest`) take it.
    let rowDigest: Digest32

    init(_ item: PublishedItem) {
        id = item.id
        title = item.title
        category = item.category
        unit = item.unit
        indexNumber = item.indexNumber
        docNumber = item.docNumber
        published = item.published
        updated = item.updated
        written = item.metadata.written
        validity = item.validity
        var input: [UInt8] = []
        input.reserveCapacity(256)
        for field in [id, title, unit, indexNumber, docNumber] {
            input.append(contentsOf: field.utf8)
            input.append(0x1F)
        }
        published.appendDescription(to: &input)
        input.append(0x1F)
        written?.appendDescription(to: &input)
        input.append(0x1F)
        input.append(contentsOf: (validity?.rawValue ?? "").utf8)
        rowDigest = Digest32(sha256: input)
    }

    /// The live order: publication date descending, then id descending.
    static func newestFirst(_ a: ListEntry, _ b: ListEntry) -> Bool {
        a.published != b.published ? a.published > b.published : a.id > b.id
    }
}

/// How a newest-first list is cut into pages (DESIGN.md, StaticSite). The landing page shows
/// the newest `size` items, a full page. Archive pages are fixed blocks of `size` numbered from
/// the oldest (page 1 holds the oldest), the newest block possibly partial; the landing page
/// overlaps it. Adding an item changes only the newest block (or starts a new one): full
/// archive pages never change.
struct Pagination: Sendable {
    /// Items per page.
    let size: Int

    /// The number of archive pages for `count` items (0 → 0; 1…size → 1; size+1 → 2).
    func archiveCount(_ count: Int) -> Int { count <= 0 ? 0 : (count + size - 1) / size }

    /// The newest-first slice shown on the landing page.
    func landing<C: RandomAccessCollection>(_ items: C) -> C.SubSequence where C.Index == Int {
        items.prefix(size)
    }

    /// The newest-first slice shown on archive page `page` (1 = oldest).
    func archive<C: RandomAccessCollection>(_ items: C, page: Int) -> C.SubSequence where C.Index == Int {
        let end = items.startIndex + items.count - (page - 1) * size
        return items[max(items.startIndex, end - size)..<end]
    }

    /// The archive page holding the newest item older than the landing page's, if any.
    func olderThanLanding(_ count: Int) -> Int? {
        count > size ? (count - size - 1) / size + 1 : nil
    }
}

/// Which items a catalogue page lists: all, one column's, or one year's.
enum CatalogueScope: Sendable, Hashable {
    case all
    case column(name: String, slug: String)
    case year(Int)

    /// The scope's landing page (`page == nil`) or archive page.
    func path(page: Int?) -> String {
        switch self {
        case .all: return SitePaths.catalogue(page: page)
        case .column(_, let slug): return SitePaths.catalogueColumn(slug, page: page)
        case .year(let year): return SitePaths.catalogueYear(year, page: page)
        }
    }
}

/// One list page to publish (home, a column page, a catalogue page), with the rows it shows.
struct ListPage: Sendable {
    enum Kind: Sendable {
        case home(sections: [HomeSection])
        case column(name: String, slug: String)
        case catalogue(CatalogueScope)
    }

    /// Where the catalogue's landing page leads: its per-column and per-year pages.
    struct CatalogueLinks: Sendable, Hashable {
        var columns: [(name: String, slug: String)]
        var years: [Int]

        static func == (a: CatalogueLinks, b: CatalogueLinks) -> Bool {
            a.years == b.years && a.columns.map(\.name) == b.columns.map(\.name) && a.columns.map(\.slug) == b.columns.map(\.slug)
        }

        func hash(into hasher: inout Hasher) {
            hasher.combine(years)
            for column in columns { hasher.combine(column.name); hasher.combine(column.slug) }
        }
    }

    /// The newest items of one column, as the home page shows them.
    struct HomeSection: Sendable {
        var name: String
        var slug: String
        var rows: ArraySlice<ListEntry>
    }

    var path: String
    var kind: Kind
    /// Archive page number (from the oldest), nil for a front page.
    var pageNumber: Int?
    /// How many archive pages the list has, and how many items it holds.
    var archiveCount = 0
    var total = 0
    var rows: ArraySlice<ListEntry> = []
    /// For landing pages: the archive page the "older" link leads to.
    var olderThanLanding: Int?
    /// For the whole catalogue's landing page: its per-column and per-year pages.
    var catalogueLinks: CatalogueLinks?

    /// The items whose change would show on this page.
    var allRows: [ArraySlice<ListEntry>] {
        if case .home(let sections) = kind { return sections.map(\.rows) }
        return [rows]
    }

    /// The newest `updated` of the page's rows (the sitemap's `lastmod`).
    var lastModified: Date? {
        allRows.lazy.flatMap { $0 }.map(\.updated).max()
    }

    /// A digest of everything the page's bytes depend on besides the templates and config
    /// (which `fingerprint` covers): a page whose digest is unchanged need not be rendered.
    func digest(fingerprint: String) -> Digest32 {
        var input: [UInt8] = []
        input.reserveCapacity(4096)
        func add(_ text: String) { input.append(contentsOf: text.utf8); input.append(0x1F) }
        add(fingerprint)
        add(path)
        add(pageNumber.map(String.init) ?? "front")
        add(pageNumber == nil ? String(archiveCount) : "")
        add(pageNumber == nil ? String(total) : "")
        switch kind {
        case .home(let sections):
            for section in sections { add("section"); add(section.name); add(section.slug); addRows(section.rows) }
        case .column(let name, let slug):
            add(name); add(slug); addRows(rows)
        case .catalogue(let scope):
            switch scope {
            case .all: add("all")
            case .column(let name, let slug): add(name); add(slug)
            case .year(let year): add(String(year))
            }
            if let links = catalogueLinks {
                for column in links.columns { add(column.name); add(column.slug) }
                add(links.years.map(String.init).joined(separator: ","))
            }
            addRows(rows)
        }
        // Archive pages link to the next newer page when there is one: that depends on the count.
        if pageNumber != nil { add(pageNumber == archiveCount ? "newest" : "older") }
        func addRows(_ rows: ArraySlice<ListEntry>) {
            for row in rows { row.rowDigest.appendHex(to: &input) }
        }
        return Digest32(sha256: input)
    }
}

/// Builds every list page of the site from the live entries (newest first).
struct SitePlanner {
    var config: SiteConfig
    /// How many items of each column the home page shows.
    static let homeRows = 6

    /// All list pages: home, each column's landing and archive pages, the catalogue's (whole,
    /// per column, per year).
    func listPages(_ entries: [ListEntry]) -> [ListPage] {
        var byCategory: [String: [ListEntry]] = [:]
        var byYear: [Int: [ListEntry]] = [:]
        for entry in entries {
            byCategory[entry.category, default: []].append(entry)
            byYear[entry.published.year, default: []].append(entry)
        }
        // A column with no live item has no page at all (a blank column fails the spot check).
        let categories = config.columnOrder.sorted(byCategory.keys)

        var pages: [ListPage] = []
        var sections: [ListPage.HomeSection] = []
        var catalogueColumns: [(name: String, slug: String)] = []
        for category in categories {
            let items = byCategory[category]!
            let slug = config.slug(for: category)
            pages += paginate(items, kind: .column(name: category, slug: slug)) { SitePaths.column(slug, page: $0) }
            guard !items.isEmpty else { continue }
            sections.append(.init(name: category, slug: slug, rows: items.prefix(Self.homeRows)))
            catalogueColumns.append((category, slug))
            let scope = CatalogueScope.column(name: category, slug: slug)
            pages += paginate(items, kind: .catalogue(scope), path: scope.path)
        }
        pages.insert(ListPage(path: SitePaths.home, kind: .home(sections: sections)), at: 0)
        let years = byYear.keys.sorted(by: >)
        for year in years {
            let scope = CatalogueScope.year(year)
            pages += paginate(byYear[year]!, kind: .catalogue(scope), path: scope.path)
        }
        var catalogue = paginate(entries, kind: .catalogue(.all), path: CatalogueScope.all.path)
        catalogue[0].catalogueLinks = ListPage.CatalogueLinks(columns: catalogueColumns, years: years)
        pages += catalogue
        return pages
    }

    private func paginate(_ items: [ListEntry], kind: ListPage.Kind, path: (Int?) -> String) -> [ListPage] {
        let paging = Pagination(size: config.pageSize)
        let archives = paging.archiveCount(items.count)
        var pages = [ListPage(path: path(nil), kind: kind, pageNumber: nil, archiveCount: archives,
                              total: items.count, rows: paging.landing(items), olderThanLanding: paging.olderThanLanding(items.count))]
        for number in stride(from: archives, through: 1, by: -1) {
            pages.append(ListPage(path: path(number), kind: kind, pageNumber: number, archiveCount: archives,
                                  rows: paging.archive(items, page: number)))
        }
        return pages
    }
}
