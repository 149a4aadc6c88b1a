import Foundation

/// Where an item stands on one channel.
public enum LedgerState: String, Sendable, Codable, CaseIterable {
    /// An operation is planned or was interrupted; the next run does it.
    case pending
    /// The channel confirmed the put; the recorded revision is live there.
    case live
    /// The last operation failed; retried next run.
    case failed
    /// The channel refused the content (400/422); not retried until the content changes.
    case rejected
    /// The channel confirmed the removal.
    case removed
}

/// What the last failed or pending operation on a ledger row was.
public enum LedgerOp: String, Sendable, Codable {
    /// Publish the item.
    case put
    /// Take it down.
    case remove
}

/// One ledger row: the truth of what pubsync put on a channel.
public struct LedgerRow: Sendable, Hashable {
    /// The channel.
    public var channel: String
    /// The item.
    public var itemID: String
    /// The revision the channel confirmed it holds; nil when never confirmed or confirmed removed.
    public var rev: Int?
    /// That revision's content hash.
    public var contentHash: String?
    /// The change hash (content hash + adapter fingerprint) last confirmed.
    public var publishedHash: String?
    /// Where it lives on the channel, when the channel says.
    public var remoteRef: String?
    /// State.
    public var state: LedgerState
    /// For pending/failed/rejected rows: the operation that is owed.
    public var pendingOp: LedgerOp?
    /// For pending removals: why.
    public var removalReason: RemovalReason?
    /// When first confirmed live.
    public var firstPublishedAt: Date?
    /// When last confirmed live.
    public var lastPublishedAt: Date?
    /// Failed attempts since the last success.
    public var attempts: Int
    /// The last error, for `status`.
    public var lastError: String?
    /// The content hash a rejection refers to (retried only when the content differs).
    public var rejectedHash: String?

    /// Whether the channel holds a confirmed revision of the item (as far as pubsync knows).
    public var isOnChannel: Bool { rev != nil }
}

/// The part of a ledger row reconcile compares: which revision is live (nil: none) and its hash.
public struct LedgerStamp: Sendable, Hashable {
    /// The live revision, nil when the item is not on the channel.
    public var rev: Int?
    /// The live revision's content hash.
    public var contentHash: String?

    /// Creates a stamp.
    public init(rev: Int?, contentHash: String?) {
        self.rev = rev
        self.contentHash = contentHash
    }
}

/// One row of the audit trail.
public struct Event: Sendable, Hashable {
    /// When.
    public var at: Date
    /// Who (a person's name, or `pubsync` for the tool's own runs).
    public var actor: String
    /// What, e.g. `import`, `approve`, `publish`, `remove`, `retract`.
    public var action: String
    /// The item, if any.
    public var item: String?
    /// The channel, if any.
    public var channel: String?
    /// Free text.
    public var detail: String
}
