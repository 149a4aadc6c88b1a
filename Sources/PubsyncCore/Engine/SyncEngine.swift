import Foundation
import Logging

/// Plans and applies diff-publishing, every channel at once, each in its own order: retractions,
/// then puts, then routine removals. An outcome reaches the ledger only after the channel
/// confirmed it (flushed), so a run killed at any point resumes correctly.
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

    /// Plans (and unless `dryRun`, applies) every channel in `channels`. The channels are planned
    /// one after another (a plan of 100,000 items reads them all: two at once doubled a full
    /// publish's peak memory), then applied all at once: they are independent (each has its own
    /// session, ledger rows and cursor), so a feed publishes while the site renders, and a slow
    /// portal holds up no other channel. The results are in the order of `channels`. A store
    /// error while applying is thrown once every channel has finished (none is cut short).
    /// With a failpoint, the channels go one after another: its op N is then one operation.
    public func run(_ channels: [ConfiguredChannel], options: SyncOptions) async throws -> [ChannelSyncResult] {
        if failpoint != nil {
            var results: [ChannelSyncResult] = []
            var counter = OpCounter()
            for channel in channels {
                results.append(try await apply(try prepare(channel, options: options), on: channel, options: options, counter: &counter))
                // What a channel's session held (a site's 100,000 list entries) goes back
                // before the next channel plans.
                Heap.releaseFreePages()
            }
            return results
        }
        var prepared: [PreparedChannel] = []
        for channel in channels {
            prepared.append(try prepare(channel, options: options))
            Heap.releaseFreePages()
        }
        let outcomes = await withTaskGroup(of: (Int, Result<ChannelSyncResult, any Error>).self) { group in
            for (index, (channel, ready)) in zip(channels, prepared).enumerated() {
                group.addTask {
                    var counter = OpCounter()
                    let result: Result<ChannelSyncResult, any Error>
                    do {
                        result = .success(try await apply(ready, on: channel, options: options, counter: &counter))
                    } catch {
                        result = .failure(error)
                    }
                    Heap.releaseFreePages()
                    return (index, result)
                }
            }
            var outcomes = [Result<ChannelSyncResult, any Error>?](repeating: nil, count: channels.count)
            for await (index, outcome) in group { outcomes[index] = outcome }
            return outcomes
        }
        return try outcomes.map { try $0!.get() }
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

    /// A channel planned and checked, ready to apply.
    struct PreparedChannel: Sendable {
        var result: ChannelSyncResult
        let nextCursor: SyncCursor
        let complete: Bool
    }

    /// Plans a channel, with the counts and guards its result shows before anything is applied.
    private func prepare(_ channel: ConfiguredChannel, options: SyncOptions) throws -> PreparedChannel {
        let (plan, nextCursor, complete) = try plan(channel, options: options)
        var result = ChannelSyncResult(name: channel.name, plan: plan)
        (result.held, result.scheduled) = try waitingCounts(channel)
        let before = try store.ledgerSummary(channel: channel.name)
        result.guardRefusal = guardRefusal(plan, liveBefore: before.live, options: options, channel: channel.name)
        if options.dryRun {
            result.dryRun = true
            result.summary = before
        }
        return PreparedChannel(result: result, nextCursor: nextCursor, complete: complete)
    }

    /// Applies a prepared channel's plan (nothing for a dry run), then advances its cursor.
    private func apply(_ prepared: PreparedChannel, on channel: ConfiguredChannel, options: SyncOptions,
                       counter: inout OpCounter) async throws -> ChannelSyncResult {
        var result = prepared.result
        if options.dryRun { return result }
        let plan = result.plan
        let unlisted = (channel.adapter as? any DeferredListing)?.hasUnlistedPuts ?? false
        if !plan.isEmpty || unlisted {
            try await apply(plan, on: channel, options: options, result: &result, counter: &counter)
        }
        result.summary = try store.ledgerSummary(channel: channel.name)
        let leftBehind = result.stopped != nil || result.guardRefusal != nil || result.removalsSkipped
        if prepared.complete && !leftBehind {
            try store.advanceCursor(channel: channel.name, to: prepared.nextCursor)
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
