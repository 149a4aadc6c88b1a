import Foundation
import PubsyncCore
import Testing
@testable import StaticSite

@Suite("Site chrome: footer, 政府信息公开 section, search page, CSP, no blank column")
struct SiteChromeTests {
    static let footer = SiteFooter(sponsor: "淄博市交通运输局", operatorName: "局办公室", contact: "电话：0533-3180000",
                                   siteCode: "3703000012", icp: "鲁ICP备05012345号", policeRecord: "鲁公网安备 37030302000123号",
                                   errorReportURL: "https://zfwzzc.www.gov.cn/check_web/errorInfo_querySiteCode.action?siteCode=3703000012")

    func site() throws -> TestSite {
        var site = try TestSite(columns: ["政务公告": "notices", "政策文件": "policies", "行政审批": "approvals", "政府信息公开制度": "rules"])
        site.config.footer = Self.footer
        site.config.disclosure = SiteDisclosure(guide: "guide")
        return site
    }

    func htmlFiles(_ site: TestSite) -> [String] { site.files().filter { $0.hasSuffix(".html") }.sorted() }

    @Test("every page: the footer keys, the ICP link, the 政府信息公开 link, a CSP, no inline script")
    func everyPage() async throws {
        let site = try site()
        defer { site.removeAll() }
        try await site.sync(put: [makeItem("n1"), makeItem("p1", category: "政策文件", day: 2)])
        let pages = htmlFiles(site)
        #expect(pages.contains("disclosure/index.html") && pages.contains("search/index.html"))
        for page in pages {
            let html = try site.read(page)
            for text in ["主办单位：淄博市交通运输局", "承办单位：局办公室", "电话：0533-3180000", "网站标识码：3703000012",
                         "href=\"https://beian.miit.gov.cn/\">鲁ICP备05012345号</a>", "鲁公网安备 37030302000123号",
                         ">我为政府网站找错</a>", ">政府信息公开</a>", "<a class=\"skip-link\" href=\"#main\">", "<main id=\"main\"",
                         "lang=\"zh-CN\"", "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'self'; script-src 'self';"] {
                #expect(html.contains(text), "\(page) lacks \(text)")
            }
            for tag in html.components(separatedBy: "<script").dropFirst() {
                #expect(tag.prefix(while: { $0 != ">" }).contains("src="), "\(page) has an inline script")
            }
        }
        let search = try site.read("search/index.html")
        #expect(search.contains("<script src=\"../assets/search.js\" defer></script>"))
        #expect(site.exists(SearchScript.path) && site.exists(SearchIndex.layoutPath))
        #expect(try site.brokenLinks().isEmpty)
        #expect(try SiteLinkChecker(root: site.output).brokenLinks().isEmpty)
    }

    @Test("a column with no live item is in no navigation, list or sitemap; it appears everywhere once it has one, and goes again")
    func blankColumn() async throws {
        let site = try site()
        defer { site.removeAll() }
        try await site.sync(put: [makeItem("n1"), makeItem("p1", category: "政策文件", day: 2)])
        func everywhere(_ text: String) throws -> [String] { try htmlFiles(site).filter { try site.read($0).contains(text) } }
        #expect(try everywhere("行政审批").isEmpty)
        #expect(!site.exists("columns/approvals/index.html"))
        #expect(!(try site.read("sitemap.xml")).contains("approvals"))

        try await site.sync(put: [makeItem("x1", category: "行政审批", day: 1)])
        let pages = htmlFiles(site)
        #expect(try everywhere("columns/approvals/index.html\">行政审批</a>").count == pages.count, "every page links the column")
        #expect(try site.read("items/n1.html").contains(">行政审批</a>"), "an item page put earlier shows the new column")
        #expect((try site.read("sitemap.xml")).contains("columns/approvals/"))

        try await site.sync(remove: ["x1"])
        #expect(try everywhere("行政审批").isEmpty)
        #expect(!site.exists("columns/approvals/index.html"))
        #expect(try site.brokenLinks().isEmpty)
    }

    @Test("the 政府信息公开 section: its four entries, linked when there is something to show")
    func disclosure() async throws {
        let site = try site()
        defer { site.removeAll() }
        try await site.sync(put: [makeItem("n1")])
        var page = try site.read("disclosure/index.html")
        for name in ["政府信息公开指南", "政府信息公开制度", "法定主动公开内容", "政府信息公开工作年度报告"] { #expect(page.contains(name)) }
        #expect(page.contains("<a href=\"../catalogue/index.html\">法定主动公开内容</a>"))
        #expect(!page.contains("columns/rules/") && !page.contains("items/guide.html"))
        try await site.sync(put: [makeItem("guide", category: "政务公告", day: 3, title: "淄博市交通运输局政府信息公开指南"),
                                  makeItem("r1", category: "政府信息公开制度", day: 4)])
        page = try site.read("disclosure/index.html")
        #expect(page.contains("<a href=\"../items/guide.html\">政府信息公开指南</a>"))
        #expect(page.contains("<a href=\"../columns/rules/index.html\">政府信息公开制度</a>"))
        #expect(try site.brokenLinks().isEmpty)
    }

    @Test("the link checker resolves relative, folder and root links, and skips other sites")
    func linkChecker() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("links-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("a/b"), withIntermediateDirectories: true)
        try "<a href=\"a/b/\">x</a> <img src='a/x.png' alt=''> <a href=\"https://gov.cn/\">y</a> <a href=\"#top\">t</a>"
            .write(to: folder.appendingPathComponent("index.html"), atomically: true, encoding: .utf8)
        try "<a href=\"../../index.html?q=1#x\">home</a> <a href=\"../../missing.html\">m</a> <a href=\"../../../out.html\">o</a>"
            .write(to: folder.appendingPathComponent("a/b/index.html"), atomically: true, encoding: .utf8)
        let broken = try SiteLinkChecker(root: folder).brokenLinks().map { "\($0.page) \($0.href)" }
        #expect(broken == ["a/b/index.html ../../missing.html", "a/b/index.html ../../../out.html", "index.html a/x.png"])
    }
}
