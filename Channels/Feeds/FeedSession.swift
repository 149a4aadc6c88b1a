import ChannelSupport
import Foundation
import Logging
import PubsyncCore

/// One publishing session: puts and removes are recorded in memory; `flush()` computes the
/// window and writes the files that changed.
///
/// A class with a lock, not an actor: the engine calls `put` once per item, one at a time, and
/// an actor made each call two hops between executors (a thread wake-up each; at 100,000 items
/// most of the feed's time). The engine never flushes while operations are in flight.
final class FeedSession: ChannelSession, @unchecked Sendable {
    private enum Op: Equatable {
        case put
        case remove(RemovalReason)
    }

    /// What the session holds since the last flush. Earlier batches are in `context.live`: the
    /// engine records a batch before it flushes the next one, so the session overlays only its
    /// current batch, whatever the size of the run.
    private struct Batch {
        /// The last operation per item id.
        var ops: [String: Op] = [:]
        /// Ids whose last operation is a retraction.
        var retracted: Set<String> = []
        /// The items put (bodies dropped where the summary makes them unneeded).
        var puts: [String: PublishedItem] = [:]
        /// The newest `maxItems` of `puts`, newest first; nil when it must be rebuilt.
        var topPuts: [PublishedItem]? = []

        mutating func put(_ item: PublishedItem, maxItems: Int) {
            let previous = puts.updateValue(item, forKey: item.id)
            ops[item.id] = .put
            retracted.remove(item.id)
            if previous != nil, topPuts?.contains(where: { $0.id == item.id }) == true {
                topPuts = nil
                return
            }
            // Kept in place (a copy of the window per put was most of a put's time).
            guard let count = topPuts?.count else { return }
            guard count < maxItems || isNewer(item, than: topPuts![count - 1]) else { return }
            let index = topPuts!.firstIndex { isNewer(item, than: $0) } ?? count
            topPuts!.insert(item, at: index)
            if topPuts!.count > maxItems { topPuts!.removeLast() }
        }

        mutating func remove(id: String, reason: RemovalReason) {
            // A retraction stays a retraction (and keeps its tombstone) if a routine removal follows.
            if ops[id] != .remove(.retracted) { ops[id] = .remove(reason) }
            if ops[id] == .remove(.retracted) { retracted.insert(id) }
            if puts.removeValue(forKey: id) != nil, topPuts?.contains(where: { $0.id == id }) == true {
                topPuts = nil
            }
        }
    }

    private let config: FeedConfig
    private let context: SessionContext
    private let logger: Logger
    private let lock = NSLock()
    /// Guarded by `lock`.
    private var batch = Batch()
    /// What the previous flush of this session wrote, to skip re-rendering an unchanged window.
    /// Guarded by `lock`.
    private var lastFlushed: (window: [PublishedItem], state: FeedState)?

    init(config: FeedConfig, context: SessionContext) {
        self.config = config
        self.context = context
        var logger = context.logger
        logger[metadataKey: "channel"] = "\(config.channel)"
        self.logger = logger
    }

    func put(_ item: PublishedItem) async throws -> PutReceipt {
        var kept = item
        if FeedText.hasText(item.summary) { kept.body = "" }
        lock.withLock { batch.put(kept, maxItems: config.maxItems) }
        return PutReceipt(remoteRef: config.itemURL(item.id))
    }

    func remove(id: String, reason: RemovalReason) async throws {
        lock.withLock { batch.remove(id: id, reason: reason) }
    }

