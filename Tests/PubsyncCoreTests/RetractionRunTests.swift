import Foundation
@testable import PubsyncCore
import PubsyncTesting
import Testing

@Suite("Retraction in the core: record, take down everywhere, report per channel")
struct RetractionRunTests {
    @Test("retracting by id removes the item from every channel and says so per channel")
    func everyChannel() async throws {
        let harness = try EngineHarness(channels: ["site", "portal"])
        try harness.add(["a", "b"])
        try await harness.sync()
        let outcome = try await Retraction(engine: harness.engine()).run(.items(["a"]), by: "王主任", reason: "含个人信息", sync: true)
        #expect(outcome.retracted == ["a"])
        #expect(outcome.channels == [.init(name: "site", removed: ["a"], pending: [], error: nil),
                                     .init(name: "portal", removed: ["a"], pending: [], error: nil)])
        #expect(outcome.isComplete)
        for name in ["site", "portal"] { #expect(harness.channels[name]!.items["a"] == nil && harness.channels[name]!.items["b"] != nil) }
        #expect(try harness.store.events(item: "a").contains { $0.action == "retract" && $0.actor == "王主任" && $0.detail == "含个人信息" })
    }

    @Test("a failing channel keeps its removal pending, names the error, and the outcome is incomplete")
    func failingChannel() async throws {
        let harness = try EngineHarness(channels: ["site", "portal"])
        try harness.add(["a"])
        try await harness.sync()
        harness.channels["portal"]!.faults.failRemoveCalls = [1]
        let outcome = try await Retraction(engine: harness.engine()).run(.items(["a"]), by: "王主任", reason: "错误", sync: true)
        #expect(outcome.channels[0] == .init(name: "site", removed: ["a"], pending: [], error: nil))
        #expect(outcome.channels[1].removed.isEmpty && outcome.channels[1].pending == ["a"])
        let error = try #require(outcome.channels[1].error)
        #expect(error.hasPrefix("a: "))
        #expect(!outcome.isComplete)
    }

    @Test("without sync the retraction is recorded and no channel is touched")
    func noSync() async throws {
        let harness = try EngineHarness()
        try harness.add(["a"])
        try await harness.sync()
        let outcome = try await Retraction(engine: harness.engine()).run(.items(["a"]), by: "王主任", reason: "稍后下线", sync: false)
        #expect(outcome == RetractionOutcome(retracted: ["a"], channels: []) && outcome.isComplete)
        #expect(harness.channels["site"]!.items["a"] != nil)
        #expect(try harness.store.ledgerSummary(channel: "site").pendingRetractions == 1)
    }

    @Test("--flagged retracts the flagged items with the default reason; none flagged retracts nothing")
    func flagged() async throws {
        let harness = try EngineHarness()
        try harness.add(["a"])
        try await harness.sync()
        let none = try await Retraction(engine: harness.engine()).run(.flagged, by: "王主任", reason: nil, sync: true)
        #expect(none == RetractionOutcome(retracted: [], channels: []))
        try harness.store.importItems(actor: "t", approveBy: "信息公开科") { emit in
            var draft = Fixtures.draft("leak")
            draft.content.body = "当事人身份证号11010519491231002X。"
            draft.content.published = LocalDate("2014-06-01")!
            try emit(draft)
        }
        try await harness.sync()
        let auditor = try Auditor(store: harness.store, settings: AuditSettings(rules: ["cn-id-number"], wordsFile: nil),
                                  configFile: URL(fileURLWithPath: "/tmp/pubsync.toml"))
        _ = try auditor.run(all: false, actor: "审计")
        let outcome = try await Retraction(engine: harness.engine()).run(.flagged, by: "王主任", reason: nil, sync: true)
        #expect(outcome.retracted == ["leak"] && outcome.channels.first?.removed == ["leak"])
        #expect(try harness.store.events(item: "leak").contains { $0.action == "retract" && $0.detail == Retraction.flaggedReason })
    }

    @Test("the JSON keeps the contract's shape: error is null, not absent, and reads back")
    func json() throws {
        let outcome = RetractionOutcome(retracted: ["a"], channels: [.init(name: "site", removed: ["a"], pending: [], error: nil)])
        let text = String(decoding: try outcome.jsonData(), as: UTF8.self)
        #expect(text == #"{"channels":[{"error":null,"name":"site","pending":[],"removed":["a"]}],"retracted":["a"]}"#)
        #expect(try RetractionOutcome.decode(Data(text.utf8)) == outcome)
    }
}

@Suite("Status report in the core")
struct StatusReportTests {
    @Test("all live and nothing owed: no attention; times carry the configured offset; never reconciled is null")
    func clean() async throws {
        let harness = try EngineHarness(channels: ["site", "portal"])
        try harness.add(["a", "b"])
        try await harness.sync()
        let status = try StatusReport(store: harness.store, config: harness.config, now: harness.now)
        #expect(status.channels.map(\.name) == ["site", "portal"])
        #expect(status.channels.allSatisfy { $0.live == 2 && $0.pending == 0 && $0.errors.isEmpty && !$0.drift })
        #expect(status.channels[0].lastSync == "2014-06-18T12:00:00+08:00")
        #expect(status.channels[0].lastReconcile == nil)
        #expect(!status.needsAttention && status.openFlags == 0 && status.held == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: status.jsonData()) as? [String: Any])
        let channel = try #require((object["channels"] as? [[String: Any]])?.first)
        #expect(channel["last_reconcile"] is NSNull)
        #expect(Set(channel.keys) == ["name", "live", "pending", "failed", "rejected", "pending_retractions", "last_sync",
                                      "last_reconcile", "drift", "errors"])
        #expect(try StatusReport.decode(status.jsonData()) == status)
    }

    @Test("a failed put is owed, listed with its operation and error, and needs attention")
    func failedPut() async throws {
        let harness = try EngineHarness()
        try harness.add(["a", "b"])
        harness.channels["site"]!.faults.failPutIDs = ["a"]
        try await harness.sync()
        let status = try StatusReport(store: harness.store, config: harness.config, now: harness.now)
        let site = status.channels[0]
        #expect(site.live == 1 && site.failed == 1 && site.pending == 1)
        #expect(site.errors.count == 1 && site.errors[0].id == "a" && site.errors[0].op == "put" && site.errors[0].attempts == 1)
        #expect(site.errors[0].error != nil)
        #expect(status.needsAttention)
    }

    @Test("a due item never attempted is owed")
    func unattempted() async throws {
        let harness = try EngineHarness()
        try harness.add(["a"])
        let status = try StatusReport(store: harness.store, config: harness.config, now: harness.now)
        #expect(status.channels[0].pending == 1 && status.channels[0].lastSync == nil && status.needsAttention)
    }
}
