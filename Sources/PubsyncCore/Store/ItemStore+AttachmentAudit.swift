import Foundation
import GRDB

/// An attachment the audit could not read: listed by `audit`, and by `check` as `attachment-unscanned`.
public struct UnscannedAttachment: Sendable, Hashable {
    /// The item.
    public var item: String
    /// The revision carrying it.
    public var rev: Int
    /// The file name.
    public var name: String
    /// Its hash.
    public var sha256: String
    /// Why it could not be read.
    public var reason: String
}

/// An attachment of a revision the audit scans.
public struct AttachmentAuditTarget: Sendable, Hashable {
    /// The item.
    public var item: String
    /// The revision.
    public var rev: Int
    /// The file.
    public var attachment: Attachment
}

extension ItemStore {
    /// The attachments of the revisions `forEachAuditTarget(all:)` streams, by item and revision.
    public func attachmentAuditTargets(all: Bool) throws -> [AttachmentAuditTarget] {
        try read { db in
            try Row.fetchAll(db, sql: """
                SELECT a.item_id, a.rev, a.sha256, a.name, a.title, f.size, f.media_type
                FROM (\(Self.auditTargetSQL(all: all))) t
                JOIN revision_attachments a ON a.item_id = t.item_id AND a.rev = t.rev
                JOIN attachment_files f ON f.sha256 = a.sha256
                ORDER BY a.item_id, a.rev, a.position
                """).map { row in
                AttachmentAuditTarget(item: row[0], rev: row[1],
                                      attachment: Attachment(sha256: row[2], name: row[3], title: row[4], size: row[5], mediaType: row[6]))
            }
        }
    }

    /// Remembers what the audit could read of each file: nil reason for read, else why not.
    public func recordAttachmentScans(_ results: [String: String?]) throws {
        guard !results.isEmpty else { return }
        try write { db in
            let statement = try db.cachedStatement(sql: "UPDATE attachment_files SET scan_state = ?, scan_note = ? WHERE sha256 = ?")
            for (sha256, reason) in results.sorted(by: { $0.key < $1.key }) {
                try statement.execute(arguments: [reason == nil ? "scanned" : "unscanned", reason, sha256])
            }
        }
    }

    /// The attachments of items not retracted (their approved and head revisions) that the last
    /// audit could not read — what `check` reports as `attachment-unscanned`.
    public func unscannedAttachments() throws -> [UnscannedAttachment] {
        try read { db in
            try Row.fetchAll(db, sql: """
                SELECT a.item_id, a.rev, a.name, a.sha256, COALESCE(f.scan_note, '')
                FROM items i JOIN revision_attachments a ON a.item_id = i.id AND (a.rev = i.approved_rev OR a.rev = i.head_rev)
                JOIN attachment_files f ON f.sha256 = a.sha256
                WHERE i.status <> 'retracted' AND f.scan_state = 'unscanned'
                ORDER BY a.item_id, a.rev, a.position
                """).map { row in
                UnscannedAttachment(item: row[0], rev: row[1], name: row[2], sha256: row[3], reason: row[4])
            }
        }
    }
}
