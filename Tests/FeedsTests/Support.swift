import Feeds
import Foundation
import Logging
import PubsyncCore
#if canImport(FoundationXML)
import FoundationXML
#endif

/// The ledger's view of what is live, backed by an array (newest first, as the protocol says).
struct ArrayLiveSource: LiveItemSource {
    var items: [PublishedItem]

    init(_ items: [PublishedItem]) {
        self.items = items.sorted { $0.published != $1.published ? $0.published > $1.published : $0.id > $1.id }
    }

    func items(category: String?, includeBody: Bool) async throws -> [PublishedItem] {
        items.filter { category == nil || $0.category == category }.map { strip($0, includeBody) }
    }

    func newest(limit: Int, includeBody: Bool) async throws -> [PublishedItem] {
        items.prefix(limit).map { strip($0, includeBody) }
    }

    private func strip(_ item: PublishedItem, _ includeBody: Bool) -> PublishedItem {
        var copy = item
        if !includeBody { copy.body = "" }
        return copy
    }
}

/// A fresh temp folder, deleted at the end of the test.
/// The harness's ledger as it is when asked (it records each batch after its flush).
struct LedgerLiveSource: LiveItemSource {
    let harness: FeedHarness

    func items(category: String?, includeBody: Bool) async throws -> [PublishedItem] {
        try await ArrayLiveSource(Array(harness.ledger.values)).items(category: category, includeBody: includeBody)
    }

    func newest(limit: Int, includeBody: Bool) async throws -> [PublishedItem] {
        try await ArrayLiveSource(Array(harness.ledger.values)).newest(limit: limit, includeBody: includeBody)
    }
}

final class TempFolder: @unchecked Sendable {
    let url: URL
    init() {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("feeds-test-\(UUID().uuidString)")
        try! FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }
    deinit { try? FileManager.default.removeItem(at: url) }
    func file(_ name: String) -> URL { url.appendingPathComponent(name) }
    func text(_ name: String) throws -> String { try String(contentsOf: file(name), encoding: .utf8) }
}

let shanghai = TimeZone(identifier: "Asia/Shanghai")!
let day0 = Date(timeIntervalSince1970: 1_403_020_800)   // 2014-06-18T00:00:00+08:00

/// An item with sensible defaults; `n` orders publication dates (higher is newer).
func makeItem(_ id: String, day: Int = 1, revision: Int = 1, title: String? = nil, summary: String = "摘要",
              body: String = "正文", category: String = "政务公告") -> PublishedItem {
    let date = LocalDate(year: 2014, month: 1 + (day - 1) / 28 % 12, day: 1 + (day - 1) % 28)!
    return PublishedItem(id: id, revision: revision, title: title ?? "标题 \(id)", summary: summary, body: body,
                         category: category, unit: "市交通运输局", indexNumber: "004188191/2014-\(id)", docNumber: "",
                         published: date, updated: Date(timeIntervalSince1970: 1_400_000_000 + Double(revision) * 60),
                         contentHash: "hash-\(id)-\(revision)")
}

/// A feed channel plus the engine's part: the ledger of live items, updated after each flush.
final class FeedHarness: @unchecked Sendable {
    let folder = TempFolder()
    var config: FeedConfig
    private(set) var ledger: [String: PublishedItem] = [:]
    private(set) var receipts: [String: PutReceipt] = [:]

    init(maxItems: Int = 50, textLimit: Int = 140, formats: [FeedFormat] = FeedFormat.allCases,
         itemURL: String = "https://jtj.example.gov.cn/items/{id}.html") {
        config = FeedConfig(channel: "weibo", output: folder.url, formats: formats, maxItems: maxItems, textLimit: textLimit,
                            title: "市交通运输局微博", homeURL: "https://jtj.example.gov.cn/", itemURLTemplate: itemURL)
    }

    var channel: FeedChannel { FeedChannel(config: config, logger: Logger(label: "test")) }

    /// One engine run: puts, then removals; like the engine, the ledger records each batch's
    /// outcomes after its flush and before the next one (`flushEvery` puts make a batch).
    func sync(now: Date = day0, put: [PublishedItem] = [], remove: [(String, RemovalReason)] = [],
              flushEvery: Int? = nil) async throws {
        let live = LedgerLiveSource(harness: self)
        let session = try await channel.openSession(SessionContext(now: now, timeZone: shanghai,
                                                                   logger: Logger(label: "test"), live: live))
        var batch: [PublishedItem] = []
        for item in put {
            receipts[item.id] = try await session.put(item)
            batch.append(item)
            if let flushEvery, batch.count == flushEvery {
                try await session.flush()
                for item in batch { ledger[item.id] = item }
                batch = []
            }
        }
        for (id, reason) in remove {
            try await session.remove(id: id, reason: reason)
        }
        try await session.flush()
        for item in batch { ledger[item.id] = item }
        for (id, _) in remove { ledger[id] = nil }
    }

