import Foundation
@testable import PubsyncCore
import PubsyncTesting
import Testing

/// The audit reads attachments' text: a finding flags the item, a file it cannot read is listed.
@Suite("Attachments: audit text")
struct AttachmentAuditTests {
    let directory = TemporaryDirectory()
    /// A valid resident ID number (the standard's own example) and a mobile number.
    static let idNumber = "11010519491231002X"
    static let mobile = "13800138000"

    /// Imports item `id` attaching `name` with `data`, and audits everything.
    func audit(_ files: [(String, Data)], reader: AttachmentText = AttachmentText()) throws -> (ItemStore, Auditor.Summary) {
        for (name, data) in files {
            try data.write(to: directory.url.appendingPathComponent(name))
        }
        let list = files.map(\.0).joined(separator: ", ")
        try directory.write("a.md", Fixtures.markdown(id: "a-1", extra: "attachments: [\(list)]"))
        let store = try Fixtures.store(directory)
        let intake = AttachmentIntake(files: store.attachmentFiles, settings: AttachmentSettings())
        let parser = ImportParser(channelNames: [], attachments: intake)
        try store.importItems(actor: "tester") { emit in try parser.parse(file: directory.path("a.md"), emit: emit) }
        var auditor = try Auditor(store: store, settings: AuditSettings(rules: ["cn-id-number", "cn-mobile"], wordsFile: nil),
                                  configFile: directory.url.appendingPathComponent("pubsync.toml"))
        auditor.textReader = reader
        return (store, try auditor.run(all: true, actor: "auditor"))
    }

    @Test("an XLSX cell holding a resident ID number flags the item, naming the file")
    func xlsxIDNumber() throws {
        let sheet = try TestDocuments.xlsx(rows: [["姓名", "身份证号"], ["张三", Self.idNumber]])
        let (store, summary) = try audit([("staff.xlsx", sheet)])
        #expect(summary.attachmentsScanned == 1)
        #expect(summary.unscanned.isEmpty)
        let flags = try store.flags()
        #expect(flags.map(\.rule) == ["cn-id-number"])
        #expect(flags.first?.item == "a-1")
        #expect(flags.first?.excerpt.hasPrefix("[staff.xlsx]") == true, "\(flags.first?.excerpt ?? "")")
        #expect(flags.first?.excerpt.contains(Self.idNumber) == false, "the excerpt masks the number")
    }

    @Test("a PDF whose text holds a mobile number flags the item (through pdftotext)")
    func pdfMobile() throws {
        let reader = AttachmentText()
        try #require(reader.pdftotext != nil, "poppler-utils (pdftotext) must be installed: Scripts/test installs it")
        let pdf = TestDocuments.pdf(lines: ["Budget 2014", "Contact: \(Self.mobile)"])
        let (store, summary) = try audit([("budget.pdf", pdf)], reader: reader)
        #expect(summary.unscanned.isEmpty, "\(summary.unscanned)")
        #expect(try store.flags().map(\.rule) == ["cn-mobile"])
    }

    @Test("a DOCX whose number is split over two runs, and a CSV, are read")
    func docxAndCSV() throws {
        let document = try TestDocuments.docx(paragraphs: ["联系电话\(Self.mobile)"])
        let csv = Data("姓名,身份证号\n李四,\(Self.idNumber)\n".utf8)
        let (store, summary) = try audit([("notice.docx", document), ("list.csv", csv)])
        #expect(summary.attachmentsScanned == 2)
        #expect(Set(try store.flags().map(\.rule)) == ["cn-mobile", "cn-id-number"])
    }

    @Test("files the audit cannot read are listed and recorded for check, not passed and not flagged", arguments: [
        ("photo.jpg", "no text reader for JPG"), ("scan.ofd", "no text reader for OFD"),
    ])
    func unreadable(name: String, reason: String) throws {
        let data = name.hasSuffix(".jpg") ? Data([0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10]) : try TestDocuments.zip([("OFD.xml", Data("<ofd/>".utf8))])
        let (store, summary) = try audit([(name, data)])
        #expect(summary.unscanned.map(\.name) == [name])
        #expect(summary.unscanned.first?.reason.contains(reason) == true, "\(summary.unscanned)")
        #expect(try store.flags().isEmpty)
        let listed = try store.unscannedAttachments()
        #expect(listed.map(\.item) == ["a-1"])
        #expect(listed.first?.reason.contains(reason) == true)
    }

