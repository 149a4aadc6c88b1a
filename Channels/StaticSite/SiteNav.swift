import Foundation

/// The columns every page's navigation shows: the configured columns that hold a live item,
/// in column order. A column with no live item is in no navigation (a blank column fails the
/// spot check). Item pages show it too, so when it changes every page is rewritten (rare).
struct SiteNav: Sendable, Hashable {
    /// One navigation entry.
    struct Column: Sendable, Hashable {
        var name: String
        var slug: String
    }

    var columns: [Column]

    /// The navigation for the given live entries.
    init(entries: [ListEntry], config: SiteConfig) {
        let live = Set(entries.map(\.category))
        columns = config.orderedColumns.filter { live.contains($0) }.map { Column(name: $0, slug: config.columns[$0]!) }
    }

    init(columns: [Column]) { self.columns = columns }

    /// The file the adapter keeps the item pages' navigation in (bookkeeping, not published).
    static let path = ".pubsync-nav"

    /// A stable text of the navigation, for that file and for page digests.
    var text: String { columns.map { "\($0.name)\t\($0.slug)\n" }.joined() }

    /// Parses `text`; nil when it is not one.
    init?(text: String) {
        var columns: [Column] = []
        for line in text.split(separator: "\n") {
            let parts = line.split(separator: "\t")
            guard parts.count == 2 else { return nil }
            columns.append(Column(name: String(parts[0]), slug: String(parts[1])))
        }
        self.columns = columns
    }
}
