import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

extension IncomingItem {
    /// Parses `<item>` with the fields as child elements (FoundationXML's XMLParser, i.e. libxml2).
    static func fromXML(_ data: Data) throws -> IncomingItem {
        // FoundationXML's XMLParser traps (stopping the portal) on an element name that is not
        // UTF-8, e.g. `<\u{EA}\u{1B}:x>` (found by Scripts/fuzz in the feed reader).
        guard String(validating: data, as: UTF8.self) != nil else { throw PortalRequestError.bad("body is not UTF-8 text") }
        // And reads NULL (crashing) for a processing instruction without data (`<?x?>`): only the
        // XML declaration may open with `<?` (found by Scripts/fuzz in the feed reader).
        let bytes = [UInt8](data)
        let declaration = Array("<?xml ".utf8)
        for index in bytes.indices.dropLast() where bytes[index] == UInt8(ascii: "<") && bytes[index + 1] == UInt8(ascii: "?") {
            guard index == 0 && bytes.starts(with: declaration) else {
                throw PortalRequestError.bad("body holds a processing instruction; only the XML declaration is accepted")
            }
        }
        let collector = ItemXMLCollector()
        let parser = XMLParser(stream: XMLChunks(data: data))
        parser.shouldResolveExternalEntities = false
        parser.delegate = collector
        guard parser.parse(), collector.problem == nil else {
            throw PortalRequestError.bad(collector.problem ?? "body is not well-formed XML")
        }
        guard collector.sawRoot else { throw PortalRequestError.bad("body must be an <item> element") }
        let fields = collector.fields
        var item = IncomingItem()
        item.id = fields["id"]
        if let text = fields["revision"] {
            guard let revision = Int(text.trimmingCharacters(in: .whitespacesAndNewlines)) else {
                throw PortalRequestError.bad("field 'revision' must be an integer")
            }
            item.revision = revision
        }
        item.contentHash = fields["content_hash"]
        item.title = fields["title"]
        item.summary = fields["summary"]
        item.bodyHTML = fields["body_html"]
        item.category = fields["category"]
        item.unit = fields["unit"]
        item.indexNumber = fields["index_number"]
        item.docNumber = fields["doc_number"]
        item.published = fields["published"]
        item.url = fields["url"]
        item.written = fields["written"]
        item.subject = fields["subject"]
        item.genre = fields["genre"]
        item.effective = fields["effective"]
        item.validUntil = fields["valid_until"]
        item.repealed = fields["repealed"]
        item.repealedBy = fields["repealed_by"]
        item.validity = fields["validity"]
        item.keywords = collector.keywords
        if let files = collector.attachments {
            item.attachments = try files.enumerated().map { index, fields in
                var file = IncomingAttachment(sha256: fields["sha256"], name: fields["name"], title: fields["title"],
                                              mediaType: fields["media_type"])
                if let text = fields["size"] {
                    guard let size = Int(text.trimmingCharacters(in: .whitespacesAndNewlines)) else {
                        throw PortalRequestError.bad("field 'attachments[\(index)].size' must be an integer")
                    }
                    file.size = size
                }
                return file
            }
        }
        return item
    }
}

/// The child elements of an `<attachment>`.
enum AttachmentXML {
    static let fields: Set<String> = ["sha256", "name", "title", "size", "media_type"]
}

/// Collects the text of each child element of the root `<item>`.
private final class ItemXMLCollector: NSObject, XMLParserDelegate {
    var fields: [String: String] = [:]
    /// `<keywords><keyword>…</keyword>…</keywords>`: the one field that holds a list.
    var keywords: [String]?
    /// `<attachments><attachment><sha256>…</sha256>…</attachment>…</attachments>`: the fields of each file.
    var attachments: [[String: String]]?
    var problem: String?
    var sawRoot = false
    private var depth = 0
    private var current: String?
    private var text = ""
    /// The depth of the element being skipped: a child of `<item>` or of an `<attachment>` that
    /// is no field of the API, skipped whole as the JSON decoder skips an unknown key
    /// (schemathesis found such elements refused when they had children).
    private var skipping: Int?
    /// The child elements of `<item>` the API names.
    static let knownFields = Set(IncomingItem.CodingKeys.allCases.map(\.rawValue))

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?,
                qualifiedName: String?, attributes: [String: String] = [:]) {
        depth += 1
        if skipping != nil { return }
        if (depth == 2 && !Self.knownFields.contains(name))
            || (depth == 4 && current == "attachments" && !AttachmentXML.fields.contains(name)) {
            skipping = depth
            return
        }
        if depth == 1 {
            if name == "item" { sawRoot = true } else { fail(parser, "body must be an <item> element, not <\(name)>") }
        } else if depth == 2 {
            current = name
            text = ""
            if name == "keywords" { keywords = keywords ?? [] }
            if name == "attachments" { attachments = attachments ?? [] }
        } else if depth == 3 && current == "keywords" && name == "keyword" {
            text = ""
        } else if depth == 3 && current == "attachments" && name == "attachment" {
            attachments?.append([:])
        } else if depth == 4 && current == "attachments" && AttachmentXML.fields.contains(name) {
            text = ""
        } else {
            fail(parser, "field '\(current ?? name)' must hold text, not elements")
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if depth >= 2 && skipping == nil { text += string }
    }

    func parser(_ parser: XMLParser, foundCDATA block: Data) {
        if depth >= 2 && skipping == nil { text += String(decoding: block, as: UTF8.self) }
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        if let skipped = skipping {
            if depth == skipped { skipping = nil }
            depth -= 1
            return
        }
        if depth == 4, var files = attachments, !files.isEmpty {
            if files[files.count - 1][name] != nil { fail(parser, "field 'attachments' repeats <\(name)> in one <attachment>") }
            files[files.count - 1][name] = text
            attachments = files
            text = ""
        } else if depth == 3 && current == "attachments" {
            text = ""
        } else if depth == 2, current == "attachments" {
            if fields["attachments"] != nil { fail(parser, "field 'attachments' appears twice") }
            fields["attachments"] = ""
            current = nil
        } else if depth == 3 {
            keywords?.append(text)
            text = ""
        } else if depth == 2, current == "keywords" {
            if fields["keywords"] != nil { fail(parser, "field 'keywords' appears twice") }
            fields["keywords"] = ""
            current = nil
        } else if depth == 2, let current {
            if fields[current] != nil { fail(parser, "field '\(current)' appears twice") }
            fields[current] = text
            self.current = nil
        }
        depth -= 1
    }

    private func fail(_ parser: XMLParser, _ message: String) {
        if problem == nil { problem = message }
        parser.abortParsing()
    }
}

/// A body handed to XMLParser 512 bytes at a time: it parses in libxml2's recovery mode,
/// reporting every error of a chunk, but reads no further chunk after one with an error.
/// swift-corelibs-foundation leaks the CFError of each error it reports (72 bytes): read whole,
/// a 2 MB body of errors leaked tens of MB of this long-running server. (Stopping the parser from
/// the error callback instead crashed libxml2, found by Scripts/fuzz in the feed reader, whose
/// `XMLChunks` this is.)
final class XMLChunks: InputStream {
    override func read(_ buffer: UnsafeMutablePointer<UInt8>, maxLength: Int) -> Int {
        super.read(buffer, maxLength: min(maxLength, 512))
    }
}