    @Test("zip bombs and XML entity declarations in docx/xlsx are refused at import with a clear message", arguments: [
        ("entity.xlsx", "declares a DOCTYPE or ENTITY"), ("bomb.xlsx", "a zip bomb?"), ("broken.docx", "not a readable ZIP container"),
    ])
    func hostileOfficeFiles(name: String, reason: String) throws {
        let data: Data
        switch name {
        case "entity.xlsx":
            data = try TestDocuments.xlsx(rows: [["a"]], sharedStringsXML: #"<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;">]><sst><si><t>&lol2;</t></si></sst>"#)
        case "bomb.xlsx":
            data = try TestDocuments.zip([("xl/worksheets/sheet1.xml", Data(repeating: 0x20, count: 4 << 20))])
        default:
            data = Data([0x50, 0x4B, 0x03, 0x04] + Array(repeating: 0, count: 40))
        }
        let error = #expect(throws: PubsyncError.self) { try audit([(name, data)]) }
        #expect(error?.message.contains("a.md") == true)
        #expect(error?.message.contains("'\(name)' is not a usable") == true, "\(error?.message ?? "")")
        #expect(error?.message.contains(reason) == true, "\(error?.message ?? "")")
    }

    @Test("without pdftotext a PDF is listed as unscanned")
    func noPdftotext() throws {
        let pdf = TestDocuments.pdf(lines: ["Contact: \(Self.mobile)"])
        let (store, summary) = try audit([("a.pdf", pdf)], reader: AttachmentText(pdftotext: nil))
        #expect(summary.unscanned.first?.reason.contains("pdftotext (poppler-utils) is not installed") == true)
        #expect(try store.unscannedAttachments().count == 1)
    }

    @Test("screening at import reads attachments too: an ID number in an XLSX holds the item; an unreadable file is recorded, not held")
    func screeningAtImport() async throws {
        let sheet = try TestDocuments.xlsx(rows: [["张三", Self.idNumber]])
        try sheet.write(to: directory.url.appendingPathComponent("staff.xlsx"))
        try Data([0xFF, 0xD8, 0xFF, 0xE0]).write(to: directory.url.appendingPathComponent("photo.jpg"))
        try directory.write("a.md", Fixtures.markdown(id: "a-1", extra: "attachments: [staff.xlsx]"))
        try directory.write("b.md", Fixtures.markdown(id: "b-1", index: "b", extra: "attachments: [photo.jpg]"))
        let store = try Fixtures.store(directory)
        let rules = AuditRuleSet(rules: [CNIDNumberRule(), CNMobileRule()])
        let intake = AttachmentIntake(files: store.attachmentFiles, settings: AttachmentSettings(), screening: rules)
        let parser = ImportParser(channelNames: [], attachments: intake)
        let summary = try store.importItems(actor: "tester", approveBy: "信息公开科", screening: rules) { emit in
            for file in ["a.md", "b.md"] { try parser.parse(file: directory.path(file), emit: emit) }
        }
        try store.recordAttachmentScans(intake.scanResults())
        #expect(summary.flagged == 1)
        let flags = try store.flags()
        #expect(flags.map(\.item) == ["a-1"])
        #expect(flags.first?.excerpt.hasPrefix("[staff.xlsx]") == true)
        #expect(try store.unscannedAttachments().map(\.name) == ["photo.jpg"])
        // `check` lists the unread file as a warning (it is not held: a person reads it).
        let report = try await SpotCheck(store: store, channels: [], settings: CheckSettings()).run(asOf: LocalDate("2026-01-01")!)
        let unscanned = report.findings.filter { $0.rule == CheckRule.attachmentUnscanned }
        #expect(unscanned.map(\.subject) == ["b-1"])
        #expect(unscanned.first?.severity == .warn)
        #expect(unscanned.first?.detail.contains("photo.jpg") == true)
    }
}
