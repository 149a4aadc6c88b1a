import Foundation

/// Why a named item is not live on a channel after `publish`: nothing is left silent.
public struct NotPublished: Sendable, Hashable {
    /// The item.
    public var id: String
    /// Why, e.g. `draft`, `awaiting-leader`, `held: flag 12`, `scheduled for 2027-01-05`,
    /// `retracted`, `not routed to portal`, `failed: …`.
    public var reason: String
}

extension ItemStore {
    /// For each of `ids` not live on `channel` with its approved revision, the reason (in `ids` order).
    public func notPublished(_ ids: [String], channel: ConfiguredChannel, config: PubsyncConfig, at now: Date = Date()) throws -> [NotPublished] {
        let lifecycles = try lifecycles(ids: ids, config: config, at: now)
        let rows = Dictionary(try ledgerRows(channel: channel.name, ids: ids).map { ($0.itemID, $0) }, uniquingKeysWith: { first, _ in first })
        var seen = Set<String>()
        var result: [NotPublished] = []
        for id in ids where seen.insert(id).inserted {
            guard let lifecycle = lifecycles[id] else {
                result.append(NotPublished(id: id, reason: "no such item"))
                continue
            }
            let facts = lifecycle.facts
            if lifecycle.state != .retracted, facts.liveOn.contains(channel.name) { continue }
            let reason: String
            switch lifecycle.state {
            case .retracted, .draft, .awaitingLeader:
                reason = lifecycle.state.rawValue
            case .held:
                reason = "held: flag \(facts.approvedFlag ?? 0)"
            case .scheduled:
                reason = "scheduled for \(facts.published?.description ?? "a later day")"
            case .live, .due:
                if !facts.isRouted(to: channel.name, routing: channel.routing) {
                    reason = "not routed to \(channel.name)"
                } else if let row = rows[id], row.state == .failed || row.state == .rejected {
                    reason = "\(row.state.rawValue): \(row.lastError ?? "no message")"
                } else {
                    reason = "not live yet (pending)"
                }
            }
            result.append(NotPublished(id: id, reason: reason))
        }
        return result
    }
}
