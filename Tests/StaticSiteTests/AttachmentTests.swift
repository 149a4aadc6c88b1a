import ChannelSupport
import Crypto
import Foundation
import PubsyncCore
@testable import StaticSite
import Testing

/// Attachment files on the site: `files/{sha256}/{safe name}`, byte-identical, linked from the
/// item page with type and size, shared, deleted when no live item needs them, checked by reconcile.
@Suite struct AttachmentTests {
    static let pdf = Data("%PDF-1.4\n部门预算\n%%EOF\n".utf8)
    /// 2.5 MiB: more than one copy chunk.
    static let big = Data((0..<(5 << 19)).map { UInt8(truncatingIfNeeded: $0 &* 2654435761 >> 9) })

    static func sha(_ data: Data) -> String { Hex.string(SHA256.hash(data: data)) }

    @Test func filesArriveByteIdenticalAndThePageLinksThemWithTypeAndSize() async throws {
        let site = try TestSite()
        defer { site.removeAll() }
        let pdf = try site.attachment(Self.pdf, name: "2014年部门预算（草案）.pdf")
        let xlsx = try site.attachment(Self.big, name: "三公经费.xlsx", mediaType: AttachmentKind.xlsx.mediaType, title: "“三公”经费预算")
        var item = makeItem("budget")
        item.attachments = [pdf, xlsx]
        let report = try await site.sync(put: [item])
        let pdfPath = "files/\(pdf.sha256)/2014年部门预算_草案_.pdf"
        let xlsxPath = "files/\(xlsx.sha256)/三公经费.xlsx"
        #expect(Self.sha(try Data(contentsOf: URL(fileURLWithPath: site.path(pdfPath)))) == pdf.sha256)
        #expect(Self.sha(try Data(contentsOf: URL(fileURLWithPath: site.path(xlsxPath)))) == xlsx.sha256)
        let written = report.written
        #expect(written.firstIndex(of: pdfPath)! < written.firstIndex(of: "items/budget.html")!, "files go up before the page")
        let page = try site.read("items/budget.html")
        #expect(page.contains(#"<a href="../files/\#(pdf.sha256)/2014%E5%B9%B4%E9%83%A8%E9%97%A8%E9%A2%84%E7%AE%97_%E8%8D%89%E6%A1%88_.pdf" type="application/pdf" download="2014年部门预算（草案）.pdf">2014年部门预算（草案）.pdf（PDF，\#(Self.pdf.count) 字节）</a>"#), "\(page)")
        #expect(page.contains("“三公”经费预算：<a href"))
        #expect(page.contains("三公经费.xlsx（XLSX，2.5 MB）</a>"))
        #expect(try site.brokenLinks().isEmpty)
        #expect(try await site.adapter().inventory() == [LiveEntry(id: "budget", revision: 1, contentHash: "hash-budget-1")])
    }

    @Test func aSharedFileStaysUntilNoLiveItemNeedsItThenGoesWithItsFolder() async throws {
        let site = try TestSite()
        defer { site.removeAll() }
        let shared = try site.attachment(Self.pdf, name: "预算.pdf")
        let own = try site.attachment(Data("only a".utf8), name: "a.txt", mediaType: "text/plain")
        var a = makeItem("a")
        a.attachments = [shared, own]
        var b = makeItem("b", day: 1)
        b.attachments = [shared]
        try await site.sync(put: [a, b])
        let sharedPath = AttachmentPath.relative(shared)
        #expect(Set(site.files().filter { $0.hasPrefix("files/") }) == [sharedPath, AttachmentPath.relative(own)])

        // a drops its own file: gone at that flush.
        var a2 = a
        a2.revision = 2
        a2.contentHash = "hash-a-2"
        a2.attachments = [shared]
        try await site.sync(put: [a2])
        #expect(!site.exists(AttachmentPath.relative(own)))
        #expect(!site.exists("files/\(own.sha256)"), "the empty folder goes too")

        try await site.sync(remove: ["a"])
        #expect(site.exists(sharedPath), "b still needs it")
        let session = try site.adapter().openSiteSession(site.context())
        try await session.remove(id: "b", reason: .retracted)
        try await session.flush()
        #expect(!site.exists(sharedPath), "retraction removes it at once")
        #expect(session.lastFlush!.deleted.firstIndex(of: "items/b.html")! < session.lastFlush!.deleted.firstIndex(of: sharedPath)!)
        #expect(site.files().filter { $0.hasPrefix("files/") }.isEmpty)
    }

    @Test func reconcileReportsAMissingOrChangedFileAndARepairPutCopiesItAgain() async throws {
        let site = try TestSite()
        defer { site.removeAll() }
        let pdf = try site.attachment(Self.pdf, name: "预算.pdf")
        var item = makeItem("budget")
        item.attachments = [pdf]
        try await site.sync(put: [item, makeItem("plain", day: 1)])
        let path = AttachmentPath.relative(pdf)
        try Data("tampered".utf8).write(to: URL(fileURLWithPath: site.path(path)))
        var entries = try await site.adapter().inventory()
        #expect(entries.first { $0.id == "budget" }?.contentHash == "edited:file:\(path)")
        #expect(entries.first { $0.id == "plain" }?.contentHash == "hash-plain-1")
        try FileManager.default.removeItem(atPath: site.path(path))
        entries = try await site.adapter().inventory()
        #expect(entries.first { $0.id == "budget" }?.contentHash == "edited:file:\(path)")

        try await site.sync(put: [item])
        #expect(try Data(contentsOf: URL(fileURLWithPath: site.path(path))) == Self.pdf)
        entries = try await site.adapter().inventory()
        #expect(entries.first { $0.id == "budget" }?.contentHash == "hash-budget-1")
    }

    @Test func aStoreFileThatNoLongerMatchesItsHashIsRefusedAndLeavesNothing() async throws {
        let site = try TestSite()
        defer { site.removeAll() }
        let pdf = try site.attachment(Self.pdf, name: "预算.pdf")
        try Data("corrupt".utf8).write(to: site.store.url(for: pdf.sha256))
        var item = makeItem("budget")
        item.attachments = [pdf]
        let session = try site.adapter().openSiteSession(site.context())
        await #expect(throws: PubsyncError.self) { try await session.put(item) }
        try await session.flush()
        #expect(site.files().filter { $0.hasPrefix("files/") || $0.hasPrefix("items/") }.isEmpty, "\(site.files())")
    }

    @Test func aForeignFileAtTheAttachmentPathIsNeverOverwritten() async throws {
        let site = try TestSite()
        defer { site.removeAll() }
        let pdf = try site.attachment(Self.pdf, name: "预算.pdf")
        let path = site.path(AttachmentPath.relative(pdf))
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try Data("someone else's".utf8).write(to: URL(fileURLWithPath: path))
        var item = makeItem("budget")
        item.attachments = [pdf]
        await #expect(throws: PubsyncError.self) { try await site.sync(put: [item]) }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == Data("someone else's".utf8))
    }
}
