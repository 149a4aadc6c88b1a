import Foundation

/// The file types an attachment may have, told by extension AND by the first bytes of the file.
public enum AttachmentKind: String, Sendable, CaseIterable {
    case pdf, ofd, doc, docx, xls, xlsx, wps, et, csv, txt, jpg, png, zip

    /// The kind a file name's extension names (`jpeg` is `jpg`); nil for any other extension.
    public init?(fileName: String) {
        let ext = (fileName as NSString).pathExtension.lowercased()
        if ext == "jpeg" { self = .jpg; return }
        self.init(rawValue: ext)
    }

    /// The kind of a media type as `mediaType` gives it.
    public init?(mediaType: String) {
        guard let kind = Self.allCases.first(where: { $0.mediaType == mediaType }) else { return nil }
        self = kind
    }

    /// The extensions accepted, for messages.
    public static var extensionList: String { allCases.map(\.rawValue).joined(separator: ", ") }

    /// The media type channels serve it with.
    public var mediaType: String {
        switch self {
        case .pdf: return "application/pdf"
        case .ofd: return "application/ofd"
        case .doc: return "application/msword"
        case .docx: return "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        case .xls: return "application/vnd.ms-excel"
        case .xlsx: return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        case .wps: return "application/vnd.ms-works"
        case .et: return "application/vnd.kingsoft.et"
        case .csv: return "text/csv"
        case .txt: return "text/plain"
        case .jpg: return "image/jpeg"
        case .png: return "image/png"
        case .zip: return "application/zip"
        }
    }

    /// The short type name pages show (“PDF”).
    public var label: String { rawValue.uppercased() }

    /// What the file should be, for messages (“a PDF file”).
    var expectation: String {
        switch self {
        case .doc, .xls, .wps, .et: return "a \(label) file (an OLE2 compound document)"
        case .docx, .xlsx, .ofd, .zip: return "a \(label) file (a ZIP container)"
        case .csv, .txt: return "a \(label) text file (no NUL bytes)"
        default: return "a \(label) file"
        }
    }

    /// Whether `head` (the file's first bytes, up to 64 KiB; the whole file when shorter) looks
    /// like this kind. An empty file is no kind at all.
    public func matches(head: some Collection<UInt8>) -> Bool {
        let bytes = Array(head.prefix(Self.headLength))
        guard !bytes.isEmpty else { return false }
        switch self {
        case .pdf: return Self.find(Array("%PDF-".utf8), in: bytes.prefix(1024))
        case .docx, .xlsx, .ofd: return Self.isZIP(bytes)
        case .zip: return Self.isZIP(bytes) || bytes.starts(with: [0x50, 0x4B, 0x05, 0x06])
        case .doc, .xls: return Self.isOLE(bytes)
        // WPS Office writes its own formats as OLE documents, newer versions also as ZIP containers.
        case .wps, .et: return Self.isOLE(bytes) || Self.isZIP(bytes)
        case .jpg: return bytes.starts(with: [0xFF, 0xD8, 0xFF])
        case .png: return bytes.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        case .csv, .txt: return !bytes.contains(0) && !Self.isZIP(bytes) && !Self.isOLE(bytes) && !bytes.starts(with: Array("%PDF-".utf8))
        }
    }

    /// How many leading bytes `matches(head:)` looks at.
    public static let headLength = 64 * 1024

    /// What `head` seems to be instead, for a refusal message (“it looks like HTML”).
    public static func guess(head: some Collection<UInt8>) -> String {
        let bytes = Array(head.prefix(headLength))
        if bytes.isEmpty { return "the file is empty" }
        if let kind = ([.pdf, .png, .jpg, .zip, .doc] as [AttachmentKind]).first(where: { $0.matches(head: bytes) }) {
            switch kind {
            case .zip: return "it is a ZIP container"
            case .doc: return "it is an OLE2 compound document"
            default: return "it looks like \(kind.label)"
            }
        }
        let text = String(decoding: bytes.prefix(1024), as: UTF8.self).lowercased()
        let start = text.drop { $0.isWhitespace || $0 == "\u{FEFF}" }
        if start.hasPrefix("<!doctype html") || start.hasPrefix("<html") || text.contains("<html") || text.contains("<body") {
            return "it looks like HTML"
        }
        if start.hasPrefix("<?xml") || start.hasPrefix("<") { return "it looks like XML or HTML" }
        if !bytes.contains(0) { return "it looks like plain text" }
        return "its first bytes match none of the accepted types"
    }

    private static func isZIP(_ bytes: [UInt8]) -> Bool { bytes.starts(with: [0x50, 0x4B, 0x03, 0x04]) }
    private static func isOLE(_ bytes: [UInt8]) -> Bool { bytes.starts(with: [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) }

    private static func find(_ needle: [UInt8], in haystack: ArraySlice<UInt8>) -> Bool {
        guard haystack.count >= needle.count else { return false }
        var index = haystack.startIndex
        while index + needle.count <= haystack.endIndex {
            if haystack[index..<index + needle.count].elementsEqual(needle) { return true }
            index += 1
        }
        return false
    }
}
