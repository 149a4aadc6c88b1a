import Foundation
import PubsyncCore
import Testing
@testable import StaticSite

@Suite("The search index: bigram shards a query loads only a few of")
struct SearchIndexTests {
    @Test("terms: bigrams of Han runs, a lone Han character, ASCII words lowercased; keys ignore spaces")
    func terms() {
        #expect(SearchIndex.terms("关于开通12328服务") == ["关于", "于开", "开通", "12328", "服务"])
        #expect(SearchIndex.terms("G20国道 号") == ["g20", "国道", "号"])
        #expect(SearchIndex.terms("（ＡＢＣ）公告") == ["abc", "公告"])
        #expect(SearchIndex.key(" 淄交发〔2014〕7号 ") == "=淄交发〔2014〕7号")
        #expect(SearchIndex.key("004188191/2014-00010") == "=004188191/2014-00010")
        #expect(SearchIndex.key("  ") == nil)
    }

    @Test("normalising a scalar at a time gives what NFKC gives, for every scalar it is used for and the texts they make")
    func stableNFKC() {
        func nfkc(_ text: String) -> [Unicode.Scalar] {
            text.precomposedStringWithCompatibilityMapping.unicodeScalars.map { (65...90).contains($0.value) ? Unicode.Scalar($0.value + 32)! : $0 }
        }
        var stable: [Unicode.Scalar] = []
        for value in UInt32(0)...0x2FFFF {
            guard let scalar = Unicode.Scalar(value), let mapped = SearchIndex.stableNFKC(scalar) else { continue }
            #expect(String(scalar).precomposedStringWithCompatibilityMapping.unicodeScalars.elementsEqual([mapped]), "U+\(String(value, radix: 16))")
            stable.append(scalar)
        }
        #expect(stable.count > 27_000)
        // Texts of those scalars only (no pair of them composes), and texts where a combining mark
        // or a compatibility character sends the whole text through NFKC.
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<2_000 {
            var text = String.UnicodeScalarView()
            for _ in 0..<Int.random(in: 1...12, using: &generator) { text.append(stable.randomElement(using: &generator)!) }
            #expect(SearchIndex.normalize(String(text)) == nfkc(String(text)), "\(String(text).debugDescription)")
        }
        for text in ["关于（２０２４）Ｅ\u{301}号", "ＡＢ　c", "e\u{301}", "ｶﾞ", "㈱公司", "ﬁle", "…", "\u{2F800}"] {
            #expect(SearchIndex.normalize(text) == nfkc(text), "\(text.debugDescription)")
        }
    }

    @Test("postings round-trip through the run encoding", arguments: [[0], [0, 1, 2, 3], [5, 9, 10, 11, 40, 1000, 1001], [3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 500]])
    func encoding(docs: [Int]) {
        #expect(SearchIndex.decode(SearchIndex.encode(docs)) == docs)
    }

    @Test("FNV-1a agrees with the script's (known values)")
    func hash() {
        // FNV-1a 32 of "a" is 0xe40c292c; the others as node computes them with the script's function.
        #expect(SearchIndex.shard(of: "a") == Int(UInt32(0xe40c292c) % 256))
        #expect(SearchIndex.shard(of: "公告") == 83)
        #expect(SearchIndex.shard(of: "=淄交发〔2014〕7号") == 27)
    }

    @Test("numbers are kept: a new item takes the next number, a removed one leaves a gap")
    func numbers() {
        let old = (0..<10).map { ListEntry(makeItem(String(format: "a%03d", $0), day: $0)) }
        var docs = SearchIndex.DocNumbers()
        docs.assign(old)
        #expect(docs.byID["a009"] == 0 && docs.byID["a000"] == 9)  // oldest first
        var next = docs
        next.assign([ListEntry(makeItem("new", day: -1))] + old.filter { $0.id != "a005" })
        #expect(next.byID["new"] == 10 && next.byID["a005"] == nil && next.byID["a000"] == 9)
        #expect(SearchIndex.DocNumbers(bytes: next.bytes) == next)
    }

