import ChannelSupport
import Foundation
import Testing

/// The one Markdown → HTML pipeline: hostile input in every spelling comes out inert.
@Suite("Sanitiser: only the allow-list reaches a channel")
struct SanitizerTests {
    let strict = MarkdownRenderer()
    let raw = MarkdownRenderer(allowRawHTML: true)

    /// Markup no channel may ever publish, whatever the spelling of the input.
    static func expectInert(_ html: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let lower = html.lowercased()
        #expect(!lower.contains("<script"), "script element", sourceLocation: sourceLocation)
        #expect(!lower.contains("<svg") && !lower.contains("<math") && !lower.contains("<animate") && !lower.contains("<set"),
                "foreign content", sourceLocation: sourceLocation)
        #expect(!lower.contains("<form") && !lower.contains("<style") && !lower.contains(" style=\"position"),
                "form or style", sourceLocation: sourceLocation)
        #expect(!attributeNames(lower).contains { $0.hasPrefix("on") }, "event handler", sourceLocation: sourceLocation)
        // Every URL attribute as a browser reads it: whitespace and control characters ignored.
        for part in lower.components(separatedBy: "=\"").dropFirst() {
            let value = String(part.prefix { $0 != "\"" }.unicodeScalars.filter { $0.value > 0x20 && $0.value != 0x7F })
            #expect(!["javascript:", "data:", "vbscript:"].contains { value.hasPrefix($0) }, "dangerous URL \(value)",
                    sourceLocation: sourceLocation)
        }
    }

    /// The attribute names of every tag (sanitised output: `name="value"`, values escaped).
    static func attributeNames(_ html: String) -> [String] {
        var names: [String] = []
        var rest = Substring(html)
        while let open = rest.firstIndex(of: "<"), let close = rest[open...].firstIndex(of: ">") {
            var tag = rest[open..<close].drop { $0 != " " }
            while let equals = tag.range(of: "=\"") {
                names.append(tag[..<equals.lowerBound].trimmingCharacters(in: .whitespaces))
                let value = tag[equals.upperBound...]
                tag = value.firstIndex(of: "\"").map { value[value.index(after: $0)...] } ?? ""
            }
            rest = rest[rest.index(after: close)...]
        }
        return names
    }

    @Test("quotes in a link or image URL cannot add attributes")
    func attributeBreakout() {
        let html = strict.html(from: "[x](https://a.example/\" onmouseover=\"alert(1)) ![a\" onerror=\"alert(2)](p.png) [y](JaVaScRiPt:alert(3)) [z]( java\tscript:alert(4))")
        Self.expectInert(html)
        #expect(Self.attributeNames(html) == ["href", "src", "alt"], "\(html)")
        #expect(html.contains("<img src=\"p.png\""))
    }

    @Test("raw HTML is escaped by default; kept when allowed, but only through the allow-list")
    func rawHTMLSwitch() {
        let markdown = "<div class=\"note\" onclick=\"alert(1)\">提示</div>\n\n<script>alert(1)</script>\n\n<a href=\"javascript:alert(1)\">x</a>"
        let escaped = strict.html(from: markdown)
        #expect(!escaped.contains("<div"))
        #expect(escaped.contains("&lt;div"))
        let kept = raw.html(from: markdown)
        #expect(kept.contains("<div class=\"note\">提示</div>"))
        #expect(!kept.contains("onclick"))
        #expect(!kept.contains("<script") && !kept.contains("alert(1)</"))
        #expect(!kept.contains("javascript:"))
    }

    @Test("SVG and MathML are dropped with their content: no animate/set can turn a link into javascript:")
    func foreignContent() {
        let vectors = [
            "<svg><a><animate attributeName=\"href\" values=\"javascript:alert(1)\"/><text x=\"20\" y=\"20\">点我</text></a></svg>",
            "<svg><a xlink:href=\"#\"><set attributeName=\"href\" to=\"javascript:alert(1)\"/><text>点我</text></a></svg>",
            "<math><maction actiontype=\"statusline\" xlink:href=\"javascript:alert(1)\">x</maction></math>",
            "<SVG><svg></svg><animate attributeName=href values=javascript:alert(1)></SVG>后文",
            "<animate attributeName=\"href\" values=\"javascript:alert(1)\"><set to=\"javascript:alert(2)\">",
        ]
        for vector in vectors {
            let html = raw.html(from: vector)
            Self.expectInert(html)
            #expect(!html.contains("javascript"), "\(vector) → \(html)")
            #expect(!html.contains("点我"), "SVG text goes with the SVG: \(html)")
        }
        #expect(raw.html(from: "<SVG><svg></svg><animate attributeName=href values=javascript:alert(1)></SVG>后文").contains("后文"))
    }

    @Test("forms, style elements, style attributes are dropped; target=_blank gets rel=noopener")
    func formsStylesAndNewWindows() {
        let html = raw.html(from: """
            <form action="https://evil.example/steal"><input name="password"><button formaction="javascript:alert(1)">登录</button></form>

            <style>body{display:none}</style><div style="position:fixed;top:0;left:0;width:100%;height:100%">覆盖</div>

            <a href="https://www.gov.cn/" target="_blank" rel="opener">国务院</a> <a href="/x" target="evil">站内</a>
            """)
        Self.expectInert(html)
        #expect(!html.contains("<input") && !html.contains("<button") && !html.contains("action="))
        #expect(!html.contains("display:none") && !html.contains("position:fixed"))
        #expect(html.contains("<div>覆盖</div>"))
        #expect(html.contains("<a href=\"https://www.gov.cn/\" target=\"_blank\" rel=\"noopener noreferrer\">国务院</a>"))
        #expect(html.contains("<a href=\"/x\">站内</a>"))
        #expect(html.contains("登录"), "a dropped control keeps its text")
    }

    @Test("dangerous schemes in every spelling are dropped", arguments: [
        "javascript:alert(1)", "JaVaScRiPt:alert(1)", " javascript:alert(1)", "java\tscript:alert(1)",
        "&#106;avascript:alert(1)", "&#x6A;avascript:alert(1)", "&#0000106;avascript:alert(1)", "javascript&colon;alert(1)",
        "java&Tab;script:alert(1)", "java&NewLine;script:alert(1)", "data:text/html;base64,PHNjcmlwdD4=",
        "DATA:image/svg+xml,<svg onload=alert(1)>", "vbscript:msgbox(1)", "VBScript:msgbox(1)",
    ])
    func dangerousSchemes(url: String) {
        for html in [
            raw.html(from: "<a href=\"\(url)\">a</a><img src=\"\(url)\"><a href='\(url)'>b</a><a href=\(url)>c</a>"),
            strict.html(from: "[a](\(url)) ![b](\(url)) <\(url)>"),
        ] {
            Self.expectInert(html)
        }
    }

    @Test("URL safety check: http, https, mailto and relative only", arguments: [
        ("https://a.example/x", true), ("/items/a.html", true), ("a.html#x", true), ("mailto:x@example.cn", true),
        ("HTTP://a.example/", true), ("javascript:alert(1)", false), (" JAVASCRIPT:alert(1)", false),
        ("java\nscript:x", false), ("data:text/html,x", false), ("vbscript:x", false), ("file:///etc/passwd", false),
        ("ftp://a.example/x", false), ("tel:12328", false),
    ])
    func urlCheck(url: String, safe: Bool) {
        #expect(HTMLSanitizer.isSafeURL(url) == safe)
    }

    @Test("entity-encoded schemes are checked after decoding")
    func encodedScheme() {
        let html = HTMLSanitizer().clean("<a href=\"&#106;avascript:alert(1)\">x</a><a href=\"javascript&colon;alert(1)\">y</a>")
        #expect(!html.contains("href=\"javascript"))
        #expect(!html.contains("&#106;avascript"))
    }

    @Test("comments, unclosed scripts and nested tricks leave nothing live")
    func tricks() {
        for vector in [
            "<!-- <script>alert(1)</script> -->文", "<scr<script>ipt>alert(1)</script>", "<script>alert(1)",
            "<img src=x onerror=alert(1)//", "<iframe srcdoc=\"<script>alert(1)</script>\"></iframe>",
            "<object data=\"javascript:alert(1)\"></object>", "<a href=\"https://a.example/\" onclick=alert(1)>x</a>",
            "<IMG SRC=\"jav&#x09;ascript:alert(1);\">", "<body onload=alert(1)>", "<meta http-equiv=refresh content=\"0;url=javascript:alert(1)\">",
        ] {
            let html = raw.html(from: vector)
            Self.expectInert(html)
            #expect(!html.contains("iframe") && !html.contains("<object") && !html.contains("<meta"), "\(vector) → \(html)")
        }
    }

    @Test("Markdown still renders: code keeps its < as text, tables get valid alignment")
    func markdownStillWorks() {
        let html = strict.html(from: "# 标题\n\n`a<b` 与 **粗体**\n\n| 左 | 右 |\n|:--|--:|\n| 1 | 2 |\n")
        #expect(html.contains("<h1>标题</h1>"))
        #expect(html.contains("<code>a&lt;b</code>"))
        #expect(html.contains("<strong>粗体</strong>"))
        #expect(html.contains("<th style=\"text-align:left\">左</th>"))
        #expect(!html.contains("align=\""))
    }

    @Test("one raw <…> line does not turn the rest of the body into escaped source (issue 13 item 17)")
    func oneRawLine() {
        let html = strict.html(from: "第一段\n<span class=\"x\">原样</span>\n\n**第二段** 与 [链接](https://a.example/)\n\n- 项目")
        #expect(html.contains("&lt;span class=\"x\"&gt;原样&lt;/span&gt;") || html.contains("&lt;span class=&quot;x&quot;&gt;"))
        #expect(html.contains("<strong>第二段</strong>"))
        #expect(html.contains("<a href=\"https://a.example/\">链接</a>"))
        #expect(html.contains("<li>项目</li>"))
    }
}
