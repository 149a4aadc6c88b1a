import Foundation
import PubsyncCore

/// The site's search index: static JSON shards a browser script reads, so that a query loads
/// only the few it needs.
///
/// - `search/index.json`: the layout (`shards`, `group`), constant.
/// - `search/t/{n}.json`: an inverted index shard: term → postings. Terms are the character
///   bigrams of Han runs in titles (a lone Han character is its own term), ASCII words of
///   titles, and `=` + the whole 索引号 or 文号 (normalised) for exact look-ups. A term lives
///   in shard FNV-1a(term) mod `shards`.
/// - `search/r/{g}.json`: records `g*group … g*group+group-1`: `[title, 索引号, 文号, date,
///   column, link]` or null.
///
/// Every item has a stable document number (kept in `.pubsync-search`, with a stamp of what it
/// put into the index), so a one-item change reads and rewrites only the shards holding its old
/// and new terms and its record group (`SearchIndex.Update`). Numbers are given oldest
/// item first; a new item takes the next number, so a higher number is (nearly always) a newer
/// item and results are listed by number, highest first.
struct SearchIndex {
    /// Inverted-index shards.
    static let shardCount = 256
    /// Records per record file.
    static let group = 16
    /// The layout file the script reads first.
    static let layoutPath = "search/index.json"
    /// The bookkeeping file of document numbers (hidden; not served as part of the site).
    static let docsPath = ".pubsync-search"

    /// The shard file of shard `n`.
    static func shardPath(_ n: Int) -> String { "search/t/\(n).json" }
    /// The record file of group `g`.
    static func recordPath(_ g: Int) -> String { "search/r/\(g).json" }

    /// The layout file's bytes.
    static var layout: [UInt8] { Array("{\"group\":\(group),\"shards\":\(shardCount),\"v\":1}\n".utf8) }

    // MARK: - Terms (the script in SearchScript.swift does the same, character for character)

    /// NFKC, then ASCII letters lowercased.
    static func normalize(_ text: String) -> [Unicode.Scalar] {
        var scalars: [Unicode.Scalar] = []
        scalars.reserveCapacity(text.utf8.count)
        // Most titles, 索引号 and 文号 are Han, ASCII and common punctuation, which NFKC maps
        // one scalar at a time (`stableNFKC`): Foundation's pass, most of a search index's build
        // time, is for the rest.
        for scalar in text.unicodeScalars {
            guard let mapped = stableNFKC(scalar) else {
                return text.precomposedStringWithCompatibilityMapping.unicodeScalars.map(lowercasedASCII)
            }
            scalars.append(lowercasedASCII(mapped))
        }
        return scalars
    }

    /// What NFKC makes of `scalar` when it maps it alone, whatever surrounds it: ASCII and the
    /// Han of the CJK Unified Ideographs (and Extension A) as they are, the full-width forms as
    /// ASCII, the ideographic space as a space, and CJK punctuation with no decomposition as it
    /// is. None of these composes with a neighbour. Nil for anything else.
    static func stableNFKC(_ scalar: Unicode.Scalar) -> Unicode.Scalar? {
        switch scalar.value {
        case 0...0x7F, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xB7, 0x2014, 0x2018, 0x2019, 0x201C, 0x201D,
             0x3001, 0x3002, 0x3008...0x3011, 0x3014...0x301B:
            return scalar
        case 0xFF01...0xFF5E: return Unicode.Scalar(scalar.value - 0xFEE0)
        case 0x3000: return " "
        default: return nil
        }
    }

    private static func lowercasedASCII(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
        (65...90).contains(scalar.value) ? Unicode.Scalar(scalar.value + 32)! : scalar
    }

    static func isHan(_ v: UInt32) -> Bool {
        (0x3400...0x4DBF).contains(v) || (0x4E00...0x9FFF).contains(v) || (0xF900...0xFAFF).contains(v) || (0x20000...0x2FFFF).contains(v)
    }

    static func isWordChar(_ v: UInt32) -> Bool { (48...57).contains(v) || (97...122).contains(v) }

