import Foundation
import Logging

/// Plans and applies diff-publishing, channel by channel: retractions, then puts, then routine
/// removals. An outcome reaches the ledger only after the channel confirmed it (flushed), so a
/// run killed at any point resumes correctly.
public struct SyncEngine: Sendable {
    let store: ItemStore
    let config: PubsyncConfig
    let logger: Logger
    let clock: @Sendable () -> Date
    let failpoint: Failpoint?
    /// Called with (channel, operations done, operations planned) while applying.
    public var progress: (@Sendable (String, Int, Int) -> Void)?

    /// Creates an engine over a store and its config.
    public init(store: ItemStore, config: PubsyncConfig, logger: Logger, failpoint: Failpoint? = nil,
                clock: @escaping @Sendable () -> Date = { Date() }) {
        self.store = store
        self.config = config
        self.logger = logger
        self.failpoint = failpoint
        self.clock = clock
    }

    /// Refuses (exit 2) when a channel that still has items in the ledger is gone from the config.
    public func checkNoChannelDisappeared() throws {
        let configured = Set(config.channels.map(\.name))
        for (channel, count) in try store.ledgerChannels().sorted(by: { $0.key < $1.key }) where count > 0 && !configured.contains(channel) {
            throw PubsyncError(.config, "channel '\(channel)' still has \(count) item(s) published but is no longer in \(config.file.path): put it back, retract or restore its items first, then remove it", channel: channel)
        }
    }

    /// Checks the secrets every channel in `channels` needs, before anything changes.
    public static func checkSecrets(_ channels: [ConfiguredChannel]) throws {
        for channel in channels {
            if let secretive = channel.adapter as? any SecretRequiring { try secretive.checkSecrets() }
        }
    }

    /// Plans (and unless `dryRun`, applies) every channel in `channels`, in order.
    public func run(_ channels: [ConfiguredChannel], options: SyncOptions) async throws -> [ChannelSyncResult] {
        var results: [ChannelSyncResult] = []
        var counter = OpCounter()
        for channel in channels {
            results.append(try await sync(channel, options: options, counter: &counter))
            // What a channel's session held (a site's 100,000 list entries) goes back before
            // the next channel plans.
            Heap.releaseFreePages()
        }
        return results
    }

    /// Plans one channel without touching anything.
    public func plan(_ channel: ConfiguredChannel, options: SyncOptions) throws -> (plan: ChannelPlan, cursor: SyncCursor, complete: Bool) {
        let now = clock()
        let today = config.today(at: now)
        let head = try store.journalHead()
        let fingerprint = channel.adapter.fingerprint
        // The cursor also remembers the routing: changing it must replan the whole channel,
        // though it republishes nothing that stays routed.
        let planningFingerprint = fingerprint + "|" + channel.routing.digest
        let cursor = try store.cursor(channel: channel.name)
        let ids: Set<String>?
        if let only = options.onlyItems {
            ids = only.union(try store.owedRetractions(channel: channel.name))
        } else if options.full || cursor == nil || cursor?.fingerprint != planningFingerprint {
            ids = nil
        } else {
            ids = try store.changedItemIDs(channel: channel.name, since: cursor!, through: head, today: today)
        }
        let candidates = try store.candidates(channel: channel.name, ids: ids)
        if let only = options.onlyItems {
            let found = Set(candidates.map(\.id))
            if let missing = only.subtracting(found).sorted().first {
                throw PubsyncError(.notFound, "no item '\(missing)' in the store", item: missing)
            }
        }
        let plan = Planner.plan(channel: channel.name, routing: channel.routing, fingerprint: fingerprint, today: today, candidates: candidates)
        return (plan, SyncCursor(journalSeq: head, fingerprint: planningFingerprint, dueThrough: today), options.onlyItems == nil)
    }

    private func sync(_ channel: ConfiguredChannel, options: SyncOptions, counter: inout OpCounter) async throws -> ChannelSyncResult {
        let (plan, nextCursor, complete) = try plan(channel, options: options)
        var result = ChannelSyncResult(name: channel.name, plan: plan)
        (result.held, result.scheduled) = try waitingCounts(channel)
        let before = try store.ledgerSummary(channel: channel.name)
        result.guardRefusal = guardRefusal(plan, liveBefore: before.live, options: options, channel: channel.name)
        if options.dryRun {
            result.dryRun = true
            result.summary = before
            return result
        }
        let unlisted = (channel.adapter as? any DeferredListing)?.hasUnlistedPuts ?? false
        if !plan.isEmpty || unlisted {
            try await apply(plan, on: channel, options: options, result: &result, counter: &counter)
        }
        result.summary = try store.ledgerSummary(channel: channel.name)
        let leftBehind = result.stopped != nil || result.guardRefusal != nil || result.removalsSkipped
        if complete && !leftBehind {
            try store.advanceCursor(channel: channel.name, to: nextCursor)
        } else {
            try store.touchSync(channel: channel.name)
        }
        return result
    }

    /// Items routed to `channel` that are held, and that are scheduled for a later day.
    func waitingCounts(_ channel: ConfiguredChannel) throws -> (held: Int, scheduled: Int) {
        let today = config.today(at: clock())
        var counts = (held: 0, scheduled: 0)
        for item in try store.waitingItems(today: today)
        where channel.routing.accepts(channel: channel.name, category: item.category, itemChannels: item.channels) {
            if item.heldFlag != nil {
                counts.held += 1
            } else if let published = item.published, published > today {
                counts.scheduled += 1
            }
        }
        return counts
    }

    /// The message of a guard that refuses this plan's routine removals, if any.
    func guardRefusal(_ plan: ChannelPlan, liveBefore: Int, options: SyncOptions, channel: String) -> String? {
        let removals = plan.removals.count
        guard removals > 0 else { return nil }
        if removals > options.maxDelete {
            return "channel '\(channel)': \(removals) routine removals exceed --max-delete \(options.maxDelete); nothing was removed. If they are intended, run again with --max-delete \(removals)"
        }
        let newPuts = plan.puts.filter { $0.reason == .new }.count
        let retracted = plan.retractions.count
        if liveBefore > 0 && !options.allowEmpty && liveBefore + newPuts - removals - retracted <= 0 {
            return "channel '\(channel)': this run would remove all \(liveBefore) live items; nothing was removed. If that is intended, run again with --allow-empty"
        }
        return nil
    }
}

/// Counts operations over a whole run (for failpoints and progress).
struct OpCounter {
    var done = 0
}
