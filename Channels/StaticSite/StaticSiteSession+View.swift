import ChannelSupport
import Foundation
import PubsyncCore

/// What the site should show at a flush: the list entries, newest first, the navigation they
/// make, and the attachment files their pages link to. A class, so the flush can let go of the
/// entries (100,000 of them in a first publish) as soon as it has planned from them.
final class SiteView {
    var entries: [ListEntry]
    let nav: SiteNav
    let neededFiles: Set<String>

    init(entries: [ListEntry], nav: SiteNav, neededFiles: Set<String>) {
        self.entries = entries
        self.nav = nav
        self.neededFiles = neededFiles
    }
}

/// The ledger's side of a `SiteView`, read with one cursor: list entries only, never the items.
struct LedgerListing: Sendable {
    /// Live items whose page the adapter holds, in no particular order (`overlay` sorts them).
    var entries: [ListEntry] = []
    /// Their attachment paths, by item id (items with files only).
    var files: [String: [String]] = [:]
}

extension StaticSiteSession {
    /// Reads what the ledger holds live on the site, keeping only what lists and the file
    /// cleanup need of each item (a site of 100,000 items is read without holding its items).
    func readLedger() async throws -> LedgerListing {
        let manifest = lock.withLock { self.manifest }
        var listing = LedgerListing()
        // A column's name and a unit are a few texts shared by thousands of items: each held
        // once (at 100,000 items a unit's own copy in every entry was 7 MB of the peak).
        var shared = Set<String>()
        func once(_ text: String) -> String { shared.insert(text).memberAfterInsert }
        try await context.live.forEachItemUnordered(includeBody: false) { item in
            // No list links to a page the adapter does not hold.
            guard manifest.entries[SitePaths.item(item.id)] != nil else { return }
            var item = item
            (item.category, item.unit) = (once(item.category), once(item.unit))
            listing.entries.append(ListEntry(item))
            if !item.attachments.isEmpty { listing.files[item.id] = item.attachments.map(AttachmentPath.relative) }
        }
        return listing
    }

    /// The ledger's listing overlaid with this session's puts and removes (and those of the
    /// previous flush, which the ledger may not hold yet). Caller holds `lock`.
    func overlay(_ ledger: LedgerListing) -> SiteView {
        var entries: [ListEntry] = []
        entries.reserveCapacity(ledger.entries.count + puts.count + flushedPuts.count)
        func overlaid(_ id: String) -> Bool {
            puts[id] != nil || removes.contains(id) || flushedPuts[id] != nil || flushedRemoves.contains(id)
        }
        for entry in ledger.entries where !overlaid(entry.id) { entries.append(entry) }
        for (id, entry) in flushedPuts where puts[id] == nil && !removes.contains(id) { entries.append(entry) }
        entries += puts.values
        entries.sort(by: ListEntry.newestFirst)

        // Files: those of puts in progress and of every item put in this session (the ledger
        // may learn of a put only with a later batch), and of the ledger's other live items.
        var needed = Set(reservedFiles.keys)
        for paths in putFiles.values { needed.formUnion(paths) }
        for (id, paths) in ledger.files where putFiles[id] == nil && puts[id] == nil && !removes.contains(id) {
            needed.formUnion(paths)
        }
        return SiteView(entries: entries, nav: SiteNav(entries: entries, config: adapter.config), neededFiles: needed)
    }

    /// `nav` with the columns of this session's unflushed puts added (a flush of puts only
    /// can add a column, never empty one). Caller holds `lock`.
    func navAddingPuts(_ nav: SiteNav) -> SiteNav {
        let shown = Set(nav.columns.map(\.name))
        let added = Set(puts.values.map(\.category)).subtracting(shown)
        if added.isEmpty { return nav }
        let columns = shown.union(added)
        let config = adapter.config
        return SiteNav(columns: config.orderedColumns.filter { columns.contains($0) }.map { SiteNav.Column(name: $0, slug: config.columns[$0]!) })
    }
}
