@testable import Feeds
import Foundation
import Testing

/// The post text is cut the way the microblog counts: a CJK character 1, anything else ½.
@Suite struct TextLimitTests {
    @Test func pureChineseExactlyAtTheLimitIsKept() {
        let text = String(repeating: "交", count: 140)
        #expect(FeedText.cut(text, limit: 140) == text)
    }

    @Test func pureChineseOneOverIsCutWithAnEllipsisThatFits() {
        let text = String(repeating: "交", count: 141)
        let cut = FeedText.cut(text, limit: 140)
        #expect(cut == String(repeating: "交", count: 139) + "…")
        #expect(FeedText.halfUnits(cut) <= 280)
    }

    @Test func pureASCIICountsHalf() {
        let fits = String(repeating: "a", count: 280)
        #expect(FeedText.cut(fits, limit: 140) == fits)
        let over = String(repeating: "a", count: 281)
        #expect(FeedText.cut(over, limit: 140) == String(repeating: "a", count: 279) + "…")
    }

    @Test func mixedTextCountsEachKind() {
        // 100 CJK (100 units) + 80 ASCII (40 units) = 140: fits exactly.
        let exact = String(repeating: "公", count: 100) + String(repeating: "b", count: 80)
        #expect(FeedText.halfUnits(exact) == 280)
        #expect(FeedText.cut(exact, limit: 140) == exact)
        // One ASCII more is over: 279 half units of text + ½ for the ellipsis.
        let over = exact + "c"
        let cut = FeedText.cut(over, limit: 140)
        #expect(cut == String(repeating: "公", count: 100) + String(repeating: "b", count: 79) + "…")
        // A CJK character that would overflow is not split; the rest is filled with nothing.
        let cjkAtEnd = String(repeating: "b", count: 278) + "公公"
        #expect(FeedText.cut(cjkAtEnd, limit: 140) == String(repeating: "b", count: 278) + "…")
    }

    @Test func fullWidthPunctuationCountsAsCJK() {
        #expect(FeedText.halfUnits("，。！") == 6)
        #expect(FeedText.halfUnits("ｱ") == 1)   // half-width katakana is half
        #expect(FeedText.halfUnits("12328") == 5)
    }

    @Test func everyCutFitsTheLimit() {
        let alphabet = Array("交通a b1，😀é")
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<300 {
            let text = String((0..<Int.random(in: 0...400, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! })
            let limit = Int.random(in: 1...150, using: &generator)
            let cut = FeedText.cut(text, limit: limit)
            #expect(FeedText.halfUnits(cut) <= 2 * limit, "\(text) @\(limit)")
            if cut != text {
                #expect(cut.hasSuffix("…"))
                #expect(text.hasPrefix(String(cut.dropLast())))
            }
        }
    }

    @Test func theFeedShowsTheCutSummaryFollowedByTheLink() async throws {
        let harness = FeedHarness(textLimit: 10)
        let long = makeItem("zbjt-2014-0012", summary: String(repeating: "通", count: 12))
        let short = makeItem("zbjt-2014-0013", day: 2, summary: String(repeating: "x", count: 20))
        try await harness.sync(put: [long, short])
        let link = "https://jtj.example.gov.cn/items/zbjt-2014-0012.html"
        let expected = String(repeating: "通", count: 9) + "… " + link
        let rss = try harness.xml(.rss).rssItems
        #expect(rss.map { $0.first("description")?.text } == [String(repeating: "x", count: 20) + " https://jtj.example.gov.cn/items/zbjt-2014-0013.html", expected])
        #expect(try harness.xml(.atom).atomEntries.last?.first("content")?.text == expected)
        #expect(try harness.jsonFeed().items.last?.content_text == expected)
    }

    @Test func anEmptySummaryFallsBackToTheBodysPlainText() async throws {
        let harness = FeedHarness()
        let item = makeItem("a", summary: "  ", body: "# 通知\n\n请**市民**注意[出行](https://x.example/a)安排 &amp; 安全。\n\n- 一\n- 二\n")
        try await harness.sync(put: [item])
        let text = try harness.jsonFeed().items[0].content_text
        #expect(text == "通知 请市民注意出行安排 & 安全。 一 二 https://jtj.example.gov.cn/items/a.html")
    }

    @Test("hasText agrees with singleLine being non-empty (random text of spaces, controls and letters)")
    func hasTextAgreesWithSingleLine() {
        let alphabet: [Character] = [" ", "\t", "\n", "\u{3000}", "\u{0}", "\u{1}", "\u{FFFE}", "\u{301}", "a", "交", "\u{200B}", "\r\n"]
        var state: UInt64 = 6
        for _ in 0..<5_000 {
            var text = ""
            for _ in 0..<Int(state % 6) {
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                text.append(alphabet[Int(state >> 33) % alphabet.count])
            }
            state = state &* 6_364_136_223_846_793_005 &+ 1
            #expect(FeedText.hasText(text) == !FeedText.singleLine(text).isEmpty, "\(text.debugDescription)")
        }
    }
}
