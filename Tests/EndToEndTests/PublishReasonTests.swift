import Foundation
import PubsyncTesting
import Testing

/// `publish --channel C ID…` names why each named item is not live there (real binary).
@Suite("publish explains every named item it did not publish (real binary)")
struct PublishReasonTests {
    /// A feed channel taking 政务公告 only, and one item in each state.
    func workspace() throws -> Workspace {
        let workspace = try feedWorkspace(extraChannel: #"include_categories = ["政务公告"]"#)
        func line(_ id: String, category: String = "政务公告", published: String = "2014-06-01", body: String = "正文。",
                  approved: Bool = true, sensitive: Bool = false) -> String {
            #"{"id":"\#(id)","title":"标题\#(id)","category":"\#(category)","published":"\#(published)","body":"\#(body)","sensitive":\#(sensitive)"#
                + (approved ? #","status":"approved","reviewer":"信息公开科"}"# : "}")
        }
        try workspace.directory.write("a.ndjson", [
            line("p-live"), line("p-draft", approved: false), line("p-held", body: "联系人手机13953312345。"),
            line("p-sched", published: "2027-01-05"), line("p-retr"), line("p-unrouted", category: "部门动态"),
        ].joined(separator: "\n") + "\n")
        try workspace.directory.write("b.ndjson", line("p-await", approved: false, sensitive: true) + "\n")
        #expect(try workspace.pubsync("import", "a.ndjson").status == 0)
        #expect(try workspace.pubsync("import", "b.ndjson", "--approve-by", "信息公开科").status == 0)
        #expect(try workspace.pubsync("retract", "p-retr", "--reason", "测试", "--by", "王科长", "--no-sync").status == 0)
        return workspace
    }

    @Test("each reason is named; exit 3 unless every named item is live there afterwards")
    func reasons() throws {
        let workspace = try workspace()
        let ids = ["p-live", "p-draft", "p-await", "p-held", "p-sched", "p-retr", "p-unrouted"]
        let result = try workspace.runner.pubsync(["publish", "--channel", "weibo"] + ids + ["--json"], in: workspace.directory.url)
        #expect(result.status == 3, "\(result.stderr)")
        let channel = try #require((try result.json()["channels"] as? [[String: Any]])?.first)
        let reasons = Dictionary(uniqueKeysWithValues: (channel["not_published"] as? [[String: Any]] ?? []).map {
            ($0["id"] as? String ?? "", $0["reason"] as? String ?? "")
        })
        let flag = try #require((try workspace.pubsync("flags", "--json").json()["flags"] as? [[String: Any]])?.first?["id"] as? Int)
        #expect(reasons == [
            "p-draft": "draft", "p-await": "awaiting-leader", "p-held": "held: flag \(flag)",
            "p-sched": "scheduled for 2027-01-05", "p-retr": "retracted", "p-unrouted": "not routed to weibo",
        ])
        #expect(result.stderr.contains("p-held is not live on weibo: held: flag \(flag)"), "\(result.stderr)")
        #expect(try workspace.feedIDs() == ["p-live"])
        // Every named item live there afterwards: exit 0.
        #expect(try workspace.pubsync("publish", "--channel", "weibo", "p-live").status == 0)
        #expect(try workspace.pubsync("flags", "dismiss", "\(flag)", "--by", "王科长", "--reason", "公开的值班手机").status == 0)
        let published = try workspace.pubsync("publish", "--channel", "weibo", "p-held", "p-live")
        #expect(published.status == 0, "\(published.stderr)")
        #expect(try workspace.feedIDs() == ["p-live", "p-held"])
    }

    @Test("an unknown id is exit 2 before anything changes")
    func unknownID() throws {
        let workspace = try workspace()
        let result = try workspace.pubsync("publish", "--channel", "weibo", "p-live", "no-such-item")
        #expect(result.status == 2 && result.stderr.contains("no-such-item"), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: workspace.directory.path("out/weibo/feed.json")))
        #expect(!(try workspace.pubsync("log", "--json", "--limit", "1000").stdout.contains("\"published\"")))
    }
}
