import Foundation
import GRDB

/// Where a channel's last completed sync left off.
public struct SyncCursor: Sendable, Hashable {
    /// The last journal entry applied.
    public var journalSeq: Int64
    /// The adapter fingerprint the channel was last synced with.
    public var fingerprint: String
    /// The last "today" the channel was synced on: items due up to it were considered.
    public var dueThrough: LocalDate
}

/// Ledger counts of one channel, for sync and status output.
public struct LedgerSummary: Sendable, Hashable {
    /// Items the channel holds (confirmed).
    public var live = 0
    /// Operations owed (pending or failed).
    public var pending = 0
    /// Of those, failed at least once.
    public var failed = 0
    /// Items whose content the channel refused.
    public var rejected = 0
    /// Retractions not yet confirmed by the channel.
    public var pendingRetractions = 0
}

extension ItemStore {
    /// The channel's cursor, nil when the channel was never synced.
    public func cursor(channel: String) throws -> SyncCursor? {
        try read { db in
            try Row.fetchOne(db, sql: "SELECT journal_seq, fingerprint, due_through FROM cursors WHERE channel = ?", arguments: [channel])
                .map { SyncCursor(journalSeq: $0[0], fingerprint: $0[1], dueThrough: LocalDate($0[2] as String) ?? LocalDate(year: 1, month: 1, day: 1)!) }
        }
    }

    /// The newest journal sequence number (0 when empty).
    public func journalHead() throws -> Int64 {
        try read { db in try Int64.fetchOne(db, sql: "SELECT COALESCE(MAX(seq), 0) FROM journal") ?? 0 }
    }

    /// The ids a fast-path sync must look at: journal entries after the cursor, the channel's
    /// owed ledger rows, and items that became due since the cursor's day.
    public func changedItemIDs(channel: String, since cursor: SyncCursor, through journalHead: Int64, today: LocalDate) throws -> Set<String> {
        try read { db in
            var ids = Set(try String.fetchAll(db, sql: "SELECT DISTINCT item_id FROM journal WHERE seq > ? AND seq <= ?",
                                              arguments: [cursor.journalSeq, journalHead]))
            ids.formUnion(try String.fetchAll(db, sql: "SELECT item_id FROM ledger INDEXED BY ledger_owed WHERE channel = ? AND state IN ('pending', 'failed', 'rejected') AND state <> 'rejected'",
                                              arguments: [channel]))
            if cursor.dueThrough < today {
                ids.formUnion(try String.fetchAll(db, sql: "SELECT id FROM items WHERE due_date > ? AND due_date <= ?",
                                                  arguments: [cursor.dueThrough.description, today.description]))
            }
            return ids
        }
    }

    /// Planner input for `channel`: every item when `ids` is nil, else those items.
    public func candidates(channel: String, ids: Set<String>?) throws -> [PlanCandidate] {
        try read { db in
            let select = """
                SELECT i.id, i.status, i.approved_rev, COALESCE(a.category, h.category), a.channels, a.published, a.content_hash, l.*
                FROM items i
                JOIN revisions h ON h.item_id = i.id AND h.rev = i.head_rev
                LEFT JOIN revisions a ON a.item_id = i.id AND a.rev = i.approved_rev
                LEFT JOIN ledger l ON l.channel = ? AND l.item_id = i.id
                """
            func candidate(_ row: Row) -> PlanCandidate {
                let channels: String? = row[4]
                let published: String? = row[5]
                let ledger = row.scopes["ledger"].flatMap { $0["state"] as String? != nil ? Self.ledgerRow($0) : nil }
                return PlanCandidate(id: row[0], status: ItemStatus(rawValue: row[1]) ?? .draft, approvedRev: row[2], category: row[3],
                                     channels: channels.map { $0.isEmpty ? [] : $0.split(separator: ",").map(String.init) },
                                     published: published.flatMap(LocalDate.init), contentHash: row[6], ledger: ledger)
            }
            // The ledger's columns come after the first seven; scope them so their names do not clash.
            let adapter = ScopeAdapter(["ledger": SuffixRowAdapter(fromIndex: 7)])
            guard let ids else {
                return try Row.fetchAll(db, sql: select, arguments: [channel], adapter: adapter).map(candidate)
            }
            var result: [PlanCandidate] = []
            let sorted = ids.sorted()
            for start in stride(from: 0, to: sorted.count, by: 500) {
                let chunk = Array(sorted[start..<min(start + 500, sorted.count)])
                let marks = Array(repeating: "?", count: chunk.count).joined(separator: ",")
                result += try Row.fetchAll(db, sql: select + " WHERE i.id IN (\(marks))", arguments: StatementArguments([channel] + chunk), adapter: adapter).map(candidate)
            }
            return result
        }
    }

