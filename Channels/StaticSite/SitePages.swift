import Crypto
import Foundation
import PubsyncCore

/// What list pages show of an item: no body, no summary, so 50,000 of them stay small.
struct ListEntry: Sendable, Hashable {
    var id: String
    var title: String
    var category: String
    var unit: String
    var indexNumber: String
    var docNumber: String
    var published: LocalDate
    var updated: Date

    init(_ item: PublishedItem) {
        id = item.id
        title = item.title
        category = item.category
        unit = item.unit
        indexNumber = item.indexNumber
        docNumber = item.docNumber
        published = item.published
        updated = item.updated
    }

    /// The live order: publication date descending, then id descending.
    static func newestFirst(_ a: ListEntry, _ b: ListEntry) -> Bool {
        a.published != b.published ? a.published > b.published : a.id > b.id
    }
}

/// How a newest-first list is cut into pages. Archive pages are numbered from the oldest
/// (page 1 holds the oldest 20) and are always full; the front page holds the newest
/// 1…20 items. So with n items there are (n-1)/20 archive pages, and adding an item only
/// grows the front page, or — when it was full — turns its oldest 20 into a new archive
/// page: archive pages never change when items are added.
enum Pagination {
    /// Items per page.
    static let pageSize = 20

    /// The number of archive pages for `count` items (0, 1, 20 → 0; 21, 40 → 1; 41 → 2).
    static func archiveCount(_ count: Int) -> Int { count <= 0 ? 0 : (count - 1) / pageSize }

    /// The newest-first slice shown on the front page.
    static func front<C: RandomAccessCollection>(_ items: C) -> C.SubSequence where C.Index == Int {
        let archives = archiveCount(items.count)
        return items[items.startIndex..<(items.startIndex + items.count - archives * pageSize)]
    }

    /// The newest-first slice shown on archive page `page` (1 = oldest).
    static func archive<C: RandomAccessCollection>(_ items: C, page: Int) -> C.SubSequence where C.Index == Int {
        let end = items.startIndex + items.count - (page - 1) * pageSize
        return items[(end - pageSize)..<end]
    }
}

/// One list page to publish (home, a column page, a catalogue page), with the rows it shows.
struct ListPage: Sendable {
    enum Kind: Sendable {
        case home(sections: [HomeSection])
        case column(name: String, slug: String)
        case catalogue
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
    /// For front pages: how many archive pages exist and how many items the list holds.
    var archiveCount = 0
    var total = 0
    var rows: ArraySlice<ListEntry> = []

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
        add(String(archiveCount))
        add(String(total))
        switch kind {
        case .home(let sections):
            for section in sections { add("section"); add(section.name); add(section.slug); addRows(section.rows) }
        case .column(let name, let slug):
            add(name); add(slug); addRows(rows)
        case .catalogue:
            addRows(rows)
        }
        func addRows(_ rows: ArraySlice<ListEntry>) {
            for row in rows {
                add(row.id); add(row.title); add(row.unit); add(row.indexNumber); add(row.docNumber)
                add(row.published.description)
            }
        }
        return Digest32(sha256: input)
    }
}

/// Builds every list page of the site from the live entries (newest first).
struct SitePlanner {
    var config: SiteConfig
    /// How many items of each column the home page shows.
    static let homeRows = 6

    /// All list pages: home, each column's front and archive pages, the catalogue's.
    func listPages(_ entries: [ListEntry]) -> [ListPage] {
        var byCategory: [String: [ListEntry]] = [:]
        for entry in entries { byCategory[entry.category, default: []].append(entry) }
        // Configured columns always have a front page: every page's navigation links to them.
        for category in config.columns.keys where byCategory[category] == nil { byCategory[category] = [] }
        let categories = byCategory.keys.sorted()

        var pages: [ListPage] = []
        var sections: [ListPage.HomeSection] = []
        for category in categories {
            let items = byCategory[category]!
            let slug = config.slug(for: category)
            if !items.isEmpty {
                sections.append(.init(name: category, slug: slug, rows: items.prefix(Self.homeRows)))
            }
            pages += paginate(items, kind: .column(name: category, slug: slug)) { SitePaths.column(slug, page: $0) }
        }
        pages.insert(ListPage(path: SitePaths.home, kind: .home(sections: sections)), at: 0)
        pages += paginate(entries, kind: .catalogue) { SitePaths.catalogue(page: $0) }
        return pages
    }

    private func paginate(_ items: [ListEntry], kind: ListPage.Kind, path: (Int?) -> String) -> [ListPage] {
        let archives = Pagination.archiveCount(items.count)
        var pages = [ListPage(path: path(nil), kind: kind, pageNumber: nil, archiveCount: archives,
                              total: items.count, rows: Pagination.front(items))]
        for number in stride(from: archives, through: 1, by: -1) {
            pages.append(ListPage(path: path(number), kind: kind, pageNumber: number,
                                  rows: Pagination.archive(items, page: number)))
        }
        return pages
    }
}
