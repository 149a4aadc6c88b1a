import Foundation
import PubsyncTesting
import Testing

@Suite("pubsync serve: busy while a sync holds the lock (real binaries)")
struct ConsoleBusyTests {
    @Test("while pubsync sync holds the lock, approve answers 503 busy within about 10 s and changes nothing; afterwards it succeeds")
    func busyThenDone() throws {
        let workspace = try Workspace()
        // A portal that takes 20 s to answer keeps the sync (and its lock) busy.
        let portal = try PortalProcess(runner: workspace.runner, database: workspace.directory.path("portal.db"), extra: ["--latency-ms", "20000"])
        defer { portal.stop() }
        try workspace.directory.write("pubsync.toml", """
            timezone = "Asia/Shanghai"
            [store]
            path = "pubsync.db"
            [[channels]]
            name = "portal"
            kind = "http-push"
            url = "http://127.0.0.1:\(portal.port)"
            token_env = "PUBSYNC_PORTAL_TOKEN"
            timeout_s = 60
            """)
        try workspace.directory.write("items/a.md", workspace.item("a-1", title: "已审核"))
        try workspace.directory.write("items/b.md", workspace.item("b-1", title: "待审核"))
        #expect(try workspace.pubsync("import", "items/a.md", "--approve-by", "信息公开科").status == 0)
        #expect(try workspace.pubsync("import", "items/b.md").status == 0)
        #expect(try workspace.runner.pubsync(["users", "add", "reviewer-a", "--role", "reviewer", "--password-stdin"], in: workspace.directory.url,
                                             stdin: "pass-word-1\n").status == 0)
        let console = try ConsoleProcess(workspace: workspace)
        defer { console.stop() }
        let reviewer = ConsoleClient(port: console.port)
        // Logging in needs no writer's lock, so it works during the sync too; log in first anyway.
        #expect(try reviewer.login("reviewer-a", "pass-word-1").status == 303)
        let token = try #require(try reviewer.get("/queue").csrf)

        let sync = Process()
        sync.executableURL = workspace.runner.executable("pubsync")
        sync.arguments = ["sync"]
        sync.currentDirectoryURL = workspace.directory.url
        sync.environment = ProcessInfo.processInfo.environment.merging(["PUBSYNC_PORTAL_TOKEN": PortalProcess.token]) { _, new in new }
        sync.standardOutput = FileHandle.nullDevice
        sync.standardError = FileHandle.nullDevice
        try sync.run()
        let lockFile = workspace.directory.path("pubsync.db.lock")
        let deadline = Date().addingTimeInterval(20)
        while Date() < deadline, !((try? String(contentsOfFile: lockFile, encoding: .utf8)) ?? "").contains("(pubsync sync)") {
            usleep(50_000)
        }
        // A second login while the sync runs: session bookkeeping never waits for the writers' lock.
        let during = ConsoleClient(port: console.port)
        let loginStart = Date()
        #expect(try during.login("reviewer-a", "pass-word-1").status == 303)
        #expect(Date().timeIntervalSince(loginStart) < 8)

        let started = Date()
        let busy = try reviewer.post("/items/b-1/approve", [("role", "reviewer"), ("rev", "1"), ("csrf", token)])
        let waited = Date().timeIntervalSince(started)
        #expect(busy.status == 503 && busy.body.contains("busy: a sync is running"))
        #expect(waited >= 9.5 && waited < 18, "waited \(waited) s")
        #expect(sync.isRunning, "the sync should still hold the lock")
        #expect(try workspace.pubsync("show", "b-1", "--json").json()["approved_rev"] is NSNull)

        sync.waitUntilExit()
        #expect(sync.terminationStatus == 0)
        let done = try reviewer.post("/items/b-1/approve", [("role", "reviewer"), ("rev", "1"), ("csrf", token)])
        #expect(done.status == 303)
        #expect(try workspace.pubsync("show", "b-1", "--json").json()["approved_rev"] as? Int == 1)
    }
}
