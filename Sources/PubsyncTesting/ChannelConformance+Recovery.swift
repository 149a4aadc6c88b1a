import ChannelSupport
import Foundation
import PubsyncCore
import Testing

/// The recovery checks of the conformance suite: a flush whose outcome the ledger never
/// recorded (the run was killed between the two) is put right by the next run, and a listing
/// that fails throws, never "empty". The kill itself, through the real binary, is in
/// `EndToEndTests` (`KillTests` for a feed, `AttachmentFlowTests.killAndResume` for the site).
extension ChannelConformance {
    /// Each run flushes and is "killed" before the ledger write; the next run (a fresh adapter,
    /// the ledger as it was) repeats the operation, which leaves exactly what it should.
    func checkUnrecordedFlush(ledger: ArrayLiveItems, context: SessionContext, at sourceLocation: Testing.SourceLocation) async throws {
        let first = SampleItems.item("conf-k", day: 9)
        let update = SampleItems.item("conf-k", revision: 2, title: "更新后的标题", day: 9)
        func flushed(put item: PublishedItem? = nil, remove id: String? = nil) async throws {
            let session = try await makeAdapter().openSession(context)
            if let item { _ = try await session.put(item) }
            if let id { try await session.remove(id: id, reason: .retracted) }
            try await session.flush()
        }
        for item in [first, update] {
            try await flushed(put: item)          // killed before the ledger write
            try await flushed(put: item)          // the next run puts it again
            ledger.recordPut(item)
            let listed = try await makeAdapter().inventory().filter { $0.id == item.id }
            #expect(listed.count == 1 && listed.first?.revision == item.revision && listed.first?.contentHash == item.contentHash,
                    "a put repeated after an unrecorded flush leaves one copy at revision \(item.revision): \(listed)",
                    sourceLocation: sourceLocation)
        }
        try await flushed(remove: update.id)       // killed before the ledger write
        #expect(try await makeAdapter().inventory().allSatisfy { $0.id != update.id }, "the flushed removal is on the channel",
                sourceLocation: sourceLocation)
        try await flushed(remove: update.id)       // the next run removes it again: absent is fine
        ledger.recordRemove(update.id)
        #expect(try await makeAdapter().inventory().allSatisfy { $0.id != update.id }, sourceLocation: sourceLocation)
    }

    /// The output folder is broken three ways; each time the listing (and the foreign-file
    /// listing) throws `.inventory` instead of returning "empty"; mended, it lists as before.
    func checkBrokenFolder(_ layout: FolderLayout, at sourceLocation: Testing.SourceLocation) async throws {
        let folder = layout.url
        let manifest = folder.appendingPathComponent(OutputManifest.fileName)
        let saved = try #require(FileManager.default.contents(atPath: manifest.path), "a flush wrote the manifest",
                                 sourceLocation: sourceLocation)
        let adapter = try makeAdapter()
        let before = Set(try await adapter.inventory())
        #expect(!before.isEmpty, "the destination lists what the suite published", sourceLocation: sourceLocation)

        try Data("not a pubsync manifest\n".utf8).write(to: manifest)
        await expectListingFails(adapter, "with a corrupt manifest", at: sourceLocation)
        try FileManager.default.removeItem(at: manifest)
        try FileManager.default.createDirectory(at: manifest, withIntermediateDirectories: false)
        await expectListingFails(adapter, "with a manifest that cannot be read (a folder in its place)", at: sourceLocation)
        try FileManager.default.removeItem(at: manifest)
        try saved.write(to: manifest)

        let moved = folder.deletingLastPathComponent().appendingPathComponent(folder.lastPathComponent + ".moved")
        try FileManager.default.moveItem(at: folder, to: moved)
        try Data("a file where the output folder was\n".utf8).write(to: folder)
        await expectListingFails(adapter, "with a file in place of the output folder", at: sourceLocation)
        try FileManager.default.removeItem(at: folder)
        try FileManager.default.moveItem(at: moved, to: folder)

        #expect(Set(try await makeAdapter().inventory()) == before, "mended, the folder lists as before", sourceLocation: sourceLocation)
    }

    /// An adapter whose destination fails to list (a portal answering 500) throws.
    func checkFailingAdapter(_ make: @Sendable () throws -> any ChannelAdapter, at sourceLocation: Testing.SourceLocation) async throws {
        await expectListingFails(try make(), "when its destination fails", at: sourceLocation)
    }

    /// The adapter's listings throw a `.inventory` error.
    func expectListingFails(_ adapter: any ChannelAdapter, _ situation: String, at sourceLocation: Testing.SourceLocation) async {
        var listings: [(String, () async throws -> Int)] = [("inventory", { try await adapter.inventory().count })]
        if let reporting = adapter as? any ForeignFileReporting {
            listings.append(("the foreign-file listing", { try await reporting.foreignFiles().count }))
        }
        for (name, listing) in listings {
            do {
                let count = try await listing()
                Issue.record("\(name) \(situation) returned \(count) entries; a failed listing must throw", sourceLocation: sourceLocation)
            } catch let error as PubsyncError {
                #expect(error.code == .inventory, "\(name) \(situation) throws .inventory: \(error)", sourceLocation: sourceLocation)
            } catch {
                Issue.record("\(name) \(situation) threw \(error), not a PubsyncError", sourceLocation: sourceLocation)
            }
        }
    }
}
