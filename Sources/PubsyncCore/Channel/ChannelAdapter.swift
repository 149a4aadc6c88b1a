import Foundation
import Logging

/// Why an item is being removed from a channel.
public enum RemovalReason: String, Sendable, Codable {
    /// The item was retracted (taken down after an audit); always applied, never guarded.
    case retracted
    /// The item is no longer routed to this channel (routing or review state changed).
    case unrouted
    /// Reconcile found it there although it should not be (`reconcile --repair`).
    case repair
}

/// What a channel says about one entry it really holds (for reconcile).
public struct LiveEntry: Sendable, Hashable, Codable {
    /// The item id.
    public var id: String
    /// The revision the channel holds, when it can tell.
    public var revision: Int?
    /// The content hash the channel holds; a hand-edited copy reports a hash that differs.
    public var contentHash: String?

    /// Creates an entry.
    public init(id: String, revision: Int?, contentHash: String?) {
        self.id = id
        self.revision = revision
        self.contentHash = contentHash
    }
}

/// What the channel answered for a confirmed put.
public struct PutReceipt: Sendable, Hashable {
    /// Where the item now lives on the channel (a URL or path), if the channel has one.
    public var remoteRef: String?

    /// Creates a receipt.
    public init(remoteRef: String? = nil) {
        self.remoteRef = remoteRef
    }
}

/// Facts a session needs about the run it belongs to.
public struct SessionContext: Sendable {
    /// The run's clock reading ("now"), used for dates written to the channel.
    public var now: Date
    /// The configured time zone (for "today" and dates shown on the channel).
    public var timeZone: TimeZone
    /// Where the adapter logs.
    public var logger: Logger
    /// What the ledger records as live on this channel before this session's operations.
    public var live: any LiveItemSource
    /// Where the bytes of the items' attachments are (the store's `{store}.files/`); nil when the
    /// caller has no store (an item with attachments is then an error on channels that copy files).
    public var attachments: AttachmentFiles?

    /// Creates a context.
    public init(now: Date, timeZone: TimeZone, logger: Logger, live: any LiveItemSource, attachments: AttachmentFiles? = nil) {
        self.now = now
        self.timeZone = timeZone
        self.logger = logger
        self.live = live
        self.attachments = attachments
    }

}

/// Read access to the items the ledger records as live on one channel, at their published
/// revision. Order everywhere: publication date descending, then id descending.
///
/// A session overlays its own puts and removes on this to build list pages or feed windows.
public protocol LiveItemSource: Sendable {
    /// Every live item (of one category when given); bodies are empty unless `includeBody`.
    func items(category: String?, includeBody: Bool) async throws -> [PublishedItem]
    /// The newest `limit` live items; bodies are empty unless `includeBody`.
    func newest(limit: Int, includeBody: Bool) async throws -> [PublishedItem]
    /// Calls `body` with every live item in the order of `items`, one at a time: a source over
    /// a store reads them with a cursor and never holds them all. Bodies are empty unless
    /// `includeBody`.
    func forEachItem(includeBody: Bool, _ body: (PublishedItem) throws -> Void) async throws
    /// `forEachItem` in no particular order, for a caller that sorts or indexes them itself: a
    /// source over a store reads its rows in storage order, one pass, where publication order
    /// visits the store's pages at random (10 times the reads at 10,000 items).
    func forEachItemUnordered(includeBody: Bool, _ body: (PublishedItem) throws -> Void) async throws
}

extension LiveItemSource {
    /// Reads `items(category: nil, …)` and calls `body` with each (sources held in memory).
    public func forEachItem(includeBody: Bool, _ body: (PublishedItem) throws -> Void) async throws {
        for item in try await items(category: nil, includeBody: includeBody) { try body(item) }
    }

    /// `forEachItem` (a source without a faster unordered read).
    public func forEachItemUnordered(includeBody: Bool, _ body: (PublishedItem) throws -> Void) async throws {
        try await forEachItem(includeBody: includeBody, body)
    }
}

