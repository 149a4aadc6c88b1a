import ChannelSupport
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
    /// 3. move attachment files into place, then new item pages (nothing links to them yet); render the list pages
    ///    whose digest changed, one at a time (oldest archive first, home last), writing those
    ///    whose bytes differ; write the sitemap; move replaced item pages into place;
    /// 4. make all of it durable;
    /// 5. delete obsolete archive pages (highest first), pages of removed items, then other
    ///    obsolete pages and the attachment files no live item needs — everything that linked
    ///    to them was rewritten in 3;
    /// 6. write the manifest, last.
    ///
    /// Without `listing` (a mid-phase flush of puts only, `PutFlushing`), 1 plans no list page,
    /// 3 writes files and item pages only, 5 deletes nothing, and `.pubsync-unlisted` is made
    /// durable before the manifest: the pages are published, and the next complete flush (of
    /// this run, or of the next run if this one is killed) lists them.
    func flushLocked(_ view: SiteView, bodies: [String: PublishedItem], listing: Bool = true) throws {
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
        var entries = view.entries
        let nav = view.nav
        let navChanged = nav != itemNav
        if navChanged { try restageItemPages(entries, nav: nav, bodies: bodies) }
        var pages = listing ? SitePlanner(config: adapter.config).listPages(entries) : []
        var desired = Set<String>(minimumCapacity: pages.count + 4)
        var stale: [(page: ListPage, digest: Digest32)] = []
        for page in pages.reversed() {
            desired.insert(page.path)
            let digest = page.digest(fingerprint: fingerprint + "\u{1F}" + nav.text)
            if let old = manifest.entries[page.path], old.digest == digest, try folder.exists(page.path) { continue }
            stale.append((page, digest))
        }
        phase("plan")
        var docs = (try folder.read(SearchIndex.docsPath)).flatMap(SearchIndex.DocNumbers.init(bytes:)) ?? SearchIndex.DocNumbers()
        let oldDocs = docs
        if listing { docs.assign(entries) }
        var extras: [(path: String, bytes: [UInt8], sha: Digest32)] = []
        for file in listing ? try SiteExtras(config: adapter.config, renderer: renderer).files(entries, nav: nav, docs: docs) : [] {
            desired.insert(file.path)
            let sha = Digest32(sha256: file.bytes)
            if manifest.entries[file.path]?.sha256 == sha, try folder.exists(file.path) { continue }
            extras.append((file.path, file.bytes, sha))
        }
        phase("search")
        var sitemapFiles: [(path: String, bytes: [UInt8])] = []
        if listing {
            var urls = pages.map { Sitemap.URLEntry(path: $0.path, lastModified: $0.lastModified) }
            urls.append(.init(path: SiteExtras.disclosurePath, lastModified: nil))
            urls.reserveCapacity(urls.count + entries.count)
            for entry in entries.reversed() { urls.append(.init(path: SitePaths.item(entry.id), lastModified: entry.updated)) }
            sitemapFiles = Sitemap(baseURL: adapter.config.baseURL, timeZone: context.timeZone).files(urls)
        }
        for file in sitemapFiles { desired.insert(file.path) }
        desired.formUnion(view.neededFiles)
        // Planned: the entries live on only in the rows of the pages still to render, and each
        // set of bytes below is let go once written (a first publish of 100,000 items would
        // otherwise hold them all, with the manifest, when it saves the manifest).
        entries = []
        view.entries = []
        phase("sitemap")

        let obsolete = listing ? manifest.entries.keys.filter { !$0.hasPrefix("items/") && !desired.contains($0) } : []
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
            + extras.map(\.path).filter { manifest.entries[$0] == nil }
            + sitemapFiles.map(\.path).filter { manifest.entries[$0] == nil }
            + stagedFiles.keys.filter { manifest.entries[$0] == nil }.sorted()
        for path in createdLists where try folder.exists(path) { throw foreignFile(path) }
        let created = newItems.filter { manifest.entries[$0] == nil } + createdLists
        if !created.isEmpty {
            try folder.announce(created)
            report.bookkeepingWritten.append(OutputManifest.pendingFileName)
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
        try commitStagedFiles(wrote: wrote, record: record)
        for path in newItems { wrote(path, try folder.commit(path)) }
        // Rendered on every core a slice at a time, written one by one in the planned order.
        for first in stride(from: 0, to: stale.count, by: 256) {
            let part = stale[first..<min(first + 256, stale.count)]
            let rendered = ConcurrentParts<Result<[UInt8], any Error>>(count: part.count)
            DispatchQueue.concurrentPerform(iterations: part.count) { offset in
                rendered.set(offset, Result { Array(try renderer.listPage(part[first + offset].page, nav: nav).utf8) })
            }
            for (offset, bytes) in rendered.values.enumerated() {
                let (page, digest) = part[first + offset]
                try publish(page.path, try bytes.get(), digest: digest)
            }
        }
        (stale, pages) = ([], [])
        for file in extras { try publish(file.path, file.bytes, digest: nil) }
        extras = []
        // The index last: it points at the parts.
        for file in sitemapFiles.reversed() { try publish(file.path, file.bytes, digest: nil) }
        sitemapFiles = []
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
            if Self.isFile(path) { folder.deleteFolderIfEmpty(String(path[..<path.lastIndex(of: "/")!])) }
        }
        try folder.makeDurable(files: [], folders: touched)
        phase("delete")

        // What the lists do not show yet is remembered before the ledger can record it.
        if !listing && !unlisted {
            let marker = try folder.write(Self.unlistedPath, [])
            try folder.makeDurable(files: [marker], folders: [String(marker[..<marker.lastIndex(of: "/")!])])
            unlisted = true
        }

        // 6. The manifest, last.
        if manifestChanged {
            try folder.save(manifest, clearingAnnouncement: hadPending)
            report.bookkeepingWritten.append(OutputManifest.fileName)
        } else if hadPending {
            try folder.delete(OutputManifest.pendingFileName)
        }
        // Bookkeeping of the search numbers and the item pages' navigation: after the files
        // that follow them, so a killed run leaves the old ones and a repeat redoes the work.
        if docs != oldDocs { try folder.write(SearchIndex.docsPath, docs.bytes) }
        if navChanged {
            try folder.write(SiteNav.path, Array(nav.text.utf8))
            itemNav = nav
        }
        if listing && unlisted {
            try folder.delete(Self.unlistedPath)
            unlisted = false
        }
        flushedPuts = puts
        flushedRemoves = removes
        puts = [:]
        putItems = [:]
        removes = []
        staged = []
        itemRecords = [:]
        phase("manifest")
    }

    /// Renders every item page again with a new navigation, staging those whose bytes change.
    private func restageItemPages(_ entries: [ListEntry], nav: SiteNav, bodies: [String: PublishedItem]) throws {
        var work: [(path: String, item: PublishedItem, stamp: ItemStamp)] = []
        work.reserveCapacity(entries.count)
        for entry in entries {
            let path = SitePaths.item(entry.id)
            guard let item = putItems[entry.id] ?? bodies[entry.id],
                  let stamp = itemRecords[path]?.item ?? manifest.entries[path]?.item else { continue }
            work.append((path, item, stamp))
        }
        // Rendered, compared and staged on every core, a slice at a time (a slice's pages are
        // all that is held in memory); the session's own state is updated here, in order.
        let renderer = adapter.renderer, folder = self.folder
        let alreadyStaged = staged
        report.rerendered += work.count
        let slice = 512
        for first in stride(from: 0, to: work.count, by: slice) {
            let part = work[first..<min(first + slice, work.count)]
            let results = ConcurrentParts<Result<(sha: Digest32, staged: Bool), any Error>>(count: part.count)
            DispatchQueue.concurrentPerform(iterations: part.count) { offset in
                let (path, item, _) = part[first + offset]
                results.set(offset, Result {
                    let bytes = Array(try renderer.itemPage(item, nav: nav).utf8)
                    let sha = Digest32(sha256: bytes)
                    if !alreadyStaged.contains(path), try folder.read(path) == bytes { return (sha, false) }
                    try folder.stage(path, bytes)
                    return (sha, true)
                })
            }
            for (offset, result) in results.values.enumerated() {
                let (path, _, stamp) = part[first + offset]
                let page = try result.get()
                itemRecords[path] = ManifestEntry(sha256: page.sha, digest: nil, item: stamp)
                if page.staged { staged.insert(path) }
            }
        }
    }

    /// The number of an archive page path (`…/page-12.html` → 12).
    static func archiveNumber(_ path: String) -> Int? {
        guard let slash = path.lastIndex(of: "/") else { return nil }
        let name = path[path.index(after: slash)...]
        guard name.hasPrefix("page-"), name.hasSuffix(".html") else { return nil }
        return Int(name.dropFirst(5).dropLast(5))
    }
}
