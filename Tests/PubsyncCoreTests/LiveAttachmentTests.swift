import Foundation
@testable import PubsyncCore
import PubsyncTesting
import Testing

/// Channels rebuild pages and feed windows from the ledger's live items: those must carry their
/// attachments, or a later sync would drop the files of items it did not put.
@Suite("Live items carry their attachments")
struct LiveAttachmentTests {
    @Test("StoreLiveItems lists each live item's files of its live revision, in order")
    func liveItemsHaveFiles() async throws {
        let harness = try EngineHarness()
        let pdf = Attachment(sha256: String(repeating: "a1", count: 32), name: "预算.pdf", title: "预算", size: 10, mediaType: "application/pdf")
        let csv = Attachment(sha256: String(repeating: "b2", count: 32), name: "表.csv", title: "表", size: 3, mediaType: "text/csv")
        try harness.store.importItems(actor: "tester", approveBy: "信息公开科") { emit in
            var draft = Fixtures.draft("with-files")
            draft.content.attachments = [pdf, csv]
            try emit(draft)
            try emit(Fixtures.draft("without-files"))
        }
        try await harness.sync()
        let live = StoreLiveItems(store: harness.store, channel: "site")
        let items = try await live.items(category: nil, includeBody: false)
        #expect(items.first { $0.id == "with-files" }?.attachments == [pdf, csv])
        #expect(items.first { $0.id == "without-files" }?.attachments == [])
        let newest = try await live.newest(limit: 5, includeBody: true)
        #expect(newest.first { $0.id == "with-files" }?.attachments.map(\.name) == ["预算.pdf", "表.csv"])
    }
}
