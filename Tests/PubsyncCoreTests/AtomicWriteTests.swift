import Foundation
import PubsyncCore
import PubsyncTesting
import Testing

@Suite("AtomicWrite: whole files outside a channel's folder")
struct AtomicWriteTests {
    @Test("write replaces a file (creating its folder), create never replaces one; no temp file is left")
    func replaceAndCreate() throws {
        let directory = TemporaryDirectory()
        let file = directory.url.appendingPathComponent("out/report.html")
        try AtomicWrite.write(Data("第一版".utf8), to: file)
        try AtomicWrite.write(Data("第二版".utf8), to: file)
        #expect(try String(contentsOf: file, encoding: .utf8) == "第二版")
        #expect(try AtomicWrite.create(Data("新的".utf8), at: file) == false)
        #expect(try String(contentsOf: file, encoding: .utf8) == "第二版", "create never replaces")
        let fresh = directory.url.appendingPathComponent("pubsync.toml")
        #expect(try AtomicWrite.create(Data("timezone = \"Asia/Shanghai\"\n".utf8), at: fresh))
        #expect(try String(contentsOf: fresh, encoding: .utf8) == "timezone = \"Asia/Shanghai\"\n")
        for folder in [directory.url, file.deletingLastPathComponent()] {
            #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).allSatisfy { !$0.hasSuffix(".tmp") })
        }
    }

    @Test("a folder at the target is a usage error, and is left as it is")
    func folderTarget() throws {
        let directory = TemporaryDirectory()
        #expect { try AtomicWrite.write(Data("x".utf8), to: directory.url) } throws: { ($0 as? PubsyncError)?.code == .usage }
        #expect(FileManager.default.fileExists(atPath: directory.url.path))
    }
}
