import Crypto
import Foundation

/// SHA-256 over a canonical encoding of a revision's content fields.
///
/// Each field is written as `name`, its UTF-8 byte count and its bytes, in a fixed order, so
/// no two different contents share an encoding and the hash never depends on how the input
/// file was laid out.
public enum ContentHash {
    /// Version tag of the encoding; bump it only with a migration that rehashes.
    static let encodingTag = "pubsync-revision-v1"

    /// The hex SHA-256 of `content`'s canonical encoding.
    public static func of(_ content: RevisionContent) -> String {
        var hasher = SHA256()
        func field(_ name: String, _ value: String) {
            var header = "\(name):\(value.utf8.count):"
            header.withUTF8 { hasher.update(bufferPointer: UnsafeRawBufferPointer($0)) }
            var copy = value
            copy.withUTF8 { hasher.update(bufferPointer: UnsafeRawBufferPointer($0)) }
            withUnsafeBytes(of: UInt8(0x0A)) { hasher.update(bufferPointer: $0) }
        }
        field("tag", encodingTag)
        field("title", content.title)
        field("summary", content.summary)
        field("body", content.body)
        field("category", content.category)
        field("unit", content.unit)
        field("index_number", content.indexNumber)
        field("doc_number", content.docNumber)
        field("published", content.published.description)
        field("channels", content.channels.map { $0.sorted().joined(separator: ",") } ?? "\u{0}default")
        field("sensitive", content.sensitive ? "1" : "0")
        // Appended only when set, so revisions stored before the metadata existed keep their hashes.
        let metadata = content.metadata
        if !metadata.isEmpty {
            field("metadata", "v1")
            field("written", metadata.written?.description ?? "")
            field("subject", metadata.subject)
            field("genre", metadata.genre)
            field("keywords", String(metadata.keywords.count))
            for keyword in metadata.keywords { field("keyword", keyword) }
            field("effective", metadata.effective?.description ?? "")
            field("valid_until", metadata.validUntil?.description ?? "")
            field("repealed", metadata.repealed?.description ?? "")
            field("repealed_by", metadata.repealedBy)
            field("extra", String(metadata.extra.count))
            for key in metadata.extra.keys.sorted() { field("extra-key", key); field("extra-value", metadata.extra[key]!) }
        }
        // Only present when there are attachments, so items without any keep their hashes.
        for attachment in content.attachments {
            field("attachment", attachment.sha256)
            field("attachment_name", attachment.name)
            field("attachment_title", attachment.title)
        }
        return Hex.string(hasher.finalize())
    }

    /// The ledger's hash of a put: the revision's hash, the adapter's fingerprint and — when the
    /// document is no longer 有效 — its validity, so a lapse or repeal republishes the item.
    public static func change(contentHash: String, fingerprint: String, validity: Validity?) -> String {
        guard let validity, validity != .valid else { return change(contentHash: contentHash, fingerprint: fingerprint) }
        return change(contentHash: contentHash + "|" + validity.rawValue, fingerprint: fingerprint)
    }

    /// The hash deciding whether a channel must republish: the revision's hash and the adapter's fingerprint.
    public static func change(contentHash: String, fingerprint: String) -> String {
        Hex.string(SHA256.hash(data: Array("\(contentHash)|\(fingerprint)".utf8)))
    }
}
