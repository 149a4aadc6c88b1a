import Foundation
import PubsyncCore
#if canImport(FoundationXML)
import FoundationXML
#endif

/// One entry as read back from a feed file.
struct ReadEntry: Equatable {
    /// guid / id as written.
    var entryID = ""
    var title = ""
    var link = ""
    var text = ""
    var published = ""
    var updated = ""
    /// The pubsync marker's attributes (id, revision, hash, digest), when present.
    var marker: [String: String]?
    /// The enclosures (attachments) as read, in file order.
    var enclosures: [Enclosure] = []

    /// The digest of the fields as read, to compare with the marker's.
    var digest: String { EntryDigest.of([entryID, title, link, text, published, updated], enclosures: enclosures) }
}

/// Reads the adapter's own files back (XMLParser, JSONDecoder), for `inventory()`.
enum FeedReader {
    /// A file that is not a readable feed of its format.
    struct Unreadable: Error, CustomStringConvertible {
        var description: String
    }

    /// The entries of `data` in `format`, in file order.
    static func entries(_ format: FeedFormat, _ data: Data) throws -> [ReadEntry] {
        switch format {
        case .rss:
            return try xml(data, layout: .rss)
        case .atom:
            return try xml(data, layout: .atom)
        case .json:
            let document: JSONFeedDocument
            do {
                document = try JSONDecoder().decode(JSONFeedDocument.self, from: data)
            } catch {
                throw Unreadable(description: "not a JSON Feed: \(error)")
            }
            guard document.version.hasPrefix("https://jsonfeed.org/version/") else {
                throw Unreadable(description: "not a JSON Feed: version is '\(document.version)'")
            }
            return document.items.map { item in
                ReadEntry(entryID: item.id, title: item.title ?? "", link: item.url ?? "", text: item.contentText ?? "",
                          published: item.datePublished ?? "", updated: item.dateModified ?? "",
                          marker: item.pubsync.map {
                              ["id": $0.id, "revision": String($0.revision), "hash": $0.contentHash, "digest": $0.digest]
                          },
                          enclosures: (item.attachments ?? []).map {
                              Enclosure(url: $0.url, length: $0.sizeInBytes ?? -1, type: $0.mimeType, title: $0.title ?? "")
                          })
            }
        }
    }

    /// Whether `data` holds `<?` anywhere but in a leading `<?xml ` declaration.
    static func hasProcessingInstruction(_ data: Data) -> Bool {
        let bytes = [UInt8](data)
        let declaration = Array("<?xml ".utf8)
        for index in bytes.indices.dropLast() where bytes[index] == UInt8(ascii: "<") && bytes[index + 1] == UInt8(ascii: "?") {
            if index == 0 && bytes.starts(with: declaration) { continue }
            return true
        }
        return false
    }

    private static func xml(_ data: Data, layout: XMLLayout) throws -> [ReadEntry] {
        // FoundationXML's XMLParser traps on an element name that is not UTF-8 (`<\u{EA}\u{1B}:x`,
        // found by Scripts/fuzz); pubsync writes UTF-8, so anything else is unreadable here.
        guard String(validating: data, as: UTF8.self) != nil else { throw Unreadable(description: "not UTF-8 text") }
        // It also reads NULL (crashing) for a processing instruction without data (`<?x?>`);
        // pubsync writes none besides the XML declaration, so any other is unreadable here.
        if Self.hasProcessingInstruction(data) { throw Unreadable(description: "a processing instruction other than the XML declaration") }
        let parser = XMLParser(stream: XMLChunks(data: data))
        parser.shouldProcessNamespaces = true
        parser.shouldResolveExternalEntities = false
        let collector = EntryCollector(layout: layout)
        parser.delegate = collector
        let parsed = parser.parse()
        if let problem = collector.problem { throw Unreadable(description: problem) }
        // swift-corelibs-foundation's XMLParser returns true for a document cut off after a
        // closed element (reporting the error only to the delegate and parserError) and for one
        // cut off inside its root (reporting nothing): check every sign.
        if let error = collector.firstError {
            throw Unreadable(description: "not well-formed XML at line \(error.line): \(error.reason)")
        }
        if !parsed || parser.parserError != nil {
            let reason = parser.parserError.map { "\($0)" } ?? "unknown error"
            throw Unreadable(description: "not well-formed XML at line \(parser.lineNumber): \(reason)")
        }
        guard collector.sawRoot else { throw Unreadable(description: "no root element") }
        guard collector.rootClosed else { throw Unreadable(description: "the document ends before its root element closes") }
        return collector.entries
    }
}

/// Where a format keeps its entries and their fields.
struct XMLLayout {
    var root: (namespace: String, name: String)
    var entry: String
    var entryNamespace: String
    /// Text fields: (namespace, local name) → ReadEntry key path.
    var fields: [String: WritableKeyPath<ReadEntry, String>]
    /// Whether the link is `<link href=…>` (Atom) rather than `<link>text</link>` (RSS).
    var linkInAttribute: Bool
    /// Whether the entry text is escaped HTML (RSS `description`), unescaped when read back.
    var textIsEscapedHTML = false

    static func key(_ namespace: String?, _ name: String) -> String { (namespace ?? "") + "|" + name }

