import Foundation
import Testing
@testable import StaticSite

@Suite("Pagination: landing page = newest page_size, archive pages fixed blocks numbered from the oldest")
struct PaginationTests {
    @Test("archive counts, landing sizes and archive blocks",
          arguments: [(0, 0), (1, 1), (20, 1), (21, 2), (40, 2), (41, 3), (102, 6)])
    func edges(count: Int, archives: Int) {
        let paging = Pagination(size: 20)
        let items = Array(0..<count)  // newest first
        #expect(paging.archiveCount(count) == archives)
        #expect(paging.landing(items).count == min(count, 20))
        for page in stride(from: 1, through: archives, by: 1) {
            let block = paging.archive(items, page: page)
            #expect(block.count == (page < archives ? 20 : count - (archives - 1) * 20))
            // Page 1 holds the oldest: its last element is the oldest item.
            if page == 1 { #expect(block.last == count - 1) }
        }
        // The "older" link of the landing page leads to the page holding the next older item.
        if count > 20 {
            let older = try! #require(paging.olderThanLanding(count))
            #expect(paging.archive(items, page: older).contains(20))
        } else {
            #expect(paging.olderThanLanding(count) == nil)
        }
    }

    @Test("0, 1, 20, 21 items in a column give the files and rows expected", arguments: [0, 1, 20, 21])
    func columnFiles(count: Int) async throws {
        let site = try TestSite()
        defer { site.removeAll() }
        let items = (0..<count).map { makeItem(String(format: "n%03d", $0), day: count - $0) }  // n000 is the oldest
        // One item elsewhere, so that an empty column still has a site around it.
        try await site.sync(put: items + [makeItem("other", category: "政策文件")])
        // A column with no live item has no page at all.
        #expect(site.exists("columns/notices/index.html") == (count > 0))
        if count == 0 { return }
        let front = try site.read("columns/notices/index.html")
        let rows = front.components(separatedBy: "<li><a href=\"../../items/").count - 1
        #expect(rows == min(count, 20))
        #expect(site.exists("columns/notices/page-1.html") == (count > 0))
        #expect(site.exists("columns/notices/page-2.html") == (count == 21))
        if count == 21 {
            // Landing: the newest 20; page 1: the oldest 20, newest first; page 2: the newest one.
            #expect(front.contains("items/n020.html") && front.contains("items/n001.html") && !front.contains("items/n000.html"))
            let archive = try site.read("columns/notices/page-1.html")
            #expect(archive.contains("items/n000.html") && archive.contains("items/n019.html"))
            #expect(!archive.contains("items/n020.html"))
            #expect(archive.range(of: "n019")!.lowerBound < archive.range(of: "n000")!.lowerBound)
            #expect(archive.contains("notices/page-2.html\" rel=\"prev\""))
            #expect(front.contains("notices/page-1.html\" rel=\"next\""))
            let newest = try site.read("columns/notices/page-2.html")
            #expect(newest.contains("items/n020.html") && newest.contains("notices/page-1.html\" rel=\"next\""))
        }
        #expect(try site.brokenLinks().isEmpty)
    }

    @Test("a landing page holds exactly page_size items; page_size is configurable")
    func pageSize() async throws {
        var site = try TestSite()
        site.config.pageSize = 7
        defer { site.removeAll() }
        try await site.sync(put: (0..<102).map { makeItem(String(format: "s%03d", $0), day: $0) })
        let front = try site.read("columns/notices/index.html")
        #expect(front.components(separatedBy: "<li><a href=\"../../items/").count - 1 == 7)
        let catalogue = try site.read("catalogue/index.html")
        #expect(catalogue.components(separatedBy: "<tr><td").count - 1 == 7)
        #expect(catalogue.contains("共 102 条"))
        #expect(site.exists("columns/notices/page-15.html") && !site.exists("columns/notices/page-16.html"))
        #expect(try site.brokenLinks().isEmpty)
    }

    @Test("adding items never changes full archive pages; one change rewrites at most 12 pages")
    func archiveStability() async throws {
        let site = try TestSite()
        defer { site.removeAll() }
        // 41 items: page-1, page-2 full, page-3 holds one.
        let items = (0..<41).map { makeItem(String(format: "a%03d", $0), day: 100 - $0) }
        try await site.sync(put: items)
        let fixed = ["columns/notices/page-1.html", "columns/notices/page-2.html", "catalogue/page-1.html", "catalogue/page-2.html",
                     "catalogue/columns/notices/page-1.html", "catalogue/years/2014/page-2.html"]
        let before = try fixed.map { try site.read($0) }
        // Add 19 more, one session each: page-3 fills up to 20, pages 1 and 2 untouched.
        for n in 41..<60 {
            site.ageAllFiles()
            let report = try await site.sync(put: [makeItem(String(format: "a%03d", n), day: 100 - n)])
            #expect(!report.written.contains { fixed.contains($0) }, "adding item \(n) wrote \(report.written)")
            #expect(report.written.filter { $0.hasSuffix(".html") }.count <= 12)
            #expect(!site.touchedFiles().contains { fixed.contains($0) })
        }
        // The 61st item starts page-4; pages 1 and 2 stay byte-identical.
        let report = try await site.sync(put: [makeItem("a060", day: 40)])
        #expect(report.written.contains("columns/notices/page-4.html"))
        #expect(try fixed.map { try site.read($0) } == before)
        let page3 = try site.read("columns/notices/page-3.html")
        #expect(page3.contains("a059") && page3.contains("a040") && !page3.contains("a060"))
        #expect(try site.brokenLinks().isEmpty)
    }
}
