import Foundation
import PortalPush
import PubsyncCore
import Testing

extension PortalTests {
    @Suite("what the adapter sends: XML bodies and safe HTML")
    struct FormatTests {
        @Test("format = xml: the portal stores exactly the fields sent, escaping done by libxml2")
        func xmlRoundTrip() async throws {
            let server = try PortalServer()
            defer { server.stop() }
            let adapter = try Fixture.adapter(server, ["format": .string("xml")])
            let title = "关于<公交>线路 & \"调整\"的通知\u{1}"
            let item = Fixture.item("x-1", title: title, body: "第一段 a < b & c\n\n- 项目一\n- 项目二")
            _ = try await Fixture.session(adapter).put(item)
            let stored = try #require(try await server.item("x-1"))
            #expect(stored["format"] as? String == "xml")
            #expect(stored["title"] as? String == "关于<公交>线路 & \"调整\"的通知", "the control character XML forbids is dropped")
            #expect(stored["doc_number"] as? String == "淄交发〔2014〕12号")
            #expect(stored["revision"] as? Int == 1)
            #expect(stored["content_hash"] as? String == item.contentHash)
            #expect(stored["body_html"] as? String == "<p>第一段 a &lt; b &amp; c</p><ul><li>项目一</li><li>项目二</li></ul>")
            #expect(try await adapter.inventory() == [LiveEntry(id: "x-1", revision: 1, contentHash: item.contentHash)])
        }

        @Test("body_html: raw HTML is escaped, javascript: links dropped, URLs and code languages escaped")
        func safeHTML() async throws {
            let server = try PortalServer()
            defer { server.stop() }
            let adapter = try Fixture.adapter(server)
            let markdown = """
                <script>alert(1)</script>

                [点我](javascript:alert(1)) [ok](https://a.example/?q="x") ![图](data:image/png;base64,AAA)

                ```js"><img src=x onerror=alert(1)>
                let a = 1 < 2
                ```
                """
            _ = try await Fixture.session(adapter).put(Fixture.item("h-1", body: markdown))
            let html = try #require(try await server.item("h-1")?["body_html"] as? String)
            #expect(!html.contains("<script"))
            #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
            #expect(!html.lowercased().contains("javascript:"))
            #expect(!html.contains("data:image"))
            #expect(html.contains("点我"))
            #expect(html.contains("<a href=\"https://a.example/?q=&quot;x&quot;\">ok</a>"))
            #expect(!html.contains("onerror"))
            #expect(html.contains("<pre><code>let a = 1 &lt; 2"))
        }
    }
}
