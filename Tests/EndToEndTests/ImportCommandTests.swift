import Foundation
import PubsyncTesting
import Testing

/// A workspace for the real binary: a config, a store, and an items folder.
struct Workspace {
    let directory = TemporaryDirectory("pubsync-e2e")
    let runner = BinaryRunner()

    init(config: String = "timezone = \"Asia/Shanghai\"\n[store]\npath = \"pubsync.db\"\n") throws {
        try directory.write("pubsync.toml", config)
        let result = try runner.pubsync(["init"], in: directory.url)
        precondition(result.status == 0, result.stderr)
    }

    @discardableResult
    func pubsync(_ arguments: String..., environment: [String: String] = [:]) throws -> BinaryRunner.Result {
        try runner.pubsync(arguments, in: directory.url, environment: environment)
    }

    func item(_ id: String, title: String = "标题", published: String = "2014-06-18", extra: String = "") -> String {
        "---\nid: \(id)\ntitle: \(title)\ncategory: 政务公告\npublished: \(published)\n\(extra)---\n正文\n"
    }

    func itemCount() throws -> Int {
        let result = try pubsync("items", "--json")
        return (try result.json()["items"] as? [Any])?.count ?? -1
    }
}

@Suite("pubsync import (real binary)")
struct ImportCommandTests {
    @Test("import, list and re-import through the binary")
    func importListReimport() throws {
        let workspace = try Workspace()
        try workspace.directory.write("items/a.md", workspace.item("a-1", extra: "status: approved\nreviewer: 信息公开科\n"))
        try workspace.directory.write("items/b.ndjson", #"{"id":"b-1","title":"乙","category":"政策文件","published":"2014-07-01"}"# + "\n")
        let first = try workspace.pubsync("import", "items", "--json")
        #expect(first.status == 0, "\(first.stderr)")
        #expect(try first.json()["created"] as? Int == 2)
        let again = try workspace.pubsync("import", "items", "--json")
        #expect(try again.json()["unchanged"] as? Int == 2)
        let items = try workspace.pubsync("items", "--json").json()["items"] as? [[String: Any]]
        #expect(items?.map { $0["id"] as? String } == ["a-1", "b-1"])
        #expect(items?.first?["approved_rev"] as? Int == 1)
        #expect(items?.last?["approved_rev"] is NSNull)
        let show = try workspace.pubsync("show", "a-1", "--json").json()
        #expect(show["status"] as? String == "approved")
    }

    @Test("a folder given as a symlink is walked at its target")
    func symlinkedFolder() throws {
        let workspace = try Workspace()
        try workspace.directory.write("archive/2014/a.md", workspace.item("a-1"))
        try workspace.directory.write("archive/2014/b.md", workspace.item("b-1"))
        try FileManager.default.createSymbolicLink(atPath: workspace.directory.path("drop"), withDestinationPath: workspace.directory.path("archive"))
        let result = try workspace.pubsync("import", "drop", "--json")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try result.json()["created"] as? Int == 2)
        #expect(try workspace.itemCount() == 2)
    }

    @Test("bad input: exit 2, a message naming file and field, nothing imported", arguments: [
        ("id: ../x\ntitle: t\ncategory: c\npublished: 2014-01-01\n", "field 'id'"),
        ("id: a/b\ntitle: t\ncategory: c\npublished: 2014-01-01\n", "field 'id'"),
        ("id: UPPER\ntitle: t\ncategory: c\npublished: 2014-01-01\n", "field 'id'"),
        ("title: t\ncategory: c\npublished: 2014-01-01\n", "field 'id' is missing"),
        ("id: x\ncategory: c\npublished: 2014-01-01\n", "field 'title' is missing"),
        ("id: x\ntitle: t\npublished: 2014-01-01\n", "field 'category' is missing"),
        ("id: x\ntitle: t\ncategory: c\n", "field 'published' is missing"),
        ("id: x\ntitle: t\ncategory: c\npublished: 2014-02-30\n", "field 'published'"),
        ("id: x\ntitle: t\ncategory: c\npublished: 2014-01-01\nchannels: [nowhere]\n", "field 'channels'"),
        ("id: x\ntitle: t\ncategory: c\npublished: 2014-01-01\nstatus: approved\n", "field 'reviewer' is missing"),
        ("id: x\ntitle: t\ncategory: c\npublished: 2014-01-01\nsensitive: true\nstatus: approved\nreviewer: 甲\nleader: 甲\n", "field 'leader'"),
        // A YAML alias bomb (9 levels of 9): refused at its first anchor, before any expansion.
        ("id: x\ntitle: t\ncategory: c\npublished: 2014-01-01\na: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\nf: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]\ng: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]\nh: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]\ni: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]\n", "2-bad.md:6: YAML anchors and aliases ('&a')"),
        ("id: x\ntitle: &t t\ncategory: c\npublished: 2014-01-01\n", "2-bad.md:3: YAML anchors"),
        ("id: x\ntitle: t\ncategory: c\npublished: 2014-01-01\nchannels: [*a]\n", "2-bad.md:6: YAML anchors and aliases ('*a')"),
    ])
    func badInput(frontMatter: String, expected: String) throws {
        let workspace = try Workspace()
        try workspace.directory.write("items/1-good.md", workspace.item("good-1"))
        try workspace.directory.write("items/2-bad.md", "---\n\(frontMatter)---\nbody\n")
        let result = try workspace.pubsync("import", "items")
        #expect(result.status == 2)
        #expect(result.stderr.contains("2-bad.md"), "\(result.stderr)")
        #expect(result.stderr.contains(expected), "\(result.stderr)")
        #expect(!result.stderr.contains("Fatal error"))
        #expect(try workspace.itemCount() == 0)
    }

