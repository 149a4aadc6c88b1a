import Foundation
import GRDB
@testable import PubsyncCore
import PubsyncTesting
import Testing

@Suite("Store: migrating a store written by an earlier version")
struct StoreMigrationTests {
    let directory = TemporaryDirectory()

    /// A store at the first schema, with one item (rev 1 approved and live on `site`, rev 2 a draft).
    func firstSchemaStore() throws -> String {
        let path = directory.path("pubsync.db")
        let queue = try DatabaseQueue(path: path)
        try StoreMigrations.migrator.migrate(queue, upTo: "v1-journal-ledger-flags-events")
        try queue.write { db in
            try db.execute(sql: """
                INSERT INTO items (id, status, head_rev, approved_rev, due_date, index_number, created_at, updated_at)
                VALUES ('zbjt-1', 'approved', 2, 1, '2014-06-18', '004188191/2014-00001', 1, 2);
                INSERT INTO revisions (item_id, rev, title, category, unit, index_number, doc_number, published, channels,
                                       sensitive, content_hash, author, created_at, summary, body)
                VALUES ('zbjt-1', 1, '旧标题', '政务公告', '市交通运输局', '004188191/2014-00001', '', '2014-06-18', 'site',
                        0, 'hash-1', 'tester', 1, '', '正文'),
                       ('zbjt-1', 2, '新标题', '政策文件', '市交通运输局', '004188191/2014-00001', '', '2014-06-19', NULL,
                        0, 'hash-2', 'tester', 2, '', '正文二');
                INSERT INTO approvals (item_id, rev, by, role, at) VALUES ('zbjt-1', 1, '信息公开科', 'reviewer', 1);
                INSERT INTO ledger (channel, item_id, rev, published, category, content_hash, published_hash, state,
                                    first_published_at, last_published_at, updated_at)
                VALUES ('site', 'zbjt-1', 1, '2014-06-18', '政务公告', 'hash-1', 'change-1', 'live', 1, 1, 1);
                INSERT INTO channel_stats (channel, live) VALUES ('site', 1);
                INSERT INTO events (at, actor, action, item_id, channel, rev, detail) VALUES (1, 'pubsync', 'published', 'zbjt-1', 'site', 1, 'rev 1');
                """)
        }
        return path
    }

    @Test("items and the ledger keep their rows; planning reads the approved revision's fields")
    func migratesRows() throws {
        let store = try ItemStore(path: try firstSchemaStore())
        let candidate = try #require(try store.candidates(channel: "site", ids: nil).first)
        #expect(candidate.id == "zbjt-1")
        #expect(candidate.approvedRev == 1)
        #expect(candidate.category == "政务公告")
        #expect(candidate.channels == ["site"])
        #expect(candidate.published == LocalDate("2014-06-18"))
        #expect(candidate.contentHash == "hash-1")
        #expect(candidate.ledger?.rev == 1)
        #expect(candidate.ledger?.publishedHash == "change-1")
        #expect(try store.ledgerSummary(channel: "site").live == 1)
        let detail = try store.itemDetail(id: "zbjt-1")
        #expect(detail.state.headRev == 2)
        #expect(detail.ledger.map(\.channel) == ["site"])
    }

    @Test("approving the newer revision after the migration moves the planning fields with it")
    func approvalAfterMigration() throws {
        let store = try ItemStore(path: try firstSchemaStore())
        _ = try store.approve(item: "zbjt-1", by: "信息公开科", role: .reviewer)
        let candidate = try #require(try store.candidates(channel: "site", ids: ["zbjt-1"]).first)
        #expect(candidate.approvedRev == 2)
        #expect(candidate.category == "政策文件")
        #expect(candidate.channels == nil)
        #expect(candidate.published == LocalDate("2014-06-19"))
        #expect(candidate.contentHash == "hash-2")
    }

    @Test("the migrated store passes SQLite's integrity and foreign key checks")
    func integrity() throws {
        let path = try firstSchemaStore()
        _ = try ItemStore(path: path)
        let queue = try DatabaseQueue(path: path)
        let (integrity, foreignKeyProblems) = try queue.read { db in
            (try String.fetchAll(db, sql: "PRAGMA integrity_check"), try Row.fetchAll(db, sql: "PRAGMA foreign_key_check"))
        }
        #expect(integrity == ["ok"])
        #expect(foreignKeyProblems.isEmpty)
    }
}
