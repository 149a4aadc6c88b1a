import Foundation
import PubsyncCore
import PubsyncTesting
import Testing

/// Every `--json` output of the command line, read back through the real binary into its typed
/// value: nothing is lost (the value encodes to the same JSON), and the contract's keys are there.
@Suite("--json outputs decode into their typed values (real binary)")
struct JSONContractTests {
    static let config = """
        timezone = "Asia/Shanghai"
        [store]
        path = "pubsync.db"
        [disclosure]
        org_code = "004188191"
        office = "淄博市交通运输局"
        [[channels]]
        name = "site"
        kind = "static-site"
        output = "out/site"
        base_url = "https://jtj.example.gov.cn/"
        title = "市交通运输局"
        [channels.columns]
        "政务公告" = "notices"
        [[channels]]
        name = "weibo"
        kind = "feed"
        output = "out/weibo"
        title = "测试微博"
        base_url = "https://jtj.example.gov.cn/"
        """

    /// Runs `arguments`, decodes stdout as `T`, checks the round trip and the `keys` of the top
    /// object (and of `nested`'s first element), and returns the value.
    @discardableResult
    func decode<T: CommandOutput>(_ type: T.Type, _ workspace: Workspace, _ arguments: [String], status: Int32 = 0,
                                  keys: Set<String>, nested: (String, Set<String>)? = nil) throws -> T {
        let result = try workspace.runner.pubsync(arguments, in: workspace.directory.url)
        #expect(result.status == status, "\(arguments): \(result.stderr)")
        let value = try T.decode(Data(result.stdout.utf8))
        let printed = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? NSDictionary, "\(arguments)")
        let again = try #require(try JSONSerialization.jsonObject(with: value.jsonData()) as? NSDictionary)
        #expect(printed == again, "\(arguments): the typed value lost or changed something")
        #expect(keys.isSubset(of: Set(printed.allKeys.compactMap { $0 as? String })), "\(arguments): \(result.stdout)")
        if let (key, inner) = nested {
            let first = try #require((printed[key] as? [NSDictionary])?.first, "\(arguments): no \(key)")
            #expect(inner.isSubset(of: Set(first.allKeys.compactMap { $0 as? String })), "\(arguments) \(key): \(first)")
        }
        return value
    }

    @Test("import, items, show, plan, sync, publish, status, log, audit, flags, check, reconcile, retract, report, users")
    func everyCommand() throws {
        let workspace = try Workspace(config: Self.config)
        try workspace.directory.write("items/a.md", workspace.item("a-1", extra: "status: approved\nreviewer: 信息公开科\n"))
        try workspace.directory.write("items/b.md", workspace.item("b-1", title: "乙", extra: "status: approved\nreviewer: 信息公开科\n"))
        try workspace.directory.write("items/c.md", workspace.item("c-1", title: "草稿"))
        let imported = try decode(ImportOutput.self, workspace, ["import", "items", "--json"],
                                  keys: ["files", "read", "created", "revised", "unchanged", "approved", "flagged"])
        #expect(imported.created == 3 && imported.approved == 2)

        let items = try decode(ItemsOutput.self, workspace, ["items", "--json"], keys: ["items"],
                               nested: ("items", ["id", "title", "category", "status", "head_rev", "approved_rev", "published", "state", "head_state"]))
        #expect(items.items.map(\.id) == ["a-1", "b-1", "c-1"])
        #expect(items.items[2].approvedRev == nil && items.items[0].approvedRev == 1)

        let plan = try decode(SyncRunOutput.self, workspace, ["plan", "--json"], keys: ["channels"],
                              nested: ("channels", ["name", "put", "removed", "failed", "rejected", "unchanged", "live", "pending", "pending_retractions", "ops"]))
        #expect(plan.channels.map(\.name) == ["site", "weibo"] && plan.channels[0].ops?.count == 2)
        let sync = try decode(SyncRunOutput.self, workspace, ["sync", "--json"], keys: ["channels"],
                              nested: ("channels", ["name", "put", "removed", "failed", "rejected", "unchanged", "live", "pending", "pending_retractions"]))
        #expect(sync.channels.allSatisfy { $0.put == 2 && $0.live == 2 && $0.ops == nil })
        let publish = try decode(SyncRunOutput.self, workspace, ["publish", "--channel", "weibo", "a-1", "c-1", "--json"], status: 3,
                                 keys: ["channels"])
        #expect(publish.channels.first?.notPublished?.map(\.id) == ["c-1"])

        let show = try decode(ShowOutput.self, workspace, ["show", "a-1", "--json"],
                              keys: ["id", "status", "head_rev", "approved_rev", "revisions", "channels"],
                              nested: ("revisions", ["rev", "title", "category", "published", "content_hash", "approvals"]))
        #expect(show.revisions.first?.approvals.first?.by == "信息公开科" && show.channels.count == 2)
        #expect(show.revisions.first?.approvals.first?.at.hasSuffix("+08:00") == true)

        let status = try decode(StatusReport.self, workspace, ["status", "--json"], keys: ["channels", "open_flags"],
                                nested: ("channels", ["name", "live", "pending", "failed", "rejected", "pending_retractions",
                                                      "last_sync", "last_reconcile", "drift", "errors"]))
        #expect(status.channels.allSatisfy { $0.live == 2 && $0.lastSync != nil && $0.lastReconcile == nil })

        let reconcile = try decode(ReconcileOutput.self, workspace, ["reconcile", "--json"], keys: ["channels"],
                                   nested: ("channels", ["name", "expected", "ledger", "live", "missing", "unexpected", "stale", "foreign", "error"]))
        #expect(reconcile.channels.allSatisfy { $0.error == nil && $0.live == 2 })

        try workspace.directory.write("items/leak.md", workspace.item("leak-1", title: "泄露", extra: "status: approved\nreviewer: 信息公开科\n")
            .replacingOccurrences(of: "正文", with: "身份证号11010519491231002X"))
        #expect(try workspace.pubsync("import", "items/leak.md").status == 0)
        let audit = try decode(AuditOutput.self, workspace, ["audit", "--all", "--json"], keys: ["scanned", "new_flags"])
        #expect(audit.scanned >= 3)  // screening flagged leak-1 at import already
        let flags = try decode(FlagsOutput.self, workspace, ["flags", "--json"], keys: ["flags"],
                               nested: ("flags", ["id", "item", "rev", "rule", "excerpt", "status", "found_at"]))
        #expect(flags.flags.map(\.item).contains("leak-1"))

        let check = try decode(CheckOutput.self, workspace, ["check", "--json"], status: 3, keys: ["as_of", "findings", "summary"])
        #expect(!check.findings.isEmpty)

        let retract = try decode(RetractionOutcome.self, workspace, ["retract", "a-1", "--reason", "错误", "--by", "王主任", "--json"],
                                 keys: ["retracted", "channels"], nested: ("channels", ["name", "removed", "pending", "error"]))
        #expect(retract.retracted == ["a-1"] && retract.channels.allSatisfy { $0.removed == ["a-1"] && $0.error == nil })

        let log = try decode(LogOutput.self, workspace, ["log", "--json"], keys: ["events"],
                             nested: ("events", ["at", "actor", "action", "item", "channel", "detail"]))
        #expect(log.events.contains { $0.action == "retract" && $0.item == "a-1" })

        let report = try decode(DisclosureReport.JSON.self, workspace, ["report", "--year", "2014", "--format", "json"],
                                keys: ["period", "as_of", "channels", "total"])
        #expect(report.total.retracted == 1)
        let official = try decode(AnnualReport.JSON.self, workspace, ["report", "--year", "2014", "--official", "--format", "json"],
                                  keys: ["year", "as_of", "channels", "section2", "section3", "section4"])
        #expect(official.year == 2014 && official.office == "淄博市交通运输局")

        #expect(try workspace.runner.pubsync(["users", "add", "reviewer-a", "--role", "reviewer", "--password-stdin"],
                                             in: workspace.directory.url, stdin: "pass-word-1\n").status == 0)
        let users = try decode(UsersOutput.self, workspace, ["users", "list", "--json"], keys: ["users"],
                               nested: ("users", ["name", "role", "state", "created_at"]))
        #expect(users.users.map(\.name) == ["reviewer-a"] && users.users[0].state == "active")
    }
}
