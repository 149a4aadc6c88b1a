import Foundation
import Testing
@testable import StaticSite

@Suite("Sitemap")
struct SitemapTests {
    @Test("lists every page with lastmod; splits under an index past the limit")
    func split() {
        let urls = (0..<7).map { Sitemap.URLEntry(path: "items/i\($0).html", lastModified: Date(timeIntervalSince1970: 1_400_000_000 + Double($0))) }
        var sitemap = Sitemap(baseURL: "https://a.example/", timeZone: TimeZone(identifier: "Asia/Shanghai")!)
        let single = sitemap.files(urls)
        #expect(single.map(\.path) == ["sitemap.xml"])
        let text = String(decoding: single[0].bytes, as: UTF8.self)
        #expect(text.contains("<url><loc>https://a.example/items/i0.html</loc><lastmod>2014-05-14T00:53:20+08:00</lastmod></url>"))
        sitemap.maxURLs = 3
        let parts = sitemap.files(urls)
        #expect(parts.map(\.path) == ["sitemap.xml", "sitemap-1.xml", "sitemap-2.xml", "sitemap-3.xml"])
        let index = String(decoding: parts[0].bytes, as: UTF8.self)
        #expect(index.contains("<sitemapindex"))
        #expect(index.contains("<loc>https://a.example/sitemap-3.xml</loc><lastmod>2014-05-14T00:53:26+08:00</lastmod>"))
    }

    @Test("W3C dates match Foundation's", arguments: [0.0, 1_400_000_000, 951_782_400, 4_102_444_799, -86_401])
    func dates(seconds: Double) {
        let zone = TimeZone(identifier: "Asia/Shanghai")!
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = zone
        formatter.formatOptions = [.withInternetDateTime]
        #expect(W3CDate.format(Date(timeIntervalSince1970: seconds), in: zone) == formatter.string(from: Date(timeIntervalSince1970: seconds)))
    }

    @Test("the site's sitemap lists home, columns, catalogue and items")
    func siteSitemap() async throws {
        let site = try TestSite()
        defer { site.removeAll() }
        try await site.sync(put: [makeItem("s1"), makeItem("s2", category: "政策文件")])
        let text = try site.read("sitemap.xml")
        for url in ["https://jtj.example.gov.cn/", "https://jtj.example.gov.cn/columns/notices/", "https://jtj.example.gov.cn/catalogue/",
                    "https://jtj.example.gov.cn/items/s1.html", "https://jtj.example.gov.cn/items/s2.html"] {
            #expect(text.contains("<loc>\(url)</loc>"))
        }
    }
}
