import Foundation
import Logging
import PubsyncCore

/// Builds `feed` channels from their `[[channels]]` settings.
public struct FeedChannelFactory: ChannelFactory {
    /// The `kind` value: `feed`.
    public let kind = "feed"
    /// The keys a feed channel accepts besides name, kind and routing.
    public var allowedKeys: Set<String> { FeedConfig.keys }

    /// Creates the factory.
    public init() {}

    /// Checks the settings and builds the adapter; errors are `.config` and name the key.
    public func make(_ settings: ChannelSettings, logger: Logger) throws -> any ChannelAdapter {
        FeedChannel(config: try FeedConfig(settings: settings), logger: logger)
    }
}

/// The microblog channel: RSS 2.0, Atom and JSON Feed files of the newest `max_items` items.
///
/// The files are derived, not accumulated: every flush renders the window from the ledger's
/// live items overlaid with the session's operations, and replaces a file only when its bytes
/// change. Items older than the window are still published (the ledger counts them).
public struct FeedChannel: WindowedChannel, ForeignFileReporting, FlushTuned {
    /// The checked settings.
    public let config: FeedConfig
    /// The settings' digest (part of every item's change hash).
    public let fingerprint: String
    let logger: Logger

    /// Creates the adapter.
    public init(config: FeedConfig, logger: Logger) {
        self.config = config
        self.fingerprint = config.fingerprint
        self.logger = logger
    }

    /// The channel's name.
    public var name: String { config.channel }

    /// Operations only update the session's overlay in memory; order is all that matters.
    public var maxConcurrentOperations: Int { 1 }

    /// A flush renders and durably writes every feed file: flush every 5,000 operations or 30 s
    /// (not every 500), so a first publish of 100,000 items writes the feeds 20 times, not 200.
    public var flushInterval: (operations: Int, seconds: Double) { (5_000, 30) }

    /// Starts a session; nothing is written before `flush()`.
    public func openSession(_ context: SessionContext) async throws -> any ChannelSession {
        FeedSession(config: config, context: context)
    }

    /// The ids of the newest `max_items` of `live` (publication date, then id, descending).
    /// The feed shows the newest `max_items`.
    public var windowSize: Int { config.maxItems }

    public func expectedWindow(of live: [PublishedItem]) -> Set<String> {
        Set(newest(config.maxItems, of: live).map(\.id))
    }
}

/// The newest `count` of `items`, newest first, in one pass (reconcile hands over every live
/// item; sorting 100,000 of them to keep 50 would be wasted work).
func newest(_ count: Int, of items: [PublishedItem]) -> [PublishedItem] {
    var top: [PublishedItem] = []
    top.reserveCapacity(count + 1)
    for item in items {
        if top.count == count, let last = top.last, !isNewer(item, than: last) { continue }
        var low = 0, high = top.count
        while low < high {
            let middle = (low + high) / 2
            if isNewer(item, than: top[middle]) { high = middle } else { low = middle + 1 }
        }
        top.insert(item, at: low)
        if top.count > count { top.removeLast() }
    }
    return top
}

/// A feed must show a new entry every 14 days (`pubsync check`'s `feed-stale`).
extension FeedChannel: FreshnessChecked {}
