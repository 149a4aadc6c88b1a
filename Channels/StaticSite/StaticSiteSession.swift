import ChannelSupport
import Crypto
import Foundation
import PubsyncCore

/// What one `flush()` did on disk, in order (for the bench, tests and logs).
public struct SiteFlushReport: Sendable {
    /// One file operation.
    public enum Event: Sendable, Hashable {
        /// A file was written (created or replaced) at this path.
        case wrote(String)
        /// A file was deleted at this path.
        case deleted(String)
    }

    /// Every file operation, in the order it happened.
    public var events: [Event] = []
    /// The paths written (item pages staged by `put` included).
    public var written: [String] { events.compactMap { if case .wrote(let path) = $0 { path } else { nil } } }
    /// The paths deleted.
    public var deleted: [String] { events.compactMap { if case .deleted(let path) = $0 { path } else { nil } } }
    /// The adapter's own bookkeeping files written (`.pubsync-pending`, `.pubsync-manifest`).
    public var bookkeepingWritten: [String] = []
    /// How long each phase of the flush took, in order.
    public var phases: [(name: String, duration: Duration)] = []
    /// How many item pages were rendered again because the navigation changed.
    public var rerendered = 0
    /// Whether the manifest was rewritten.
    public var manifestWritten: Bool { bookkeepingWritten.contains(OutputManifest.fileName) }
}

/// One publishing session on the site. `put` renders the item page into a temp file beside
/// its target; `flush` moves it into place, rewrites the list pages and sitemap that changed,
/// makes it all durable, then deletes pages of removed items, then records the manifest.
public final class StaticSiteSession: PutFlushing, @unchecked Sendable {
    let adapter: StaticSiteAdapter
    let context: SessionContext
    let folder: OutputFolder
    /// Guards every `var` below: the engine may run puts concurrently.
    let lock = NSLock()
    var manifest: OutputManifest
    /// Items put in this session (what list pages need of them).
    var puts: [String: ListEntry] = [:]
    /// Items removed in this session.
    var removes: Set<String> = []
    /// Puts and removes of the previous flush, whose outcome the ledger may not hold yet: a put
    /// still in progress when the engine flushed completes in the next batch, recorded after
    /// the next flush. The engine records a batch before it flushes again, so what earlier
    /// flushes published is in the ledger, and only the previous flush is overlaid.
    var flushedPuts: [String: ListEntry] = [:]
    var flushedRemoves: Set<String> = []
    /// Item pages whose new bytes wait in a temp file for `flush`.
    var staged: Set<String> = []
    /// Attachment files copied into a temp file for `flush`, with their SHA-256.
    var stagedFiles: [String: Digest32] = [:]
    /// Serialises the copying of attachment files (held across a copy; `lock` is not).
    let fileLock = NSLock()
    /// Attachment paths of puts still in progress (a count per path): a flush that runs
    /// meanwhile keeps them, though their item is not yet among the puts.
    var reservedFiles: [String: Int] = [:]
    /// The attachment paths of every item put in this session (by id; removed items dropped).
    /// Unlike `puts`, kept across flushes: an item the session published may reach the ledger
    /// only with a later batch, and its files must not be deleted meanwhile.
    var putFiles: [String: [String]] = [:]
    /// Manifest entries of the item pages put in this session.
    var itemRecords: [String: ManifestEntry] = [:]
    /// The items put in this session, bodies included: their pages are rendered again when the
    /// navigation changes at flush.
    var putItems: [String: PublishedItem] = [:]
    /// The navigation the item pages on disk show (`.pubsync-nav`); nil when unknown, so the
    /// next flush renders every item page again.
    var itemNav: SiteNav?
    /// Whether item pages a mid-phase flush published wait for a complete flush to be listed
    /// (`.pubsync-unlisted` exists): a complete flush then runs even with nothing put.
    var unlisted: Bool
    /// The bookkeeping file that says so (not published).
    static let unlistedPath = ".pubsync-unlisted"
    var report = SiteFlushReport()
    private var lastReport: SiteFlushReport?

    init(adapter: StaticSiteAdapter, context: SessionContext, folder: OutputFolder, manifest: OutputManifest) {
        self.adapter = adapter
        self.context = context
        self.folder = folder
        self.manifest = manifest
        self.itemNav = (try? folder.read(SiteNav.path)).flatMap { $0 }.flatMap { SiteNav(text: String(decoding: $0, as: UTF8.self)) }
        // Unreadable counts as present: a needless complete flush costs time, a missed one a list.
        self.unlisted = (try? folder.exists(Self.unlistedPath)) ?? true
    }

    /// What the last `flush()` did, or nil before the first.
    public var lastFlush: SiteFlushReport? { lock.withLock { lastReport } }

    /// Renders the item's page and stages it (written at `flush`) when its bytes differ from
    /// the page on disk. Throws when the id is not a safe slug or a file the adapter did not
    /// create is in the way.
    public func put(_ item: PublishedItem) async throws -> PutReceipt {
        guard Slug.isValid(item.id) else {
            throw PubsyncError(.rejected, "item id '\(item.id)' is not a safe slug; no page written", channel: adapter.name, item: item.id)
        }
        // The files first: a page is never published before what it links to.
        reserveFiles(of: item)
        defer { releaseFiles(of: item) }
        try stageAttachments(item)
        let path = SitePaths.item(item.id)
        let (known, owned) = lock.withLock { (itemNav, manifest.entries[path] != nil) }
        let nav: SiteNav
        if let known {
            nav = known
        } else {
            // The site's first build: the navigation is known only at the flush, which renders
            // every page then (on every core); rendering it here too would be thrown away. A
            // flush that set the navigation meanwhile renders no more puts: this one renders.
            if !owned, try folder.exists(path) { throw foreignFile(path, item: item.id) }
            let settled = lock.withLock { () -> SiteNav? in
                if let itemNav { return itemNav }
                recordLocked(item, path: path, sha: nil)
                return nil
            }
            guard let settled else { return PutReceipt(remoteRef: SitePaths.publicURL(path, base: adapter.config.baseURL)) }
            nav = settled
        }
        let bytes = Array(try adapter.renderer.itemPage(item, nav: nav).utf8)
        let sha = Digest32(sha256: bytes)
        let onDisk = try folder.read(path)
        if onDisk != nil && !owned {
            throw foreignFile(path, item: item.id)
        }
        let changed = onDisk != bytes
        if changed { try folder.stage(path, bytes) }
        record(item, path: path, sha: sha, staged: changed)
        return PutReceipt(remoteRef: SitePaths.publicURL(path, base: adapter.config.baseURL))
    }

