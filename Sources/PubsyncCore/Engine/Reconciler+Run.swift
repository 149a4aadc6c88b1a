import Foundation

extension Reconciler {
    /// How `run` repairs the drift it finds.
    public struct RepairOptions: Sendable {
        /// Who repairs (kept in the trail).
        public var actor: String
        /// Refuse more routine removals than this per channel.
        public var maxDelete: Int
        /// Allow removing every live item of a channel.
        public var allowEmpty: Bool

        /// Repair options; the defaults are sync's guards.
        public init(actor: String = "pubsync", maxDelete: Int = SyncOptions().maxDelete, allowEmpty: Bool = false) {
            self.actor = actor
            self.maxDelete = maxDelete
            self.allowEmpty = allowEmpty
        }
    }

    /// What one channel's repair did.
    public struct Repair: Sendable {
        /// The channel.
        public var channel: String
        /// The operations the repair applied (and a guard's refusal, if any).
        public var applied: ChannelSyncResult
    }

    /// What `run` found (after repair, when repairing) and repaired.
    public struct Run: Sendable {
        /// Each channel's comparison, in the order asked; after a repair, the comparison made after it.
        public var results: [ReconcileResult]
        /// The repairs made, in the same order.
        public var repairs: [Repair]

        /// Whether a safety guard refused a repair (exit 4).
        public var guardRefused: Bool { repairs.contains { $0.applied.guardRefusal != nil } }
        /// Whether a listing failed (exit 1).
        public var listingFailed: Bool { results.contains { $0.error != nil } }
        /// Whether drift remains (exit 3).
        public var hasDrift: Bool { results.contains(where: \.hasDrift) }
    }

    /// Reconciles `channels` (listed concurrently: a site's pages are read and hashed, a portal
    /// is paged through) and, with `repair`, repairs each channel whose listing worked and drifted,
    /// then compares it again.
    public func run(_ channels: [ConfiguredChannel], repair: RepairOptions? = nil) async throws -> Run {
        let found = try await withThrowingTaskGroup(of: (Int, ReconcileResult).self) { group in
            for (index, channel) in channels.enumerated() {
                group.addTask { (index, try await reconcile(channel)) }
            }
            var found = [ReconcileResult?](repeating: nil, count: channels.count)
            for try await (index, result) in group { found[index] = result }
            return found.compactMap { $0 }
        }
        var run = Run(results: [], repairs: [])
        for (channel, first) in zip(channels, found) {
            var result = first
            if let repair, result.error == nil, result.hasDrift {
                let (applied, after) = try await self.repair(channel, found: result, actor: repair.actor,
                                                             maxDelete: repair.maxDelete, allowEmpty: repair.allowEmpty)
                run.repairs.append(Repair(channel: channel.name, applied: applied))
                result = after
            }
            run.results.append(result)
        }
        return run
    }
}
