import Foundation
import PubsyncTesting
import Testing

@Suite("pubsync import with attachments (real binary)")
struct AttachmentCommandTests {
    static let pdf = Data("%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n".utf8)

    func write(_ workspace: Workspace, _ relative: String, _ data: Data) throws {
        let url = workspace.directory.url.appendingPathComponent(relative)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try data.write(to: url)
    }

    @Test("a .pdf that is really HTML: exit 2 naming the item file and the attachment, nothing imported")
    func htmlPretendingToBePDF() throws {
        let workspace = try Workspace()
        try write(workspace, "items/good.pdf", Self.pdf)
        try workspace.directory.write("items/1-good.md", workspace.item("good-1", extra: "attachments: [good.pdf]\n"))
        try write(workspace, "items/files/2014年部门预算.pdf", Data("<!DOCTYPE html>\n<html><body>登录超时</body></html>\n".utf8))
        try workspace.directory.write("items/2-budget.md", workspace.item("budget-1", extra: "attachments:\n  - {file: files/2014年部门预算.pdf, title: 部门预算}\n"))
        let result = try workspace.pubsync("import", "items")
        #expect(result.status == 2)
        #expect(result.stderr.contains("items/2-budget.md"), "\(result.stderr)")
        #expect(result.stderr.contains("files/2014年部门预算.pdf"))
        #expect(result.stderr.contains("not a PDF file: it looks like HTML"))
        #expect(try workspace.itemCount() == 0)
        let kept = try FileManager.default.subpathsOfDirectory(atPath: workspace.directory.path("pubsync.db.files"))
            .filter { !$0.hasPrefix("tmp") && $0.count > 64 }
        #expect(kept.isEmpty, "files of a failed import stay behind: \(kept)")
    }

    @Test("show lists attachments; backup FILE writes FILE.files/ with every attachment")
    func showAndBackup() throws {
        let workspace = try Workspace()
        try write(workspace, "items/预算.pdf", Self.pdf)
        try workspace.directory.write("items/a.md", workspace.item("a-1", extra: "attachments: [预算.pdf]\n"))
        let imported = try workspace.pubsync("import", "items")
        #expect(imported.status == 0, "\(imported.stderr)")
        let show = try workspace.pubsync("show", "a-1", "--json").json()
        let revision = try #require((show["revisions"] as? [[String: Any]])?.first)
        let files = try #require(revision["attachments"] as? [[String: Any]])
        #expect(files.first?["name"] as? String == "预算.pdf")
        #expect(files.first?["media_type"] as? String == "application/pdf")
        let sha = try #require(files.first?["sha256"] as? String)
        let text = try workspace.pubsync("show", "a-1")
        #expect(text.stdout.contains("attachment 预算.pdf（PDF，\(Self.pdf.count) 字节）"), "\(text.stdout)")
        let backup = try workspace.pubsync("backup", "copy.db")
        #expect(backup.status == 0, "\(backup.stderr)")
        let copied = workspace.directory.url.appendingPathComponent("copy.db.files/\(sha.prefix(2))/\(sha)")
        #expect(try Data(contentsOf: copied) == Self.pdf)
    }
}
