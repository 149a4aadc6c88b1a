import Foundation
import GRDB

/// The outcome of one operation, as the engine records it once the channel confirmed it.
public struct OpOutcome: Sendable {
    /// What happened.
    public enum Result: Sendable {
        /// Put confirmed: the item (body not needed) and where it lives.
        case put(PublishedItem, remoteRef: String?)
        /// Removal confirmed.
        case removed
        /// Failed; retried next run.
        case failed(String)
        /// The channel refused the content; not retried until it changes.
        case rejected(String)
    }

    /// The planned operation.
    public var op: PlanOp
    /// What happened.
    public var result: Result

    /// Creates an outcome.
    public init(op: PlanOp, result: Result) {
        self.op = op
        self.result = result
    }
}

extension ItemStore {
    /// Records confirmed outcomes of one channel in one transaction, with an event per change.
    public func record(channel: String, outcomes: [OpOutcome], actor: String = "pubsync") throws {
        guard !outcomes.isEmpty else { return }
        let now = clock()
        let at = now.timeIntervalSince1970
        try write { db in
            let previous = try db.cachedStatement(sql: "SELECT rev FROM ledger WHERE channel = ? AND item_id = ?")
            var liveDelta = try recordPuts(db, channel: channel, outcomes: outcomes, actor: actor, at: at)
            for outcome in outcomes {
                let op = outcome.op
                switch outcome.result {
                case .put:
                    continue
                case .removed:
                    if try Row.fetchOne(previous, arguments: [channel, op.id])?[0] as Int? != nil { liveDelta -= 1 }
                    try db.cachedStatement(sql: """
                        UPDATE ledger SET rev = NULL, state = 'removed', pending_op = NULL, removal_reason = ?, attempts = 0,
                            last_error = NULL, updated_at = ? WHERE channel = ? AND item_id = ?
                        """).execute(arguments: [op.removalReason.rawValue, at, channel, op.id])
                    try logEvent(db, at: now, actor: actor, action: op.removalReason == .retracted ? .takenDown : .removed,
                                 item: op.id, channel: channel, detail: op.removalReason.rawValue)
                case .failed(let message), .rejected(let message):
                    var rejected = false
                    if case .rejected = outcome.result { rejected = true }
                    try db.cachedStatement(sql: """
                        INSERT INTO ledger (channel, item_id, state, pending_op, removal_reason, attempts, last_error, rejected_hash, updated_at)
                        VALUES (?, ?, ?, ?, ?, 1, ?, ?, ?)
                        ON CONFLICT (channel, item_id) DO UPDATE SET
                            state = excluded.state, pending_op = excluded.pending_op, removal_reason = excluded.removal_reason,
                            attempts = attempts + 1, last_error = excluded.last_error, rejected_hash = excluded.rejected_hash,
                            updated_at = excluded.updated_at
                        """).execute(arguments: [channel, op.id, rejected ? "rejected" : "failed", op.kind.rawValue,
                                                 op.kind == .remove ? op.removalReason.rawValue : nil, String(message.prefix(500)),
                                                 rejected ? op.changeHash : nil, at])
                    if rejected || op.reason == .retracted {
                        try logEvent(db, at: now, actor: actor, action: rejected ? "rejected" : "remove-failed", item: op.id, channel: channel,
                                     detail: String(message.prefix(500)))
                    }
                }
            }
            // A channel with ledger rows always has a cursor (checked when a channel leaves the config);
            // one created here forces a full plan next time.
            try db.execute(sql: "INSERT OR IGNORE INTO cursors (channel, journal_seq, fingerprint, due_through) VALUES (?, 0, '', '0001-01-01')",
                           arguments: [channel])
            try db.execute(sql: """
                INSERT INTO channel_stats (channel, live) VALUES (?, ?)
                ON CONFLICT (channel) DO UPDATE SET live = live + excluded.live
                """, arguments: [channel, liveDelta])
            // A put or removal may leave a flagged revision live nowhere.
            try supersedeFlags(db, at: now)
        }
    }

