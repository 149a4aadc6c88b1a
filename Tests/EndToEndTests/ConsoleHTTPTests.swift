import Foundation
import PubsyncTesting
import Testing

/// A workspace with accounts and items, and the console running on it.
struct ConsoleFixture {
    let workspace: Workspace
    let console: ConsoleProcess
    static let password = "pass-word-1"
    static let evilTitle = "<script>alert(1)</script>"

    init(config: String = "timezone = \"Asia/Shanghai\"\n[store]\npath = \"pubsync.db\"\n", environment: [String: String] = [:]) throws {
        workspace = try Workspace(config: config)
        for (name, role) in [("reviewer-a", "reviewer"), ("leader-b", "leader"), ("auditor-c", "auditor"), ("editor-d", "editor"), ("王五", "leader")] {
            let added = try workspace.runner.pubsync(["users", "add", name, "--role", role, "--password-stdin"], in: workspace.directory.url,
                                                     stdin: Self.password + "\n")
            precondition(added.status == 0, added.stderr)
        }
        try workspace.directory.write("items/plain.md", workspace.item("plain-1", title: "普通公告"))
        try workspace.directory.write("items/sensitive.md", workspace.item("sens-1", title: "敏感公告", extra: "sensitive: true\n"))
        try workspace.directory.write("items/evil.md", "---\nid: evil-1\ntitle: \"\(Self.evilTitle)\"\ncategory: 政务公告\npublished: 2014-06-18\n---\n正文 <img src=x onerror=alert(2)> 联系电话 13812345678\n")
        let imported = try workspace.pubsync("import", "items")
        precondition(imported.status == 0, imported.stderr)
        let audited = try workspace.pubsync("audit", "--all")
        precondition(audited.status == 0, audited.stderr)
        console = try ConsoleProcess(workspace: workspace, environment: environment)
    }

    func client() -> ConsoleClient { ConsoleClient(port: console.port) }

    /// `pubsync show ID --json`.
    func show(_ id: String) throws -> [String: Any] { try workspace.pubsync("show", id, "--json").json() }

    /// The approvals of an item's newest revision.
    func approvals(_ id: String) throws -> [[String: Any]] {
        let revisions = try show(id)["revisions"] as? [[String: Any]] ?? []
        return revisions.last?["approvals"] as? [[String: Any]] ?? []
    }

    func openFlags() throws -> [[String: Any]] { try workspace.pubsync("flags", "--json").json()["flags"] as? [[String: Any]] ?? [] }
}

@Suite("pubsync serve: the staff console over HTTP (real binary)", .serialized)
struct ConsoleHTTPTests {
    @Test("unauthenticated requests are sent to /login; login sets a strict HttpOnly cookie and lands on /")
    func loginFlow() throws {
        let fixture = try ConsoleFixture()
        let anonymous = fixture.client()
        for path in ["/", "/queue", "/items/plain-1", "/flags", "/report?year=2014"] {
            let answer = try anonymous.get(path)
            #expect(answer.status == 303 && answer.location == "/login", "\(path): \(answer.status)")
        }
        let post = try anonymous.post("/items/plain-1/approve", [("role", "reviewer"), ("rev", "1"), ("csrf", "x")])
        #expect(post.status == 303 && post.location == "/login")
        let page = try anonymous.get("/login")
        #expect(page.status == 200 && page.body.contains("锁定 15 分钟"))
        #expect(try anonymous.post("/login", [("username", "reviewer-a"), ("password", ConsoleFixture.password)]).status == 403)
        #expect(try anonymous.post("/login", [("username", "reviewer-a"), ("password", ConsoleFixture.password), ("csrf", "0123")]).status == 403)
        #expect(anonymous.cookies["pubsync_session"] == nil)
        #expect(try anonymous.login("reviewer-a", "wrong-password").status == 401)
        let good = try anonymous.login("reviewer-a", ConsoleFixture.password)
        #expect(good.status == 303 && good.location == "/")
        let line = anonymous.setCookieLines.last { $0.contains("pubsync_session=") && !$0.contains("pubsync_session=;") } ?? ""
        #expect(line.contains("HttpOnly") && line.contains("SameSite=Strict") && !line.contains("Secure"), "\(line)")
        #expect(anonymous.cookies["pubsync_session"]?.count == 64)
        let home = try anonymous.get("/")
        #expect(home.status == 200 && home.body.contains("工作台") && home.body.contains("reviewer-a"))
        #expect(home.headers["content-security-policy"]?.contains("default-src 'none'") == true)
        let proxied = fixture.client()
        try proxied.login("leader-b", ConsoleFixture.password, headers: ["X-Forwarded-Proto": "https"])
        #expect(proxied.setCookieLines.contains { $0.contains("pubsync_session=") && $0.contains("Secure") })
        let logout = try anonymous.post("/logout", [("csrf", home.csrf ?? "")])
        #expect(logout.status == 303 && logout.location == "/login")
        #expect(try anonymous.get("/").status == 303)
    }

