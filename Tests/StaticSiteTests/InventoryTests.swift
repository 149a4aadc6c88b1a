import Foundation
import PubsyncCore
import Testing
@testable import StaticSite

@Suite("Inventory: what is really on disk, per the manifest")
struct InventoryTests {
    @Test("lists item pages with the revision and hash recorded; a hand deletion is absent, a hand edit reports another hash")
    func handChanges() async throws {
        let site = try TestSite()
        defer { site.removeAll() }
        try await site.sync(put: [makeItem("i1"), makeItem("i2", revision: 3), makeItem("i3")])
        let adapter = try site.adapter()
        let before = try await adapter.inventory()
        #expect(Set(before) == [LiveEntry(id: "i1", revision: 1, contentHash: "hash-i1-1"),
                                LiveEntry(id: "i2", revision: 3, contentHash: "hash-i2-3"),
                                LiveEntry(id: "i3", revision: 1, contentHash: "hash-i3-1")])
        try FileManager.default.removeItem(atPath: site.path("items/i1.html"))
        try (try site.read("items/i2.html")).replacingOccurrences(of: "正文", with: "篡改").write(toFile: site.path("items/i2.html"), atomically: true, encoding: .utf8)
        let after = try await adapter.inventory()
        #expect(!after.contains { $0.id == "i1" })
        let edited = try #require(after.first { $0.id == "i2" })
        #expect(edited.revision == 3)
        #expect(edited.contentHash?.hasPrefix("edited:") == true)
        #expect(edited.contentHash != "hash-i2-3")
        #expect(after.contains(LiveEntry(id: "i3", revision: 1, contentHash: "hash-i3-1")))
        // A repeat put repairs the edited page.
        try await site.sync(put: [makeItem("i2", revision: 3)])
        #expect(try await adapter.inventory().contains(LiveEntry(id: "i2", revision: 3, contentHash: "hash-i2-3")))
    }

    /// That the listing then throws (never "empty") is checked by the shared conformance suite.
    @Test("a corrupt manifest stops a sync")
    func corruptManifest() async throws {
        let site = try TestSite()
        defer { site.removeAll() }
        try await site.sync(put: [makeItem("i1")])
        try "garbage\n".write(toFile: site.path(".pubsync-manifest"), atomically: true, encoding: .utf8)
        await #expect(throws: PubsyncError.self) { try await site.sync(put: [makeItem("i2")]) }
    }

    @Test("a site never published lists nothing")
    func empty() async throws {
        let site = try TestSite()
        defer { site.removeAll() }
        #expect(try await site.adapter().inventory().isEmpty)
    }
}
