import Foundation
import PubsyncCore
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Small helpers over FoundationXML (libxml2): the library does all escaping; every string
/// passes `Markup.xmlSafe` first because libxml2 writes forbidden characters through.
enum FeedXML {
    /// Atom's namespace (RFC 4287); also used for `atom:updated` in RSS.
    static let atomNamespace = "http://www.w3.org/2005/Atom"
    /// RFC 6721 tombstones.
    static let tombstoneNamespace = "http://purl.org/atompub/tombstones/1.0"
    /// pubsync's own entry marker (revision, content hash, digest), ignored by readers.
    static let pubsyncNamespace = "urn:pubsync:feed"

    /// An element holding `text` (escaped by the library).
    static func element(_ name: String, _ text: String, attributes: [(String, String)] = []) -> XMLElement {
        let node = XMLElement(name: name, stringValue: Markup.xmlSafe(text))
        for (key, value) in attributes { node.addAttribute(attribute(key, value)) }
        return node
    }

    /// An empty element with attributes.
    static func element(_ name: String, attributes: [(String, String)]) -> XMLElement {
        let node = XMLElement(name: name)
        for (key, value) in attributes { node.addAttribute(attribute(key, value)) }
        return node
    }

    /// An attribute node (value escaped by the library).
    static func attribute(_ name: String, _ value: String) -> XMLNode {
        XMLNode.attribute(withName: name, stringValue: Markup.xmlSafe(value)) as! XMLNode
    }

    /// Declares `prefix` (empty for the default namespace) on `element`.
    static func declare(_ prefix: String, _ uri: String, on element: XMLElement) {
        element.addNamespace(XMLNode.namespace(withName: prefix, stringValue: uri) as! XMLNode)
    }

    /// The pubsync marker of an entry: item id, revision, content hash, and the digest of the
    /// entry's fields as written in this file.
    static func marker(_ entry: FeedEntry, digest: String) -> XMLElement {
        element("ps:item", attributes: [
            ("id", entry.id), ("revision", String(entry.revision)), ("hash", entry.contentHash), ("digest", digest),
        ])
    }

    /// The serialized document: XML declaration, UTF-8, indented.
    static func data(_ root: XMLElement) -> Data {
        let document = XMLDocument(rootElement: root)
        document.version = "1.0"
        document.characterEncoding = "UTF-8"
        var data = document.xmlData(options: [.nodePrettyPrint, .nodeCompactEmptyElement])
        if data.last != UInt8(ascii: "\n") { data.append(UInt8(ascii: "\n")) }
        return data
    }
}

/// The three renderings of a feed window.
enum FeedWriter {
    /// The feed's own update time: the newest entry or tombstone time; the epoch when empty,
    /// so that an unchanged feed renders to the same bytes on every run.
    static func feedUpdated(_ entries: [FeedEntry], _ tombstones: [Tombstone]) -> Date {
        let times = entries.map(\.latest) + tombstones.map(\.date)
        return times.max() ?? Date(timeIntervalSince1970: 0)
    }

    /// The file contents of `format`.
    static func render(_ format: FeedFormat, entries: [FeedEntry], tombstones: [Tombstone],
                       config: FeedConfig, timeZone: TimeZone) throws -> Data {
        switch format {
        case .rss: return rss(entries, tombstones: tombstones, config: config, timeZone: timeZone)
        case .atom: return atom(entries, tombstones: tombstones, config: config, timeZone: timeZone)
        case .json: return try json(entries, config: config, timeZone: timeZone)
        }
    }
}