    @Test("the dashboard shows the spot check's findings: an approved item held by an open flag is a veto")
    func dashboardFindings() throws {
        let fixture = try ConsoleFixture()
        let approved = try fixture.workspace.pubsync("approve", "evil-1", "--by", "信息公开科")
        #expect(approved.status == 0, "\(approved.stderr)")
        let client = fixture.client()
        try client.login("auditor-c", ConsoleFixture.password)
        let home = try client.get("/")
        #expect(home.status == 200)
        #expect(home.body.contains("网站检查"))
        #expect(home.body.contains("<div class=\"muted\">flag-open</div>"), "\(home.body)")
        #expect(home.body.contains("<td class=\"bad\">单项否决</td>"))
        #expect(home.body.contains("evil-1"))
        #expect(!home.body.contains(ConsoleFixture.evilTitle))
    }

    @Test("a POST without or with a wrong csrf is 403 and changes nothing; with the session's token it approves")
    func csrf() throws {
        let fixture = try ConsoleFixture()
        let reviewer = fixture.client()
        try reviewer.login("reviewer-a", ConsoleFixture.password)
        let queue = try reviewer.get("/queue")
        #expect(queue.body.contains("普通公告") && queue.body.contains("class=\"line add\""))
        let token = try #require(queue.csrf)
        #expect(try reviewer.post("/items/plain-1/approve", [("role", "reviewer"), ("rev", "1"), ("comment", "同意")]).status == 403)
        #expect(try reviewer.post("/items/plain-1/approve", [("role", "reviewer"), ("rev", "1"), ("csrf", String(repeating: "0", count: 64))]).status == 403)
        #expect(try fixture.approvals("plain-1").isEmpty)
        #expect(try fixture.show("plain-1")["approved_rev"] is NSNull)
        let done = try reviewer.post("/items/plain-1/approve", [("role", "reviewer"), ("rev", "1"), ("comment", "内容准确，同意公开"), ("csrf", token)])
        #expect(done.status == 303 && done.location == "/items/plain-1?notice=published")
        #expect(try fixture.show("plain-1")["approved_rev"] as? Int == 1)
        #expect(try fixture.approvals("plain-1").first?["by"] as? String == "reviewer-a")
        let log = try fixture.workspace.pubsync("log", "--item", "plain-1", "--json").json()["events"] as? [[String: Any]] ?? []
        #expect(log.contains { $0["actor"] as? String == "reviewer-a" && $0["action"] as? String == "approve" && ($0["detail"] as? String)?.contains("内容准确") == true })
        let item = try reviewer.get("/items/plain-1")
        #expect(item.body.contains("内容准确，同意公开"))
    }

