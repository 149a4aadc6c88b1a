import Foundation
import GRDB

extension ItemStore {
    /// The store's attachment folder, `{store}.files/`.
    public var attachmentFiles: AttachmentFiles { AttachmentFiles(storePath: path) }

    /// Records the files revision `rev` of `item` carries (the files themselves are already in the folder).
    func insertAttachments(_ db: Database, item: String, rev: Int, _ attachments: [Attachment], at: Date) throws {
        let file = try db.cachedStatement(sql: """
            INSERT INTO attachment_files (sha256, size, media_type, created_at) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING
            """)
        let link = try db.cachedStatement(sql: """
            INSERT INTO revision_attachments (item_id, rev, position, sha256, name, title) VALUES (?, ?, ?, ?, ?, ?)
            """)
        for (position, attachment) in attachments.enumerated() {
            try file.execute(arguments: [attachment.sha256, attachment.size, attachment.mediaType, at.timeIntervalSince1970])
            try link.execute(arguments: [item, rev, position, attachment.sha256, attachment.name, attachment.title])
        }
    }

    /// The attachments of revision `rev` of `item`, in order.
    static func attachments(_ db: Database, item: String, rev: Int) throws -> [Attachment] {
        try Row.fetchAll(db.cachedStatement(sql: """
            SELECT a.sha256, a.name, a.title, f.size, f.media_type
            FROM revision_attachments a JOIN attachment_files f ON f.sha256 = a.sha256
            WHERE a.item_id = ? AND a.rev = ? ORDER BY a.position
            """), arguments: [item, rev]).map(attachment)
    }

    /// The attachments of every revision of `item`, by revision.
    static func attachmentsByRevision(_ db: Database, item: String) throws -> [Int: [Attachment]] {
        var result: [Int: [Attachment]] = [:]
        let rows = try Row.fetchAll(db.cachedStatement(sql: """
            SELECT a.sha256, a.name, a.title, f.size, f.media_type, a.rev
            FROM revision_attachments a JOIN attachment_files f ON f.sha256 = a.sha256
            WHERE a.item_id = ? ORDER BY a.rev, a.position
            """), arguments: [item])
        for row in rows { result[row[5], default: []].append(attachment(row)) }
        return result
    }

    private static func attachment(_ row: Row) -> Attachment {
        Attachment(sha256: row[0], name: row[1], title: row[2], size: row[3], mediaType: row[4])
    }

    /// Every file hash the store's revisions reference.
    public func referencedAttachmentHashes() throws -> Set<String> {
        try read { db in try Self.attachmentHashes(db) }
    }

    static func attachmentHashes(_ db: Database) throws -> Set<String> {
        Set(try String.fetchAll(db, sql: "SELECT sha256 FROM attachment_files"))
    }

    /// Copies the attachment files the backup `file` references into `FILE.files/` (the list is
    /// read from the copy itself, so it matches its snapshot). Files are written before any row
    /// references them and kept while one does, so every row in the copy finds its file.
    func backupAttachments(to file: String) throws {
        let hashes: Set<String>
        do {
            let copy = try DatabaseQueue(path: file)
            hashes = try copy.read { db in try Self.attachmentHashes(db) }
            try copy.close()
        } catch {
            throw PubsyncError(.store, "cannot read the backup \(file): \(ItemStore.describe(error))", underlying: error)
        }
        guard !hashes.isEmpty else { return }
        let target = AttachmentFiles(storePath: file)
        let source = attachmentFiles
        for sha256 in hashes.sorted() {
            guard source.contains(sha256) else {
                throw PubsyncError(.store, "attachment file \(source.url(for: sha256).path) is missing from the store's folder: the backup is incomplete")
            }
            try source.copy(sha256, to: target)
        }
    }
}
