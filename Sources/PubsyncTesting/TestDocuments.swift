import Foundation
import PubsyncCore
import ZIPFoundation

/// Small real documents for tests: a PDF with text `pdftotext` reads, and docx/xlsx containers
/// whose XML the audit reads — plus the hostile variants (a zip bomb, an entity declaration).
public enum TestDocuments {
    /// A one-page PDF 1.4 showing `lines` (ASCII) in Helvetica, with a correct cross-reference table.
    public static func pdf(lines: [String]) -> Data {
        let escaped = lines.map { $0.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "(", with: "\\(").replacingOccurrences(of: ")", with: "\\)") }
        var stream = "BT /F1 12 Tf 72 720 Td 16 TL\n"
        for line in escaped { stream += "(\(line)) Tj T*\n" }
        stream += "ET\n"
        let objects = [
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
            "<< /Length \(stream.utf8.count) >>\nstream\n\(stream)endstream",
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        ]
        var out = "%PDF-1.4\n"
        var offsets: [Int] = []
        for (index, object) in objects.enumerated() {
            offsets.append(out.utf8.count)
            out += "\(index + 1) 0 obj\n\(object)\nendobj\n"
        }
        let xref = out.utf8.count
        out += "xref\n0 \(objects.count + 1)\n0000000000 65535 f \n"
        for offset in offsets { out += String(format: "%010d 00000 n \n", offset) }
        out += "trailer\n<< /Size \(objects.count + 1) /Root 1 0 R >>\nstartxref\n\(xref)\n%%EOF\n"
        return Data(out.utf8)
    }

    /// An xlsx workbook with one sheet holding `rows` as inline strings.
    public static func xlsx(rows: [[String]], sharedStringsXML: String? = nil) throws -> Data {
        var sheet = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>"#
        for (r, row) in rows.enumerated() {
            sheet += "<row r=\"\(r + 1)\">"
            for (c, cell) in row.enumerated() {
                let ref = String(UnicodeScalar(UInt8(65 + c))) + "\(r + 1)"
                sheet += "<c r=\"\(ref)\" t=\"inlineStr\"><is><t>\(Markup.escape(cell))</t></is></c>"
            }
            sheet += "</row>"
        }
        sheet += "</sheetData></worksheet>"
        var parts: [(String, Data)] = [
            ("[Content_Types].xml", Data(#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>"#.utf8)),
            ("xl/workbook.xml", Data(#"<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>"#.utf8)),
            ("xl/worksheets/sheet1.xml", Data(sheet.utf8)),
        ]
        if let sharedStringsXML { parts.append(("xl/sharedStrings.xml", Data(sharedStringsXML.utf8))) }
        return try zip(parts)
    }

    /// A docx document with `paragraphs`, each split into two runs (as Word often splits text).
    public static func docx(paragraphs: [String]) throws -> Data {
        var body = ""
        for paragraph in paragraphs {
            let middle = paragraph.index(paragraph.startIndex, offsetBy: paragraph.count / 2)
            body += "<w:p><w:r><w:t>\(Markup.escape(String(paragraph[..<middle])))</w:t></w:r><w:r><w:t>\(Markup.escape(String(paragraph[middle...])))</w:t></w:r></w:p>"
        }
        let document = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>"# + body + "</w:body></w:document>"
        return try zip([
            ("[Content_Types].xml", Data(#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>"#.utf8)),
            ("word/document.xml", Data(document.utf8)),
        ])
    }

    /// A ZIP container of `parts`, deflated.
    public static func zip(_ parts: [(String, Data)]) throws -> Data {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("pubsync-zip-\(UUID().uuidString).zip")
        defer { try? FileManager.default.removeItem(at: url) }
        let archive = try Archive(url: url, accessMode: .create)
        for (path, data) in parts {
            try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate) { position, size in
                data.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        return try Data(contentsOf: url)
    }
}
