import Foundation
import GRDB

extension ItemStore {
    /// Imports items in one transaction: `produce` feeds drafts to the given closure (parsing
    /// files as it goes); any error — from parsing or from a rule — rolls everything back.
    ///
    /// Unchanged items create nothing; a changed item gets a new head revision while its approved
    /// revision stays the published one until the new one is approved. `approveBy` approves what
    /// is imported as `reviewer` (a sensitive item still needs a `leader` by someone else).
    ///
    /// An item without a 索引号 keeps the one it has; a new (or changed) item without one gets the
    /// next number of `numbering` (none when `numbering` is nil). `screening` runs the audit rules
    /// on each item's text; a finding records an open flag on the revision in the same
    /// transaction, which holds it (never published until a person acts).
    @discardableResult
    public func importItems(actor: String, approveBy: String? = nil, numbering: IndexNumbering? = nil,
                            screening: AuditRuleSet? = nil,
                            _ produce: (_ emit: (ImportDraft) throws -> Void) throws -> Void) throws -> ImportSummary {
        let now = clock()
        return try bulkWrite { db in
            var importer = BatchImporter(store: self, db: db, actor: actor, approveBy: approveBy, numbering: numbering, now: now)
            try produce { draft in
                try importer.add(draft, hash: ContentHash.of(draft.content), findings: draft.screened(by: screening))
            }
            return importer.summary
        }
    }

    /// The transaction of an import fed by a parsing thread through `pipe`.
    func importItems(actor: String, approveBy: String?, numbering: IndexNumbering?, from pipe: DraftPipe) throws -> ImportSummary {
        let now = clock()
        return try bulkWrite { db in
            var importer = BatchImporter(store: self, db: db, actor: actor, approveBy: approveBy, numbering: numbering, now: now)
            while let chunk = try pipe.take() {
                for hashed in chunk { try importer.add(hashed.draft, hash: hashed.hash, findings: hashed.findings) }
            }
            return importer.summary
        }
    }
}

/// The per-transaction state of one import: ids and index numbers already seen in the batch.
private struct BatchImporter {
    let store: ItemStore
    let db: Database
    let actor: String
    let approveBy: String?
    var numberer: IndexNumberer?
    let now: Date
    var summary = ImportSummary()
    var seenIDs: [String: SourceLocation] = [:]

    init(store: ItemStore, db: Database, actor: String, approveBy: String?, numbering: IndexNumbering?, now: Date) {
        self.store = store
        self.db = db
        self.actor = actor
        self.approveBy = approveBy
        self.numberer = numbering.map { IndexNumberer(numbering: $0, db: db) }
        self.now = now
    }

