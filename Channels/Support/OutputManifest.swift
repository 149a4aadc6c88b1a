import Foundation
import PubsyncCore

/// What the manifest records about a file that shows one item.
public struct ItemStamp: Sendable, Hashable {
    /// The item id.
    public var id: String
    /// The revision the file shows.
    public var revision: Int
    /// The item's content hash (what the engine gave), echoed by `inventory()`.
    public var contentHash: String {
        get { hash.text }
        set { hash = CompactHash(newValue) }
    }
    private var hash: CompactHash

    /// Appends the content hash's text to `out` (as `contentHash` reads, without making it).
    func appendContentHash(to out: inout [UInt8]) {
        switch hash {
        case .digest(let digest): digest.appendHex(to: &out)
        case .text(let text): out.append(contentsOf: text.utf8)
        }
    }

    /// Creates a stamp.
    public init(id: String, revision: Int, contentHash: String) {
        self.id = id
        self.revision = revision
        self.hash = CompactHash(contentHash)
    }

    /// A content hash as held in memory: a SHA-256 in lowercase hex (what the store gives) as
    /// its 32 bytes, anything else as text. A manifest of 100,000 items holds 100,000 of them.
    private enum CompactHash: Sendable, Hashable {
        case digest(Digest32)
        case text(String)

        init(_ text: String) {
            var text = text
            if let digest = text.withUTF8({ Digest32(hex: ArraySlice($0)) }) { self = .digest(digest) } else { self = .text(text) }
        }

        var text: String {
            switch self {
            case .digest(let digest): digest.description
            case .text(let text): text
            }
        }
    }
}

/// One file the adapter wrote.
public struct ManifestEntry: Sendable, Hashable {
    /// SHA-256 of the file's bytes as written; nil when unknown (a pending path).
    public var sha256: Digest32?
    /// For derived files (list pages): the digest of what the file shows, so a flush renders
    /// only files whose input changed.
    public var digest: Digest32?
    /// For item files: the item it shows.
    public var item: ItemStamp?

    /// Creates an entry.
    public init(sha256: Digest32?, digest: Digest32? = nil, item: ItemStamp? = nil) {
        self.sha256 = sha256
        self.digest = digest
        self.item = item
    }
}

/// What pubsync owns in an output folder (`.pubsync-manifest`): every file a channel created
/// there, one line per file: `path TAB sha256 TAB digest TAB id TAB revision TAB content-hash`
/// (`-` for none). A file that is not listed (nor announced as pending) is foreign: never
/// overwritten or deleted. A plain line format, because at 50,000 items it is rewritten on
/// every changing flush and must be quick to write and read.
public struct OutputManifest: Sendable {
    /// The manifest's file name in the output folder.
    public static let fileName = ".pubsync-manifest"
    /// Paths about to be created by a flush that has not yet written its manifest.
    public static let pendingFileName = ".pubsync-pending"

    /// Relative path → what was written there.
    public var entries: [String: ManifestEntry] = [:]

    static let header = "# pubsync output manifest v1"
    /// The first line of manifests written before the site and feeds shared the format.
    static let legacyHeader = "# pubsync static-site manifest v1"

    /// Parses a manifest; a malformed one throws, naming the file and line. Reads bytes
    /// directly: at 50,000 pages this runs at the start of every session.
    public init(bytes: [UInt8], file: String, channel: String) throws {
        guard let header = [Self.header, Self.legacyHeader].map({ Array($0.utf8) }).first(where: { header in
            bytes.count > header.count && Array(bytes[0..<header.count]) == header && bytes[header.count] == 10
        }) else {
            throw PubsyncError(.inventory, "the manifest \(file) is not a pubsync output manifest (bad first line)", channel: channel)
        }
        var start = header.count + 1
        var number = 1
        entries.reserveCapacity(bytes.reduce(0) { $1 == 10 ? $0 + 1 : $0 })
        var fields: [ArraySlice<UInt8>] = []
        fields.reserveCapacity(6)
        while start < bytes.count {
            number += 1
            let end = bytes[start...].firstIndex(of: 10) ?? bytes.count
            func bad(_ why: String) -> PubsyncError {
                PubsyncError(.inventory, "the manifest \(file) is corrupt at line \(number): \(why)", channel: channel)
            }
            fields.removeAll(keepingCapacity: true)
            var fieldStart = start
            for i in start..<end where bytes[i] == 9 {
                fields.append(bytes[fieldStart..<i])
                fieldStart = i + 1
            }
            fields.append(bytes[fieldStart..<end])
            guard fields.count == 6 else { throw bad("expected 6 fields, found \(fields.count)") }
            func text(_ n: Int) -> String { String(decoding: fields[n], as: UTF8.self) }
            func none(_ n: Int) -> Bool { fields[n].count == 1 && fields[n].first == UInt8(ascii: "-") }
            let path = text(0)
            guard OutputFolder.isSafeRelative(path) else { throw bad("unsafe path \(path)") }
            var entry = ManifestEntry(sha256: nil)
            if !none(1) {
                guard let sha = Digest32(hex: fields[1]) else { throw bad("bad SHA-256 \(text(1))") }
                entry.sha256 = sha
            }
            if !none(2) {
                guard let digest = Digest32(hex: fields[2]) else { throw bad("bad digest \(text(2))") }
                entry.digest = digest
            }
            if !none(3) {
                guard let revision = Int(text(4)) else { throw bad("bad revision \(text(4))") }
                entry.item = ItemStamp(id: text(3), revision: revision, contentHash: text(5))
            }
            entries[path] = entry
            start = end + 1
        }
    }

