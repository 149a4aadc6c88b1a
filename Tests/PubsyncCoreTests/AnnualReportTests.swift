import Foundation
@testable import PubsyncCore
import PubsyncTesting
import Testing

@Suite("Official annual report: rendering and filing")
struct AnnualReportTests {
    static let zone = TimeZone(identifier: "Asia/Shanghai")!

    func context(_ harness: EngineHarness) -> ReportContext {
        ReportContext(channels: harness.config.channels, timeZone: Self.zone, office: "淄博市交通运输局")
    }

    @Test("the HTML has the title, the six sections and every official label, and is self-contained")
    func htmlWithApplications() async throws {
        let harness = try EngineHarness(today: "2015-01-20")
        let figures = try SampleFigures.parse(SampleFigures.text)
        let report = try harness.store.annualReport(year: 2014, figures: figures, asOf: nil, now: harness.now, context: context(harness))
        let html = report.html()
        #expect(html.contains("<title>淄博市交通运输局2014年政府信息公开工作年度报告</title>"))
        #expect(html.contains("<h1>淄博市交通运输局2014年政府信息公开工作年度报告</h1>"))
        for heading in OfficialFormat.sectionHeadings { #expect(html.contains("<h2>\(heading)</h2>")) }
        for line in OfficialFormat.applicationLines { #expect(html.contains(">\(line.label)</th>"), "\(line.label)") }
        for label in OfficialFormat.applicantColumns + OfficialFormat.reviewColumns + ["未经复议直接起诉", "复议后起诉", "第二十条第（八）项", "本年收费金额（单位：万元）"] {
            #expect(html.contains(label), "\(label)")
        }
        #expect(html.contains("<td colspan=\"3\">12.5</td>"))
        #expect(html.contains("统计截至2015年1月20日 12:00"))
        #expect(html.contains("本局坚持以公开为常态"))
        #expect(!html.contains(OfficialFormat.nothingReceived))
        #expect(!html.contains("<script") && !html.contains("src=") && !html.contains("href="))
        #expect(html.contains("@page { size: A4") && html.contains("break-inside: avoid"))
        let markdown = report.markdownDocument()
        #expect(markdown.hasPrefix("# 淄博市交通运输局2014年政府信息公开工作年度报告\n"))
        for heading in OfficialFormat.sectionHeadings { #expect(markdown.contains("## \(heading)\n")) }
        #expect(markdown.contains("| 　　3.其他 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |"))
    }

    @Test("with no application, review or lawsuit the report says so in one sentence instead of empty tables")
    func nothingReceived() async throws {
        let harness = try EngineHarness(today: "2015-01-20")
        let report = try harness.store.annualReport(year: 2014, figures: AnnualFigures(), asOf: nil, now: harness.now, context: context(harness))
        for text in [report.html(), report.markdown()] {
            #expect(text.contains(OfficialFormat.nothingReceived))
            #expect(!text.contains("予以公开"))
            #expect(!text.contains("结果维持"))
            #expect(text.contains("规章") && text.contains("行政事业性收费"))
        }
        #expect(report.json.nothing_received)
    }

    @Test("JSON has the contract's keys, typed")
    func json() async throws {
        let harness = try EngineHarness(today: "2015-01-20")
        try harness.add(["a"], published: "2014-05-01")
        try await harness.sync()
        let figures = try SampleFigures.parse(SampleFigures.text)
        let report = try harness.store.annualReport(year: 2014, figures: figures, asOf: nil, now: harness.now, context: context(harness))
        let text = try report.jsonText()
        let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(Set(object.keys).isSuperset(of: ["year", "as_of", "channels", "section2", "section3", "section4"]))
        let json = try JSONDecoder().decode(AnnualReport.JSON.self, from: Data(text.utf8))
        #expect(json.year == 2014 && json.as_of == "2015-01-20T12:00:00+08:00")
        #expect(json.channels.first?.published == 1)
        #expect(json.section2.proactive == ["行政许可": 120, "行政处罚": 35, "行政强制": 0, "行政事业性收费": 12.5])
        #expect(json.section2.documents["规章"] == DocumentCounts())
        #expect(json.section3.count == 25 && json.section3["一"] == [3, 1, 0, 0, 1, 0, 5])
        #expect(json.section4["未经复议直接起诉"] == [0, 0, 0, 1, 1])
        #expect(text.contains("\"行政许可\":120,") && text.contains("\"in_force\":0"))
    }

    @Test("a filed report defaults to the filing time, says when it was filed and lists each figure changed since")
    func filing() async throws {
        let harness = try EngineHarness(today: "2015-01-20")
        try harness.add(["a", "b"], published: "2014-05-01")
        try await harness.sync()
        let figures = try SampleFigures.parse(SampleFigures.text)
        let first = try harness.store.annualReport(year: 2014, figures: figures, asOf: nil, now: harness.now, context: context(harness), fresh: true)
        let rendering = first.html()
        let filing = try harness.store.fileAnnualReport(first, rendering: rendering, format: "html", by: "信息公开科")
        #expect(filing.sha256 == AnnualReport.sha256(rendering) && filing.sha256.count == 64)
        let filedAt = harness.now

        harness.setToday("2015-02-10")
        try harness.store.retract(["a"], by: "王主任", reason: "撤回")
        try harness.add(["late"], published: "2014-12-30")
        try await harness.sync()
        var changedFigures = figures
        changedFigures.proactive["行政处罚"] = 36

        let later = try harness.store.annualReport(year: 2014, figures: changedFigures, asOf: nil, now: harness.now, context: context(harness))
        #expect(later.asOf == filedAt)
        #expect(later.channels.channels[0].counts == .init(published: 2, updated: 0, retracted: 0))
        let note = try #require(later.filing)
        let changes = Dictionary(uniqueKeysWithValues: note.changes.map { ($0.key, ($0.filed, $0.now)) })
        #expect(changes["channels.site.published"]! == (2, 3))
        #expect(changes["channels.site.retracted"]! == (0, 1))
        #expect(changes["total.published"]! == (2, 3))
        #expect(changes["section2.行政处罚"]! == (35, 36))
        #expect(changes["channels.site.live"] == nil)
        #expect(note.changes.count == 5)
        let html = later.html()
        #expect(html.contains("本报告已于2015年1月20日报送。"))
        #expect(html.contains("site 主动公开：报送时 2，现为 3"))
        #expect(html.contains("行政处罚 本年处理决定数量：报送时 35，现为 36"))
        let json = later.json
        #expect(json.filed?.by == "信息公开科" && json.filed?.sha256 == filing.sha256)

        // Part one's report of the year follows the filing too.
        let partOne = try harness.store.disclosureReport(from: LocalDate("2014-01-01")!, to: LocalDate("2014-12-31")!, asOf: nil,
                                                         now: harness.now, context: context(harness))
        #expect(partOne.asOf == filedAt)
        #expect(partOne.filing?.changes.map(\.key).sorted() == ["channels.site.published", "channels.site.retracted", "total.published", "total.retracted"])
        #expect(partOne.markdown().contains("本报告已于2015年1月20日报送。"))
        // An explicit --as-of still wins; a period that is not the year has no filing.
        let explicit = try harness.store.annualReport(year: 2014, figures: figures, asOf: harness.now, now: harness.now, context: context(harness))
        #expect(explicit.channels.channels[0].counts.published == 3)
        let quarter = try harness.store.disclosureReport(from: LocalDate("2014-01-01")!, to: LocalDate("2014-03-31")!, asOf: nil,
                                                         now: harness.now, context: context(harness))
        #expect(quarter.filing == nil)
    }
}
