import Foundation
import PubsyncCore

/// What the manifest records about one item page.
struct ItemStamp: Sendable, Hashable {
    /// The item id.
    var id: String
    /// The revision the page shows.
    var revision: Int
    /// The item's content hash (what the engine gave), echoed by `inventory()`.
    var contentHash: String
}

/// One file the adapter wrote.
struct ManifestEntry: Sendable, Hashable {
    /// SHA-256 of the file's bytes as written; nil when unknown (a pending path).
    var sha256: Digest32?
    /// For list pages: the digest of what the page shows, so a flush renders only pages whose
    /// input changed.
    var digest: Digest32?
    /// For item pages: the item it shows.
    var item: ItemStamp?
}

/// The adapter's record of the files it created in the output folder (`.pubsync-manifest`),
/// one line per file: `path TAB sha256 TAB digest TAB id TAB revision TAB content-hash`
/// (`-` for none). A plain line format, because at 50,000 items it is rewritten on every
/// changing flush and must be quick to write and read.
struct SiteManifest: Sendable {
    /// Relative path → what was written there.
    var entries: [String: ManifestEntry] = [:]

    static let header = "# pubsync static-site manifest v1"

    /// Parses a manifest; a malformed one throws, naming the file and line. Reads bytes
    /// directly: at 50,000 pages this runs at the start of every session.
    init(bytes: [UInt8], file: String, channel: String) throws {
        let header = Array(Self.header.utf8)
        guard bytes.count > header.count, Array(bytes[0..<header.count]) == header, bytes[header.count] == 10 else {
            throw PubsyncError(.inventory, "the manifest \(file) is not a pubsync static-site manifest (bad first line)", channel: channel)
        }
        var start = header.count + 1
        var number = 1
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
            guard SitePaths.isSafeRelative(path) else { throw bad("unsafe path \(path)") }
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
    init() {}

    /// The manifest's bytes, lines sorted by path so equal content gives equal bytes.
    func encoded() -> [UInt8] {
        var out = Array((Self.header + "\n").utf8)
        out.reserveCapacity(entries.count * 180)
        func add(_ text: String) { out.append(contentsOf: text.utf8) }
        for path in entries.keys.sorted() {
            let entry = entries[path]!
            add(path); out.append(9)
            add(entry.sha256?.description ?? "-"); out.append(9)
            add(entry.digest?.description ?? "-"); out.append(9)
            if let item = entry.item {
                add(item.id); out.append(9); add(String(item.revision)); out.append(9); add(item.contentHash)
            } else {
                add("-\t-\t-")
            }
            out.append(10)
        }
        return out
    }

    /// Loads the manifest of a folder plus the paths a killed flush was about to create;
    /// an absent manifest is an empty one.
    static func load(from folder: SiteFolder, channel: String) throws -> SiteManifest {
        let file = folder.root + "/" + SitePaths.manifest
        let bytes: [UInt8]?
        do {
            bytes = try folder.read(SitePaths.manifest)
        } catch let error as PubsyncError {
            throw PubsyncError(.inventory, "cannot read the manifest \(file): \(error.message)", channel: channel, underlying: error)
        }
        var manifest = try bytes.map { try SiteManifest(bytes: $0, file: file, channel: channel) } ?? SiteManifest()
        // Paths a killed flush announced are ours too (so a repeat may overwrite them).
        if let pending = try? folder.read(SitePaths.pending) {
            for line in String(decoding: pending, as: UTF8.self).split(separator: "\n") {
                let path = String(line)
                if SitePaths.isSafeRelative(path), manifest.entries[path] == nil {
                    manifest.entries[path] = ManifestEntry(sha256: nil)
                }
            }
        }
        return manifest
    }

}
