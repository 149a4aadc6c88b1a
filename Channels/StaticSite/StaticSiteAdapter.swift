import ChannelSupport
import Crypto
import Foundation
import Logging
import PubsyncCore

/// The bureau website: a static HTML site written into the `output` folder, diff-published.
///
/// Item pages are rendered as items are put; list pages (home, columns, catalogue) and the
/// sitemap are brought up to date at `flush()`, from what the ledger records live overlaid
/// with the session's puts and removes. Only files whose bytes change are written.
public struct StaticSiteAdapter: ChannelAdapter, DeferredListing {
    /// A flush re-renders the list pages the batch touched: flush every 5,000 operations or 30 s.
    /// A flush in the middle of a phase publishes item pages only (`PutFlushing`); the phase's
    /// last flush lists them.
    public var flushInterval: (operations: Int, seconds: Double) { (5_000, 30) }

    /// Whether a killed run left item pages published but not yet listed (`.pubsync-unlisted`).
    public var hasUnlistedPuts: Bool {
        guard let folder = OutputFolder(existing: config.output, channel: name) else { return false }
        return (try? folder.exists(StaticSiteSession.unlistedPath)) ?? true
    }

    /// The channel's name from the config.
    public let name: String
    /// The checked settings.
    public let config: SiteConfig
    let renderer: SiteRenderer
    let logger: Logger

    /// Creates the adapter, loading the templates (embedded, or overridden by `templates`).
    public init(name: String, config: SiteConfig, logger: Logger) throws {
        self.name = name
        self.config = config
        self.logger = logger
        let templates = try StaticSiteTemplates(directory: config.templatesDirectory, channel: name)
        self.renderer = SiteRenderer(config: config, templates: templates)
    }

    /// SHA-256 over the templates in effect and the settings that change the output.
    public var fingerprint: String { renderer.fingerprint }

    /// Item pages render on both cores; the session is safe to call concurrently.
    public var maxConcurrentOperations: Int { max(1, min(4, ProcessInfo.processInfo.activeProcessorCount)) }

    /// Opens a session: loads the manifest (a corrupt one stops the channel) and clears temp
    /// files a killed run left behind.
    public func openSession(_ context: SessionContext) async throws -> any ChannelSession {
        try openSiteSession(context)
    }

    /// Like `openSession`, typed (for the bench and tests, which read the flush reports).
    public func openSiteSession(_ context: SessionContext) throws -> StaticSiteSession {
        let folder = try OutputFolder(output: config.output, channel: name)
        let manifest: OutputManifest
        do {
            manifest = try OutputManifest.load(from: folder, channel: name)
        } catch let error as PubsyncError {
            throw PubsyncError(.channel, error.message + "; move it away to publish the site anew", channel: name, underlying: error)
        }
        var folders = ["", "items", "catalogue"] + SiteExtras.folders
        folders += Set(manifest.entries.keys.compactMap { path -> String? in
            guard path.hasPrefix("columns/") || StaticSiteSession.isFile(path), let slash = path.lastIndex(of: "/") else { return nil }
            return String(path[..<slash])
        }).sorted()
        folder.removeLeftoverTemps(in: folders)
        return StaticSiteSession(adapter: self, context: context, folder: folder, manifest: manifest)
    }

    /// The item pages present on disk, with the revision and content hash the manifest
    /// records; a page edited by hand reports `edited:<sha256 of the file>`, a page deleted
    /// by hand is absent; a page linking to an attachment file that is missing or changed
    /// reports `edited:file:PATH`. An unreadable or corrupt manifest throws `.inventory`.
    public func inventory() async throws -> [LiveEntry] {
        guard let folder = OutputFolder(existing: config.output, channel: name) else { return [] }
        let manifest = try OutputManifest.load(from: folder, channel: name)
        let pages = manifest.entries.filter { $0.key.hasPrefix("items/") }.sorted { $0.key < $1.key }
        // Reading and hashing every page is most of the work: split it over the cores, in order.
        let workers = max(1, min(ProcessInfo.processInfo.activeProcessorCount, pages.count / 1000 + 1))
        let parts = ConcurrentParts<[LiveEntry]>(count: workers)
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            let range = (pages.count * worker / workers)..<(pages.count * (worker + 1) / workers)
            parts.set(worker, pages[range].compactMap { inventoryEntry(path: $0.key, entry: $0.value, folder: folder) })
        }
        var entries = parts.values.flatMap { $0 }
        markBrokenFiles(&entries, manifest: manifest, folder: folder)
        return entries
    }

    /// What one manifest page is on disk: its stamp, an `edited:` hash, or nil when it is gone.
    private func inventoryEntry(path: String, entry: ManifestEntry, folder: OutputFolder) -> LiveEntry? {
        let bytes: [UInt8]?
        do {
            bytes = try folder.read(path)
        } catch let error as PubsyncError {
            // A symlink or unreadable file where our page was: report it as changed.
            logger.warning("\(error.description)")
            return LiveEntry(id: entry.item?.id ?? Self.id(fromItemPath: path), revision: entry.item?.revision, contentHash: "edited:unreadable")
        } catch {
            return LiveEntry(id: entry.item?.id ?? Self.id(fromItemPath: path), revision: entry.item?.revision, contentHash: "edited:unreadable")
        }
        guard let bytes else { return nil }
        let sha = Digest32(sha256: bytes)
        if let item = entry.item, sha == entry.sha256 {
            return LiveEntry(id: item.id, revision: item.revision, contentHash: item.contentHash)
        } else if let item = entry.item {
            return LiveEntry(id: item.id, revision: item.revision, contentHash: "edited:" + sha.description)
        }
        // Created by a flush that was killed before it recorded what it wrote.
        return LiveEntry(id: Self.id(fromItemPath: path), revision: nil, contentHash: nil)
    }

    static func id(fromItemPath path: String) -> String {
        String(path.dropFirst("items/".count).dropLast(".html".count))
    }
}

/// Results of concurrent workers, one slot each, read once they have all finished.
final class ConcurrentParts<Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var slots: [Value?]

    init(count: Int) {
        slots = Array(repeating: nil, count: count)
    }

    func set(_ index: Int, _ value: Value) {
        lock.withLock { slots[index] = value }
    }

    /// The values in slot order (slots never set are skipped).
    var values: [Value] { lock.withLock { slots.compactMap { $0 } } }

    /// Makes the values of `0..<count` on every core, `slice` at a time (so no more than that
    /// many are held), and hands each to `consume` in order.
    static func inOrder(count: Int, slice: Int, make: @Sendable (Int) -> Value, consume: (Int, Value) throws -> Void) rethrows {
        for first in stride(from: 0, to: count, by: slice) {
            let part = ConcurrentParts(count: min(slice, count - first))
            DispatchQueue.concurrentPerform(iterations: min(slice, count - first)) { part.set($0, make(first + $0)) }
            for (offset, value) in part.values.enumerated() { try consume(first + offset, value) }
        }
    }
}
