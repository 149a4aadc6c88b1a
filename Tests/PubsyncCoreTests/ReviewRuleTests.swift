import Foundation
@testable import PubsyncCore
import PubsyncTesting
import Testing

@Suite("Review before publish")
struct ReviewRuleTests {
    let directory = TemporaryDirectory()

    @Test("one reviewer approves an ordinary item")
    func ordinaryItem() throws {
        let store = try Fixtures.store(directory)
        try Fixtures.importing(store, [Fixtures.draft("a-1")])
        let result = try store.approve(item: "a-1", by: "信息公开科", role: .reviewer)
        #expect(result.becameApproved)
        #expect(result.state.status == .approved)
    }

    @Test("a sensitive item needs a reviewer and a leader, two different people")
    func sensitiveItem() throws {
        let store = try Fixtures.store(directory)
        try Fixtures.importing(store, [Fixtures.draft("s-1", sensitive: true)])
        var result = try store.approve(item: "s-1", by: "甲", role: .reviewer)
        #expect(!result.becameApproved)
        #expect(result.state.approvedRev == nil)
        let error = try #require(throws: PubsyncError.self) { try store.approve(item: "s-1", by: "甲", role: .leader) }
        #expect(error.code == .conflict)
        result = try store.approve(item: "s-1", by: "乙", role: .leader)
        #expect(result.becameApproved)
        #expect(result.state.approvedRev == 1)
    }

    @Test("one person under another spelling is still one person", arguments: ["Alice", "alice ", "ali\u{200B}ce", "ＡＬＩＣＥ", "\u{FEFF}alice"])
    func spellingsOfOnePerson(_ spelling: String) throws {
        let store = try Fixtures.store(directory)
        try Fixtures.importing(store, [Fixtures.draft("s-1", sensitive: true)])
        try store.approve(item: "s-1", by: "alice", role: .reviewer)
        let error = try #require(throws: PubsyncError.self) { try store.approve(item: "s-1", by: spelling, role: .leader) }
        #expect(error.code == .conflict)
        #expect(try store.itemDetail(id: "s-1").state.approvedRev == nil)
    }

    @Test("a Chinese name with an invisible character is the same name")
    func chineseNameWithZeroWidthSpace() throws {
        let store = try Fixtures.store(directory)
        try Fixtures.importing(store, [Fixtures.draft("s-1", sensitive: true)])
        try store.approve(item: "s-1", by: "张三", role: .reviewer)
        #expect(throws: PubsyncError.self) { try store.approve(item: "s-1", by: "张三\u{200B}", role: .leader) }
        #expect(try store.approve(item: "s-1", by: "李四", role: .leader).becameApproved)
    }

    @Test("import applies the same rule: a leader who is the reviewer respelled is refused")
    func importComparesNormalisedNames() throws {
        let store = try Fixtures.store(directory)
        let draft = Fixtures.draft("s-1", sensitive: true, approve: true, reviewer: "alice", leader: "Alice\u{200D} ")
        let error = try #require(throws: PubsyncError.self) { try Fixtures.importing(store, [draft]) }
        #expect(error.code == .input)
        #expect(error.message.contains("two different people"))
    }

    @Test("names are stored normalised")
    func namesStoredNormalised() throws {
        #expect(PersonName.normalized("  Ａlice\u{200B}  Smith\n") == "alice smith")
        #expect(PersonName.normalized("张三\u{FEFF}") == "张三")
        #expect(PersonName.normalized("\u{200B} ").isEmpty)
        let store = try Fixtures.store(directory)
        try Fixtures.importing(store, [Fixtures.draft("a-1")])
        try store.approve(item: "a-1", by: "Alice ", role: .reviewer)
        #expect(throws: PubsyncError.self) { try store.approve(item: "a-2", by: "\u{200B}", role: .reviewer) }
        #expect(try store.itemDetail(id: "a-1").revisions[0].approvals.map(\.by) == ["alice"])
    }

    @Test("two leaders without a reviewer do not approve a sensitive item")
    func twoLeadersAreNotEnough() throws {
        let store = try Fixtures.store(directory)
        try Fixtures.importing(store, [Fixtures.draft("s-1", sensitive: true)])
        try store.approve(item: "s-1", by: "甲", role: .leader)
        let result = try store.approve(item: "s-1", by: "乙", role: .leader)
        #expect(!result.becameApproved)
    }

    @Test("approving twice is harmless")
    func approveTwice() throws {
        let store = try Fixtures.store(directory)
        try Fixtures.importing(store, [Fixtures.draft("a-1")])
        try store.approve(item: "a-1", by: "甲", role: .reviewer)
        let result = try store.approve(item: "a-1", by: "甲", role: .reviewer)
        #expect(!result.becameApproved)
        #expect(result.state.approvedRev == 1)
    }

    @Test("approving an unknown item says so")
    func unknownItem() throws {
        let store = try Fixtures.store(directory)
        let error = try #require(throws: PubsyncError.self) { try store.approve(item: "nope", by: "甲", role: .reviewer) }
        #expect(error.code == .notFound)
    }

    @Test("every change of state is in the trail with its actor")
    func eventsCarryActors() throws {
        let store = try Fixtures.store(directory)
        try Fixtures.importing(store, [Fixtures.draft("a-1")])
        try store.approve(item: "a-1", by: "信息公开科", role: .reviewer)
        let events = try store.events(item: "a-1")
        #expect(events.map(\.action) == ["import", "approve", "approved"])
        #expect(events.map(\.actor) == ["tester", "信息公开科", "信息公开科"])
    }
}
