import Foundation
import GRDB

/// An approved, not retracted item that waits: held by an open flag, or scheduled for a later day.
public struct WaitingItem: Sendable, Hashable {
    /// The item.
    public var id: String
    /// The approved revision's category and own channel list (routing).
    public var category: String
    /// The approved revision's own channel list.
    public var channels: [String]?
    /// The approved revision's publication date.
    public var published: LocalDate?
    /// The oldest open flag on the approved revision, when it is held.
    public var heldFlag: Int64?
}

extension ItemStore {
    /// Inserts the findings of one revision as open flags (a finding recorded before, in any
    /// status, is not recorded again: a dismissal sticks). Returns the new flags' ids.
    @discardableResult
    func insertFlags(_ db: Database, item: String, rev: Int, findings: [(rule: String, excerpt: String)],
                     actor: String, at: Date) throws -> [Int64] {
        var added: [Int64] = []
        let insert = try db.cachedStatement(sql: """
            INSERT OR IGNORE INTO flags (item_id, rev, rule, excerpt, found_at, status) VALUES (?, ?, ?, ?, ?, 'open')
            """)
        for finding in findings {
            try insert.execute(arguments: [item, rev, finding.rule, finding.excerpt, at.timeIntervalSince1970])
            guard db.changesCount > 0 else { continue }
            let id = db.lastInsertedRowID
            added.append(id)
            try logEvent(db, at: at, actor: actor, action: "flagged", item: item, rev: rev,
                         detail: "flag \(id) rev \(rev) rule \(finding.rule): \(finding.excerpt)")
        }
        return added
    }

    /// Open flags on revisions that are neither live anywhere nor the approved or head revision
    /// of their item become `superseded` (of one item, or of all). Costs what the open flags count.
    func supersedeFlags(_ db: Database, item: String? = nil, at: Date) throws {
        let stale = try Row.fetchAll(db, sql: """
            SELECT f.id, f.item_id, f.rev FROM flags f INDEXED BY flags_open
            WHERE f.status = 'open' \(item == nil ? "" : "AND f.item_id = ?")
              AND NOT EXISTS (SELECT 1 FROM items i WHERE i.id = f.item_id AND (i.head_rev = f.rev OR i.approved_rev IS f.rev))
              AND NOT EXISTS (SELECT 1 FROM ledger l WHERE l.item_id = f.item_id AND l.rev = f.rev)
            """, arguments: item.map { StatementArguments([$0]) } ?? StatementArguments())
        for row in stale {
            let id: Int64 = row[0], rev: Int = row[2]
            try db.execute(sql: "UPDATE flags SET status = 'superseded', resolved_at = ?, reason = ? WHERE id = ?",
                           arguments: [at.timeIntervalSince1970, "revision \(rev) is no longer published, approved or the newest", id])
            try logEvent(db, at: at, actor: "pubsync", action: "flag-superseded", item: row[1], rev: rev,
                         detail: "flag \(id): revision \(rev) will not be published")
        }
    }

    /// Open flags of one revision, oldest first.
    func openFlags(_ db: Database, item: String, rev: Int) throws -> [AuditFlag] {
        try Row.fetchAll(db, sql: "SELECT * FROM flags WHERE item_id = ? AND rev = ? AND status = 'open' ORDER BY id",
                         arguments: [item, rev]).map(Self.flag)
    }

