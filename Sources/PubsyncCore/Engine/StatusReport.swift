import Foundation

/// Per channel, what is live, owed, failed and refused, with open flags and held items: the
/// `status` command's result and its `--json` output.
public struct StatusReport: CommandOutput, Equatable {
    /// One channel's figures.
    public struct Channel: Codable, Sendable, Equatable {
        /// The channel's name.
        public var name: String
        /// Items the channel holds.
        public var live: Int
        /// Operations owed, including due, routed items never attempted.
        public var pending: Int
        /// Of those, failed at least once.
        public var failed: Int
        /// Items whose content the channel refused.
        public var rejected: Int
        /// Retractions the channel has not confirmed.
        public var pendingRetractions: Int
        /// The last sync that reached the channel (RFC 3339 with the configured offset), or null.
        @Nullable public var lastSync: String?
        /// The last reconcile, or null.
        @Nullable public var lastReconcile: String?
        /// Whether the last reconcile found drift (false when never reconciled).
        public var drift: Bool
        /// The troubled ledger rows (failed, refused, owed).
        public var errors: [Trouble]

        enum CodingKeys: String, CodingKey {
            case name, live, pending, failed, rejected, drift, errors
            case pendingRetractions = "pending_retractions", lastSync = "last_sync", lastReconcile = "last_reconcile"
        }

        /// Whether anything on this channel needs a person.
        public var needsAttention: Bool { pending + failed + rejected + pendingRetractions > 0 || drift }
    }

    /// One troubled ledger row.
    public struct Trouble: Codable, Sendable, Equatable {
        /// The item.
        public var id: String
        /// Its ledger state.
        public var state: String
        /// The owed operation (`put`/`remove`), or null.
        @Nullable public var op: String?
        /// The last error, or null.
        @Nullable public var error: String?
        /// How often the operation was tried.
        public var attempts: Int
    }

    /// Every configured channel, in config order.
    public var channels: [Channel]
    /// Open audit flags.
    public var openFlags: Int
    /// Items held back by screening.
    public var held: Int
    /// Open flags that block publication.
    public var blockingFlags: Int

    enum CodingKeys: String, CodingKey {
        case channels, held
        case openFlags = "open_flags", blockingFlags = "blocking_flags"
    }

    /// Whether anything needs a person (the command's exit 3).
    public var needsAttention: Bool { blockingFlags > 0 || channels.contains(where: \.needsAttention) }

    /// Reads the status of every channel of `config` from `store`, "today" taken at `now`.
    public init(store: ItemStore, config: PubsyncConfig, now: Date = Date()) throws {
        let zone = config.timeZone
        let today = config.today(at: now)
        channels = try config.channels.map { channel in
            var summary = try store.ledgerSummary(channel: channel.name)
            // Due, routed items never attempted are owed too (issue 13 item 9).
            summary.pending += try store.unattemptedCount(channel: channel.name, routing: channel.routing, today: today)
            let activity = try store.activity(channel: channel.name)
            let troubled = try store.troubledRows(channel: channel.name)
            return Channel(
                name: channel.name, live: summary.live, pending: summary.pending, failed: summary.failed,
                rejected: summary.rejected, pendingRetractions: summary.pendingRetractions,
                lastSync: activity.lastSync.map { Timestamp.rfc3339($0, in: zone) },
                lastReconcile: activity.lastReconcile.map { Timestamp.rfc3339($0, in: zone) },
                drift: activity.drift ?? false,
                errors: troubled.map {
                    Trouble(id: $0.itemID, state: $0.state.rawValue, op: $0.pendingOp?.rawValue, error: $0.lastError, attempts: $0.attempts)
                })
        }
        openFlags = try store.openFlagCount()
        let screening = try store.screeningCounts()
        held = screening.held
        blockingFlags = screening.blockingFlags
    }
}
