import Foundation

/// One item as the portal stores it (the fields of the Portal Push API's PUT body).
struct PortalItem: Sendable, Equatable {
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
    /// The disclosure metadata (part two); empty for clients that send none.
    var disclosure = PortalDisclosure()
    /// The files it carries, in order (their bytes were PUT to `{base}/files/{sha256}` first).
    var attachments: [PortalAttachment] = []

    /// The fields as sorted-key JSON: what "the same body" means for idempotency.
    func canonicalEncoding() throws -> Data {
        var object: [String: Any] = [
            "id": id, "revision": revision, "content_hash": contentHash, "title": title, "summary": summary,
            "body_html": bodyHTML, "category": category, "unit": unit, "index_number": indexNumber,
            "doc_number": docNumber, "published": published, "url": url,
        ]
        object.merge(disclosure.fields) { _, new in new }
        // Left out when empty, so bodies stored before attachments existed still compare equal.
        if !attachments.isEmpty { object["attachments"] = attachments.map(\.fields) }
        return try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
    }
}

/// The disclosure metadata fields of the Portal Push API body.
struct PortalDisclosure: Sendable, Equatable {
    var written = ""
    var subject = ""
    var genre = ""
    var keywords: [String] = []
    var effective = ""
    var validUntil = ""
    var repealed = ""
    var repealedBy = ""
    var validity = ""

    /// The text fields by their API names (keywords apart).
    static let textKeys = ["written", "subject", "genre", "effective", "valid_until", "repealed", "repealed_by", "validity"]
    /// The fields that hold a date.
    static let dateKeys: Set<String> = ["written", "effective", "valid_until", "repealed"]
    /// The validity values the portal accepts.
    static let validities: Set<String> = ["", "有效", "失效", "废止"]

    /// Every field by its API name.
    var fields: [String: Any] {
        var result: [String: Any] = ["keywords": keywords]
        for key in Self.textKeys { result[key] = self[key] }
        return result
    }

    /// A text field by its API name.
    subscript(key: String) -> String {
        get {
            switch key {
            case "written": return written
            case "subject": return subject
            case "genre": return genre
            case "effective": return effective
            case "valid_until": return validUntil
            case "repealed": return repealed
            case "repealed_by": return repealedBy
            case "validity": return validity
            default: return ""
            }
        }
        set {
            switch key {
            case "written": written = newValue
            case "subject": subject = newValue
            case "genre": genre = newValue
            case "effective": effective = newValue
            case "valid_until": validUntil = newValue
            case "repealed": repealed = newValue
            case "repealed_by": repealedBy = newValue
            case "validity": validity = newValue
            default: break
            }
        }
    }
}

/// A request the portal refuses, with the status and the message naming the field.
struct PortalRequestError: Error, Sendable {
    var status: Int
    var message: String

    static func bad(_ message: String) -> PortalRequestError { .init(status: 400, message: message) }
    static func unprocessable(_ message: String) -> PortalRequestError { .init(status: 422, message: message) }
}

/// The body fields before validation; every field optional so a missing one can be named.
struct IncomingItem: Decodable, Sendable {
    var id: String?
    var revision: Int?
    var contentHash: String?
    var title: String?
    var summary: String?
    var bodyHTML: String?
    var category: String?
    var unit: String?
    var indexNumber: String?
    var docNumber: String?
    var published: String?
    var url: String?
    var written: String?
    var subject: String?
    var genre: String?
    var keywords: [String]?
    var effective: String?
    var validUntil: String?
    var repealed: String?
    var repealedBy: String?
    var validity: String?
    var attachments: [IncomingAttachment]?

    enum CodingKeys: String, CodingKey, CaseIterable {
        case id, revision, title, summary, category, unit, published, url
        case contentHash = "content_hash", bodyHTML = "body_html", indexNumber = "index_number"
        case docNumber = "doc_number"
        case written, subject, genre, keywords, effective, repealed, validity, attachments
        case validUntil = "valid_until", repealedBy = "repealed_by"
    }

    /// The disclosure text fields by API name.
    var disclosureTexts: [String: String?] {
        ["written": written, "subject": subject, "genre": genre, "effective": effective, "valid_until": validUntil,
         "repealed": repealed, "repealed_by": repealedBy, "validity": validity]
    }