    /// The terms of a title or query: bigrams of Han runs (a lone Han character itself) and
    /// ASCII words, each once, in order of appearance.
    static func terms(_ text: String) -> [String] {
        var terms: [String] = []
        var seen = Set<String>()
        func add(_ term: String) { if seen.insert(term).inserted { terms.append(term) } }
        let scalars = normalize(text)
        var index = 0
        while index < scalars.count {
            let v = scalars[index].value
            if isHan(v) {
                var end = index
                while end < scalars.count, isHan(scalars[end].value) { end += 1 }
                if end - index == 1 {
                    add(String(scalars[index]))
                } else {
                    for k in index..<(end - 1) { add(String(scalars[k]) + String(scalars[k + 1])) }
                }
                index = end
            } else if isWordChar(v) {
                var end = index
                while end < scalars.count, isWordChar(scalars[end].value) { end += 1 }
                var word = String.UnicodeScalarView()
                word.append(contentsOf: scalars[index..<end])
                add(String(word))
                index = end
            } else {
                index += 1
            }
        }
        return terms
    }

    /// The exact-look-up term of a 索引号, 文号 or query: `=` + the text normalised, ASCII
    /// white space removed; nil when nothing is left.
    static func key(_ text: String) -> String? {
        var view = String.UnicodeScalarView()
        for scalar in normalize(text) where ![9, 10, 11, 12, 13, 32].contains(scalar.value) { view.append(scalar) }
        return view.isEmpty ? nil : "=" + String(view)
    }

    /// FNV-1a (32 bit) over the term's code points, modulo the shard count.
    static func shard(of term: String) -> Int {
        var hash: UInt32 = 2_166_136_261
        for scalar in term.unicodeScalars {
            hash ^= scalar.value
            hash = hash &* 16_777_619
        }
        return Int(hash % UInt32(shardCount))
    }

    // MARK: - Building

    /// Document numbers by item id, kept across flushes so the shards stay put, with what each
    /// document put into the index (`Stamp`), so a flush rewrites only what changed.
    struct DocNumbers: Equatable {
        var byID: [String: Int] = [:]
        /// Per item: a hash of the fields the index shows and the shards its terms live in. Files
        /// of an earlier version hold none; every item has one after a build.
        var stamps: [String: Stamp] = [:]

        /// Parses `.pubsync-search` (`id TAB number [TAB hash TAB shards]` lines); nil when it is
        /// not one. Byte by byte: at 100,000 items it is read by every sync that changes anything.
        init?(bytes: [UInt8]) {
            var reader = DocNumbersReader(bytes)
            while let line = reader.nextLine() {
                guard let line else { return nil }
                byID[line.id] = line.number
                if let stamp = line.stamp { stamps[line.id] = stamp }
            }
        }

        init() {}

        /// Whether every item has its stamp (so the index can be patched).
        var isStamped: Bool { stamps.count == byID.count }

        /// The file's bytes, by number.
        var bytes: [UInt8] {
            var out: [UInt8] = []
            out.reserveCapacity(byID.count * 80)
            for (id, number) in byID.sorted(by: { $0.value < $1.value }) {
                out += id.utf8
                out.append(9)
                DocNumbersReader.appendDecimal(number, to: &out)
                if let stamp = stamps[id] {
                    out.append(9)
                    stamp.append(to: &out)
                }
                out.append(10)
            }
            return out
        }

        /// Numbers for exactly the given entries (newest first): known items keep theirs, new
        /// ones take the next numbers, oldest first. When more than half the numbers are gaps,
        /// everything is renumbered by date (every shard is rewritten then: rare).
        mutating func assign(_ entries: [ListEntry]) {
            let live = Set(entries.map(\.id))
            byID = byID.filter { live.contains($0.key) }
            stamps = stamps.filter { live.contains($0.key) }
            var next = (byID.values.max() ?? -1) + 1
            if next > 2 * entries.count + 64 {
                byID = [:]
                stamps = [:]
                next = 0
            }
            for entry in entries.reversed() where byID[entry.id] == nil {
                byID[entry.id] = next
                next += 1
            }
        }
    }

    /// What one document put into the index: a hash of the fields it shows (`fieldsHash`) and
    /// the shards holding its terms.
    struct Stamp: Equatable {
        var hash: UInt64
        var shards: ShardSet

        init(hash: UInt64, shards: ShardSet) {
            self.hash = hash
            self.shards = shards
        }

        /// `hash TAB shards` (hexadecimal; shard numbers comma-separated), as the file holds it.
        func append(to out: inout [UInt8]) {
            Hex.appendMinimal(hash, to: &out)
            out.append(9)
            var first = true
            for shard in shards {
                if !first { out.append(44) }
                first = false
                DocNumbersReader.appendDecimal(shard, to: &out)
            }
        }
    }