    @Test("duplicate ids and a reused index number are refused as a whole")
    func crossItemRules() throws {
        let workspace = try Workspace()
        try workspace.directory.write("dup/a.md", workspace.item("same"))
        try workspace.directory.write("dup/b.md", workspace.item("same"))
        var result = try workspace.pubsync("import", "dup")
        #expect(result.status == 2 && result.stderr.contains("already used"))
        try workspace.directory.write("idx/a.md", workspace.item("a-1", extra: "index_number: 004188191/2014-00012\n"))
        try workspace.directory.write("idx/b.md", workspace.item("a-2", extra: "index_number: 004188191/2014-00012\n"))
        result = try workspace.pubsync("import", "idx")
        #expect(result.status == 2 && result.stderr.contains("index_number"))
        #expect(try workspace.itemCount() == 0)
    }

    @Test("invalid UTF-8 and a 50 MB body are refused")
    func encodingAndSize() throws {
        let workspace = try Workspace()
        var bytes = Array("---\nid: a\ntitle: caf".utf8) + [0xE9] + Array("\ncategory: c\npublished: 2014-01-01\n---\n".utf8)
        try Data(bytes).write(to: workspace.directory.url.appendingPathComponent("latin1.md"))
        var result = try workspace.pubsync("import", "latin1.md")
        #expect(result.status == 2 && result.stderr.contains("UTF-8"))
        bytes = Array("---\nid: big\ntitle: t\ncategory: c\npublished: 2014-01-01\n---\n".utf8)
        var data = Data(bytes)
        data.append(Data(repeating: 0x61, count: 50 * 1024 * 1024))
        try data.write(to: workspace.directory.url.appendingPathComponent("big.md"))
        result = try workspace.pubsync("import", "big.md")
        #expect(result.status == 2 && result.stderr.contains("limit"))
        #expect(try workspace.itemCount() == 0)
    }

    @Test("usage errors exit 2; --config before the command works")
    func usage() throws {
        let workspace = try Workspace()
        #expect(try workspace.pubsync("items", "--status", "bogus").status == 2)
        #expect(try workspace.pubsync("no-such-command").status == 2)
        #expect(try workspace.pubsync("import").status == 2)
        let elsewhere = TemporaryDirectory()
        let result = try workspace.runner.pubsync(["--config", workspace.directory.path("pubsync.toml"), "items", "--json"], in: elsewhere.url)
        #expect(result.status == 0, "\(result.stderr)")
        let env = try workspace.runner.pubsync(["items"], in: elsewhere.url, environment: ["PUBSYNC_CONFIG": workspace.directory.path("pubsync.toml")])
        #expect(env.status == 0)
        let missing = try workspace.runner.pubsync(["items"], in: elsewhere.url)
        #expect(missing.status == 2 && missing.stderr.contains("pubsync init"))
    }

    @Test("init never overwrites a config or a store")
    func initNeverOverwrites() throws {
        let workspace = try Workspace()
        let before = try String(contentsOfFile: workspace.directory.path("pubsync.toml"), encoding: .utf8)
        let result = try workspace.pubsync("init")
        #expect(result.status == 2)
        #expect(try String(contentsOfFile: workspace.directory.path("pubsync.toml"), encoding: .utf8) == before)
    }

    @Test("a bad config exits 2 with one message naming the key")
    func badConfig() throws {
        let workspace = try Workspace()
        try workspace.directory.write("pubsync.toml", "timezone = \"Nowhere/City\"\n[store]\npath = \"pubsync.db\"\n")
        let result = try workspace.pubsync("items")
        #expect(result.status == 2)
        #expect(result.stderr.contains("timezone") && result.stderr.contains("Nowhere/City"))
    }
}
