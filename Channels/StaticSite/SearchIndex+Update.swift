import Foundation

extension SearchIndex {
    /// While present, the index files on disk may not match `.pubsync-search` (a flush was
    /// changing them when it stopped): the next flush builds the whole index again.
    static let stalePath = ".pubsync-search-stale"

    /// The index files one flush writes. A flush that changes a few items patches the files on
    /// disk: the shards their old and new terms live in (read, the items' numbers taken out of
    /// every term, their new terms put in) and their record files. The whole index is built
    /// instead on a first publish, after a stopped flush (`stalePath`), when numbers are given
    /// again, or when many items changed. Either way the bytes are those of a whole build.
    struct Update {
        /// Every index file the site holds after the flush (layout, non-empty shards, record files).
        let paths: [String]
        /// The numbers and stamps after the flush (`.pubsync-search`, written after the files).
        let docs: DocNumbers
        /// Whether every file is made (else only the patched ones).
        let isWhole: Bool
        private let whole: Built?
        private let patched: [(path: String, bytes: [UInt8])]

        /// Plans the update of the index from `previous` to the live `entries` (newest first);
        /// `read` reads an index file of the site (nil when missing).
        init(_ entries: [ListEntry], previous: DocNumbers?, stale: Bool, read: (String) throws -> [UInt8]?) throws {
            var docs = previous ?? DocNumbers()
            docs.assign(entries)
            if let previous, !stale, previous.isStamped, let patch = try Patch(entries, previous: previous, docs: docs, read: read) {
                (paths, self.docs, isWhole, whole, patched) = (patch.paths, patch.docs, false, nil, patch.files)
            } else {
                let built = Built(entries, docs: docs)
                (paths, self.docs, isWhole, whole, patched) = (built.paths, built.docs, true, built, [])
            }
        }

        /// Makes each file to write and hands it to `body`.
        func forEachFile(_ body: (String, [UInt8]) throws -> Void) rethrows {
            if let whole { return try whole.forEachFile(body) }
            for file in patched { try body(file.path, file.bytes) }
        }
    }

    /// The files of a patch, or nil when the whole index must be built.
    private struct Patch {
        var paths: [String] = []
        var docs: DocNumbers
        var files: [(path: String, bytes: [UInt8])] = []

        /// At most this share of the items changed, or a whole build is as quick.
        static let maxChangedShare = 8

        init?(_ entries: [ListEntry], previous: DocNumbers, docs numbered: DocNumbers, read: (String) throws -> [UInt8]?) throws {
            docs = numbered
            // What changed: a new hash or number, or gone.
            var changed: [(entry: ListEntry, doc: Int, hash: UInt64)] = []
            for entry in entries {
                let hash = SearchIndex.fieldsHash(entry)
                let doc = numbered.byID[entry.id]!
                if previous.byID[entry.id] == doc, previous.stamps[entry.id]?.hash == hash { continue }
                changed.append((entry, doc, hash))
                if changed.count > entries.count / Self.maxChangedShare + 16 { return nil }
            }
            let gone = previous.byID.keys.filter { numbered.byID[$0] == nil }
            if changed.count + gone.count > entries.count / Self.maxChangedShare + 16 { return nil }
            let layoutOnDisk = try read(SearchIndex.layoutPath)
            if changed.isEmpty && gone.isEmpty && layoutOnDisk == nil { return nil }

            // The old numbers leave every shard their terms were in; the new terms come in.
            var leaving = Set<Int32>()
            var touchedShards = Set<Int>()
            var touchedGroups = Set<Int>()
            for id in gone + changed.map(\.entry.id) {
                guard let old = previous.byID[id] else { continue }
                leaving.insert(Int32(old))
                touchedShards.formUnion(previous.stamps[id]!.shards)
                touchedGroups.insert(old / SearchIndex.group)
            }
            var coming = Array(repeating: [String: [Int32]](), count: SearchIndex.shardCount)
            for (entry, doc, hash) in changed {
                var shards = ShardSet()
                for term in SearchIndex.terms(of: entry) {
                    let shard = SearchIndex.shard(of: term)
                    shards.insert(shard)
                    coming[shard][term, default: []].append(Int32(doc))
                }
                docs.stamps[entry.id] = Stamp(hash: hash, shards: shards)
                touchedShards.formUnion(shards)
                touchedGroups.insert(doc / SearchIndex.group)
            }
            for id in gone { docs.stamps[id] = nil }

            for n in touchedShards.sorted() {
                var postings: [String: [Int32]] = [:]
                if let bytes = try read(SearchIndex.shardPath(n)) {
                    guard let parsed = SearchIndex.parseShard(bytes) else { return nil }
                    postings = parsed
                }
                for (term, numbers) in postings {
                    let kept = numbers.filter { !leaving.contains($0) }
                    postings[term] = kept.isEmpty ? nil : kept
                }
                for (term, numbers) in coming[n] { postings[term, default: []] += numbers }
                if !postings.isEmpty { files.append((SearchIndex.shardPath(n), SearchIndex.shardBytes(postings))) }
            }
            var slots: [Int: [ListEntry?]] = [:]
            for g in touchedGroups { slots[g] = Array(repeating: nil, count: SearchIndex.group) }
            for entry in entries {
                let doc = numbered.byID[entry.id]!
                if slots[doc / SearchIndex.group] != nil { slots[doc / SearchIndex.group]![doc % SearchIndex.group] = entry }
            }
            for (g, group) in slots.sorted(by: { $0.key < $1.key }) where group.contains(where: { $0 != nil }) {
                files.append((SearchIndex.recordPath(g), SearchIndex.recordBytes(group)))
            }
            if layoutOnDisk != SearchIndex.layout { files.insert((SearchIndex.layoutPath, SearchIndex.layout), at: 0) }

            // Every file the index holds: the shards some item's terms are in, the groups some number is in.
            var shards = ShardSet()
            var groups = Set<Int>()
            for (id, doc) in docs.byID {
                shards.formUnion(docs.stamps[id]!.shards)
                groups.insert(doc / SearchIndex.group)
            }
            paths = [SearchIndex.layoutPath] + shards.map(SearchIndex.shardPath) + groups.sorted().map(SearchIndex.recordPath)
        }
    }

    /// A shard file read back (term → numbers); nil when it is not one this index wrote.
    static func parseShard(_ bytes: [UInt8]) -> [String: [Int32]]? {
        guard let object = try? JSONSerialization.jsonObject(with: Data(bytes)) as? [String: String] else { return nil }
        var postings: [String: [Int32]] = [:]
        postings.reserveCapacity(object.count)
        for (term, encoded) in object {
            guard let numbers = decodeChecked(encoded) else { return nil }
            postings[term] = numbers
        }
        return postings
    }

    /// `decode`, refusing text `encode` does not make (a file changed by hand).
    static func decodeChecked(_ text: String) -> [Int32]? {
        var docs: [Int32] = []
        var previous = -1
        for part in text.split(separator: ",") {
            let pieces = part.split(separator: ":")
            guard pieces.count <= 2, let gap = Int(pieces[0], radix: 36), gap > 0,
                  let more = pieces.count > 1 ? Int(pieces[1], radix: 36) : 0, more >= 0,
                  previous + gap + more < Int(Int32.max) else { return nil }
            let start = previous + gap
            for doc in start...(start + more) { docs.append(Int32(doc)) }
            previous = start + more
        }
        return docs
    }
}
