import Foundation
import PubsyncTesting
import Testing

/// "An adapter never touches what it did not create", through the binary.
@Suite("Files pubsync did not create in a site or feed output folder are never touched (real binary)")
struct ForeignFileTests {
    @Test("a pre-existing rss.xml and a symlink atom.xml survive sync and retract; reconcile lists them as foreign")
    func foreignFeedFiles() throws {
        var demo = try DemoDeployment()
        defer { demo.portal?.stop(); demo.portal = nil }
        let folder = demo.workspace.directory.path("out/feeds/weibo")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let theirs = "<rss version=\"2.0\"><channel><title>their own feed</title></channel></rss>\n"
        try theirs.write(toFile: folder + "/rss.xml", atomically: true, encoding: .utf8)
        let outside = demo.workspace.directory.path("outside-atom.xml")
        try "outside".write(toFile: outside, atomically: true, encoding: .utf8)
        try FileManager.default.createSymbolicLink(atPath: folder + "/atom.xml", withDestinationPath: outside)

        #expect(try demo.run("import", demo.seed("items")).status == 0)
        let sync = try demo.run("sync")
        #expect(sync.status == 1, "the feed channel fails: \(sync.stderr)")
        #expect(sync.stderr.contains("rss.xml") && sync.stderr.contains("not created by pubsync"), "\(sync.stderr)")
        let retract = try demo.run("retract", "zbjt-2014-0077", "--reason", "含个人信息", "--by", "信息公开科")
        #expect(retract.status == 1, "\(retract.stderr)")

        #expect(try String(contentsOfFile: folder + "/rss.xml", encoding: .utf8) == theirs)
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: folder + "/atom.xml") == outside)
        #expect(try String(contentsOfFile: outside, encoding: .utf8) == "outside")
        #expect(!FileManager.default.fileExists(atPath: folder + "/feed.json"), "nothing half-written")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).allSatisfy { !$0.hasSuffix(".pubsync-tmp") })

        let reconcile = try demo.run("reconcile", "--channel", "weibo", "--json")
        let channel = (try reconcile.json()["channels"] as? [[String: Any]])?.first
        #expect(Set(channel?["foreign"] as? [String] ?? []) == ["file:rss.xml", "file:atom.xml"], "\(reconcile.stdout)")
        #expect(try String(contentsOfFile: folder + "/rss.xml", encoding: .utf8) == theirs)
    }

    @Test("a pre-existing item page and a symlink sitemap.xml in the site's folder survive sync and retract; reconcile lists them as foreign")
    func foreignSiteFiles() throws {
        let workspace = try Workspace(config: AttachmentFlowTests.siteConfig(store: "pubsync.db"))
        let site = workspace.directory.path("out/site")
        try FileManager.default.createDirectory(atPath: site + "/items", withIntermediateDirectories: true)
        let theirs = "<p>a page the bureau wrote by hand</p>\n"
        try theirs.write(toFile: site + "/items/n-1.html", atomically: true, encoding: .utf8)
        let outside = workspace.directory.path("outside-sitemap.xml")
        try "outside".write(toFile: outside, atomically: true, encoding: .utf8)
        try FileManager.default.createSymbolicLink(atPath: site + "/sitemap.xml", withDestinationPath: outside)
        for n in 1...2 {
            try workspace.directory.write("items/n-\(n).md", workspace.item("n-\(n)", published: "2014-06-1\(n)",
                                                                          extra: "status: approved\nreviewer: 信息公开科\n"))
        }
        #expect(try workspace.pubsync("import", "items").status == 0)

        let sync = try workspace.pubsync("sync")
        #expect(sync.status == 1, "the site channel fails: \(sync.stderr)")
        #expect(sync.stderr.contains("items/n-1.html") && sync.stderr.contains("not written by pubsync"), "\(sync.stderr)")
        let retract = try workspace.pubsync("retract", "n-1", "--reason", "含个人信息", "--by", "信息公开科")
        #expect(retract.status == 1, "\(retract.stderr)")

        #expect(try String(contentsOfFile: site + "/items/n-1.html", encoding: .utf8) == theirs)
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: site + "/sitemap.xml") == outside)
        #expect(try String(contentsOfFile: outside, encoding: .utf8) == "outside")
        let all = try FileManager.default.subpathsOfDirectory(atPath: site)
        #expect(all.allSatisfy { !$0.hasSuffix(".pubsync-tmp") }, "nothing half-written: \(all)")

        let reconcile = try workspace.pubsync("reconcile", "--json")
        let channel = (try reconcile.json()["channels"] as? [[String: Any]])?.first
        #expect(Set(channel?["foreign"] as? [String] ?? []) == ["file:items/n-1.html", "file:sitemap.xml"], "\(reconcile.stdout)")
        #expect(try String(contentsOfFile: site + "/items/n-1.html", encoding: .utf8) == theirs)
    }
}
