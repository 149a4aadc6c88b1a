import Foundation
import Logging
import PubsyncCore
import Testing

/// The shared conformance suite every channel adapter's tests call: the error contract of
/// `ChannelAdapter` (idempotent puts, removing an absent item succeeds, updates replace,
/// inventory reports what was put with its revision and hash, a fresh adapter over the same
/// place sees the same, the fingerprint is stable).
public struct ChannelConformance: Sendable {
    /// Builds a fresh adapter over the same destination each time it is called.
    public let makeAdapter: @Sendable () throws -> any ChannelAdapter
    /// Whether the channel shows only a window (inventory may omit old items).
    public let windowed: Bool

    /// Creates the suite for an adapter factory.
    public init(windowed: Bool = false, makeAdapter: @escaping @Sendable () throws -> any ChannelAdapter) {
        self.makeAdapter = makeAdapter
        self.windowed = windowed
    }

    /// Runs every check, recording issues with Swift Testing.
    public func run(sourceLocation: Testing.SourceLocation = #_sourceLocation) async throws {
        let adapter = try makeAdapter()
        let ledger = ArrayLiveItems()
        let context = SessionContext(now: Date(timeIntervalSince1970: 1_403_100_000), timeZone: TimeZone(identifier: "Asia/Shanghai")!,
                                     logger: Logger(label: "conformance"), live: ledger)
        let items = (1...3).map { SampleItems.item("conf-\($0)", day: 10 + $0) }

        // Puts are confirmed by flush and show up in the inventory with revision and hash.
        var session = try await adapter.openSession(context)
        for item in items { _ = try await session.put(item) }
        try await session.flush()
        items.forEach(ledger.recordPut)
        var inventory = try await Self.byID(adapter.inventory())
        for item in items {
            #expect(inventory[item.id]?.revision == 1, "put \(item.id) is listed at revision 1", sourceLocation: sourceLocation)
            #expect(inventory[item.id]?.contentHash == item.contentHash, "put \(item.id) is listed with its hash", sourceLocation: sourceLocation)
        }

        // Putting the same item again is harmless: still one entry, same content.
        session = try await adapter.openSession(context)
        _ = try await session.put(items[0])
        try await session.flush()
        inventory = try await Self.byID(adapter.inventory())
        #expect(inventory.count == 3, "an idempotent put leaves one copy", sourceLocation: sourceLocation)

        // An update replaces the entry.
        let updated = SampleItems.item("conf-2", revision: 2, title: "更新后的标题", day: 12)
        session = try await adapter.openSession(context)
        _ = try await session.put(updated)
        try await session.flush()
        ledger.recordPut(updated)
        inventory = try await Self.byID(adapter.inventory())
        #expect(inventory["conf-2"]?.revision == 2, "an update is listed at its new revision", sourceLocation: sourceLocation)
        #expect(inventory["conf-2"]?.contentHash == updated.contentHash, sourceLocation: sourceLocation)

        // Removing an item takes it off; removing an absent one succeeds.
        session = try await adapter.openSession(context)
        try await session.remove(id: "conf-1", reason: .retracted)
        try await session.remove(id: "never-there", reason: .unrouted)
        try await session.flush()
        ledger.recordRemove("conf-1")
        inventory = try await Self.byID(adapter.inventory())
        #expect(inventory["conf-1"] == nil, "a removed item is gone", sourceLocation: sourceLocation)
        #expect(inventory["never-there"] == nil, sourceLocation: sourceLocation)
        #expect(inventory["conf-3"] != nil || windowed, "other items stay", sourceLocation: sourceLocation)

        // A fresh adapter over the same destination sees the same, with the same fingerprint.
        let fresh = try makeAdapter()
        #expect(fresh.fingerprint == adapter.fingerprint, "the fingerprint is stable for the same config", sourceLocation: sourceLocation)
        let again = try await Self.byID(fresh.inventory())
        #expect(Set(again.keys) == Set(inventory.keys), "a fresh adapter lists the same entries", sourceLocation: sourceLocation)

        // A session with nothing to do changes nothing.
        session = try await fresh.openSession(context)
        try await session.flush()
        #expect(Set(try await Self.byID(fresh.inventory()).keys) == Set(inventory.keys), sourceLocation: sourceLocation)
    }

    static func byID(_ entries: [LiveEntry]) -> [String: LiveEntry] {
        var result: [String: LiveEntry] = [:]
        for entry in entries { result[entry.id] = entry }
        return result
    }
}
