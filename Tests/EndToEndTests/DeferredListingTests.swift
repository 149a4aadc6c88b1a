import Foundation
import Testing

@Suite("The site lists a long phase of puts once, at its end, and a killed run's unlisted pages at the next sync (real binary)")
struct DeferredListingTests {
    @Test("flushes in the middle of a phase publish item pages only; killed before the phase's last flush, the next sync lists them though it puts nothing")
    func killedBeforeListing() throws {
        let workspace = try Workspace(config: AttachmentFlowTests.siteConfig(store: "pubsync.db"))
        try workspace.importItems(4)
        let site = workspace.directory.url.appendingPathComponent("out/site")
        let marker = site.appendingPathComponent(".pubsync-unlisted")
        let home = site.appendingPathComponent("index.html")

        // Batches of two: ops 1–2 and 3–4 are flushed mid-phase and recorded; the kill comes
        // after the second record, before the phase's complete flush.
        let killed = try workspace.pubsync("sync", environment: ["PUBSYNC_FAILPOINT": "after-record:4", "PUBSYNC_BATCH_SIZE": "2"])
        #expect(killed.status == SIGKILL)
        for n in 1...4 {
            #expect(FileManager.default.fileExists(atPath: site.appendingPathComponent("items/n-\(n).html").path), "n-\(n)'s page is published")
        }
        #expect(!FileManager.default.fileExists(atPath: home.path), "no list page yet")
        #expect(FileManager.default.fileExists(atPath: marker.path))
        let before = try workspace.pubsync("status", "--json").json()["channels"] as? [[String: Any]]
        #expect(before?.first?["live"] as? Int == 4, "the ledger recorded the four")

        // Nothing to put, but the four wait to be listed: this sync lists them.
        let next = try workspace.pubsync("sync")
        #expect(next.status == 0, "\(next.stderr)")
        #expect(next.stdout.contains("put 0"), "\(next.stdout)")
        let page = try String(contentsOf: home, encoding: .utf8)
        for n in 1...4 { #expect(page.contains("items/n-\(n).html"), "the home page lists n-\(n)") }
        #expect(!FileManager.default.fileExists(atPath: marker.path))
        let reconcile = try workspace.pubsync("reconcile", "--json")
        #expect(reconcile.status == 0, "\(reconcile.stdout)\(reconcile.stderr)")

        // And then nothing more to do: the home page is not written again.
        let written = try FileManager.default.attributesOfItem(atPath: home.path)[.modificationDate] as? Date
        Thread.sleep(forTimeInterval: 0.05)
        #expect(try workspace.pubsync("sync").status == 0)
        #expect(try FileManager.default.attributesOfItem(atPath: home.path)[.modificationDate] as? Date == written)
    }

    @Test("an uninterrupted sync in many batches lists every item once the phase ends, and leaves no marker")
    func listedAtPhaseEnd() throws {
        let workspace = try Workspace(config: AttachmentFlowTests.siteConfig(store: "pubsync.db"))
        try workspace.importItems(7)
        let run = try workspace.pubsync("sync", environment: ["PUBSYNC_BATCH_SIZE": "2"])
        #expect(run.status == 0, "\(run.stderr)")
        let site = workspace.directory.url.appendingPathComponent("out/site")
        let catalogue = try String(contentsOf: site.appendingPathComponent("catalogue/index.html"), encoding: .utf8)
        for n in 1...7 { #expect(catalogue.contains("items/n-\(n).html"), "the catalogue lists n-\(n)") }
        #expect(!FileManager.default.fileExists(atPath: site.appendingPathComponent(".pubsync-unlisted").path))
    }
}
