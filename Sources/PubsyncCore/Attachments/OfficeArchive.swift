import Foundation
import ZIPFoundation

/// A docx or xlsx file read defensively: a ZIP container whose XML parts are turned into text.
/// Zip bombs (too much uncompressed data in all, or a part that inflates too far) and XML with
/// a DOCTYPE or ENTITY declaration (entity expansion tricks) are refused with a message saying so.
struct OfficeArchive {
    /// Most uncompressed bytes read from one file, over all its parts.
    static let maxTotalBytes: UInt64 = 256 << 20
    /// Most entries a container may have.
    static let maxEntries = 10_000
    /// Largest inflation ratio accepted for a part larger than 1 MiB.
    static let maxRatio: UInt64 = 200

    /// The parts of a Word document that hold its text.
    static let wordParts: @Sendable (String) -> Bool = { path in
        path.hasPrefix("word/") && path.hasSuffix(".xml") && !path.contains("/_rels/") && !path.hasPrefix("word/theme/")
            && path != "word/styles.xml" && path != "word/fontTable.xml" && path != "word/settings.xml" && path != "word/webSettings.xml"
            && path != "word/numbering.xml"
    }

    /// The parts of a workbook that hold its cells' text.
    static let sheetParts: @Sendable (String) -> Bool = { path in
        path == "xl/sharedStrings.xml" || (path.hasPrefix("xl/worksheets/") && path.hasSuffix(".xml") && !path.contains("/_rels/"))
    }

    let url: URL
    let archive: Archive

    /// Opens the container; a file that is no ZIP archive is an error.
    init(url: URL) throws {
        self.url = url
        do {
            archive = try Archive(url: url, accessMode: .read)
        } catch {
            throw PubsyncError(.input, "not a readable ZIP container: \(error)")
        }
    }

    /// Checks the container's declared sizes against the limits without inflating anything.
    func checkSizes() throws {
        var total: UInt64 = 0
        var count = 0
        for entry in archive {
            count += 1
            if count > Self.maxEntries { throw refused("it has more than \(Self.maxEntries) entries") }
            let size = UInt64(entry.uncompressedSize), packed = max(UInt64(entry.compressedSize), 1)
            // Declared sizes are the file's word: added without trusting them not to overflow (found by Scripts/fuzz).
            let (sum, overflow) = total.addingReportingOverflow(size)
            total = overflow ? .max : sum
            if total > Self.maxTotalBytes {
                throw refused("it inflates to more than \(Self.maxTotalBytes >> 20) MiB (a zip bomb?)")
            }
            if size > 1 << 20 && size / packed > Self.maxRatio {
                throw refused("its part \(entry.path) inflates \(size / packed) times (more than \(Self.maxRatio)): a zip bomb?")
            }
        }
    }

    /// The text of the parts `include` selects, in archive order, each part's paragraphs and
    /// cells on their own lines.
    func text(parts include: (String) -> Bool) throws -> String {
        try checkSizes()
        var text = ""
        var total: UInt64 = 0
        for entry in archive where entry.type == .file && include(entry.path) {
            var xml = Data()
            let declared = UInt64(entry.uncompressedSize)
            do {
                _ = try archive.extract(entry, skipCRC32: false) { chunk in
                    total += UInt64(chunk.count)
                    // Declared sizes can lie: count what really comes out.
                    if total > Self.maxTotalBytes || UInt64(xml.count + chunk.count) > declared {
                        throw refused("it inflates beyond what it declares (a zip bomb?)")
                    }
                    xml.append(chunk)
                }
            } catch let error as PubsyncError {
                throw error
            } catch {
                throw PubsyncError(.input, "its part \(entry.path) cannot be read: \(error)")
            }
            text += try XMLText.text(of: xml, part: entry.path, refuse: refused)
            if text.utf8.count > AttachmentText.maxTextBytes { break }
        }
        return text
    }

    func refused(_ reason: String) -> PubsyncError {
        PubsyncError(.input, "refused: \(reason)")
    }
}

/// The character data of an Office XML part: tags dropped, the predefined and numeric entities
/// decoded, a line break after each paragraph, row and shared string, a tab after each cell.
enum XMLText {
    /// Closing tags (local names) that end a line or a cell.
    static let lineEnds: Set<String> = ["p", "tr", "row", "si", "br", "cr"]
    static let cellEnds: Set<String> = ["c", "tc", "tab"]

    static func text(of xml: Data, part: String, refuse: (String) -> PubsyncError) throws -> String {
        let bytes = [UInt8](xml)
        var out = [UInt8]()
        out.reserveCapacity(bytes.count / 4)
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "<") {
                guard let close = bytes[index...].firstIndex(of: UInt8(ascii: ">")) else { break }
                let tag = bytes[(index + 1)..<close]
                if tag.first == UInt8(ascii: "!") {
                    let upper = String(decoding: tag.prefix(8), as: UTF8.self).uppercased()
                    if upper.hasPrefix("!DOCTYPE") || upper.hasPrefix("!ENTITY") {
                        throw refuse("its part \(part) declares a DOCTYPE or ENTITY (an XML entity expansion trick?)")
                    }
                }
                let isClosing = tag.first == UInt8(ascii: "/")
                let isEmpty = tag.last == UInt8(ascii: "/")
                if isClosing || isEmpty {
                    let name = localName(isClosing ? tag.dropFirst() : tag)
                    if lineEnds.contains(name) { out.append(0x0A) } else if cellEnds.contains(name) { out.append(0x09) }
                }
                index = close + 1
            } else if byte == UInt8(ascii: "&") {
                let end = bytes[index...].prefix(12).firstIndex(of: UInt8(ascii: ";"))
                if let end, let decoded = entity(bytes[(index + 1)..<end]) {
                    out.append(contentsOf: decoded)
                    index = end + 1
                } else {
                    out.append(byte)
                    index += 1
                }
            } else {
                out.append(byte)
                index += 1
            }
        }
        out.append(0x0A)
        return String(decoding: out, as: UTF8.self)
    }

    /// The tag's name without its prefix and attributes (`w:p` → `p`).
    static func localName(_ tag: ArraySlice<UInt8>) -> String {
        let name = tag.prefix { $0 != 0x20 && $0 != 0x09 && $0 != 0x0A && $0 != 0x0D && $0 != UInt8(ascii: "/") }
        let local = name.lastIndex(of: UInt8(ascii: ":")).map { name[($0 + 1)...] } ?? name
        return String(decoding: local, as: UTF8.self)
    }

    static func entity(_ name: ArraySlice<UInt8>) -> [UInt8]? {
        switch String(decoding: name, as: UTF8.self) {
        case "amp": return [UInt8(ascii: "&")]
        case "lt": return [UInt8(ascii: "<")]
        case "gt": return [UInt8(ascii: ">")]
        case "quot": return [UInt8(ascii: "\"")]
        case "apos": return [UInt8(ascii: "'")]
        case let text where text.hasPrefix("#"):
            let digits = text.dropFirst()
            let value = digits.hasPrefix("x") ? UInt32(digits.dropFirst(), radix: 16) : UInt32(digits)
            guard let value, let scalar = Unicode.Scalar(value) else { return nil }
            return Array(String(Character(scalar)).utf8)
        default: return nil
        }
    }
}
