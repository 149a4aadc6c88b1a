import Foundation
import GRDB

/// The canonical store: items, revisions, approvals, journal, ledger, flags and events in one
/// SQLite file (WAL). Every intent-named method is one immediate write transaction that keeps
/// one rule true.
public struct ItemStore: Sendable {
    /// The database; SQL stays inside the store's files.
    let writer: DatabasePool
    /// The clock; tests pin it.
    let clock: @Sendable () -> Date
    /// The store file.
    public let path: String

    /// Whether this process may write the store file and its folder (SQLite writes its -wal
    /// and -shm files beside the store).
    public static func isWritable(_ path: String) -> Bool {
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        return access(path, W_OK) == 0 && access(folder, W_OK) == 0
    }

    /// Opens (creating if needed) the store at `path` and migrates it; with `readOnly`, opens an
    /// existing store for reading only (no migration, nothing written, not even its -shm file).
    public init(path: String, readOnly: Bool = false, clock: @escaping @Sendable () -> Date = { Date() }) throws {
        self.clock = clock
        self.path = path
        if readOnly {
            writer = try Self.openReadOnly(path)
            return
        }
        var config = Configuration()
        config.busyMode = .timeout(10)
        config.label = "pubsync"
        config.prepareDatabase { db in
            // Revisions are a few KiB each: with 16 KiB pages several share a page, where 4 KiB
            // pages hold one and waste nearly half (a new store only; no effect on an existing one).
            try db.execute(sql: "PRAGMA page_size = 16384")
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
        }
        do {
            writer = try DatabasePool(path: path, configuration: config)
            try StoreMigrations.migrator.migrate(writer)
        } catch {
            throw PubsyncError(.store, "cannot open the store \(path): \(ItemStore.describe(error))", underlying: error)
        }
    }

    /// A read-only pool on an existing, migrated store. A WAL store whose folder we cannot write
    /// has no -shm file to share, so it is opened `immutable` (nobody can be writing it either).
    private static func openReadOnly(_ path: String) throws -> DatabasePool {
        var config = Configuration()
        config.readonly = true
        config.label = "pubsync"
        config.busyMode = .timeout(10)
        func open(_ name: String) throws -> DatabasePool {
            let pool = try DatabasePool(path: name, configuration: config)
            let current = try pool.read { db in try StoreMigrations.migrator.hasCompletedMigrations(db) }
            guard current else {
                throw PubsyncError(.config, "the store \(path) needs an upgrade, which a read-only store cannot get: run a writing command (e.g. pubsync audit) with write access first")
            }
            return pool
        }
        do {
            do {
                return try open(path)
            } catch let error as DatabaseError where error.resultCode == .SQLITE_READONLY || error.resultCode == .SQLITE_CANTOPEN {
                var allowed = CharacterSet.urlPathAllowed
                allowed.remove(charactersIn: "?#%")
                let encoded = path.addingPercentEncoding(withAllowedCharacters: allowed) ?? path
                return try open("file:\(encoded)?immutable=1")
            }
        } catch let error as PubsyncError {
            throw error
        } catch {
            throw PubsyncError(.store, "cannot open the store \(path) for reading: \(ItemStore.describe(error))", underlying: error)
        }
    }

    /// Runs `body` in one immediate write transaction, mapping database errors to `PubsyncError`.
    func write<T>(_ body: (Database) throws -> T) throws -> T {
        do {
            return try writer.write(body)
        } catch let error as PubsyncError {
            throw error
        } catch {
            throw PubsyncError(.store, "store write failed: \(ItemStore.describe(error))", underlying: error)
        }
    }

    /// `write` for a bulk import, which is one transaction: a larger page cache (64 MiB at
    /// most) keeps index pages from being spilled to the WAL and rewritten again and again.
    /// Every other transaction keeps SQLite's default 2 MiB, so a full publish that reads and
    /// records 100,000 items does not hold most of the store in memory.
    func bulkWrite<T>(_ body: (Database) throws -> T) throws -> T {
        try write { db in
            try db.execute(sql: "PRAGMA cache_size = -65536")
            defer { try? db.execute(sql: "PRAGMA cache_size = -2000") }
            return try body(db)
        }
    }

    /// Runs `body` on a read snapshot.
    func read<T>(_ body: (Database) throws -> T) throws -> T {
        do {
            return try writer.read(body)
        } catch let error as PubsyncError {
            throw error
        } catch {
            throw PubsyncError(.store, "store read failed: \(ItemStore.describe(error))", underlying: error)
        }
    }

    /// A consistent copy of the store into `file` (VACUUM INTO, outside any transaction: SQLite
    /// refuses it inside one), checked with `PRAGMA integrity_check`, and its attachment files
    /// into `FILE.files/`; refuses to overwrite.
    public func backup(to file: String) throws {
        guard !FileManager.default.fileExists(atPath: file) else {
            throw PubsyncError(.usage, "\(file) already exists; choose a new file for the backup")
        }
        do {
            try writer.writeWithoutTransaction { db in try db.execute(sql: "VACUUM INTO ?", arguments: [file]) }
            let copy = try DatabaseQueue(path: file)
            let verdict = try copy.read { db in try String.fetchAll(db, sql: "PRAGMA integrity_check") }
            try copy.close()
            guard verdict == ["ok"] else {
                throw PubsyncError(.store, "the backup \(file) failed its integrity check: \(verdict.prefix(3).joined(separator: "; "))")
            }
        } catch let error as PubsyncError {
            throw error
        } catch {
            throw PubsyncError(.store, "cannot write the backup \(file): \(ItemStore.describe(error))", underlying: error)
        }
        try backupAttachments(to: file)
    }

    /// Appends an audit-trail row.
    func logEvent(_ db: Database, at: Date, actor: String, action: String, item: String?, channel: String? = nil, rev: Int? = nil, detail: String = "") throws {
        let statement = try db.cachedStatement(sql: "INSERT INTO events (at, actor, action, item_id, channel, rev, detail) VALUES (?, ?, ?, ?, ?, ?, ?)")
        try statement.execute(arguments: [at.timeIntervalSince1970, actor, action, item, channel, rev, detail])
    }

    /// Appends an audit-trail row with a typed action.
    func logEvent(_ db: Database, at: Date, actor: String, action: EventAction, item: String?, channel: String? = nil, rev: Int? = nil, detail: String = "") throws {
        try logEvent(db, at: at, actor: actor, action: action.rawValue, item: item, channel: channel, rev: rev, detail: detail)
    }

    /// Appends a journal entry: something channels may need to act on changed for `item`.
    func journal(_ db: Database, item: String, kind: String, at: Date) throws {
        let statement = try db.cachedStatement(sql: "INSERT INTO journal (item_id, kind, at) VALUES (?, ?, ?)")
        try statement.execute(arguments: [item, kind, at.timeIntervalSince1970])
    }

    /// A short text of a database error (no SQL arguments: they may hold item text).
    static func describe(_ error: any Error) -> String {
        if let dbError = error as? DatabaseError {
            return dbError.message ?? "SQLite error \(dbError.resultCode.rawValue)"
        }
        return "\(error)"
    }
}
