import ChannelSupport
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import PubsyncCore

/// The PUT body of the Portal Push API, as JSON or as `<item>` XML.
struct PortalPayload: Encodable, Sendable {
    var id: String
    var revision: Int
    var contentHash: String
    var title: String
    var summary: String
    var bodyHTML: String
    var category: String
    var unit: String
    var indexNumber: String
    var docNumber: String
    var published: String
    var url: String
    // Disclosure metadata (part two): dates `YYYY-MM-DD` or empty, `validity` 有效/失效/废止 or empty.
    var written: String
    var subject: String
    var genre: String
    var keywords: [String]
    var effective: String
    var validUntil: String
    var repealed: String
    var repealedBy: String
    var validity: String
    /// The item's files, each PUT to `{url}/files/{sha256}` before the item.
    var attachments: [File]

    /// One `attachments` entry: `{sha256, name, title, size, media_type}`.
    struct File: Encodable, Sendable {
        var sha256: String
        var name: String
        var title: String
        var size: Int
        var mediaType: String

        enum CodingKeys: String, CodingKey, CaseIterable {
            case sha256, name, title, size
            case mediaType = "media_type"
        }

        init(_ attachment: Attachment) {
            sha256 = attachment.sha256
            name = attachment.name
            title = attachment.title
            size = attachment.size
            mediaType = attachment.mediaType
        }

        /// The fields as XML text, in `CodingKeys` order.
        var xmlValues: [(CodingKeys, String)] {
            [(.sha256, sha256), (.name, name), (.title, title), (.size, String(size)), (.mediaType, mediaType)]
        }
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case id, revision
        case contentHash = "content_hash"
        case title, summary
        case bodyHTML = "body_html"
        case category, unit
        case indexNumber = "index_number"
        case docNumber = "doc_number"
        case published, url
        case written, subject, genre, keywords, effective
        case validUntil = "valid_until"
        case repealed
        case repealedBy = "repealed_by"
        case validity
        case attachments
    }

    init(_ item: PublishedItem, publicURL: String) {
        id = item.id
        revision = item.revision
        contentHash = item.contentHash
        title = item.title
        summary = item.summary
        bodyHTML = MarkdownRenderer().html(from: item.body)
        category = item.category
        unit = item.unit
        indexNumber = item.indexNumber
        docNumber = item.docNumber
        published = item.published.description
        url = publicURL
        let metadata = item.metadata
        written = metadata.written?.description ?? ""
        subject = metadata.subject
        genre = metadata.genre
        keywords = metadata.keywords
        effective = metadata.effective?.description ?? ""
        validUntil = metadata.validUntil?.description ?? ""
        repealed = metadata.repealed?.description ?? ""
        repealedBy = metadata.repealedBy
        validity = item.validity?.rawValue ?? ""
        attachments = item.attachments.map(File.init)
    }

    func json() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(self)
    }

    /// Built with FoundationXML's XMLDocument (libxml2 escapes), never by string concatenation.
    func xml() -> Data {
        let root = XMLElement(name: "item")
        let values: [(CodingKeys, String)] = [
            (.id, id), (.revision, String(revision)), (.contentHash, contentHash), (.title, title), (.summary, summary),
            (.bodyHTML, bodyHTML), (.category, category), (.unit, unit), (.indexNumber, indexNumber),
            (.docNumber, docNumber), (.published, published), (.url, url), (.written, written), (.subject, subject),
            (.genre, genre), (.effective, effective), (.validUntil, validUntil), (.repealed, repealed),
            (.repealedBy, repealedBy), (.validity, validity),
        ]
        for (key, value) in values {
            root.addChild(XMLElement(name: key.rawValue, stringValue: Markup.xmlSafe(value)))
        }
        let list = XMLElement(name: CodingKeys.keywords.rawValue)
        for keyword in keywords { list.addChild(XMLElement(name: "keyword", stringValue: Markup.xmlSafe(keyword))) }
        root.addChild(list)
        let files = XMLElement(name: CodingKeys.attachments.rawValue)
        for file in attachments {
            let element = XMLElement(name: "attachment")
            for (key, value) in file.xmlValues { element.addChild(XMLElement(name: key.rawValue, stringValue: Markup.xmlSafe(value))) }
            files.addChild(element)
        }
        root.addChild(files)
        let document = XMLDocument(rootElement: root)
        document.version = "1.0"
        document.characterEncoding = "UTF-8"
        return document.xmlData(options: [])
    }
}
