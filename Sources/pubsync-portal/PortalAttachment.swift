import Foundation

/// A file an item carries, as the Portal Push API names it: the bytes were PUT to
/// `{base}/files/{sha256}` before the item.
struct PortalAttachment: Sendable, Equatable {
    var sha256: String
    var name: String
    var title: String
    var size: Int
    var mediaType: String

    /// The API object (`{sha256, name, title, size, media_type}`).
    var fields: [String: any Sendable] {
        ["sha256": sha256, "name": name, "title": title, "size": size, "media_type": mediaType]
    }

    /// Whether `text` is 64 lower-case hex digits.
    static func isValidHash(_ text: String) -> Bool {
        text.utf8.count == 64 && text.utf8.allSatisfy { ($0 >= 48 && $0 <= 57) || ($0 >= 97 && $0 <= 102) }
    }

    /// Whether `text` looks like a media type (`type/subtype`, printable ASCII, no spaces).
    static func isValidMediaType(_ text: String) -> Bool {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        return parts.count == 2 && !parts[0].isEmpty && !parts[1].isEmpty && text.utf8.count <= 255
            && text.utf8.allSatisfy { $0 > 32 && $0 < 127 && $0 != UInt8(ascii: ";") && $0 != UInt8(ascii: ",") }
    }
}

/// An `attachments` entry before validation; every field optional so a missing one can be named.
struct IncomingAttachment: Decodable, Sendable {
    var sha256: String?
    var name: String?
    var title: String?
    var size: Int?
    var mediaType: String?

    enum CodingKeys: String, CodingKey {
        case sha256, name, title, size
        case mediaType = "media_type"
    }

    /// Checks the entry at `index`: missing or mistyped → 400, unacceptable → 422.
    func validated(index: Int) throws -> PortalAttachment {
        let field = "attachments[\(index)]"
        guard let sha256 else { throw PortalRequestError.bad("field '\(field).sha256' is missing") }
        guard let name else { throw PortalRequestError.bad("field '\(field).name' is missing") }
        guard let size else { throw PortalRequestError.bad("field '\(field).size' is missing") }
        guard let mediaType else { throw PortalRequestError.bad("field '\(field).media_type' is missing") }
        guard PortalAttachment.isValidHash(sha256) else {
            throw PortalRequestError.unprocessable("field '\(field).sha256' must be 64 lowercase hex digits")
        }
        guard !name.isEmpty, name.count <= 255, !name.contains("/"), !name.contains("\\"),
              !name.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
            throw PortalRequestError.unprocessable("field '\(field).name' must be a file name of 1 to 255 characters without slashes or control characters")
        }
        guard size >= 0 else { throw PortalRequestError.unprocessable("field '\(field).size' must not be negative") }
        guard PortalAttachment.isValidMediaType(mediaType) else {
            throw PortalRequestError.unprocessable("field '\(field).media_type' must be a media type such as application/pdf")
        }
        let title = title ?? ""
        guard title.count <= 500 else { throw PortalRequestError.unprocessable("field '\(field).title' is longer than 500 characters") }
        return PortalAttachment(sha256: sha256, name: name, title: title, size: size, mediaType: mediaType)
    }
}
