import Feeds
import Foundation
import PubsyncCore
import Testing

/// Markup stays text, forbidden characters disappear, and every file stays well-formed.
@Suite struct EscapingTests {
    static let nasty = "A&B <script>alert(1)</script> ]]> \"q\" 'a'\u{0}\u{1}\u{8}\u{B}\u{C}\u{1F}\u{FFFE}\u{FFFF} 末尾"
    static let cleaned = "A&B <script>alert(1)</script> ]]> \"q\" 'a' 末尾"

    @Test func markupAndForbiddenCharactersInTitlesSurviveAsText() async throws {
        let harness = FeedHarness()
        var item = makeItem("zbjt-2014-0012", title: Self.nasty, summary: "摘要 & <b>粗</b>")
        item.category = "政务<公告>&"
        item.unit = "市交通运输局\u{7}"
        try await harness.sync(put: [item])

        let rss = try harness.xml(.rss).rssItems[0]
        #expect(rss.first("title")?.text == Self.cleaned)
        #expect(rss.first("category")?.text == "政务<公告>&")
        // RSS readers take the description as HTML: the text goes in escaped (issue 13 item 7).
        #expect(rss.first("description")?.text.hasPrefix("摘要 &amp; &lt;b&gt;粗&lt;/b&gt; https://") == true)
        let atom = try harness.xml(.atom).atomEntries[0]
        #expect(atom.first("title")?.text == Self.cleaned)
        #expect(atom.first("author")?.first("name")?.text == "市交通运输局")
        let json = try harness.jsonFeed().items[0]
        #expect(json.title == Self.cleaned)
    }

    @Test func rawBytesCarryNoMarkupNoCDATAEndAndNoForbiddenCharacter() async throws {
        let harness = FeedHarness()
        try await harness.sync(put: [makeItem("a", title: Self.nasty, summary: Self.nasty)])
        for format in FeedFormat.allCases {
            let text = try harness.text(format)
            if format != .json {
                #expect(!text.contains("<script>"), "\(format)")
                #expect(!text.contains("]]>"), "\(format)")
            }
            #expect(!text.unicodeScalars.contains { !Markup.isXMLChar($0) }, "\(format)")
            #expect(!text.contains("\\u0000") && !text.contains("\\u0001") && !text.contains("\\ufffe"), "\(format)")
        }
        #expect(try harness.text(.rss).contains("A&amp;B &lt;script&gt;alert(1)&lt;/script&gt; ]]&gt;"))
    }

    @Test func anXMLSafeStringKeepsTabsNewlinesAndAstralCharacters() {
        #expect(Markup.xmlSafe("a\tb\nc\rd😀\u{10FFFF}") == "a\tb\nc\rd😀\u{10FFFF}")
        #expect(Markup.xmlSafe("\u{0}x\u{FFFF}y\u{1B}") == "xy")
    }

    @Test func theFeedTitleFromTheConfigIsEscapedToo() async throws {
        let harness = FeedHarness()
        harness.config.title = "局 & <微博>\u{2}"
        try await harness.sync(put: [makeItem("a")])
        #expect(try harness.xml(.rss).first("channel")?.first("title")?.text == "局 & <微博>")
        #expect(try harness.xml(.atom).first("title")?.text == "局 & <微博>")
        #expect(try harness.jsonFeed().title == "局 & <微博>")
    }
}