    /// Open flags of one item, oldest first.
    public func openFlags(item: String) throws -> [AuditFlag] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM flags WHERE item_id = ? AND status = 'open' ORDER BY id", arguments: [item]).map(Self.flag)
        }
    }

    /// A flag from a `flags` row.
    static func flag(_ row: Row) -> AuditFlag {
        AuditFlag(id: row["id"], item: row["item_id"], rev: row["rev"], rule: row["rule"], excerpt: row["excerpt"],
                  status: AuditFlag.Status(rawValue: row["status"]) ?? .open, foundAt: Date(timeIntervalSince1970: row["found_at"]),
                  resolvedBy: row["resolved_by"], resolvedAt: (row["resolved_at"] as Double?).map(Date.init(timeIntervalSince1970:)),
                  reason: row["reason"])
    }

    /// Held items (approved, not retracted, the approved revision has an open flag) → the oldest such flag.
    func heldItems(_ db: Database) throws -> [String: Int64] {
        var held: [String: Int64] = [:]
        let rows = try Row.fetchCursor(db, sql: """
            SELECT f.item_id, MIN(f.id) FROM flags f INDEXED BY flags_open
            JOIN items i ON i.id = f.item_id AND i.approved_rev = f.rev
            WHERE f.status = 'open' AND i.status = 'approved'
            GROUP BY f.item_id
            """)
        while let row = try rows.next() { held[row[0]] = row[1] }
        return held
    }

    /// Approved items that wait: held, or dated after `today`. Costs what they count, not the store's size.
    public func waitingItems(today: LocalDate) throws -> [WaitingItem] {
        try read { db in
            let held = try heldItems(db)
            var ids = Set(held.keys)
            ids.formUnion(try String.fetchAll(db, sql: "SELECT id FROM items WHERE due_date > ? AND status = 'approved'",
                                              arguments: [today.description]))
            var result: [WaitingItem] = []
            let select = try db.cachedStatement(sql: "SELECT category, channels, due_date FROM items WHERE id = ?")
            for id in ids.sorted() {
                guard let row = try Row.fetchOne(select, arguments: [id]) else { continue }
                result.append(WaitingItem(id: id, category: row[0], channels: Self.channelList(row[1]),
                                          published: (row[2] as String?).flatMap(LocalDate.init), heldFlag: held[id]))
            }
            return result
        }
    }

    /// How many items are held, and how many open flags sit on a revision that is live or held
    /// (those need a person: `status` exits 3 while there are any).
    public func screeningCounts() throws -> (held: Int, blockingFlags: Int) {
        try read { db in
            let held = try heldItems(db).count
            let blocking = try Int.fetchOne(db, sql: """
                SELECT COUNT(*) FROM flags f INDEXED BY flags_open
                WHERE f.status = 'open' AND (
                    EXISTS (SELECT 1 FROM ledger l WHERE l.item_id = f.item_id AND l.rev = f.rev)
                    OR EXISTS (SELECT 1 FROM items i WHERE i.id = f.item_id AND i.approved_rev = f.rev AND i.status = 'approved'))
                """) ?? 0
            return (held, blocking)
        }
    }

    /// A stored comma-joined channel list.
    static func channelList(_ stored: String?) -> [String]? {
        stored.map { $0.isEmpty ? [] : $0.split(separator: ",").map(String.init) }
    }
}

extension ItemStore {
    /// What each item's derived state is decided on, ordered by id: of `ids`, or of every item.
    public func lifecycleFacts(ids: [String]? = nil) throws -> [LifecycleFacts] {
        try read { db in
            let select = """
                SELECT i.id, i.status, i.head_rev, i.approved_rev, i.due_date, i.category, i.channels, h.sensitive,
                       EXISTS (SELECT 1 FROM approvals a WHERE a.item_id = i.id AND a.rev = i.head_rev AND a.role = 'reviewer'),
                       (SELECT MIN(f.id) FROM flags f INDEXED BY flags_open WHERE f.item_id = i.id AND f.rev = i.head_rev AND f.status = 'open'),
                       (SELECT MIN(f.id) FROM flags f INDEXED BY flags_open WHERE f.item_id = i.id AND f.rev = i.approved_rev AND f.status = 'open'),
                       (SELECT group_concat(l.channel) FROM ledger l WHERE l.item_id = i.id AND l.state = 'live' AND l.rev = i.approved_rev)
                FROM items i JOIN revisions h ON h.item_id = i.id AND h.rev = i.head_rev
                """
            func facts(_ row: Row) -> LifecycleFacts {
                LifecycleFacts(id: row[0], status: ItemStatus(rawValue: row[1]) ?? .draft, headRev: row[2], approvedRev: row[3],
                               headSensitive: row[7], headReviewed: row[8], headFlag: row[9], approvedFlag: row[10],
                               published: (row[4] as String?).flatMap(LocalDate.init), category: row[5],
                               channels: Self.channelList(row[6]),
                               liveOn: Set(((row[11] as String?) ?? "").split(separator: ",").map(String.init)))
            }
            guard let ids else {
                return try Row.fetchAll(db, sql: select + " ORDER BY i.id").map(facts)
            }
            var result: [LifecycleFacts] = []
            let sorted = Array(Set(ids)).sorted()
            for start in stride(from: 0, to: sorted.count, by: 500) {
                let chunk = Array(sorted[start..<min(start + 500, sorted.count)])
                let marks = Array(repeating: "?", count: chunk.count).joined(separator: ",")
                result += try Row.fetchAll(db, sql: select + " WHERE i.id IN (\(marks)) ORDER BY i.id", arguments: StatementArguments(chunk)).map(facts)
            }
            return result
        }
    }
}

extension ItemStore {
    /// The ledger rows of `ids` on `channel`.
    public func ledgerRows(channel: String, ids: [String]) throws -> [LedgerRow] {
        try read { db in
            var rows: [LedgerRow] = []
            let sorted = Array(Set(ids)).sorted()
            for start in stride(from: 0, to: sorted.count, by: 500) {
                let chunk = Array(sorted[start..<min(start + 500, sorted.count)])
                let marks = Array(repeating: "?", count: chunk.count).joined(separator: ",")
                rows += try Row.fetchAll(db, sql: "SELECT * FROM ledger WHERE channel = ? AND item_id IN (\(marks))",
                                         arguments: StatementArguments([channel] + chunk)).map(Self.ledgerRow)
            }
            return rows
        }
    }
}
