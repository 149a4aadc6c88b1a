import Foundation
@testable import PubsyncCore
import PubsyncTesting
import Testing

@Suite("Store: import and revisions")
struct StoreImportTests {
    let directory = TemporaryDirectory()

    @Test("a new item gets revision 1 as a draft")
    func newItemIsDraft() throws {
        let store = try Fixtures.store(directory)
        let summary = try Fixtures.importing(store, [Fixtures.draft("a-1")])
        #expect(summary.created == 1)
        let detail = try store.itemDetail(id: "a-1")
        #expect(detail.state.status == .draft)
        #expect(detail.state.headRev == 1)
        #expect(detail.state.approvedRev == nil)
        #expect(detail.revisions.first?.revision.contentHash == ContentHash.of(Fixtures.content()))
    }

    @Test("re-importing an unchanged item creates nothing new")
    func reimportIsIdempotent() throws {
        let store = try Fixtures.store(directory)
        try Fixtures.importing(store, [Fixtures.draft("a-1")], approveBy: "信息公开科")
        let eventsBefore = try store.events(limit: 1000).count
        let summary = try Fixtures.importing(store, [Fixtures.draft("a-1")], approveBy: "信息公开科")
        #expect(summary == { var s = ImportSummary(); s.read = 1; s.unchanged = 1; return s }())
        #expect(try store.itemDetail(id: "a-1").revisions.count == 1)
        #expect(try store.events(limit: 1000).count == eventsBefore)
    }

    @Test("a changed item gets a new head; the approved revision stays until the new one is approved")
    func changedItemKeepsApprovedRevision() throws {
        let store = try Fixtures.store(directory)
        try Fixtures.importing(store, [Fixtures.draft("a-1", title: "旧标题")], approveBy: "信息公开科")
        try Fixtures.importing(store, [Fixtures.draft("a-1", title: "新标题")])
        var detail = try store.itemDetail(id: "a-1")
        #expect(detail.state.headRev == 2)
        #expect(detail.state.approvedRev == 1)
        #expect(detail.state.status == .approved)
        try store.approve(item: "a-1", by: "信息公开科", role: .reviewer)
        detail = try store.itemDetail(id: "a-1")
        #expect(detail.state.approvedRev == 2)
    }

    @Test("the whole import is one transaction: a bad item leaves nothing behind")
    func importIsAtomic() throws {
        let store = try Fixtures.store(directory)
        #expect(throws: PubsyncError.self) {
            try store.importItems(actor: "tester") { emit in
                try emit(Fixtures.draft("good-1"))
                try emit(Fixtures.draft("good-2"))
                throw PubsyncError(.input, "bad.md: field 'id' is missing")
            }
        }
        #expect(try store.listItems().isEmpty)
        #expect(try store.events(limit: 10).isEmpty)
    }

    @Test("duplicate ids in one batch are refused, naming both places")
    func duplicateIdsInBatch() throws {
        let store = try Fixtures.store(directory)
        let error = try #require(throws: PubsyncError.self) {
            try Fixtures.importing(store, [Fixtures.draft("dup"), Fixtures.draft("dup")])
        }
        #expect(error.code == .input)
        #expect(error.message.contains("'dup'"))
        #expect(try store.listItems().isEmpty)
    }

    @Test("an index number already used by another item is refused")
    func indexNumberUnique() throws {
        let store = try Fixtures.store(directory)
        try Fixtures.importing(store, [Fixtures.draft("a-1", index: "004188191/2014-00012")])
        let error = try #require(throws: PubsyncError.self) {
            try Fixtures.importing(store, [Fixtures.draft("a-2", index: "004188191/2014-00012")])
        }
        #expect(error.message.contains("index_number"))
        #expect(error.message.contains("a-1"))
        // The same item may keep its own number in a new revision.
        try Fixtures.importing(store, [Fixtures.draft("a-1", title: "改", index: "004188191/2014-00012")])
    }

    @Test("status: approved without a reviewer is refused")
    func approvalNeedsReviewer() throws {
        let store = try Fixtures.store(directory)
        let error = try #require(throws: PubsyncError.self) {
            try Fixtures.importing(store, [Fixtures.draft("a-1", approve: true)])
        }
        #expect(error.message.contains("reviewer"))
    }

    @Test("a sensitive item marked approved needs a leader who is someone else")
    func sensitiveImportNeedsTwoPeople() throws {
        let store = try Fixtures.store(directory)
        #expect(throws: PubsyncError.self) {
            try Fixtures.importing(store, [Fixtures.draft("s-1", sensitive: true, approve: true, reviewer: "甲")])
        }
        #expect(throws: PubsyncError.self) {
            try Fixtures.importing(store, [Fixtures.draft("s-1", sensitive: true, approve: true, reviewer: "甲", leader: "甲")])
        }
        try Fixtures.importing(store, [Fixtures.draft("s-1", sensitive: true, approve: true, reviewer: "甲", leader: "乙")])
        #expect(try store.itemDetail(id: "s-1").state.approvedRev == 1)
    }

    @Test("--approve-by on a sensitive item records the reviewer but does not publish it")
    func approveByLeavesSensitiveHalfApproved() throws {
        let store = try Fixtures.store(directory)
        try Fixtures.importing(store, [Fixtures.draft("s-1", sensitive: true)], approveBy: "甲")
        let detail = try store.itemDetail(id: "s-1")
        #expect(detail.state.status == .draft)
        #expect(detail.revisions[0].approvals.map(\.role) == [.reviewer])
    }
}
