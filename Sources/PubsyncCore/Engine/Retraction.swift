import Foundation

/// Retracting items at once: the retraction is recorded, then every channel is synced for those
/// items only, so they leave every channel now. A channel that fails keeps the removal pending;
/// every later sync or publish retries it first.
public struct Retraction: Sendable {
    /// What to retract.
    public enum Targets: Sendable, Equatable {
        /// These items.
        case items([String])
        /// Every item with an open audit flag.
        case flagged
    }

    /// The reason recorded when retracting flagged items without one.
    public static let flaggedReason = "audit findings (pubsync flags)"

    /// The engine that takes the items down (its store and config are the retraction's).
    public var engine: SyncEngine

    /// A retraction run by `engine`.
    public init(engine: SyncEngine) {
        self.engine = engine
    }

    /// Records the retraction of `targets` by `actor` and, when `sync` is true, removes them from
    /// every configured channel (a channel whose secret is missing keeps its removals pending).
    public func run(_ targets: Targets, by actor: String, reason: String?, sync: Bool) async throws -> RetractionOutcome {
        let store = engine.store
        let ids: [String]
        switch targets {
        case .items(let named): ids = named
        case .flagged: ids = try store.flaggedItems()
        }
        try store.retract(ids, by: actor, reason: reason ?? Self.flaggedReason)
        var outcome = RetractionOutcome(retracted: ids, channels: [])
        guard sync, !ids.isEmpty else { return outcome }
        var options = SyncOptions()
        options.onlyItems = Set(ids)
        options.actor = actor
        for channel in engine.config.channels {
            var error: String?
            var removed: [String] = []
            do {
                try SyncEngine.checkSecrets([channel])
                let result = try await engine.run([channel], options: options)[0]
                removed = result.removedIDs.filter(Set(ids).contains).sorted()
                error = result.stopped?.message ?? result.errors.first.map { "\($0.id): \($0.message)" }
            } catch let failure as PubsyncError where failure.code != .store {
                error = failure.message
            }
            let pending = try store.pendingRetractions(channel: channel.name, among: ids)
            outcome.channels.append(.init(name: channel.name, removed: removed, pending: pending, error: error))
        }
        return outcome
    }
}

/// What a retraction did: the `retract` command's result and its `--json` output.
public struct RetractionOutcome: CommandOutput, Equatable {
    /// One channel's removals.
    public struct Channel: Codable, Sendable, Equatable {
        /// The channel's name.
        public var name: String
        /// The retracted items it removed in this run.
        public var removed: [String]
        /// The retracted items whose removal it still owes.
        public var pending: [String]
        /// Why the channel failed, or null.
        @Nullable public var error: String?

        /// A channel's removals.
        public init(name: String, removed: [String], pending: [String], error: String?) {
            self.name = name
            self.removed = removed
            self.pending = pending
            self.error = error
        }
    }

    /// The items retracted (empty when `--flagged` found no open flags).
    public var retracted: [String]
    /// Each channel synced, in config order (empty when not synced).
    public var channels: [Channel]

    /// Whether every channel confirmed every removal (else the command exits 1).
    public var isComplete: Bool { channels.allSatisfy(\.pending.isEmpty) }
}
