import ChannelSupport
import Foundation
import PubsyncCore
import Testing

/// The file checks of the conformance suite: "an adapter never touches what it did not
/// create". A file at an output path that pubsync did not create survives a sync and a
/// retraction, and is listed as foreign; a sync that would write there fails with an error
/// naming the path; a symlink (to a file or a folder outside) is never followed.
extension ChannelConformance {
    /// What one session's puts and removes came to.
    struct Outcome {
        /// Item id → the error its put or remove threw.
        var failures: [String: String] = [:]
        /// The error the flush threw, if it did.
        var flushError: String?

        /// Whether the operation on `id` failed (or the flush after it) with an error naming `path`.
        func failed(_ id: String, naming path: String) -> Bool {
            if let error = failures[id] { return error.contains(path) }
            return flushError?.contains(path) == true
        }
    }

    /// Runs one session of puts and retractions and records the confirmed ones in the ledger.
    func attempt(_ adapter: any ChannelAdapter, _ context: SessionContext, ledger: ArrayLiveItems,
                 puts: [PublishedItem] = [], retract: [String] = []) async throws -> Outcome {
        var outcome = Outcome()
        let session = try await adapter.openSession(context)
        var put: [PublishedItem] = []
        var removed: [String] = []
        for item in puts {
            do { _ = try await session.put(item); put.append(item) } catch { outcome.failures[item.id] = "\(error)" }
        }
        for id in retract {
            do { try await session.remove(id: id, reason: .retracted); removed.append(id) } catch { outcome.failures[id] = "\(error)" }
        }
        do {
            try await session.flush()
            put.forEach(ledger.recordPut)
            removed.forEach(ledger.recordRemove)
        } catch {
            outcome.flushError = "\(error)"
        }
        return outcome
    }

