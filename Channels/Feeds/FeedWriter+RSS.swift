import Foundation
import PubsyncCore
#if canImport(FoundationXML)
import FoundationXML
#endif

extension FeedWriter {
    /// RSS 2.0: `guid isPermaLink="false"` carries the tag URI; `atom:updated` the update time.
    static func rss(_ entries: [FeedEntry], tombstones: [Tombstone], config: FeedConfig, timeZone: TimeZone) -> Data {
        let root = FeedXML.element("rss", attributes: [("version", "2.0")])
        FeedXML.declare("atom", FeedXML.atomNamespace, on: root)
        FeedXML.declare("ps", FeedXML.pubsyncNamespace, on: root)
        let channel = XMLElement(name: "channel")
        channel.addChild(FeedXML.element("title", config.title))
        channel.addChild(FeedXML.element("link", config.homeURL))
        channel.addChild(FeedXML.element("description", config.title))
        channel.addChild(FeedXML.element("language", "zh-cn"))
        channel.addChild(FeedXML.element("lastBuildDate", Timestamp.rfc822(feedUpdated(entries, tombstones), in: timeZone)))
        channel.addChild(FeedXML.element("generator", "pubsync"))
        for entry in entries {
            let published = Timestamp.rfc822(entry.publishedAt, in: timeZone)
            let updated = Timestamp.rfc3339(entry.updated, in: timeZone)
            let item = XMLElement(name: "item")
            item.addChild(FeedXML.element("title", entry.title))
            item.addChild(FeedXML.element("link", entry.link))
            // RSS readers take a description as HTML: the plain text goes in escaped, so a
            // `<b>` in a summary stays text and never becomes markup (or a script) there.
            item.addChild(FeedXML.element("description", Markup.escape(entry.text)))
            for term in entry.categories { item.addChild(FeedXML.element("category", term)) }
            item.addChild(FeedXML.element("guid", entry.entryID, attributes: [("isPermaLink", "false")]))
            item.addChild(FeedXML.element("pubDate", published))
            item.addChild(FeedXML.element("atom:updated", updated))
            // RSS 2.0 allows one enclosure per item: the first attachment.
            let enclosures = Array(entry.enclosures.prefix(1))
            for file in enclosures {
                item.addChild(FeedXML.element("enclosure", attributes: [("url", file.url), ("length", String(file.length)), ("type", file.type)]))
            }
            let digest = EntryDigest.of([entry.entryID, entry.title, entry.link, entry.text, published, updated], enclosures: enclosures)
            item.addChild(FeedXML.marker(entry, digest: digest))
            channel.addChild(item)
        }
        root.addChild(channel)
        return FeedXML.data(root)
    }
}
