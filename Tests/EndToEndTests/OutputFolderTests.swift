import Foundation
import PubsyncTesting
import Testing

@Suite("a channel's output folder must be a folder of its own (real binary)")
struct OutputFolderTests {
    static func config(output: String, extra: String = "") -> String {
        """
        timezone = "Asia/Shanghai"
        [store]
        path = "pubsync.db"
        [[channels]]
        name = "weibo"
        kind = "feed"
        output = "\(output)"
        title = "测试微博"
        base_url = "https://jtj.example.gov.cn/"
        item_url = "https://jtj.example.gov.cn/items/{id}.html"
        \(extra)
        """
    }

    @Test("refused with exit 2 naming the key", arguments: [
        ("/", "root folder"),
        ("..", "parent of it"),
        (".", "config's folder"),
        ("./", "config's folder"),
        ("sub/../", "config's folder"),
    ])
    func refused(output: String, expected: String) throws {
        let workspace = try feedWorkspace()
        try workspace.directory.write("pubsync.toml", Self.config(output: output))
        let result = try workspace.pubsync("plan")
        #expect(result.status == 2, "\(output): \(result.stderr)")
        #expect(result.stderr.contains("key 'output'") && result.stderr.contains(expected), "\(result.stderr)")
    }

    @Test("an output folder holding the store is refused")
    func containsStore() throws {
        let workspace = try feedWorkspace()
        try workspace.directory.write("pubsync.toml", Self.config(output: "data").replacingOccurrences(of: "path = \"pubsync.db\"", with: "path = \"data/pubsync.db\""))
        let result = try workspace.pubsync("plan")
        #expect(result.status == 2 && result.stderr.contains("contains the store"), "\(result.stderr)")
    }

    @Test("a symlinked output folder is refused unless follow_symlink = true")
    func symlinked() throws {
        let workspace = try feedWorkspace()
        let target = TemporaryDirectory("pubsync-output-target")
        try FileManager.default.createSymbolicLink(atPath: workspace.directory.path("linked"), withDestinationPath: target.url.path)
        try workspace.directory.write("pubsync.toml", Self.config(output: "linked"))
        let refused = try workspace.pubsync("plan")
        #expect(refused.status == 2 && refused.stderr.contains("key 'output'") && refused.stderr.contains("follow_symlink"), "\(refused.stderr)")
        try workspace.directory.write("pubsync.toml", Self.config(output: "linked", extra: "follow_symlink = true"))
        #expect(try workspace.pubsync("plan").status == 0)
    }
}