    @Test("the numbers file: stamps round-trip; old two-field lines are read; anything else is refused")
    func numbersFile() {
        var docs = SearchIndex.DocNumbers()
        var shards = SearchIndex.ShardSet()
        for n in [0, 7, 63, 64, 200, 255] { shards.insert(n) }
        docs.byID = ["a": 0, "b": 12, "c": 1_234_567]
        docs.stamps = ["a": .init(hash: 0, shards: .init()), "b": .init(hash: 0xF00D, shards: shards), "c": .init(hash: .max, shards: shards)]
        let text = String(decoding: docs.bytes, as: UTF8.self)
        #expect(text == "a\t0\t0\t\nb\t12\tf00d\t0,7,63,64,200,255\nc\t1234567\tffffffffffffffff\t0,7,63,64,200,255\n")
        #expect(SearchIndex.DocNumbers(bytes: docs.bytes) == docs)
        let old = SearchIndex.DocNumbers(bytes: Array("x\t3\n\ny\t4".utf8))
        #expect(old?.byID == ["x": 3, "y": 4] && old?.stamps.isEmpty == true && old?.isStamped == false)
        for bad in ["x", "x\t", "\t3", "x\t-1", "x\t3\t", "x\t3\tzz\t1", "x\t3\t1\t256", "x\t3\t1\t1,,2", "x\t3\t1\t2\t5", "x\t12345678901234567890"] {
            #expect(SearchIndex.DocNumbers(bytes: Array(bad.utf8)) == nil, "\(bad.debugDescription)")
        }
    }

    @Test("a one-item title change rewrites only the shards of the terms that changed and its record file")
    func incremental() {
        let items = (0..<300).map { ListEntry(makeItem(String(format: "a%03d", $0), day: $0, title: Self.title($0))) }
        var docs = SearchIndex.DocNumbers()
        docs.assign(items)
        let before = Dictionary(uniqueKeysWithValues: SearchIndex.files(items, docs: docs).map { ($0.path, $0.bytes) })
        var changed = items
        var retitled = makeItem("a007", day: 7, title: Self.title(7))
        retitled.title = "关于调整公交线路的通告"
        changed[7] = ListEntry(retitled)
        let after = Dictionary(uniqueKeysWithValues: SearchIndex.files(changed, docs: docs).map { ($0.path, $0.bytes) })
        let differing = Set(after.keys.filter { before[$0] != after[$0] })
        let terms = Set(SearchIndex.terms(items[7].title)).symmetricDifference(SearchIndex.terms(changed[7].title))
        let expected = Set(terms.map { SearchIndex.shardPath(SearchIndex.shard(of: $0)) })
            .union([SearchIndex.recordPath(docs.byID[items[7].id]! / SearchIndex.group)])
        #expect(differing.isSubset(of: expected))
        #expect(differing.contains(SearchIndex.recordPath(docs.byID[items[7].id]! / SearchIndex.group)))
        #expect(differing.count <= terms.count + 1)
    }

    @Test("a patched index is byte for byte the whole build, through changes, additions, removals and reuse of a number")
    func patchedEqualsWhole() throws {
        var files: [String: [UInt8]] = [:]
        var docs: SearchIndex.DocNumbers?
        var live = (0..<200).map { ListEntry(makeItem(String(format: "a%03d", $0), day: $0, title: Self.title($0))) }
        var generator = SystemRandomNumberGenerator()
        var patches = 0
        for round in 0..<30 {
            let update = try SearchIndex.Update(live, previous: docs, stale: false, read: { files[$0] })
            if !update.isWhole { patches += 1 }
            update.forEachFile { files[$0] = $1 }
            let kept = Set(update.paths)
            files = files.filter { kept.contains($0.key) }
            docs = SearchIndex.DocNumbers(bytes: update.docs.bytes)
            #expect(docs == update.docs)
            let whole = Dictionary(uniqueKeysWithValues: SearchIndex.files(live, docs: update.docs).map { ($0.path, $0.bytes) })
            #expect(files == whole, "round \(round)")
            // The next round: a retitled item, a new one, a removed one (the newest, whose number is reused).
            let k = Int.random(in: 0..<live.count, using: &generator)
            var retitled = makeItem(live[k].id, day: 300 + round, title: Self.title(Int.random(in: 0..<1000, using: &generator)))
            retitled.docNumber = round % 3 == 0 ? "" : "淄交发〔2015〕\(round)号"
            live[k] = ListEntry(retitled)
            if round % 2 == 0 { live.append(ListEntry(makeItem("n\(round)", day: -round, title: Self.title(round * 7)))) }
            if round % 5 == 4 { live.removeAll { $0.id == "n\(round - 2)" } }
            live.sort(by: ListEntry.newestFirst)
        }
        #expect(patches >= 25)
    }

