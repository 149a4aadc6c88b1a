import Foundation
@testable import PubsyncCore
import PubsyncTesting
import Testing

@Suite("A sync, plan or publish run in the core: checks, lock, engine, explanation")
struct SyncRunTests {
    final class Locks: @unchecked Sendable { var count = 0 }

    func run(_ harness: EngineHarness, _ options: SyncOptions, explain: [String] = [], _ locks: Locks) async throws -> SyncRun.Outcome {
        try await SyncRun(engine: harness.engine()).run(harness.config.channels, options: options, explain: explain, lock: {
            locks.count += 1
            return try WriteLock.acquire(storePath: harness.store.path, wait: 0, command: "test")
        })
    }

    @Test("a dry run takes no lock and changes no channel; a real run takes the lock once")
    func lockOnlyWhenWriting() async throws {
        let harness = try EngineHarness()
        try harness.add(["a", "b"])
        let locks = Locks()
        var dry = SyncOptions()
        dry.dryRun = true
        let plan = try await run(harness, dry, locks)
        #expect(locks.count == 0 && plan.results[0].plan.puts.count == 2 && harness.channels["site"]!.items.isEmpty)
        let done = try await run(harness, SyncOptions(), locks)
        #expect(locks.count == 1 && done.results[0].put == 2 && harness.channels["site"]!.items.count == 2)
    }

    @Test("publish of named items says why those not live are not")
    func explains() async throws {
        let harness = try EngineHarness()
        try harness.add(["a"])
        try harness.store.importItems(actor: "t") { emit in try emit(Fixtures.draft("d")) }
        var options = SyncOptions()
        options.onlyItems = ["a", "d"]
        let outcome = try await run(harness, options, explain: ["a", "d"], Locks())
        #expect(outcome.notPublished.map(\.id) == ["d"] && outcome.notPublished[0].reason.hasPrefix("draft"))
    }

    @Test("a channel with ledger rows gone from the config is refused before the lock")
    func vanishedChannel() async throws {
        let harness = try EngineHarness(channels: ["site", "portal"])
        try harness.add(["a"])
        try await harness.sync()
        harness.order = ["site"]
        let locks = Locks()
        await #expect(throws: PubsyncError.self) { _ = try await run(harness, SyncOptions(), locks) }
        #expect(locks.count == 0)
    }
}