    mutating func add(_ draft: ImportDraft, hash: String, findings: [AuditFinding]) throws {
        summary.read += 1
        if let earlier = seenIDs[draft.id] {
            throw PubsyncError(.input, "\(draft.source): field 'id' '\(draft.id)' is already used by \(earlier) in this import", item: draft.id)
        }
        seenIDs[draft.id] = draft.source
        var draft = draft, hash = hash
        var needsNumber = false
        if draft.content.indexNumber.isEmpty {
            // The item keeps its 索引号 (given or generated before); a new one is numbered now.
            switch try String?.fetchOne(db.cachedStatement(sql: "SELECT index_number FROM items WHERE id = ?"), arguments: [draft.id]) {
            case .some(.some(let kept)):
                draft.content.indexNumber = kept
                hash = ContentHash.of(draft.content)
            case .some(.none):
                needsNumber = numberer != nil
            case .none:
                if numberer != nil {
                    try number(&draft, hash: &hash, year: draft.content.published.year)
                }
            }
        } else {
            try numberer?.noteExplicit(draft.content.indexNumber, year: draft.content.published.year)
        }
        let approvals = try requestedApprovals(draft)
        if try addNew(draft, hash: hash, approvals: approvals) {
            try screen(draft, rev: 1, findings: findings)
            return
        }
        let existing = try Row.fetchOne(db.cachedStatement(sql: """
            SELECT i.status, i.head_rev, i.approved_rev, r.content_hash, r.repealed, r.repealed_by
            FROM items i JOIN revisions r ON r.item_id = i.id AND r.rev = i.head_rev WHERE i.id = ?
            """), arguments: [draft.id])
        let rev: Int
        if let existing {
            let headRev: Int = existing[1]
            let headHash: String = existing[3]
            // A repeal (`pubsync repeal`) is kept like the 索引号: a file without `repealed` does not undo it.
            if headHash != hash, draft.content.metadata.repealed == nil, let repealed = (existing[4] as String?).flatMap(LocalDate.init) {
                draft.content.metadata.repealed = repealed
                if draft.content.metadata.repealedBy.isEmpty { draft.content.metadata.repealedBy = existing[5] ?? "" }
                hash = ContentHash.of(draft.content)
            }
            if headHash == hash {
                summary.unchanged += 1
                try screen(draft, rev: headRev, findings: findings)
                let approvedRev: Int? = existing[2]
                if !approvals.isEmpty && approvedRev != headRev && existing[0] as String != ItemStatus.retracted.rawValue {
                    try approve(draft, rev: headRev, approvals: approvals)
                }
                return
            }
            if needsNumber {
                let firstPublished = try String.fetchOne(db.cachedStatement(sql: "SELECT published FROM revisions WHERE item_id = ? AND rev = 1"),
                                                         arguments: [draft.id]).flatMap(LocalDate.init)
                try number(&draft, hash: &hash, year: (firstPublished ?? draft.content.published).year)
            }
            try checkIndexNumber(draft)
            rev = headRev + 1
            try db.cachedStatement(sql: """
                UPDATE items SET head_rev = ?, index_number = ?, updated_at = ?,
                    category = CASE WHEN approved_rev IS NULL THEN ? ELSE category END
                WHERE id = ?
                """).execute(arguments: [rev, draft.content.indexNumber.nilIfEmpty, now.timeIntervalSince1970, draft.content.category, draft.id])
            summary.revised += 1
        } else {
            // Not inserted and not there: the index number belongs to another item.
            try checkIndexNumber(draft)
            throw PubsyncError(.store, "item '\(draft.id)' could not be added", item: draft.id)
        }
        try insertRevision(draft, rev: rev, hash: hash)
        try store.logEvent(db, at: now, actor: actor, action: "import", item: draft.id, detail: "rev \(rev) from \(draft.source.file)")
        try screen(draft, rev: rev, findings: findings)
        if !approvals.isEmpty {
            try approve(draft, rev: rev, approvals: approvals)
        }
        // The previous head's flags may concern a revision nobody will publish now.
        try store.supersedeFlags(db, item: draft.id, at: now)
    }

    /// Records screening findings as open flags on the revision (a finding recorded before is not new).
    mutating func screen(_ draft: ImportDraft, rev: Int, findings: [AuditFinding]) throws {
        guard !findings.isEmpty else { return }
        let added = try store.insertFlags(db, item: draft.id, rev: rev, findings: findings.map { ($0.rule, $0.excerpt) },
                                          actor: actor, at: now)
        if !added.isEmpty { summary.flagged += 1 }
    }

