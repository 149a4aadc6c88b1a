import Foundation
import PubsyncTesting
import Testing

/// Screening before publication through the binary: the demo's three channels and a real portal.
@Suite("Screening holds flagged revisions off every channel (real binaries, real portal)")
struct ScreeningFlowTests {
    static let idNumber = "370302198001011238"

    /// The demo deployment with the audit rules on.
    func deployment() throws -> DemoDeployment {
        let demo = try DemoDeployment()
        try demo.enableAuditRules()
        return demo
    }

    /// An approved item file in `folder` (category 政务公告: routed to site, portal and weibo).
    func write(_ demo: DemoDeployment, _ folder: String, id: String, title: String, body: String) throws {
        try demo.workspace.directory.write("\(folder)/\(id).md", """
            ---
            id: \(id)
            title: \(title)
            category: 政务公告
            unit: 市交通运输局
            published: 2014-06-01
            status: approved
            reviewer: 信息公开科
            ---
            \(body)

            """)
    }

    /// Where the item is live: the site's page, the feed, the portal's own listing.
    func channels(of id: String, _ demo: DemoDeployment) throws -> Set<String> {
        var found: Set<String> = []
        if FileManager.default.fileExists(atPath: demo.workspace.directory.path("out/site/items/\(id).html")) { found.insert("site") }
        let feed = try String(contentsOfFile: demo.workspace.directory.path("out/feeds/weibo/feed.json"), encoding: .utf8)
        if feed.contains("items/\(id).html") { found.insert("weibo") }
        if try demo.portalIDs().contains(id) { found.insert("portal") }
        return found
    }

    func itemStates(_ demo: DemoDeployment) throws -> [String: String] {
        let items = try demo.run("items", "--json").json()["items"] as? [[String: Any]] ?? []
        return Dictionary(uniqueKeysWithValues: items.map { ($0["id"] as? String ?? "", $0["state"] as? String ?? "") })
    }

    func openFlags(_ demo: DemoDeployment) throws -> [(id: Int, item: String, rule: String)] {
        (try demo.run("flags", "--json").json()["flags"] as? [[String: Any]] ?? []).map {
            ($0["id"] as? Int ?? 0, $0["item"] as? String ?? "", $0["rule"] as? String ?? "")
        }
    }

