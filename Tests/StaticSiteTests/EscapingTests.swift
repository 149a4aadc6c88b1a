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
}
