import Foundation
import PubsyncCore

extension StaticSiteSession {
    /// The flush proper; the caller holds `lock`.
    ///
    /// Order, so that no page links to a missing one and a killed run is repaired by a repeat:
    /// 1. plan every list page from the ledger's live items overlaid with this session's puts
    ///    and removes (no rendering yet), and the sitemap;
    /// 2. check that no file the adapter did not create is in the way, then record the paths
    ///    about to be created in `.pubsync-pending` (so a repeat knows they are ours);
    /// 3. move new item pages into place (nothing links to them yet); render the list pages
    ///    whose digest changed, one at a time (oldest archive first, home last), writing those
    ///    whose bytes differ; write the sitemap; move replaced item pages into place;
    /// 4. make all of it durable;
    /// 5. delete obsolete archive pages (highest first), pages of removed items, then other
    ///    obsolete pages — everything that linked to them was rewritten in 3;
    /// 6. write the manifest, last.
    func flushLocked(live: [PublishedItem]) throws {
        let renderer = adapter.renderer
        let fingerprint = renderer.fingerprint
        let clock = ContinuousClock()
        var mark = clock.now
        func phase(_ name: String) {
            let now = clock.now
            report.phases.append((name, now - mark))
            mark = now
        }

        // 1. What the site should show.
        var entries: [ListEntry] = []
        entries.reserveCapacity(live.count + puts.count)
        for item in live where puts[item.id] == nil && !removes.contains(item.id) {
            // Only items whose page this adapter holds, so no list links to a missing page.
            guard manifest.entries[SitePaths.item(item.id)] != nil else { continue }
            entries.append(ListEntry(item))
        }
        entries += puts.values
        entries.sort(by: ListEntry.newestFirst)
        let pages = SitePlanner(config: adapter.config).listPages(entries)
        var desired = Set<String>(minimumCapacity: pages.count + 4)
        var stale: [(page: ListPage, digest: Digest32)] = []
        for page in pages.reversed() {
            desired.insert(page.path)
            let digest = page.digest(fingerprint: fingerprint)
            if let old = manifest.entries[page.path], old.digest == digest, try folder.exists(page.path) { continue }
            stale.append((page, digest))
        }
        phase("plan")
        var urls = pages.map { Sitemap.URLEntry(path: $0.path, lastModified: $0.lastModified) }
        urls.reserveCapacity(urls.count + entries.count)
        for entry in entries.reversed() { urls.append(.init(path: SitePaths.item(entry.id), lastModified: entry.updated)) }
        let sitemapFiles = Sitemap(baseURL: adapter.config.baseURL, timeZone: context.timeZone).files(urls)
        urls = []
        for file in sitemapFiles { desired.insert(file.path) }
        phase("sitemap")

        let obsolete = manifest.entries.keys.filter { !$0.hasPrefix("items/") && !desired.contains($0) }
        let archiveDeletes = obsolete.compactMap { path in Self.archiveNumber(path).map { (path, $0) } }
            .sorted { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }.map(\.0)
        let otherDeletes = obsolete.filter { Self.archiveNumber($0) == nil }.sorted()
        let itemDeletes = removes.map(SitePaths.item).filter { manifest.entries[$0] != nil }.sorted()
        var newItems: [String] = []
        var replacedItems: [String] = []
        for path in staged.sorted() {
            if try folder.exists(path) { replacedItems.append(path) } else { newItems.append(path) }
        }

        // 2. Nothing foreign in the way; announce the paths about to be created.
        let createdLists = stale.map(\.page.path).filter { manifest.entries[$0] == nil }
            + sitemapFiles.map(\.path).filter { manifest.entries[$0] == nil }
        for path in createdLists where try folder.exists(path) { throw foreignFile(path) }
        let created = newItems.filter { manifest.entries[$0] == nil } + createdLists
        if !created.isEmpty {
            let path = try folder.write(SitePaths.pending, Array((created.joined(separator: "\n") + "\n").utf8))
            try folder.makeDurable(files: [path], folders: [folder.root])
            report.bookkeepingWritten.append(SitePaths.pending)
        }

        // 3. Write.
        // The manifest in memory follows the disk as files are written and deleted (no copy of
        // 50,000 entries); it is saved at the end when anything changed.
        var manifestChanged = false
        func record(_ path: String, _ entry: ManifestEntry?) {
            if manifest.entries[path] != entry {
                manifest.entries[path] = entry
                manifestChanged = true
            }
        }
        let hadPending = !created.isEmpty || manifest.entries.values.contains(where: { $0.sha256 == nil })
        var written: [String] = []
        var folders = Set<String>()
        func wrote(_ relative: String, _ absolute: String) {
            written.append(absolute)
            folders.insert(String(absolute[..<absolute.lastIndex(of: "/")!]))
            report.events.append(.wrote(relative))
        }
        /// Writes `bytes` unless the file already holds them; records it in the manifest.
        func publish(_ path: String, _ bytes: [UInt8], digest: Digest32?) throws {
            record(path, ManifestEntry(sha256: Digest32(sha256: bytes), digest: digest))
            if try folder.read(path) == bytes { return }
            wrote(path, try folder.write(path, bytes))
        }
        for path in newItems { wrote(path, try folder.commit(path)) }
        for (page, digest) in stale {
            try publish(page.path, Array(renderer.listPage(page).utf8), digest: digest)
        }
        // The index last: it points at the parts.
        for file in sitemapFiles.reversed() { try publish(file.path, file.bytes, digest: nil) }
        for path in replacedItems { wrote(path, try folder.commit(path)) }
        for (path, entry) in itemRecords { record(path, entry) }
        phase("write")

        // 4. Durable before anything is deleted.
        try folder.makeDurable(files: written, folders: folders)
        phase("sync")

        // 5. Delete what nothing links to any more.
        var touched = Set<String>()
        for path in archiveDeletes + itemDeletes + otherDeletes {
            try folder.delete(path)
            report.events.append(.deleted(path))
            record(path, nil)
            if let absolute = try? folder.resolve(path, create: false) {
                touched.insert(String(absolute[..<absolute.lastIndex(of: "/")!]))
            }
        }
        try folder.makeDurable(files: [], folders: touched)
        phase("delete")

        // 6. The manifest, last.
        if manifestChanged {
            let path = try folder.write(SitePaths.manifest, manifest.encoded())
            try folder.makeDurable(files: [path], folders: [folder.root])
            report.bookkeepingWritten.append(SitePaths.manifest)
        }
        if hadPending { try folder.delete(SitePaths.pending) }
        puts = [:]
        removes = []
        staged = []
        itemRecords = [:]
        phase("manifest")
    }

    /// The number of an archive page path (`…/page-12.html` → 12).
    static func archiveNumber(_ path: String) -> Int? {
        guard let slash = path.lastIndex(of: "/") else { return nil }
        let name = path[path.index(after: slash)...]
        guard name.hasPrefix("page-"), name.hasSuffix(".html") else { return nil }
        return Int(name.dropFirst(5).dropLast(5))
    }
}
