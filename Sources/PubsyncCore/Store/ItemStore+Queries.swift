import Foundation
import GRDB

extension ItemStore {
    /// Items with their head revision's main fields, ordered by id; optionally of one status.
    public func listItems(status: ItemStatus? = nil) throws -> [(listing: ItemListing, channels: [String]?)] {
        try read { db in
            var sql = """
                SELECT i.id, r.title, r.category, i.status, i.head_rev, i.approved_rev, r.published, r.channels
                FROM items i JOIN revisions r ON r.item_id = i.id AND r.rev = i.head_rev
                """
            var arguments: StatementArguments = []
            if let status {
                sql += " WHERE i.status = ?"
                arguments = [status.rawValue]
            }
            sql += " ORDER BY i.id"
            return try Row.fetchAll(db, sql: sql, arguments: arguments).map { row in
                let listing = ItemListing(id: row[0], title: row[1], category: row[2], status: ItemStatus(rawValue: row[3]) ?? .draft,
                                          headRev: row[4], approvedRev: row[5], published: LocalDate(row[6] as String) ?? LocalDate(year: 1970, month: 1, day: 1)!)
                return (listing, (row[7] as String?).map { $0.split(separator: ",").map(String.init) })
            }
        }
    }

    /// Everything about one item: state, revisions with approvals, ledger rows.
    public func itemDetail(id: String) throws -> ItemDetail {
        try read { db in
            guard let state = try itemState(db, id: id) else {
                throw PubsyncError(.notFound, "no item '\(id)' in the store", item: id)
            }
            let approvalRows = try Row.fetchAll(db, sql: "SELECT rev, by, role, at, comment FROM approvals WHERE item_id = ? ORDER BY at, rowid", arguments: [id])
            var approvals: [Int: [Approval]] = [:]
            for row in approvalRows {
                approvals[row[0], default: []].append(Approval(by: row[1], role: ApprovalRole(rawValue: row[2]) ?? .reviewer,
                                                               at: Date(timeIntervalSince1970: row[3]), comment: row[4]))
            }
            let attachments = try Self.attachmentsByRevision(db, item: id)
            let revisions = try Row.fetchAll(db, sql: "SELECT * FROM revisions WHERE item_id = ? ORDER BY rev", arguments: [id])
                .map { row in
                    var revision = Self.revision(row)
                    revision.content.attachments = attachments[revision.rev] ?? []
                    return (revision: revision, approvals: approvals[row["rev"]] ?? [])
                }
            let ledger = try Row.fetchAll(db, sql: "SELECT * FROM ledger WHERE item_id = ? ORDER BY channel", arguments: [id]).map(Self.ledgerRow)
            let flags = try Row.fetchAll(db, sql: "SELECT * FROM flags WHERE item_id = ? ORDER BY id", arguments: [id]).map(Self.flag)
            return ItemDetail(state: state, revisions: revisions, ledger: ledger, flags: flags)
        }
    }

    /// The newest `limit` events (of one item when given), oldest first.
    public func events(item: String? = nil, limit: Int = 50) throws -> [Event] {
        try read { db in
            var sql = "SELECT at, actor, action, item_id, channel, detail FROM events"
            var arguments: StatementArguments = []
            if let item {
                sql += " WHERE item_id = ?"
                arguments = [item]
            }
            sql += " ORDER BY id DESC LIMIT ?"
            _ = arguments.append(contentsOf: [limit])
            return try Row.fetchAll(db, sql: sql, arguments: arguments).reversed().map { row in
                Event(at: Date(timeIntervalSince1970: row[0]), actor: row[1], action: row[2], item: row[3], channel: row[4], detail: row[5])
            }
        }
    }

    static func revision(_ row: Row) -> Revision {
        let channels: String? = row["channels"]
        let content = RevisionContent(
            title: row["title"], summary: row["summary"], body: row["body"], category: row["category"], unit: row["unit"],
            indexNumber: row["index_number"], docNumber: row["doc_number"],
            published: LocalDate(row["published"] as String) ?? LocalDate(year: 1970, month: 1, day: 1)!,
            channels: channels.map { $0.isEmpty ? [] : $0.split(separator: ",").map(String.init) }, sensitive: row["sensitive"],
            metadata: MetadataColumns.metadata(row))
        return Revision(itemID: row["item_id"], rev: row["rev"], content: content, contentHash: row["content_hash"],
                        author: row["author"], createdAt: Date(timeIntervalSince1970: row["created_at"]))
    }

    /// The ledger columns `ledgerRow(_:at:)` reads, in its order (prefix each with an alias as needed).
    static let ledgerColumns = ["channel", "item_id", "rev", "content_hash", "published_hash", "remote_ref", "state", "pending_op",
                                "removal_reason", "first_published_at", "last_published_at", "attempts", "last_error", "rejected_hash"]

    /// A ledger row from the `ledgerColumns` starting at column `start` (by position: no name lookups
    /// in whole-channel scans); nil when the row has no ledger part (a LEFT JOIN that found none).
    static func ledgerRow(_ row: Row, at start: Int) -> LedgerRow? {
        guard let state: String = row[start + 6] else { return nil }
        return LedgerRow(channel: row[start], itemID: row[start + 1], rev: row[start + 2], contentHash: row[start + 3],
                         publishedHash: row[start + 4], remoteRef: row[start + 5], state: LedgerState(rawValue: state) ?? .pending,
                         pendingOp: (row[start + 7] as String?).flatMap(LedgerOp.init(rawValue:)),
                         removalReason: (row[start + 8] as String?).flatMap(RemovalReason.init(rawValue:)),
                         firstPublishedAt: (row[start + 9] as Double?).map(Date.init(timeIntervalSince1970:)),
                         lastPublishedAt: (row[start + 10] as Double?).map(Date.init(timeIntervalSince1970:)),
                         attempts: row[start + 11], lastError: row[start + 12], rejectedHash: row[start + 13])
    }

    static func ledgerRow(_ row: Row) -> LedgerRow {
        LedgerRow(channel: row["channel"], itemID: row["item_id"], rev: row["rev"], contentHash: row["content_hash"],
                  publishedHash: row["published_hash"], remoteRef: row["remote_ref"],
                  state: LedgerState(rawValue: row["state"]) ?? .pending,
                  pendingOp: (row["pending_op"] as String?).flatMap(LedgerOp.init(rawValue:)),
                  removalReason: (row["removal_reason"] as String?).flatMap(RemovalReason.init(rawValue:)),
                  firstPublishedAt: (row["first_published_at"] as Double?).map(Date.init(timeIntervalSince1970:)),
                  lastPublishedAt: (row["last_published_at"] as Double?).map(Date.init(timeIntervalSince1970:)),
                  attempts: row["attempts"], lastError: row["last_error"], rejectedHash: row["rejected_hash"])
    }
}

extension ItemStore {
    /// How many audit flags are open.
    public func openFlagCount() throws -> Int {
        try read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM flags WHERE status = 'open'") ?? 0 }
    }
}
