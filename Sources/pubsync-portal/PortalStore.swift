import Foundation
import GRDB

/// What a PUT came to.
enum PutOutcome: Sendable {
    /// Stored (201 created or 200 replaced); `response` is the JSON answer.
    case stored(status: Int, response: Data)
    /// The same Idempotency-Key with the same body: the first answer, nothing stored anew.
    case replayed(status: Int, response: Data)
    /// The same Idempotency-Key with a different body.
    case keyConflict
    /// The item names files that were never uploaded (or were deleted since): upload, then repeat.
    case missingFiles([String])
}

/// The portal's SQLite store (GRDB `DatabasePool`, WAL): items, idempotency keys and the rows of
/// the attachment files kept in `files` (`{db}.files/`).
/// Each method is one transaction, so concurrent requests cannot interleave inside a rule; files
/// are moved into place and deleted inside the same write transaction as their rows.
struct PortalStore: Sendable {
    let pool: DatabasePool
    /// The attachment files.
    let files: PortalFiles

    /// Opens (creating when missing) and migrates the database at `path`.
    init(path: String) throws {
        var config = Configuration()
        config.prepareDatabase { db in
            // WAL + NORMAL survives a killed process, which is what a test portal needs.
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
        }
        config.busyMode = .timeout(10)
        pool = try DatabasePool(path: path, configuration: config)
        files = PortalFiles(databasePath: path)
        try Self.migrator.migrate(pool)
    }

