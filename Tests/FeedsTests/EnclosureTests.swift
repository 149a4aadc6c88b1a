import Feeds
import Foundation
import PubsyncCore
import Testing

/// Attachments appear as RSS `enclosure` (the first), Atom `link rel="enclosure"` and JSON Feed
/// `attachments`, at the address the site serves them.
@Suite struct EnclosureTests {
    static let pdf = Attachment(sha256: String(repeating: "ab", count: 32), name: "2014年部门预算（草案）.pdf",
                                title: "2014年部门预算", size: 1_258_291, mediaType: "application/pdf")
    static let xlsx = Attachment(sha256: String(repeating: "cd", count: 32), name: "三公经费.xlsx", title: "“三公”经费 & 预算",
                                 size: 1844, mediaType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    static let pdfURL = "https://jtj.example.gov.cn/files/\(String(repeating: "ab", count: 32))/"
        + "2014%E5%B9%B4%E9%83%A8%E9%97%A8%E9%A2%84%E7%AE%97_%E8%8D%89%E6%A1%88_.pdf"

    func published(formats: [FeedFormat] = FeedFormat.allCases) async throws -> FeedHarness {
        let harness = FeedHarness()
        harness.config = FeedConfig(channel: "weibo", output: harness.folder.url, formats: formats, title: "市交通运输局微博",
                                    homeURL: "https://jtj.example.gov.cn/", itemURLTemplate: "https://jtj.example.gov.cn/items/{id}.html",
                                    filesBaseURL: "https://jtj.example.gov.cn")
        var budget = makeItem("budget", day: 2)
        budget.attachments = [Self.pdf, Self.xlsx]
        try await harness.sync(put: [budget, makeItem("plain", day: 1)])
        return harness
    }

    @Test func allThreeFormatsListTheFiles() async throws {
        let harness = try await published()
        let rss = try harness.xml(.rss).rssItems
        let enclosures = rss[0].all("enclosure")
        #expect(enclosures.count == 1, "RSS 2.0 has one enclosure per item: the first file")
        #expect(enclosures.first?.attributes == ["url": Self.pdfURL, "length": "1258291", "type": "application/pdf"])
        #expect(rss[1].all("enclosure").isEmpty)

        let atom = try harness.xml(.atom).atomEntries[0].all("link", namespace: atomNS).filter { $0.attributes["rel"] == "enclosure" }
        #expect(atom.map { $0.attributes["href"] } == [Self.pdfURL, harness.config.fileURL(Self.xlsx)])
        #expect(atom.last?.attributes["length"] == "1844")
        #expect(atom.last?.attributes["title"] == "“三公”经费 & 预算")
        #expect(atom.last?.attributes["type"] == Self.xlsx.mediaType)

        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: harness.file(.json))) as? [String: Any]
        let items = json?["items"] as? [[String: Any]] ?? []
        let files = items.first?["attachments"] as? [[String: Any]] ?? []
        #expect(files.map { $0["url"] as? String } == [Self.pdfURL, harness.config.fileURL(Self.xlsx)])
        #expect(files.first?["mime_type"] as? String == "application/pdf")
        #expect(files.first?["size_in_bytes"] as? Int == 1_258_291)
        #expect(files.first?["title"] as? String == "2014年部门预算")
        #expect(items.last?["attachments"] == nil, "an item without files has no attachments key")
    }

    @Test(arguments: [FeedFormat.rss, .atom, .json])
    func inventoryReadsEnclosuresBackAndNoticesAnEditedOne(format: FeedFormat) async throws {
        let harness = try await published(formats: [format])
        let clean = try await harness.channel.inventory()
        #expect(clean.allSatisfy { $0.contentHash?.hasPrefix("hash-") == true }, "\(clean)")
        // RSS shows only the first file, so the edit there is to the PDF's length.
        let edited = try harness.text(format).replacingOccurrences(of: format == .rss ? "1258291" : "1844", with: "1845")
        #expect(edited != (try harness.text(format)))
        try Data(edited.utf8).write(to: harness.file(format))
        let entries = try await harness.channel.inventory()
        #expect(entries.first { $0.id == "budget" }?.contentHash?.hasPrefix("edited:") == true)
        #expect(entries.first { $0.id == "plain" }?.contentHash == "hash-plain-1")
    }

    @Test func theFilesAddressFollowsTheSiteChannel() throws {
        func settings(_ feed: [String: ConfigValue], site: String?) -> ChannelSettings {
            let file = URL(fileURLWithPath: "/tmp/pubsync.toml")
            let website = site.map { WebsiteAddresses(baseURL: $0, itemURLTemplate: $0 + "/items/{id}.html") }
            return ChannelSettings(name: "weibo", kind: "feed", values: feed.merging(["output": .string("feeds")]) { a, _ in a },
                                   configFile: file, environment: [:], website: website)
        }
        let fromSite = try FeedConfig(settings: settings([:], site: "https://jtj.example.gov.cn/site"))
        #expect(fromSite.fileURL(Self.xlsx) == "https://jtj.example.gov.cn/site/files/\(Self.xlsx.sha256)/%E4%B8%89%E5%85%AC%E7%BB%8F%E8%B4%B9.xlsx")
        let fromItemURL = try FeedConfig(settings: settings(["item_url": .string("https://other.example.cn/a/{id}.html")], site: nil))
        #expect(fromItemURL.fileURL(Self.xlsx).hasPrefix("https://other.example.cn/files/"))
        #expect(fromSite.fingerprint != fromItemURL.fingerprint)
    }
}
