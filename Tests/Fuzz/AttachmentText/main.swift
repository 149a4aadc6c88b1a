// Fuzzes attachment text extraction (docx/xlsx: ZIPFoundation, then the XML text reader).
// The first byte picks docx or xlsx and whether the rest is the whole container or the XML of
// the part that holds the text (wrapped into a fresh ZIP here, so the fuzzer reaches the XML
// reader without having to invent deflate streams). Any bytes give text or "unreadable".
import Foundation
import FuzzSupport
import PubsyncCore
import ZIPFoundation

let reader = AttachmentText(pdftotext: nil, timeout: 2)
let fixedDate = Date(timeIntervalSince1970: 1_577_836_800)  // 2020-01-01

/// A one-part ZIP container holding `xml` at `path`.
func container(_ xml: Data, at path: String) -> Data {
    do {
        let archive = try Archive(data: Data(), accessMode: .create)
        // A fixed date (not the default, now): the same input makes the same ZIP on every run.
        try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(xml.count), modificationDate: fixedDate,
                             compressionMethod: .deflate) { position, size in
            xml.subdata(in: Int(position)..<(Int(position) + size))
        }
        return archive.data ?? Data()
    } catch {
        fatalError("fuzz harness: cannot build a ZIP: \(error)")
    }
}

FuzzDriver.run { bytes in
    guard let mode = bytes.first else { return }
    let kind: AttachmentKind = mode & 1 == 0 ? .docx : .xlsx
    let rest = Data(bytes.dropFirst())
    let data: Data
    if mode & 2 == 0 {
        data = rest
    } else {
        data = container(rest, at: kind == .docx ? "word/document.xml" : (mode & 4 == 0 ? "xl/sharedStrings.xml" : "xl/worksheets/sheet1.xml"))
    }
    let file = FuzzFiles.write(data, to: "attachment." + kind.rawValue)
    _ = reader.text(of: file, kind: kind)
}
