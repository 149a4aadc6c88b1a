import ChannelSupport
import Foundation
import PubsyncCore

extension FeedChannel {
    /// Lists the entries in the adapter's own files.
    ///
    /// - An entry whose fields still match the digest written beside them reports the revision
    ///   and content hash it was published with; a hand-edited one reports `edited:…`, and one
    ///   missing from (or different in) one of the configured files reports `inconsistent:…`,
    ///   so reconcile sees it as stale. Entries without a pubsync marker report no hash.
    /// - A missing file lists nothing (its entries show as missing or stale); a missing output
    ///   folder lists nothing (no sync has written it yet).
    /// - A file that exists but cannot be read or parsed as its format throws `.inventory`:
    ///   the listing failed, it is not "empty".
    public func inventory() async throws -> [LiveEntry] {
        let folder = config.output
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isFolder) else { return [] }
        guard isFolder.boolValue else {
            throw PubsyncError(.inventory, "output \(folder.path) is not a folder", channel: name)
        }
        let output: FeedFolder?
        do {
            output = try FeedFolder.open(config, create: false)
        } catch let error as PubsyncError {
            throw PubsyncError(.inventory, error.message, channel: name, underlying: error)
        }
        guard let output else { return [] }
        var perFile: [(FeedFormat, [String: LiveEntry])] = []
        for format in config.formats {
            let url = folder.appendingPathComponent(format.fileName)
            // Only files pubsync created are read: a foreign file is listed by `foreignFiles()`.
            guard output.manifest.owns(format.fileName) else {
                perFile.append((format, [:]))
                continue
            }
            let read: [ReadEntry]
            do {
                guard let bytes = try output.folder.read(format.fileName) else {
                    perFile.append((format, [:]))
                    continue
                }
                read = try FeedReader.entries(format, Data(bytes))
            } catch {
                throw PubsyncError(.inventory, "cannot read feed file \(url.path): \(error); the next publish to this channel rewrites it",
                                   channel: name, underlying: error)
            }
            var entries: [String: LiveEntry] = [:]
            for entry in read.map(liveEntry) {
                if entries[entry.id] != nil {
                    entries[entry.id]?.contentHash = "duplicate:\(format.fileName)"
                } else {
                    entries[entry.id] = entry
                }
            }
            perFile.append((format, entries))
        }
        return combine(perFile)
    }

    /// The feed's output paths holding a file pubsync did not create (listed as foreign by
    /// reconcile, never touched). A symlink there counts, and is never followed.
    public func foreignFiles() async throws -> [String] {
        do {
            return try FeedFolder.open(config, create: false)?.foreign(config) ?? []
        } catch let error as PubsyncError {
            throw PubsyncError(.inventory, error.message, channel: name, underlying: error)
        }
    }

    /// One file's entry as reconcile sees it.
    private func liveEntry(_ read: ReadEntry) -> LiveEntry {
        guard let marker = read.marker, let id = marker["id"], let hash = marker["hash"] else {
            let id = read.entryID.hasPrefix(config.idPrefix) ? String(read.entryID.dropFirst(config.idPrefix.count)) : read.entryID
            return LiveEntry(id: id, revision: nil, contentHash: nil)
        }
        let revision = marker["revision"].flatMap { Int($0) }
        let digest = read.digest
        guard digest == marker["digest"], read.entryID == config.entryID(id) else {
            return LiveEntry(id: id, revision: revision, contentHash: "edited:\(digest)")
        }
        return LiveEntry(id: id, revision: revision, contentHash: hash)
    }

    /// Entries that all configured files agree on are reported as they are; the others as
    /// `inconsistent:` naming the files that lack or differ, so the channel shows drift.
    private func combine(_ perFile: [(FeedFormat, [String: LiveEntry])]) -> [LiveEntry] {
        var ids = Set<String>()
        for (_, entries) in perFile { ids.formUnion(entries.keys) }
        return ids.sorted().map { id in
            let found = perFile.map { $0.1[id] }
            let present = found.compactMap { $0 }
            if present.count == found.count, present.allSatisfy({ $0 == present[0] }) { return present[0] }
            let reference = present.first { $0.contentHash?.contains(":") == false } ?? present[0]
            let odd = zip(perFile, found).filter { $0.1 != reference }.map { $0.0.0.fileName }
            return LiveEntry(id: id, revision: reference.revision, contentHash: "inconsistent:\(odd.joined(separator: ","))")
        }
    }
}
