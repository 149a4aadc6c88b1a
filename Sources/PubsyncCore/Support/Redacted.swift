import Foundation

/// Values shown in messages without what must not be shown: credentials in URLs, terminal
/// control characters, unbounded lengths.
public enum Redacted {
    /// `url` with any `user:password@` part replaced by `***@` (also when the URL does not parse),
    /// control characters escaped and the length bounded.
    public static func url(_ url: String) -> String {
        var text = url
        if let schemeEnd = text.range(of: "://") {
            let rest = text[schemeEnd.upperBound...]
            let authorityEnd = rest.firstIndex { $0 == "/" || $0 == "?" || $0 == "#" } ?? rest.endIndex
            if let at = rest[..<authorityEnd].lastIndex(of: "@") {
                text.replaceSubrange(schemeEnd.upperBound..<text.index(after: at), with: "***@")
            }
        }
        return excerpt(text, limit: 300)
    }

    /// `text` with C0/C1 control characters (ESC, BEL, CR, …) written as `\u{..}` and cut at `limit` characters.
    public static func excerpt(_ text: String, limit: Int = 140) -> String {
        var out = ""
        var count = 0
        for scalar in text.unicodeScalars {
            if count == limit { return out + "…" }
            count += 1
            if isControl(scalar) {
                out += "\\u{\(String(scalar.value, radix: 16))}"
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// `text` with every control character (see `isControl`) written as `\u{..}`, so text from
    /// items, files or a portal cannot move the cursor, recolour or clear a terminal; line
    /// breaks (LF) and tabs are kept when `keepingLineBreaks`.
    public static func controlsEscaped(_ text: String, keepingLineBreaks: Bool = false) -> String {
        guard text.unicodeScalars.contains(where: { isControl($0) && !(keepingLineBreaks && ($0 == "\n" || $0 == "\t")) }) else { return text }
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if isControl(scalar) && !(keepingLineBreaks && (scalar == "\n" || scalar == "\t")) {
                out.append(contentsOf: "\\u{\(String(scalar.value, radix: 16))}".unicodeScalars)
            } else {
                out.append(scalar)
            }
        }
        return String(out)
    }

    /// Whether a scalar would act on a terminal rather than print: C0, DEL, C1, and the bidi overrides.
    public static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        return value < 0x20 || (0x7F...0x9F).contains(value) || (0x202A...0x202E).contains(value) || (0x2066...0x2069).contains(value)
    }
}
