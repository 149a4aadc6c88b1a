import Foundation
import PubsyncCore
import Testing
@testable import StaticSite

@Suite("Disclosure metadata on the site: item block, notices, catalogue, column order")
struct MetadataPageTests {
    func normative(_ id: String, validity: Validity, repealedBy: String = "", day: Int = 0) -> PublishedItem {
        var item = makeItem(id, category: "政策文件", day: day, docNumber: "淄交发〔2014〕42号")
        item.metadata = DisclosureMetadata(written: LocalDate("2014-05-31"), subject: "交通运输\\行政执法", genre: "行政规范性文件",
                                           keywords: ["行政执法"], effective: LocalDate("2014-07-01"),
                                           validUntil: validity == .lapsed ? LocalDate("2014-12-01") : nil,
                                           repealed: validity == .repealed ? LocalDate("2014-12-09") : nil, repealedBy: repealedBy,
                                           extra: ["signer": "张三"])
        item.validity = validity
        return item
    }

    @Test("the item page shows the whole block; a repealed document has a notice linking the repealing item")
    func repealedItem() async throws {
        let site = try TestSite()
        defer { site.removeAll() }
        try await site.sync(put: [normative("rule-1", validity: .repealed, repealedBy: "rule-2", day: 5), normative("rule-2", validity: .valid)])
        let page = try site.read("items/rule-1.html")
        for label in ["索引号", "主题分类", "体裁", "发布机构", "成文日期", "发布日期", "文号", "有效性", "施行日期", "废止日期", "主题词"] {
            #expect(page.contains("<dt>\(label)</dt>"), "\(label)")
        }
        #expect(page.contains("交通运输\\行政执法") && page.contains("行政规范性文件") && page.contains("2014-05-31"))
        #expect(page.contains("class=\"notice validity-repealed\""))
        #expect(page.contains("<a href=\"../items/rule-2.html\">rule-2</a>"))
        // The notice comes before the title.
        #expect(page.range(of: "class=\"notice")!.lowerBound < page.range(of: "<h1>")!.lowerBound)
        let valid = try site.read("items/rule-2.html")
        #expect(!valid.contains("class=\"notice") && valid.contains(">有效</dd>") && !valid.contains("<dt>废止日期</dt>"))
        #expect(try site.brokenLinks().isEmpty)
    }

    @Test("a lapsed document shows 失效, its 有效期至 and the notice")
    func lapsedItem() async throws {
        let site = try TestSite()
        defer { site.removeAll() }
        try await site.sync(put: [normative("rule-1", validity: .lapsed, repealedBy: "淄交发〔2015〕1号")])
        let page = try site.read("items/rule-1.html")
        #expect(page.contains("class=\"notice validity-lapsed\"") && page.contains("淄交发〔2015〕1号"))
        #expect(page.contains("<dt>有效期至</dt>") && page.contains("<dt>失效日期</dt>") && page.contains("2014-12-02"))
    }

    @Test("the catalogue lists 索引号 … 有效性 and links per-column and per-year pages from its landing page")
    func catalogue() async throws {
        let site = try TestSite()
        defer { site.removeAll() }
        try await site.sync(put: [normative("rule-1", validity: .repealed), makeItem("n-1")])
        let landing = try site.read("catalogue/index.html")
        for header in ["索引号", "名称", "文号", "发布机构", "成文日期", "发布日期", "有效性"] {
            #expect(landing.contains("<th scope=\"col\">\(header)</th>"))
        }
        #expect(landing.contains("validity-repealed\">废止</td>"))
        #expect(landing.contains("href=\"../catalogue/columns/policies/index.html\"") && landing.contains("href=\"../catalogue/years/2014/index.html\""))
        let column = try site.read("catalogue/columns/policies/index.html")
        #expect(column.contains("rule-1") && !column.contains("items/n-1.html"))
        #expect(try site.read("catalogue/years/2014/index.html").contains("items/n-1.html"))
        #expect(try site.brokenLinks().isEmpty)
    }

    @Test("column_order orders the navigation and the home page; unlisted columns follow in character order")
    func columnOrder() async throws {
        var site = try TestSite(columns: ["政务公告": "notices", "政策文件": "policies", "出行指南": "travel"])
        site.config.columnOrder = ColumnOrder(["政策文件", "政务公告"])
        defer { site.removeAll() }
        try await site.sync(put: [makeItem("a"), makeItem("b", category: "政策文件"), makeItem("c", category: "出行指南")])
        let home = try site.read("index.html")
        let policies = home.range(of: ">政策文件</a>")!.lowerBound, notices = home.range(of: ">政务公告</a>")!.lowerBound
        let travel = home.range(of: ">出行指南</a>")!.lowerBound
        #expect(policies < notices && notices < travel)
        #expect(ColumnOrder(["b"]).sorted(["c", "a", "b"]) == ["b", "a", "c"])
    }
}

@Suite("Templates see a deployment's own fields as extra.KEY")
struct ExtraFieldTests {
    @Test("an overriding item template shows extra.signer")
    func extraInTemplate() async throws {
        var site = try TestSite()
        defer { site.removeAll() }
        let folder = site.directory.appendingPathComponent("templates")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try DefaultTemplates.item.replacingOccurrences(of: "<h1>{{title}}</h1>", with: "<h1>{{title}}</h1><p class=\"signer\">签发人：{{extra.signer}}</p>")
            .write(to: folder.appendingPathComponent("item.mustache"), atomically: true, encoding: .utf8)
        site.config.templatesDirectory = folder
        var item = makeItem("a-1")
        item.metadata.extra = ["signer": "张<三>"]
        try await site.sync(put: [item])
        #expect(try site.read("items/a-1.html").contains("<p class=\"signer\">签发人：张&lt;三&gt;</p>"))
    }
}
