import Foundation
import GRDB

/// What a file PUT came to.
enum FileOutcome: Sendable {
    /// 201: the file is new; 200: it was already there (the upload was discarded).
    case stored(created: Bool)
}

extension PortalStore {
    /// Unreferenced uploads older than this are deleted at the next upload: a client that died
    /// between a file's PUT and its item's PUT leaves nothing behind for long.
    static let unreferencedUploadLifetime: TimeInterval = 3600

    /// Keeps an upload (already hashed against its URL by the caller) under its hash.
    func storeFile(_ upload: PortalFiles.Upload, mediaType: String) async throws -> FileOutcome {
        let now = Date()
        return try await pool.write { db in
            try sweepUnreferenced(db, olderThan: now.addingTimeInterval(-Self.unreferencedUploadLifetime))
            let known = try Bool.fetchOne(db, sql: "SELECT EXISTS(SELECT 1 FROM files WHERE sha256 = ?)", arguments: [upload.sha256]) ?? false
            if known, files.sizeOnDisk(upload.sha256) == upload.size {
                files.discard(upload)
                // A new upload of a known file counts as fresh: the sweep leaves it to its item's PUT.
                try db.execute(sql: "UPDATE files SET uploaded_at = ? WHERE sha256 = ?", arguments: [Self.timestamp(now), upload.sha256])
                return .stored(created: false)
            }
            try db.execute(sql: """
                INSERT INTO files (sha256, size, media_type, uploaded_at) VALUES (?, ?, ?, ?)
                ON CONFLICT(sha256) DO UPDATE SET size = excluded.size, uploaded_at = excluded.uploaded_at
                """, arguments: [upload.sha256, upload.size, mediaType, Self.timestamp(now)])
            try files.keep(upload)
            return .stored(created: !known)
        }
    }

    /// The stored file's size and media type, when it is there (row and bytes).
    func file(_ sha256: String) async throws -> (size: Int, mediaType: String)? {
        try await pool.read { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT size, media_type FROM files WHERE sha256 = ?", arguments: [sha256]),
                  files.sizeOnDisk(sha256) == row["size"] else { return nil }
            return (row["size"], row["media_type"])
        }
    }

    /// The hashes `attachments` names that the portal does not hold; a known file whose size
    /// differs from the one named is refused (422).
    static func missingFiles(_ db: Database, _ attachments: [PortalAttachment]) throws -> [String] {
        var missing: [String] = []
        for (index, file) in attachments.enumerated() {
            guard let size = try Int.fetchOne(db, sql: "SELECT size FROM files WHERE sha256 = ?", arguments: [file.sha256]) else {
                if !missing.contains(file.sha256) { missing.append(file.sha256) }
                continue
            }
            guard size == file.size else {
                throw PortalRequestError.unprocessable("field 'attachments[\(index)].size' is \(file.size), but the file \(file.sha256) has \(size) bytes")
            }
        }
        return missing
    }

    /// Makes `attachments` the files of `item` and deletes each file it no longer references
    /// that no other item references either.
    func replaceAttachments(_ db: Database, of item: String, with attachments: [PortalAttachment]) throws {
        let before = Set(try String.fetchAll(db, sql: "SELECT sha256 FROM item_files WHERE item_id = ?", arguments: [item]))
        try db.execute(sql: "DELETE FROM item_files WHERE item_id = ?", arguments: [item])
        for (position, file) in attachments.enumerated() {
            try db.execute(sql: "INSERT INTO item_files (item_id, position, sha256, name, title) VALUES (?, ?, ?, ?, ?)",
                           arguments: [item, position, file.sha256, file.name, file.title])
        }
        for sha256 in before.subtracting(attachments.map(\.sha256)).sorted() {
            let used = try Bool.fetchOne(db, sql: "SELECT EXISTS(SELECT 1 FROM item_files WHERE sha256 = ?)", arguments: [sha256]) ?? false
            if !used { try deleteFile(db, sha256) }
        }
    }

    /// The files of `item`, in order.
    static func attachments(_ db: Database, of item: String) throws -> [PortalAttachment] {
        try Row.fetchAll(db, sql: """
            SELECT a.sha256, a.name, a.title, f.size, f.media_type FROM item_files a JOIN files f ON f.sha256 = a.sha256
            WHERE a.item_id = ? ORDER BY a.position
            """, arguments: [item]).map {
            PortalAttachment(sha256: $0[0], name: $0[1], title: $0[2], size: $0[3], mediaType: $0[4])
        }
    }

    private func sweepUnreferenced(_ db: Database, olderThan cutoff: Date) throws {
        let stale = try String.fetchAll(db, sql: """
            SELECT sha256 FROM files f WHERE uploaded_at < ? AND NOT EXISTS (SELECT 1 FROM item_files a WHERE a.sha256 = f.sha256)
            """, arguments: [Self.timestamp(cutoff)])
        for sha256 in stale { try deleteFile(db, sha256) }
    }

    private func deleteFile(_ db: Database, _ sha256: String) throws {
        try db.execute(sql: "DELETE FROM files WHERE sha256 = ?", arguments: [sha256])
        files.remove(sha256)
    }
}