    private static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-items") { db in
            try db.execute(sql: """
                CREATE TABLE items (
                    id TEXT PRIMARY KEY NOT NULL,
                    revision INTEGER NOT NULL,
                    content_hash TEXT NOT NULL,
                    title TEXT NOT NULL,
                    summary TEXT NOT NULL,
                    body_html TEXT NOT NULL,
                    category TEXT NOT NULL,
                    unit TEXT NOT NULL,
                    index_number TEXT NOT NULL,
                    doc_number TEXT NOT NULL,
                    published TEXT NOT NULL,
                    url TEXT NOT NULL,
                    format TEXT NOT NULL,
                    created_at TEXT NOT NULL,
                    updated_at TEXT NOT NULL,
                    writes INTEGER NOT NULL DEFAULT 1
                );
                CREATE TABLE idempotency_keys (
                    key TEXT PRIMARY KEY NOT NULL,
                    item_id TEXT NOT NULL,
                    body BLOB NOT NULL,
                    status INTEGER NOT NULL,
                    response BLOB NOT NULL,
                    created_at TEXT NOT NULL
                );
                CREATE INDEX idempotency_keys_item ON idempotency_keys(item_id);
                """)
        }
        migrator.registerMigration("v2-disclosure-metadata") { db in
            try db.execute(sql: """
                ALTER TABLE items ADD COLUMN written TEXT NOT NULL DEFAULT '';
                ALTER TABLE items ADD COLUMN subject TEXT NOT NULL DEFAULT '';
                ALTER TABLE items ADD COLUMN genre TEXT NOT NULL DEFAULT '';
                ALTER TABLE items ADD COLUMN keywords TEXT NOT NULL DEFAULT '[]';
                ALTER TABLE items ADD COLUMN effective TEXT NOT NULL DEFAULT '';
                ALTER TABLE items ADD COLUMN valid_until TEXT NOT NULL DEFAULT '';
                ALTER TABLE items ADD COLUMN repealed TEXT NOT NULL DEFAULT '';
                ALTER TABLE items ADD COLUMN repealed_by TEXT NOT NULL DEFAULT '';
                ALTER TABLE items ADD COLUMN validity TEXT NOT NULL DEFAULT '';
                """)
        }
        migrator.registerMigration("v3-files") { db in
            try db.execute(sql: """
                CREATE TABLE files (
                    sha256 TEXT PRIMARY KEY NOT NULL,
                    size INTEGER NOT NULL,
                    media_type TEXT NOT NULL,
                    uploaded_at TEXT NOT NULL
                );
                CREATE TABLE item_files (
                    item_id TEXT NOT NULL,
                    position INTEGER NOT NULL,
                    sha256 TEXT NOT NULL REFERENCES files (sha256),
                    name TEXT NOT NULL,
                    title TEXT NOT NULL,
                    PRIMARY KEY (item_id, position)
                );
                CREATE INDEX item_files_file ON item_files (sha256);
                """)
        }
        return migrator
    }

    /// Stores `item` unless its Idempotency-Key was seen: same content → first answer, other content → conflict.
    /// "Same" compares the validated fields, so JSON key order or XML whitespace does not matter.
    func put(_ item: PortalItem, format: String, key: String?) async throws -> PutOutcome {
        let body = try item.canonicalEncoding()
        return try await pool.write { db in
            if let key, let row = try Row.fetchOne(db, sql: "SELECT item_id, body, status, response FROM idempotency_keys WHERE key = ?", arguments: [key]) {
                let storedBody: Data = row["body"]
                let storedItem: String = row["item_id"]
                guard storedItem == item.id, storedBody == body else { return .keyConflict }
                return .replayed(status: row["status"], response: row["response"])
            }
            let missing = try Self.missingFiles(db, item.attachments)
            if !missing.isEmpty { return .missingFiles(missing) }
            let now = Self.timestamp()
            let existed = try Bool.fetchOne(db, sql: "SELECT EXISTS(SELECT 1 FROM items WHERE id = ?)", arguments: [item.id]) ?? false
            try db.execute(sql: """
                INSERT INTO items (id, revision, content_hash, title, summary, body_html, category, unit,
                                   index_number, doc_number, published, url, format, created_at, updated_at,
                                   written, subject, genre, keywords, effective, valid_until, repealed, repealed_by, validity)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT(id) DO UPDATE SET revision = excluded.revision, content_hash = excluded.content_hash,
                    title = excluded.title, summary = excluded.summary, body_html = excluded.body_html,
                    category = excluded.category, unit = excluded.unit, index_number = excluded.index_number,
                    doc_number = excluded.doc_number, published = excluded.published, url = excluded.url,
                    format = excluded.format, updated_at = excluded.updated_at, writes = items.writes + 1,
                    written = excluded.written, subject = excluded.subject, genre = excluded.genre, keywords = excluded.keywords,
                    effective = excluded.effective, valid_until = excluded.valid_until, repealed = excluded.repealed,
                    repealed_by = excluded.repealed_by, validity = excluded.validity
                """, arguments: [item.id, item.revision, item.contentHash, item.title, item.summary, item.bodyHTML,
                                 item.category, item.unit, item.indexNumber, item.docNumber, item.published,
                                 item.url, format, now, now, item.disclosure.written, item.disclosure.subject,
                                 item.disclosure.genre, Self.keywordsJSON(item.disclosure.keywords), item.disclosure.effective,
                                 item.disclosure.validUntil, item.disclosure.repealed, item.disclosure.repealedBy,
                                 item.disclosure.validity])
            try replaceAttachments(db, of: item.id, with: item.attachments)
            let status = existed ? 200 : 201
            let response = try JSONSerialization.data(withJSONObject: [
                "id": item.id, "revision": item.revision, "content_hash": item.contentHash,
            ] as [String: Any], options: [.sortedKeys])
            if let key {
                try db.execute(sql: "INSERT INTO idempotency_keys (key, item_id, body, status, response, created_at) VALUES (?, ?, ?, ?, ?, ?)",
                               arguments: [key, item.id, body, status, response, now])
            }
            return .stored(status: status, response: response)
        }
    }

    /// Deletes an item and forgets its idempotency keys; its files go when no other item
    /// references them. False when it was absent.
    func delete(id: String) async throws -> Bool {
        try await pool.write { db in
            try db.execute(sql: "DELETE FROM idempotency_keys WHERE item_id = ?", arguments: [id])
            try db.execute(sql: "DELETE FROM items WHERE id = ?", arguments: [id])
            let deleted = db.changesCount > 0
            try replaceAttachments(db, of: id, with: [])
            return deleted
        }
    }

    /// One page of (id, revision, content_hash) ordered by id, after `after`.
    func page(after: String?, limit: Int) async throws -> [(id: String, revision: Int, contentHash: String)] {
        try await pool.read { db in
            let rows = try Row.fetchAll(db, sql: "SELECT id, revision, content_hash FROM items WHERE id > ? ORDER BY id LIMIT ?",
                                        arguments: [after ?? "", limit])
            return rows.map { (id: $0["id"], revision: $0["revision"], contentHash: $0["content_hash"]) }
        }
    }

    /// One stored item with its bookkeeping (`format`, `writes`), or nil.
    func item(id: String) async throws -> [String: any Sendable]? {
        try await pool.read { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM items WHERE id = ?", arguments: [id]) else { return nil }
            var object: [String: any Sendable] = ["attachments": try Self.attachments(db, of: id).map(\.fields)]
            for column in row.columnNames {
                let value: DatabaseValue = row[column]
                if column == "keywords", case .string(let text) = value.storage {
                    object[column] = Self.keywords(fromJSON: text)
                    continue
                }
                switch value.storage {
                case .int64(let number): object[column] = Int(number)
                case .string(let text): object[column] = text
                case .double(let number): object[column] = number
                default: break
                }
            }
            return object
        }
    }

    /// A page of the HTML list (newest first, `limit` from `offset`), and how many there are in all.
    func listing(limit: Int, offset: Int = 0) async throws -> (items: [PortalItem], total: Int) {
        try await pool.read { db in
            let total = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM items") ?? 0
            let rows = try Row.fetchAll(db, sql: "SELECT * FROM items ORDER BY published DESC, id DESC LIMIT ? OFFSET ?",
                                        arguments: [limit, offset])
            let items = rows.map { row in
                PortalItem(id: row["id"], revision: row["revision"], contentHash: row["content_hash"], title: row["title"],
                           summary: row["summary"], bodyHTML: row["body_html"], category: row["category"], unit: row["unit"],
                           indexNumber: row["index_number"], docNumber: row["doc_number"], published: row["published"],
                           url: row["url"],
                           disclosure: PortalDisclosure(written: row["written"], subject: row["subject"], genre: row["genre"],
                                                        keywords: Self.keywords(fromJSON: row["keywords"]), effective: row["effective"],
                                                        validUntil: row["valid_until"], repealed: row["repealed"],
                                                        repealedBy: row["repealed_by"], validity: row["validity"]))
            }
            return (items, total)
        }
    }

    private static func keywordsJSON(_ keywords: [String]) -> String {
        (try? JSONSerialization.data(withJSONObject: keywords)).map { String(decoding: $0, as: UTF8.self) } ?? "[]"
    }

    private static func keywords(fromJSON text: String) -> [String] {
        (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String] ?? []
    }

    /// ISO 8601 in UTC (so text order is time order).
    static func timestamp(_ date: Date = Date()) -> String {
        ISO8601DateFormatter().string(from: date)
    }
}
