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
                let since = cursor.dueThrough.description, through = today.description
                ids.formUnion(try String.fetchAll(db, sql: "SELECT id FROM items WHERE due_date > ? AND due_date <= ?",
                                                  arguments: [since, through]))
                // Validity changed since: 废止 from `repealed`, 失效 the day after `valid_until`.
                ids.formUnion(try String.fetchAll(db, sql: "SELECT id FROM items WHERE repealed > ? AND repealed <= ?",
                                                  arguments: [since, through]))
                ids.formUnion(try String.fetchAll(db, sql: "SELECT id FROM items WHERE valid_until >= ? AND valid_until < ?",
                                                  arguments: [since, through]))
            }
            return ids
        }
    }

    /// Planner input for `channel`: every item when `ids` is nil, else those items; without their
    /// ledger rows when `withLedger` is false.
    public func candidates(channel: String, ids: Set<String>?, withLedger: Bool = true) throws -> [PlanCandidate] {
        try read { db in
            // Only the items table and the ledger: the planning fields are copied onto the item row.
            let select = withLedger ? """
                SELECT i.id, i.status, i.approved_rev, i.category, i.channels, i.due_date, i.approved_hash, i.valid_until, i.repealed,
                       \(Self.ledgerColumns.map { "l." + $0 }.joined(separator: ", "))
                FROM items i
                LEFT JOIN ledger l ON l.item_id = i.id AND l.channel = ?
                """ : """
                SELECT i.id, i.status, i.approved_rev, i.category, i.channels, i.due_date, i.approved_hash, i.valid_until, i.repealed
                FROM items i
                """
            // Held items are few (open flags on approved revisions): read them once, not per item.
            let held = try heldItems(db)
            func collect(_ statement: Statement, _ arguments: StatementArguments, into result: inout [PlanCandidate]) throws {
                let rows = try Row.fetchCursor(statement, arguments: arguments)
                while let row = try rows.next() {
                    let channels: String? = row[4]
                    let published: String? = row[5]
                    result.append(PlanCandidate(id: row[0], status: ItemStatus(rawValue: row[1]) ?? .draft, approvedRev: row[2], category: row[3],
                                                channels: channels.map { $0.isEmpty ? [] : $0.split(separator: ",").map(String.init) },
                                                published: published.flatMap(LocalDate.init), contentHash: row[6],
                                                ledger: withLedger ? Self.ledgerRow(row, at: 9) : nil,
                                                validUntil: (row[7] as String?).flatMap(LocalDate.init),
                                                repealed: (row[8] as String?).flatMap(LocalDate.init),
                                                heldFlag: held.isEmpty ? nil : held[row[0]]))
                }
            }
            var result: [PlanCandidate] = []
            guard let ids else {
                try collect(db.makeStatement(sql: select), withLedger ? [channel] : [], into: &result)
                return result
            }
            let sorted = ids.sorted()
            for start in stride(from: 0, to: sorted.count, by: 500) {
                let chunk = Array(sorted[start..<min(start + 500, sorted.count)])
                let marks = Array(repeating: "?", count: chunk.count).joined(separator: ",")
                try collect(db.makeStatement(sql: select + " WHERE i.id IN (\(marks))"),
                            StatementArguments((withLedger ? [channel] : []) + chunk), into: &result)
            }
            return result
        }
    }

    /// What the ledger holds of each item ever touched on `channel` (for reconcile).
    public func ledgerStamps(channel: String) throws -> [String: LedgerStamp] {
        try read { db in
            var stamps: [String: LedgerStamp] = [:]
            let rows = try Row.fetchCursor(db, sql: "SELECT item_id, rev, content_hash FROM ledger WHERE channel = ?", arguments: [channel])
            while let row = try rows.next() {
                stamps[row[0]] = LedgerStamp(rev: row[1], contentHash: row[2])
            }
            return stamps
        }
    }

    /// The items to put, at the given revisions, with bodies (read a few hundred per query).
    /// `today` decides each item's derived validity (none when nil).
    public func publishedItems(_ refs: [(id: String, rev: Int)], today: LocalDate? = nil) throws -> [PublishedItem] {
        guard !refs.isEmpty else { return [] }
        return try read { db in
            var found: [String: PublishedItem] = [:]
            found.reserveCapacity(refs.count)
            for start in stride(from: 0, to: refs.count, by: 250) {
                let chunk = refs[start..<min(start + 250, refs.count)]
                let pairs = Array(repeating: "(?, ?)", count: chunk.count).joined(separator: ", ")
                var arguments = StatementArguments()
                for ref in chunk { _ = arguments.append(contentsOf: [ref.id, ref.rev]) }
                // Cached: the engine asks in chunks of one size, so the statement is parsed once.
                let statement = try db.cachedStatement(sql: """
                    WITH wanted (item_id, rev) AS (VALUES \(pairs))
                    SELECT r.item_id, r.rev, r.title, r.summary, r.body, r.category, r.unit, r.index_number, r.doc_number,
                           r.published, r.created_at, r.content_hash,
                           (SELECT MAX(at) FROM approvals p WHERE p.item_id = r.item_id AND p.rev = r.rev) AS approved_at,
                           \(MetadataColumns.names.map { "r." + $0 }.joined(separator: ", "))
                    FROM wanted w JOIN revisions r ON r.item_id = w.item_id AND r.rev = w.rev
                    """)
                let rows = try Row.fetchCursor(statement, arguments: arguments)
                while let row = try rows.next() {
                    let approvedAt: Double? = row[12]
                    let metadata = MetadataColumns.metadata(row, from: 13)
                    let item = PublishedItem(id: row[0], revision: row[1], title: row[2], summary: row[3], body: row[4], category: row[5],
                                             unit: row[6], indexNumber: row[7], docNumber: row[8],
                                             published: LocalDate(row[9] as String) ?? LocalDate(year: 1970, month: 1, day: 1)!,
                                             updated: Date(timeIntervalSince1970: approvedAt ?? row[10]), contentHash: row[11],
                                             metadata: metadata, validity: today.flatMap(metadata.validity(on:)))
                    found[item.id] = item
                }
                let files = try Row.fetchCursor(db.cachedStatement(sql: """
                    WITH wanted (item_id, rev) AS (VALUES \(pairs))
                    SELECT a.item_id, a.sha256, a.name, a.title, f.size, f.media_type
                    FROM wanted w JOIN revision_attachments a ON a.item_id = w.item_id AND a.rev = w.rev
                    JOIN attachment_files f ON f.sha256 = a.sha256
                    ORDER BY a.item_id, a.position
                    """), arguments: arguments)
                while let row = try files.next() {
                    found[row[0]]?.attachments.append(Attachment(sha256: row[1], name: row[2], title: row[3], size: row[4], mediaType: row[5]))
                }
            }
            return try refs.map { ref in
                guard let item = found[ref.id], item.revision == ref.rev else {
                    throw PubsyncError(.store, "item '\(ref.id)' has no revision \(ref.rev)", item: ref.id)
                }
                return item
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

    /// The columns `publishedItem(_:)` reads, in its order, from `revisions r` (prefixed to the
    /// body, or `''` without it, and `approved_at`).
    static let publishedItemColumns = "r.item_id, r.rev, r.title, r.summary, r.category, r.unit, r.index_number, r.doc_number, r.published, "
        + "r.content_hash, r.created_at, " + MetadataColumns.names.map { "r." + $0 }.joined(separator: ", ")

    /// A published item from a row of `publishedItemColumns`, then the body, then `approved_at`;
    /// read by position (a look-up by name lowercases the name, every time).
    static func publishedItem(_ row: Row) -> PublishedItem {
        let approvedAt: Double? = row[21]
        let createdAt: Double = row[10]
        return PublishedItem(id: row[0], revision: row[1], title: row[2], summary: row[3], body: row[20],
                             category: row[4], unit: row[5], indexNumber: row[6], docNumber: row[7],
                             published: LocalDate(row[8] as String) ?? LocalDate(year: 1970, month: 1, day: 1)!,
                             updated: Date(timeIntervalSince1970: approvedAt ?? createdAt), contentHash: row[9],
                             metadata: MetadataColumns.metadata(row, from: 11))
    }
}

extension ItemStore {
    /// Items whose retraction the channel has not confirmed yet.
    public func owedRetractions(channel: String) throws -> Set<String> {
        try read { db in
            Set(try String.fetchAll(db, sql: """
                SELECT l.item_id FROM items i JOIN ledger l ON l.item_id = i.id AND l.channel = ?
                WHERE i.status = 'retracted' AND l.state <> 'removed'
                """, arguments: [channel]))
        }
    }
}

extension ItemStore {
    /// How many approved, due items `routing` sends to `channel` have no ledger row there yet:
    /// owed, but never attempted (a sync stopped by a refusal or a kill before reaching them).
    /// Items held by an open flag are not owed (status counts them as held).
    /// One grouped count over the due-date index; routing is applied per (category, channel
    /// list) group, never per item.
    public func unattemptedCount(channel: String, routing: ChannelRouting, today: LocalDate) throws -> Int {
        try read { db in
            let groups = try Row.fetchAll(db, sql: """
                SELECT category, channels, COUNT(*) FROM items INDEXED BY items_due
                WHERE due_date IS NOT NULL AND due_date <= ? AND status = 'approved' AND approved_hash IS NOT NULL
                  AND NOT EXISTS (SELECT 1 FROM ledger l WHERE l.item_id = items.id AND l.channel = ?)
                  AND NOT EXISTS (SELECT 1 FROM flags f WHERE f.item_id = items.id AND f.rev = items.approved_rev AND f.status = 'open')
                GROUP BY category, channels
                """, arguments: [today.description, channel])
            return groups.reduce(0) { total, row in
                let channels: String? = row[1]
                let list = channels.map { $0.isEmpty ? [] : $0.split(separator: ",").map(String.init) }
                return routing.accepts(channel: channel, category: row[0], itemChannels: list) ? total + (row[2] as Int) : total
            }
        }
    }
}
