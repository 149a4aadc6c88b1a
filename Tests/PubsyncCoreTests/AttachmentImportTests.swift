import Foundation
@testable import PubsyncCore
import PubsyncTesting
import Testing

/// Attachments at import: read relative to the item file, checked by extension and first bytes,
/// kept content-addressed beside the store, part of the revision's hash.
@Suite("Attachments: import and store")
struct AttachmentImportTests {
    let directory = TemporaryDirectory()

    static let pdf = Data("%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n".utf8)
    static let xlsx = try! TestDocuments.xlsx(rows: [["科目", "金额"], ["基本支出", "4127.60"]])

    func write(_ relative: String, _ data: Data) throws {
        let url = directory.url.appendingPathComponent(relative)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try data.write(to: url)
    }

    func run(_ store: ItemStore, _ paths: [String], maxMB: Int = 50) throws -> (ImportSummary, AttachmentIntake) {
        let intake = AttachmentIntake(files: store.attachmentFiles, settings: AttachmentSettings(maxMB: maxMB))
        let parser = ImportParser(channelNames: [], attachments: intake)
        do {
            let summary = try store.importItems(actor: "tester") { emit in
                for file in try parser.files(in: paths.map(directory.path)) { try parser.parse(file: file, emit: emit) }
            }
            return (summary, intake)
        } catch {
            intake.discardAdded()
            throw error
        }
    }

    @Test("bare paths and {file, title} entries are stored by SHA-256, byte for byte, and listed with the revision")
    func storesAttachments() throws {
        try write("items/files/2014年部门预算.pdf", Self.pdf)
        try write("items/files/budget.xlsx", Self.xlsx)
        try directory.write("items/a.md", Fixtures.markdown(id: "a-1", extra: """
            attachments:
              - files/2014年部门预算.pdf
              - {file: files/budget.xlsx, title: 部门预算表}
            """))
        let store = try Fixtures.store(directory)
        _ = try run(store, ["items"])
        let files = try #require(try store.itemDetail(id: "a-1").revisions.first?.revision.content.attachments)
        #expect(files.map(\.name) == ["2014年部门预算.pdf", "budget.xlsx"])
        #expect(files.map(\.title) == ["2014年部门预算", "部门预算表"])
        #expect(files.map(\.mediaType) == ["application/pdf", AttachmentKind.xlsx.mediaType])
        #expect(files[0].size == Self.pdf.count)
        #expect(files[0].sha256 == sha256sum(Self.pdf))
        #expect(try Data(contentsOf: store.attachmentFiles.url(for: files[0].sha256)) == Self.pdf)
        #expect(files[0].displayLabel == "2014年部门预算.pdf（PDF，\(Self.pdf.count) 字节）")
    }

