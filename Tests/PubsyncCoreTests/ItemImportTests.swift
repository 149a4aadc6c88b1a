import Foundation
@testable import PubsyncCore
import PubsyncTesting
import Testing

@Suite("Item import in the core: one transaction, attachments cleaned up on failure")
struct ItemImportTests {
    static let pdf = Data("%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n".utf8)

    func writePDF(_ harness: EngineHarness, _ relative: String) throws {
        let url = harness.directory.url.appendingPathComponent(relative)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Self.pdf.write(to: url)
    }

    @Test("a folder is walked, items and their files are stored, approvals recorded as the reviewer")
    func imports() throws {
        let harness = try EngineHarness()
        try writePDF(harness, "items/files/a.pdf")
        try harness.directory.write("items/a.md", Fixtures.markdown(id: "a-1", extra: "attachments: [files/a.pdf]"))
        try harness.directory.write("items/b.md", Fixtures.markdown(id: "b-1"))
        let run = try ItemImport(store: harness.store, config: harness.config)
        let files = try run.files(in: [harness.directory.path("items")])
        #expect(files.count == 2)
        let summary = try run.run(files, actor: "信息公开科", approveBy: "信息公开科")
        #expect(summary.read == 2 && summary.created == 2 && summary.approved == 2)
        let file = try #require(try harness.store.itemDetail(id: "a-1").revisions.first?.revision.content.attachments.first)
        #expect(FileManager.default.fileExists(atPath: harness.store.attachmentFiles.url(for: file.sha256).path))
    }

    @Test("one bad file: nothing is imported and the attachment files this run added are removed again")
    func badFileImportsNothing() throws {
        let harness = try EngineHarness()
        try writePDF(harness, "items/files/a.pdf")
        try harness.directory.write("items/a.md", Fixtures.markdown(id: "a-1", extra: "attachments: [files/a.pdf]"))
        try harness.directory.write("items/z.md", "---\nid: z-1\ntitle: 缺日期\n---\n正文\n")
        let run = try ItemImport(store: harness.store, config: harness.config)
        let files = try run.files(in: [harness.directory.path("items")])
        #expect(throws: PubsyncError.self) { _ = try run.run(files, actor: "t", approveBy: nil) }
        #expect(try harness.store.listItems().isEmpty)
        let sha = sha256sum(Self.pdf)
        #expect(!FileManager.default.fileExists(atPath: harness.store.attachmentFiles.url(for: sha).path))
    }
}
