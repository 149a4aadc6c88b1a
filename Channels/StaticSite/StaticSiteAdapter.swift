import Crypto
import Foundation
import Logging
import PubsyncCore

/// The bureau website: a static HTML site written into the `output` folder, diff-published.
///
/// Item pages are rendered as items are put; list pages (home, columns, catalogue) and the
/// sitemap are brought up to date at `flush()`, from what the ledger records live overlaid
/// with the session's puts and removes. Only files whose bytes change are written.
public struct StaticSiteAdapter: ChannelAdapter, FlushTuned {
    /// A flush re-renders the list pages the batch touched: flush every 5,000 operations or 30 s.
    public var flushInterval: (operations: Int, seconds: Double) { (5_000, 30) }

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
        let folder = try SiteFolder(output: config.output, channel: name)
        let manifest: SiteManifest
        do {
            manifest = try SiteManifest.load(from: folder, channel: name)
        } catch let error as PubsyncError {
            throw PubsyncError(.channel, error.message + "; move it away to publish the site anew", channel: name, underlying: error)
        }
        var folders = ["", "items", "catalogue"]
        folders += Set(manifest.entries.keys.compactMap { path -> String? in
            guard path.hasPrefix("columns/"), let slash = path.lastIndex(of: "/") else { return nil }
            return String(path[..<slash])
        }).sorted()
        folder.removeLeftoverTemps(in: folders)
        return StaticSiteSession(adapter: self, context: context, folder: folder, manifest: manifest)
    }

    /// The item pages present on disk, with the revision and content hash the manifest
    /// records; a page edited by hand reports `edited:<sha256 of the file>`, a page deleted
    /// by hand is absent. An unreadable or corrupt manifest throws `.inventory`.
    public func inventory() async throws -> [LiveEntry] {
        guard let folder = SiteFolder(existing: config.output, channel: name) else { return [] }
        let manifest = try SiteManifest.load(from: folder, channel: name)
        var entries: [LiveEntry] = []
        for (path, entry) in manifest.entries.sorted(by: { $0.key < $1.key }) where path.hasPrefix("items/") {
            let bytes: [UInt8]?
            do {
                bytes = try folder.read(path)
            } catch let error as PubsyncError {
                // A symlink or unreadable file where our page was: report it as changed.
                entries.append(LiveEntry(id: entry.item?.id ?? Self.id(fromItemPath: path), revision: entry.item?.revision,
                                         contentHash: "edited:unreadable"))
                logger.warning("\(error.description)")
                continue
            }
            guard let bytes else { continue }
            let sha = Digest32(sha256: bytes)
            if let item = entry.item, sha == entry.sha256 {
                entries.append(LiveEntry(id: item.id, revision: item.revision, contentHash: item.contentHash))
            } else if let item = entry.item {
                entries.append(LiveEntry(id: item.id, revision: item.revision, contentHash: "edited:" + sha.description))
            } else {
                // Created by a flush that was killed before it recorded what it wrote.
                entries.append(LiveEntry(id: Self.id(fromItemPath: path), revision: nil, contentHash: nil))
            }
        }
        return entries
    }

    static func id(fromItemPath path: String) -> String {
        String(path.dropFirst("items/".count).dropLast(".html".count))
    }
}
