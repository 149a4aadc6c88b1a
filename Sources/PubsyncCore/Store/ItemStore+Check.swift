import Foundation
import GRDB

/// What `pubsync check` needs to know of one live revision.
public struct CheckedRevision: Sendable, Hashable {
    /// The item id.
    public var id: String
    /// The revision live on at least one channel.
    public var rev: Int
    /// 发布机构.
    public var unit: String
    /// 索引号.
    public var indexNumber: String
    /// 文号.
    public var docNumber: String
    /// 体裁.
    public var genre: String
    /// 有效期至.
    public var validUntil: LocalDate?
    /// 废止日期.
    public var repealed: LocalDate?
}

extension ItemStore {
    /// Every revision live on some channel (once, however many channels hold it), by item id.
    public func liveRevisionsForCheck() throws -> [CheckedRevision] {
        try read { db in
            try Row.fetchAll(db, sql: """
                SELECT DISTINCT r.item_id, r.rev, r.unit, r.index_number, r.doc_number, r.genre, r.valid_until, r.repealed
                FROM ledger l JOIN revisions r ON r.item_id = l.item_id AND r.rev = l.rev
                WHERE l.rev IS NOT NULL
                ORDER BY r.item_id, r.rev
                """).map { row in
                CheckedRevision(id: row[0], rev: row[1], unit: row[2], indexNumber: row[3], docNumber: row[4], genre: row[5],
                                validUntil: (row[6] as String?).flatMap(LocalDate.init), repealed: (row[7] as String?).flatMap(LocalDate.init))
            }
        }
    }

    /// Open audit flags on a revision that is live on a channel, or is the item's approved or
    /// newest revision (held or waiting for publication), of items not retracted.
    public func openFlagsOnCurrentRevisions() throws -> [AuditFlag] {
        let ids = try read { db in
            try Int64.fetchAll(db, sql: """
                SELECT f.id FROM flags f JOIN items i ON i.id = f.item_id
                WHERE f.status = 'open' AND i.status <> 'retracted'
                  AND (f.rev = i.head_rev OR f.rev = i.approved_rev
                       OR EXISTS (SELECT 1 FROM ledger l WHERE l.item_id = f.item_id AND l.rev = f.rev))
                """)
        }
        let wanted = Set(ids)
        return try flags().filter { wanted.contains($0.id) }
    }
}
