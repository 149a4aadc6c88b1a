import Foundation

/// One `sync`, `plan` or `publish`: the checks before anything changes (no channel with ledger
/// rows gone from the config; every secret present, unless dry), the writers' lock (unless dry),
/// the engine's run, and for `publish ID...` why each named item is not live afterwards.
public struct SyncRun: Sendable {
    /// What the run did.
    public struct Outcome: Sendable {
        /// Each channel's result, in the order asked.
        public var results: [ChannelSyncResult]
        /// Of the items to explain, those not live on the first channel afterwards, and why.
        public var notPublished: [NotPublished]
    }

    /// The engine that runs (its store and config are the run's).
    public var engine: SyncEngine

    /// A run by `engine`.
    public init(engine: SyncEngine) {
        self.engine = engine
    }

    /// Runs `channels` with `options`; `lock` is called once, after the checks, unless the run is
    /// dry; `explain` names items to account for on the first channel afterwards.
    public func run(_ channels: [ConfiguredChannel], options: SyncOptions, explain: [String] = [],
                    lock: () throws -> WriteLock) async throws -> Outcome {
        try engine.checkNoChannelDisappeared()
        var held: WriteLock?
        if !options.dryRun {
            try SyncEngine.checkSecrets(channels)
            held = try lock()
        }
        let results = try await engine.run(channels, options: options)
        withExtendedLifetime(held) {}
        var notPublished: [NotPublished] = []
        if !explain.isEmpty, let channel = channels.first {
            notPublished = try engine.store.notPublished(explain, channel: channel, config: engine.config)
        }
        return Outcome(results: results, notPublished: notPublished)
    }
}
