import Foundation
import PubsyncTesting
import Testing

@Suite("pubsync check finds what the spot check would fail (real binary)")
struct CheckCommandTests {
    static func config(siteCode: Bool) -> String {
        """
        timezone = "Asia/Shanghai"
        [store]
        path = "pubsync.db"

        [[channels]]
        name = "site"
        kind = "static-site"
        output = "out/site"
        base_url = "https://jtj.example.gov.cn/"
        title = "市交通运输局"
        sponsor = "淄博市交通运输局"
        icp = "鲁ICP备05012345号"
        \(siteCode ? "site_code = \"3703000012\"" : "")
        [channels.columns]
        "部门动态" = "news"
        "通知公告" = "notices"
        "行政审批" = "approvals"

        [check.update_within]
        "部门动态" = "14d"
        "通知公告" = "6m"

        """
    }

    static func item(_ id: String, _ category: String, _ published: String, unit: String?) -> String {
        "---\nid: \(id)\ntitle: \(category)\(id)\ncategory: \(category)\npublished: \(published)\n"
            + "index_number: 004188191/2014-\(id.suffix(2))\n" + (unit.map { "unit: \($0)\n" } ?? "") + "---\n正文。\n"
    }

    static func findings(_ result: BinaryRunner.Result) throws -> Set<String> {
        let list = try result.json()["findings"] as? [[String: Any]] ?? []
        return Set(list.map { "\($0["rule"] as? String ?? "?") \($0["subject"] as? String ?? "?")" })
    }

    @Test("stale column, empty column, hand-broken link, item without 发布机构, no site_code: exactly those; none once fixed")
    func findingsAndFixes() throws {
        let workspace = try Workspace(config: Self.config(siteCode: false))
        try workspace.directory.write("items/news-01.md", Self.item("news-01", "部门动态", "2014-06-01", unit: "市交通运输局"))
        try workspace.directory.write("items/notice-02.md", Self.item("notice-02", "通知公告", "2014-06-25", unit: nil))
        #expect(try workspace.pubsync("import", "items", "--approve-by", "信息公开科").status == 0)
        let sync = try workspace.pubsync("sync")
        #expect(sync.status == 0, "\(sync.stderr)")
        let clean = try workspace.pubsync("check", "--as-of", "2014-07-01", "--json")
        #expect(!(try Self.findings(clean)).contains { $0.hasPrefix("broken-link") }, "the site as published has no broken link")

        // A link broken by hand in the output folder.
        let home = workspace.directory.path("out/site/index.html")
        let original = try String(contentsOfFile: home, encoding: .utf8)
        try original.replacingOccurrences(of: "</main>", with: "<p><a href=\"items/gone.html\">旧链接</a></p></main>")
            .write(toFile: home, atomically: true, encoding: .utf8)

        let found = try workspace.pubsync("check", "--as-of", "2014-07-01", "--json")
        #expect(found.status == 3, "\(found.stderr)")
        let json = try found.json()
        #expect(json["as_of"] as? String == "2014-07-01")
        #expect(try Self.findings(found) == [
            "column-stale 部门动态", "column-empty 行政审批", "broken-link index.html",
            "metadata-missing notice-02", "footer-missing site_code",
        ])
        let summary = json["summary"] as? [String: Int]
        #expect(summary == ["veto": 0, "deduct": 5, "warn": 0, "stale_columns": 1])
        let list = json["findings"] as? [[String: Any]] ?? []
        #expect(list.first { $0["rule"] as? String == "metadata-missing" }?["channel"] is NSNull)
        #expect(list.allSatisfy { ($0["detail"] as? String)?.isEmpty == false })

        // Human output names every finding, and the exit code is the same.
        let table = try workspace.pubsync("check", "--as-of", "2014-07-01")
        #expect(table.status == 3)
        #expect(table.stdout.contains("column-empty") && table.stdout.contains("1 stale column"))

        // Fix each one.
        try original.write(toFile: home, atomically: true, encoding: .utf8)
        try workspace.directory.write("pubsync.toml", Self.config(siteCode: true))
        try workspace.directory.write("items/notice-02.md", Self.item("notice-02", "通知公告", "2014-06-25", unit: "市交通运输局"))
        try workspace.directory.write("items/news-03.md", Self.item("news-03", "部门动态", "2014-06-30", unit: "市交通运输局"))
        try workspace.directory.write("items/approval-04.md", Self.item("approval-04", "行政审批", "2014-06-28", unit: "市交通运输局"))
        #expect(try workspace.pubsync("import", "items", "--approve-by", "信息公开科").status == 0)
        #expect(try workspace.pubsync("sync").status == 0)
        let fixed = try workspace.pubsync("check", "--as-of", "2014-07-01", "--json")
        #expect(fixed.status == 0, "\(fixed.stdout)")
        #expect(try Self.findings(fixed).isEmpty)

        // Time passes: by 2014-08-01 the home page and the 14-day column are stale.
        let later = try workspace.pubsync("check", "--as-of", "2014-08-01", "--json")
        #expect(later.status == 3)
        #expect(try Self.findings(later) == ["column-stale 部门动态", "home-stale index.html"])
    }

    @Test("a valid normative document lapsing within 6 months is a warning only (exit 0)")
    func normativeDocuments() throws {
        let config = Self.config(siteCode: true).replacingOccurrences(of: "\"行政审批\" = \"approvals\"\n", with: "")
        let workspace = try Workspace(config: config)
        func normative(_ id: String, doc: String, until: String) -> String {
            "---\nid: \(id)\ntitle: 管理办法\(id)\ncategory: 通知公告\npublished: 2014-06-28\nunit: 市交通运输局\n"
                + "index_number: 004188191/2014-\(id.suffix(2))\ngenre: 行政规范性文件\ndoc_number: \"\(doc)\"\nvalid_until: \(until)\n---\n正文。\n"
        }
        try workspace.directory.write("items/news-01.md", Self.item("news-01", "部门动态", "2014-06-30", unit: "市交通运输局"))
        try workspace.directory.write("items/rule-02.md", normative("rule-02", doc: "淄交规〔2014〕1号", until: "2014-10-31"))
        try workspace.directory.write("items/rule-03.md", normative("rule-03", doc: "淄交规〔2014〕2号", until: "2016-12-31"))
        #expect(try workspace.pubsync("import", "items", "--approve-by", "信息公开科").status == 0)
        #expect(try workspace.pubsync("sync").status == 0)
        let warned = try workspace.pubsync("check", "--as-of", "2014-07-01", "--json")
        #expect(warned.status == 0, "\(warned.stdout)")
        #expect(try Self.findings(warned) == ["validity-expiring rule-02"])
        #expect((try warned.json()["summary"] as? [String: Int])?["warn"] == 1)
        // After it lapses it is no longer "expiring".
        #expect(try Self.findings(try workspace.pubsync("check", "--as-of", "2014-11-05", "--json")).allSatisfy { !$0.hasPrefix("validity") })

        // (A 规章/行政规范性文件 without 文号 cannot be imported any more; `check` still reports one stored earlier.)
    }

    @Test("bad usage and a bad [check] section exit 2")
    func badInput() throws {
        let workspace = try Workspace(config: Self.config(siteCode: true))
        #expect(try workspace.pubsync("check", "--as-of", "2014-13-01").status == 2)
        try workspace.directory.write("pubsync.toml", Self.config(siteCode: true).replacingOccurrences(of: "\"14d\"", with: "\"two weeks\""))
        let bad = try workspace.pubsync("check")
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("check.update_within.部门动态"))
    }
}
