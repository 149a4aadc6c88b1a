import Foundation
import PubsyncTesting
import Testing
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

@Suite("report --official through the real binary")
struct AnnualReportCommandTests {
    /// The portal's stored item `id` as JSON (nil when absent).
    func portalItem(_ demo: DemoDeployment, _ id: String) throws -> [String: Any]? {
        guard let portal = demo.portal else { return nil }
        var request = URLRequest(url: URL(string: "http://127.0.0.1:\(portal.port)/items/\(id)")!)
        request.setValue("Bearer \(PortalProcess.token)", forHTTPHeaderField: "Authorization")
        let box = ResultBox()
        let done = DispatchSemaphore(value: 0)
        URLSession.shared.dataTask(with: request) { data, response, _ in
            box.data = (response as? HTTPURLResponse)?.statusCode == 200 ? data : nil
            done.signal()
        }.resume()
        guard done.wait(timeout: .now() + 30) == .success, let data = box.data else { return nil }
        return try JSONSerialization.jsonObject(with: data) as? [String: Any]
    }

    @Test("figures that break the format's rules: exit 2, every problem listed, nothing written or recorded")
    func badFigures() throws {
        let demo = try DemoDeployment()
        try demo.workspace.directory.write("bad.toml", """
            [applications]
            "一" = [2, 0, 0, 0, 0, 0, 1]
            "三.九" = [0, 0, 0, 0, 0, 0, 0]
            [reviews]
            "行政复议" = [0, -1, 0, 0, -1]
            """)
        let result = try demo.run("report", "--year", "2014", "--official", "--figures", "bad.toml", "--out", "report.html",
                                  "--file", "--by", "信息公开科", "--publish")
        #expect(result.status == 2)
        #expect(result.stderr.contains("bad.toml"))
        #expect(result.stderr.contains("row 一 一、本年新收政府信息公开申请数量, column 总计: 1 given, but the six applicant columns sum to 2"))
        #expect(result.stderr.contains("column 自然人: rows 一 + 二 = 2, but rows 三.七 + 四 = 0"))
        #expect(result.stderr.contains("[applications] row 三.九 is not a row of the format"))
        #expect(result.stderr.contains("[reviews] row 行政复议, column 结果纠正: -1 is negative"))
        #expect(!FileManager.default.fileExists(atPath: demo.workspace.directory.path("report.html")))
        let log = try demo.run("log", "--json").json()["events"] as? [[String: Any]] ?? []
        #expect(log.isEmpty)
        #expect((try demo.run("items", "--json").json()["items"] as? [Any])?.isEmpty == true)
    }

    @Test("--publish, approve, sync: the report is on the site's 年报 column and on the portal")
    func publishThroughChannels() throws {
        var demo = try DemoDeployment()
        #expect(try demo.run("import", demo.seed("items")).status == 0)
        #expect(try demo.run("sync").status == 0)
        let publish = try demo.run("report", "--year", "2014", "--official", "--publish", "--out", "report.md", "--format", "md")
        #expect(publish.status == 0, "\(publish.stderr)")
        #expect(publish.stderr.contains("annual-report-2014"))
        let show = try demo.run("show", "annual-report-2014", "--json").json()
        #expect(show["approved_rev"] == nil || show["approved_rev"] is NSNull)
        let revision = try #require((show["revisions"] as? [[String: Any]])?.first)
        #expect(revision["category"] as? String == "政府信息公开年报")
        #expect(revision["unit"] as? String == "淄博市交通运输局")
        #expect((revision["index_number"] as? String)?.hasPrefix("004188191/") == true, "a 索引号 is generated")
        #expect(try demo.run("sync").status == 0)
        #expect(try !demo.portalIDs().contains("annual-report-2014"), "an unapproved report must not be published")

        #expect(try demo.run("approve", "annual-report-2014", "--by", "办公室主任").status == 0)
        let sync = try demo.run("sync")
        #expect(sync.status == 0, "\(sync.stderr)")
        let page = try String(contentsOfFile: demo.workspace.directory.path("out/site/items/annual-report-2014.html"), encoding: .utf8)
        #expect(page.contains("2014年政府信息公开工作年度报告"))
        #expect(page.contains("三、收到和处理政府信息公开申请情况"))
        let columnPages = try demo.outputFiles().filter { $0.0.hasPrefix("site/columns/") && $0.0.hasSuffix("/index.html") }
        #expect(columnPages.contains { $0.1.contains("annual-report-2014") && $0.1.contains("政府信息公开年报") })
        let stored = try #require(try portalItem(demo, "annual-report-2014"))
        #expect(stored["category"] as? String == "政府信息公开年报")
        #expect((stored["body_html"] as? String)?.contains("二、主动公开政府信息情况") == true)
        demo.portal?.stop()
        demo.portal = nil
    }