    func file(_ format: FeedFormat) -> URL { folder.file(format.fileName) }
    func text(_ format: FeedFormat) throws -> String { try folder.text(format.fileName) }
    func jsonFeed() throws -> JSONFeedFile { try JSONDecoder().decode(JSONFeedFile.self, from: Data(contentsOf: file(.json))) }
    func xml(_ format: FeedFormat) throws -> XMLTree { try XMLTree.parse(Data(contentsOf: file(format))) }
}

/// The JSON Feed as a reader decodes it.
struct JSONFeedFile: Decodable {
    struct Item: Decodable {
        var id: String
        var url: String?
        var title: String?
        var content_text: String?
        var date_published: String?
        var date_modified: String?
        var tags: [String]?
    }
    var version: String
    var title: String
    var items: [Item]
}

/// A minimal DOM built with XMLParser (namespace-aware), for assertions on the XML files.
final class XMLTree {
    let name: String
    let namespace: String
    let attributes: [String: String]
    var text = ""
    var children: [XMLTree] = []

    init(name: String, namespace: String, attributes: [String: String]) {
        self.name = name
        self.namespace = namespace
        self.attributes = attributes
    }

    /// Direct children named `name` (any namespace unless given).
    func all(_ name: String, namespace: String? = nil) -> [XMLTree] {
        children.filter { $0.name == name && (namespace == nil || $0.namespace == namespace) }
    }

    func first(_ name: String, namespace: String? = nil) -> XMLTree? { all(name, namespace: namespace).first }

    struct ParseError: Error { var message: String }

    static func parse(_ data: Data) throws -> XMLTree {
        let builder = Builder()
        let parser = XMLParser(data: data)
        parser.shouldProcessNamespaces = true
        parser.delegate = builder
        // Strict: corelibs XMLParser may return true for a truncated document.
        guard parser.parse(), parser.parserError == nil, !builder.failed, builder.stack.isEmpty, let root = builder.root else {
            throw ParseError(message: "line \(parser.lineNumber): \(String(describing: parser.parserError))")
        }
        return root
    }

    private final class Builder: NSObject, XMLParserDelegate {
        var root: XMLTree?
        var stack: [XMLTree] = []
        var failed = false
        func parser(_ parser: XMLParser, parseErrorOccurred parseError: any Error) { failed = true }
        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                    attributes: [String: String] = [:]) {
            let node = XMLTree(name: name, namespace: namespaceURI ?? "", attributes: attributes)
            stack.last?.children.append(node)
            if root == nil { root = node }
            stack.append(node)
        }
        func parser(_ parser: XMLParser, foundCharacters string: String) { stack.last?.text += string }
        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            stack.removeLast()
        }
    }
}

let atomNS = "http://www.w3.org/2005/Atom"
let tombstoneNS = "http://purl.org/atompub/tombstones/1.0"

extension XMLTree {
    /// RSS items.
    var rssItems: [XMLTree] { first("channel")?.all("item") ?? [] }
    /// Atom entries.
    var atomEntries: [XMLTree] { all("entry", namespace: atomNS) }
}

/// The ids shown by each of the three files, in file order (entry ids, i.e. tag URIs).
func shownIDs(_ harness: FeedHarness) throws -> (rss: [String], atom: [String], json: [String]) {
    let rss = try harness.xml(.rss).rssItems.map { $0.first("guid")?.text ?? "" }
    let atom = try harness.xml(.atom).atomEntries.map { $0.first("id")?.text ?? "" }
    let json = try harness.jsonFeed().items.map(\.id)
    return (rss, atom, json)
}

/// Modification time of a file.
func mtime(_ url: URL) throws -> Date {
    try FileManager.default.attributesOfItem(atPath: url.path)[.modificationDate] as! Date
}

/// Sets a file's modification time (to tell "rewritten" from "left alone").
func setMtime(_ url: URL, _ date: Date) throws {
    try FileManager.default.setAttributes([.modificationDate: date], ofItemAtPath: url.path)
}
