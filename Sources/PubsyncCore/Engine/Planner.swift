import Foundation

/// What the planner knows of one item for one channel: its review state, its approved
/// revision's routing fields, and the channel's ledger row.
public struct PlanCandidate: Sendable, Hashable {
    /// The item id.
    public var id: String
    /// Review/publication status.
    public var status: ItemStatus
    /// The approved revision, if any.
    public var approvedRev: Int?
    /// The approved revision's category (the head's when none is approved).
    public var category: String
    /// The approved revision's own channel list.
    public var channels: [String]?
    /// The approved revision's publication date.
    public var published: LocalDate?
    /// The approved revision's content hash.
    public var contentHash: String?
    /// The channel's ledger row for the item, if any.
    public var ledger: LedgerRow?
    /// The approved revision's 有效期至, when it is a normative document.
    public var validUntil: LocalDate?
    /// The approved revision's 废止日期, when it is a normative document.
    public var repealed: LocalDate?
    /// The oldest open flag on the approved revision: the revision is held, never put.
    public var heldFlag: Int64?

    /// The validity that decides the change hash on `day` (a document without dates hashes as 有效).
    public func validity(on day: LocalDate) -> Validity {
        Validity.dated(validUntil: validUntil, repealed: repealed, on: day)
    }

    /// The ledger hash of a put of this candidate's approved revision on `day`.
    public func changeHash(fingerprint: String, on day: LocalDate) -> String? {
        contentHash.map { ContentHash.change(contentHash: $0, fingerprint: fingerprint, validity: validity(on: day)) }
    }

    /// Creates a candidate.
    public init(id: String, status: ItemStatus, approvedRev: Int?, category: String, channels: [String]?,
                published: LocalDate?, contentHash: String?, ledger: LedgerRow?,
                validUntil: LocalDate? = nil, repealed: LocalDate? = nil, heldFlag: Int64? = nil) {
        self.heldFlag = heldFlag
        self.validUntil = validUntil
        self.repealed = repealed
        self.id = id
        self.status = status
        self.approvedRev = approvedRev
        self.category = category
        self.channels = channels
        self.published = published
        self.contentHash = contentHash
        self.ledger = ledger
    }
}

/// Why an operation is planned.
public enum PlanReason: String, Sendable, Codable {
    /// Never on the channel.
    case new
    /// On the channel with another revision or fingerprint.
    case update
    /// A previous attempt failed or was interrupted.
    case retry
    /// The item was retracted.
    case retracted
    /// No longer routed to the channel, not approved, or not due any more.
    case unrouted
}

/// One planned operation.
public struct PlanOp: Sendable, Hashable {
    /// Put or remove.
    public var kind: LedgerOp
    /// The item.
    public var id: String
    /// Why.
    public var reason: PlanReason
    /// For puts: the revision to publish.
    public var rev: Int?
    /// For puts: the change hash (content hash + fingerprint) the ledger records on success.
    public var changeHash: String? {
        get { storedHash?.text }
        set { storedHash = newValue.map(StoredHash.init) }
    }
    /// The change hash as held: a SHA-256's hex as its 32 bytes. A plan of a full publish has
    /// 100,000 puts, and each hex string was a heap block of 112 bytes (22 MB with the site's
    /// and the feed's plans, both held while the site's last flush peaks).
    private var storedHash: StoredHash?

    /// Creates an operation.
    public init(kind: LedgerOp, id: String, reason: PlanReason, rev: Int? = nil, changeHash: String? = nil) {
        self.kind = kind
        self.id = id
        self.reason = reason
        self.rev = rev
        self.changeHash = changeHash
    }

    /// The removal reason an adapter is given.
    public var removalReason: RemovalReason { reason == .retracted ? .retracted : .unrouted }

    private enum StoredHash: Sendable, Hashable {
        case sha256(Digest32)
        case other(String)

        init(_ text: String) {
            self = Digest32(hex: ArraySlice(text.utf8)).map(StoredHash.sha256) ?? .other(text)
        }

        var text: String {
            switch self {
            case .sha256(let digest): digest.description
            case .other(let text): text
            }
        }
    }
}

/// The plan for one channel: retractions, then puts, then routine removals.
public struct ChannelPlan: Sendable {
    /// The channel.
    public var channel: String
    /// Removals of retracted items: first, and never held back by guards.
    public var retractions: [PlanOp] = []
    /// Puts of new and changed items.
    public var puts: [PlanOp] = []
    /// Routine removals: last, skipped when a put failed, subject to the guards.
    public var removals: [PlanOp] = []
    /// Desired items already live with the same hash.
    public var unchanged = 0
    /// Desired items whose content the channel refused and that did not change since.
    public var rejected = 0

    /// All operations in apply order.
    public var ops: [PlanOp] { retractions + puts + removals }
    /// How many operations there are (without the copy `ops` makes).
    public var opCount: Int { retractions.count + puts.count + removals.count }
    /// Whether there is nothing to do.
    public var isEmpty: Bool { retractions.isEmpty && puts.isEmpty && removals.isEmpty }
}

/// The pure planner: (candidates, ledger, routing, fingerprint, today) → plan. No I/O.
public enum Planner {
    /// Whether an item should be live on `channel` today.
    public static func isDesired(_ candidate: PlanCandidate, channel: String, routing: ChannelRouting, today: LocalDate) -> Bool {
        guard candidate.status == .approved, candidate.approvedRev != nil, let published = candidate.published,
              candidate.contentHash != nil else { return false }
        guard published <= today else { return false }
        return routing.accepts(channel: channel, category: candidate.category, itemChannels: candidate.channels)
    }

    /// Plans one channel.
    public static func plan(channel: String, routing: ChannelRouting, fingerprint: String, today: LocalDate,
                            candidates: [PlanCandidate]) -> ChannelPlan {
        var plan = ChannelPlan(channel: channel)
        for candidate in candidates.sorted(by: { $0.id < $1.id }) {
            let row = candidate.ledger
            if candidate.status == .retracted {
                if let row, row.state != .removed {
                    plan.retractions.append(PlanOp(kind: .remove, id: candidate.id, reason: .retracted))
                }
                continue
            }
            if isDesired(candidate, channel: channel, routing: routing, today: today) {
                // Held by an open flag: no put of it is made, and whatever is live stays live.
                if candidate.heldFlag != nil { continue }
                let changeHash = candidate.changeHash(fingerprint: fingerprint, on: today)!
                let put = { (reason: PlanReason) in
                    plan.puts.append(PlanOp(kind: .put, id: candidate.id, reason: reason, rev: candidate.approvedRev, changeHash: changeHash))
                }
                guard let row else { put(.new); continue }
                switch row.state {
                case .rejected where row.rejectedHash == changeHash:
                    plan.rejected += 1
                case .live where row.publishedHash == changeHash:
                    plan.unchanged += 1
                case .live, .rejected:
                    put(row.rev == nil ? .new : .update)
                case .pending, .failed:
                    put(row.pendingOp == .put && row.publishedHash != changeHash && row.rev != nil ? .update : .retry)
                case .removed:
                    put(.new)
                }
            } else if let row, row.state != .removed, row.state != .rejected || row.rev != nil {
                plan.removals.append(PlanOp(kind: .remove, id: candidate.id, reason: .unrouted))
            }
        }
        return plan
    }
}
