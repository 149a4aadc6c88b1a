import Foundation
import GRDB

/// One audit flag: a rule's finding in one revision of an item.
public struct AuditFlag: Sendable, Hashable {
    /// AuditFlag status.
    public enum Status: String, Sendable, Codable {
        /// Found, not yet acted on.
        case open
        /// Closed as a false positive (kept in the trail).
        case dismissed
        /// The item was retracted because of it.
        case retracted
        /// Its revision is neither live anywhere nor the approved or head revision any more.
        case superseded
    }

    /// AuditFlag number.
    public var id: Int64
    /// The item.
    public var item: String
    /// The revision the finding is in.
    public var rev: Int
    /// The rule.
    public var rule: String
    /// Masked excerpt.
    public var excerpt: String
    /// Status.
    public var status: Status
    /// When found.
    public var foundAt: Date
    /// Who resolved it, when and why.
    public var resolvedBy: String?
    /// When resolved.
    public var resolvedAt: Date?
    /// Why.
    public var reason: String?
}

/// A revision to scan.
public struct AuditTarget: Sendable {
    /// The item.
    public var item: String
    /// The revision.
    public var rev: Int
    /// Title, summary and body, joined by newlines.
    public var text: String
}

extension ItemStore {
    /// Streams the revisions an audit scans: the approved revision of every item live (or owed
    /// a put) on any channel, and the revision each channel has live; with `all`, also every draft
    /// and unapproved head.
    public func forEachAuditTarget(all: Bool, _ body: (AuditTarget) throws -> Void) throws {
        try read { db in
            let targets = Self.auditTargetSQL(all: all)
            let rows = try Row.fetchCursor(db, sql: """
                SELECT r.* FROM (\(targets)) t JOIN revisions r ON r.item_id = t.item_id AND r.rev = t.rev
                ORDER BY r.item_id, r.rev
                """)
            while let row = try rows.next() {
                // The same text screening reads at import: one rule for both.
                let revision = Self.revision(row)
                try body(AuditTarget(item: revision.itemID, rev: revision.rev, text: AuditRuleSet.text(of: revision.content)))
            }
        }
    }

    /// The (item_id, rev) pairs an audit scans: each item's approved revision when it is live or
    /// owed a put, and every revision a channel has live; with `all`, also every head.
    static func auditTargetSQL(all: Bool) -> String {
        all ? """
            SELECT i.id AS item_id, i.head_rev AS rev FROM items i
            UNION SELECT i.id, i.approved_rev FROM items i WHERE i.approved_rev IS NOT NULL
            UNION SELECT l.item_id, l.rev FROM ledger l WHERE l.rev IS NOT NULL
            """ : """
            SELECT i.id AS item_id, i.approved_rev AS rev FROM items i
            WHERE i.approved_rev IS NOT NULL
              AND EXISTS (SELECT 1 FROM ledger l WHERE l.item_id = i.id AND (l.rev IS NOT NULL OR l.state IN ('pending', 'failed')))
            UNION SELECT l.item_id, l.rev FROM ledger l WHERE l.rev IS NOT NULL
            """
    }

    /// Records findings as flags; a finding already recorded for the same revision is not new.
    /// Returns how many flags are new.
    public func recordFlags(_ findings: [(item: String, rev: Int, rule: String, excerpt: String)], actor: String) throws -> Int {
        guard !findings.isEmpty else { return 0 }
        let now = clock()
        return try write { db in
            var added = 0
            for finding in findings {
                added += try insertFlags(db, item: finding.item, rev: finding.rev,
                                         findings: [(finding.rule, finding.excerpt)], actor: actor, at: now).count
            }
            return added
        }
    }

