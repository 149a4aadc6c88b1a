import Foundation
@testable import PubsyncCore
import PubsyncTesting
import Testing

@Suite("Reconcile against the in-memory channel")
struct ReconcileTests {
    func reconciler(_ harness: EngineHarness) -> Reconciler {
        Reconciler(store: harness.store, config: harness.config, logger: .init(label: "t"))
    }

    @Test("drift is named exactly; --repair fixes it and never touches foreign content")
    func driftAndRepair() async throws {
        let harness = try EngineHarness()
        try harness.add(["a", "b", "c", "d"])
        try await harness.sync()
        let channel = harness.channels["site"]!
        channel.drop("a")
        var edited = channel.items["b"]!
        edited.contentHash = "edited"
        channel.inject(edited)
        channel.inject(SampleItems.item("someone-elses"))
        try harness.store.retract(["d"], by: "王主任", reason: "测试")
        let configured = harness.config.channels[0]
        let found = try await reconciler(harness).reconcile(configured)
        #expect(found.missing == ["a"] && found.stale == ["b"] && found.unexpected == ["d"] && found.foreign == ["someone-elses"])
        #expect(found.hasDrift)
        let (_, after) = try await reconciler(harness).repair(configured, found: found, actor: "t")
        #expect(!after.hasDrift)
        #expect(after.foreign == ["someone-elses"])
        #expect(after.expected == after.ledger && after.ledger == after.live)
        #expect(channel.items["someone-elses"] != nil)
        #expect(try harness.store.activity(channel: "site").drift == false)
    }

    @Test("a listing that fails is an error, never an empty channel")
    func listingFails() async throws {
        let harness = try EngineHarness()
        try harness.add(["a"])
        try await harness.sync()
        harness.channels["site"]!.faults.failListing = true
        let result = try await reconciler(harness).reconcile(harness.config.channels[0])
        #expect(result.error != nil)
        #expect(result.missing.isEmpty)
    }
}

@Suite("Annual report")
struct ReportTests {
    @Test("counts per channel, category and month, with updates, retractions and the year's edges")
    func knownCounts() async throws {
        let harness = try EngineHarness(channels: ["site", "portal"], today: "2015-03-01")
        harness.routing["portal"] = ChannelRouting(exclude: ["部门动态"])
        try harness.add(["n1", "n2", "n3"], published: "2014-03-10")
        try harness.add(["news1", "news2"], category: "部门动态", published: "2014-07-01")
        try harness.add(["dec31"], published: "2014-12-31")
        try harness.add(["jan1"], published: "2015-01-01")
        try harness.add(["dec31-2013"], published: "2013-12-31")
        try await harness.sync()
        try harness.add(["n2"], published: "2014-03-10", title: "更正")
        try harness.store.approve(item: "n2", by: "信息公开科", role: .reviewer)
        try await harness.sync()
        try harness.store.retract(["n3"], by: "王主任", reason: "撤回")
        try await harness.sync()
        let report = try harness.store.disclosureReport(from: LocalDate("2014-01-01")!, to: LocalDate("2014-12-31")!, asOf: harness.now.addingTimeInterval(10),
                                                        channels: harness.config.channels)
        let site = report.channels[0], portal = report.channels[1]
        #expect(site.counts == .init(published: 6, updated: 1, retracted: 1))
        #expect(portal.counts == .init(published: 4, updated: 1, retracted: 1))
        #expect(site.counts.live == 5 && portal.counts.live == 3)
        #expect(site.byCategory["部门动态"]?.published == 2 && portal.byCategory["部门动态"] == nil)
        #expect(site.byMonth["2014-03"] == 3 && site.byMonth["2014-12"] == 1)
        #expect(report.total.published == 6 && report.total.retracted == 1 && report.total.live == 5)
        #expect(report.markdown().contains("主动公开政府信息6条"))
        let html = report.html()
        #expect(html.contains("<svg") && !html.contains("<script") && !html.contains("http://") || html.contains("http://www.w3.org/2000/svg"))
    }

    @Test("category text is escaped in the Markdown report: no table cell ends early, no HTML or link survives")
    func markdownEscapesCategories() async throws {
        let harness = try EngineHarness(channels: ["site"], today: "2015-03-01")
        let hostile = "公告|<img src=x onerror=alert(1)>[点此](javascript:alert(2))*粗*"
        try harness.add(["h1"], category: hostile, published: "2014-03-10")
        try await harness.sync()
        let report = try harness.store.disclosureReport(from: LocalDate("2014-01-01")!, to: LocalDate("2014-12-31")!, asOf: harness.now.addingTimeInterval(10),
                                                        channels: harness.config.channels)
        let markdown = report.markdown()
        let row = try #require(markdown.split(separator: "\n").first { $0.contains("公告") })
        #expect(row == "| 公告\\|\\<img src=x onerror=alert(1)\\>\\[点此\\](javascript:alert(2))\\*粗\\* | 1 | 1 |", "\(row)")
        #expect(!markdown.contains(" <img") && !markdown.contains("|<img"))
    }

    @Test("a report as of an earlier moment reproduces what was true then")
    func asOf() async throws {
        let harness = try EngineHarness(today: "2015-03-01")
        try harness.add(["a", "b"], published: "2014-05-01")
        try await harness.sync()
        let before = harness.now.addingTimeInterval(60)
        harness.advance(seconds: 3600)
        try harness.store.retract(["a"], by: "王主任", reason: "撤回")
        try await harness.sync()
        let then = try harness.store.disclosureReport(from: LocalDate("2014-01-01")!, to: LocalDate("2014-12-31")!, asOf: before, channels: harness.config.channels)
        let now = try harness.store.disclosureReport(from: LocalDate("2014-01-01")!, to: LocalDate("2014-12-31")!, asOf: harness.now.addingTimeInterval(1), channels: harness.config.channels)
        #expect(then.channels[0].counts.retracted == 0)
        #expect(now.channels[0].counts.retracted == 1)
    }
}
