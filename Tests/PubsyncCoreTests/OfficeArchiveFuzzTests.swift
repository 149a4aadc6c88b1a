import Foundation
import PubsyncCore
import PubsyncTesting
import Testing

/// Regressions found by `Scripts/fuzz` (the attachment-text target).
@Suite("docx/xlsx text: a container whose declared sizes overflow is refused, not a crash")
struct OfficeArchiveFuzzTests {
    @Test("the fuzzer's xlsx, whose entries declare sizes that sum past 2^64")
    func declaredSizesOverflow() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let input = try Data(contentsOf: root.appendingPathComponent("Tests/Fuzz/Corpus/attachment-text/crash-size-overflow.docx"))
        // The target's first byte: "1" is an xlsx given as the whole container.
        #expect(input.first == UInt8(ascii: "1"))
        let directory = TemporaryDirectory()
        let file = directory.url.appendingPathComponent("sizes.xlsx")
        try input.dropFirst().write(to: file)
        let result = AttachmentText(pdftotext: nil).text(of: file, kind: .xlsx)
        guard case .unreadable(let reason) = result else {
            Issue.record("expected unreadable, got \(result)")
            return
        }
        #expect(reason.contains("refused"))
    }
}
