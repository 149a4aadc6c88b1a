import Foundation
@testable import PubsyncCore
import PubsyncTesting
import Testing

@Suite("Sync: a change of validity republishes, with no command")
struct ValiditySyncTests {
    func addNormative(_ harness: EngineHarness, validUntil: String?, repealed: String? = nil) throws {
        try harness.store.importItems(actor: "tester", approveBy: "信息公开科") { emit in
            var draft = Fixtures.draft("rule-1")
            draft.content.category = "政策文件"
            draft.content.docNumber = "淄交发〔2014〕1号"
            draft.content.published = LocalDate("2014-06-01")!
            draft.content.metadata = DisclosureMetadata(genre: "行政规范性文件", validUntil: validUntil.flatMap(LocalDate.init),
                                                        repealed: repealed.flatMap(LocalDate.init))
            try emit(draft)
        }
    }

    @Test("valid_until passes: the next sync puts the item again as 失效; the one after does nothing")
    func lapse() async throws {
        let harness = try EngineHarness(today: "2014-06-18")
        try addNormative(harness, validUntil: "2014-06-30")
        try harness.add(["other"])
        #expect(try await harness.sync()["site"]!.put == 2)
        #expect(harness.channels["site"]!.items["rule-1"]?.validity == .valid)
        harness.setToday("2014-06-30")
        #expect(try await harness.sync()["site"]!.put == 0)
        harness.setToday("2014-07-01")
        let lapsed = try await harness.sync()["site"]!
        #expect(lapsed.plan.puts.map(\.id) == ["rule-1"])
        #expect(harness.channels["site"]!.items["rule-1"]?.validity == .lapsed)
        harness.setToday("2014-07-02")
        #expect(try await harness.sync()["site"]!.plan.isEmpty)
    }

    @Test("a repeal dated ahead takes effect on its day")
    func repealOnItsDay() async throws {
        let harness = try EngineHarness(today: "2014-06-18")
        try addNormative(harness, validUntil: nil, repealed: "2014-08-01")
        try await harness.sync()
        #expect(harness.channels["site"]!.items["rule-1"]?.validity == .valid)
        harness.setToday("2014-08-01")
        #expect(try await harness.sync()["site"]!.put == 1)
        #expect(harness.channels["site"]!.items["rule-1"]?.validity == .repealed)
    }
}
