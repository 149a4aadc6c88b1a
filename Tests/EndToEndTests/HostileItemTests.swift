import Foundation
import PubsyncTesting
import Testing
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// One hostile item through every channel of the demo deployment (real binaries, real portal).
@Suite("A hostile item renders the same, and inert, on every channel")
struct HostileItemTests {
    static let body = """
        前言 <script>alert(1)</script>
        <img src=x onerror=alert(1)>

        正文 [点我](javascript:alert(1)) [也点我](JaVaScRiPt&colon;alert(1)) [好链接](https://www.gov.cn/) ![图](data:image/png;base64,AAAA)

        <svg><a><animate attributeName="href" values="javascript:alert(1)"/><text>SVG</text></a></svg>
        <form action="https://evil.example/"><input name="p"></form><style>body{display:none}</style>

        **结尾** &#106;avascript:alert(1)
        """

    /// Markup that would be live in a browser: a script element, an event handler, a
    /// javascript:/data:/vbscript: link, SVG or a form.
    static func liveMarkup(in html: String) -> [String] {
        let lower = html.lowercased()
        let patterns = [#"<script>"#, #"<script[^>]*>[^<]"#, #"<[a-z]+(\s+[a-z-]+="[^"]*")*\s+on[a-z]+\s*="#,
                        #"(href|src|action)\s*=\s*["']?\s*(javascript|data|vbscript):"#, #"<svg"#,
                        // Every site page has the site's own search form (its chrome, not item content).
                        #"<form(?! class="site-search" role="search" action="[./]*search/index.html")(?! id="search-form" class="search-form" role="search" action="index.html")"#,
                        #"<animate"#]
        return patterns.filter { lower.range(of: $0, options: .regularExpression) != nil }
    }

    @Test("site page and portal body_html are the same sanitised HTML; no channel carries live markup")
    func sameEverywhere() throws {
        var demo = try DemoDeployment()
        defer { demo.portal?.stop(); demo.portal = nil }
        let file = try demo.workspace.directory.write("hostile/evil.md", """
            ---
            id: zbjt-evil-1
            title: "<script>alert('t')</script>标题"
            category: 政务公告
            unit: 市交通运输局
            index_number: 004188191/2014-09999
            published: 2014-06-18
            status: approved
            reviewer: 信息公开科
            ---
            \(Self.body)
            """)
        let imported = try demo.run("import", file)
        #expect(imported.status == 0, "\(imported.stderr)")
        let sync = try demo.run("sync")
        #expect(sync.status == 0, "\(sync.stderr)")

        let portal = try #require(try demo.portalItem("zbjt-evil-1"))
        let bodyHTML = try #require(portal["body_html"] as? String)
        #expect(Self.liveMarkup(in: bodyHTML).isEmpty, "\(bodyHTML)")
        #expect(bodyHTML.contains("<a href=\"https://www.gov.cn/\">好链接</a>"))
        #expect(bodyHTML.contains("<strong>结尾</strong>"), "the rest of the body still renders after the raw lines")
        let page = try String(contentsOfFile: demo.workspace.directory.path("out/site/items/zbjt-evil-1.html"), encoding: .utf8)
        #expect(page.contains(bodyHTML), "the site page embeds exactly the portal's body_html")

        // HTML and XML files: no live markup. JSON Feed carries the text as `content_text` only.
        for (path, text) in try demo.outputFiles() where path.hasSuffix(".html") || path.hasSuffix(".xml") {
            #expect(Self.liveMarkup(in: text).isEmpty, "\(path): \(Self.liveMarkup(in: text))")
        }
        let feed = try String(contentsOfFile: demo.workspace.directory.path("out/feeds/weibo/feed.json"), encoding: .utf8)
        #expect(!feed.contains("content_html"))
        // What a feed reader takes as HTML: the RSS description, once XML-decoded.
        let rss = try String(contentsOfFile: demo.workspace.directory.path("out/feeds/weibo/rss.xml"), encoding: .utf8)
        let descriptions = rss.components(separatedBy: "<description>").dropFirst().compactMap { $0.components(separatedBy: "</description>").first }
        let evil = try #require(descriptions.first { $0.contains("点我") })
        let decoded = evil.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&amp;", with: "&")
        #expect(Self.liveMarkup(in: decoded).isEmpty, "\(decoded)")
        #expect(!decoded.contains("<img"), "the description is plain text, escaped: \(decoded)")
    }
}

extension DemoDeployment {
    /// The item the portal stores, through its own `GET /items/{id}`.
    func portalItem(_ id: String) throws -> [String: Any]? {
        guard let portal else { return nil }
        var request = URLRequest(url: URL(string: "http://127.0.0.1:\(portal.port)/items/\(id)")!)
        request.timeoutInterval = 30
        request.setValue("Bearer \(PortalProcess.token)", forHTTPHeaderField: "Authorization")
        let box = ResultBox()
        let done = DispatchSemaphore(value: 0)
        URLSession.shared.dataTask(with: request) { data, _, _ in box.data = data; done.signal() }.resume()
        guard done.wait(timeout: .now() + 30) == .success else { return nil }
        return try JSONSerialization.jsonObject(with: box.data ?? Data()) as? [String: Any]
    }
}
