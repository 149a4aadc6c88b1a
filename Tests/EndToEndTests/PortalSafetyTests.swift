import Foundation
import PubsyncTesting
import Testing

@Suite("the portal channel's settings and payload changes, through the binary")
struct PortalSafetyTests {
    @Test("changing public_url republishes every item (a new body is a new Idempotency-Key, never a 422)")
    func publicURLChange() throws {
        let scratch = TemporaryDirectory("pubsync-portal-url")
        let portal = try PortalProcess(runner: BinaryRunner(), database: scratch.path("portal.db"))
        defer { portal.stop() }
        let workspace = try portalWorkspace(url: "http://127.0.0.1:\(portal.port)", items: 6)
        let env = ["PUBSYNC_PORTAL_TOKEN": PortalProcess.token]
        let first = try workspace.pubsync("sync", "--json", environment: env)
        #expect(first.status == 0, "\(first.stderr)")
        let config = try String(contentsOfFile: workspace.directory.path("pubsync.toml"), encoding: .utf8)
        try workspace.directory.write("pubsync.toml", config.replacingOccurrences(of: "https://portal.example.gov.cn/items/{id}",
                                                                                  with: "https://www.example.gov.cn/zwgk/{id}"))
        let second = try workspace.pubsync("sync", "--json", environment: env)
        #expect(second.status == 0, "\(second.stderr)")
        let channel = (try second.json()["channels"] as? [[String: Any]])?.first
        #expect(channel?["put"] as? Int == 6 && channel?["rejected"] as? Int == 0, "\(second.stdout)")
        let status = try workspace.pubsync("status", "--json", environment: env)
        #expect(status.status == 0, "\(status.stdout)")
    }

    @Test("url with credentials: exit 2, the password never printed")
    func credentialsInURL() throws {
        let workspace = try Workspace()
        try workspace.directory.write("pubsync.toml", portalConfig(url: "https://admin:S3cretPass@portal.example.gov.cn/api"))
        let result = try workspace.pubsync("plan")
        #expect(result.status == 2)
        #expect(result.stderr.contains("key 'url'"), "\(result.stderr)")
        #expect(!(result.stderr + result.stdout).contains("S3cretPass"), "\(result.stderr)")
    }

    @Test("plain http:// to another host: exit 2 naming url and allow_insecure_http; allowed when set")
    func insecureHTTP() throws {
        let refused = try Workspace()
        try refused.directory.write("pubsync.toml", portalConfig(url: "http://portal.example.gov.cn"))
        let result = try refused.pubsync("plan")
        #expect(result.status == 2)
        #expect(result.stderr.contains("key 'url'") && result.stderr.contains("allow_insecure_http"), "\(result.stderr)")
        let allowed = try portalWorkspace(url: "http://portal.example.gov.cn", items: 0, extra: "allow_insecure_http = true")
        #expect(try allowed.pubsync("plan").status == 0)
    }
}