    /// Open flags, or all with `all`, oldest first.
    public func flags(all: Bool = false) throws -> [AuditFlag] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM flags \(all ? "" : "WHERE status = 'open'") ORDER BY id").map(Self.flag)
        }
    }

    /// Closes an open flag as a false positive; the flag and who closed it stay in the trail.
    public func dismissFlag(_ id: Int64, by: String, reason: String) throws {
        let now = clock()
        try write { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT item_id, status FROM flags WHERE id = ?", arguments: [id]) else {
                throw PubsyncError(.notFound, "no flag \(id) (see pubsync flags --all)")
            }
            guard row[1] as String == AuditFlag.Status.open.rawValue else {
                throw PubsyncError(.conflict, "flag \(id) is already \(row[1] as String)")
            }
            try db.execute(sql: "UPDATE flags SET status = 'dismissed', resolved_by = ?, resolved_at = ?, reason = ? WHERE id = ?",
                           arguments: [by, now.timeIntervalSince1970, reason, id])
            try logEvent(db, at: now, actor: by, action: "flag-dismissed", item: row[0], detail: "flag \(id): \(reason)")
            // The revision it held may be published now: every channel looks at the item again.
            try journal(db, item: row[0], kind: "flag-dismissed", at: now)
        }
    }

    /// Items with open flags.
    public func flaggedItems() throws -> [String] {
        try read { db in try String.fetchAll(db, sql: "SELECT DISTINCT item_id FROM flags WHERE status = 'open' ORDER BY item_id") }
    }

    /// Retracts items at once, in one transaction: status `retracted`, every ledger row of
    /// theirs that is not confirmed removed becomes an owed retraction, their open flags close.
    /// Returns the ids that were not already retracted.
    @discardableResult
    public func retract(_ ids: [String], by: String, reason: String) throws -> [String] {
        let now = clock()
        return try write { db in
            var changed: [String] = []
            for id in ids {
                guard let state = try itemState(db, id: id) else {
                    throw PubsyncError(.notFound, "no item '\(id)' in the store; nothing was retracted", item: id)
                }
                try db.execute(sql: """
                    UPDATE ledger SET state = 'pending', pending_op = 'remove', removal_reason = 'retracted', updated_at = ?
                    WHERE item_id = ? AND state <> 'removed'
                    """, arguments: [now.timeIntervalSince1970, id])
                try db.execute(sql: "UPDATE flags SET status = 'retracted', resolved_by = ?, resolved_at = ?, reason = ? WHERE item_id = ? AND status = 'open'",
                               arguments: [by, now.timeIntervalSince1970, reason, id])
                if state.status == .retracted { continue }
                try db.execute(sql: "UPDATE items SET status = 'retracted', updated_at = ? WHERE id = ?", arguments: [now.timeIntervalSince1970, id])
                try journal(db, item: id, kind: "retracted", at: now)
                try logEvent(db, at: now, actor: by, action: "retract", item: id, detail: reason)
                changed.append(id)
            }
            return changed
        }
    }

    /// Restores a retracted item: it may be published again (its approved revision, if any).
    public func restore(_ id: String, by: String, reason: String) throws {
        let now = clock()
        try write { db in
            guard let state = try itemState(db, id: id) else { throw PubsyncError(.notFound, "no item '\(id)' in the store", item: id) }
            guard state.status == .retracted else { throw PubsyncError(.conflict, "item '\(id)' is not retracted (it is \(state.status.rawValue))", item: id) }
            try db.execute(sql: "UPDATE items SET status = ?, updated_at = ? WHERE id = ?",
                           arguments: [state.approvedRev == nil ? "draft" : "approved", now.timeIntervalSince1970, id])
            try journal(db, item: id, kind: "restored", at: now)
            try logEvent(db, at: now, actor: by, action: "restore", item: id, detail: reason)
        }
    }

    /// Of `ids`, those whose retraction `channel` has not confirmed.
    public func pendingRetractions(channel: String, among ids: [String]) throws -> [String] {
        let owed = try owedRetractions(channel: channel)
        return ids.filter(owed.contains)
    }
}
