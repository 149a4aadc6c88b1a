import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import PubsyncTesting
import Testing

extension DemoDeployment {
    /// Sends one request to the portal's API with the token.
    func portalRequest(_ method: String, _ path: String, body: [String: Any]? = nil) throws -> Int {
        var request = URLRequest(url: URL(string: "http://127.0.0.1:\(portal!.port)\(path)")!)
        request.httpMethod = method
        request.setValue("Bearer \(PortalProcess.token)", forHTTPHeaderField: "Authorization")
        request.setValue("hand-\(UUID().uuidString)", forHTTPHeaderField: "Idempotency-Key")
        if let body {
            request.httpBody = try JSONSerialization.data(withJSONObject: body)
            request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        }
        let box = StatusBox()
        let done = DispatchSemaphore(value: 0)
        URLSession.shared.dataTask(with: request) { _, response, _ in
            box.status = (response as? HTTPURLResponse)?.statusCode ?? -1
            done.signal()
        }.resume()
        done.wait()
        return box.status
    }

    func routedIDs(_ channel: String) throws -> [String] {
        let items = try run("items", "--channel", channel, "--status", "approved", "--json").json()["items"] as? [[String: Any]] ?? []
        return items.compactMap { $0["id"] as? String }.filter { $0.hasPrefix("zbjt-2014") && $0 != "zbjt-2014-0077" }
    }
}

final class StatusBox: @unchecked Sendable { var status = 0 }

@Suite("Reconcile finds hand-made drift on every channel, and repair fixes it (real binaries)")
struct DriftTests {
    @Test("site page deleted and edited, portal item deleted and added by hand, feed entries cut: named exactly, repaired, foreign kept")
    func driftOnEveryChannel() throws {
        let demo = try DemoDeployment()
        #expect(try demo.run("import", demo.seed("items")).status == 0)
        #expect(try demo.run("sync").status == 0)
        #expect(try demo.run("reconcile").status == 0)
        let folder = demo.workspace.directory

        // Site: one page deleted, one edited by hand; a file of the deployment's own next to them.
        let site = try demo.routedIDs("site")
        try FileManager.default.removeItem(atPath: folder.path("out/site/items/\(site[0]).html"))
        let edited = folder.path("out/site/items/\(site[1]).html")
        try (try String(contentsOfFile: edited, encoding: .utf8) + "<!-- hand edit -->").write(toFile: edited, atomically: true, encoding: .utf8)
        try folder.write("out/site/robots.txt", "User-agent: *\n")

        // Portal: one item deleted and one added directly through its API.
        let portalOnly = try demo.routedIDs("portal").first { !site.prefix(2).contains($0) }!
        #expect(try demo.portalRequest("DELETE", "/items/\(portalOnly)") == 204)
        #expect(try demo.portalRequest("PUT", "/items/foreign-notice", body: [
            "id": "foreign-notice", "revision": 1, "content_hash": String(repeating: "a", count: 64), "title": "门户自行发布", "summary": "", "body_html": "<p>x</p>",
            "category": "政务公告", "unit": "市政府办公室", "index_number": "x-1", "doc_number": "", "published": "2014-05-05", "url": "",
        ]) == 201)

        // Feed: two entries cut from the JSON Feed file by hand.
        let feedPath = folder.path("out/feeds/weibo/feed.json")
        var feed = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: feedPath))) as! [String: Any]
        var entries = feed["items"] as! [[String: Any]]
        let cut = entries.prefix(2).compactMap { ($0["id"] as? String)?.components(separatedBy: "items/").last }
        entries.removeFirst(2)
        feed["items"] = entries
        try JSONSerialization.data(withJSONObject: feed).write(to: URL(fileURLWithPath: feedPath))

        let found = try demo.run("reconcile", "--json")
        #expect(found.status == 3)
        let channels = Dictionary(uniqueKeysWithValues: (try found.json()["channels"] as? [[String: Any]] ?? []).map { ($0["name"] as! String, $0) })
        #expect(channels["site"]?["missing"] as? [String] == [site[0]])
        #expect(channels["site"]?["stale"] as? [String] == [site[1]])
        #expect(channels["portal"]?["missing"] as? [String] == [portalOnly])
        #expect(channels["portal"]?["foreign"] as? [String] == ["foreign-notice"])
        #expect(Set(channels["weibo"]?["stale"] as? [String] ?? []).union(channels["weibo"]?["missing"] as? [String] ?? []) == Set(cut))
        for name in ["site", "portal", "weibo"] { #expect((channels[name]?["unexpected"] as? [String])?.isEmpty == true) }
        #expect(try demo.run("status").status == 3)

        let repaired = try demo.run("reconcile", "--repair", "--json")
        #expect(repaired.status == 0, "\(repaired.stdout)")
        for channel in try repaired.json()["channels"] as? [[String: Any]] ?? [] {
            #expect(channel["expected"] as? Int == channel["ledger"] as? Int)
            #expect(channel["ledger"] as? Int == channel["live"] as? Int)
        }
        #expect(FileManager.default.fileExists(atPath: folder.path("out/site/robots.txt")))
        #expect(try demo.portalIDs().contains("foreign-notice"))
        #expect(try demo.portalIDs().contains(portalOnly))
        #expect(try demo.run("status").status == 0)
    }

    @Test("a retracted item put back on a channel by hand is reported unexpected and removed by repair")
    func retractedItemStillLive() throws {
        let demo = try DemoDeployment()
        #expect(try demo.run("import", demo.seed("items")).status == 0)
        #expect(try demo.run("sync").status == 0)
        let id = try demo.routedIDs("portal")[0]
        #expect(try demo.run("retract", id, "--reason", "测试", "--by", "王主任").status == 0)
        #expect(try demo.portalRequest("PUT", "/items/\(id)", body: [
            "id": id, "revision": 1, "content_hash": String(repeating: "b", count: 64), "title": "又回来了", "summary": "", "body_html": "", "category": "政务公告",
            "unit": "", "index_number": "", "doc_number": "", "published": "2014-05-05", "url": "",
        ]) == 201)
        let found = try demo.run("reconcile", "--channel", "portal", "--json")
        #expect(found.status == 3)
        #expect((try found.json()["channels"] as? [[String: Any]])?.first?["unexpected"] as? [String] == [id])
        #expect(try demo.run("reconcile", "--channel", "portal", "--repair").status == 0)
        #expect(try !demo.portalIDs().contains(id))
    }
}
