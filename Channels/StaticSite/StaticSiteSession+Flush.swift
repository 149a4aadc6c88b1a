import ChannelSupport
import Foundation
import PubsyncCore

extension StaticSiteSession {
    /// The flush proper; the caller holds `lock`.
    ///
    /// Order, so that no page links to a missing one and a killed run is repaired by a repeat:
    /// 1. plan every list page from the ledger's live items overlaid with this session's puts
    ///    and removes (no rendering yet), and the sitemap's URLs;
    /// 2. check that no file the adapter did not create is in the way, then record the paths
    ///    about to be created in `.pubsync-pending` (so a repeat knows they are ours);
    /// 3. move attachment files into place, then new item pages (nothing links to them yet);
    ///    render the list pages whose digest changed, a slice at a time on every core, writing
    ///    in order (oldest archive first, home last) those whose bytes differ; make the extra
    ///    files (search index, 政府信息公开 page), check and announce the new ones as in 2, and
    ///    write them; write the sitemap, index last; move replaced item pages into place;
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
        // The batch's bodies are not needed again (its pages are rendered): freed before the
        // list pages and the search index are made, where a full publish peaks.
        putItems = [:]
        var pages = listing ? SitePlanner(config: adapter.config).listPages(entries) : []
        var desired = Set<String>(minimumCapacity: pages.count + 4)
        var stale: [(page: ListPage, digest: Digest32)] = []
        let pageFingerprint = fingerprint + "\u{1F}" + nav.text
        for page in pages.reversed() {
            desired.insert(page.path)
            let digest = page.digest(fingerprint: pageFingerprint)
            if let old = manifest.entries[page.path], old.digest == digest, try folder.exists(page.path) { continue }
            stale.append((page, digest))
        }
        phase("plan")
        // The sitemap's URLs, kept as stamps: its bytes are made when it is written, after the
        // list pages, as are the search index's and the other extra files (so a first publish
        // of 100,000 items never holds them all at once).
        // (The items' URLs are made from the entries, which live until then.)
        var pageStamps: [Sitemap.URLEntry] = []
        if listing {
            pageStamps = pages.map { Sitemap.URLEntry(path: $0.path, lastModified: $0.lastModified) }
            pageStamps.append(.init(path: SiteExtras.disclosurePath, lastModified: nil))
        }
        let sitemap = Sitemap(baseURL: adapter.config.baseURL, timeZone: context.timeZone)
        let sitemapPaths = listing ? sitemap.paths(urlCount: pageStamps.count + entries.count) : []
        desired.formUnion(sitemapPaths)
        desired.formUnion(view.neededFiles)
        phase("sitemap")

        let itemDeletes = removes.map(SitePaths.item).filter { manifest.entries[$0] != nil }.sorted()
        var newItems: [String] = []
        var replacedItems: [String] = []
        for path in staged.sorted() {
            if try folder.exists(path) { replacedItems.append(path) } else { newItems.append(path) }
        }

        // 2. Nothing foreign in the way; announce the paths about to be created.
        // (The extra files are announced with these when they are made, before they are written.)
        let createdLists = stale.map(\.page.path).filter { manifest.entries[$0] == nil }
            + sitemapPaths.filter { manifest.entries[$0] == nil }
            + stagedFiles.keys.filter { manifest.entries[$0] == nil }.sorted()
        for path in createdLists where try folder.exists(path) { throw foreignFile(path) }
        var created = newItems.filter { manifest.entries[$0] == nil } + createdLists
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
        var hadPending = !created.isEmpty || manifest.entries.values.contains(where: { $0.sha256 == nil })
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
        phase("lists")
        // The extra files (search index, 政府信息公开 page): their new paths checked and
        // announced, then each made and written in turn.
        // The search index: patched where few items changed. While its files change, the stale
        // marker says so (a stopped flush leaves it, and the next one builds the whole index).
        var searchDocs: (old: SearchIndex.DocNumbers?, new: SearchIndex.DocNumbers)?
        var searchStale = false
        if listing {
            let previous = (try folder.read(SearchIndex.docsPath)).flatMap(SearchIndex.DocNumbers.init(bytes:))
            searchStale = try folder.exists(SearchIndex.stalePath)
            let index = try SearchIndex.Update(entries, previous: previous, stale: searchStale, read: folder.read)
            if index.docs != previous, !searchStale {
                try folder.write(SearchIndex.stalePath, [])
                searchStale = true
            }
            searchDocs = (previous, index.docs)
            try SiteExtras(config: adapter.config, renderer: renderer).forEachFile(entries, nav: nav, index: index, paths: { paths in
                desired.formUnion(paths)
                let createdExtras = paths.filter { manifest.entries[$0] == nil }
                for path in createdExtras where try folder.exists(path) { throw foreignFile(path) }
                guard !createdExtras.isEmpty else { return }
                created += createdExtras
                try folder.announce(created)
                hadPending = true
                if !report.bookkeepingWritten.contains(OutputManifest.pendingFileName) {
                    report.bookkeepingWritten.append(OutputManifest.pendingFileName)
                }
            }) { path, bytes in
                if manifest.entries[path]?.sha256 == Digest32(sha256: bytes), try folder.exists(path) { return }
                try publish(path, bytes, digest: nil)
            }
        }
        phase("search")
        if listing {
            var urls = pageStamps
            urls.reserveCapacity(urls.count + entries.count)
            for entry in entries.reversed() { urls.append(.init(path: SitePaths.item(entry.id), lastModified: entry.updated)) }
            pageStamps = []
            // The entries live on in nothing below.
            entries = []
            view.entries = []
            Heap.releaseFreePages()
            // The index last: it points at the parts.
            for file in sitemap.files(urls).reversed() { try publish(file.path, file.bytes, digest: nil) }
        }
        entries = []
        view.entries = []
        for path in replacedItems { wrote(path, try folder.commit(path)) }
        for (path, entry) in itemRecords { record(path, entry) }
        phase("write")
        let obsolete = listing ? manifest.entries.keys.filter { !$0.hasPrefix("items/") && !desired.contains($0) } : []
        let archiveDeletes = obsolete.compactMap { path in Self.archiveNumber(path).map { (path, $0) } }
            .sorted { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }.map(\.0)
        let otherDeletes = obsolete.filter { Self.archiveNumber($0) == nil }.sorted()

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
        if let searchDocs, searchDocs.new != searchDocs.old { try folder.write(SearchIndex.docsPath, searchDocs.new.bytes) }
        if searchStale { try folder.delete(SearchIndex.stalePath) }
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
        Heap.releaseFreePages()
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
        // Puts recorded after the view was made (a put of the first build that ended while this
        // flush read the ledger) are not among the entries: rendered too, or they would be lost.
        let viewed = Set(entries.map(\.id))
        for (id, item) in putItems.sorted(by: { $0.key < $1.key }) where !viewed.contains(id) {
            let path = SitePaths.item(id)
            if let stamp = itemRecords[path]?.item { work.append((path, item, stamp)) }
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
