import Foundation
import Testing
@testable import StaticSite

@Suite("Escaping: item text can never become markup")
struct EscapingTests {
    @Test("a script title and an onerror image come out inert")
    func scriptTitleAndOnerrorBody() async throws {
        let site = try TestSite()
        defer { site.removeAll() }
        let item = makeItem("evil", title: "<script>alert(1)</script>",
                            body: "前言\n\n<img src=x onerror=alert(1)>\n\n正文 [点我](javascript:alert(1)) 和 [好链接](https://www.gov.cn/)\n\n![图](data:image/png;base64,AAAA)\n")
        try await site.sync(put: [item])
        let page = try site.read("items/evil.html")
        #expect(!page.contains("<script"))
        #expect(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(!page.contains("<img"))
        #expect(page.contains("&lt;img src=x onerror=alert(1)&gt;"))
        #expect(!page.lowercased().contains("javascript:alert"))
        #expect(!page.contains("data:image"))
        #expect(page.contains("<a href=\"https://www.gov.cn/\">好链接</a>"))
        #expect(page.contains("点我"))
        // The title is escaped on every list page too.
        for file in ["index.html", "columns/notices/index.html", "catalogue/index.html"] {
            let list = try site.read(file)
            #expect(!list.contains("<script"), "\(file)")
            #expect(list.contains("&lt;script&gt;"), "\(file)")
        }
    }

    @Test("quotes in a link or image URL cannot add attributes")
    func attributeBreakout() {
        let renderer = MarkdownRenderer(allowRawHTML: false)
        let html = renderer.html(from: "[x](https://a.example/\" onmouseover=\"alert(1)) ![a\" onerror=\"alert(2)](p.png) [y](JaVaScRiPt:alert(3)) [z]( java\tscript:alert(4))")
        #expect(!html.contains("onmouseover"))
        #expect(!html.contains("onerror"))
        #expect(!html.lowercased().contains("script:"))
        #expect(html.contains("<img src=\"p.png\""))
    }

    @Test("Mustache escapes quotes in attributes")
    func quotesInSummary() async throws {
        let site = try TestSite()
        defer { site.removeAll() }
        var item = makeItem("q1")
        item.summary = "a\" onload=\"alert(1)' x='"
        try await site.sync(put: [item])
        let page = try site.read("items/q1.html")
        #expect(page.contains("content=\"a&quot; onload=&quot;alert(1)&#39; x=&#39;\""))
    }

    @Test("raw HTML is kept only when allowed, and even then without scripts or handlers")
    func rawHTMLSwitch() {
        let markdown = "<div class=\"note\" onclick=\"alert(1)\">提示</div>\n\n<script>alert(1)</script>\n\n<a href=\"javascript:alert(1)\">x</a>"
        let strict = MarkdownRenderer(allowRawHTML: false).html(from: markdown)
        #expect(!strict.contains("<div"))
        #expect(strict.contains("&lt;div"))
        let raw = MarkdownRenderer(allowRawHTML: true).html(from: markdown)
        #expect(raw.contains("<div class=\"note\">提示</div>"))
        #expect(!raw.contains("onclick"))
        #expect(!raw.contains("<script"))
        #expect(!raw.contains("javascript:"))
    }

    @Test("Markdown still renders: code keeps its < as text, tables get valid alignment")
    func markdownStillWorks() {
        let html = MarkdownRenderer(allowRawHTML: false).html(from: "# 标题\n\n`a<b` 与 **粗体**\n\n| 左 | 右 |\n|:--|--:|\n| 1 | 2 |\n")
        #expect(html.contains("<h1>标题</h1>"))
        #expect(html.contains("<code>a&lt;b</code>"))
        #expect(html.contains("<strong>粗体</strong>"))
        #expect(html.contains("<th style=\"text-align:left\">左</th>"))
        #expect(!html.contains("align=\""))
    }

    @Test("URL safety check", arguments: [
        ("https://a.example/x", true), ("/items/a.html", true), ("a.html#x", true), ("mailto:x@example.cn", true),
        ("javascript:alert(1)", false), (" JAVASCRIPT:alert(1)", false), ("java\nscript:x", false),
        ("data:text/html,x", false), ("vbscript:x", false), ("file:///etc/passwd", false),
    ])
    func urlCheck(url: String, safe: Bool) {
        #expect(HTMLSanitizer.isSafeURL(url) == safe)
    }

    @Test("entity-encoded schemes are checked after decoding")
    func encodedScheme() {
        let html = HTMLSanitizer(allowRaw: true).clean("<a href=\"&#106;avascript:alert(1)\">x</a><a href=\"javascript&colon;alert(1)\">y</a>")
        #expect(!html.contains("href=\"javascript"))
        #expect(!html.contains("&#106;avascript"))
    }
}
