import Foundation
@testable import PubsyncCore
import PubsyncTesting
import Testing

@Suite("Reconcile run in the core: every channel, repair on request")
struct ReconcileRunTests {
    func reconciler(_ harness: EngineHarness) -> Reconciler {
        Reconciler(store: harness.store, config: harness.config, logger: .init(label: "t"))
    }

    @Test("channels come back in the order asked; without repair the drift stays and nothing is repaired")
    func findOnly() async throws {
        let harness = try EngineHarness(channels: ["site", "portal", "weibo"])
        try harness.add(["a", "b"])
        try await harness.sync()
        harness.channels["portal"]!.drop("a")
        let run = try await reconciler(harness).run(harness.config.channels)
        #expect(run.results.map(\.name) == ["site", "portal", "weibo"])
        #expect(run.results[1].missing == ["a"] && run.results[0].missing.isEmpty)
        #expect(run.repairs.isEmpty && run.hasDrift && !run.listingFailed && !run.guardRefused)
        #expect(harness.channels["portal"]!.items["a"] == nil)
    }

    @Test("repair fixes only the drifted channel, then reports it clean; a failed listing is never repaired")
    func repair() async throws {
        let harness = try EngineHarness(channels: ["site", "portal"])
        try harness.add(["a", "b"])
        try await harness.sync()
        harness.channels["portal"]!.drop("a")
        harness.channels["site"]!.drop("b")
        harness.channels["site"]!.faults.failListing = true
        let run = try await reconciler(harness).run(harness.config.channels, repair: .init(actor: "t"))
        #expect(run.repairs.map(\.channel) == ["portal"] && run.repairs[0].applied.put == 1)
        #expect(!run.results[1].hasDrift && harness.channels["portal"]!.items["a"] != nil)
        #expect(run.results[0].error != nil && run.listingFailed && !run.hasDrift)
        #expect(harness.channels["site"]!.items["b"] == nil)
    }
}