    /// Records a put: its list entry, its body (for pages the flush renders again), and its
    /// page's manifest entry (`sha` nil: the flush renders the page and fills it in).
    private func record(_ item: PublishedItem, path: String, sha: Digest32?, staged changed: Bool = false) {
        lock.withLock { recordLocked(item, path: path, sha: sha, staged: changed) }
    }

    /// `record`; the caller holds `lock`.
    private func recordLocked(_ item: PublishedItem, path: String, sha: Digest32?, staged changed: Bool = false) {
        puts[item.id] = ListEntry(item)
        putItems[item.id] = item
        putFiles[item.id] = item.attachments.isEmpty ? nil : item.attachments.map(AttachmentPath.relative)
        removes.remove(item.id)
        if changed { staged.insert(path) } else if staged.remove(path) != nil { folder.discardStaged(path) }
        itemRecords[path] = ManifestEntry(sha256: sha ?? Digest32(sha256: []), digest: nil,
                                          item: ItemStamp(id: item.id, revision: item.revision, contentHash: item.contentHash))
    }

    /// Marks the item for removal: its page is deleted at `flush`, after the pages that link
    /// to it no longer do. Removing an absent item succeeds.
    public func remove(id: String, reason: RemovalReason) async throws {
        guard Slug.isValid(id) else { return }  // no page can exist under an unsafe id
        let path = SitePaths.item(id)
        lock.withLock {
            puts[id] = nil
            putItems[id] = nil
            putFiles[id] = nil
            removes.insert(id)
            itemRecords[path] = nil
            if staged.remove(path) != nil { folder.discardStaged(path) }
        }
    }

    /// Publishes everything since the last flush; see `StaticSiteSession+Flush.swift`.
    public func flush() async throws {
        try await flush(listing: true)
    }

    /// Publishes the item pages and files put since the last flush, leaving the list pages,
    /// search index and sitemap to the next complete flush; a batch with a remove is flushed
    /// completely (a page is deleted only once no list links to it).
    public func flushPuts() async throws {
        try await flush(listing: lock.withLock { !removes.isEmpty })
    }

    private func flush(listing: Bool) async throws {
        let ops = lock.withLock { (puts, removes, staged, itemRecords, stagedFiles, listing && unlisted) }
        if ops.0.isEmpty && ops.1.isEmpty && ops.2.isEmpty && ops.3.isEmpty && ops.4.isEmpty && !ops.5 {
            lock.withLock { lastReport = SiteFlushReport() }
            return
        }
        // A flush of puts only, whose puts bring no new column, needs nothing from the ledger:
        // it renders no list, and its pages show the navigation the pages on disk show. The
        // complete flush that ends the phase reads the ledger and corrects the navigation if a
        // column emptied meanwhile.
        let view: SiteView
        if !listing, let nav = lock.withLock({ itemNav.flatMap { navAddingPuts($0) == $0 ? $0 : nil } }) {
            view = SiteView(entries: [], nav: nav, neededFiles: [])
        } else {
            let ledger = try await readLedger()
            view = lock.withLock { overlay(ledger) }
        }
        var bodies: [String: PublishedItem] = [:]
        // A column that became empty or non-empty changes every page's navigation: the item
        // pages are then rendered again, from their bodies. Bodies come from the store only for
        // live items this session has not put (rare: a column appears or empties).
        let navChanges = lock.withLock { itemNav != view.nav }
        if navChanges, lock.withLock({ view.entries.contains { putItems[$0.id] == nil } }) {
            let put = lock.withLock { Set(putItems.keys) }
            try await context.live.forEachItemUnordered(includeBody: true) { item in
                if !put.contains(item.id) { bodies[item.id] = item }
            }
        }
        let done = try lock.withLock { () throws -> SiteFlushReport in
            self.report = SiteFlushReport()
            do {
                try flushLocked(view, bodies: bodies, listing: listing)
            } catch {
                // The batch failed (its operations are retried next run): leave no temp file
                // behind, so a full disk is not made fuller (issue 13 item 14).
                folder.discardAllStaged()
                (puts, putItems, removes, staged, itemRecords, stagedFiles) = ([:], [:], [], [], [:], [:])
                throw error
            }
            lastReport = self.report
            return self.report
        }
        context.logger.debug("site flush", metadata: [
            "channel": .string(adapter.name), "written": .stringConvertible(done.written.count),
            "deleted": .stringConvertible(done.deleted.count), "rerendered": .stringConvertible(done.rerendered),
            "phases": .string(done.phases.map { "\($0.name) \($0.duration.formatted(.units(allowed: [.seconds], fractionalPart: .show(length: 2))))" }.joined(separator: ", ")),
        ])
    }

    func foreignFile(_ path: String, item: String? = nil) -> PubsyncError {
        PubsyncError(.channel, "\(folder.root)/\(path) exists but was not written by pubsync; move it away so the site can be published",
                     channel: adapter.name, item: item)
    }

}
