import Foundation
import PubsyncCore
import Testing
@testable import StaticSite

@Suite("Adapter contract: idempotent puts, absent removes, recovery after a killed run")
struct ConformanceTests {
    @Test("putting the same item twice leaves one page and the receipt names its address")
    func idempotentPut() async throws {
        let site = try TestSite()
        defer { site.removeAll() }
        let session = try site.adapter().openSiteSession(site.context())
        let receipt = try await session.put(makeItem("d1"))
        _ = try await session.put(makeItem("d1"))
        try await session.flush()
        #expect(receipt.remoteRef == "https://jtj.example.gov.cn/items/d1.html")
        #expect(site.files().filter { $0.hasPrefix("items/") } == ["items/d1.html"])
        #expect(try site.read("catalogue/index.html").components(separatedBy: "items/d1.html").count == 2)
    }

    @Test("concurrent puts (as the engine may run them) all land")
    func concurrentPuts() async throws {
        let site = try TestSite()
        defer { site.removeAll() }
        let adapter = try site.adapter()
        let session = try adapter.openSiteSession(site.context())
        try await withThrowingTaskGroup(of: Void.self) { group in
            for n in 0..<60 { group.addTask { _ = try await session.put(makeItem("c\(n)", day: n % 7)) } }
            try await group.waitForAll()
        }
        try await session.flush()
        #expect(site.files().filter { $0.hasPrefix("items/") }.count == 60)
        #expect(try site.brokenLinks().isEmpty)
        #expect(try await adapter.inventory().count == 60)
    }

    @Test("a session killed before flush leaves nothing live; its temp files are cleared by the next one")
    func killedBeforeFlush() async throws {
        let site = try TestSite()
        defer { site.removeAll() }
        try await site.sync(put: [makeItem("k0")])
        let session = try site.adapter().openSiteSession(site.context())
        _ = try await session.put(makeItem("k1"))
        _ = try await session.put(makeItem("k0", title: "新标题", revision: 2))
        // No flush: the run died. Nothing visible changed.
        #expect(!site.exists("items/k1.html"))
        #expect(!(try site.read("items/k0.html")).contains("新标题"))
        #expect(site.files().contains { $0.hasSuffix(".pubsync-tmp") })
        try await site.sync()
        #expect(!site.files().contains { $0.hasSuffix(".pubsync-tmp") })
    }

    @Test("pages a killed flush created before its manifest are still ours: the repeat overwrites them")
    func killedBeforeManifest() async throws {
        let site = try TestSite()
        defer { site.removeAll() }
        try await site.sync(put: [makeItem("m0")])
        // What a flush killed after writing pages and `.pubsync-pending`, before the manifest, leaves.
        try "<p>half</p>".write(toFile: site.path("items/m1.html"), atomically: true, encoding: .utf8)
        try "items/m1.html\n".write(toFile: site.path(".pubsync-pending"), atomically: true, encoding: .utf8)
        try await site.sync(put: [makeItem("m1")])
        #expect(try site.read("items/m1.html").contains("关于m1的公告"))
        #expect(!site.exists(".pubsync-pending"))
        #expect(try await site.adapter().inventory().contains(LiveEntry(id: "m1", revision: 1, contentHash: "hash-m1-1")))
    }
}
