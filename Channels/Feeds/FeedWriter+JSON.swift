import Foundation
import PubsyncCore

/// JSON Feed 1.1 (https://jsonfeed.org/version/1.1), the subset pubsync writes and reads back.
struct JSONFeedDocument: Codable {
    /// The spec's version URL.
    static let versionURL = "https://jsonfeed.org/version/1.1"

    struct Author: Codable { var name: String }

    /// A JSON Feed attachment.
    struct Attachment: Codable {
        var url: String
        var mimeType: String
        var title: String?
        var sizeInBytes: Int?
        enum CodingKeys: String, CodingKey {
            case url, title
            case mimeType = "mime_type", sizeInBytes = "size_in_bytes"
        }
    }

    /// pubsync's extension object (JSON Feed allows keys starting with `_`).
    struct Marker: Codable {
        var id: String
        var revision: Int
        var contentHash: String
        var digest: String
        enum CodingKeys: String, CodingKey { case id, revision, contentHash = "content_hash", digest }
    }

    struct Item: Codable {
        var id: String
        var url: String?
        var title: String?
        var contentText: String?
        var datePublished: String?
        var dateModified: String?
        var tags: [String]?
        var authors: [Author]?
        var attachments: [Attachment]?
        var pubsync: Marker?
        enum CodingKeys: String, CodingKey {
            case id, url, title, tags, authors, attachments
            case contentText = "content_text", datePublished = "date_published", dateModified = "date_modified"
            case pubsync = "_pubsync"
        }
    }

    var version: String
    var title: String
    var homePageURL: String?
    var language: String?
    var authors: [Author]?
    var items: [Item]
    enum CodingKeys: String, CodingKey {
        case version, title, language, authors, items
        case homePageURL = "home_page_url"
    }
}

extension FeedWriter {
    /// JSON Feed 1.1, keys sorted so that the same window always gives the same bytes.
    static func json(_ entries: [FeedEntry], config: FeedConfig, timeZone: TimeZone) throws -> Data {
        let items = entries.map { entry -> JSONFeedDocument.Item in
            let published = Timestamp.rfc3339(entry.publishedAt, in: timeZone)
            let updated = Timestamp.rfc3339(entry.updated, in: timeZone)
            let digest = EntryDigest.of([entry.entryID, entry.title, entry.link, entry.text, published, updated], enclosures: entry.enclosures)
            return JSONFeedDocument.Item(
                id: entry.entryID, url: entry.link, title: entry.title, contentText: entry.text,
                datePublished: published, dateModified: updated,
                tags: entry.categories.isEmpty ? nil : entry.categories,
                authors: entry.unit.isEmpty ? nil : [.init(name: entry.unit)],
                attachments: entry.enclosures.isEmpty ? nil : entry.enclosures.map {
                    .init(url: $0.url, mimeType: $0.type, title: $0.title, sizeInBytes: $0.length)
                },
                pubsync: .init(id: entry.id, revision: entry.revision, contentHash: entry.contentHash, digest: digest))
        }
        let title = FeedText.singleLine(config.title)
        let document = JSONFeedDocument(version: JSONFeedDocument.versionURL, title: title,
                                        homePageURL: Markup.xmlSafe(config.homeURL), language: "zh-CN",
                                        authors: [.init(name: title)], items: items)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        var data = try encoder.encode(document)
        data.append(UInt8(ascii: "\n"))
        return data
    }
}
