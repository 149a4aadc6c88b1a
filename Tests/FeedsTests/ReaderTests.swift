import Feeds
import Foundation
import PubsyncCore
import Testing

/// Real feed readers accept the files: feedparser (RSS, Atom) and a JSON Schema of JSON Feed 1.1,
/// through Scripts/check-feeds.sh. Runs where python3 has feedparser and jsonschema.
@Suite struct ReaderTests {
    static let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Scripts/check-feeds.sh")

    static var readersInstalled: Bool {
        (try? run("/usr/bin/env", ["python3", "-c", "import feedparser, jsonschema"]).status) == 0
    }

    static func run(_ tool: String, _ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: output, as: UTF8.self))
    }

    @Test(.enabled(if: readersInstalled)) func feedparserAndTheJSONFeedSchemaAcceptTheFiles() async throws {
        let harness = FeedHarness(maxItems: 50, textLimit: 20)
        var items = (1...60).map { makeItem("item-\($0)", day: $0, summary: String(repeating: "公交线路调整 bus ", count: 5)) }
        items[59].title = EscapingTests.nasty
        try await harness.sync(put: items)
        try await harness.sync(now: day0.addingTimeInterval(60), remove: [("item-58", .retracted)])
        let result = try Self.run("/bin/bash", [Self.script.path, harness.folder.url.path, "50"])
        #expect(result.status == 0, "\(result.output)")
    }

    @Test(.enabled(if: readersInstalled)) func theCheckerCatchesABrokenFeed() async throws {
        let harness = FeedHarness()
        try await harness.sync(put: [makeItem("a")])
        try Data(try harness.text(.rss).replacingOccurrences(of: "</title>", with: "</titel>").utf8).write(to: harness.file(.rss))
        let result = try Self.run("/bin/bash", [Self.script.path, harness.folder.url.path])
        #expect(result.status == 1)
        #expect(result.output.contains("rss.xml"))
    }
}
