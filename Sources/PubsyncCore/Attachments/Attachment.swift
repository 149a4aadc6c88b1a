import Foundation

/// A file published with a revision: stored once by its SHA-256, named and titled per revision.
public struct Attachment: Sendable, Hashable, Codable {
    /// Lower-case hex SHA-256 of the bytes: the file's address in the store and on every channel.
    public var sha256: String
    /// The file name as imported (its last path component).
    public var name: String
    /// The title shown for it (the name without its extension when the input gives none).
    public var title: String
    /// Size in bytes.
    public var size: Int
    /// The media type of its kind, e.g. `application/pdf`.
    public var mediaType: String

    /// Creates an attachment.
    public init(sha256: String, name: String, title: String, size: Int, mediaType: String) {
        self.sha256 = sha256
        self.name = name
        self.title = title
        self.size = size
        self.mediaType = mediaType
    }

    /// The kind its media type stands for.
    public var kind: AttachmentKind? { AttachmentKind(mediaType: mediaType) }

    /// The link text pages show: “2014年部门预算.pdf（PDF，1.2 MB）”.
    public var displayLabel: String {
        "\(name)（\(kind?.label ?? "文件")，\(Self.displaySize(size))）"
    }

    /// A size for people: bytes below 1 KB, then KB, MB and GB with one decimal (1 KB = 1024 bytes).
    public static func displaySize(_ bytes: Int) -> String {
        if bytes < 1024 { return "\(bytes) 字节" }
        let units = ["KB", "MB", "GB"]
        var value = Double(bytes) / 1024
        var unit = 0
        while value >= 1024 && unit < units.count - 1 {
            value /= 1024
            unit += 1
        }
        let tenths = Int((value * 10).rounded())
        return "\(tenths / 10).\(tenths % 10) \(units[unit])"
    }

    /// Whether `text` is a well-formed address (64 lower-case hex digits).
    public static func isValidSHA256(_ text: String) -> Bool {
        text.utf8.count == 64 && text.utf8.allSatisfy { ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x61 && $0 <= 0x66) }
    }
}

/// An `attachments:` entry as written in an import file, before the file is read.
public struct AttachmentReference: Sendable, Hashable {
    /// The path as written (relative to the item file's folder, or absolute).
    public var file: String
    /// The title given, if any.
    public var title: String?

    /// Creates a reference.
    public init(file: String, title: String? = nil) {
        self.file = file
        self.title = title
    }
}