    /// An empty manifest (nothing published yet).
    public init() {}

    /// The manifest's bytes, lines sorted by path so equal content gives equal bytes.
    public func encoded() -> [UInt8] {
        var out: [UInt8] = []
        encode { out += $0 }
        return out
    }

    /// `encoded()` in chunks of about 1 MiB, in order: a manifest of 100,000 pages (20 MB) is
    /// written without being held whole.
    public func encode(_ emit: ([UInt8]) throws -> Void) rethrows {
        let chunk = 1 << 20
        var out = Array((Self.header + "\n").utf8)
        out.reserveCapacity(chunk + 512)
        func add(_ text: String) { out.append(contentsOf: text.utf8) }
        func add(_ digest: Digest32?) {
            if let digest { digest.appendHex(to: &out) } else { out.append(UInt8(ascii: "-")) }
        }
        for path in entries.keys.sorted() {
            let entry = entries[path]!
            add(path); out.append(9)
            add(entry.sha256); out.append(9)
            add(entry.digest); out.append(9)
            if let item = entry.item {
                add(item.id); out.append(9); add(String(item.revision)); out.append(9)
                item.appendContentHash(to: &out)
            } else {
                add("-\t-\t-")
            }
            out.append(10)
            if out.count >= chunk {
                try emit(out)
                out.removeAll(keepingCapacity: true)
            }
        }
        if !out.isEmpty { try emit(out) }
    }

    /// Loads the manifest of a folder plus the paths a killed flush was about to create;
    /// an absent manifest is an empty one.
    public static func load(from folder: OutputFolder, channel: String) throws -> OutputManifest {
        let file = folder.root + "/" + fileName
        let bytes: [UInt8]?
        do {
            bytes = try folder.read(fileName)
        } catch let error as PubsyncError {
            throw PubsyncError(.inventory, "cannot read the manifest \(file): \(error.message)", channel: channel, underlying: error)
        }
        var manifest = try bytes.map { try OutputManifest(bytes: $0, file: file, channel: channel) } ?? OutputManifest()
        // Paths a killed flush announced are ours too (so a repeat may overwrite them).
        if let pending = try? folder.read(pendingFileName) {
            for line in String(decoding: pending, as: UTF8.self).split(separator: "\n") {
                let path = String(line)
                if OutputFolder.isSafeRelative(path), manifest.entries[path] == nil {
                    manifest.entries[path] = ManifestEntry(sha256: nil)
                }
            }
        }
        return manifest
    }

    /// Whether the file at `path` is pubsync's (recorded, or announced by a killed flush).
    public func owns(_ path: String) -> Bool { entries[path] != nil }
}

extension OutputFolder {
    /// Records, durably, the paths a flush is about to create, so that a repeat after a kill
    /// knows they are pubsync's (`OutputManifest.load` reads them back).
    public func announce(_ created: [String]) throws {
        guard !created.isEmpty else { return }
        let path = try write(OutputManifest.pendingFileName, Array((created.joined(separator: "\n") + "\n").utf8))
        try makeDurable(files: [path], folders: [root])
    }

    /// Writes the manifest durably (last in a flush), then drops the announcement of pending paths.
    public func save(_ manifest: OutputManifest, clearingAnnouncement: Bool) throws {
        let path = try write(OutputManifest.fileName, streaming: manifest.encode)
        try makeDurable(files: [path], folders: [root])
        if clearingAnnouncement { try delete(OutputManifest.pendingFileName) }
    }

    /// The files at `paths` that exist but that `manifest` does not own: never to be touched.
    /// A symlink there counts as foreign too (it is never followed).
    public func foreign(_ paths: [String], manifest: OutputManifest) -> [String] {
        paths.filter { path in
            guard !manifest.owns(path) else { return false }
            do { return try exists(path) } catch { return true }
        }
    }
}
