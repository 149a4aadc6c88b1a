import Feeds
import Foundation
import PubsyncCore
import Testing

/// The files show the newest `max_items`; older items are still published, never removed.
@Suite struct WindowTests {
    static let fiftyOne = (1...51).map { makeItem(String(format: "item-%02d", $0), day: $0) }

    @Test func theFiftyFirstOldestItemDropsOutWhileItsPutSucceeds() async throws {
        let harness = FeedHarness(maxItems: 50)
        try await harness.sync(put: Self.fiftyOne)
        #expect(harness.receipts["item-01"]?.remoteRef == "https://jtj.example.gov.cn/items/item-01.html")
        let ids = try shownIDs(harness)
        let expected = (2...51).reversed().map { "tag:jtj.example.gov.cn,2014:items/" + String(format: "item-%02d", $0) }
        #expect(ids.rss == expected)
        #expect(ids.atom == expected)
        #expect(ids.json == expected)
        #expect(harness.channel.expectedWindow(of: Self.fiftyOne) == Set(expected.map { String($0.split(separator: "/").last!) }))
        #expect(try !harness.text(.atom).contains("deleted-entry"))
    }

    @Test func anItemOlderThanTheWindowIsAcceptedAndChangesNoFile() async throws {
        let harness = FeedHarness(maxItems: 50)
        try await harness.sync(put: Array(Self.fiftyOne.dropFirst()))
        let past = Date(timeIntervalSince1970: 1_000_000_000)
        for format in FeedFormat.allCases { try setMtime(harness.file(format), past) }
        try await harness.sync(put: [Self.fiftyOne[0]])
        #expect(harness.receipts["item-01"] != nil)
        for format in FeedFormat.allCases { #expect(try mtime(harness.file(format)) == past, "\(format)") }
    }

    @Test func theWindowIsTheSameWhetherBuiltInOneRunOrAcrossMany() async throws {
        let once = FeedHarness(maxItems: 10)
        try await once.sync(put: Self.fiftyOne.shuffled())
        let stepwise = FeedHarness(maxItems: 10)
        for chunk in stride(from: 0, to: 51, by: 7) {
            try await stepwise.sync(put: Array(Self.fiftyOne.shuffled()[chunk..<min(chunk + 7, 51)]), flushEvery: 3)
        }
        // Both saw every item; the shuffles differ, the windows must not.
        try await stepwise.sync(put: Self.fiftyOne.filter { stepwise.ledger[$0.id] == nil })
        #expect(try shownIDs(once).atom == shownIDs(stepwise).atom)
        #expect(try once.text(.rss) == stepwise.text(.rss))
    }

    @Test func removingAWindowItemBringsTheNextOlderOneBack() async throws {
        let harness = FeedHarness(maxItems: 50)
        try await harness.sync(put: Self.fiftyOne)
        try await harness.sync(remove: [("item-30", .unrouted), ("item-31", .repair)])
        let ids = try shownIDs(harness).json.map { String($0.split(separator: "/").last!) }
        #expect(ids.count == 49)   // 51 − 2: every remaining item fits again
        #expect(ids.contains("item-01"))
        #expect(!ids.contains("item-30") && !ids.contains("item-31"))
        // Routine removals leave no tombstone.
        #expect(try !harness.text(.atom).contains("deleted-entry"))
    }

    @Test func manyRemovalsInOneRunStillFillTheWindow() async throws {
        let harness = FeedHarness(maxItems: 5)
        try await harness.sync(put: Self.fiftyOne)
        try await harness.sync(remove: (20...51).map { (String(format: "item-%02d", $0), RemovalReason.unrouted) })
        let ids = try shownIDs(harness).rss.map { String($0.split(separator: "/").last!) }
        #expect(ids == ["item-19", "item-18", "item-17", "item-16", "item-15"])
    }

    @Test func aRepublishedItemWithANewDateMovesInTheWindow() async throws {
        let harness = FeedHarness(maxItems: 3)
        try await harness.sync(put: Array(Self.fiftyOne.prefix(5)))
        try await harness.sync(put: [makeItem("item-01", day: 60, revision: 2)])
        let ids = try shownIDs(harness).atom.map { String($0.split(separator: "/").last!) }
        #expect(ids == ["item-01", "item-05", "item-04"])
    }
}

/// The expected window is what the files show, for any order of the ledger's list.
@Suite struct ExpectedWindowTests {
    @Test func expectedWindowMatchesTheFilesForAnyOrder() async throws {
        let items = (1...40).map { makeItem("i\($0)", day: 1 + $0 % 7) }   // many items share a day
        let harness = FeedHarness(maxItems: 12)
        try await harness.sync(put: items)
        let shown = Set(try shownIDs(harness).json.map { String($0.split(separator: "/").last!) })
        #expect(shown.count == 12)
        for _ in 0..<5 { #expect(harness.channel.expectedWindow(of: items.shuffled()) == shown) }
        #expect(harness.channel.expectedWindow(of: Array(items.prefix(3))) == ["i1", "i2", "i3"])
    }
}
