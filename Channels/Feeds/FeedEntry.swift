import Crypto
import ChannelSupport
import Foundation
import PubsyncCore

/// One entry as the three files show it, computed once from a published item.
struct FeedEntry: Sendable, Hashable {
    /// The item id.
    var id: String
    /// The permanent entry id (`tag:` URI).
    var entryID: String
    /// The published revision.
    var revision: Int
    /// The revision's content hash, embedded so that `inventory()` can report it.
    var contentHash: String
    /// Publication day, and its 00:00 in the run's time zone.
    var published: LocalDate
    var publishedAt: Date
    /// When the revision was approved.
    var updated: Date
    /// Title, XML-safe and on one line.
    var title: String
    /// The post: the cut text, a space, the link.
    var text: String
    /// The item's public address.
    var link: String
    /// Category (column) and publishing body, both XML-safe.
    var category: String
    var unit: String
    /// The entry's categories: the column, then 主题分类, 体裁 and 有效性 when set (XML-safe, no duplicates).
    var categories: [String]
    /// The item's attachments where the site serves them, in order (RSS shows the first).
    var enclosures: [Enclosure]

    /// Builds the entry of `item` under `config`, dating it in `timeZone`.
    init(_ item: PublishedItem, config: FeedConfig, timeZone: TimeZone) {
        id = item.id
        entryID = config.entryID(item.id)
        revision = item.revision
        contentHash = item.contentHash
        published = item.published
        publishedAt = FeedDates.startOfDay(item.published, in: timeZone)
        updated = item.updated
        title = FeedText.singleLine(item.title)
        link = FeedText.singleLine(config.itemURL(item.id))
        category = FeedText.singleLine(item.category)
        unit = FeedText.singleLine(item.unit)
        var categories: [String] = []
        for term in [item.category, item.metadata.subject, item.metadata.genre, item.validity?.rawValue ?? ""] {
            let clean = FeedText.singleLine(term)
            if !clean.isEmpty && !categories.contains(clean) { categories.append(clean) }
        }
        self.categories = categories
        enclosures = item.attachments.map { Enclosure($0, config: config) }
        var source = FeedText.singleLine(item.summary)
        if source.isEmpty { source = MarkdownRenderer().plainText(from: item.body) }
        if source.isEmpty { source = title }
        text = FeedText.cut(source, limit: config.textLimit) + " " + link
    }

    /// The newer of the two entries' times (for the feed's own update time).
    var latest: Date { max(publishedAt, updated) }
}

/// An attachment as a feed links it: RSS `enclosure`, Atom `link rel="enclosure"`, JSON Feed `attachments`.
struct Enclosure: Sendable, Hashable {
    /// Where the site serves the file (`FeedConfig.fileURL`).
    var url: String
    /// Bytes.
    var length: Int
    /// Media type.
    var type: String
    /// The title shown for it (single line, XML-safe).
    var title: String

    init(_ attachment: Attachment, config: FeedConfig) {
        url = config.fileURL(attachment)
        length = attachment.size
        type = FeedText.singleLine(attachment.mediaType)
        title = FeedText.singleLine(attachment.title)
    }

    init(url: String, length: Int, type: String, title: String) {
        self.url = url
        self.length = length
        self.type = type
        self.title = title
    }

    /// What the entry digest covers of it: `url length type` (every format carries these three).
    var digestLine: String { "\(url) \(length) \(type)" }
}

/// Feed order: publication date descending, then id descending (the ledger's order).
func isNewer(_ a: PublishedItem, than b: PublishedItem) -> Bool {
    a.published != b.published ? a.published > b.published : a.id > b.id
}

/// A tamper check of one written entry: SHA-256 over the fields exactly as written in one file.
/// `inventory()` recomputes it from what it parses, so a hand edit shows as a changed hash.
enum EntryDigest {
    /// The digest (hex) of the fields, in the order the writer and the reader agree on:
    /// id, title, link, text, published, updated, then each enclosure the file shows.
    static func of(_ fields: [String], enclosures: [Enclosure]) -> String {
        of(fields + enclosures.map(\.digestLine))
    }

    /// The digest (hex) of single-line fields.
    static func of(_ fields: [String]) -> String {
        // Fields are single-line and XML-safe, so a newline cannot occur inside one.
        let digest = SHA256.hash(data: Data(fields.joined(separator: "\n").utf8))
        return Hex.string(digest.prefix(16))
    }
}