    /// Records the confirmed puts of a batch set-wise — one statement for their events, one for
    /// their ledger rows, fed the batch as a JSON array — and returns how many became live.
    /// An item's event says `published` (not live before), `updated` (a newer revision) or
    /// `refreshed` (the same revision again, e.g. after a template change).
    private func recordPuts(_ db: Database, channel: String, outcomes: [OpOutcome], actor: String, at: Double) throws -> Int {
        var json = JSONArrayWriter()
        for outcome in outcomes {
            guard case .put(let item, let remoteRef) = outcome.result else { continue }
            json.row([.text(outcome.op.id), .integer(item.revision), .text(item.published.description), .text(item.category),
                      .text(item.contentHash), outcome.op.changeHash.map(JSONArrayWriter.Value.text) ?? .null,
                      remoteRef.map(JSONArrayWriter.Value.text) ?? .null])
        }
        guard json.rows > 0 else { return 0 }
        let batch = json.finish()
        let puts = """
            SELECT json_extract(j.value, '$[0]') AS item_id, json_extract(j.value, '$[1]') AS rev,
                   json_extract(j.value, '$[2]') AS published, json_extract(j.value, '$[3]') AS category,
                   json_extract(j.value, '$[4]') AS content_hash, json_extract(j.value, '$[5]') AS published_hash,
                   json_extract(j.value, '$[6]') AS remote_ref
            FROM json_each(?) j
            """
        // The events first: their action depends on the ledger row before the put.
        let lastEvent = try Int64.fetchOne(db.cachedStatement(sql: "SELECT COALESCE(MAX(id), 0) FROM events")) ?? 0
        try db.cachedStatement(sql: """
            INSERT INTO events (at, actor, action, item_id, channel, rev, detail)
            SELECT ?, ?, CASE WHEN l.rev IS NULL THEN 'published' WHEN l.rev < p.rev THEN 'updated' ELSE 'refreshed' END,
                   p.item_id, ?, p.rev, 'rev ' || p.rev
            FROM (SELECT json_extract(j.value, '$[0]') AS item_id, json_extract(j.value, '$[1]') AS rev, j.key AS position
                  FROM json_each(?) j) p
            LEFT JOIN ledger l ON l.item_id = p.item_id AND l.channel = ?
            ORDER BY p.position
            """).execute(arguments: [at, actor, channel, batch, channel])
        let becameLive = try Int.fetchOne(db.cachedStatement(sql: "SELECT COUNT(*) FROM events WHERE id > ? AND action = 'published'"),
                                          arguments: [lastEvent]) ?? 0
        try db.cachedStatement(sql: """
            INSERT INTO ledger (channel, item_id, rev, published, category, content_hash, published_hash, remote_ref, state,
                                pending_op, removal_reason, first_published_at, last_published_at, attempts, last_error,
                                rejected_hash, updated_at)
            SELECT ?, p.item_id, p.rev, p.published, p.category, p.content_hash, p.published_hash, p.remote_ref, 'live',
                   NULL, NULL, ?, ?, 0, NULL, NULL, ?
            FROM (\(puts)) p WHERE true
            ON CONFLICT (item_id, channel) DO UPDATE SET
                rev = excluded.rev, published = excluded.published, category = excluded.category,
                content_hash = excluded.content_hash, published_hash = excluded.published_hash,
                remote_ref = COALESCE(excluded.remote_ref, remote_ref), state = 'live', pending_op = NULL,
                removal_reason = NULL, first_published_at = COALESCE(first_published_at, excluded.first_published_at),
                last_published_at = excluded.last_published_at, attempts = 0, last_error = NULL, rejected_hash = NULL,
                updated_at = excluded.updated_at
            """).execute(arguments: [channel, at, at, at, batch])
        return becameLive
    }

    /// Moves the channel's cursor after a sync that left nothing unplanned behind.
    public func advanceCursor(channel: String, to cursor: SyncCursor) throws {
        let at = clock().timeIntervalSince1970
        try write { db in
            try db.execute(sql: """
                INSERT INTO cursors (channel, journal_seq, fingerprint, due_through, last_sync_at) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (channel) DO UPDATE SET journal_seq = excluded.journal_seq, fingerprint = excluded.fingerprint,
                    due_through = excluded.due_through, last_sync_at = excluded.last_sync_at
                """, arguments: [channel, cursor.journalSeq, cursor.fingerprint, cursor.dueThrough.description, at])
        }
    }

    /// Notes that a sync ran on the channel without moving its cursor (a channel seen for the
    /// first time gets a cursor that forces a full plan next time).
    public func touchSync(channel: String) throws {
        let at = clock().timeIntervalSince1970
        try write { db in
            try db.execute(sql: """
                INSERT INTO cursors (channel, journal_seq, fingerprint, due_through, last_sync_at) VALUES (?, 0, '', '0001-01-01', ?)
                ON CONFLICT (channel) DO UPDATE SET last_sync_at = excluded.last_sync_at
                """, arguments: [channel, at])
        }
    }
}

/// The ledger's live items of one channel, read from the store (what a session overlays).
public struct StoreLiveItems: LiveItemSource {
    let store: ItemStore
    let channel: String
    /// The day the items' validity is derived for (none when nil).
    let today: LocalDate?

    /// A source for `channel`, with validity as of `today`.
    public init(store: ItemStore, channel: String, today: LocalDate? = nil) {
        self.store = store
        self.channel = channel
        self.today = today
    }

    public func items(category: String?, includeBody: Bool) async throws -> [PublishedItem] {
        try fetch(category: category, limit: nil, includeBody: includeBody)
    }

    public func newest(limit: Int, includeBody: Bool) async throws -> [PublishedItem] {
        try fetch(category: nil, limit: limit, includeBody: includeBody)
    }

