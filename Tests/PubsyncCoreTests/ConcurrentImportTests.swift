import Foundation
@testable import PubsyncCore
import PubsyncTesting
import Testing

/// Counts drafts handed over by a parsing thread.
private final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0
    func increment() { lock.withLock { count += 1 } }
    var value: Int { lock.withLock { count } }
}

@Suite("Store: import with parsing on a second thread")
struct ConcurrentImportTests {
    let directory = TemporaryDirectory()

    @Test("drafts parsed on another thread are imported in order, all of them")
    func importsEverything() throws {
        let store = try Fixtures.store(directory)
        let summary = try store.importItemsConcurrently(actor: "tester", approveBy: "信息公开科") { emit in
            for n in 0..<1_000 { try emit(Fixtures.draft(String(format: "t-%04d", n), index: "004188191/2014-\(n)")) }
        }
        #expect(summary.created == 1_000)
        #expect(summary.approved == 1_000)
        let items = try store.listItems()
        #expect(items.count == 1_000)
        #expect(items.allSatisfy { $0.listing.status == .approved })
        // Import order is the event order.
        let events = try store.events(limit: 2)
        #expect(events.map(\.item) == ["t-0998", "t-0999"])
    }

    @Test("a rule error early in the input wins over a parse error later, and nothing is imported")
    func firstErrorInInputOrderWins() throws {
        let store = try Fixtures.store(directory)
        let error = #expect(throws: PubsyncError.self) {
            try store.importItemsConcurrently(actor: "tester") { emit in
                for n in 0..<600 { try emit(Fixtures.draft(String(format: "t-%04d", n))) }
                try emit(Fixtures.draft("t-0003"))
                for n in 600..<900 { try emit(Fixtures.draft(String(format: "t-%04d", n))) }
                throw PubsyncError(.input, "later.ndjson:7: invalid JSON")
            }
        }
        #expect(error?.message.contains("'t-0003' is already used") == true)
        #expect(try store.listItems().isEmpty)
        #expect(try store.events(limit: 10).isEmpty)
    }

    @Test("a parse error after many drafts rolls back everything")
    func parseErrorRollsBack() throws {
        let store = try Fixtures.store(directory)
        let error = #expect(throws: PubsyncError.self) {
            try store.importItemsConcurrently(actor: "tester") { emit in
                for n in 0..<2_000 { try emit(Fixtures.draft(String(format: "t-%04d", n))) }
                throw PubsyncError(.input, "big.ndjson:2001: invalid JSON")
            }
        }
        #expect(error?.message == "big.ndjson:2001: invalid JSON")
        #expect(try store.listItems().isEmpty)
    }

    @Test("a rule error stops the parsing thread instead of reading the rest")
    func ruleErrorStopsParsing() throws {
        let store = try Fixtures.store(directory)
        let emitted = Counter()
        #expect(throws: PubsyncError.self) {
            try store.importItemsConcurrently(actor: "tester") { emit in
                try emit(Fixtures.draft("dup"))
                try emit(Fixtures.draft("dup"))
                for n in 0..<1_000_000 {
                    try emit(Fixtures.draft(String(format: "t-%07d", n)))
                    emitted.increment()
                }
            }
        }
        // The pipe holds a bounded number of chunks: the thread stopped long before the end.
        #expect(emitted.value < 100_000)
        #expect(try store.listItems().isEmpty)
    }
}
