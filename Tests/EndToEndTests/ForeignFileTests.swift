import Foundation
import PubsyncTesting
import Testing

/// "An adapter never touches what it did not create", through the binary.
@Suite("Files pubsync did not create in a feed's output folder are never touched")
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
}