    @Test("JSON and NDJSON paths are relative to their own file")
    func jsonRelativePaths() throws {
        try write("data/scans/a.pdf", Self.pdf)
        try directory.write("data/items.ndjson", #"{"id":"j-1","title":"甲","category":"c","published":"2014-01-01","attachments":[{"file":"scans/a.pdf","title":"扫描件"}]}"# + "\n")
        try directory.write("data/one.json", #"{"id":"j-2","title":"乙","category":"c","published":"2014-01-01","attachments":"scans/a.pdf"}"#)
        let store = try Fixtures.store(directory)
        let (summary, _) = try run(store, ["data"])
        #expect(summary.created == 2)
        #expect(try store.itemDetail(id: "j-1").revisions[0].revision.content.attachments.first?.title == "扫描件")
        #expect(try store.itemDetail(id: "j-2").revisions[0].revision.content.attachments.first?.name == "a.pdf")
        #expect(try store.referencedAttachmentHashes().count == 1)
    }

    @Test("changing an attachment's bytes makes a new revision; the same bytes again change nothing")
    func attachmentChangesTheHash() throws {
        try write("items/a.pdf", Self.pdf)
        try directory.write("items/a.md", Fixtures.markdown(id: "a-1", extra: "attachments: [a.pdf]"))
        let store = try Fixtures.store(directory)
        _ = try run(store, ["items"])
        #expect(try run(store, ["items"]).0.unchanged == 1)
        try write("items/a.pdf", Self.pdf + Data("% changed\n".utf8))
        #expect(try run(store, ["items"]).0.revised == 1)
        let revisions = try store.itemDetail(id: "a-1").revisions
        #expect(revisions.count == 2)
        #expect(revisions[0].revision.content.attachments[0].sha256 != revisions[1].revision.content.attachments[0].sha256)
    }

    @Test("items without attachments keep the hash they had before attachments existed")
    func hashWithoutAttachmentsIsUnchanged() {
        var content = Fixtures.content()
        let before = ContentHash.of(content)
        content.attachments = [Attachment(sha256: String(repeating: "a", count: 64), name: "a.pdf", title: "a", size: 1, mediaType: "application/pdf")]
        #expect(ContentHash.of(content) != before)
        content.attachments = []
        #expect(ContentHash.of(content) == before)
    }

    @Test("a bad attachment names the item file and the attachment, and nothing is imported", arguments: [
        ("fake.pdf", "<!DOCTYPE html><html><body>404</body></html>", "is not a PDF file: it looks like HTML"),
        ("missing.pdf", nil, "does not exist"),
        ("notes.exe", "MZ", "has a type that cannot be attached"),
        ("sheet.xlsx", "just text", "is not a XLSX file (a ZIP container)"),
        ("empty.pdf", "", "the file is empty"),
    ] as [(String, String?, String)])
    func badAttachment(name: String, content: String?, expected: String) throws {
        try write("items/1-good.pdf", Self.pdf)
        try directory.write("items/1-good.md", Fixtures.markdown(id: "good-1", extra: "attachments: [1-good.pdf]"))
        if let content { try write("items/\(name)", Data(content.utf8)) }
        try directory.write("items/2-bad.md", Fixtures.markdown(id: "bad-1", extra: "attachments:\n  - \(name)"))
        let store = try Fixtures.store(directory)
        let error = #expect(throws: PubsyncError.self) { try run(store, ["items"]) }
        #expect(error?.code == .input)
        #expect(error?.message.contains("2-bad.md") == true, "\(error?.message ?? "")")
        #expect(error?.message.contains("field 'attachments'") == true)
        #expect(error?.message.contains("'\(name)'") == true)
        #expect(error?.message.contains(expected) == true, "\(error?.message ?? "")")
        #expect(try store.listItems().isEmpty)
        // The good item's file, added by this failed run, is taken back.
        #expect(!FileManager.default.fileExists(atPath: store.attachmentFiles.url(for: sha256sum(Self.pdf)).path))
    }

    @Test("a file over [attachments] max_mb is refused")
    func oversized() throws {
        try write("items/big.pdf", Self.pdf + Data(count: 1024 * 1024))
        try directory.write("items/a.md", Fixtures.markdown(id: "a-1", extra: "attachments: [big.pdf]"))
        let store = try Fixtures.store(directory)
        let error = #expect(throws: PubsyncError.self) { try run(store, ["items"], maxMB: 1) }
        #expect(error?.message.contains("larger than the limit of 1 MB ([attachments] max_mb)") == true, "\(error?.message ?? "")")
        #expect(try store.listItems().isEmpty)
    }

    @Test("malformed attachments fields are input errors", arguments: [
        "attachments: 3", "attachments: [{title: 无文件}]", "attachments: [{file: a.pdf, size: 3}]", "attachments: ['']",
    ])
    func malformed(field: String) throws {
        try write("items/a.pdf", Self.pdf)
        try directory.write("items/a.md", Fixtures.markdown(id: "a-1", extra: field))
        let store = try Fixtures.store(directory)
        let error = #expect(throws: PubsyncError.self) { try run(store, ["items"]) }
        #expect(error?.message.contains("field 'attachments'") == true, "\(error?.message ?? "")")
    }

    @Test("backup FILE also copies the attachment files into FILE.files/")
    func backupCopiesFiles() throws {
        try write("items/a.pdf", Self.pdf)
        try directory.write("items/a.md", Fixtures.markdown(id: "a-1", extra: "attachments: [a.pdf]"))
        let store = try Fixtures.store(directory)
        _ = try run(store, ["items"])
        let backup = directory.path("backup.db")
        try store.backup(to: backup)
        let copy = try ItemStore(path: backup)
        let sha = try #require(try copy.itemDetail(id: "a-1").revisions.first?.revision.content.attachments.first?.sha256)
        #expect(copy.attachmentFiles.root.path == backup + ".files")
        #expect(try Data(contentsOf: copy.attachmentFiles.url(for: sha)) == Self.pdf)
    }

    @Test("types are told by extension and first bytes")
    func kinds() {
        #expect(AttachmentKind(fileName: "a.JPEG") == .jpg)
        #expect(AttachmentKind(fileName: "a.exe") == nil)
        #expect(AttachmentKind.png.matches(head: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0]))
        #expect(AttachmentKind.doc.matches(head: [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]))
        #expect(!AttachmentKind.doc.matches(head: Array("%PDF-1.7".utf8)))
        #expect(AttachmentKind.txt.matches(head: Array("第一行\n".utf8)))
        #expect(!AttachmentKind.txt.matches(head: [0x41, 0x00, 0x42]))
        #expect(Attachment.displaySize(1_258_291) == "1.2 MB")
        #expect(Attachment.displaySize(2048) == "2.0 KB")
    }
}

/// The SHA-256 of `data` as `sha256sum` computes it (an oracle independent of pubsync's code).
func sha256sum(_ data: Data) -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/sha256sum")
    let input = Pipe(), output = Pipe()
    process.standardInput = input
    process.standardOutput = output
    try! process.run()
    input.fileHandleForWriting.write(data)
    try? input.fileHandleForWriting.close()
    let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    return String(text.prefix(64))
}
