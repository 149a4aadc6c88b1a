import Foundation
import PubsyncCore
#if canImport(FoundationXML)
import FoundationXML
#endif

extension FeedWriter {
    /// Atom (RFC 4287), entries then RFC 6721 tombstones (`ref` and `when` only).
    static func atom(_ entries: [FeedEntry], tombstones: [Tombstone], config: FeedConfig, timeZone: TimeZone) -> Data {
        let root = XMLElement(name: "feed")
        FeedXML.declare("", FeedXML.atomNamespace, on: root)
        FeedXML.declare("at", FeedXML.tombstoneNamespace, on: root)
        FeedXML.declare("ps", FeedXML.pubsyncNamespace, on: root)
        root.addAttribute(FeedXML.attribute("xml:lang", "zh-CN"))
        root.addChild(FeedXML.element("id", config.feedID))
        root.addChild(FeedXML.element("title", config.title, attributes: [("type", "text")]))
        root.addChild(FeedXML.element("updated", Timestamp.rfc3339(feedUpdated(entries, tombstones), in: timeZone)))
        root.addChild(FeedXML.element("link", attributes: [("rel", "alternate"), ("type", "text/html"), ("href", config.homeURL)]))
        let author = XMLElement(name: "author")
        author.addChild(FeedXML.element("name", config.title))
        root.addChild(author)
        root.addChild(FeedXML.element("generator", "pubsync"))
        for entry in entries {
            let published = Timestamp.rfc3339(entry.publishedAt, in: timeZone)
            let updated = Timestamp.rfc3339(entry.updated, in: timeZone)
            let node = XMLElement(name: "entry")
            node.addChild(FeedXML.element("id", entry.entryID))
            node.addChild(FeedXML.element("title", entry.title, attributes: [("type", "text")]))
            node.addChild(FeedXML.element("link", attributes: [("rel", "alternate"), ("type", "text/html"), ("href", entry.link)]))
            for file in entry.enclosures {
                node.addChild(FeedXML.element("link", attributes: [("rel", "enclosure"), ("type", file.type), ("href", file.url),
                                                                   ("length", String(file.length)), ("title", file.title)]))
            }
            node.addChild(FeedXML.element("published", published))
            node.addChild(FeedXML.element("updated", updated))
            if !entry.unit.isEmpty {
                let unit = XMLElement(name: "author")
                unit.addChild(FeedXML.element("name", entry.unit))
                node.addChild(unit)
            }
            for term in entry.categories { node.addChild(FeedXML.element("category", attributes: [("term", term)])) }
            node.addChild(FeedXML.element("content", entry.text, attributes: [("type", "text")]))
            let digest = EntryDigest.of([entry.entryID, entry.title, entry.link, entry.text, published, updated], enclosures: entry.enclosures)
            node.addChild(FeedXML.marker(entry, digest: digest))
            root.addChild(node)
        }
        for tombstone in tombstones {
            root.addChild(FeedXML.element("at:deleted-entry", attributes: [
                ("ref", tombstone.ref), ("when", Timestamp.rfc3339(tombstone.date, in: timeZone)),
            ]))
        }
        return FeedXML.data(root)
    }
}
