import Foundation
import Testing
@testable import StaticSite

@Suite("Removal: pages that link to an item are rewritten before its page is deleted")
struct RemovalTests {
    @Test("removing items rewrites and flushes the list pages first, then deletes; no link dangles")
    func order() async throws {
        let site = try TestSite()
        defer { site.removeAll() }
        let items = (0..<42).map { makeItem(String(format: "r%03d", $0), day: $0) }  // r000 newest
        try await site.sync(put: items + [makeItem("lonely", category: "临时栏目")])
        let lonelySlug = site.config.slug(for: "临时栏目")
        #expect(site.exists("columns/\(lonelySlug)/index.html"))
        #expect(site.exists("columns/notices/page-3.html"))

        // Remove the newest, an archived one and the only item of an unconfigured column;
        // 40 notices left: page-3 must go.
        let report = try await site.sync(remove: ["r000", "r041", "lonely"])
        let events = report.events
        let firstDelete = events.firstIndex { if case .deleted = $0 { true } else { false } }!
        let lastWrite = events.lastIndex { if case .wrote = $0 { true } else { false } }!
        #expect(lastWrite < firstDelete, "every write happens before the first deletion: \(events)")
        #expect(report.written.contains("columns/notices/index.html"))
        #expect(report.written.contains("index.html"))
        // Obsolete archive pages go first, then item pages, then the empty column's front page.
        // (Search index shards left without terms go last; they link to nothing.)
        #expect(report.deleted.filter { !$0.hasPrefix("search/") } == ["catalogue/columns/notices/page-3.html", "catalogue/page-3.html", "catalogue/years/2014/page-3.html",
                                   "columns/notices/page-3.html", "catalogue/columns/\(lonelySlug)/page-1.html", "columns/\(lonelySlug)/page-1.html",
                                   "items/lonely.html", "items/r000.html", "items/r041.html",
                                   "catalogue/columns/\(lonelySlug)/index.html", "columns/\(lonelySlug)/index.html"])
        #expect(!site.exists("items/r000.html"))
        #expect(try site.brokenLinks().isEmpty)
        #expect(!(try site.read("sitemap.xml")).contains("r000"))
        #expect(!(try site.read(".pubsync-manifest")).contains("items/r000.html"))
    }

    @Test("removing an absent item succeeds and writes nothing")
    func removeAbsent() async throws {
        let site = try TestSite()
        defer { site.removeAll() }
        try await site.sync(put: [makeItem("x1")])
        site.ageAllFiles()
        let report = try await site.sync(remove: ["never-there", "BAD/../id"])
        #expect(report.events.isEmpty)
        #expect(site.touchedFiles().isEmpty)
    }

    @Test("put then remove in one session leaves no page and no temp file")
    func putThenRemove() async throws {
        let site = try TestSite()
        defer { site.removeAll() }
        try await site.sync(put: [makeItem("keep")])
        let adapter = try site.adapter()
        let session = try adapter.openSiteSession(site.context())
        _ = try await session.put(makeItem("gone"))
        try await session.remove(id: "gone", reason: .retracted)
        try await session.flush()
        #expect(!site.exists("items/gone.html"))
        #expect(!site.files().contains { $0.hasSuffix(".pubsync-tmp") })
    }

    @Test("a flush that fails part way leaves no temp file behind (a full disk is not made fuller)")
    func failedFlushRemovesTemps() async throws {
        let site = try TestSite()
        defer { site.removeAll() }
        try await site.sync(put: [makeItem("a")])
        // A folder where the home page's temp file must go makes the flush fail after the item
        // pages were staged: the same failure as a disk that fills up half way.
        let blocker = site.path(".index.html.pubsync-tmp")
        try FileManager.default.createDirectory(atPath: blocker, withIntermediateDirectories: false)
        let adapter = try site.adapter()
        let session = try adapter.openSiteSession(site.context())
        _ = try await session.put(makeItem("a", title: "改过的标题"))
        _ = try await session.put(makeItem("b"))
        _ = try await session.put(makeItem("c"))
        await #expect(throws: (any Error).self) { try await session.flush() }
        #expect(site.files().filter { $0.hasSuffix(".pubsync-tmp") }.isEmpty, "\(site.files().sorted())")
        // Once the obstacle is gone, the next run publishes everything.
        try FileManager.default.removeItem(atPath: blocker)
        try await site.sync(put: [makeItem("a", title: "改过的标题"), makeItem("b"), makeItem("c")])
        #expect(site.exists("items/b.html") && site.exists("items/c.html"))
        #expect(try site.read("items/a.html").contains("改过的标题"))
    }

    @Test("a put or remove the engine records only with a later batch stays on (or off) the list pages of the next flush")
    func outcomeRecordedWithLaterBatch() async throws {
        let site = try TestSite()
        defer { site.removeAll() }
        try await site.sync(put: [makeItem("old")])
        let adapter = try site.adapter()
        let session = try adapter.openSiteSession(site.context())
        // Batch 1 publishes a and removes old; their outcomes reach the ledger only after
        // batch 2's flush (they completed while batch 2 ran).
        let a = makeItem("a", day: 1)
        _ = try await session.put(a)
        try await session.remove(id: "old", reason: .retracted)
        try await session.flush()
        let b = makeItem("b", day: 2)
        _ = try await session.put(b)
        try await session.flush()
        let column = try site.read("columns/notices/index.html")
        #expect(column.contains("items/a.html") && column.contains("items/b.html"), "\(column)")
        #expect(!column.contains("items/old.html"))
        #expect(try site.brokenLinks().isEmpty)
        // Once the ledger holds them, the next flush lists them from the ledger.
        site.ledger.record(puts: [a, b], removes: ["old"])
        _ = try await session.put(makeItem("c", day: 3))
        try await session.flush()
        let after = try site.read("columns/notices/index.html")
        #expect(after.contains("items/a.html") && after.contains("items/b.html") && after.contains("items/c.html"))
    }
}
