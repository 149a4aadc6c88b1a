import Foundation
@testable import PubsyncCore
import PubsyncTesting
import Testing

@Suite("Sync engine against the in-memory channel")
struct SyncEngineTests {
    @Test("a first sync puts every due item; a second does nothing and calls nothing")
    func firstSyncThenNoOp() async throws {
        let harness = try EngineHarness()
        try harness.add(["a", "b", "c"])
        let first = try await harness.sync()["site"]!
        #expect(first.put == 3 && first.failed == 0)
        #expect(first.summary.live == 3)
        #expect(Set(harness.channels["site"]!.items.keys) == ["a", "b", "c"])
        let callsBefore = harness.channels["site"]!.calls.count
        let second = try await harness.sync()["site"]!
        #expect(second.put == 0 && second.plan.isEmpty)
        #expect(harness.channels["site"]!.calls.count == callsBefore)
    }

    @Test("the channels of a run publish at the same time, and their results keep the config's order")
    func channelsAtOnce() async throws {
        let harness = try EngineHarness(channels: ["site", "weibo", "portal"])
        try harness.add(["a", "b"])
        // Each channel's first put waits (20 s at most) until every channel has begun a put:
        // one channel after another, the first would wait in vain.
        let meeting = Meeting(expected: 3)
        for (name, channel) in harness.channels {
            channel.faults.onPut = { _ in await meeting.arriveAndWait(name) }
        }
        let results = try await harness.engine().run(harness.config.channels, options: SyncOptions())
        #expect(await meeting.met == ["site", "weibo", "portal"])
        #expect(results.map(\.name) == harness.config.channels.map(\.name))
        #expect(results.allSatisfy { $0.put == 2 && $0.summary.live == 2 })
    }

    /// Where the channels' puts meet: who arrived, and who saw everyone arrive.
    private actor Meeting {
        let expected: Int
        var arrived: Set<String> = []
        var met: Set<String> = []

        init(expected: Int) { self.expected = expected }

        func arriveAndWait(_ name: String) async {
            guard arrived.insert(name).inserted else { return }
            let deadline = ContinuousClock.now + .seconds(20)
            while arrived.count < expected, ContinuousClock.now < deadline {
                try? await Task.sleep(for: .milliseconds(10))
            }
            if arrived.count == expected { met.insert(name) }
        }
    }

    @Test("a changed item is republished, and only it (journal fast path)")
    func oneChange() async throws {
        let harness = try EngineHarness()
        try harness.add(["a", "b", "c"])
        try await harness.sync()
        try harness.add(["b"], title: "新标题")
        try harness.store.approve(item: "b", by: "信息公开科", role: .reviewer)
        let result = try await harness.sync()["site"]!
        #expect(result.plan.puts.map(\.id) == ["b"])
        #expect(harness.channels["site"]!.items["b"]?.title == "新标题")
        #expect(harness.channels["site"]!.items["b"]?.revision == 2)
    }

    @Test("an unapproved new head does not change what is published")
    func unapprovedHeadStaysOff() async throws {
        let harness = try EngineHarness()
        try harness.add(["a"])
        try await harness.sync()
        try harness.store.importItems(actor: "tester") { emit in
            var draft = Fixtures.draft("a", title: "草稿")
            draft.content.published = LocalDate("2014-06-01")!
            try emit(draft)
        }
        let result = try await harness.sync(SyncOptions.full())["site"]!
        #expect(result.put == 0)
        #expect(harness.channels["site"]!.items["a"]?.title == "标题")
    }

    @Test("an item becomes due on its date, in the configured time zone")
    func dueDates() async throws {
        let harness = try EngineHarness(today: "2014-06-18")
        try harness.add(["later"], published: "2014-06-20")
        #expect(try await harness.sync()["site"]!.put == 0)
        harness.setToday("2014-06-20")
        #expect(try await harness.sync()["site"]!.put == 1)
    }

    @Test("a failed put stays pending with its error and attempt count, and is retried next run")
    func failureAndRetry() async throws {
        let harness = try EngineHarness()
        try harness.add(["a", "b", "c"])
        harness.channels["site"]!.faults.failPutCalls = [2]
        let first = try await harness.sync()["site"]!
        #expect(first.put == 2 && first.failed == 1)
        let row = try #require(try harness.store.itemDetail(id: "b").ledger.first)
        #expect(row.state == .failed && row.attempts == 1 && row.lastError?.contains("test fault") == true)
        harness.channels["site"]!.faults = .init()
        let second = try await harness.sync()["site"]!
        #expect(second.put == 1 && second.failed == 0)
        #expect(try harness.store.ledgerSummary(channel: "site").live == 3)
    }

    @Test("the template fingerprint changing republishes the whole channel")
    func fingerprintRepublishes() async throws {
        let harness = try EngineHarness()
        try harness.add(["a", "b"])
        try await harness.sync()
        harness.channels["site"]!.fingerprint = "memory-v2"
        #expect(try await harness.sync()["site"]!.put == 2)
        #expect(try await harness.sync()["site"]!.put == 0)
    }

