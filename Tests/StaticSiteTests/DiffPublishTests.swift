import Foundation
import Testing
@testable import StaticSite

@Suite("Diff-publishing: only files whose bytes change are written")
struct DiffPublishTests {
    /// 50 notices and 10 policies, newest first a000…
    func seeded() async throws -> TestSite {
        let site = try TestSite()
        let notices = (0..<50).map { makeItem(String(format: "a%03d", $0), day: $0) }
        let policies = (0..<10).map { makeItem(String(format: "p%03d", $0), category: "政策文件", day: $0) }
        try await site.sync(put: notices + policies)
        return site
    }

    @Test("a session with nothing to do writes no file, and re-putting the same items writes none either")
    func noOp() async throws {
        let site = try await seeded()
        defer { site.removeAll() }
        site.ageAllFiles()
        let empty = try await site.sync()
        #expect(empty.events.isEmpty && empty.bookkeepingWritten.isEmpty)
        let same = try await site.sync(put: [makeItem("a010", day: 10), makeItem("p003", category: "政策文件", day: 3)])
        #expect(same.events.isEmpty)
        #expect(same.bookkeepingWritten.isEmpty)
        #expect(site.touchedFiles().isEmpty)
    }

    @Test("changing an old item rewrites its page, the list pages showing it and the sitemap, nothing else")
    func oneChange() async throws {
        let site = try await seeded()
        defer { site.removeAll() }
        site.ageAllFiles()
        // a045 is among the oldest: on notices page-1 and the catalogues' page-1, not on the home page.
        let report = try await site.sync(put: [makeItem("a045", day: 45, title: "更正后的标题", revision: 2)])
        let touched = site.touchedFiles()
        let pages: Set = ["items/a045.html", "columns/notices/page-1.html", "catalogue/page-1.html",
                          "catalogue/columns/notices/page-1.html", "catalogue/years/2014/page-1.html", "sitemap.xml"]
        // The search index: only the shards of the terms that came or went, and its record file.
        let changedTerms = Set(SearchIndex.terms("关于a045的公告")).symmetricDifference(SearchIndex.terms("更正后的标题"))
        let docs = SearchIndex.DocNumbers(bytes: Array(try site.read(SearchIndex.docsPath).utf8))!
        let search = Set(changedTerms.map { SearchIndex.shardPath(SearchIndex.shard(of: $0)) })
            .union([SearchIndex.recordPath(docs.byID["a045"]! / SearchIndex.group)])
        #expect(Set(report.written) == pages.union(search))
        #expect(touched == pages.union(search).union([".pubsync-manifest", SearchIndex.docsPath]))
        #expect(try site.read("columns/notices/page-1.html").contains("更正后的标题"))
    }

    @Test("changing a new item also rewrites the home page that shows it")
    func homeChange() async throws {
        let site = try await seeded()
        defer { site.removeAll() }
        let report = try await site.sync(put: [makeItem("a000", day: 0, title: "新标题", revision: 2)])
        // a000 is the newest: on the landing pages and the newest archive pages.
        #expect(Set(report.written.filter { !$0.hasPrefix("search/") }) == ["items/a000.html", "columns/notices/index.html", "columns/notices/page-3.html",
                                        "catalogue/index.html", "catalogue/page-3.html", "catalogue/columns/notices/index.html",
                                        "catalogue/columns/notices/page-3.html", "catalogue/years/2014/index.html",
                                        "catalogue/years/2014/page-3.html", "index.html", "sitemap.xml"])
    }

    @Test("a changed template republishes every page")
    func templateChange() async throws {
        let site = try await seeded()
        defer { site.removeAll() }
        let folder = site.directory.appendingPathComponent("templates")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try DefaultTemplates.footer.replacingOccurrences(of: "<footer class=\"site-footer\">", with: "<footer class=\"site-footer\"><p>新页脚</p>")
            .write(to: folder.appendingPathComponent("footer.mustache"), atomically: true, encoding: .utf8)
        var changed = site
        changed.config.templatesDirectory = folder
        let old = try site.adapter(), new = try changed.adapter()
        #expect(old.fingerprint != new.fingerprint)
        // The engine republishes every item when the fingerprint changes.
        let all = (0..<50).map { makeItem(String(format: "a%03d", $0), day: $0) }
            + (0..<10).map { makeItem(String(format: "p%03d", $0), category: "政策文件", day: $0) }
        let report = try await changed.sync(put: all, adapter: new)
        // Every page but the sitemap and the search data, which do not depend on the templates.
        let data = ["search/t/", "search/r/", SearchIndex.layoutPath, SearchScript.path]
        #expect(Set(report.written) == Set(site.files().filter { file in
            !file.hasPrefix(".") && file != "sitemap.xml" && !data.contains { file.hasPrefix($0) }
        }))
        #expect(try site.read("columns/notices/page-1.html").contains("新页脚"))
    }
}
