import Foundation
@testable import PubsyncCore
import PubsyncTesting
import Testing

@Suite("Retraction: every channel, provably")
struct RetractionTests {
    func retract(_ harness: EngineHarness, _ ids: [String]) async throws -> [String: ChannelSyncResult] {
        try harness.store.retract(ids, by: "王主任", reason: "含个人信息")
        var options = SyncOptions()
        options.onlyItems = Set(ids)
        return try await harness.sync(options)
    }

    @Test("a retracted item leaves every channel that has a ledger row for it")
    func everyChannel() async throws {
        let harness = try EngineHarness(channels: ["site", "portal", "weibo"])
        harness.routing["weibo"] = ChannelRouting(include: ["部门动态"])
        try harness.add(["a", "b"])
        try await harness.sync()
        let results = try await retract(harness, ["a"])
        #expect(results["site"]?.removedIDs == ["a"] && results["portal"]?.removedIDs == ["a"])
        #expect(results["weibo"]?.removedIDs == [])
        for name in ["site", "portal"] { #expect(harness.channels[name]!.items["a"] == nil) }
        #expect(harness.channels["site"]!.calls.contains(.remove("a", .retracted)))
        #expect(try harness.store.ledgerSummary(channel: "site").pendingRetractions == 0)
    }

    @Test("a failing channel keeps the removal pending; the next sync retries it before anything else")
    func pendingThenRetried() async throws {
        let harness = try EngineHarness(channels: ["site", "portal"])
        try harness.add(["a", "b"])
        try await harness.sync()
        harness.channels["portal"]!.faults.failRemoveCalls = [1]
        let results = try await retract(harness, ["a"])
        #expect(results["site"]?.removed == 1)
        #expect(results["portal"]?.failed == 1)
        #expect(try harness.store.ledgerSummary(channel: "portal").pendingRetractions == 1)
        harness.channels["portal"]!.faults = .init()
        try harness.add(["c"])
        let next = try await harness.sync(only: ["portal"])["portal"]!
        #expect(next.plan.ops.first == PlanOp(kind: .remove, id: "a", reason: .retracted))
        #expect(harness.channels["portal"]!.items["a"] == nil)
        #expect(try harness.store.ledgerSummary(channel: "portal").pendingRetractions == 0)
    }

    @Test("retractions are never held back by the deletion guards")
    func guardsDoNotBlock() async throws {
        let harness = try EngineHarness()
        let ids = (1...30).map { "r\($0)" }
        try harness.add(ids)
        try await harness.sync()
        try harness.store.retract(ids, by: "王主任", reason: "批量撤回")
        let result = try await harness.sync()["site"]!
        #expect(result.guardRefusal == nil)
        #expect(result.removed == 30)
        #expect(harness.channels["site"]!.items.isEmpty)
    }

    @Test("a retracted item is never published again until restored")
    func neverRepublished() async throws {
        let harness = try EngineHarness()
        try harness.add(["a"])
        try await harness.sync()
        _ = try await retract(harness, ["a"])
        try harness.add(["a"], title: "改过的标题")
        #expect(throws: PubsyncError.self) { try harness.store.approve(item: "a", by: "信息公开科", role: .reviewer) }
        #expect(try await harness.sync(.full())["site"]!.put == 0)
        #expect(harness.channels["site"]!.items["a"] == nil)
        try harness.store.restore("a", by: "王主任", reason: "复核无误")
        #expect(try await harness.sync()["site"]!.put == 1)
    }

    @Test("a put that failed (and may have landed) is still removed on retraction")
    func failedPutIsRemoved() async throws {
        let harness = try EngineHarness()
        try harness.add(["a"])
        harness.channels["site"]!.faults.failPutIDs = ["a"]
        try await harness.sync()
        harness.channels["site"]!.faults = .init()
        let result = try await retract(harness, ["a"])
        #expect(result["site"]?.plan.retractions.map(\.id) == ["a"])
    }
}

@Suite("Audit flags")
struct AuditFlagTests {
    @Test("audit flags a planted ID number once per revision; dismissing keeps it in the trail")
    func flagsAndDismiss() async throws {
        let harness = try EngineHarness()
        try harness.store.importItems(actor: "t", approveBy: "信息公开科") { emit in
            var draft = Fixtures.draft("leak")
            draft.content.body = "当事人身份证号11010519491231002X。"
            draft.content.published = LocalDate("2014-06-01")!
            try emit(draft)
            var clean = Fixtures.draft("clean")
            clean.content.body = "服务监督电话12328，淄交发〔2014〕12号，20141231。"
            clean.content.published = LocalDate("2014-06-01")!
            try emit(clean)
        }
        try await harness.sync()
        let auditor = try Auditor(store: harness.store, settings: AuditSettings(rules: ["cn-id-number", "cn-mobile", "secrecy-marking"], wordsFile: nil),
                                  configFile: URL(fileURLWithPath: "/tmp/pubsync.toml"))
        let first = try auditor.run(all: false, actor: "审计")
        #expect(first.scanned == 2 && first.newFlags == 1)
        #expect(try auditor.run(all: false, actor: "审计").newFlags == 0)
        let flag = try #require(try harness.store.flags().first)
        #expect(flag.item == "leak" && !flag.excerpt.contains("11010519491231002X"))
        try harness.store.dismissFlag(flag.id, by: "王主任", reason: "测试数据")
        #expect(try harness.store.flags().isEmpty)
        #expect(try harness.store.flags(all: true).first?.status == .dismissed)
        #expect(try harness.store.events(item: "leak").contains { $0.action == "flag-dismissed" && $0.actor == "王主任" })
    }

    @Test("an unknown rule in [audit] is a config error")
    func unknownRule() throws {
        let harness = try EngineHarness()
        let error = try #require(throws: PubsyncError.self) {
            _ = try Auditor(store: harness.store, settings: AuditSettings(rules: ["no-such-rule"], wordsFile: nil), configFile: URL(fileURLWithPath: "/tmp/p.toml"))
        }
        #expect(error.code == .config && error.exitCode == 2)
    }
}