    /// A new item in as few statements as possible (the bulk path of an archive import): the
    /// item row already carries its review state, and one event records import and approval.
    /// Returns false, writing nothing, when the item already exists or another item holds its index number.
    mutating func addNew(_ draft: ImportDraft, hash: String, approvals: [(by: String, role: ApprovalRole)]) throws -> Bool {
        let approved = ReviewRule.isSatisfied(sensitive: draft.content.sensitive, approvals: approvals)
        let at = now.timeIntervalSince1970
        let validity: (validUntil: String?, repealed: String?) = approved ? ItemStore.plannedValidity(draft.content.metadata) : (nil, nil)
        try db.cachedStatement(sql: """
            INSERT INTO items (id, status, head_rev, approved_rev, due_date, index_number, created_at, updated_at,
                               category, channels, approved_hash, valid_until, repealed)
            VALUES (?, ?, 1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING
            """).execute(arguments: [draft.id, approved ? "approved" : "draft", approved ? 1 : nil,
                                     approved ? draft.content.published.description : nil,
                                     draft.content.indexNumber.nilIfEmpty, at, at, draft.content.category,
                                     approved ? draft.content.channels?.joined(separator: ",") : nil, approved ? hash : nil,
                                     validity.validUntil, validity.repealed])
        // Nothing inserted: the item exists, or another item holds the index number (the caller tells which).
        guard db.changesCount == 1 else { return false }
        try insertRevision(draft, rev: 1, hash: hash)
        for (by, role) in approvals {
            try db.cachedStatement(sql: "INSERT INTO approvals (item_id, rev, by, role, at) VALUES (?, 1, ?, ?, ?)")
                .execute(arguments: [draft.id, by, role.rawValue, at])
        }
        var detail = "rev 1 from \(draft.source.file)"
        if !approvals.isEmpty {
            detail += "; approved by " + approvals.map { "\($0.0) as \($0.1.rawValue)" }.joined(separator: ", ")
            detail += approved ? "" : " (still needs a leader's approval)"
        }
        try store.logEvent(db, at: now, actor: actor, action: "import", item: draft.id, detail: detail)
        if approved {
            try store.journal(db, item: draft.id, kind: "approved", at: now)
            summary.approved += 1
        }
        summary.created += 1
        return true
    }

    /// The approvals the file and `--approve-by` ask for; an approval request without a reviewer is an error.
    func requestedApprovals(_ draft: ImportDraft) throws -> [(by: String, role: ApprovalRole)] {
        var approvals: [(by: String, role: ApprovalRole)] = []
        if draft.wantsApproval {
            guard let reviewer = (draft.reviewer ?? approveBy).map(PersonName.normalized), !reviewer.isEmpty else {
                throw PubsyncError(.input, "\(draft.source): field 'reviewer' is missing: 'status: approved' needs the reviewer who approved it", item: draft.id)
            }
            approvals.append((reviewer, .reviewer))
            if draft.content.sensitive {
                guard let leader = draft.leader.map(PersonName.normalized), !leader.isEmpty else {
                    throw PubsyncError(.input, "\(draft.source): field 'leader' is missing: a sensitive item marked 'status: approved' also needs a leader's approval", item: draft.id)
                }
                guard leader != reviewer else {
                    throw PubsyncError(.input, "\(draft.source): field 'leader' names the reviewer '\(reviewer)' again: a sensitive item needs two different people", item: draft.id)
                }
                approvals.append((leader, .leader))
            }
        } else if let approveBy = approveBy.map(PersonName.normalized), !approveBy.isEmpty {
            approvals.append((approveBy, .reviewer))
            if draft.content.sensitive, let leader = draft.leader.map(PersonName.normalized), !leader.isEmpty, leader != approveBy {
                approvals.append((leader, .leader))
            }
        }
        return approvals
    }

    func checkIndexNumber(_ draft: ImportDraft) throws {
        let number = draft.content.indexNumber
        guard !number.isEmpty else { return }
        if let owner = try String.fetchOne(db.cachedStatement(sql: "SELECT id FROM items WHERE index_number = ? AND id <> ?"),
                                           arguments: [number, draft.id]) {
            throw PubsyncError(.input, "\(draft.source): field 'index_number' '\(number)' is already used by item '\(owner)'", item: draft.id)
        }
    }

    func insertRevision(_ draft: ImportDraft, rev: Int, hash: String) throws {
        try store.insertRevision(db, item: draft.id, rev: rev, content: draft.content, hash: hash, author: actor, at: now)
    }

    /// Gives the draft the next 索引号 of its year and rehashes it.
    mutating func number(_ draft: inout ImportDraft, hash: inout String, year: Int) throws {
        guard var numberer else { return }
        draft.content.indexNumber = try numberer.next(year: year)
        self.numberer = numberer
        hash = ContentHash.of(draft.content)
    }

    mutating func approve(_ draft: ImportDraft, rev: Int, approvals: [(by: String, role: ApprovalRole)]) throws {
        for (by, role) in approvals {
            if try store.recordApproval(db, item: draft.id, rev: rev, by: by, role: role, at: now) {
                summary.approved += 1
            }
        }
    }
}

extension String {
    /// nil for the empty string.
    var nilIfEmpty: String? { isEmpty ? nil : self }
}
