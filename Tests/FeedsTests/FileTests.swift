import Feeds
import Foundation
import PubsyncCore
import Testing

/// Files are replaced atomically, only when their bytes change, and nothing else is touched.
@Suite struct FileTests {
    @Test func unchangedFilesKeepTheirModificationTime() async throws {
        let harness = FeedHarness()
        try await harness.sync(put: [makeItem("a", day: 1), makeItem("b", day: 2)])
        let past = Date(timeIntervalSince1970: 1_000_000_000)
        let names = FeedFormat.allCases.map(\.fileName) + [".pubsync-feed-state.json"]
        for name in names { try setMtime(harness.folder.file(name), past) }
        let before = try names.map { try Data(contentsOf: harness.folder.file($0)) }

        try await harness.sync(put: [makeItem("a", day: 1)])   // same revision again
        try await harness.sync(now: day0.addingTimeInterval(86_400))   // another day, nothing to do
        for name in names { #expect(try mtime(harness.folder.file(name)) == past, "\(name)") }
        #expect(try names.map { try Data(contentsOf: harness.folder.file($0)) } == before)

        try await harness.sync(put: [makeItem("b", day: 2, revision: 2)])
        for format in FeedFormat.allCases { #expect(try mtime(harness.file(format)) > past, "\(format)") }
    }

    @Test func otherFilesInTheFolderAreLeftAlone() async throws {
        let harness = FeedHarness()
        let folder = harness.folder
        try FileManager.default.createDirectory(at: folder.file("images"), withIntermediateDirectories: true)
        try Data("site page".utf8).write(to: folder.file("index.html"))
        try Data("logo".utf8).write(to: folder.file("images/logo.png"))
        try Data("old".utf8).write(to: folder.file("rss.xml.bak"))
        let past = Date(timeIntervalSince1970: 1_000_000_000)
        for name in ["index.html", "images/logo.png", "rss.xml.bak"] { try setMtime(folder.file(name), past) }

        try await harness.sync(put: [makeItem("a"), makeItem("b", day: 3)])
        try await harness.sync(remove: [("a", .retracted)])

        #expect(try folder.text("index.html") == "site page")
        #expect(try folder.text("images/logo.png") == "logo")
        #expect(try folder.text("rss.xml.bak") == "old")
        for name in ["index.html", "images/logo.png", "rss.xml.bak"] { #expect(try mtime(folder.file(name)) == past) }
        let names = Set(try FileManager.default.contentsOfDirectory(atPath: folder.url.path))
        #expect(names == ["index.html", "images", "rss.xml.bak", "rss.xml", "atom.xml", "feed.json", ".pubsync-feed-state.json", ".pubsync-manifest"])
    }

    @Test func onlyTheConfiguredFormatsAreWrittenAndADroppedOneIsDeleted() async throws {
        let harness = FeedHarness(formats: [.atom, .json])
        try await harness.sync(put: [makeItem("a")])
        #expect(!FileManager.default.fileExists(atPath: harness.file(.rss).path))
        #expect(FileManager.default.fileExists(atPath: harness.file(.json).path))

        // The json format is dropped from the config: its stale file (with the item) must go.
        harness.config.formats = [.atom]
        try await harness.sync(remove: [("a", .retracted)])
        #expect(!FileManager.default.fileExists(atPath: harness.file(.json).path))
        #expect(try harness.text(.atom).contains("deleted-entry"))
    }

    @Test func theOutputFolderIsCreatedWhenMissing() async throws {
        let harness = FeedHarness()
        harness.config.output = harness.folder.url.appendingPathComponent("out/feeds/weibo")
        try await harness.sync(put: [makeItem("a")])
        #expect(FileManager.default.fileExists(atPath: harness.config.output.appendingPathComponent("atom.xml").path))
    }

    @Test func aDamagedStateFileDoesNotBlockARetraction() async throws {
        let harness = FeedHarness()
        try await harness.sync(put: [makeItem("a"), makeItem("b", day: 2)])
        try Data("{ not json".utf8).write(to: harness.folder.file(".pubsync-feed-state.json"))
        try await harness.sync(remove: [("b", .retracted)])
        #expect(try shownIDs(harness).rss == ["tag:jtj.example.gov.cn,2014:items/a"])
        #expect(try harness.text(.atom).contains("deleted-entry"))
    }

    @Test func aFlushThatCannotWriteThrowsAChannelError() async throws {
        let harness = FeedHarness()
        try Data("a file, not a folder".utf8).write(to: harness.folder.file("blocker"))
        harness.config.output = harness.folder.file("blocker/feeds")
        await #expect(throws: PubsyncError.self) { try await harness.sync(put: [makeItem("a")]) }
        #expect(harness.ledger.isEmpty)   // the engine records nothing when flush throws
    }
}
