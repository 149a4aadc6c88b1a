import Foundation
@testable import PubsyncCore
import PubsyncTesting
import Testing

@Suite("report --official in the core: figures first, the lock only to file or publish")
struct OfficialReportRunTests {
    final class Calls: @unchecked Sendable { var locks = 0; var notes: [String] = [] }

    func run(_ harness: EngineHarness, _ official: OfficialReportRun, _ calls: Calls) throws -> String {
        try official.run(store: harness.store, config: harness.config, asOf: nil, now: harness.now, lock: {
            calls.locks += 1
            return try WriteLock.acquire(storePath: harness.store.path, wait: 0, command: "test")
        }, note: { calls.notes.append($0) })
    }

    @Test("rendering only: no lock, nothing filed; the missing office and figures are noted")
    func renderOnly() throws {
        let harness = try EngineHarness()
        try harness.add(["a"], published: "2014-03-01")
        let calls = Calls()
        let text = try run(harness, OfficialReportRun(year: 2014, format: "md"), calls)
        #expect(!text.isEmpty && calls.locks == 0)
        #expect(calls.notes.count == 2 && calls.notes[0].hasPrefix("no [disclosure] office") && calls.notes[1].hasPrefix("no figures file at"))
        #expect(try harness.store.listItems().map(\.listing.id) == ["a"])
    }

    @Test("filing and publishing take the lock once, file the rendering and import the report's item")
    func fileAndPublish() throws {
        let harness = try EngineHarness()
        try harness.add(["a"], published: "2014-03-01")
        let calls = Calls()
        let official = OfficialReportRun(year: 2014, format: "html", fileBy: "信息公开科", publish: true, actor: "信息公开科")
        _ = try run(harness, official, calls)
        #expect(calls.locks == 1)
        #expect(calls.notes[0].hasPrefix("filed the 2014 report (html, sha256 "))
        let itemID = ReportFiling.itemID(year: 2014)
        #expect(calls.notes[1] == "imported item \(itemID) in column \(AnnualReport.defaultColumn), awaiting approval (pubsync approve \(itemID) --by NAME)")
        #expect(try harness.store.listItems().map(\.listing.id).contains(itemID))
    }

    @Test("a figures file named but missing is refused before the lock is taken")
    func missingFigures() throws {
        let harness = try EngineHarness()
        let calls = Calls()
        let official = OfficialReportRun(year: 2014, figuresFile: harness.directory.url.appendingPathComponent("nope.toml"), fileBy: "王主任")
        #expect(throws: PubsyncError.self) { _ = try run(harness, official, calls) }
        #expect(calls.locks == 0 && calls.notes.isEmpty)
    }
}