    @Test("a two-character query loads at most 300 KB (2,000 items here; 50,000 with PUBSYNC_SCALE=1, from Scripts/bench)")
    func queryBudget() throws {
        let count = ProcessInfo.processInfo.environment["PUBSYNC_SCALE"] == "1" ? 50_000 : 2_000
        let items = (0..<count).map { ListEntry(makeItem(String(format: "n%06d", $0), day: $0 / 5, title: Self.title($0))) }
        var docs = SearchIndex.DocNumbers()
        docs.assign(items)
        let files = Dictionary(uniqueKeysWithValues: SearchIndex.files(items, docs: docs).map { ($0.path, $0.bytes) })
        for word in ["公告", "交通", "国道", "调整"] {
            let loaded = SearchQueryPlan(query: word, files: files)
            #expect(loaded.results > 0, "\(word) finds something")
            #expect(loaded.bytes <= 300_000, "\(word): \(loaded.bytes) bytes in \(loaded.paths.count) files")
            print("search budget: \(count) items, query \(word): \(loaded.results) results, \(loaded.paths.count) files, \(loaded.bytes) bytes")
        }
    }

    /// Titles varied like a bureau's: a common frame with varying subjects.
    static func title(_ n: Int) -> String {
        let subjects = ["道路运输", "公交线路", "出租汽车", "驾驶员培训", "港口航道", "公路养护", "客运站", "物流园区", "交通安全", "城市轨道"]
        let acts = ["调整", "开展", "做好", "加强", "规范", "公布", "征求意见", "实施"]
        let kinds = ["公告", "通知", "通告", "意见", "办法", "报告"]
        return "关于\(acts[n % acts.count])\(subjects[(n / 8) % subjects.count])\(n % 7 == 0 ? "（G\(n % 300)国道）" : "")工作的\(kinds[(n / 3) % kinds.count])"
    }
}

/// What the search script loads for a query: the layout, the shards of its terms and key, and
/// the record files of the first 20 results (highest numbers first), as `assets/search.js` does.
struct SearchQueryPlan {
    var paths: Set<String> = []
    var bytes = 0
    var results = 0

    init(query: String, files: [String: [UInt8]]) {
        func load(_ path: String) -> [UInt8]? {
            if paths.insert(path).inserted { bytes += files[path]?.count ?? 0 }
            return files[path]
        }
        _ = load(SearchIndex.layoutPath)
        // The page and the script count too (first visit, nothing cached).
        bytes += SearchScript.text.utf8.count + 6_000
        func postings(_ term: String) -> [Int] {
            guard let data = load(SearchIndex.shardPath(SearchIndex.shard(of: term))),
                  let shard = try? JSONSerialization.jsonObject(with: Data(data)) as? [String: String],
                  let text = shard[term] else { return [] }
            return SearchIndex.decode(text)
        }
        let terms = SearchIndex.terms(query)
        var found = terms.isEmpty ? Set<Int>() : Set(postings(terms[0]))
        for term in terms.dropFirst() { found.formIntersection(postings(term)) }
        if let key = SearchIndex.key(query) { found.formUnion(postings(key)) }
        results = found.count
        for doc in found.sorted(by: >).prefix(20) { _ = load(SearchIndex.recordPath(doc / SearchIndex.group)) }
    }
}
