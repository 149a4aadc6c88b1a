import Foundation

/// `plan`, `sync` and `publish --json`: one object per channel with the run's counts; `ops` for
/// `plan`; `not_published`, `guard`, `error` and `errors` only when there are some.
public struct SyncRunOutput: CommandOutput, Equatable {
    /// One channel's run.
    public struct Channel: Codable, Sendable, Equatable {
        /// The channel's name.
        public var name: String
        /// Items put (a dry run: planned puts).
        public var put: Int
        /// Items removed (a dry run: planned retractions and removals).
        public var removed: Int
        /// Operations that failed.
        public var failed: Int
        /// Items the channel refused (a dry run: planned refusals).
        public var rejected: Int
        /// Items already live as they should be.
        public var unchanged: Int
        /// Items live after the run.
        public var live: Int
        /// Operations still owed.
        public var pending: Int
        /// Retractions still owed.
        public var pendingRetractions: Int
        /// Items held back by screening.
        public var held: Int
        /// Items approved but not yet due.
        public var scheduled: Int
        /// The planned operations (`plan` only).
        public var ops: [Op]?
        /// Why named items are not live (`publish ID...`, first channel only).
        public var notPublished: [NotLive]?
        /// The safety guard's refusal.
        public var `guard`: String?
        /// Why the channel stopped.
        public var error: String?
        /// Per-item failures.
        public var errors: [ItemError]?

        enum CodingKeys: String, CodingKey {
            case name, put, removed, failed, rejected, unchanged, live, pending, held, scheduled, ops, error, errors
            case pendingRetractions = "pending_retractions", notPublished = "not_published", `guard`
        }
    }

    /// One planned operation.
    public struct Op: Codable, Sendable, Equatable {
        /// `put` or `remove`.
        public var op: String
        /// The item.
        public var id: String
        /// Why.
        public var reason: String
    }

    /// An item named to `publish` that is not live, and why.
    public struct NotLive: Codable, Sendable, Equatable {
        /// The item.
        public var id: String
        /// Why it is not live.
        public var reason: String
    }

    /// One item's failure.
    public struct ItemError: Codable, Sendable, Equatable {
        /// The item.
        public var id: String
        /// The error.
        public var error: String
    }

    /// Each channel run, in order.
    public var channels: [Channel]

    /// The output of `results`; `includeOps` for `plan`; `notPublished` is reported on the first channel.
    public init(_ results: [ChannelSyncResult], includeOps: Bool, notPublished: [NotPublished] = []) {
        channels = results.enumerated().map { index, result in
            Channel(
                name: result.name,
                put: result.dryRun ? result.plan.puts.count : result.put,
                removed: result.dryRun ? result.plan.retractions.count + result.plan.removals.count : result.removed,
                failed: result.failed, rejected: result.dryRun ? result.plan.rejected : result.rejected,
                unchanged: result.unchanged, live: result.summary.live, pending: result.summary.pending,
                pendingRetractions: result.summary.pendingRetractions, held: result.held, scheduled: result.scheduled,
                ops: includeOps ? result.plan.ops.map { Op(op: $0.kind.rawValue, id: $0.id, reason: $0.reason.rawValue) } : nil,
                notPublished: index == 0 && !notPublished.isEmpty ? notPublished.map { NotLive(id: $0.id, reason: $0.reason) } : nil,
                guard: result.guardRefusal, error: result.stopped?.message,
                errors: result.errors.isEmpty ? nil : result.errors.map { ItemError(id: $0.id, error: $0.message) })
        }
    }
}

/// `reconcile --json`: per channel, what should be live, what the ledger records and what is there.
public struct ReconcileOutput: CommandOutput, Equatable {
    /// One channel's comparison.
    public struct Channel: Codable, Sendable, Equatable {
        /// The channel's name.
        public var name: String
        /// Items that should be live.
        public var expected: Int
        /// Items the ledger records live.
        public var ledger: Int
        /// Items really there.
        public var live: Int
        /// Recorded live, not there.
        public var missing: [String]
        /// There and once published by pubsync, but not expected live.
        public var unexpected: [String]
        /// There with another revision or hash.
        public var stale: [String]
        /// There, never published by pubsync (never touched, not drift).
        public var foreign: [String]
        /// Why the listing failed, or null.
        @Nullable public var error: String?
    }

    /// Each channel reconciled, in order.
    public var channels: [Channel]

    /// The output of `results`.
    public init(_ results: [ReconcileResult]) {
        channels = results.map {
            Channel(name: $0.name, expected: $0.expected, ledger: $0.ledger, live: $0.live, missing: $0.missing,
                    unexpected: $0.unexpected, stale: $0.stale, foreign: $0.foreign, error: $0.error?.message)
        }
    }
}