    /// The items to put, at the given revisions, with bodies.
    public func publishedItems(_ refs: [(id: String, rev: Int)]) throws -> [PublishedItem] {
        try read { db in
            let statement = try db.cachedStatement(sql: """
                SELECT r.*, (SELECT MAX(at) FROM approvals p WHERE p.item_id = r.item_id AND p.rev = r.rev) AS approved_at
                FROM revisions r WHERE r.item_id = ? AND r.rev = ?
                """)
            return try refs.map { ref in
                guard let row = try Row.fetchOne(statement, arguments: [ref.id, ref.rev]) else {
                    throw PubsyncError(.store, "item '\(ref.id)' has no revision \(ref.rev)", item: ref.id)
                }
                return Self.publishedItem(row, includeBody: true)
            }
        }
    }

    /// Ledger counts of one channel: the live count is kept by the ledger writes, the rest come
    /// from the small index of rows that are owed work, so this costs the same at any size.
    public func ledgerSummary(channel: String) throws -> LedgerSummary {
        try read { db in
            let live = try Int.fetchOne(db, sql: "SELECT live FROM channel_stats WHERE channel = ?", arguments: [channel]) ?? 0
            let row = try Row.fetchOne(db, sql: """
                SELECT
                    COUNT(CASE WHEN state IN ('pending', 'failed') THEN 1 END),
                    COUNT(CASE WHEN state = 'failed' THEN 1 END),
                    COUNT(CASE WHEN state = 'rejected' THEN 1 END),
                    COUNT(CASE WHEN state IN ('pending', 'failed') AND pending_op = 'remove' AND removal_reason = 'retracted' THEN 1 END)
                FROM ledger INDEXED BY ledger_owed WHERE channel = ? AND state IN ('pending', 'failed', 'rejected')
                """, arguments: [channel])!
            return LedgerSummary(live: live, pending: row[0], failed: row[1], rejected: row[2], pendingRetractions: row[3])
        }
    }

    /// Rows of a channel that are owed work or were refused, for `status`.
    public func troubledRows(channel: String, limit: Int = 100) throws -> [LedgerRow] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM ledger INDEXED BY ledger_owed WHERE channel = ? AND state IN ('pending', 'failed', 'rejected') ORDER BY item_id LIMIT ?",
                             arguments: [channel, limit]).map(Self.ledgerRow)
        }
    }

    /// Channels that were ever synced, with how many items are on each or owed work there.
    public func ledgerChannels() throws -> [String: Int] {
        try read { db in
            var result: [String: Int] = [:]
            for channel in try String.fetchAll(db, sql: "SELECT channel FROM cursors") {
                let live = try Int.fetchOne(db, sql: "SELECT live FROM channel_stats WHERE channel = ?", arguments: [channel]) ?? 0
                let owed = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM ledger INDEXED BY ledger_owed WHERE channel = ? AND state IN ('pending', 'failed', 'rejected') AND state <> 'rejected'",
                                            arguments: [channel]) ?? 0
                result[channel] = live + owed
            }
            return result
        }
    }

    static func publishedItem(_ row: Row, includeBody: Bool) -> PublishedItem {
        let approvedAt: Double? = row["approved_at"]
        let createdAt: Double = row["created_at"]
        return PublishedItem(id: row["item_id"], revision: row["rev"], title: row["title"], summary: row["summary"],
                             body: includeBody ? row["body"] : "", category: row["category"], unit: row["unit"],
                             indexNumber: row["index_number"], docNumber: row["doc_number"],
                             published: LocalDate(row["published"] as String) ?? LocalDate(year: 1970, month: 1, day: 1)!,
                             updated: Date(timeIntervalSince1970: approvedAt ?? createdAt), contentHash: row["content_hash"])
    }
}

extension ItemStore {
    /// Items whose retraction the channel has not confirmed yet.
    public func owedRetractions(channel: String) throws -> Set<String> {
        try read { db in
            Set(try String.fetchAll(db, sql: """
                SELECT l.item_id FROM ledger l JOIN items i ON i.id = l.item_id
                WHERE l.channel = ? AND i.status = 'retracted' AND l.state <> 'removed'
                """, arguments: [channel]))
        }
    }
}