    func flush() async throws {
        let batch = lock.withLock { () -> Batch in
            if self.batch.topPuts == nil { self.batch.topPuts = newest(config.maxItems, of: Array(self.batch.puts.values)) }
            return self.batch
        }
        let window = try await currentWindow(batch)
        do {
            guard var output = try FeedFolder.open(config, create: true) else { return }
            if let problem = output.problem { logger.warning("\(problem)") }
            var state = output.state
            for tombstone in state.tombstones where batch.ops[tombstone.id] == .put { state.republished(id: tombstone.id) }
            for id in batch.retracted.sorted() { state.retract(id: id, ref: config.entryID(id), now: context.now) }
            state.prune(now: context.now, lifetime: FeedConfig.tombstoneLifetime)
            if lock.withLock({ lastFlushed }).map({ $0.window != window || $0.state != state }) ?? true {
                let entries = window.map { FeedEntry($0, config: config, timeZone: context.timeZone) }
                try write(entries: entries, state: state, into: &output)
            }
            // This batch is published; the ledger holds it before the next flush.
            lock.withLock {
                lastFlushed = (window, state)
                self.batch = Batch()
            }
        } catch let error as PubsyncError {
            throw error
        } catch {
            throw PubsyncError(.io, "\(error)", channel: config.channel, underlying: error)
        }
    }

    /// The newest `maxItems` of (live before the session − touched ids) + this session's puts.
    /// Fetches a little more than the window and doubles only when removals ate into it, so a
    /// one-change sync reads about `maxItems` rows whatever the channel's size.
    private func currentWindow(_ batch: Batch) async throws -> [PublishedItem] {
        let size = config.maxItems
        let top = batch.topPuts ?? []
        let ops = batch.ops
        var limit = size + min(ops.count, size)
        while true {
            let base = try await context.live.newest(limit: limit, includeBody: true)
            var merged = base.filter { ops[$0.id] == nil } + top
            merged.sort(by: isNewer)
            let window = Array(merged.prefix(size))
            // Every unfetched live item is older than the last fetched one; the window is final
            // when it is full of items at least that new, or when there is nothing more to fetch.
            if base.count < limit { return window }
            if window.count == size, let last = base.last, !isNewer(last, than: window[size - 1]) { return window }
            limit *= 2
        }
    }

    /// Writes the files whose bytes change, all staged first, then moved into place and made
    /// durable at once, then the manifest. A file pubsync did not create at one of the paths
    /// stops the flush before anything is written; a failure leaves no temp file behind.
    private func write(entries: [FeedEntry], state: FeedState, into output: inout FeedFolder) throws {
        let folder = output.folder
        let foreign = output.foreign(config)
        guard foreign.isEmpty else {
            throw PubsyncError(.channel, "\(foreign.map { folder.root + "/" + $0 }.joined(separator: ", ")) exists but was not created by pubsync; it is left alone, and this feed is not written until it is moved away",
                               channel: config.channel)
        }
        var rendered: [(String, [UInt8])] = try config.formats.map { format in
            (format.fileName, Array(try FeedWriter.render(format, entries: entries, tombstones: state.tombstones,
                                                          config: config, timeZone: context.timeZone)))
        }
        rendered.append((FeedState.fileName, try state.encoded()))
        var manifest = output.manifest
        let created = rendered.map(\.0).filter { !manifest.owns($0) }
        var changed = !created.isEmpty
        var staged: [String] = []
        do {
            try folder.announce(created)
            for (name, bytes) in rendered {
                let sha = Digest32(sha256: bytes)
                if manifest.entries[name]?.sha256 != sha {
                    manifest.entries[name] = ManifestEntry(sha256: sha)
                    changed = true
                }
                if try folder.read(name) == bytes { continue }
                try folder.stage(name, bytes)
                staged.append(name)
            }
            let written = try staged.map { try folder.commit($0) }
            // A format dropped from the config: delete its old file (only a file pubsync created),
            // so a retracted item cannot linger in a feed nobody updates any more.
            let ours = Set(FeedFormat.allCases.map(\.fileName))
            for name in manifest.entries.keys.sorted() where ours.contains(name) && !rendered.contains(where: { $0.0 == name }) {
                try folder.delete(name)
                manifest.entries[name] = nil
                changed = true
            }
            try folder.makeDurable(files: written, folders: [folder.root])
            if changed { try folder.save(manifest, clearingAnnouncement: !created.isEmpty) }
        } catch {
            folder.discardAllStaged()
            throw error
        }
        output.manifest = manifest
        if changed || !staged.isEmpty {
            logger.debug("feed files written", metadata: ["files": "\(staged.joined(separator: ","))", "entries": "\(entries.count)"])
        }
    }
}
