import Foundation

/// The one state a person reads for an item, derived (never stored), decided in this order:
/// retracted · draft / awaiting-leader · held · scheduled · live · due.
public enum LifecycleState: String, Sendable, Codable, CaseIterable {
    /// Taken down; never published again until restored.
    case retracted
    /// No approved revision.
    case draft
    /// No approved revision; sensitive, approved by a reviewer, waiting for a leader.
    case awaitingLeader = "awaiting-leader"
    /// The approved revision has an open audit flag: nothing of it is published until a person acts.
    case held
    /// Approved and clean, dated after today.
    case scheduled
    /// The approved revision is live on every channel the item is routed to.
    case live
    /// Approved, clean and due, but not (yet) live everywhere it is routed.
    case due
}

/// What the derived state of one item is decided on (read by the store in one query).
public struct LifecycleFacts: Sendable, Hashable {
    /// The item.
    public var id: String
    /// Review status.
    public var status: ItemStatus
    /// The newest revision.
    public var headRev: Int
    /// The approved revision, if any.
    public var approvedRev: Int?
    /// Whether the head revision is sensitive.
    public var headSensitive: Bool
    /// Whether the head revision has a reviewer's approval.
    public var headReviewed: Bool
    /// The oldest open flag on the head revision.
    public var headFlag: Int64?
    /// The oldest open flag on the approved revision.
    public var approvedFlag: Int64?
    /// The approved revision's publication date.
    public var published: LocalDate?
    /// The approved revision's category (the head's when none is approved), for routing.
    public var category: String
    /// The approved revision's own channel list.
    public var channels: [String]?
    /// Channels where the approved revision is live.
    public var liveOn: Set<String>

    /// Creates facts.
    public init(id: String, status: ItemStatus, headRev: Int, approvedRev: Int?, headSensitive: Bool, headReviewed: Bool,
                headFlag: Int64?, approvedFlag: Int64?, published: LocalDate?, category: String, channels: [String]?,
                liveOn: Set<String>) {
        self.id = id
        self.status = status
        self.headRev = headRev
        self.approvedRev = approvedRev
        self.headSensitive = headSensitive
        self.headReviewed = headReviewed
        self.headFlag = headFlag
        self.approvedFlag = approvedFlag
        self.published = published
        self.category = category
        self.channels = channels
        self.liveOn = liveOn
    }

    /// Whether `channel` (with `routing`) takes the item.
    public func isRouted(to channel: String, routing: ChannelRouting) -> Bool {
        routing.accepts(channel: channel, category: category, itemChannels: channels)
    }

    /// The item's state today, given the configured channels' routing.
    public func state(today: LocalDate, channels configured: [(name: String, routing: ChannelRouting)]) -> LifecycleState {
        if status == .retracted { return .retracted }
        guard approvedRev != nil else { return headSensitive && headReviewed ? .awaitingLeader : .draft }
        if approvedFlag != nil { return .held }
        if let published, published > today { return .scheduled }
        let routed = configured.filter { isRouted(to: $0.name, routing: $0.routing) }
        return routed.allSatisfy { liveOn.contains($0.name) } ? .live : .due
    }

    /// The state of a newer head revision awaiting approval (`draft`, `awaiting-leader` or `held`),
    /// nil when the head is the approved revision.
    public var headState: LifecycleState? {
        guard approvedRev != headRev, status != .retracted else { return nil }
        if headFlag != nil { return .held }
        return headSensitive && headReviewed ? .awaitingLeader : .draft
    }
}

extension PubsyncConfig {
    /// Each configured channel's name and routing, as `LifecycleFacts.state` takes them.
    public var routes: [(name: String, routing: ChannelRouting)] {
        channels.map { ($0.name, $0.routing) }
    }
}

/// One item's derived state, with the facts it was decided on.
public struct ItemLifecycle: Sendable, Hashable {
    /// The facts.
    public var facts: LifecycleFacts
    /// The state.
    public var state: LifecycleState
    /// The state of a newer head revision awaiting approval, if any.
    public var headState: LifecycleState?
}

extension ItemStore {
    /// Each item's derived state (of `ids`, or of all), keyed by id, as of `now` under `config`'s channels.
    public func lifecycles(ids: [String]? = nil, config: PubsyncConfig, at now: Date = Date()) throws -> [String: ItemLifecycle] {
        let today = config.today(at: now)
        let routes = config.routes
        var result: [String: ItemLifecycle] = [:]
        for facts in try lifecycleFacts(ids: ids) {
            result[facts.id] = ItemLifecycle(facts: facts, state: facts.state(today: today, channels: routes), headState: facts.headState)
        }
        return result
    }
}
