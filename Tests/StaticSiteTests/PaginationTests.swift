import Foundation
import Testing
@testable import StaticSite

@Suite("Pagination: front page newest, archive pages numbered from the oldest")
struct PaginationTests {
    @Test("archive counts and front sizes", arguments: [(0, 0, 0), (1, 0, 1), (20, 0, 20), (21, 1, 1), (40, 1, 20), (41, 2, 1)])
    func edges(count: Int, archives: Int, front: Int) {
        let items = Array(0..<count)
        #expect(Pagination.archiveCount(count) == archives)
        #expect(Pagination.front(items).count == front)
        for page in stride(from: 1, through: archives, by: 1) {
            #expect(Pagination.archive(items, page: page).count == Pagination.pageSize)
        }
    }

    @Test("0, 1, 20, 21 items in a column give the files and rows expected", arguments: [0, 1, 20, 21])
    func columnFiles(count: Int) async throws {
        let site = try TestSite()
        defer { site.removeAll() }
        let items = (0..<count).map { makeItem(String(format: "n%03d", $0), day: count - $0) }  // n000 is the oldest
        // One item elsewhere, so that an empty column still has a site around it.
        try await site.sync(put: items + [makeItem("other", category: "政策文件")])
        let front = try site.read("columns/notices/index.html")
        let rows = front.components(separatedBy: "<li><a href=\"../../items/").count - 1
        #expect(rows == (count == 21 ? 1 : count))
        #expect(site.exists("columns/notices/page-1.html") == (count == 21))
        #expect(!site.exists("columns/notices/page-2.html"))
        if count == 0 { #expect(front.contains("暂无信息")) }
        if count == 21 {
            // Front: the newest; page 1: the oldest 20, newest first.
            #expect(front.contains("items/n020.html"))
            let archive = try site.read("columns/notices/page-1.html")
            #expect(archive.contains("items/n000.html") && archive.contains("items/n019.html"))
            #expect(!archive.contains("items/n020.html"))
            #expect(archive.range(of: "n019")!.lowerBound < archive.range(of: "n000")!.lowerBound)
            #expect(front.contains("page-1.html"))
        }
        #expect(try site.brokenLinks().isEmpty)
    }

    @Test("adding items never changes archive pages")
    func archiveStability() async throws {
        let site = try TestSite()
        defer { site.removeAll() }
        // 41 items: page-1, page-2 full, one on the front.
        let items = (0..<41).map { makeItem(String(format: "a%03d", $0), day: 100 - $0) }
        try await site.sync(put: items)
        let page1 = try site.read("columns/notices/page-1.html")
        let page2 = try site.read("columns/notices/page-2.html")
        let catalogue1 = try site.read("catalogue/page-1.html")
        // Add 19 more, one session each: the front fills up to 20, archives untouched.
        for n in 41..<60 {
            site.ageAllFiles()
            let report = try await site.sync(put: [makeItem(String(format: "a%03d", n), day: 100 - n)])
            #expect(!report.written.contains { $0.contains("page-") }, "adding item \(n) wrote \(report.written)")
            #expect(report.written.count <= 5)
            #expect(!site.touchedFiles().contains { $0.contains("page-") })
        }
        // The 61st item turns the full front page into page-3; pages 1 and 2 stay byte-identical.
        let report = try await site.sync(put: [makeItem("a060", day: 40)])
        #expect(report.written.contains("columns/notices/page-3.html"))
        #expect(!report.written.contains("columns/notices/page-1.html"))
        #expect(!report.written.contains("columns/notices/page-2.html"))
        #expect(try site.read("columns/notices/page-1.html") == page1)
        #expect(try site.read("columns/notices/page-2.html") == page2)
        #expect(try site.read("catalogue/page-1.html") == catalogue1)
        let page3 = try site.read("columns/notices/page-3.html")
        #expect(page3.contains("a059") && page3.contains("a040") && !page3.contains("a060"))
        #expect(try site.brokenLinks().isEmpty)
    }
}
