import Foundation
import GRDB
@testable import PubsyncCore
import PubsyncTesting
import Testing

@Suite("索引号: generated when absent, kept, never reused")
struct IndexNumberTests {
    let directory = TemporaryDirectory()
    let numbering = IndexNumbering(template: try! IndexNumberTemplate(IndexNumberTemplate.defaultText), orgCode: "004188191")

    func importing(_ store: ItemStore, _ drafts: [ImportDraft]) throws -> ImportSummary {
        try store.importItems(actor: "tester", approveBy: "信息公开科", numbering: numbering) { emit in
            for draft in drafts { try emit(draft) }
        }
    }

    func number(_ store: ItemStore, _ id: String) throws -> String {
        try store.itemDetail(id: id).revisions.last!.revision.content.indexNumber
    }

    @Test("templates parse; bad ones are refused")
    func templates() throws {
        let template = try IndexNumberTemplate("{org_code}/{year}-{serial:05}")
        #expect(template.number(orgCode: "004188191", year: 2014, serial: 12) == "004188191/2014-00012")
        #expect(IndexNumberTemplate.serial(of: "004188191/2014-00012", prefix: "004188191/2014-", suffix: "") == 12)
        #expect(try IndexNumberTemplate("{org_code}-{serial}-{year}").number(orgCode: "X", year: 2014, serial: 3) == "X-3-2014")
        for bad in ["{org_code}/{year}", "{serial}{serial}", "{org_code}/{yr}-{serial}", "{serial:5}", "{serial"] {
            #expect(throws: PubsyncError.self) { try IndexNumberTemplate(bad) }
        }
    }

    @Test("items without one get org_code/year-serial, after the highest in use (explicit numbers included)")
    func generated() throws {
        let store = try Fixtures.store(directory)
        _ = try importing(store, [Fixtures.draft("a-1"), Fixtures.draft("a-2", index: "004188191/2014-00007"), Fixtures.draft("a-3")])
        #expect(try number(store, "a-1") == "004188191/2014-00001")
        #expect(try number(store, "a-3") == "004188191/2014-00008")
        _ = try importing(store, [Fixtures.draft("a-4")])
        #expect(try number(store, "a-4") == "004188191/2014-00009")
    }

    @Test("re-importing unchanged changes nothing; a new revision without one keeps it")
    func kept() throws {
        let store = try Fixtures.store(directory)
        _ = try importing(store, [Fixtures.draft("a-1")])
        let dump = try store.read { db in try Row.fetchAll(db, sql: "SELECT * FROM revisions").description + (try Row.fetchAll(db, sql: "SELECT * FROM events").description) }
        let summary = try importing(store, [Fixtures.draft("a-1")])
        #expect(summary.unchanged == 1 && summary.revised == 0)
        #expect(try store.read { db in try Row.fetchAll(db, sql: "SELECT * FROM revisions").description + (try Row.fetchAll(db, sql: "SELECT * FROM events").description) } == dump)
        _ = try importing(store, [Fixtures.draft("a-1", title: "新标题")])
        #expect(try store.itemDetail(id: "a-1").revisions.count == 2)
        #expect(try number(store, "a-1") == "004188191/2014-00001")
    }

    @Test("a number given up (replaced by an explicit one) is never given again; retracted items keep theirs")
    func neverReused() throws {
        let store = try Fixtures.store(directory)
        _ = try importing(store, [Fixtures.draft("a-1"), Fixtures.draft("a-2")])
        _ = try importing(store, [Fixtures.draft("a-2", index: "004188191/2014-X")])
        _ = try importing(store, [Fixtures.draft("a-3")])
        #expect(try number(store, "a-3") == "004188191/2014-00003")
    }

    @Test("without org_code nothing is generated")
    func noOrgCode() throws {
        let store = try Fixtures.store(directory)
        try Fixtures.importing(store, [Fixtures.draft("a-1")])
        #expect(try number(store, "a-1") == "")
    }
}

@Suite("Store: the disclosure-metadata migration on a store with rows")
struct MetadataMigrationTests {
    let directory = TemporaryDirectory()

    @Test("a v2 store migrates: rows keep their hashes, read with empty metadata, and take metadata after")
    func migrates() throws {
        let path = directory.path("pubsync.db")
        let queue = try DatabaseQueue(path: path)
        try StoreMigrations.migrator.migrate(queue, upTo: "v2-leaner-writes")
        let content = Fixtures.content()
        let hash = ContentHash.of(content)
        try queue.write { db in
            try db.execute(sql: """
                INSERT INTO items (id, status, head_rev, approved_rev, due_date, index_number, created_at, updated_at, category, channels, approved_hash)
                VALUES ('a-1', 'approved', 1, 1, '2014-06-18', NULL, 1, 1, '政务公告', NULL, ?);
                INSERT INTO revisions (item_id, rev, title, category, unit, index_number, doc_number, published, channels,
                                       sensitive, content_hash, author, created_at, summary, body)
                VALUES ('a-1', 1, ?, '政务公告', '', '', '', '2014-06-18', NULL, 0, ?, 'tester', 1, '', ?);
                INSERT INTO approvals (item_id, rev, by, role, at) VALUES ('a-1', 1, '信息公开科', 'reviewer', 1);
                """, arguments: [hash, content.title, hash, content.body])
        }
        try queue.close()
        let store = try ItemStore(path: path)
        let revision = try #require(try store.itemDetail(id: "a-1").revisions.first).revision
        #expect(revision.content.metadata.isEmpty)
        #expect(ContentHash.of(revision.content) == revision.contentHash)
        #expect(try store.importItems(actor: "t") { try $0(Fixtures.draft("a-1")) }.unchanged == 1)
        var draft = Fixtures.draft("a-1")
        draft.content.docNumber = "淄交发〔2014〕1号"
        draft.content.metadata = DisclosureMetadata(genre: "行政规范性文件", validUntil: LocalDate("2015-01-01"))
        try store.importItems(actor: "t", approveBy: "信息公开科") { try $0(draft) }
        let candidate = try #require(try store.candidates(channel: "site", ids: nil).first)
        #expect(candidate.approvedRev == 2)
        #expect(candidate.validUntil == LocalDate("2015-01-01"))
        #expect(try store.itemDetail(id: "a-1").revisions.last?.revision.content.metadata.genre == "行政规范性文件")
    }
}
