import Foundation
@testable import PubsyncCore
import PubsyncTesting
import Testing

@Suite("Official annual report: section 二 from the store")
struct AnnualReportSection2Tests {
    /// A normative document (or another genre) with its own dates.
    static func document(_ id: String, _ genre: String, written: String?, published: String, validUntil: String? = nil,
                         repealed: String? = nil) -> ImportDraft {
        var draft = Fixtures.draft(id, title: "文件\(id)")
        draft.content.category = "政策文件"
        draft.content.docNumber = "淄交规〔\(published.prefix(4))〕\(id)号"
        draft.content.published = LocalDate(published)!
        draft.content.metadata = DisclosureMetadata(written: written.flatMap(LocalDate.init), genre: genre,
                                                    validUntil: validUntil.flatMap(LocalDate.init), repealed: repealed.flatMap(LocalDate.init))
        return draft
    }

    /// 规章 and 行政规范性文件 issued, repealed and lapsed across 2013–2015, with 31 December / 1 January edges.
    static func dataset(_ harness: EngineHarness) throws {
        let approved: [ImportDraft] = [
            document("r1", "规章", written: "2013-06-01", published: "2013-06-10"),
            document("r2", "规章", written: "2014-12-31", published: "2015-01-05"),               // issued by 成文日期, in 2014
            document("r3", "规章", written: nil, published: "2015-01-01"),                        // no 成文日期: issued by 发布日期
            document("r4", "规章", written: "2012-03-01", published: "2012-03-05", repealed: "2014-12-31"), // 废止 on 31 Dec
            document("r5", "规章", written: "2013-01-01", published: "2013-01-02", repealed: "2015-01-01"), // 废止 on 1 Jan
            document("n1", "行政规范性文件", written: "2014-01-01", published: "2014-01-02", validUntil: "2014-12-31"), // lapses 1 Jan
            document("n2", "行政规范性文件", written: "2012-05-01", published: "2012-05-02", validUntil: "2014-12-30"),
            document("n3", "行政规范性文件", written: "2014-06-01", published: "2014-06-02", repealed: "2014-09-01"), // retracted below
            document("n6", "行政规范性文件", written: nil, published: "2013-12-31"),
            document("n7", "行政规范性文件", written: "2013-07-01", published: "2013-07-02"),
            document("t1", "通知", written: "2014-02-01", published: "2014-02-02"),                 // not counted: another genre
        ]
        try Fixtures.importing(harness.store, approved, approveBy: "信息公开科")
        // Not approved: not counted.
        try Fixtures.importing(harness.store, [document("n4", "行政规范性文件", written: "2014-03-01", published: "2014-03-02")])
        // A newer revision awaiting approval does not count: the approved one does.
        try Fixtures.importing(harness.store, [document("n7", "行政规范性文件", written: "2013-07-01", published: "2013-07-02", repealed: "2014-05-01")])
        // A retracted document was still issued (and repealed).
        try harness.store.retract(["n3"], by: "王主任", reason: "撤回")
    }

    func section2(_ harness: EngineHarness, year: Int, asOf: Date? = nil) throws -> AnnualReport.Section2 {
        let context = ReportContext(channels: harness.config.channels, timeZone: TimeZone(identifier: "Asia/Shanghai")!, office: "淄博市交通运输局")
        let report = try harness.store.annualReport(year: year, figures: AnnualFigures(), asOf: asOf, now: harness.now, context: context)
        return try JSONDecoder().decode(AnnualReport.JSON.self, from: Data(try report.jsonText().utf8)).section2
    }

    @Test("every section-二 figure of the JSON, three years running")
    func threeYears() async throws {
        let harness = try EngineHarness(today: "2016-01-20")
        try Self.dataset(harness)
        try await harness.sync()
        let expected: [Int: (规章: DocumentCounts, 行政规范性文件: DocumentCounts)] = [
            2013: (.init(issued: 2, repealed: 0, inForce: 3), .init(issued: 2, repealed: 0, inForce: 3)),
            2014: (.init(issued: 1, repealed: 1, inForce: 3), .init(issued: 2, repealed: 1, inForce: 3)),
            2015: (.init(issued: 1, repealed: 1, inForce: 3), .init(issued: 0, repealed: 0, inForce: 2)),
        ]
        for (year, counts) in expected {
            let section = try section2(harness, year: year)
            #expect(section.documents["规章"] == counts.规章, "规章 \(year)")
            #expect(section.documents["行政规范性文件"] == counts.行政规范性文件, "行政规范性文件 \(year)")
            #expect(section.proactive == ["行政许可": 0, "行政处罚": 0, "行政强制": 0, "行政事业性收费": 0])
        }
    }

    @Test("the figures are the documents' own dates: --as-of and publication on channels do not move them")
    func notMovedByAsOf() async throws {
        let harness = try EngineHarness(today: "2016-01-20")
        try Self.dataset(harness)
        let beforeAnySync = try section2(harness, year: 2014)
        try await harness.sync()
        let early = try section2(harness, year: 2014, asOf: ISO8601DateFormatter().date(from: "2014-01-01T00:00:00Z"))
        let now = try section2(harness, year: 2014)
        #expect(beforeAnySync == now && early == now)
        #expect(now.documents["规章"] == DocumentCounts(issued: 1, repealed: 1, inForce: 3))
    }

    @Test("a repeal approved later moves the year of its 废止日期 only")
    func repealCommand() async throws {
        let harness = try EngineHarness(today: "2016-01-20")
        try Self.dataset(harness)
        try Fixtures.importing(harness.store, [Self.document("r1", "规章", written: "2013-06-01", published: "2013-06-10", repealed: "2015-12-31")],
                               approveBy: "信息公开科")
        #expect(try section2(harness, year: 2015).documents["规章"] == DocumentCounts(issued: 1, repealed: 2, inForce: 2))
        #expect(try section2(harness, year: 2014).documents["规章"] == DocumentCounts(issued: 1, repealed: 1, inForce: 3))
    }
}
