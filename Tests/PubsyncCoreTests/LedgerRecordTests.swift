import Foundation
import GRDB
@testable import PubsyncCore
import PubsyncTesting
import Testing

@Suite("Store: recording a batch of confirmed puts")
struct LedgerRecordTests {
    let directory = TemporaryDirectory()

    func put(_ id: String, rev: Int, category: String = "政务公告") -> OpOutcome {
        let item = PublishedItem(id: id, revision: rev, title: "标题", summary: "", body: "", category: category, unit: "市交通运输局",
                                 indexNumber: "", docNumber: "", published: LocalDate("2014-06-18")!, updated: Date(timeIntervalSince1970: 0),
                                 contentHash: "hash-\(id)-\(rev)")
        return OpOutcome(op: PlanOp(kind: .put, id: id, reason: .new, rev: rev, changeHash: "change-\(id)-\(rev)"),
                         result: .put(item, remoteRef: rev == 1 ? "ref-\(id)" : nil))
    }

    @Test("each put gets the event its ledger row called for: published, updated or refreshed")
    func eventActions() throws {
        let store = try Fixtures.store(directory)
        try store.record(channel: "site", outcomes: [put("a", rev: 1), put("b", rev: 1)])
        try store.record(channel: "site", outcomes: [put("a", rev: 2), put("b", rev: 1), put("c", rev: 1)], actor: "nightly")
        let events = try store.events(limit: 10).filter { $0.channel == "site" }
        #expect(events.map(\.action) == ["published", "published", "updated", "refreshed", "published"])
        #expect(events.map { $0.item ?? "" } == ["a", "b", "a", "b", "c"])
        #expect(events.suffix(3).allSatisfy { $0.actor == "nightly" })
        #expect(try store.ledgerSummary(channel: "site").live == 3)
        let a = try #require(try store.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM ledger WHERE item_id = 'a'").map(ItemStore.ledgerRow)
        })
        #expect(a.rev == 2)
        #expect(a.contentHash == "hash-a-2")
        #expect(a.publishedHash == "change-a-2")
        #expect(a.remoteRef == "ref-a")  // kept when a later put reports none
    }

    @Test("text with quotes, backslashes, control characters and Chinese reaches the ledger unchanged")
    func escaping() throws {
        let store = try Fixtures.store(directory)
        let category = "政务\"公告\\第\n一\t栏\u{1}目 ✓"
        try store.record(channel: "site", outcomes: [put("odd", rev: 1, category: category)])
        let live = try StoreLiveItemsProbe.categories(store, channel: "site")
        #expect(live == [category])
    }
}

/// Reads the ledger's categories straight from the store.
enum StoreLiveItemsProbe {
    static func categories(_ store: ItemStore, channel: String) throws -> [String] {
        try store.read { db in try String.fetchAll(db, sql: "SELECT category FROM ledger WHERE channel = ?", arguments: [channel]) }
    }
}