    static var rss: XMLLayout { XMLLayout(
        root: ("", "rss"), entry: "item", entryNamespace: "",
        fields: [key("", "guid"): \.entryID, key("", "title"): \.title, key("", "link"): \.link,
                 key("", "description"): \.text, key("", "pubDate"): \.published,
                 key(FeedXML.atomNamespace, "updated"): \.updated],
        linkInAttribute: false, textIsEscapedHTML: true) }

    static var atom: XMLLayout { XMLLayout(
        root: (FeedXML.atomNamespace, "feed"), entry: "entry", entryNamespace: FeedXML.atomNamespace,
        fields: [key(FeedXML.atomNamespace, "id"): \.entryID, key(FeedXML.atomNamespace, "title"): \.title,
                 key(FeedXML.atomNamespace, "content"): \.text, key(FeedXML.atomNamespace, "published"): \.published,
                 key(FeedXML.atomNamespace, "updated"): \.updated],
        linkInAttribute: true) }
}

/// SAX collector of the entries' direct children.
private final class EntryCollector: NSObject, XMLParserDelegate {
    let layout: XMLLayout
    var entries: [ReadEntry] = []
    var sawRoot = false
    var rootClosed = false
    /// The first error libxml2 reported, and where.
    var firstError: (line: Int, reason: String)?
    var problem: String?
    private var depth = 0
    private var entryDepth: Int?
    private var current = ReadEntry()
    private var field: WritableKeyPath<ReadEntry, String>?
    private var buffer = ""

    init(layout: XMLLayout) { self.layout = layout }

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?,
                qualifiedName: String?, attributes: [String: String] = [:]) {
        depth += 1
        let namespace = namespaceURI ?? ""
        if !sawRoot {
            sawRoot = true
            if namespace != layout.root.namespace || name != layout.root.name {
                problem = "root element is '\(qualifiedName ?? name)' in namespace '\(namespace)', not '\(layout.root.name)'"
                parser.abortParsing()
            }
            return
        }
        if entryDepth == nil, name == layout.entry, namespace == layout.entryNamespace {
            entryDepth = depth
            current = ReadEntry()
            return
        }
        guard let entryDepth, depth == entryDepth + 1 else { return }
        if namespace == FeedXML.pubsyncNamespace && name == "item" {
            current.marker = attributes
        } else if layout.linkInAttribute, namespace == layout.entryNamespace, name == "link" {
            let rel = attributes["rel"] ?? "alternate"
            if rel == "alternate" { current.link = attributes["href"] ?? "" }
            if rel == "enclosure" { current.enclosures.append(Self.enclosure(attributes, url: "href")) }
        } else if !layout.linkInAttribute, namespace == layout.entryNamespace, name == "enclosure" {
            current.enclosures.append(Self.enclosure(attributes, url: "url"))
        } else if let path = layout.fields[XMLLayout.key(namespace, name)] {
            field = path
            buffer = ""
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if field != nil { buffer += string }
    }

    /// An enclosure from its attributes (`url` in RSS, `href` in Atom); a missing length reads as -1.
    static func enclosure(_ attributes: [String: String], url: String) -> Enclosure {
        Enclosure(url: attributes[url] ?? "", length: Int(attributes["length"] ?? "") ?? -1, type: attributes["type"] ?? "",
                  title: attributes["title"] ?? "")
    }

    func parser(_ parser: XMLParser, foundCDATA block: Data) {
        if field != nil { buffer += String(decoding: block, as: UTF8.self) }
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        if let path = field, let entryDepth, depth == entryDepth + 1 {
            current[keyPath: path] = path == \ReadEntry.text && layout.textIsEscapedHTML ? Markup.unescape(buffer) : buffer
            field = nil
        } else if let entryDepth, depth == entryDepth {
            entries.append(current)
            self.entryDepth = nil
        }
        if depth == 1 { rootClosed = true }
        depth -= 1
    }

    /// Keeps the first error. (Parsing must not be stopped here: libxml2 may report an error in
    /// the middle of its own work, e.g. switching to a declared encoding, and read on in the
    /// buffers `abortParsing` freed: a crash Scripts/fuzz found. `XMLChunks` bounds the errors.)
    func parser(_ parser: XMLParser, parseErrorOccurred parseError: any Error) {
        if firstError == nil { firstError = (parser.lineNumber, "\(parseError)") }
    }
}

/// The bytes of a document handed to XMLParser 512 at a time: it parses in libxml2's recovery
/// mode, reporting every error of a chunk, but reads no further chunk after one with an error
/// (libxml2 returns that error for it). swift-corelibs-foundation leaks the CFError of each error
/// it reports (`_CFErrorCreateFromXMLInterface`, 72 bytes), and read whole, a file of errors
/// reported them all: 43 KB leaked per 16 KB input, the feed-reader fuzz target's out-of-memory
/// stop. In chunks, at most a chunk's errors are. (pubsync-portal's `XMLChunks` is the same.)
final class XMLChunks: InputStream {
    /// Bytes per chunk: few errors fit, and a feed of 1 MB is 2,048 calls into libxml2.
    static let size = 512

    override func read(_ buffer: UnsafeMutablePointer<UInt8>, maxLength: Int) -> Int {
        super.read(buffer, maxLength: min(maxLength, Self.size))
    }
}
