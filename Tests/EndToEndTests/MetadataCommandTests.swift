import Foundation
import PubsyncTesting
import Testing

@Suite("Disclosure metadata through the binary: import, show, 索引号, repeal")
struct MetadataCommandTests {
    static let config = """
        timezone = "Asia/Shanghai"
        [store]
        path = "pubsync.db"
        [disclosure]
        org_code = "004188191"
        office = "淄博市交通运输局"

        """

    static func rule(_ id: String, extra: String = "") -> String {
        """
        ---
        id: \(id)
        title: 淄博市城市公共交通管理办法
        category: 政策文件
        unit: 市交通运输局
        doc_number: 淄交发〔2014〕30号
        published: 2014-07-01
        written: 2014-06-25
        subject: 交通运输\\城市客运
        genre: 行政规范性文件
        keywords: [公共交通, 管理]
        valid_until: 2019-06-30
        status: approved
        reviewer: 信息公开科
        extra:
          signer: 张三
        \(extra)---
        正文
        """
    }

    @Test("an item without 索引号 gets org_code/year-serial; show prints every field; re-import changes nothing")
    func importShow() throws {
        let workspace = try Workspace(config: Self.config)
        try workspace.directory.write("items/rule.md", Self.rule("rule-1"))
        let first = try workspace.pubsync("import", "items")
        #expect(first.status == 0, "\(first.stderr)")
        let show = try workspace.pubsync("show", "rule-1", "--json").json()
        let revision = try #require((show["revisions"] as? [[String: Any]])?.first)
        #expect(revision["index_number"] as? String == "004188191/2014-00001")
        #expect(revision["doc_number"] as? String == "淄交发〔2014〕30号")
        #expect(revision["written"] as? String == "2014-06-25")
        #expect(revision["genre"] as? String == "行政规范性文件")
        #expect(revision["keywords"] as? [String] == ["公共交通", "管理"])
        #expect(revision["valid_until"] as? String == "2019-06-30")
        #expect(revision["validity"] as? String == "失效")
        #expect(revision["extra"] as? [String: String] == ["signer": "张三"])
        let text = try workspace.pubsync("show", "rule-1").stdout
        #expect(text.contains("索引号 004188191/2014-00001") && text.contains("有效性 失效"))
        let log = try workspace.pubsync("log", "--json").stdout
        let again = try workspace.pubsync("import", "items", "--json")
        #expect(try again.json()["unchanged"] as? Int == 1)
        #expect(try workspace.pubsync("log", "--json").stdout == log)
    }

    @Test("a 规章 without 文号 is refused with exit 2, naming the file and the field; nothing is imported")
    func docNumberRequired() throws {
        let workspace = try Workspace(config: Self.config)
        try workspace.directory.write("items/a.md", workspace.item("ok-1"))
        try workspace.directory.write("items/b.md", "---\nid: rule-2\ntitle: 规章\ncategory: 政策文件\npublished: 2014-07-01\ngenre: 规章\n---\n正文\n")
        let result = try workspace.pubsync("import", "items")
        #expect(result.status == 2)
        #expect(result.stderr.contains("b.md") && result.stderr.contains("'doc_number'"))
        #expect(try workspace.itemCount() == 0)
    }

    @Test("repeal makes a new approved revision naming the actor; bad requests exit 2")
    func repeal() throws {
        let workspace = try Workspace(config: Self.config)
        try workspace.directory.write("items/rule.md", Self.rule("rule-1"))
        try workspace.directory.write("items/note.md", workspace.item("note-1", extra: "status: approved\nreviewer: 信息公开科\n"))
        #expect(try workspace.pubsync("import", "items").status == 0)
        let repeal = try workspace.pubsync("repeal", "rule-1", "--on", "2015-01-01", "--by", "法规科", "--repealed-by", "淄交发〔2015〕1号", "--reason", "新办法施行")
        #expect(repeal.status == 0, "\(repeal.stderr)")
        let show = try workspace.pubsync("show", "rule-1", "--json").json()
        #expect(show["approved_rev"] as? Int == 2)
        let revision = try #require((show["revisions"] as? [[String: Any]])?.last)
        #expect(revision["repealed"] as? String == "2015-01-01")
        #expect(revision["repealed_by"] as? String == "淄交发〔2015〕1号")
        #expect(revision["validity"] as? String == "废止")
        // note.md is read before rule.md: it got serial 1.
        #expect(revision["index_number"] as? String == "004188191/2014-00002")
        let events = try workspace.pubsync("log", "--item", "rule-1", "--json").json()["events"] as? [[String: Any]] ?? []
        #expect(events.contains { $0["action"] as? String == "repeal" && $0["actor"] as? String == "法规科" })
        #expect(try workspace.pubsync("repeal", "note-1", "--on", "2015-01-01", "--by", "法规科").status == 2)
        #expect(try workspace.pubsync("repeal", "rule-1", "--on", "2015-13-01", "--by", "法规科").status == 2)
        #expect(try workspace.pubsync("repeal", "nope", "--on", "2015-01-01", "--by", "法规科").status != 0)
    }
}