    @Test("--file records the figures and the rendering's hash; later reports show the filing and what changed")
    func filing() throws {
        var demo = try DemoDeployment()
        #expect(try demo.run("import", demo.seed("items")).status == 0)
        #expect(try demo.run("sync").status == 0)
        let filed = try demo.run("report", "--year", "2014", "--official", "--file", "--by", "信息公开科", "--out", "filed.html")
        #expect(filed.status == 0, "\(filed.stderr)")
        let html = try Data(contentsOf: demo.workspace.directory.url.appendingPathComponent("filed.html"))
        let event = try #require((try demo.run("log", "--item", "annual-report-2014", "--json").json()["events"] as? [[String: Any]])?.last)
        #expect(event["action"] as? String == "report-filed" && event["actor"] as? String == "信息公开科")
        let sha = try demo.workspace.runner.run(URL(fileURLWithPath: "/usr/bin/sha256sum"), ["filed.html"], in: demo.workspace.directory.url)
        #expect((event["detail"] as? String)?.contains(String(sha.stdout.prefix(64))) == true, "\(html.count) bytes")

        #expect(try demo.run("retract", "zbjt-2014-0077", "--reason", "含个人信息", "--by", "信息公开科").status == 0)
        let official = try demo.run("report", "--year", "2014", "--official", "--format", "json").json()
        #expect((official["filed"] as? [String: Any])?["by"] as? String == "信息公开科")
        let changes = official["changes"] as? [[String: Any]] ?? []
        #expect(changes.contains { $0["figure"] as? String == "channels.site.retracted" && $0["filed"] as? Double == 0 && $0["now"] as? Double == 1 })
        let channels = official["channels"] as? [[String: Any]] ?? []
        #expect(channels.first?["retracted"] as? Int == 0, "as of the filing time, nothing was retracted yet")
        let partOne = try demo.run("report", "--year", "2014", "--format", "md")
        #expect(partOne.stdout.contains("本报告已于") && partOne.stdout.contains("已撤回：报送时 0，现为 1"))
        demo.portal?.stop()
        demo.portal = nil
    }
}

@Suite("report --out")
struct ReportOutTests {
    /// Only links in a temp folder are used, so a regression replaces a link, never a system device.
    @Test("--out onto a pipe or a device (through a link) writes through it and never replaces it")
    func outToDevice() throws {
        let workspace = try Workspace()
        let fm = FileManager.default
        try fm.createSymbolicLink(atPath: workspace.directory.path("to-stdout"), withDestinationPath: "/dev/stdout")
        try fm.createSymbolicLink(atPath: workspace.directory.path("to-null"), withDestinationPath: "/dev/null")
        let piped = try workspace.pubsync("report", "--year", "2014", "--format", "json", "--out", "to-stdout")
        #expect(piped.status == 0, "\(piped.stderr)")
        #expect(piped.stdout.contains("\"period\""))
        #expect(try workspace.pubsync("report", "--year", "2014", "--out", "to-null").status == 0)
        for link in ["to-stdout", "to-null"] {
            #expect((try? fm.destinationOfSymbolicLink(atPath: workspace.directory.path(link))) != nil, "\(link) was replaced")
        }
        let folder = try workspace.pubsync("report", "--year", "2014", "--out", ".")
        #expect(folder.status == 2 && folder.stderr.contains("is a folder"))
    }
}

@Suite("report --official without [disclosure] or a figures file")
struct AnnualReportBareConfigTests {
    @Test("zeros, the one sentence, and notes naming what is missing")
    func bareConfig() throws {
        let workspace = try Workspace()
        let result = try workspace.pubsync("report", "--year", "2014", "--official", "--format", "json")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("no [disclosure] office"))
        #expect(result.stderr.contains("no figures file at") && result.stderr.contains("reports/2014.toml"))
        let json = try result.json()
        #expect(json["nothing_received"] as? Bool == true)
        #expect((json["section3"] as? [String: Any])?.count == 25)
        let missing = try workspace.pubsync("report", "--year", "2014", "--official", "--figures", "nope.toml")
        #expect(missing.status == 2 && missing.stderr.contains("nope.toml"))
    }
}