    @Test("ID number, mobile and 秘密 are held at import, on no channel after sync, published by the first sync after dismissal")
    func heldThenDismissed() throws {
        let demo = try deployment()
        try write(demo, "in", id: "t-clean", title: "客运班线调整公告", body: "服务监督电话12328。淄交发〔2014〕12号，2014-06-01起施行。")
        try write(demo, "in", id: "t-id", title: "行政处罚决定公开", body: "当事人王某，身份证号\(Self.idNumber)，罚款200元。")
        try write(demo, "in", id: "t-mobile", title: "出租车投诉受理", body: "值班人员手机：139 5331 2345。")
        try write(demo, "in", id: "t-secret", title: "内部通报", body: "秘密★1年\n\n正文。")
        let imported = try demo.run("import", demo.workspace.directory.path("in"))
        #expect(imported.status == 0 && imported.stderr.contains("screening flagged 3 item(s)"), "\(imported.stderr)")
        var states = try itemStates(demo)
        #expect(states["t-id"] == "held" && states["t-mobile"] == "held" && states["t-secret"] == "held" && states["t-clean"] == "due")
        let flags = try openFlags(demo)
        #expect(Set(flags.map(\.rule)) == ["cn-id-number", "cn-mobile", "secrecy-marking"])

        let sync = try demo.run("sync", "--json")
        #expect(sync.status == 0, "\(sync.stderr)")
        for channel in try sync.json()["channels"] as? [[String: Any]] ?? [] {
            #expect(channel["held"] as? Int == 3 && channel["put"] as? Int == 1, "\(channel)")
        }
        for id in ["t-id", "t-mobile", "t-secret"] { #expect(try channels(of: id, demo).isEmpty, "\(id)") }
        #expect(try channels(of: "t-clean", demo) == ["site", "portal", "weibo"])
        let site = try demo.outputFiles().map(\.1).joined()
        #expect(!site.contains(Self.idNumber) && !site.contains("秘密★"))

        let held = try demo.run("status", "--json")
        let heldCount = try held.json()["held"] as? Int
        #expect(held.status == 3 && heldCount == 3)
        #expect(try itemStates(demo)["t-clean"] == "live")

        for flag in flags {
            #expect(try demo.run("flags", "dismiss", "\(flag.id)", "--by", "王科长", "--reason", "经核实可公开").status == 0)
            #expect(try demo.run("sync").status == 0)
            #expect(try channels(of: flag.item, demo) == ["site", "portal", "weibo"], "\(flag.item)")
        }
        states = try itemStates(demo)
        #expect(states["t-id"] == "live" && states["t-mobile"] == "live" && states["t-secret"] == "live")
        let clean = try demo.run("status", "--json")
        #expect(clean.status == 0, "\(clean.stdout)")
        #expect(try clean.json()["held"] as? Int == 0)
    }

    @Test("an edited revision without the finding is published without a dismissal; a held update leaves the old revision live")
    func editedAndHeldUpdate() throws {
        let demo = try deployment()
        try write(demo, "v1", id: "t-edit", title: "投诉渠道", body: "联系人手机13953312345。")
        try write(demo, "v1", id: "t-live", title: "春运安排", body: "春运期间增开班车。")
        #expect(try demo.run("import", demo.workspace.directory.path("v1")).status == 0)
        #expect(try demo.run("sync").status == 0)
        #expect(try channels(of: "t-edit", demo).isEmpty)
        #expect(try channels(of: "t-live", demo) == ["site", "portal", "weibo"])

        try write(demo, "v2", id: "t-edit", title: "投诉渠道", body: "投诉请拨打12328。")
        try write(demo, "v2", id: "t-live", title: "春运安排（更新）", body: "春运期间增开班车，联系人身份证号\(Self.idNumber)。")
        #expect(try demo.run("import", demo.workspace.directory.path("v2")).status == 0)
        let states = try itemStates(demo)
        #expect(states["t-edit"] == "due" && states["t-live"] == "held")
        #expect(try demo.run("sync").status == 0)
        #expect(try channels(of: "t-edit", demo) == ["site", "portal", "weibo"])
        // The held update: revision 1 stays live on every channel.
        let show = try demo.run("show", "t-live", "--json").json()
        #expect(show["state"] as? String == "held")
        for channel in show["channels"] as? [[String: Any]] ?? [] {
            #expect(channel["state"] as? String == "live" && channel["rev"] as? Int == 1, "\(channel)")
        }
        let page = try String(contentsOfFile: demo.workspace.directory.path("out/site/items/t-live.html"), encoding: .utf8)
        #expect(page.contains("春运期间增开班车。") && !page.contains(Self.idNumber))
        #expect(try demo.run("status").status == 3)
        // The superseded flag of t-edit's first revision no longer counts.
        #expect(try openFlags(demo).map(\.item) == ["t-live"])
    }

    @Test("no false holds on the demo seed: screening flags only the planted ID number")
    func demoSeedScreening() throws {
        let demo = try deployment()
        let imported = try demo.run("import", demo.seed("items"), demo.seed("later"))
        #expect(imported.status == 0, "\(imported.stderr)")
        let updates = try demo.run("import", demo.seed("updates"))
        #expect(updates.status == 0, "\(updates.stderr)")
        let flags = try openFlags(demo)
        #expect(flags.map(\.item) == ["zbjt-2014-0077"] && flags.map(\.rule) == ["cn-id-number"])
        let held = try demo.run("items", "--status", "held", "--json").json()["items"] as? [[String: Any]]
        #expect(held?.compactMap { $0["id"] as? String } == ["zbjt-2014-0077"])
    }
}
