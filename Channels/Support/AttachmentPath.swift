import Foundation
import PubsyncCore

/// Where an attachment lives on the bureau website: `files/{sha256}/{safe name}`, relative to
/// the site's root. The site writes it there and the feeds link to it, so the rule is here once.
public enum AttachmentPath {
    /// The folder of all attachment files on the site.
    public static let folder = "files"

    /// The most UTF-8 bytes a safe name has (the extension is kept whole).
    static let maxNameBytes = 150

    /// The site path of `attachment`: `files/{sha256}/{safe name}`.
    public static func relative(_ attachment: Attachment) -> String {
        "\(folder)/\(attachment.sha256)/\(safeName(attachment.name))"
    }

    /// The site path percent-encoded for a URL (UTF-8), to append to the site's base URL.
    public static func urlPath(_ attachment: Attachment) -> String {
        relative(attachment).split(separator: "/").map { part in
            String(part).addingPercentEncoding(withAllowedCharacters: unreserved) ?? String(part)
        }.joined(separator: "/")
    }

    private static let unreserved = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~")

    /// The file name made safe for any file system and URL, keeping what people read: letters
    /// and digits of every script, `-`, `_` and `.`; anything else (spaces, slashes, brackets,
    /// control and format characters) becomes `_`, runs of `_` become one, no leading `.` or `_`,
    /// at most `maxNameBytes` bytes with the extension kept. “2014年部门预算（草案）.pdf” →
    /// “2014年部门预算_草案_.pdf”; a name with nothing left becomes `file` + its extension.
    public static func safeName(_ name: String) -> String {
        var out = ""
        for scalar in name.precomposedStringWithCanonicalMapping.unicodeScalars {
            if isKept(scalar) {
                out.unicodeScalars.append(scalar)
            } else if !out.hasSuffix("_") {
                out += "_"
            }
        }
        // The extension: a last `.` followed by 1 to 10 ASCII letters and digits.
        var stem = out
        var ext = ""
        if let dot = out.lastIndex(of: ".") {
            let candidate = out[out.index(after: dot)...]
            if (1...10).contains(candidate.utf8.count), candidate.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) {
                stem = String(out[..<dot])
                ext = "." + candidate
            }
        }
        while let first = stem.first, first == "." || first == "_" { stem.removeFirst() }
        while stem.utf8.count + ext.utf8.count > maxNameBytes { stem.removeLast() }
        while stem.hasSuffix(".") { stem.removeLast() }
        if stem.isEmpty || stem.allSatisfy({ $0 == "_" || $0 == "-" }) { stem = "file" }
        return stem + ext
    }

    /// A character a safe name keeps: ASCII letters, digits, `-`, `_`, `.`, and letters or
    /// digits (Unicode categories L and Nd) of other scripts.
    public static func isKept(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.isASCII {
            let b = UInt8(scalar.value)
            return (b >= 97 && b <= 122) || (b >= 65 && b <= 90) || (b >= 48 && b <= 57) || b == 45 || b == 46 || b == 95
        }
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter, .decimalNumber:
            return true
        default:
            return false
        }
    }
}
