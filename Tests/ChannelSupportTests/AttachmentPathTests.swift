import ChannelSupport
import PubsyncCore
import Testing

@Suite struct AttachmentPathTests {
    @Test("safe names keep letters and digits of every script, and nothing that could climb out or hide",
          arguments: [
              ("2014年部门预算.pdf", "2014年部门预算.pdf"),
              ("2014年部门预算（草案）.pdf", "2014年部门预算_草案_.pdf"),
              ("../../etc/passwd", "etc_passwd"),
              (".hidden.txt", "hidden.txt"),
              ("a b\tc\u{202E}d.csv", "a_b_c_d.csv"),
              ("（）.pdf", "file.pdf"),
              ("", "file"),
              ("budget.PDF", "budget.PDF"),
              ("e\u{301}te\u{301}.txt", "été.txt"),
          ])
    func safeNames(_ name: String, _ expected: String) {
        #expect(AttachmentPath.safeName(name) == expected)
        #expect(OutputFolder.isSafeRelative(AttachmentPath.safeName(name)))
    }

    @Test func longNamesKeepTheirExtension() {
        let name = String(repeating: "预", count: 200) + ".xlsx"
        let safe = AttachmentPath.safeName(name)
        #expect(safe.hasSuffix(".xlsx"))
        #expect(safe.utf8.count <= 150)
    }

    @Test func pathsAndURLs() {
        let file = Attachment(sha256: String(repeating: "0f", count: 32), name: "表 1.xlsx", title: "表", size: 1, mediaType: "text/csv")
        #expect(AttachmentPath.relative(file) == "files/\(file.sha256)/表_1.xlsx")
        #expect(AttachmentPath.urlPath(file) == "files/\(file.sha256)/%E8%A1%A8_1.xlsx")
        #expect(!OutputFolder.isSafeRelative("files/a b"))
        #expect(!OutputFolder.isSafeRelative("files/\u{202E}x"))
    }

    @Test("the byte-level check of ASCII paths agrees with the rule per component (random paths)")
    func safeRelativeASCII() {
        func reference(_ path: String) -> Bool {
            let parts = path.split(separator: "/", omittingEmptySubsequences: false)
            return parts.allSatisfy { part in
                !part.isEmpty && part != "." && part != ".." && part.unicodeScalars.allSatisfy(AttachmentPath.isKept)
            }
        }
        let alphabet = Array("a./-_Z9 \\\u{0}:~é")
        var generator = SplitMix64(seed: 22)
        for _ in 0..<20_000 {
            let path = String((0..<Int.random(in: 0...7, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! })
            #expect(OutputFolder.isSafeRelative(path) == reference(path), "\(path.debugDescription)")
        }
        for path in ["...", "a/...", "./a", "a/..", "a//b", "/a", "a/", "site/items/gen-1.html"] {
            #expect(OutputFolder.isSafeRelative(path) == reference(path), "\(path.debugDescription)")
        }
    }
}