    public func forEachItem(includeBody: Bool, _ body: (PublishedItem) throws -> Void) async throws {
        try fetch(category: nil, limit: nil, includeBody: includeBody, each: body)
    }

    /// Every live item in the order of the revisions table: one pass over its pages, each read
    /// once (in publication order, 10,000 items cost 27,000 page reads; this way 1,800).
    public func forEachItemUnordered(includeBody: Bool, _ body: (PublishedItem) throws -> Void) async throws {
        try fetch(category: nil, limit: nil, includeBody: includeBody, ordered: false, each: body)
    }

    func fetch(category: String?, limit: Int?, includeBody: Bool) throws -> [PublishedItem] {
        var items: [PublishedItem] = []
        try fetch(category: category, limit: limit, includeBody: includeBody) { items.append($0) }
        return items
    }

    /// Reads the live items with a cursor, calling `each` with one at a time; newest first
    /// when `ordered`, else in the revisions table's order (`CROSS JOIN` keeps SQLite to it).
    private func fetch(category: String?, limit: Int?, includeBody: Bool, ordered: Bool = true, each: (PublishedItem) throws -> Void) throws {
        try store.read { db in
            let columns = ItemStore.publishedItemColumns + (includeBody ? ", r.body" : ", ''")
            let join = ordered
                ? "ledger l JOIN revisions r ON r.item_id = l.item_id AND r.rev = l.rev"
                : "revisions r CROSS JOIN ledger l ON l.item_id = r.item_id AND l.rev = r.rev"
            var sql = """
                SELECT \(columns), (SELECT MAX(at) FROM approvals p WHERE p.item_id = r.item_id AND p.rev = r.rev) AS approved_at
                FROM \(join)
                WHERE l.channel = ? AND l.rev IS NOT NULL
                """
            var arguments: StatementArguments = [channel]
            if let category {
                sql += " AND l.category = ?"
                _ = arguments.append(contentsOf: [category])
            }
            if ordered { sql += " ORDER BY l.published DESC, l.item_id DESC" }
            if let limit {
                sql += " LIMIT ?"
                _ = arguments.append(contentsOf: [limit])
            }
            let files = try liveAttachments(db)
            let rows = try Row.fetchCursor(db, sql: sql, arguments: arguments)
            while let row = try rows.next() {
                var item = ItemStore.publishedItem(row)
                if let today { item.validity = item.metadata.validity(on: today) }
                item.attachments = files[item.id] ?? []
                try each(item)
            }
        }
    }

    /// The attachments of the channel's live revisions, by item, in order. Read from the
    /// (small) attachment table outwards (`CROSS JOIN` keeps SQLite to that order), so a
    /// channel of 50,000 items without files pays next to nothing.
    private func liveAttachments(_ db: Database) throws -> [String: [Attachment]] {
        var result: [String: [Attachment]] = [:]
        let rows = try Row.fetchCursor(db, sql: """
            SELECT a.item_id, a.sha256, a.name, a.title, f.size, f.media_type
            FROM revision_attachments a CROSS JOIN ledger l ON l.item_id = a.item_id AND l.channel = ? AND l.rev = a.rev
            JOIN attachment_files f ON f.sha256 = a.sha256
            ORDER BY a.item_id, a.position
            """, arguments: [channel])
        while let row = try rows.next() {
            result[row[0], default: []].append(Attachment(sha256: row[1], name: row[2], title: row[3], size: row[4], mediaType: row[5]))
        }
        return result
    }
}

/// When a channel was last synced and reconciled, and whether that reconcile found drift.
public struct ChannelActivity: Sendable, Hashable {
    /// Last sync (any run that reached the channel).
    public var lastSync: Date?
    /// Last reconcile.
    public var lastReconcile: Date?
    /// Whether the last reconcile found drift (nil when never reconciled).
    public var drift: Bool?
}

extension ItemStore {
    /// The channel's last sync and reconcile.
    public func activity(channel: String) throws -> ChannelActivity {
        try read { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT last_sync_at, last_reconcile_at, drift FROM cursors WHERE channel = ?", arguments: [channel]) else {
                return ChannelActivity()
            }
            return ChannelActivity(lastSync: (row[0] as Double?).map(Date.init(timeIntervalSince1970:)),
                                   lastReconcile: (row[1] as Double?).map(Date.init(timeIntervalSince1970:)), drift: row[2])
        }
    }

    /// Records a reconcile of the channel and whether it found drift.
    public func recordReconcile(channel: String, drift: Bool) throws {
        let at = clock().timeIntervalSince1970
        try write { db in
            try db.execute(sql: """
                INSERT INTO cursors (channel, journal_seq, fingerprint, due_through, last_reconcile_at, drift) VALUES (?, 0, '', '0001-01-01', ?, ?)
                ON CONFLICT (channel) DO UPDATE SET last_reconcile_at = excluded.last_reconcile_at, drift = excluded.drift
                """, arguments: [channel, at, drift])
        }
    }
}