/// A destination pubsync publishes to: the bureau site, the city portal, a feed.
///
/// Error contract, for every adapter:
/// - puts are idempotent: putting the same item twice leaves one copy;
/// - removing an item that is absent succeeds;
/// - an adapter never touches what it did not create;
/// - a listing that fails throws; it never returns "empty".
public protocol ChannelAdapter: Sendable {
    /// The channel's name from the config (e.g. `site`).
    var name: String { get }
    /// A digest of the adapter's config and templates; part of every item's change hash,
    /// so changing it republishes the channel.
    var fingerprint: String { get }
    /// How many operations the engine may run at once in one session (1 = strictly in order).
    var maxConcurrentOperations: Int { get }
    /// Starts a publishing session; the engine sends it the run's operations, then flushes it.
    func openSession(_ context: SessionContext) async throws -> any ChannelSession
    /// Lists what is really on the channel. Adapters that keep a manifest list what they wrote
    /// (a file edited by hand reports a different hash); others (the portal) list everything
    /// they see, and reconcile reports what pubsync never published as foreign.
    func inventory() async throws -> [LiveEntry]
}

/// Optional ability: a channel whose flush re-renders shared pages (the site) and so prefers
/// fewer, larger flushes than the engine's default (500 operations or 1 s).
public protocol FlushTuned: ChannelAdapter {
    /// Operations and seconds between flushes.
    var flushInterval: (operations: Int, seconds: Double) { get }
}

/// Optional ability: a channel whose complete flush is costly because it lists everything
/// again (the site re-renders its list pages, search index and sitemap), and which can make a
/// batch of puts durable without listing them. The engine flushes the middle of a long phase
/// of puts with its session's `flushPuts()` (the pages are durable at their addresses and the
/// ledger records them, but no list shows them yet) and ends every phase with a complete
/// `flush()`, which lists them all at once: a first publish of 100,000 items renders its
/// lists once, not once per batch. A run killed in between leaves `hasUnlistedPuts` true, and
/// the next sync completes the listing even when it has nothing else to do.
public protocol DeferredListing: FlushTuned {
    /// Whether an earlier session made puts durable that no complete flush has listed yet.
    var hasUnlistedPuts: Bool { get }
}

/// The session side of `DeferredListing`.
public protocol PutFlushing: ChannelSession {
    /// Makes every put since the last flush durable and reachable at its address, leaving the
    /// pages that list items as they are; a batch that holds a remove is flushed completely.
    func flushPuts() async throws
}

/// Optional ability: a channel that writes files into a folder others may also put files in,
/// and reports the files at its own output paths that pubsync did not create. Reconcile lists
/// them as foreign (`file:PATH`); the channel never overwrites or deletes them.
public protocol ForeignFileReporting: ChannelAdapter {
    /// Output paths, relative to the channel's folder, holding a file pubsync did not create.
    func foreignFiles() async throws -> [String]
}

/// Optional ability: a channel that shows only a window of what it published (feeds).
public protocol WindowedChannel: ChannelAdapter {
    /// The most entries the channel shows; the window is drawn from the newest this many.
    var windowSize: Int { get }
    /// Of the items recorded live in the ledger, the ids the channel is expected to show now
    /// (given each item's publication date and revision time).
    func expectedWindow(of live: [PublishedItem]) -> Set<String>
}

/// One publishing session on a channel.
///
/// `put` and `remove` may buffer work; after `flush()` returns, every operation that returned
/// without throwing since the previous flush is durable on the channel and consistent (for a
/// site: no page links to a missing page). Only then does the engine record those outcomes.
/// An operation that throws is not applied, or applied in a way a repeat will fix.
public protocol ChannelSession: Sendable {
    /// Publishes (creates or replaces) one item.
    func put(_ item: PublishedItem) async throws -> PutReceipt
    /// Takes one item off the channel; succeeds when it is already absent.
    func remove(id: String, reason: RemovalReason) async throws
    /// Makes everything accepted since the last flush durable and consistent.
    func flush() async throws
}
