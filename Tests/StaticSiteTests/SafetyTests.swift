import ChannelSupport
import Foundation
import PubsyncCore
import Testing
@testable import StaticSite

/// Symlinks out of the folder and files pubsync did not create at an item's page are checked by
/// the shared conformance suite (`SharedConformanceTests`); these are the site's own cases.
@Suite("Safety: paths stay in the output folder; files the adapter did not create are left alone")
struct SafetyTests {
    @Test("a folder symlink that stays inside the output folder is fine")
    func symlinkInside() async throws {
        let site = try TestSite()
        defer { site.removeAll() }
        try FileManager.default.createDirectory(atPath: site.path("real-items"), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: site.path("items"), withDestinationPath: "real-items")
        try await site.sync(put: [makeItem("a1")])
        #expect(site.exists("real-items/a1.html"))
    }

    @Test("ids that are not safe slugs are refused", arguments: ["../escape", "a/b", "", ".hidden", "UPPER"])
    func unsafeIDs(id: String) async throws {
        let site = try TestSite()
        defer { site.removeAll() }
        let session = try site.adapter().openSiteSession(site.context())
        await #expect(throws: PubsyncError.self) { _ = try await session.put(makeItem(id)) }
        #expect(site.files().isEmpty)
    }

    @Test("the folder check rejects unsafe relative paths")
    func unsafePaths() throws {
        let site = try TestSite()
        defer { site.removeAll() }
        let folder = try OutputFolder(output: site.output, channel: "site")
        for path in ["../x.html", "/etc/passwd", "a/../../x", "a//b", ""] {
            #expect(throws: PubsyncError.self) { try folder.resolve(path, create: false) }
        }
    }

    @Test("foreign files (robots.txt, images, a search page) are never touched")
    func foreignFilesUntouched() async throws {
        let site = try TestSite()
        defer { site.removeAll() }
        try "User-agent: *\n".write(toFile: site.path("robots.txt"), atomically: true, encoding: .utf8)
        try FileManager.default.createDirectory(atPath: site.path("images"), withIntermediateDirectories: true)
        try "png".write(toFile: site.path("images/logo.png"), atomically: true, encoding: .utf8)
        try FileManager.default.createDirectory(atPath: site.path("items"), withIntermediateDirectories: true)
        try "mine".write(toFile: site.path("items/notes.txt"), atomically: true, encoding: .utf8)
        site.ageAllFiles()
        try await site.sync(put: (0..<25).map { makeItem("f\($0)", day: $0) })
        try await site.sync(put: [makeItem("f3", day: 3, revision: 2)], remove: (10..<25).map { "f\($0)" })
        try await site.sync(remove: (0..<10).map { "f\($0)" })
        let foreign: Set = ["robots.txt", "images/logo.png", "items/notes.txt"]
        #expect(foreign.isSubset(of: site.files()))
        #expect(site.touchedFiles().isDisjoint(with: foreign))
    }

    @Test("a foreign file where a page should go stops the flush instead of being overwritten")
    func foreignFileInTheWay() async throws {
        let site = try TestSite()
        defer { site.removeAll() }
        try "<p>our own home page</p>".write(toFile: site.path("index.html"), atomically: true, encoding: .utf8)
        await #expect(throws: PubsyncError.self) { try await site.sync(put: [makeItem("a1")]) }
        #expect(try site.read("index.html") == "<p>our own home page</p>")
        #expect(try await site.adapter().foreignFiles() == ["index.html"], "reconcile lists it as foreign")
    }
}
