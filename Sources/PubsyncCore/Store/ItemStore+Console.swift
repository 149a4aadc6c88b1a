import Foundation
import GRDB

/// A head revision waiting for an approval, for the console's review queue.
public struct ReviewQueueEntry: Sendable, Hashable {
    /// The item.
    public var item: String
    /// The revision awaiting approval (the head).
    public var rev: Int
    /// The revision channels publish now, if any (what the reviewer compares against).
    public var approvedRev: Int?
    /// Whether the revision is sensitive (needs a leader too).
    public var sensitive: Bool
    /// Approvals the revision already has.
    public var approvals: [Approval]
}

extension ItemStore {
    /// Head revisions awaiting an approval in `role` (not retracted, newer than the approved
    /// revision, without an approval in that role; a leader sees sensitive revisions a reviewer
    /// has approved), oldest change first; with `role` nil, every head awaiting any approval.
    public func reviewQueue(role: ApprovalRole?, limit: Int = 100) throws -> [ReviewQueueEntry] {
        try read { db in
            var sql = """
                SELECT i.id, i.head_rev, i.approved_rev, r.sensitive FROM items i
                JOIN revisions r ON r.item_id = i.id AND r.rev = i.head_rev
                WHERE i.status <> 'retracted' AND (i.approved_rev IS NULL OR i.approved_rev < i.head_rev)
                """
            let hasRole = "EXISTS (SELECT 1 FROM approvals a WHERE a.item_id = i.id AND a.rev = i.head_rev AND a.role = ?)"
            var arguments: StatementArguments = []
            switch role {
            case .reviewer?:
                sql += " AND NOT \(hasRole)"
                arguments = ["reviewer"]
            case .leader?:
                sql += " AND r.sensitive = 1 AND \(hasRole) AND NOT \(hasRole)"
                arguments = ["reviewer", "leader"]
            case nil:
                break
            }
            sql += " ORDER BY i.updated_at, i.id LIMIT ?"
            _ = arguments.append(contentsOf: [limit])
            return try Row.fetchAll(db, sql: sql, arguments: arguments).map { row in
                let id: String = row[0], rev: Int = row[1]
                let approvals = try Row.fetchAll(db, sql: "SELECT by, role, at, comment FROM approvals WHERE item_id = ? AND rev = ? ORDER BY at",
                                                 arguments: [id, rev]).map {
                    Approval(by: $0[0], role: ApprovalRole(rawValue: $0[1]) ?? .reviewer, at: Date(timeIntervalSince1970: $0[2]), comment: $0[3])
                }
                return ReviewQueueEntry(item: id, rev: rev, approvedRev: row[2], sensitive: row[3], approvals: approvals)
            }
        }
    }

    /// One revision's content, if it exists.
    public func revision(item: String, rev: Int) throws -> Revision? {
        try read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM revisions WHERE item_id = ? AND rev = ?", arguments: [item, rev]).map(Self.revision)
        }
    }

    /// The head revisions' titles of `ids` (ids without an item are left out).
    public func titles(of ids: [String]) throws -> [String: String] {
        try read { db in
            var result: [String: String] = [:]
            for id in Set(ids) {
                if let title = try String.fetchOne(db, sql: "SELECT r.title FROM items i JOIN revisions r ON r.item_id = i.id AND r.rev = i.head_rev WHERE i.id = ?",
                                                   arguments: [id]) {
                    result[id] = title
                }
            }
            return result
        }
    }
}
