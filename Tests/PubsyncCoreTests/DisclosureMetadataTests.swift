import Foundation
import GRDB
@testable import PubsyncCore
import PubsyncTesting
import Testing

@Suite("Disclosure metadata: fields, validity, the content hash")
struct DisclosureMetadataTests {
    let directory = TemporaryDirectory()
    let parser = ImportParser(channelNames: ["site"])

    func parse(_ file: String) throws -> [ImportDraft] {
        var drafts: [ImportDraft] = []
        try parser.parse(file: file) { drafts.append($0) }
        return drafts
    }

    @Test("front matter carries every metadata field; extra is a map of text")
    func frontMatter() throws {
        let file = try directory.write("a.md", """
            ---
            id: zbjt-2014-0030
            title: 淄博市城市公共交通管理办法
            category: 政策文件
            unit: 市交通运输局
            doc_number: 淄交发〔2014〕30号
            published: 2014-07-01
            written: 2014-06-25
            subject: 交通运输\\城市客运
            genre: 行政规范性文件
            keywords: [公共交通, 管理]
            effective: 2014-08-01
            valid_until: 2019-07-31
            repealed_by: zbjt-2016-0001
            extra:
              signer: 张三
              copies: 40
            ---
            正文
            """)
        let metadata = try #require(try parse(file).first).content.metadata
        #expect(metadata.written == LocalDate("2014-06-25"))
        #expect(metadata.subject == "交通运输\\城市客运")
        #expect(metadata.genre == "行政规范性文件")
        #expect(metadata.keywords == ["公共交通", "管理"])
        #expect(metadata.effective == LocalDate("2014-08-01"))
        #expect(metadata.validUntil == LocalDate("2019-07-31"))
        #expect(metadata.repealed == nil)
        #expect(metadata.repealedBy == "zbjt-2016-0001")
        #expect(metadata.extra == ["signer": "张三", "copies": "40"])
    }

    @Test("NDJSON carries the same fields, extra as an object")
    func ndjson() throws {
        let file = try directory.write("a.ndjson", """
            {"id":"a-1","title":"T","category":"政策文件","published":"2014-07-01","genre":"规章","doc_number":"淄政令第1号","written":"2014-06-30","keywords":["交通"],"extra":{"source":"市政府"}}
            """)
        let draft = try #require(try parse(file).first)
        #expect(draft.content.metadata.genre == "规章")
        #expect(draft.content.metadata.written == LocalDate("2014-06-30"))
        #expect(draft.content.metadata.extra == ["source": "市政府"])
    }

    @Test("a 规章 or 行政规范性文件 without 文号 is refused, naming file and field")
    func docNumberRequired() throws {
        let file = try directory.write("b.md", """
            ---
            id: a-2
            title: T
            category: 政策文件
            published: 2014-07-01
            genre: 规章
            ---
            正文
            """)
        let error = try #require(throws: PubsyncError.self) { _ = try parse(file) }
        #expect(error.code == .input)
        #expect(error.message.contains("b.md"))
        #expect(error.message.contains("'doc_number'"))
    }

    @Test("bad metadata is refused with the field named; unknown top-level fields still are")
    func badInput() throws {
        let cases = [
            ("written: 2014-13-01", "'written'"),
            ("keywords: {a: b}", "'keywords'"),
            ("extra: [a]", "'extra'"),
            ("extra:\n  bad-key: x", "'extra'"),
            ("signer: 张三", "'signer'"),
        ]
        for (index, (line, field)) in cases.enumerated() {
            let file = try directory.write("c\(index).md", "---\nid: a-3\ntitle: T\ncategory: 政务公告\npublished: 2014-07-01\n\(line)\n---\n正文\n")
            let error = try #require(throws: PubsyncError.self) { _ = try parse(file) }
            #expect(error.message.contains(field), "\(line): \(error.message)")
        }
    }

    @Test("validity: 有效, 失效 the day after valid_until, 废止 from repealed; none for other genres")
    func validity() {
        let d = { LocalDate($0)! }
        var metadata = DisclosureMetadata(genre: "行政规范性文件", validUntil: d("2019-07-31"))
        #expect(metadata.validity(on: d("2019-07-31")) == .valid)
        #expect(metadata.validity(on: d("2019-08-01")) == .lapsed)
        metadata.repealed = d("2016-01-01")
        #expect(metadata.validity(on: d("2015-12-31")) == .valid)
        #expect(metadata.validity(on: d("2016-01-01")) == .repealed)
        #expect(DisclosureMetadata(genre: "通知", validUntil: d("2000-01-01")).validity(on: d("2014-01-01")) == nil)
        #expect(d("2014-12-31").nextDay == d("2015-01-01"))
        #expect(d("2016-02-28").nextDay == d("2016-02-29"))
    }

    @Test("the content hash covers every metadata field; empty metadata leaves the old encoding alone")
    func hash() {
        let base = Fixtures.content()
        var seen: Set<String> = [ContentHash.of(base)]
        let variants: [(inout DisclosureMetadata) -> Void] = [
            { $0.written = LocalDate("2014-01-01") }, { $0.subject = "交通运输" }, { $0.genre = "通知" },
            { $0.keywords = ["a"] }, { $0.keywords = ["a", "b"] }, { $0.effective = LocalDate("2014-01-01") },
            { $0.validUntil = LocalDate("2014-01-01") }, { $0.repealed = LocalDate("2014-01-01") },
            { $0.repealedBy = "x" }, { $0.extra = ["k": "v"] }, { $0.extra = ["k": "w"] },
        ]
        for change in variants {
            var content = base
            change(&content.metadata)
            #expect(seen.insert(ContentHash.of(content)).inserted)
        }
    }
}
