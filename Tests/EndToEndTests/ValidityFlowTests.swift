import Foundation
@testable import PubsyncCore
import PubsyncTesting
import Testing
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// All three channels and a real portal: 索引号 generation, 文号 rule, repeal and lapse, re-import.
@Suite("Disclosure metadata and validity, end to end (real binaries, real portal)")
struct ValidityFlowTests {
    /// Two zones 26 hours apart: switching the config from the first to the second moves "today" on by a day or two.
    static let westZone = "Etc/GMT+12", eastZone = "Etc/GMT-14"

    static func config(zone: String, portalPort: Int) -> String {
        """
        timezone = "\(zone)"
        [store]
        path = "pubsync.db"
        [[channels]]
        name = "site"
        kind = "static-site"
        output = "out/site"
        base_url = "https://jtj.example.gov.cn/"
        title = "市交通运输局"
        column_order = ["政策文件", "政务公告"]
        [channels.columns]
        "政务公告" = "notices"
        "政策文件" = "policies"
        [[channels]]
        name = "portal"
        kind = "http-push"
        url = "http://127.0.0.1:\(portalPort)"
        token_env = "PUBSYNC_PORTAL_TOKEN"
        public_url = "https://portal.example.gov.cn/items/{id}"
        [[channels]]
        name = "weibo"
        kind = "feed"
        output = "out/weibo"
        title = "微博"
        base_url = "https://jtj.example.gov.cn/"
        [disclosure]
        org_code = "004188191"
        office = "淄博市交通运输局"

        """
    }

    static func normative(_ id: String, title: String, docNumber: String, fields: String = "") -> String {
        """
        ---
        id: \(id)
        title: \(title)
        category: 政策文件
        unit: 市交通运输局
        doc_number: \(docNumber)
        published: 2014-07-01
        written: 2014-06-25
        subject: 交通运输\\行政执法
        genre: 行政规范性文件
        status: approved
        reviewer: 信息公开科
        \(fields)---
        正文
        """
    }

    func portalItem(_ port: Int, _ id: String) throws -> [String: Any]? {
        var request = URLRequest(url: URL(string: "http://127.0.0.1:\(port)/items/\(id)")!, timeoutInterval: 30)
        request.setValue("Bearer \(PortalProcess.token)", forHTTPHeaderField: "Authorization")
        let box = ResultBox()
        let done = DispatchSemaphore(value: 0)
        URLSession.shared.dataTask(with: request) { data, _, _ in box.data = data; done.signal() }.resume()
        guard done.wait(timeout: .now() + 60) == .success, let data = box.data else { return nil }
        return try JSONSerialization.jsonObject(with: data) as? [String: Any]
    }

    func feedTags(_ workspace: Workspace, _ id: String) throws -> [String] {
        let data = try Data(contentsOf: workspace.directory.url.appendingPathComponent("out/weibo/feed.json"))
        let items = (try JSONSerialization.jsonObject(with: data) as? [String: Any])?["items"] as? [[String: Any]] ?? []
        return items.first { ($0["url"] as? String)?.hasSuffix("/\(id).html") == true }?["tags"] as? [String] ?? []
    }

