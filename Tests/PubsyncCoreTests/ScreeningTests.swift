import Foundation
import Testing
@testable import PubsyncCore
import PubsyncTesting

/// Screening before publication: findings at import and approval hold a revision.
@Suite("screening and held revisions")
struct ScreeningTests {
    static let rules = AuditRuleSet(rules: [CNIDNumberRule(), CNMobileRule(), SecrecyMarkingRule()])
    static let leak = "当事人身份证号11010519491231002X。"

    /// Imports one approved item with `body`, screened.
    func put(_ harness: EngineHarness, _ id: String, body: String, approve: Bool = true) throws -> ImportSummary {
        try harness.store.importItems(actor: "t", approveBy: approve ? "信息公开科" : nil, screening: Self.rules) { emit in
            var draft = Fixtures.draft(id)
            draft.content.body = body
            draft.content.published = LocalDate("2014-06-01")!
            try emit(draft)
        }
    }

    @Test("an approved item with a finding is held: never put until the flag is dismissed")
    func heldUntilDismissed() async throws {
        let harness = try EngineHarness()
        #expect(try put(harness, "leak", body: Self.leak).flagged == 1)
        #expect(try put(harness, "clean", body: "服务监督电话12328，淄交发〔2014〕12号。").flagged == 0)
        let flag = try #require(try harness.store.flags().first)
        #expect(flag.item == "leak" && flag.rev == 1 && flag.rule == "cn-id-number" && !flag.excerpt.contains("11010519491231002X"))
        var result = try await harness.sync()["site"]!
        #expect(result.put == 1 && result.held == 1)
        #expect(harness.channels["site"]!.items["leak"] == nil)
        #expect(try harness.store.screeningCounts() == (held: 1, blockingFlags: 1))
        result = try await harness.sync()["site"]!
        #expect(result.put == 0 && result.held == 1)
        try harness.store.dismissFlag(flag.id, by: "王主任", reason: "已脱敏的测试号码")
        result = try await harness.sync()["site"]!
        #expect(result.put == 1 && result.held == 0)
        #expect(harness.channels["site"]!.items["leak"]?.revision == 1)
        #expect(try harness.store.screeningCounts() == (held: 0, blockingFlags: 0))
    }

    @Test("a held update leaves the older revision live; a newer clean revision replaces it and the flag is superseded")
    func heldUpdate() async throws {
        let harness = try EngineHarness()
        _ = try put(harness, "a", body: "正文。")
        try await harness.sync()
        #expect(try put(harness, "a", body: "联系人手机13800138000。").flagged == 1)
        var result = try await harness.sync()["site"]!
        #expect(result.put == 0 && result.removed == 0 && result.held == 1)
        #expect(harness.channels["site"]!.items["a"]?.revision == 1)
        let flag = try #require(try harness.store.flags().first)
        #expect(flag.rev == 2 && flag.rule == "cn-mobile")
        _ = try put(harness, "a", body: "联系电话12328。")
        result = try await harness.sync()["site"]!
        #expect(result.put == 1 && result.held == 0)
        #expect(harness.channels["site"]!.items["a"]?.revision == 3)
        #expect(try harness.store.flags().isEmpty)
        #expect(try harness.store.flags(all: true).first?.status == .superseded)
    }

    @Test("approve screens again and names the flags that hold the revision")
    func approveOfHeld() async throws {
        let harness = try EngineHarness()
        _ = try put(harness, "m", body: "【机密】内容。", approve: false)
        let result = try harness.store.approve(item: "m", by: "信息公开科", role: .reviewer, comment: "同意", screening: Self.rules)
        #expect(result.becameApproved && result.heldBy.map(\.rule) == ["secrecy-marking"])
        #expect(try await harness.sync()["site"]!.put == 0)
        // Rules turned on after import: approval screens the revision.
        _ = try harness.store.importItems(actor: "t") { emit in
            var draft = Fixtures.draft("late")
            draft.content.body = Self.leak
            try emit(draft)
        }
        let late = try harness.store.approve(item: "late", by: "信息公开科", role: .reviewer, screening: Self.rules)
        #expect(late.heldBy.count == 1)
    }

    @Test("screening off: no rules, no flags")
    func screeningOff() async throws {
        let harness = try EngineHarness()
        _ = try harness.store.importItems(actor: "t", approveBy: "信息公开科", screening: AuditRuleSet(rules: [])) { emit in
            var draft = Fixtures.draft("leak")
            draft.content.body = Self.leak
            draft.content.published = LocalDate("2014-06-01")!
            try emit(draft)
        }
        #expect(try harness.store.flags().isEmpty)
        #expect(try await harness.sync()["site"]!.put == 1)
    }

    @Test("the periodic audit scans the revision each channel has live, not only the approved one")
    func auditScansLive() async throws {
        let harness = try EngineHarness()
        _ = try harness.store.importItems(actor: "t", approveBy: "信息公开科") { emit in
            var draft = Fixtures.draft("old")
            draft.content.body = Self.leak
            draft.content.published = LocalDate("2014-06-01")!
            try emit(draft)
        }
        try await harness.sync()
        _ = try put(harness, "old", body: "已更正。")
        let auditor = try Auditor(store: harness.store, settings: AuditSettings(rules: ["cn-id-number"], wordsFile: nil),
                                  configFile: URL(fileURLWithPath: "/tmp/pubsync.toml"))
        let summary = try auditor.run(all: false, actor: "审计")
        #expect(summary.scanned == 2 && summary.newFlags == 1)
        #expect(try harness.store.flags().first?.rev == 1)
        #expect(try harness.store.screeningCounts().blockingFlags == 1)
        // Publishing the corrected revision leaves the flagged one live nowhere: superseded.
        #expect(try await harness.sync()["site"]!.put == 1)
        #expect(try harness.store.flags().isEmpty)
        #expect(try harness.store.screeningCounts() == (held: 0, blockingFlags: 0))
    }

    @Test("a scheduled item is counted per channel, not put")
    func scheduled() async throws {
        let harness = try EngineHarness()
        _ = try harness.store.importItems(actor: "t", approveBy: "信息公开科", screening: Self.rules) { emit in
            var draft = Fixtures.draft("later")
            draft.content.published = LocalDate("2027-01-05")!
            try emit(draft)
        }
        let result = try await harness.sync()["site"]!
        #expect(result.put == 0 && result.scheduled == 1 && result.held == 0)
    }
}