    /// Decodes a JSON object; type errors become 400 naming the field.
    static func fromJSON(_ data: Data) throws -> IncomingItem {
        do {
            return try JSONDecoder().decode(IncomingItem.self, from: data)
        } catch DecodingError.typeMismatch(let type, let context) {
            let field = context.codingPath.first?.stringValue ?? "body"
            // An attachment's field is named with its place, e.g. `attachments[0].size`.
            let path = field != "attachments" ? field : String(context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined().dropFirst())
            let expected: String
            if type == Int.self {
                expected = "an integer"
            } else if field == "keywords" {
                expected = "a list of strings"
            } else if path == "attachments" {
                expected = "a list of objects"
            } else if field == "attachments" && context.codingPath.count == 2 {
                expected = "an object"
            } else {
                expected = "a string"
            }
            throw PortalRequestError.bad(field == "body" ? "body must be a JSON object" : "field '\(path)' must be \(expected)")
        } catch {
            throw PortalRequestError.bad("body is not valid JSON")
        }
    }

    /// Checks every field: missing or mistyped → 400, present but unacceptable → 422.
    func validated(pathID: String) throws -> PortalItem {
        func required(_ value: String?, _ key: CodingKeys) throws -> String {
            guard let value else { throw PortalRequestError.bad("field '\(key.rawValue)' is missing") }
            return value
        }
        let id = try required(id, .id)
        guard let revision else { throw PortalRequestError.bad("field 'revision' is missing") }
        let hash = try required(contentHash, .contentHash)
        let title = try required(title, .title)
        let category = try required(category, .category)
        let published = try required(published, .published)
        guard id == pathID else {
            throw PortalRequestError.unprocessable("field 'id' (\(id)) does not match the id in the URL (\(pathID))")
        }
        guard revision >= 1 else { throw PortalRequestError.unprocessable("field 'revision' must be at least 1") }
        guard hash.utf8.count == 64, hash.utf8.allSatisfy({ ($0 >= 48 && $0 <= 57) || ($0 >= 97 && $0 <= 102) }) else {
            throw PortalRequestError.unprocessable("field 'content_hash' must be 64 lowercase hex digits")
        }
        guard !title.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw PortalRequestError.unprocessable("field 'title' must not be empty")
        }
        guard title.count <= 500 else { throw PortalRequestError.unprocessable("field 'title' is longer than 500 characters") }
        guard !category.isEmpty else { throw PortalRequestError.unprocessable("field 'category' must not be empty") }
        guard Self.isDate(published) else {
            throw PortalRequestError.unprocessable("field 'published' must be a date YYYY-MM-DD, not '\(published.prefix(40))'")
        }
        let url = url ?? ""
        guard url.isEmpty || url.hasPrefix("https://") || url.hasPrefix("http://") else {
            throw PortalRequestError.unprocessable("field 'url' must be an http(s) URL")
        }
        var disclosure = PortalDisclosure()
        for (key, value) in disclosureTexts {
            let value = value ?? ""
            if PortalDisclosure.dateKeys.contains(key) && !value.isEmpty && !Self.isDate(value) {
                throw PortalRequestError.unprocessable("field '\(key)' must be a date YYYY-MM-DD or empty, not '\(value.prefix(40))'")
            }
            disclosure[key] = value
        }
        guard PortalDisclosure.validities.contains(disclosure.validity) else {
            throw PortalRequestError.unprocessable("field 'validity' must be 有效, 失效, 废止 or empty")
        }
        disclosure.keywords = keywords ?? []
        let files = try (attachments ?? []).enumerated().map { try $0.element.validated(index: $0.offset) }
        guard files.count <= 100 else { throw PortalRequestError.unprocessable("field 'attachments' holds more than 100 files") }
        return PortalItem(id: id, revision: revision, contentHash: hash, title: title, summary: summary ?? "",
                          bodyHTML: bodyHTML ?? "", category: category, unit: unit ?? "",
                          indexNumber: indexNumber ?? "", docNumber: docNumber ?? "", published: published, url: url,
                          disclosure: disclosure, attachments: files)
    }

    /// `YYYY-MM-DD` naming a real calendar day.
    static func isDate(_ text: String) -> Bool {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard text.utf8.count == 10, parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]),
              text.utf8.allSatisfy({ $0 == 45 || ($0 >= 48 && $0 <= 57) }),
              (1...12).contains(month), day >= 1 else { return false }
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
        let days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
        return day <= days && year >= 1
    }
}
