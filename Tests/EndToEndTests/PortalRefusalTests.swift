import Foundation
import PubsyncTesting
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// A workspace with one portal channel at `url` (token from PUBSYNC_PORTAL_TOKEN) and `count` approved items.
func portalWorkspace(url: String, items count: Int, timeout: Int = 5, extra: String = "") throws -> Workspace {
    let workspace = try Workspace(config: portalConfig(url: url, timeout: timeout, extra: extra))
    if count > 0 { try workspace.importItems(count) }
    return workspace
}

/// The config `portalWorkspace` writes; `timeout` is the channel's timeout_s.
func portalConfig(url: String, timeout: Int = 5, extra: String = "") -> String {
    """
        timezone = "Asia/Shanghai"
        [store]
        path = "pubsync.db"
        [[channels]]
        name = "portal"
        kind = "http-push"
        url = "\(url)"
        token_env = "PUBSYNC_PORTAL_TOKEN"
        public_url = "https://portal.example.gov.cn/items/{id}"
        timeout_s = \(timeout)
        max_attempts = 2
        concurrency = 8
        \(extra)
        """
}

extension Workspace {
    /// Whether nobody holds the store's write lock (tries it without waiting, then lets go).
    func lockIsFree() -> Bool {
        let descriptor = open(directory.path("pubsync.db.lock"), O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { return false }
        defer { close(descriptor) }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else { return false }
        flock(descriptor, LOCK_UN)
        return true
    }
}

@Suite("a portal that refuses the credentials never hangs a sync (real binary)")
struct PortalRefusalTests {
    /// Runs `sync` `runs` times; each must end within 30 s with exit 1, the refusal named, and the lock free.
    static func syncRepeatedly(_ workspace: Workspace, runs: Int, token: String, expectStatus: Int) throws {
        for run in 1...runs {
            let result = try workspace.runner.pubsync(["sync"], in: workspace.directory.url,
                                                      environment: ["PUBSYNC_PORTAL_TOKEN": token], timeout: 30)
            #expect(!result.timedOut, "run \(run) hung (killed after 30 s)")
            #expect(result.status == 1, "run \(run): exit \(result.status): \(result.stderr)")
            #expect(result.stderr.contains("refused the credentials (HTTP \(expectStatus))"), "run \(run): \(result.stderr)")
            #expect(!result.stderr.contains(token))
            for line in result.stderr.split(separator: "\n") {
                #expect(line.components(separatedBy: "channel 'portal'").count <= 2, "the channel named once: \(line)")
            }
            #expect(workspace.lockIsFree(), "run \(run) left the lock held")
            if result.timedOut { return }
        }
    }

    @Test("20 syncs against the real pubsync-portal with a wrong token (401): each exits 1 within 30 s")
    func wrongTokenRealPortal() throws {
        let scratch = TemporaryDirectory("pubsync-portal-401")
        let portal = try PortalProcess(runner: BinaryRunner(), database: scratch.path("portal.db"))
        defer { portal.stop() }
        let workspace = try portalWorkspace(url: "http://127.0.0.1:\(portal.port)", items: 60)
        try Self.syncRepeatedly(workspace, runs: 20, token: "wrong-token-0000", expectStatus: 401)
        // Nothing reached the portal: status owes all 60 (never attempted, no ledger row) and exits 3.
        let status = try workspace.pubsync("status", "--json")
        #expect(status.status == 3, "\(status.stdout)")
        #expect((try status.json()["channels"] as? [[String: Any]])?.first?["pending"] as? Int == 60, "\(status.stdout)")
    }

    @Test("20 syncs against a stub that answers 403 to everything: each exits 1 within 30 s")
    func stubForbidden() throws {
        let stub = try StubHTTPServer { _ in .json(403, #"{"error":"forbidden"}"#) }
        defer { stub.stop() }
        let workspace = try portalWorkspace(url: stub.baseURL, items: 60)
        try Self.syncRepeatedly(workspace, runs: 20, token: "some-token-1234", expectStatus: 403)
        // The channel stops at the refusal: far fewer requests than 20 runs × 60 items.
        #expect(stub.requests.count <= 20 * 8, "\(stub.requests.count) requests")
    }
}
