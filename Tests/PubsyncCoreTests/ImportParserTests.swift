import Foundation
@testable import PubsyncCore
import PubsyncTesting
import Testing

@Suite("Import files: formats and bad input")
struct ImportParserTests {
    let directory = TemporaryDirectory()
    let parser = ImportParser(channelNames: ["site", "portal", "weibo"])

    func parse(_ file: String) throws -> [ImportDraft] {
        var drafts: [ImportDraft] = []
        try parser.parse(file: file) { drafts.append($0) }
        return drafts
    }

    func error(_ file: String) throws -> PubsyncError {
        try #require(throws: PubsyncError.self) { _ = try parse(file) }
    }

    @Test("Markdown front matter gives every field; the body is what follows")
    func markdown() throws {
        let file = try directory.write("a.md", """
            ---
            id: zbjt-2014-0012
            title: 关于开通12328交通运输服务监督电话的公告
            category: 政务公告
            unit: 市交通运输局
            index_number: 004188191/2014-00012
            doc_number: 淄交发〔2014〕12号
            published: 2014-06-18
            channels: [site, portal]
            sensitive: false
            status: approved
            reviewer: 信息公开科
            ---
            # 公告

            正文
            """)
        let draft = try #require(try parse(file).first)
        #expect(draft.id == "zbjt-2014-0012")
        #expect(draft.content.indexNumber == "004188191/2014-00012")
        #expect(draft.content.published == LocalDate(year: 2014, month: 6, day: 18))
        #expect(draft.content.channels == ["portal", "site"])
        #expect(draft.wantsApproval && draft.reviewer == "信息公开科")
        #expect(draft.content.body == "# 公告\n\n正文\n")
    }

    @Test("JSON files hold one item or an array; NDJSON one per line")
    func jsonAndNDJSON() throws {
        let one = try directory.write("one.json", #"{"id":"a","title":"T","category":"C","published":"2014-01-01","body":"x"}"#)
        let many = try directory.write("many.json", #"[{"id":"b","title":"T","category":"C","published":"2014-01-01"},{"id":"c","title":"T","category":"C","published":"2014-01-02","sensitive":true}]"#)
        let lines = try directory.write("lines.ndjson", "{\"id\":\"d\",\"title\":\"T\",\"category\":\"C\",\"published\":\"2014-01-01\"}\n\n{\"id\":\"e\",\"title\":\"T\",\"category\":\"C\",\"published\":\"2014-01-01\"}\n")
        #expect(try parse(one).map(\.id) == ["a"])
        #expect(try parse(many).map(\.id) == ["b", "c"])
        #expect(try parse(many)[1].content.sensitive)
        #expect(try parse(lines).map(\.id) == ["d", "e"])
    }

    @Test("missing required fields are named", arguments: ["id", "title", "category", "published"])
    func missingField(_ field: String) throws {
        var fields = ["id: a-1", "title: 标题", "category: 政务公告", "published: 2014-01-01"]
        fields.removeAll { $0.hasPrefix(field + ":") }
        let file = try directory.write("m.md", "---\n" + fields.joined(separator: "\n") + "\n---\nbody\n")
        let error = try error(file)
        #expect(error.code == .input)
        #expect(error.message.contains("m.md"))
        #expect(error.message.contains("'\(field)' is missing"))
    }

    @Test("ids that are not safe slugs are refused",
          arguments: ["../x", "a/b", "\"\"", "Upper", "-lead", String(repeating: "a", count: 129), "\"a\\0b\"", "a b"])
    func badID(_ id: String) throws {
        let file = try directory.write("bad.md", "---\nid: \(id)\ntitle: t\ncategory: c\npublished: 2014-01-01\n---\n")
        let error = try error(file)
        #expect(error.message.contains("field 'id'"))
        #expect(error.message.contains("bad.md:2"))
    }

    @Test("a date that is not a date is refused", arguments: ["2014-02-30", "2014/06/18", "18.06.2014", "yesterday", "2014-6-8"])
    func badDate(_ date: String) throws {
        let file = try directory.write("d.md", "---\nid: a\ntitle: t\ncategory: c\npublished: \(date)\n---\n")
        let error = try error(file)
        #expect(error.message.contains("d.md:5: field 'published'"))
    }

    @Test("an unknown channel name is refused")
    func unknownChannel() throws {
        let file = try directory.write("c.md", "---\nid: a\ntitle: t\ncategory: c\npublished: 2014-01-01\nchannels: [site, wechat]\n---\n")
        let error = try error(file)
        #expect(error.message.contains("field 'channels'"))
        #expect(error.message.contains("wechat"))
    }

    @Test("invalid YAML names the line")
    func badYAML() throws {
        let file = try directory.write("y.md", "---\nid: a\ntitle: [unclosed\ncategory: c\n---\n")
        let error = try error(file)
        #expect(error.message.hasPrefix(file + ":"))
        #expect(error.message.contains("YAML"))
    }

    @Test("invalid UTF-8 is refused")
    func invalidUTF8() throws {
        let path = directory.path("latin1.md")
        var bytes = Array("---\nid: a\ntitle: caf".utf8)
        bytes.append(0xE9)
        bytes += Array("\ncategory: c\npublished: 2014-01-01\n---\n".utf8)
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        #expect(try error(path).message.contains("UTF-8"))
    }

    @Test("a body above the documented limit is refused without reading it all")
    func hugeBody() throws {
        let path = directory.path("huge.md")
        let header = "---\nid: a\ntitle: t\ncategory: c\npublished: 2014-01-01\n---\n"
        var data = Data(header.utf8)
        data.append(Data(repeating: 0x61, count: 50 * 1024 * 1024))
        try data.write(to: URL(fileURLWithPath: path))
        #expect(try error(path).message.contains("limit"))
    }

    @Test("an unknown field is named (typos do not pass silently)")
    func unknownField() throws {
        let file = try directory.write("u.md", "---\nid: a\ntitle: t\ncategory: c\npublished: 2014-01-01\npublised: 2014-01-01\n---\n")
        #expect(try error(file).message.contains("u.md:6: field 'publised'"))
    }

    @Test("a bad NDJSON line is named by its line number")
    func badNDJSONLine() throws {
        let file = try directory.write("x.ndjson", "{\"id\":\"a\",\"title\":\"T\",\"category\":\"C\",\"published\":\"2014-01-01\"}\n{\"id\":\"b\",\"title\":\n")
        #expect(try error(file).message.contains("x.ndjson:2: invalid JSON"))
    }

    @Test("folders are walked in order; other files are skipped")
    func folders() throws {
        try directory.write("in/b.md", Fixtures.markdown(id: "b"))
        try directory.write("in/sub/a.md", Fixtures.markdown(id: "a"))
        try directory.write("in/notes.txt", "ignored")
        let files = try parser.files(in: [directory.path("in")])
        #expect(files.map { ($0 as NSString).lastPathComponent } == ["b.md", "a.md"])
    }
}
