import Foundation
import Logging
import PubsyncCore
import Testing

/// The shared conformance suite every channel adapter's tests call: the error contract of
/// `ChannelAdapter` (idempotent puts, removing an absent item succeeds, updates replace,
/// inventory reports what was put with its revision and hash, a fresh adapter over the same
/// place sees the same, the fingerprint is stable); for channels that write files, that a file
/// pubsync did not create and a symlink are never touched (`ChannelConformance+Files.swift`);
/// that a failed listing throws and that a flush whose outcome was never recorded (a kill
/// between the flush and the ledger write) is recovered (`ChannelConformance+Recovery.swift`).
///
/// The destination must start empty. A check that cannot apply to a channel is skipped with
/// the reason the caller states, printed and returned by `run()`.
public struct ChannelConformance: Sendable {
    /// Builds a fresh adapter over the same destination each time it is called.
    public let makeAdapter: @Sendable () throws -> any ChannelAdapter
    /// Whether the channel shows only a window (inventory may omit old items).
    public let windowed: Bool
    /// Where the channel's output lives.
    public let output: Output
    /// How the suite makes the channel's listing fail.
    public let failingListing: FailingListing

    /// Where a channel's output lives, for the checks on files pubsync did not create.
    public enum Output: Sendable {
        /// A folder of files on disk (site, feeds).
        case folder(FolderLayout)
        /// No folder (a remote portal, memory): the file checks are skipped for this reason.
        case none(reason: String)
    }

    /// The layout of a file channel's output folder.
    public struct FolderLayout: Sendable {
        /// The output folder.
        public var url: URL
        /// A subfolder a put writes its item's file into (the site's `items`); nil when the
        /// channel writes no subfolder (the symlinked-subfolder check is then skipped).
        public var subfolder: String?
        /// The output paths, relative to the folder, that a put of the item writes (the site:
        /// `items/ID.html`; a feed: `rss.xml`, `atom.xml`, `feed.json`).
        public var paths: @Sendable (String) -> [String]

        /// Creates a layout.
        public init(url: URL, subfolder: String? = nil, paths: @escaping @Sendable (String) -> [String]) {
            self.url = url
            self.subfolder = subfolder
            self.paths = paths
        }
    }

    /// How the suite makes a listing fail.
    public enum FailingListing: Sendable {
        /// The suite breaks the output folder (needs `Output.folder`): a corrupt manifest, a
        /// manifest that cannot be read, the folder replaced by a file.
        case brokenFolder
        /// An adapter over a destination whose listing fails (a portal answering 500).
        case adapter(@Sendable () throws -> any ChannelAdapter)
    }

    /// A check the suite did not run on this channel, and why.
    public struct Skipped: Sendable, Equatable {
        /// The check.
        public var check: String
        /// Why it cannot apply.
        public var reason: String
    }

    /// Creates the suite for an adapter factory over a destination that starts empty.
    public init(windowed: Bool = false, output: Output, failingListing: FailingListing = .brokenFolder,
                makeAdapter: @escaping @Sendable () throws -> any ChannelAdapter) {
        self.makeAdapter = makeAdapter
        self.windowed = windowed
        self.output = output
        self.failingListing = failingListing
    }

    /// Runs every check, recording issues with Swift Testing; returns (and prints) the checks
    /// skipped, with their reasons.
    @discardableResult
    public func run(sourceLocation: Testing.SourceLocation = #_sourceLocation) async throws -> [Skipped] {
        let ledger = ArrayLiveItems()
        let context = SessionContext(now: Date(timeIntervalSince1970: 1_403_100_000), timeZone: TimeZone(identifier: "Asia/Shanghai")!,
                                     logger: Logger(label: "conformance"), live: ledger)
        var skipped: [Skipped] = []
        switch output {
        case .folder(let layout):
            if let subfolder = layout.subfolder {
                try await checkSymlinkedSubfolder(subfolder, layout: layout, ledger: ledger, context: context, at: sourceLocation)
            } else {
                skipped.append(Skipped(check: "a symlinked subfolder is never followed", reason: "the channel writes no subfolder"))
            }
            try await checkForeignFiles(layout, ledger: ledger, context: context, at: sourceLocation)
        case .none(let reason):
            skipped.append(Skipped(check: "files pubsync did not create and symlinks are never touched", reason: reason))
        }
        try await checkContract(ledger: ledger, context: context, at: sourceLocation)
        try await checkUnrecordedFlush(ledger: ledger, context: context, at: sourceLocation)
        switch (failingListing, output) {
        case (.brokenFolder, .folder(let layout)):
            try await checkBrokenFolder(layout, at: sourceLocation)
        case (.brokenFolder, .none(let reason)):
            Issue.record("a channel without an output folder (\(reason)) must supply an adapter whose listing fails", sourceLocation: sourceLocation)
        case (.adapter(let make), _):
            try await checkFailingAdapter(make, at: sourceLocation)
        }
        for skip in skipped {
            FileHandle.standardError.write(Data("conformance: skipped '\(skip.check)': \(skip.reason)\n".utf8))
        }
        return skipped
    }

