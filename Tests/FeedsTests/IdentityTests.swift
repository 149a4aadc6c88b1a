import Feeds
import PubsyncCore
import Foundation
import Testing

/// Entry ids are permanent `tag:` URIs, not URLs, whatever happens to title and address.
@Suite struct IdentityTests {
    @Test func idsAreTagURIsAndRSSGuidsAreNotPermalinks() async throws {
        let harness = FeedHarness()
        try await harness.sync(put: [makeItem("zbjt-2014-0012")])
        let guid = try #require(try harness.xml(.rss).rssItems.first?.first("guid"))
        #expect(guid.text == "tag:jtj.example.gov.cn,2014:items/zbjt-2014-0012")
        #expect(guid.attributes["isPermaLink"] == "false")
        #expect(try harness.xml(.atom).atomEntries.first?.first("id")?.text == guid.text)
        #expect(try harness.jsonFeed().items.first?.id == guid.text)
    }

    @Test func aTitleChangeKeepsTheId() async throws {
        let harness = FeedHarness()
        try await harness.sync(put: [makeItem("a", revision: 1, title: "旧标题")])
        let before = try shownIDs(harness)
        try await harness.sync(put: [makeItem("a", revision: 2, title: "新标题")])
        let after = try shownIDs(harness)
        #expect(before.rss == after.rss && before.atom == after.atom && before.json == after.json)
        #expect(try harness.xml(.atom).atomEntries.map { $0.first("title")?.text } == ["新标题"])
        #expect(try harness.xml(.atom).atomEntries.count == 1)
    }

    @Test func aNewItemAddressKeepsTheId() async throws {
        let harness = FeedHarness()
        try await harness.sync(put: [makeItem("a")])
        let before = try shownIDs(harness)
        harness.config.itemURLTemplate = "https://jtj.example.gov.cn/new/{id}/"
        try await harness.sync(put: [makeItem("a", revision: 2)])
        #expect(try shownIDs(harness).atom == before.atom)
        #expect(try harness.jsonFeed().items.first?.url == "https://jtj.example.gov.cn/new/a/")
    }

    @Test func datesAreRFC822InRSSAndRFC3339InAtomAndJSON() async throws {
        let harness = FeedHarness()
        var item = makeItem("a")
        item.published = LocalDateFixture.june18
        item.updated = Date(timeIntervalSince1970: 1_403_071_234)   // 2014-06-18T14:00:34+08:00
        try await harness.sync(put: [item])
        let rss = try #require(try harness.xml(.rss).rssItems.first)
        #expect(rss.first("pubDate")?.text == "Wed, 18 Jun 2014 00:00:00 +0800")
        #expect(rss.first("updated", namespace: atomNS)?.text == "2014-06-18T14:00:34+08:00")
        let atom = try #require(try harness.xml(.atom).atomEntries.first)
        #expect(atom.first("published")?.text == "2014-06-18T00:00:00+08:00")
        #expect(atom.first("updated")?.text == "2014-06-18T14:00:34+08:00")
        let json = try #require(try harness.jsonFeed().items.first)
        #expect(json.date_published == "2014-06-18T00:00:00+08:00")
        #expect(json.date_modified == "2014-06-18T14:00:34+08:00")
        #expect(try harness.jsonFeed().version == "https://jsonfeed.org/version/1.1")
    }
}

enum LocalDateFixture {
    static let june18 = LocalDate(year: 2014, month: 6, day: 18)!
}
