import Feeds
import Foundation
import PubsyncCore
import Testing

/// A retracted item leaves all three files at once; Atom keeps a bare tombstone for 30 days.
@Suite struct TombstoneTests {
    static let secretTitle = "含有不宜公开内容的通知"
    static let secretSummary = "这段摘要不应再出现"

    func publishedWithSecret() async throws -> FeedHarness {
        let harness = FeedHarness()
        try await harness.sync(put: [
            makeItem("keep", day: 1),
            makeItem("secret", day: 2, title: Self.secretTitle, summary: Self.secretSummary),
        ])
        #expect(try harness.text(.rss).contains(Self.secretTitle))
        return harness
    }

    @Test func aRetractedItemLeavesEveryFileAndAtomGetsABareTombstone() async throws {
        let harness = try await publishedWithSecret()
        let retractedAt = day0.addingTimeInterval(3600)
        try await harness.sync(now: retractedAt, remove: [("secret", .retracted)])

        let ref = "tag:jtj.example.gov.cn,2014:items/secret"
        let ids = try shownIDs(harness)
        #expect(!ids.rss.contains(ref) && !ids.atom.contains(ref) && !ids.json.contains(ref))
        #expect(ids.atom == ["tag:jtj.example.gov.cn,2014:items/keep"])

        let tombstones = try harness.xml(.atom).all("deleted-entry", namespace: tombstoneNS)
        #expect(tombstones.count == 1)
        #expect(tombstones.first?.attributes == ["ref": ref, "when": "2014-06-18T01:00:00+08:00"])
        #expect(tombstones.first?.children.isEmpty == true)
        #expect(tombstones.first?.text.trimmingCharacters(in: .whitespacesAndNewlines) == "")

        // Nothing of the withdrawn content anywhere in the folder, the state file included.
        for name in try FileManager.default.contentsOfDirectory(atPath: harness.folder.url.path) {
            let text = try harness.folder.text(name)
            #expect(!text.contains(Self.secretTitle), "\(name)")
            #expect(!text.contains(Self.secretSummary), "\(name)")
            #expect(!text.contains("items/secret.html"), "\(name)")
        }
    }

    @Test func theTombstoneStaysThirtyDaysThenGoes() async throws {
        let harness = try await publishedWithSecret()
        try await harness.sync(now: day0, remove: [("secret", .retracted)])
        try await harness.sync(now: day0.addingTimeInterval(29 * 86_400))
        #expect(try harness.text(.atom).contains("deleted-entry"))
        try await harness.sync(now: day0.addingTimeInterval(30 * 86_400 + 1))
        #expect(try !harness.text(.atom).contains("deleted-entry"))
        #expect(try !harness.folder.text(".pubsync-feed-state.json").contains("secret"))
    }

    @Test func aRetractionOutsideTheWindowStillLeavesATombstone() async throws {
        let harness = FeedHarness(maxItems: 1)
        try await harness.sync(put: [makeItem("old", day: 1), makeItem("new", day: 2)])
        try await harness.sync(remove: [("old", .retracted)])
        #expect(try harness.xml(.atom).all("deleted-entry", namespace: tombstoneNS).map { $0.attributes["ref"] }
                == ["tag:jtj.example.gov.cn,2014:items/old"])
        #expect(try shownIDs(harness).json == ["tag:jtj.example.gov.cn,2014:items/new"])
    }

    @Test func republishingARetractedItemRemovesItsTombstone() async throws {
        let harness = try await publishedWithSecret()
        try await harness.sync(remove: [("secret", .retracted)])
        try await harness.sync(put: [makeItem("secret", day: 2, revision: 2, title: "修订后的通知")])
        #expect(try !harness.text(.atom).contains("deleted-entry"))
        #expect(try shownIDs(harness).atom.contains("tag:jtj.example.gov.cn,2014:items/secret"))
    }

    @Test func retractingAnAbsentItemSucceeds() async throws {
        let harness = FeedHarness()
        try await harness.sync(remove: [("never", .retracted), ("never-either", .unrouted)])
        #expect(try shownIDs(harness).json.isEmpty)
    }

    @Test func aRetractionInTheSameRunAsAPutOfTheSameItemWins() async throws {
        let harness = FeedHarness()
        try await harness.sync(put: [makeItem("x")], remove: [("x", .retracted)])
        #expect(try shownIDs(harness).rss.isEmpty)
        #expect(try harness.text(.atom).contains("deleted-entry"))
    }
}