    /// A set of shard numbers (0…255) in four words, so 100,000 stamps allocate nothing.
    struct ShardSet: Equatable, Sequence {
        private var words: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)

        mutating func insert(_ n: Int) {
            let bit = UInt64(1) << UInt64(n & 63)
            switch n >> 6 {
            case 0: words.0 |= bit
            case 1: words.1 |= bit
            case 2: words.2 |= bit
            default: words.3 |= bit
            }
        }

        mutating func formUnion(_ other: ShardSet) {
            words = (words.0 | other.words.0, words.1 | other.words.1, words.2 | other.words.2, words.3 | other.words.3)
        }

        static func == (a: ShardSet, b: ShardSet) -> Bool { a.words == b.words }

        /// The numbers in ascending order (lowest set bit first, word by word; nothing allocated).
        func makeIterator() -> Iterator { Iterator(words: words) }

        struct Iterator: IteratorProtocol {
            var words: (UInt64, UInt64, UInt64, UInt64)
            var base = 0

            mutating func next() -> Int? {
                while base < 256 {
                    var word: UInt64
                    switch base {
                    case 0: word = words.0
                    case 64: word = words.1
                    case 128: word = words.2
                    default: word = words.3
                    }
                    if word != 0 {
                        let bit = word.trailingZeroBitCount
                        word &= word - 1
                        switch base {
                        case 0: words.0 = word
                        case 64: words.1 = word
                        case 128: words.2 = word
                        default: words.3 = word
                        }
                        return base + bit
                    }
                    base += 64
                }
                return nil
            }
        }
    }

    /// FNV-1a (64 bit) over everything a document shows in the index: a changed hash is a
    /// changed document.
    static func fieldsHash(_ entry: ListEntry) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for field in [entry.id, entry.title, entry.indexNumber, entry.docNumber, entry.published.description, entry.category] {
            for byte in field.utf8 {
                hash ^= UInt64(byte)
                hash = hash &* 0x0100_0000_01B3
            }
            hash ^= 0x1F
            hash = hash &* 0x0100_0000_01B3
        }
        return hash
    }

    /// The index terms of an entry: those of its title, and the exact keys of its 索引号 and 文号.
    static func terms(of entry: ListEntry) -> Set<String> {
        var terms = Set(SearchIndex.terms(entry.title))
        for field in [entry.indexNumber, entry.docNumber] { if let key = SearchIndex.key(field) { terms.insert(key) } }
        return terms
    }

    /// Every index file (layout, shards, record groups) for the live entries, with numbers.
    static func files(_ entries: [ListEntry], docs: DocNumbers) -> [(path: String, bytes: [UInt8])] {
        var files: [(path: String, bytes: [UInt8])] = []
        Built(entries, docs: docs).forEachFile { files.append(($0, $1)) }
        return files
    }

    /// The index of the live entries, built in memory (postings and record groups); its files
    /// are made one at a time, so a site of 100,000 items never holds all of their bytes.
    struct Built {
        private var postings = Array(repeating: [String: Postings](), count: SearchIndex.shardCount)
        private var groups: [Int: [ListEntry?]] = [:]
        /// The numbers, with every entry's stamp.
        private(set) var docs: DocNumbers

        init(_ entries: [ListEntry], docs: DocNumbers) {
            self.docs = docs
            self.docs.stamps = [:]
            self.docs.stamps.reserveCapacity(entries.count)
            // Terms (most of the work: Unicode normalisation) on every core, a slice at a time;
            // postings gathered in order.
            let slice = 2_048
            for first in stride(from: 0, to: entries.count, by: slice) {
                let part = entries[first..<min(first + slice, entries.count)]
                let terms = ConcurrentParts<Set<String>>(count: part.count)
                DispatchQueue.concurrentPerform(iterations: part.count) { terms.set($0, SearchIndex.terms(of: part[first + $0])) }
                for (entry, entryTerms) in zip(part, terms.values) { add(entry, terms: entryTerms) }
            }
        }

        private mutating func add(_ entry: ListEntry, terms: Set<String>) {
            guard let doc = docs.byID[entry.id] else { return }
            var shards = ShardSet()
            for term in terms {
                let shard = SearchIndex.shard(of: term)
                shards.insert(shard)
                postings[shard][term, default: Postings()].append(Int32(doc))
            }
            docs.stamps[entry.id] = Stamp(hash: SearchIndex.fieldsHash(entry), shards: shards)
            groups[doc / SearchIndex.group, default: Array(repeating: nil, count: SearchIndex.group)][doc % SearchIndex.group] = entry
        }

        /// The paths of the files, in the order `forEachFile` makes them.
        var paths: [String] {
            [SearchIndex.layoutPath] + postings.indices.filter { !postings[$0].isEmpty }.map(SearchIndex.shardPath)
                + groups.keys.sorted().map(SearchIndex.recordPath)
        }

        /// Makes each file and hands it to `body`: the layout, the shards, the record groups.
        /// The files are made on every core, a few at a time (a shard of 100,000 items is about
        /// 100 KB: more in flight raised the peak of a full publish).
        func forEachFile(_ body: (String, [UInt8]) throws -> Void) rethrows {
            try body(SearchIndex.layoutPath, SearchIndex.layout)
            let (allPostings, allGroups) = (postings, groups)
            let shards = allPostings.indices.filter { !allPostings[$0].isEmpty }
            let numbers = allGroups.keys.sorted()
            try ConcurrentParts<[UInt8]>.inOrder(count: shards.count + numbers.count, slice: 16, make: { i in
                i < shards.count
                    ? SearchIndex.shardBytes(allPostings[shards[i]].mapValues(\.numbers))
                    : SearchIndex.recordBytes(allGroups[numbers[i - shards.count]]!)
            }) { i, bytes in
                try body(i < shards.count ? SearchIndex.shardPath(shards[i]) : SearchIndex.recordPath(numbers[i - shards.count]), bytes)
            }
        }
    }

    /// One term's document numbers while the index is built. Most terms of a large site are
    /// one item's 索引号 or 文号: those hold their number without an array (5 MB at 100,000 items).
    enum Postings {
        case none
        case one(Int32)
        case many([Int32])

        init() { self = .none }

        mutating func append(_ doc: Int32) {
            switch self {
            case .none: self = .one(doc)
            case .one(let first): self = .many([first, doc])
            case .many(var list):
                self = .none  // the array is then referenced once, and grows in place
                list.append(doc)
                self = .many(list)
            }
        }

        var numbers: [Int32] {
            switch self {
            case .none: []
            case .one(let doc): [doc]
            case .many(let list): list
            }
        }
    }

    /// A shard file's bytes: terms in order, each with its postings.
    static func shardBytes(_ shard: [String: [Int32]]) -> [UInt8] {
        var out: [UInt8] = [123]
        for (i, term) in shard.keys.sorted().enumerated() {
            if i > 0 { out.append(44) }
            JSONString.append(term, to: &out)
            out.append(58)
            out.append(34)
            out.append(contentsOf: encode(shard[term]!.map(Int.init).sorted()).utf8)
            out.append(34)
        }
        out.append(contentsOf: [125, 10])
        return out
    }

    /// A record file's bytes: one slot per number of the group, null where no item has it.
    static func recordBytes(_ slots: [ListEntry?]) -> [UInt8] {
        var out: [UInt8] = [91]
        for (i, slot) in slots.enumerated() {
            if i > 0 { out.append(44) }
            guard let entry = slot else {
                out.append(contentsOf: "null".utf8)
                continue
            }
            out.append(91)
            let fields = [entry.title, entry.indexNumber, entry.docNumber, entry.published.description, entry.category, SitePaths.item(entry.id)]
            for (n, field) in fields.enumerated() {
                if n > 0 { out.append(44) }
                JSONString.append(field, to: &out)
            }
            out.append(93)
        }
        out.append(contentsOf: [93, 10])
        return out
    }

    /// Ascending numbers as runs: `gap` or `gap:more` in base 36, comma-separated, where `gap`
    /// counts from the previous run's last number (from -1) and `more` consecutive numbers follow.
    static func encode(_ docs: [Int]) -> String {
        var parts: [String] = []
        var previous = -1
        var index = 0
        while index < docs.count {
            var end = index
            while end + 1 < docs.count, docs[end + 1] == docs[end] + 1 { end += 1 }
            let gap = String(docs[index] - previous, radix: 36)
            parts.append(end > index ? gap + ":" + String(end - index, radix: 36) : gap)
            previous = docs[end]
            index = end + 1
        }
        return parts.joined(separator: ",")
    }

    /// Decodes `encode`'s text (for tests and the byte planner).
    static func decode(_ text: String) -> [Int] {
        decodeChecked(text)!.map(Int.init)
    }
}
