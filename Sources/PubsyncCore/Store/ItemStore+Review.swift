import Foundation
import GRDB

extension ItemStore {
    /// Records `by`'s approval of the item's head revision in `role`. The revision becomes the
    /// approved (published) one when the review rule holds: one approval, or for a sensitive item
    /// a `reviewer` and a `leader` who are two different people. `screening` runs the audit rules on
    /// the revision again (a finding is an open flag, in the same transaction). Returns the item's
    /// state after, and the open flags that hold the revision (it is approved but never published
    /// until they are dismissed).
    @discardableResult
    public func approve(item id: String, by: String, role: ApprovalRole, comment: String? = nil,
                        screening: AuditRuleSet? = nil) throws -> (state: ItemState, becameApproved: Bool, heldBy: [AuditFlag]) {
        let now = clock()
        return try write { db in
            guard let state = try itemState(db, id: id) else {
                throw PubsyncError(.notFound, "no item '\(id)' in the store", item: id)
            }
            guard state.status != .retracted else {
                throw PubsyncError(.conflict, "item '\(id)' is retracted; restore it before approving", item: id)
            }
            if let screening, !screening.isEmpty,
               let row = try Row.fetchOne(db, sql: "SELECT * FROM revisions WHERE item_id = ? AND rev = ?", arguments: [id, state.headRev]) {
                let findings = screening.screen(Self.revision(row).content)
                try insertFlags(db, item: id, rev: state.headRev, findings: findings.map { ($0.rule, $0.excerpt) }, actor: by, at: now)
            }
            let became = try recordApproval(db, item: id, rev: state.headRev, by: by, role: role, comment: comment, at: now)
            if became { try supersedeFlags(db, item: id, at: now) }
            return (try itemState(db, id: id)!, became, try openFlags(db, item: id, rev: state.headRev))
        }
    }

    /// Inserts one approval (idempotent) and promotes the revision when the review rule holds.
    /// Returns whether the revision became the approved one.
    func recordApproval(_ db: Database, item: String, rev: Int, by: String, role: ApprovalRole, comment: String? = nil, at: Date) throws -> Bool {
        let by = PersonName.normalized(by)
        guard !by.isEmpty else {
            throw PubsyncError(.input, "item '\(item)': the approver's name is empty", item: item)
        }
        guard let sensitive = try Bool.fetchOne(db.cachedStatement(sql: "SELECT sensitive FROM revisions WHERE item_id = ? AND rev = ?"),
                                                arguments: [item, rev]) else {
            throw PubsyncError(.notFound, "item '\(item)' has no revision \(rev)", item: item)
        }
        let existing = try Row.fetchAll(db.cachedStatement(sql: "SELECT by, role FROM approvals WHERE item_id = ? AND rev = ?"),
                                        arguments: [item, rev]).map { (by: PersonName.normalized($0[0]), role: ApprovalRole(rawValue: $0[1]) ?? .reviewer) }
        if existing.contains(where: { $0.by == by && $0.role == role }) {
            return false
        }
        // One person is never both reviewer and leader of one revision.
        if existing.contains(where: { $0.by == by }) {
            throw PubsyncError(.conflict, "item '\(item)': the reviewer and leader approvals of a revision must come from two different people, and \(by) has approved revision \(rev) already", item: item)
        }
        try db.cachedStatement(sql: "INSERT INTO approvals (item_id, rev, by, role, at, comment) VALUES (?, ?, ?, ?, ?, ?)")
            .execute(arguments: [item, rev, by, role.rawValue, at.timeIntervalSince1970, comment])
        try logEvent(db, at: at, actor: by, action: "approve", item: item,
                     detail: "rev \(rev) as \(role.rawValue)" + (comment.map { $0.isEmpty ? "" : ": \($0)" } ?? ""))
        guard ReviewRule.isSatisfied(sensitive: sensitive, approvals: existing + [(by: by, role: role)]) else { return false }
        let current = try Row.fetchOne(db.cachedStatement(sql: "SELECT status, approved_rev FROM items WHERE id = ?"), arguments: [item])
        let approvedRev: Int? = current?[1]
        if current?[0] as String? == ItemStatus.retracted.rawValue { return false }
        if let approvedRev, approvedRev >= rev { return false }
        try db.cachedStatement(sql: """
            UPDATE items SET status = 'approved', approved_rev = ?,
                (due_date, category, channels, approved_hash, valid_until, repealed) =
                    (SELECT published, category, channels, content_hash,
                            CASE WHEN genre IN (\(MetadataColumns.normativeGenresSQL)) THEN valid_until END,
                            CASE WHEN genre IN (\(MetadataColumns.normativeGenresSQL)) THEN repealed END
                     FROM revisions WHERE item_id = ? AND rev = ?),
                updated_at = ?
            WHERE id = ?
            """).execute(arguments: [rev, item, rev, at.timeIntervalSince1970, item])
        try journal(db, item: item, kind: "approved", at: at)
        try logEvent(db, at: at, actor: by, action: "approved", item: item, detail: "rev \(rev) is now the published revision")
        return true
    }

    /// The item row, if the item exists.
    func itemState(_ db: Database, id: String) throws -> ItemState? {
        guard let row = try Row.fetchOne(db.cachedStatement(sql: "SELECT id, status, head_rev, approved_rev FROM items WHERE id = ?"),
                                         arguments: [id]) else { return nil }
        return ItemState(id: row[0], status: ItemStatus(rawValue: row[1]) ?? .draft, headRev: row[2], approvedRev: row[3])
    }
}
