@testable import ChannelSupport
import Testing

/// `PlainProse` stands in for Ink on plain paragraphs: wherever it answers, its HTML must be
/// Ink's, byte for byte (after the sanitiser both go through).
@Suite("Markdown: plain prose renders as Ink renders it, without Ink")
struct PlainProseTests {
    /// What each renderer makes of `text`, or nil when the fast path declines it. The fast
    /// path's HTML skips the sanitiser: it must be what the sanitiser leaves as it is.
    static func both(_ text: String) -> (fast: String, ink: String)? {
        let renderer = MarkdownRenderer()
        guard let prose = PlainProse.html(text) else { return nil }
        #expect(HTMLSanitizer().clean(prose) == prose, "\(text.debugDescription)")
        return (prose, renderer.inkHTML(from: text))
    }

    @Test("Paragraphs, line joins, and the text a government notice holds")
    func examples() throws {
        let cases = [
            "为进一步规范道路运输市场秩序，提升交通运输服务水平。",
            "第一段。\n第一段续。\n\n第二段（详见淄交发〔2014〕12号）。\n",
            "\n\n咨询电话：0533-2317890; see route map v2.3 (model BJ6123EV) \"quoted\" 'single' 100% $5 @ a/b=c?\n\n\n",
            "The bus line K12 runs every 10 minutes from 06:00 to 22:00.\nElectric buses (model BJ6123EV) cover 96 km.",
            "《条例》第三条：“本办法自发布之日起施行。”……℃ № ★ ■ ①②",
            "",
            "\n",
        ]
        for text in cases {
            let pair = try #require(Self.both(text), "declined: \(text)")
            #expect(pair.fast == pair.ink, "\(text.debugDescription)")
        }
    }

    @Test("Markup, numbers and odd spaces are left to Ink")
    func declines() {
        for text in ["**粗体**", "a_b", "[链接](https://example.gov.cn)", "1. 第一项", "一、总则", "〇八年", "- 列表", "+ 列表",
                     "# 标题", "a  b", " 缩进", "行尾 ", "a\tb", "a\r\nb", "a<b", "a&b", "a>b", "`代码`", "!感叹", "a!b",
                     "　　全角空格缩进", "e\u{301}", "한국어", "😀", "a\u{2028}b", "a|b", "=== "] {
            #expect(PlainProse.html(text) == nil, "\(text.debugDescription)")
        }
    }

    /// Random texts over an alphabet weighted towards what is at the fast path's edges: every one
    /// the fast path accepts must render as Ink renders it. Seeded, so a failure repeats.
    @Test("Random texts: wherever the fast path answers, it is Ink's answer")
    func differential() {
        let alphabet: [String] = ["通", "知", "。", "，", "、", "（", "）", "《", "》", "〔", "〕", "“", "”", "：", "；", "…", "a", "B", "z", "0", "7",
                                  " ", " ", " ", "\n", "\n", "\n", "-", "+", "=", ".", "(", ")", ":", "/", "'", "\"", "%", "一", "〇", "①",
                                  "Ⅱ", "℃", "＊", "１", "ア", "·", "—", "?", ",", ";", "{", "}", "^", "$", "@", "é", "ñ"]
        var generator = SplitMix64(seed: 2026)
        var accepted = 0
        for _ in 0..<20_000 {
            let length = Int(generator.next() % 40)
            let text = (0..<length).map { _ in alphabet[Int(generator.next() % UInt64(alphabet.count))] }.joined()
            guard let pair = Self.both(text) else { continue }
            accepted += 1
            #expect(pair.fast == pair.ink, "\(text.debugDescription)")
        }
        #expect(accepted > 1_000)
    }
}

/// A small seeded generator (Swift's own is not seedable).
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
