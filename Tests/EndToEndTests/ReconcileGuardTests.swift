import Foundation
import PubsyncTesting
import Testing

@Suite("pubsync reconcile --repair obeys the removal guards (real binary)")
struct ReconcileGuardTests {
    @Test("after a routing typo, --repair refuses to remove more than --max-delete (exit 4); retracted items still go")
    func repairGuarded() throws {
        let workspace = try feedWorkspace()
        try workspace.importItems(25)
        #expect(try workspace.pubsync("sync").status == 0)
        let retract = try workspace.pubsync("retract", "n-1", "--reason", "审核", "--by", "李四", "--no-sync")
        #expect(retract.status == 0 || retract.status == 3, "\(retract.stderr)")
        // The typo: the feed now excludes the category all 25 items are in.
        let config = try String(contentsOfFile: workspace.directory.path("pubsync.toml"), encoding: .utf8)
        try workspace.directory.write("pubsync.toml", config.replacingOccurrences(of: "max_items = 50", with: "max_items = 50\nexclude_categories = [\"政务公告\"]"))
        let refused = try workspace.pubsync("reconcile", "--repair")
        #expect(refused.status == 4, "\(refused.stdout)\n\(refused.stderr)")
        #expect(refused.stderr.contains("--max-delete"), "\(refused.stderr)")
        #expect(try workspace.feedIDs() == Set((2...25).map { "n-\($0)" }), "only the retracted item was removed")
        let allowed = try workspace.pubsync("reconcile", "--repair", "--max-delete", "30", "--allow-empty")
        #expect(allowed.status == 0, "\(allowed.stdout)\n\(allowed.stderr)")
        #expect(try workspace.feedIDs().isEmpty)
    }

    @Test("reconcile takes --channel more than once")
    func severalChannels() throws {
        let workspace = try feedWorkspace(extraChannel: """
            [[channels]]
            name = "weibo2"
            kind = "feed"
            output = "out/weibo2"
            title = "二"
            base_url = "https://jtj.example.gov.cn/"
            item_url = "https://jtj.example.gov.cn/items/{id}.html"
            """)
        try workspace.importItems(2)
        #expect(try workspace.pubsync("sync").status == 0)
        let result = try workspace.pubsync("reconcile", "--channel", "weibo", "--channel", "weibo2", "--json")
        #expect(result.status == 0, "\(result.stderr)")
        let names = (try result.json()["channels"] as? [[String: Any]])?.compactMap { $0["name"] as? String }
        #expect(names == ["weibo", "weibo2"])
        let unknown = try workspace.pubsync("reconcile", "--channel", "weibo", "--channel", "nope")
        #expect(unknown.status == 2 && unknown.stderr.contains("nope"))
    }
}