    @Test("roles: a reviewer cannot dismiss flags, retract or approve as leader; editors and auditors cannot approve")
    func roles() throws {
        let fixture = try ConsoleFixture()
        let flag = try #require(fixture.openFlags().first?["id"] as? Int)
        let reviewer = fixture.client()
        try reviewer.login("reviewer-a", ConsoleFixture.password)
        let token = try #require(try reviewer.get("/").csrf)
        #expect(try reviewer.post("/flags/\(flag)/dismiss", [("reason", "误报"), ("csrf", token)]).status == 403)
        #expect(try reviewer.post("/items/plain-1/retract", [("reason", "试"), ("confirm", "plain-1"), ("csrf", token)]).status == 403)
        #expect(try reviewer.post("/items/sens-1/approve", [("role", "leader"), ("rev", "1"), ("csrf", token)]).status == 403)
        for name in ["editor-d", "auditor-c"] {
            let other = fixture.client()
            try other.login(name, ConsoleFixture.password)
            let otherToken = try #require(try other.get("/").csrf)
            #expect(try other.post("/items/plain-1/approve", [("role", "reviewer"), ("rev", "1"), ("csrf", otherToken)]).status == 403)
        }
        #expect(try fixture.openFlags().count == 1)
        #expect(try fixture.approvals("plain-1").isEmpty && fixture.approvals("sens-1").isEmpty)
        #expect(try fixture.show("plain-1")["status"] as? String == "draft")
        let flags = try reviewer.get("/flags")
        #expect(flags.status == 200 && !flags.body.contains("/dismiss"))
    }

    @Test("one person is never both reviewer and leader of one revision")
    func twoPeople() throws {
        let fixture = try ConsoleFixture()
        #expect(try fixture.workspace.pubsync("approve", "sens-1", "--by", "王五", "--role", "reviewer").status == 0)
        let leader = fixture.client()
        try leader.login("王五", ConsoleFixture.password)
        let queue = try leader.get("/queue")
        #expect(queue.body.contains("敏感公告"))
        let refused = try leader.post("/items/sens-1/approve", [("role", "leader"), ("rev", "1"), ("csrf", queue.csrf ?? "")])
        #expect(refused.status == 409)
        #expect(try fixture.approvals("sens-1").count == 1)
        #expect(try fixture.show("sens-1")["approved_rev"] is NSNull)
        let other = fixture.client()
        try other.login("leader-b", ConsoleFixture.password)
        let token = try #require(try other.get("/queue").csrf)
        #expect(try other.post("/items/sens-1/approve", [("role", "leader"), ("rev", "1"), ("comment", "同意"), ("csrf", token)]).status == 303)
        #expect(try fixture.show("sens-1")["approved_rev"] as? Int == 1)
    }

    @Test("a title <script>alert(1)</script> is shown escaped on every page")
    func escaping() throws {
        let fixture = try ConsoleFixture()
        let auditor = fixture.client()
        try auditor.login("auditor-c", ConsoleFixture.password)
        let reviewer = fixture.client()
        try reviewer.login("reviewer-a", ConsoleFixture.password)
        let pages = [try auditor.get("/"), try auditor.get("/flags"), try auditor.get("/items/evil-1"), try reviewer.get("/queue"),
                     try auditor.get("/report?year=2014")]
        for page in pages {
            #expect(page.status == 200)
            #expect(!page.body.contains("<script") && !page.body.contains("<img"), "\(page.body.prefix(200))")
        }
        for page in pages.dropFirst().dropLast() {
            #expect(page.body.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        }
        #expect(pages[2].body.contains("&lt;img src=x onerror=alert(2)&gt;"))
    }

    @Test("the sixth failed login is refused even with the right password, and the page says the account is locked")
    func lockout() throws {
        let fixture = try ConsoleFixture()
        let client = fixture.client()
        for attempt in 1...5 {
            let answer = try client.login("leader-b", "wrong-\(attempt)")
            #expect(answer.status == (attempt == 5 ? 403 : 401))
        }
        let sixth = try client.login("leader-b", ConsoleFixture.password)
        #expect(sixth.status == 403 && sixth.body.contains("已锁定"))
        #expect(client.cookies["pubsync_session"] == nil)
        #expect(try client.get("/").status == 303)
        let listed = try fixture.workspace.pubsync("users", "list", "--json").json()["users"] as? [[String: Any]] ?? []
        #expect((listed.first { $0["name"] as? String == "leader-b" }?["state"] as? String)?.hasPrefix("locked until") == true)
        // A password reset by the admin lifts the lock.
        #expect(try fixture.workspace.runner.pubsync(["users", "passwd", "leader-b", "--password-stdin"], in: fixture.workspace.directory.url,
                                                     stdin: "new-pass-word\n").status == 0)
        #expect(try client.login("leader-b", "new-pass-word").status == 303)
    }
}
