/// Escaping for HTML and XML text, once for every channel and report.
public enum Markup {
    /// `text` escaped for HTML or XML element content and quoted attribute values:
    /// `&`, `<`, `>`, `"` and `'` become references; everything else is kept.
    public static func escape<S: StringProtocol>(_ text: S) -> String {
        guard text.utf8.contains(where: { $0 == 38 || $0 == 60 || $0 == 62 || $0 == 34 || $0 == 39 }) else { return String(text) }
        var out = ""
        out.reserveCapacity(text.utf8.count + 16)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// The inverse of `escape`: the five references it writes become their characters again
    /// (any other `&` is left as it is).
    public static func unescape(_ text: String) -> String {
        guard text.contains("&") else { return text }
        var out = ""
        out.reserveCapacity(text.utf8.count)
        var rest = Substring(text)
        while let amp = rest.firstIndex(of: "&") {
            out += rest[..<amp]
            rest = rest[amp...]
            if let (reference, character) = references.first(where: { rest.hasPrefix($0.0) }) {
                out.append(character)
                rest = rest.dropFirst(reference.count)
            } else {
                out.append("&")
                rest = rest.dropFirst()
            }
        }
        return out + rest
    }

    private static let references: [(String, Character)] = [
        ("&amp;", "&"), ("&lt;", "<"), ("&gt;", ">"), ("&quot;", "\""), ("&#39;", "'"),
    ]

    /// Whether XML 1.0 allows the scalar (`Char` production): tab, LF, CR, U+0020–U+D7FF,
    /// U+E000–U+FFFD, U+10000–U+10FFFF. Lone surrogates cannot occur in a Swift `String`
    /// (decoding replaces them with U+FFFD), so only the others need dropping.
    public static func isXMLChar(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x9, 0xA, 0xD: return true
        case 0x20...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: return true
        default: return false
        }
    }

    /// The text without the characters XML 1.0 forbids (libxml2 would write them through).
    public static func xmlSafe(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { !isXMLChar($0) }) else { return text }
        var scalars = String.UnicodeScalarView()
        scalars.append(contentsOf: text.unicodeScalars.lazy.filter(isXMLChar))
        return String(scalars)
    }
}
