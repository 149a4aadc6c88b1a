import Feeds
import Foundation
import PubsyncCore
import Testing

/// `inventory()` reads the files back, so reconcile can tell a hand-edited or truncated feed.
@Suite struct InventoryTests {
    static let items = (1...5).map { makeItem("item-\($0)", day: $0, revision: $0) }

    func published(maxItems: Int = 50, formats: [FeedFormat] = FeedFormat.allCases) async throws -> FeedHarness {
        let harness = FeedHarness(maxItems: maxItems, formats: formats)
        try await harness.sync(put: Self.items)
        return harness
    }

    func byID(_ entries: [LiveEntry]) -> [String: LiveEntry] {
        Dictionary(uniqueKeysWithValues: entries.map { ($0.id, $0) })
    }

    @Test func reportsTheWindowWithRevisionAndHash() async throws {
        let harness = try await published(maxItems: 4)
        let entries = try await harness.channel.inventory()
        #expect(entries == (2...5).map { LiveEntry(id: "item-\($0)", revision: $0, contentHash: "hash-item-\($0)-\($0)") })
    }

    @Test func aHandTruncatedFileShowsItsLostEntriesAsStale() async throws {
        let harness = try await published()
        // Keep only the first two <item> blocks of rss.xml, as someone trimming it by hand would.
        let text = try harness.text(.rss)
        let blocks = text.components(separatedBy: "<item>")
        let kept = blocks[0] + blocks[1...2].map { "<item>" + $0 }.joined()
        let closed = kept.components(separatedBy: "</item>").dropLast().joined(separator: "</item>") + "</item>\n  </channel>\n</rss>\n"
        try Data(closed.utf8).write(to: harness.file(.rss))

        let entries = byID(try await harness.channel.inventory())
        #expect(entries.count == 5)
        #expect(entries["item-5"]?.contentHash == "hash-item-5-5")
        #expect(entries["item-4"]?.contentHash == "hash-item-4-4")
        for lost in 1...3 { #expect(entries["item-\(lost)"]?.contentHash == "inconsistent:rss.xml") }
    }

    @Test func aHandEditedEntryReportsAChangedHash() async throws {
        let harness = try await published(formats: [.atom])
        let text = try harness.text(.atom).replacingOccurrences(of: "标题 item-3", with: "被改过的标题")
        try Data(text.utf8).write(to: harness.file(.atom))
        let entries = byID(try await harness.channel.inventory())
        #expect(entries["item-3"]?.revision == 3)
        #expect(entries["item-3"]?.contentHash?.hasPrefix("edited:") == true)
        #expect(entries["item-2"]?.contentHash == "hash-item-2-2")
    }

    @Test func aMissingFileShowsEveryEntryAsStale() async throws {
        let harness = try await published()
        try FileManager.default.removeItem(at: harness.file(.json))
        let entries = try await harness.channel.inventory()
        #expect(entries.count == 5)
        #expect(entries.allSatisfy { $0.contentHash == "inconsistent:feed.json" })
    }

    @Test func anUnparsableFileIsAnInventoryErrorNamingIt() async throws {
        let harness = try await published()
        let data = try Data(contentsOf: harness.file(.rss))
        try data.prefix(data.count / 2).write(to: harness.file(.rss))
        do {
            _ = try await harness.channel.inventory()
            Issue.record("inventory of a cut-off rss.xml returned a listing")
        } catch let error as PubsyncError {
            #expect(error.code == .inventory)
            #expect(error.message.contains("rss.xml"))
        }
        try Data("{\"items\": 3}".utf8).write(to: harness.file(.json))
        await #expect(throws: PubsyncError.self) { try await harness.channel.inventory() }
    }

    @Test("an atom.xml with an element name that is not UTF-8 is an inventory error, not a crash (found by Scripts/fuzz)")
    func aNameThatIsNotUTF8IsAnInventoryError() async throws {
        let harness = try await published()
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        // The fuzz target's first byte picks the file: "1" is atom.xml.
        let input = try Data(contentsOf: root.appendingPathComponent("Tests/Fuzz/Corpus/feed-reader/crash-xml-name-not-utf8.xml"))
        #expect(input.first == UInt8(ascii: "1"))
        for format in [FeedFormat.atom, .rss] {
            try input.dropFirst().write(to: harness.file(format))
            let error = await #expect(throws: PubsyncError.self) { try await harness.channel.inventory() }
            #expect(error?.code == .inventory)
            #expect(error?.message.contains("not UTF-8") == true)
        }
    }

    @Test("an rss.xml with a processing instruction without data is an inventory error, not a crash (found by Scripts/fuzz)")
    func anEmptyProcessingInstructionIsAnInventoryError() async throws {
        let harness = try await published()
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        // The fuzz target's first byte picks the file: "0" is rss.xml.
        let input = try Data(contentsOf: root.appendingPathComponent("Tests/Fuzz/Corpus/feed-reader/crash-empty-processing-instruction.xml"))
        #expect(input.first == UInt8(ascii: "0"))
        try input.dropFirst().write(to: harness.file(.rss))
        let error = await #expect(throws: PubsyncError.self) { try await harness.channel.inventory() }
        #expect(error?.message.contains("processing instruction") == true)
    }

    @Test("an atom.xml whose declared encoding fails to convert is an inventory error, not a crash (found by Scripts/fuzz when the parser stopped at its first error)")
    func anEncodingThatFailsIsAnInventoryError() async throws {
        let harness = try await published()
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        // The fuzz target's first byte picks the file: "1" is atom.xml. The file declares UTF-7.
        let input = try Data(contentsOf: root.appendingPathComponent("Tests/Fuzz/Corpus/feed-reader/crash-encoding-stop-in-error.xml"))
        #expect(input.first == UInt8(ascii: "1"))
        try input.dropFirst().write(to: harness.file(.atom))
        let error = await #expect(throws: PubsyncError.self) { try await harness.channel.inventory() }
        #expect(error?.code == .inventory)
    }

    @Test("an rss.xml with many XML errors names the line of the first (each error leaked in Foundation, and all were read: found by Scripts/fuzz as an out-of-memory stop)")
    func manyXMLErrorsStopAtTheFirst() async throws {
        let harness = try await published()
        let items = (0..<300).map { "<item><title>&undefined\($0);</title></item>" }.joined(separator: "\n")
        let text = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\"><channel>\n" + items + "\n</channel></rss>\n"
        try Data(text.utf8).write(to: harness.file(.rss))
        let error = await #expect(throws: PubsyncError.self) { try await harness.channel.inventory() }
        #expect(error?.code == .inventory)
        // Read on in libxml2's recovery mode, the parser ended at line 303 with its last error.
        #expect(error?.message.contains("not well-formed XML at line 3:") == true, "\(error?.message ?? "")")
    }

    @Test(arguments: ["</item>", "<channel>"])
    func aFileCutOffAtAnElementBoundaryIsAnInventoryError(cutAfter marker: String) async throws {
        // corelibs XMLParser reports success for these; inventory must not.
        let harness = try await published()
        let text = try harness.text(.rss)
        let end = try #require(text.range(of: marker)).upperBound
        try Data(text[..<end].utf8).write(to: harness.file(.rss))
        await #expect(throws: PubsyncError.self) { try await harness.channel.inventory() }
    }

    @Test func aFileOfTheWrongKindIsAnInventoryError() async throws {
        let harness = try await published()
        try Data("<html><body>not a feed</body></html>".utf8).write(to: harness.file(.atom))
        await #expect(throws: PubsyncError.self) { try await harness.channel.inventory() }
    }

    @Test func anEntryAddedByHandIsListedWithoutAHash() async throws {
        let harness = try await published(formats: [.json])
        var text = try harness.text(.json)
        let foreign = "{\"id\": \"tag:jtj.example.gov.cn,2014:items/hand-made\", \"content_text\": \"x\"},\n"
        text = text.replacingOccurrences(of: "\"items\" : [\n", with: "\"items\" : [\n" + foreign)
        try Data(text.utf8).write(to: harness.file(.json))
        let entries = byID(try await harness.channel.inventory())
        #expect(entries["hand-made"] == LiveEntry(id: "hand-made", revision: nil, contentHash: nil))
        #expect(entries.count == 6)
    }

    @Test func anEmptyChannelListsNothing() async throws {
        let harness = FeedHarness()
        #expect(try await harness.channel.inventory().isEmpty)   // no folder yet
        try await harness.sync()
        #expect(try await harness.channel.inventory().isEmpty)   // empty feeds
        #expect(FileManager.default.fileExists(atPath: harness.file(.atom).path))
    }

    @Test func aFullRepairSessionRewritesDamagedFiles() async throws {
        let harness = try await published()
        try Data("garbage".utf8).write(to: harness.file(.rss))
        // Any session's flush renders the whole window again, so one put restores the files.
        try await harness.sync(put: [Self.items[0]])
        let entries = try await harness.channel.inventory()
        #expect(entries.count == 5)
        #expect(entries.allSatisfy { $0.contentHash?.hasPrefix("hash-") == true })
    }
}