    @Test("more routine removals than --max-delete: refused before the first removal")
    func maxDeleteGuard() async throws {
        let harness = try EngineHarness()
        try harness.add((1...25).map { "n\($0)" })
        try harness.add(["keep"], category: "政策文件")
        try await harness.sync()
        harness.routing["site"] = ChannelRouting(exclude: ["政务公告"])
        let refused = try await harness.sync()["site"]!
        #expect(refused.guardRefusal?.contains("--max-delete 25") == true)
        #expect(refused.removed == 0)
        #expect(harness.channels["site"]!.items.count == 26)
        var options = SyncOptions()
        options.maxDelete = 25
        let allowed = try await harness.sync(options)["site"]!
        #expect(allowed.removed == 25 && allowed.guardRefusal == nil)
        #expect(Array(harness.channels["site"]!.items.keys) == ["keep"])
    }

    @Test("emptying a channel that has live items needs --allow-empty")
    func allowEmptyGuard() async throws {
        let harness = try EngineHarness()
        try harness.add(["a", "b"])
        try await harness.sync()
        harness.routing["site"] = ChannelRouting(include: [])
        let refused = try await harness.sync()["site"]!
        #expect(refused.guardRefusal?.contains("--allow-empty") == true)
        #expect(harness.channels["site"]!.items.count == 2)
        var options = SyncOptions()
        options.allowEmpty = true
        #expect(try await harness.sync(options)["site"]!.removed == 2)
    }

    @Test("routine removals are skipped when a put failed in the same run")
    func removalsSkippedAfterFailedPut() async throws {
        let harness = try EngineHarness()
        try harness.add(["old", "keep"], category: "政策文件")
        try await harness.sync()
        harness.routing["site"] = ChannelRouting(exclude: ["部门动态"])
        try harness.add(["old"], category: "部门动态", title: "改类")
        try harness.store.approve(item: "old", by: "信息公开科", role: .reviewer)
        try harness.add(["new"])
        harness.channels["site"]!.faults.failPutIDs = ["new"]
        let result = try await harness.sync()["site"]!
        #expect(result.removalsSkipped && result.removed == 0)
        #expect(harness.channels["site"]!.items["old"] != nil)
        harness.channels["site"]!.faults = .init()
        let next = try await harness.sync()["site"]!
        #expect(next.put == 1 && next.removed == 1)
    }

    @Test("refused credentials stop the channel: nothing more is marked published")
    func credentialsStopChannel() async throws {
        let harness = try EngineHarness()
        try harness.add(["a", "b", "c"])
        harness.channels["site"]!.faults.refuseCredentials = true
        let result = try await harness.sync()["site"]!
        #expect(result.stopped?.code == .credentialsRefused)
        #expect(result.put == 0)
        #expect(try harness.store.ledgerSummary(channel: "site").live == 0)
        #expect(harness.channels["site"]!.calls.filter { if case .put = $0 { return true } else { return false } }.count == 1)
        harness.channels["site"]!.faults = .init()
        #expect(try await harness.sync()["site"]!.put == 3)
    }

    @Test("a dry run writes nothing to the store and calls no channel")
    func dryRunChangesNothing() async throws {
        let harness = try EngineHarness()
        try harness.add(["a", "b"])
        try await harness.sync()
        try harness.add(["c"])
        harness.routing["site"] = ChannelRouting(exclude: ["政策文件"])
        let before = try harness.dump()
        let callsBefore = harness.channels["site"]!.calls
        var options = SyncOptions()
        options.dryRun = true
        let result = try await harness.sync(options)["site"]!
        #expect(result.plan.puts.map(\.id) == ["c"])
        #expect(try harness.dump() == before)
        #expect(harness.channels["site"]!.calls == callsBefore)
    }

    @Test("a rejected item is shown with its error and not retried until it changes")
    func rejection() async throws {
        let harness = try EngineHarness()
        try harness.add(["a", "bad"])
        harness.channels["site"]!.faults.rejectIDs = ["bad"]
        let result = try await harness.sync()["site"]!
        #expect(result.rejected == 1 && result.put == 1)
        #expect(try harness.store.ledgerSummary(channel: "site").rejected == 1)
        let again = try await harness.sync(.full())["site"]!
        #expect(again.plan.puts.isEmpty && again.plan.rejected == 1)
    }

    @Test("publish with ids touches only those items")
    func publishOnly() async throws {
        let harness = try EngineHarness()
        try harness.add(["a", "b", "c"])
        var options = SyncOptions()
        options.onlyItems = ["b"]
        let result = try await harness.sync(options)["site"]!
        #expect(result.put == 1)
        #expect(Array(harness.channels["site"]!.items.keys) == ["b"])
        #expect(try await harness.sync()["site"]!.put == 2)
    }
}

extension SyncOptions {
    static func full() -> SyncOptions {
        var options = SyncOptions()
        options.full = true
        return options
    }
}
