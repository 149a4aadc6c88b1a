import GRDB

/// The store's schema, as named migrations. A landed migration is never edited; add a new one.
enum StoreMigrations {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-items-revisions-approvals") { db in
            try db.execute(sql: """
                CREATE TABLE items (
                    id TEXT PRIMARY KEY NOT NULL,
                    status TEXT NOT NULL CHECK (status IN ('draft', 'approved', 'retracted')),
                    head_rev INTEGER NOT NULL,
                    approved_rev INTEGER,
                    -- the approved revision's publication date: what "due" is decided on
                    due_date TEXT,
                    -- the head revision's index number (索引号), unique across items when set
                    index_number TEXT,
                    created_at REAL NOT NULL,
                    updated_at REAL NOT NULL
                );
                CREATE INDEX items_due ON items (due_date) WHERE due_date IS NOT NULL;
                CREATE UNIQUE INDEX items_index_number ON items (index_number) WHERE index_number IS NOT NULL;

                CREATE TABLE revisions (
                    item_id TEXT NOT NULL REFERENCES items (id),
                    rev INTEGER NOT NULL,
                    title TEXT NOT NULL,
                    category TEXT NOT NULL,
                    unit TEXT NOT NULL,
                    index_number TEXT NOT NULL,
                    doc_number TEXT NOT NULL,
                    published TEXT NOT NULL,
                    channels TEXT,
                    sensitive INTEGER NOT NULL,
                    content_hash TEXT NOT NULL,
                    author TEXT NOT NULL,
                    created_at REAL NOT NULL,
                    -- large columns last, so reading the small ones never walks overflow pages
                    summary TEXT NOT NULL,
                    body TEXT NOT NULL,
                    PRIMARY KEY (item_id, rev)
                );

                CREATE TABLE approvals (
                    item_id TEXT NOT NULL,
                    rev INTEGER NOT NULL,
                    by TEXT NOT NULL,
                    role TEXT NOT NULL CHECK (role IN ('reviewer', 'leader')),
                    at REAL NOT NULL,
                    PRIMARY KEY (item_id, rev, role, by),
                    FOREIGN KEY (item_id, rev) REFERENCES revisions (item_id, rev)
                );
                """)
        }
        migrator.registerMigration("v1-journal-ledger-flags-events") { db in
            try db.execute(sql: """
                CREATE TABLE journal (
                    seq INTEGER PRIMARY KEY AUTOINCREMENT,
                    item_id TEXT NOT NULL,
                    kind TEXT NOT NULL,
                    at REAL NOT NULL
                );

                CREATE TABLE ledger (
                    channel TEXT NOT NULL,
                    item_id TEXT NOT NULL,
                    rev INTEGER,
                    -- the live revision's publication date and category, for ordered listings
                    published TEXT,
                    category TEXT,
                    content_hash TEXT,
                    published_hash TEXT,
                    remote_ref TEXT,
                    state TEXT NOT NULL CHECK (state IN ('pending', 'live', 'failed', 'rejected', 'removed')),
                    pending_op TEXT CHECK (pending_op IN ('put', 'remove')),
                    removal_reason TEXT,
                    first_published_at REAL,
                    last_published_at REAL,
                    attempts INTEGER NOT NULL DEFAULT 0,
                    last_error TEXT,
                    rejected_hash TEXT,
                    updated_at REAL NOT NULL,
                    PRIMARY KEY (channel, item_id)
                );
                CREATE INDEX ledger_owed ON ledger (channel, state) WHERE state IN ('pending', 'failed', 'rejected');

                -- per-channel live count, kept by the ledger writes, so status costs the same at any size
                CREATE TABLE channel_stats (
                    channel TEXT PRIMARY KEY NOT NULL,
                    live INTEGER NOT NULL DEFAULT 0
                );
                CREATE INDEX ledger_item ON ledger (item_id);
                CREATE INDEX ledger_live ON ledger (channel, published DESC, item_id DESC) WHERE rev IS NOT NULL;
                CREATE INDEX ledger_live_category ON ledger (channel, category, published DESC, item_id DESC) WHERE rev IS NOT NULL;

                CREATE TABLE cursors (
                    channel TEXT PRIMARY KEY NOT NULL,
                    journal_seq INTEGER NOT NULL,
                    fingerprint TEXT NOT NULL,
                    due_through TEXT NOT NULL,
                    last_sync_at REAL,
                    last_reconcile_at REAL,
                    drift INTEGER
                );

                CREATE TABLE flags (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    item_id TEXT NOT NULL,
                    rev INTEGER NOT NULL,
                    rule TEXT NOT NULL,
                    excerpt TEXT NOT NULL,
                    found_at REAL NOT NULL,
                    status TEXT NOT NULL CHECK (status IN ('open', 'dismissed', 'retracted')),
                    resolved_by TEXT,
                    resolved_at REAL,
                    reason TEXT,
                    UNIQUE (item_id, rev, rule, excerpt)
                );

                CREATE TABLE events (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    at REAL NOT NULL,
                    actor TEXT NOT NULL,
                    action TEXT NOT NULL,
                    item_id TEXT,
                    channel TEXT,
                    -- the revision concerned, when one is (channel events: the revision put)
                    rev INTEGER,
                    detail TEXT NOT NULL DEFAULT ''
                );
                CREATE INDEX events_item ON events (item_id, id);
                CREATE INDEX events_channel_action ON events (channel, action, at);
                """)
        }
        migrator.registerMigration("v2-leaner-writes") { db in
            // Bulk import and sync write one ledger row and one event per item: rebuild the ledger and
            // the items as WITHOUT ROWID tables (one B-tree each instead of a table plus its key
            // index; the ledger keyed by item, then channel, so it needs no item index), give items the approved revision's planning fields, and drop an events index
            // no query reads.
            try db.execute(sql: """
                DROP INDEX events_channel_action;

                CREATE TABLE items_new (
                    id TEXT PRIMARY KEY NOT NULL,
                    status TEXT NOT NULL CHECK (status IN ('draft', 'approved', 'retracted')),
                    head_rev INTEGER NOT NULL,
                    approved_rev INTEGER,
                    due_date TEXT,
                    index_number TEXT,
                    created_at REAL NOT NULL,
                    updated_at REAL NOT NULL,
                    -- copied from the approved revision (the head's category while none is approved),
                    -- so planning and reconcile read only this table, never the revisions' bodies
                    category TEXT NOT NULL,
                    channels TEXT,
                    approved_hash TEXT
                ) WITHOUT ROWID;
                INSERT INTO items_new
                    SELECT i.id, i.status, i.head_rev, i.approved_rev, i.due_date, i.index_number, i.created_at, i.updated_at,
                           COALESCE(a.category, h.category), a.channels, a.content_hash
                    FROM items i
                    JOIN revisions h ON h.item_id = i.id AND h.rev = i.head_rev
                    LEFT JOIN revisions a ON a.item_id = i.id AND a.rev = i.approved_rev;
                DROP TABLE items;
                ALTER TABLE items_new RENAME TO items;
                CREATE INDEX items_due ON items (due_date) WHERE due_date IS NOT NULL;
                CREATE UNIQUE INDEX items_index_number ON items (index_number) WHERE index_number IS NOT NULL;

                CREATE TABLE ledger_new (
                    channel TEXT NOT NULL,
                    item_id TEXT NOT NULL,
                    rev INTEGER,
                    published TEXT,
                    category TEXT,
                    content_hash TEXT,
                    published_hash TEXT,
                    remote_ref TEXT,
                    state TEXT NOT NULL CHECK (state IN ('pending', 'live', 'failed', 'rejected', 'removed')),
                    pending_op TEXT CHECK (pending_op IN ('put', 'remove')),
                    removal_reason TEXT,
                    first_published_at REAL,
                    last_published_at REAL,
                    attempts INTEGER NOT NULL DEFAULT 0,
                    last_error TEXT,
                    rejected_hash TEXT,
                    updated_at REAL NOT NULL,
                    -- item first: an item's rows across channels are one range, with no index of their own
                    PRIMARY KEY (item_id, channel)
                ) WITHOUT ROWID;
                INSERT INTO ledger_new SELECT channel, item_id, rev, published, category, content_hash, published_hash, remote_ref, state,
                    pending_op, removal_reason, first_published_at, last_published_at, attempts, last_error, rejected_hash, updated_at FROM ledger;
                DROP TABLE ledger;
                ALTER TABLE ledger_new RENAME TO ledger;
                CREATE INDEX ledger_owed ON ledger (channel, state) WHERE state IN ('pending', 'failed', 'rejected');
                -- newest first; carrying the category lets one index serve the per-category listings too
                -- (a second, per-category index cost a full sync of 100,000 items about 2 s)
                CREATE INDEX ledger_live ON ledger (channel, published DESC, item_id DESC, category) WHERE rev IS NOT NULL;
                """)
        }
        migrator.registerMigration("v3-disclosure-metadata") { db in
            // Part two's metadata on every revision (empty on revisions stored before), the approved
            // normative revision's validity dates on the item (what a sync's indexed lapse query reads),
            // and the highest 索引号 serial ever given per prefix (so a number is never reused).
            try db.execute(sql: """
                ALTER TABLE revisions ADD COLUMN written TEXT;
                ALTER TABLE revisions ADD COLUMN subject TEXT NOT NULL DEFAULT '';
                ALTER TABLE revisions ADD COLUMN genre TEXT NOT NULL DEFAULT '';
                ALTER TABLE revisions ADD COLUMN keywords TEXT NOT NULL DEFAULT '[]';
                ALTER TABLE revisions ADD COLUMN effective TEXT;
                ALTER TABLE revisions ADD COLUMN valid_until TEXT;
                ALTER TABLE revisions ADD COLUMN repealed TEXT;
                ALTER TABLE revisions ADD COLUMN repealed_by TEXT NOT NULL DEFAULT '';
                ALTER TABLE revisions ADD COLUMN extra TEXT NOT NULL DEFAULT '{}';

                -- set only while the approved revision is a 规章 or 行政规范性文件
                ALTER TABLE items ADD COLUMN valid_until TEXT;
                ALTER TABLE items ADD COLUMN repealed TEXT;
                CREATE INDEX items_valid_until ON items (valid_until) WHERE valid_until IS NOT NULL;
                CREATE INDEX items_repealed ON items (repealed) WHERE repealed IS NOT NULL;

                CREATE TABLE index_serials (
                    prefix TEXT PRIMARY KEY NOT NULL,
                    serial INTEGER NOT NULL
                ) WITHOUT ROWID;
                """)
        }
        migrator.registerMigration("v4-screening") { db in
            // Screening before publication: a flag on a revision nobody will publish any more
            // becomes `superseded`; the open flags get a small index of their own (the planner,
            // `status` and the derived states read them on every run); approvals carry a comment.
            try db.execute(sql: """
                CREATE TABLE flags_new (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    item_id TEXT NOT NULL,
                    rev INTEGER NOT NULL,
                    rule TEXT NOT NULL,
                    excerpt TEXT NOT NULL,
                    found_at REAL NOT NULL,
                    status TEXT NOT NULL CHECK (status IN ('open', 'dismissed', 'retracted', 'superseded')),
                    resolved_by TEXT,
                    resolved_at REAL,
                    reason TEXT,
                    UNIQUE (item_id, rev, rule, excerpt)
                );
                INSERT INTO flags_new SELECT id, item_id, rev, rule, excerpt, found_at, status, resolved_by, resolved_at, reason FROM flags;
                DROP TABLE flags;
                ALTER TABLE flags_new RENAME TO flags;
                CREATE INDEX flags_open ON flags (item_id, rev) WHERE status = 'open';
                ALTER TABLE approvals ADD COLUMN comment TEXT;
                """)
        }
        migrator.registerMigration("v5-typed-removal-events") { db in
            // A removal because the item was retracted gets its own action, so the report counts
            // retractions by action; before, only the detail text told the two removals apart.
            try db.execute(sql: "UPDATE events SET action = 'taken-down' WHERE action = 'removed' AND detail = 'retracted'")
        }
        migrator.registerMigration("console-users-sessions-login-failures") { db in
            // The staff console: accounts (bcrypt hashes only), server-side sessions keyed by the
            // SHA-256 of the cookie's random id, and every failed login.
            try db.execute(sql: """
                CREATE TABLE users (
                    name TEXT PRIMARY KEY NOT NULL,
                    role TEXT NOT NULL CHECK (role IN ('editor', 'reviewer', 'leader', 'auditor', 'admin')),
                    password_hash TEXT NOT NULL,
                    disabled INTEGER NOT NULL DEFAULT 0,
                    -- failed logins since the last success or lockout, and the end of a lockout
                    failed_logins INTEGER NOT NULL DEFAULT 0,
                    locked_until REAL,
                    created_at REAL NOT NULL,
                    updated_at REAL NOT NULL
                );

                CREATE TABLE sessions (
                    id_hash TEXT PRIMARY KEY NOT NULL,
                    user_name TEXT NOT NULL REFERENCES users (name),
                    csrf TEXT NOT NULL,
                    created_at REAL NOT NULL,
                    last_seen REAL NOT NULL
                );
                CREATE INDEX sessions_user ON sessions (user_name);

                CREATE TABLE login_failures (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    user_name TEXT NOT NULL,
                    at REAL NOT NULL,
                    address TEXT NOT NULL DEFAULT ''
                );
                """)
        }
        migrator.registerMigration("v6-attachments") { db in
            // Attachment bytes live in the content-addressed folder `{store}.files/`; the store keeps
            // one row per file (with what the audit could read of it) and the list each revision carries.
            try db.execute(sql: """
                CREATE TABLE attachment_files (
                    sha256 TEXT PRIMARY KEY NOT NULL,
                    size INTEGER NOT NULL,
                    media_type TEXT NOT NULL,
                    -- audit text extraction: NULL not tried yet, 'scanned', or 'unscanned' (with the reason)
                    scan_state TEXT CHECK (scan_state IN ('scanned', 'unscanned')),
                    scan_note TEXT,
                    created_at REAL NOT NULL
                ) WITHOUT ROWID;
                CREATE TABLE revision_attachments (
                    item_id TEXT NOT NULL,
                    rev INTEGER NOT NULL,
                    position INTEGER NOT NULL,
                    sha256 TEXT NOT NULL REFERENCES attachment_files (sha256),
                    name TEXT NOT NULL,
                    title TEXT NOT NULL,
                    PRIMARY KEY (item_id, rev, position),
                    FOREIGN KEY (item_id, rev) REFERENCES revisions (item_id, rev)
                ) WITHOUT ROWID;
                CREATE INDEX revision_attachments_file ON revision_attachments (sha256);
                """)
        }
        return migrator
    }
}