    @Test("索引号 generated, 规章 without 文号 refused, repeal and lapse reach every channel, re-import changes nothing")
    func flow() throws {
        let workspace = try Workspace()
        let portal = try PortalProcess(runner: workspace.runner, database: workspace.directory.path("portal.db"))
        defer { portal.stop() }
        let env = ["PUBSYNC_PORTAL_TOKEN": PortalProcess.token]
        try workspace.directory.write("pubsync.toml", Self.config(zone: Self.westZone, portalPort: portal.port))
        // Lapses when the day after this one comes.
        let lastValidDay = LocalDate(Date(), in: TimeZone(identifier: Self.westZone)!)
        try workspace.directory.write("items/rule-1.md", Self.normative("rule-1", title: "行政处罚自由裁量基准", docNumber: "淄交发〔2014〕42号"))
        try workspace.directory.write("items/rule-2.md", Self.normative("rule-2", title: "行政权力运行流程", docNumber: "淄交发〔2014〕76号"))
        try workspace.directory.write("items/rule-3.md", Self.normative("rule-3", title: "临时管理办法", docNumber: "淄交发〔2014〕50号",
                                                                         fields: "valid_until: \(lastValidDay)\n"))
        #expect(try workspace.pubsync("import", "items").status == 0)
        let show = try workspace.pubsync("show", "rule-1", "--json").json()
        #expect((show["revisions"] as? [[String: Any]])?.first?["index_number"] as? String == "004188191/2014-00001")

        try workspace.directory.write("bad/rule-9.md", "---\nid: rule-9\ntitle: 规章\ncategory: 政策文件\npublished: 2014-07-01\ngenre: 规章\n---\n正文\n")
        let refused = try workspace.pubsync("import", "bad")
        #expect(refused.status == 2 && refused.stderr.contains("rule-9.md") && refused.stderr.contains("'doc_number'"))

        #expect(try workspace.pubsync("sync", environment: env).status == 0)
        let rule3Page = { try String(contentsOfFile: workspace.directory.path("out/site/items/rule-3.html"), encoding: .utf8) }
        #expect(try rule3Page().contains(">有效</dd>"))

        // Repeal: one sync shows 废止 on the item page, in the catalogue, on the portal and in the feed.
        let repeal = try workspace.pubsync("repeal", "rule-1", "--on", "2014-12-09", "--by", "法规科", "--repealed-by", "rule-2", "--reason", "新流程施行")
        #expect(repeal.status == 0, "\(repeal.stderr)")
        #expect(try workspace.pubsync("sync", environment: env).status == 0)
        let page = try String(contentsOfFile: workspace.directory.path("out/site/items/rule-1.html"), encoding: .utf8)
        #expect(page.contains("class=\"notice validity-repealed\"") && page.contains("<a href=\"../items/rule-2.html\">rule-2</a>"))
        #expect(page.contains(">废止</dd>"))
        let catalogue = try String(contentsOfFile: workspace.directory.path("out/site/catalogue/index.html"), encoding: .utf8)
        let row = try #require(catalogue.components(separatedBy: "<tr>").first { $0.contains("items/rule-1.html") })
        #expect(row.contains(">废止</td>") && row.contains("淄交发〔2014〕42号") && row.contains("2014-06-25"))
        let stored = try #require(try portalItem(portal.port, "rule-1"))
        #expect(stored["validity"] as? String == "废止" && stored["repealed"] as? String == "2014-12-09" && stored["revision"] as? Int == 2)
        #expect(try feedTags(workspace, "rule-1").contains("废止"))

        // Lapse: the next day (here: a zone 26 hours east) the next sync shows 失效, with no command.
        try workspace.directory.write("pubsync.toml", Self.config(zone: Self.eastZone, portalPort: portal.port))
        let lapse = try workspace.pubsync("sync", "--json", environment: env)
        #expect(lapse.status == 0, "\(lapse.stderr)")
        let site = (try lapse.json()["channels"] as? [[String: Any]])?.first { $0["name"] as? String == "site" }
        #expect(site?["put"] as? Int == 1)
        #expect(try rule3Page().contains(">失效</dd>") && rule3Page().contains("class=\"notice validity-lapsed\""))
        #expect(try portalItem(portal.port, "rule-3")?["validity"] as? String == "失效")
        #expect(try feedTags(workspace, "rule-3").contains("失效"))

        // Re-importing the unchanged files changes nothing: no revision, no event, nothing to sync.
        let log = try workspace.pubsync("log", "--limit", "1000", "--json").stdout
        let again = try workspace.pubsync("import", "items", "--json")
        #expect(try again.json()["unchanged"] as? Int == 3)
        #expect(try workspace.pubsync("log", "--limit", "1000", "--json").stdout == log)
        let plan = try workspace.pubsync("plan", "--json", environment: env)
        let ops = (try plan.json()["channels"] as? [[String: Any]])?.flatMap { $0["ops"] as? [[String: Any]] ?? [] }
        #expect(ops?.isEmpty == true)
    }
}
