import Feeds
import Foundation
import PubsyncCore
import Testing

/// 主题分类, 体裁 and 有效性 go into every format's categories, after the column.
@Suite struct CategoryTests {
    @Test func subjectGenreAndValidityAreCategories() async throws {
        let harness = FeedHarness()
        var item = makeItem("rule-1")
        item.category = "政策文件"
        item.metadata = DisclosureMetadata(subject: "交通运输\\行政执法", genre: "行政规范性文件")
        item.validity = .repealed
        try await harness.sync(put: [item, makeItem("plain")])
        let expected = ["政策文件", "交通运输\\行政执法", "行政规范性文件", "废止"]
        let rss = try harness.xml(.rss).rssItems.first { $0.first("guid")?.text.contains("rule-1") == true }
        #expect(rss?.all("category").map(\.text) == expected)
        let atom = try harness.xml(.atom).atomEntries.first { $0.first("id")?.text.contains("rule-1") == true }
        #expect(atom?.all("category").compactMap { $0.attributes["term"] } == expected)
        let json = try harness.jsonFeed().items.first { $0.id.contains("rule-1") }
        #expect(json?.tags == expected)
        let plain = try harness.jsonFeed().items.first { $0.id.contains("plain") }
        #expect(plain?.tags?.count == 1)
    }
}
