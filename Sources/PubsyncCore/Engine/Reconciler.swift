import Foundation
import Logging

/// One channel's reconcile: the three numbers and the lists behind any difference.
public struct ReconcileResult: Sendable {
    /// The channel.
    public var name: String
    /// What the store says should be live (for windowed channels: the window of it).
    public var expected = 0
    /// What the ledger records as live (for windowed channels: the window of it).
    public var ledger = 0
    /// What the channel's inventory lists of what pubsync published (foreign entries are listed apart).
    public var live = 0
    /// Recorded live, not there.
    public var missing: [String] = []
    /// There and once published by pubsync, but not expected live (e.g. retracted).
    public var unexpected: [String] = []
    /// There with another revision or hash.
    public var stale: [String] = []
    /// There, never published by pubsync: listed, never touched. Item ids, and `file:PATH` for
    /// a file in the channel's output folder that pubsync did not create.
    public var foreign: [String] = []
    /// The listing failed: nothing is known (never "empty").
    public var error: PubsyncError?

    /// Whether the channel differs from the ledger (foreign content is not drift).
    public var hasDrift: Bool { !missing.isEmpty || !unexpected.isEmpty || !stale.isEmpty }
}

/// Compares store, ledger and each channel's real content, and repairs drift on request.
public struct Reconciler: Sendable {
    let store: ItemStore
    let config: PubsyncConfig
    let engine: SyncEngine
    let clock: @Sendable () -> Date

    /// Creates a reconciler.
    public init(store: ItemStore, config: PubsyncConfig, logger: Logger, clock: @escaping @Sendable () -> Date = { Date() }) {
        self.store = store
        self.config = config
        self.clock = clock
        engine = SyncEngine(store: store, config: config, logger: logger, clock: clock)
    }

    /// Reconciles one channel and records the time and whether drift was found.
    public func reconcile(_ channel: ConfiguredChannel) async throws -> ReconcileResult {
        var result = ReconcileResult(name: channel.name)
        let today = config.today(at: clock())
        // The channel is listed while the store is read.
        let adapter = channel.adapter
        async let listing = adapter.inventory()
        let candidates = try store.candidates(channel: channel.name, ids: nil, withLedger: false)
        let stamps = try store.ledgerStamps(channel: channel.name)
        let inventory: [LiveEntry]
        do {
            inventory = try await listing
        } catch {
            result.error = SyncEngine.wrap(error, channel: channel.name)
            return result
        }
        let desiredCandidates = candidates.filter { Planner.isDesired($0, channel: channel.name, routing: channel.routing, today: today) }
        let desired = Set(desiredCandidates.map(\.id))
        var recordedLive = Set(stamps.lazy.filter { $0.value.rev != nil }.map(\.key))
        result.expected = desired.count
        if let windowed = channel.adapter as? any WindowedChannel {
            // Only the newest entries can be in the window: read those, not every live item.
            let liveItems = try await StoreLiveItems(store: store, channel: channel.name).newest(limit: windowed.windowSize, includeBody: false)
            recordedLive = windowed.expectedWindow(of: liveItems)
            result.expected = windowed.expectedWindow(of: desiredCandidates.map(Self.stub)).count
        }
        result.ledger = recordedLive.count
        let present = Dictionary(inventory.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        result.missing = recordedLive.filter { present[$0] == nil }.sorted()
        for entry in inventory.sorted(by: { $0.id < $1.id }) {
            guard let row = stamps[entry.id] else {
                result.foreign.append(entry.id)
                continue
            }
            if !desired.contains(entry.id) {
                result.unexpected.append(entry.id)
            } else if row.rev == nil || entry.revision.map({ $0 != row.rev }) == true
                        || entry.contentHash.map({ $0 != row.contentHash }) == true {
                result.stale.append(entry.id)
            }
        }
        result.live = inventory.count - result.foreign.count
        if let files = adapter as? any ForeignFileReporting {
            do {
                result.foreign += try await files.foreignFiles().map { "file:" + $0 }
            } catch {
                result.error = SyncEngine.wrap(error, channel: channel.name)
                return result
            }
        }
        try store.recordReconcile(channel: channel.name, drift: result.hasDrift)
        return result
    }

    /// Re-puts missing and stale items and removes unexpected ones (never foreign content),
    /// then reconciles again. The removals of items that are merely no longer routed obey the
    /// same guards as sync (`maxDelete`, `allowEmpty`); retracted items are always removed.
    public func repair(_ channel: ConfiguredChannel, found: ReconcileResult, actor: String,
                       maxDelete: Int = SyncOptions().maxDelete, allowEmpty: Bool = false) async throws -> (ChannelSyncResult, ReconcileResult) {
        let today = config.today(at: clock())
        let fingerprint = channel.adapter.fingerprint
        let touched = Set(found.missing + found.stale + found.unexpected)
        let candidates = try store.candidates(channel: channel.name, ids: touched)
        var plan = ChannelPlan(channel: channel.name)
        for candidate in candidates.sorted(by: { $0.id < $1.id }) {
            if Planner.isDesired(candidate, channel: channel.name, routing: channel.routing, today: today) {
                let hash = candidate.changeHash(fingerprint: fingerprint, on: today)!
                plan.puts.append(PlanOp(kind: .put, id: candidate.id, reason: .update, rev: candidate.approvedRev, changeHash: hash))
            } else if candidate.status == .retracted {
                plan.retractions.append(PlanOp(kind: .remove, id: candidate.id, reason: .retracted))
            } else {
                plan.removals.append(PlanOp(kind: .remove, id: candidate.id, reason: .unrouted))
            }
        }
        var options = SyncOptions()
        options.actor = actor
        options.maxDelete = maxDelete
        options.allowEmpty = allowEmpty
        let applied = try await engine.apply(plan: plan, on: channel, options: options, guarded: true)
        return (applied, try await reconcile(channel))
    }

    static func stub(_ candidate: PlanCandidate) -> PublishedItem {
        PublishedItem(id: candidate.id, revision: candidate.approvedRev ?? 0, title: "", summary: "", body: "", category: candidate.category,
                      unit: "", indexNumber: "", docNumber: "", published: candidate.published ?? LocalDate(year: 1, month: 1, day: 1)!,
                      updated: Date(timeIntervalSince1970: 0), contentHash: candidate.contentHash ?? "")
    }
}

extension SyncEngine {
    /// Applies a given plan to one channel (used by repair), recording outcomes as sync does;
    /// when `guarded`, routine removals obey `maxDelete` and `allowEmpty` as in a sync.
    public func apply(plan: ChannelPlan, on channel: ConfiguredChannel, options: SyncOptions, guarded: Bool = false) async throws -> ChannelSyncResult {
        var result = ChannelSyncResult(name: channel.name, plan: plan)
        if guarded {
            let liveBefore = try store.ledgerSummary(channel: channel.name).live
            result.guardRefusal = guardRefusal(plan, liveBefore: liveBefore, options: options, channel: channel.name)
        }
        var counter = OpCounter()
        if !plan.isEmpty {
            try await apply(plan, on: channel, options: options, result: &result, counter: &counter)
        }
        result.summary = try store.ledgerSummary(channel: channel.name)
        return result
    }
}