    /// A subfolder the channel writes into is a symlink to a folder outside: a put writes nothing
    /// through it and fails naming the subfolder; a retraction deletes nothing through it (a file
    /// where the item's file would go stays); the channel lists the subfolder as foreign.
    func checkSymlinkedSubfolder(_ subfolder: String, layout: FolderLayout, ledger: ArrayLiveItems, context: SessionContext,
                                 at sourceLocation: Testing.SourceLocation) async throws {
        let outside = TemporaryDirectory("conformance-outside")
        let link = layout.url.appendingPathComponent(subfolder).path
        try FileManager.default.createDirectory(at: layout.url, withIntermediateDirectories: true)
        guard (try? FileManager.default.attributesOfItem(atPath: link)) == nil else {
            Issue.record("the destination must start empty, but \(link) exists", sourceLocation: sourceLocation)
            return
        }
        let item = SampleItems.item("conf-d", day: 5)
        guard let path = layout.paths(item.id).first(where: { $0.hasPrefix(subfolder + "/") }) else {
            Issue.record("a put writes no file into the subfolder \(subfolder)", sourceLocation: sourceLocation)
            return
        }
        let bait = outside.url.appendingPathComponent(String(path.dropFirst(subfolder.count + 1)))
        let baitBytes = Data("outside the output folder\n".utf8)
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: outside.url.path)
        let adapter = try makeAdapter()
        let put = try await attempt(adapter, context, ledger: ledger, puts: [item])
        #expect(put.failed(item.id, naming: subfolder), "a put through the symlinked subfolder \(subfolder) fails naming it: \(put)",
                sourceLocation: sourceLocation)
        #expect(try FileManager.default.subpathsOfDirectory(atPath: outside.url.path).isEmpty,
                "a sync writes nothing through the symlinked subfolder \(subfolder)", sourceLocation: sourceLocation)
        try FileManager.default.createDirectory(at: bait.deletingLastPathComponent(), withIntermediateDirectories: true)
        try baitBytes.write(to: bait)
        _ = try await attempt(adapter, context, ledger: ledger, retract: [item.id])
        #expect((try? Data(contentsOf: bait)) == baitBytes, "a retraction deletes nothing through the symlinked subfolder \(subfolder)",
                sourceLocation: sourceLocation)
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link) == outside.url.path, sourceLocation: sourceLocation)
        #expect(try await adapter.inventory().allSatisfy { $0.id != item.id }, sourceLocation: sourceLocation)
        try await expectForeign([subfolder], adapter, at: sourceLocation)
        try FileManager.default.removeItem(atPath: link)
        ledger.recordRemove(item.id)
    }

    /// A file pubsync did not create at one item's output path and a symlink to a file outside
    /// at another's: both puts fail naming the path, the files survive the sync and a
    /// retraction byte for byte, the target outside is untouched, and both are listed as
    /// foreign. Nothing half-written is left.
    func checkForeignFiles(_ layout: FolderLayout, ledger: ArrayLiveItems, context: SessionContext,
                           at sourceLocation: Testing.SourceLocation) async throws {
        let foreignPath = layout.paths("conf-f")[0]
        let linkPaths = layout.paths("conf-s")
        let linkPath = linkPaths[min(1, linkPaths.count - 1)]
        let folder = layout.url
        let theirs = Data("<p>a page the bureau wrote by hand</p>\n".utf8)
        let foreignFile = folder.appendingPathComponent(foreignPath)
        try FileManager.default.createDirectory(at: foreignFile.deletingLastPathComponent(), withIntermediateDirectories: true)
        try theirs.write(to: foreignFile)
        let outside = TemporaryDirectory("conformance-outside")
        let target = outside.url.appendingPathComponent("target.xml")
        let targetBytes = Data("outside the output folder\n".utf8)
        try targetBytes.write(to: target)
        let link = folder.appendingPathComponent(linkPath)
        try FileManager.default.createDirectory(at: link.deletingLastPathComponent(), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: link.path, withDestinationPath: target.path)

        func untouched(_ moment: String) throws {
            #expect(try Data(contentsOf: foreignFile) == theirs, "\(foreignPath) is untouched after \(moment)", sourceLocation: sourceLocation)
            #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link.path) == target.path,
                    "the symlink \(linkPath) is untouched after \(moment)", sourceLocation: sourceLocation)
            #expect(try Data(contentsOf: target) == targetBytes, "the symlink's target is untouched after \(moment)", sourceLocation: sourceLocation)
            #expect(try Self.tempFiles(in: folder).isEmpty, "nothing half-written after \(moment)", sourceLocation: sourceLocation)
        }
        let adapter = try makeAdapter()
        let (foreign, linked, fine) = (SampleItems.item("conf-f", day: 6), SampleItems.item("conf-s", day: 7), SampleItems.item("conf-ok", day: 8))
        let sync = try await attempt(adapter, context, ledger: ledger, puts: [foreign, linked, fine])
        #expect(sync.failed(foreign.id, naming: foreignPath), "the put that would write \(foreignPath) fails naming it: \(sync)",
                sourceLocation: sourceLocation)
        #expect(sync.failed(linked.id, naming: linkPath), "the put that would write through \(linkPath) fails naming it: \(sync)",
                sourceLocation: sourceLocation)
        try untouched("a sync")
        let listed = try await Self.byID(adapter.inventory())
        #expect(listed[foreign.id] == nil && listed[linked.id] == nil, "what pubsync did not write is not listed as its own",
                sourceLocation: sourceLocation)
        if sync.flushError == nil && sync.failures[fine.id] == nil {
            #expect(listed[fine.id] != nil, "the other items are published", sourceLocation: sourceLocation)
        }
        try await expectForeign([foreignPath, linkPath], adapter, at: sourceLocation)

        _ = try await attempt(adapter, context, ledger: ledger, retract: [foreign.id, linked.id, fine.id])
        try untouched("a retraction")
        try await expectForeign([foreignPath, linkPath], adapter, at: sourceLocation)

        try FileManager.default.removeItem(at: foreignFile)
        try FileManager.default.removeItem(at: link)
        [foreign.id, linked.id, fine.id].forEach(ledger.recordRemove)
    }

    /// The channel lists `paths` among its foreign files (what reconcile shows as `file:PATH`).
    func expectForeign(_ paths: [String], _ adapter: any ChannelAdapter, at sourceLocation: Testing.SourceLocation) async throws {
        guard let reporting = adapter as? any ForeignFileReporting else {
            Issue.record("a channel that writes files must report the foreign ones (ForeignFileReporting) for reconcile",
                         sourceLocation: sourceLocation)
            return
        }
        let listed = try await reporting.foreignFiles()
        #expect(Set(paths).isSubset(of: Set(listed)), "\(paths) are listed as foreign: \(listed)", sourceLocation: sourceLocation)
    }

    /// The adapter's temp files anywhere under `folder` (symlinks are not followed).
    static func tempFiles(in folder: URL) throws -> [String] {
        guard let walker = FileManager.default.enumerator(atPath: folder.path) else { return [] }
        return walker.compactMap { $0 as? String }.filter { $0.hasSuffix(OutputFolder.tempSuffix) }
    }
}