    /// The contract every adapter keeps: puts, repeats, updates, removes, fresh adapters.
    func checkContract(ledger: ArrayLiveItems, context: SessionContext, at sourceLocation: Testing.SourceLocation) async throws {
        let adapter = try makeAdapter()
        let items = (1...3).map { SampleItems.item("conf-\($0)", day: 10 + $0) }

        // Puts are confirmed by flush and show up in the inventory with revision and hash.
        var session = try await adapter.openSession(context)
        for item in items { _ = try await session.put(item) }
        try await session.flush()
        items.forEach(ledger.recordPut)
        var inventory = try await Self.byID(adapter.inventory())
        for item in items {
            #expect(inventory[item.id]?.revision == 1, "put \(item.id) is listed at revision 1", sourceLocation: sourceLocation)
            #expect(inventory[item.id]?.contentHash == item.contentHash, "put \(item.id) is listed with its hash", sourceLocation: sourceLocation)
        }

        // Putting the same item again is harmless: still one entry, same content.
        session = try await adapter.openSession(context)
        _ = try await session.put(items[0])
        try await session.flush()
        inventory = try await Self.byID(adapter.inventory())
        #expect(inventory.count == 3, "an idempotent put leaves one copy", sourceLocation: sourceLocation)

        // An update replaces the entry.
        let updated = SampleItems.item("conf-2", revision: 2, title: "更新后的标题", day: 12)
        session = try await adapter.openSession(context)
        _ = try await session.put(updated)
        try await session.flush()
        ledger.recordPut(updated)
        inventory = try await Self.byID(adapter.inventory())
        #expect(inventory["conf-2"]?.revision == 2, "an update is listed at its new revision", sourceLocation: sourceLocation)
        #expect(inventory["conf-2"]?.contentHash == updated.contentHash, sourceLocation: sourceLocation)

        // Removing an item takes it off; removing an absent one succeeds.
        session = try await adapter.openSession(context)
        try await session.remove(id: "conf-1", reason: .retracted)
        try await session.remove(id: "never-there", reason: .unrouted)
        try await session.flush()
        ledger.recordRemove("conf-1")
        inventory = try await Self.byID(adapter.inventory())
        #expect(inventory["conf-1"] == nil, "a removed item is gone", sourceLocation: sourceLocation)
        #expect(inventory["never-there"] == nil, sourceLocation: sourceLocation)
        #expect(inventory["conf-3"] != nil || windowed, "other items stay", sourceLocation: sourceLocation)

        // A fresh adapter over the same destination sees the same, with the same fingerprint.
        let fresh = try makeAdapter()
        #expect(fresh.fingerprint == adapter.fingerprint, "the fingerprint is stable for the same config", sourceLocation: sourceLocation)
        let again = try await Self.byID(fresh.inventory())
        #expect(Set(again.keys) == Set(inventory.keys), "a fresh adapter lists the same entries", sourceLocation: sourceLocation)

        // A session with nothing to do changes nothing.
        session = try await fresh.openSession(context)
        try await session.flush()
        #expect(Set(try await Self.byID(fresh.inventory()).keys) == Set(inventory.keys), sourceLocation: sourceLocation)
    }

    static func byID(_ entries: [LiveEntry]) -> [String: LiveEntry] {
        var result: [String: LiveEntry] = [:]
        for entry in entries { result[entry.id] = entry }
        return result
    }
}
