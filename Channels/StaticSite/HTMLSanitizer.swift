/// A pass over Ink's HTML output that leaves only inert markup.
///
/// Ink writes link and image URLs (and alt text) into attributes without escaping them, and
/// passes raw HTML through. This pass re-reads every tag, keeps only known tags and
/// attributes (strict mode) or everything but scripts and event handlers (raw mode), drops
/// links and images whose URL has a scheme other than http(s), mailto, tel or ftp, and
/// re-writes attribute values escaped. Text keeps its entities; stray `<`, `>` and `&` are
/// escaped and control characters HTML forbids are dropped.
struct HTMLSanitizer: Sendable {
    /// Whether raw HTML from the author is kept (the channel's `allow_raw_html`).
    var allowRaw: Bool

    private static let strictAttributes: [String: Set<String>] = [
        "p": [], "br": [], "hr": [], "h1": [], "h2": [], "h3": [], "h4": [], "h5": [], "h6": [],
        "em": [], "strong": [], "s": [], "del": [], "code": ["class"], "pre": [], "blockquote": [],
        "ul": [], "ol": ["start"], "li": [], "a": ["href", "title"], "img": ["src", "alt", "title"],
        "table": [], "thead": [], "tbody": [], "tr": [], "th": ["align"], "td": ["align"],
    ]
    private static let voidElements: Set<String> = ["br", "hr", "img", "input", "meta", "link", "wbr", "source", "area", "col", "embed", "track", "param"]
    private static let blockedInRaw: Set<String> = ["script", "iframe", "object", "embed", "frame", "frameset", "base", "meta", "link"]
    private static let urlAttributes: Set<String> = ["href", "src", "action", "formaction", "xlink:href", "poster", "background", "cite", "longdesc", "data", "srcset", "ping"]
    private static let safeSchemes: Set<String> = ["http", "https", "mailto", "tel", "ftp"]
    private static let namedEntities: [String: String] = [
        "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": "\u{A0}", "copy": "©", "reg": "®",
        "colon": ":", "Tab": "\t", "NewLine": "\n", "lpar": "(", "rpar": ")", "sol": "/",
        "mdash": "—", "ndash": "–", "hellip": "…", "middot": "·", "times": "×", "ldquo": "“", "rdquo": "”",
        "lsquo": "‘", "rsquo": "’", "laquo": "«", "raquo": "»", "yen": "¥", "deg": "°", "trade": "™",
    ]

    /// Returns `html` with only inert markup left.
    func clean(_ html: String) -> String {
        let bytes = Array(html.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + bytes.count / 8)
        var i = 0
        while i < bytes.count {
            let byte = bytes[i]
            switch byte {
            case UInt8(ascii: "<"):
                if allowRaw, let end = commentEnd(bytes, i) {
                    out += bytes[i..<end]
                    i = end
                } else if let tag = Tag.parse(bytes, at: i) {
                    emit(tag, raw: bytes[i..<tag.end], into: &out)
                    i = tag.end
                } else {
                    out += Array("&lt;".utf8)
                    i += 1
                }
            default:
                i = Self.copyText(bytes, i, into: &out)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Copies one text byte (or entity) escaped; returns the next index.
    private static func copyText(_ bytes: [UInt8], _ i: Int, into out: inout [UInt8]) -> Int {
        let byte = bytes[i]
        switch byte {
        case UInt8(ascii: ">"): out += Array("&gt;".utf8)
        case UInt8(ascii: "<"): out += Array("&lt;".utf8)
        case UInt8(ascii: "&"):
            if let end = entityEnd(bytes, i) {
                out += bytes[i..<end]
                return end
            }
            out += Array("&amp;".utf8)
        case 9, 10, 13: out.append(byte)
        case 0..<32, 127: break  // control characters are not allowed in HTML text
        default: out.append(byte)
        }
        return i + 1
    }

    private func emit(_ tag: Tag, raw: ArraySlice<UInt8>, into out: inout [UInt8]) {
        let allowed: Set<String>?
        if allowRaw {
            allowed = Self.blockedInRaw.contains(tag.name) ? nil : []
        } else {
            allowed = Self.strictAttributes[tag.name]
        }
        guard let allowed else {
            // Not a tag we keep: show it as text.
            let bytes = Array(raw)
            var j = 0
            while j < bytes.count { j = Self.copyText(bytes, j, into: &out) }
            return
        }
        if tag.closing {
            out += Array("</\(tag.name)>".utf8)
            return
        }
        var attributes: [(String, String)] = []
        var hasAlt = false
        for (name, value) in tag.attributes {
            let decoded = Self.decodeEntities(value)
            if !allowRaw && !allowed.contains(name) { continue }
            if name.hasPrefix("on") { continue }
            if Self.urlAttributes.contains(name) && !Self.isSafeURL(decoded) {
                if tag.name == "img" && name == "src" { return }  // an image with a bad source is dropped
                continue
            }
            switch (allowRaw, name) {
            case (false, "align"):
                guard ["left", "center", "right"].contains(decoded) else { continue }
                attributes.append(("style", "text-align:\(decoded)"))  // `align` is obsolete in HTML5
            case (false, "start"):
                guard !decoded.isEmpty, decoded.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }), decoded.count < 10 else { continue }
                attributes.append((name, decoded))
            case (false, "class"):
                guard decoded.hasPrefix("language-"), decoded.count < 64,
                      decoded.utf8.allSatisfy({ Self.isLanguageByte($0) }) else { continue }
                attributes.append((name, decoded))
            default:
                if name == "alt" { hasAlt = true }
                attributes.append((name, Self.stripControls(decoded)))
            }
        }
        if tag.name == "img" {
            guard attributes.contains(where: { $0.0 == "src" }) else { return }
            if !hasAlt { attributes.append(("alt", "")) }
        }
        var text = "<" + tag.name
        for (name, value) in attributes {
            text += " " + name + "=\"" + Self.escapeAttribute(value) + "\""
        }
        text += ">"
        if tag.selfClosing && !Self.voidElements.contains(tag.name) { text += "</\(tag.name)>" }
        out += Array(text.utf8)
    }

    private func commentEnd(_ bytes: [UInt8], _ i: Int) -> Int? {
        guard i + 3 < bytes.count, bytes[i + 1] == UInt8(ascii: "!"), bytes[i + 2] == UInt8(ascii: "-"), bytes[i + 3] == UInt8(ascii: "-") else { return nil }
        var j = i + 4
        while j + 2 < bytes.count {
            if bytes[j] == UInt8(ascii: "-"), bytes[j + 1] == UInt8(ascii: "-"), bytes[j + 2] == UInt8(ascii: ">") { return j + 3 }
            j += 1
        }
        return nil
    }

    private static func isLanguageByte(_ b: UInt8) -> Bool {
        (b >= 97 && b <= 122) || (b >= 65 && b <= 90) || (b >= 48 && b <= 57) || b == 45 || b == 95 || b == 43 || b == 46
    }

    /// The end of a character reference HTML knows (`&amp;`, `&#20013;`, `&#x4E2D;`), or nil.
    private static func entityEnd(_ bytes: [UInt8], _ i: Int) -> Int? {
        var j = i + 1
        let limit = min(bytes.count, i + 12)
        if j < limit, bytes[j] == UInt8(ascii: "#") {
            j += 1
            var hex = false
            if j < limit, bytes[j] == UInt8(ascii: "x") || bytes[j] == UInt8(ascii: "X") { hex = true; j += 1 }
            var value: UInt32 = 0
            let start = j
            while j < limit, let digit = hexValue(bytes[j]), hex || digit < 10 {
                value = value * (hex ? 16 : 10) + UInt32(digit)
                j += 1
            }
            guard j > start, j < limit, bytes[j] == UInt8(ascii: ";") else { return nil }
            guard value == 9 || value == 10 || value == 13 || (value >= 32 && value != 127 && !(0x80...0x9F).contains(value)),
                  Unicode.Scalar(value) != nil else { return nil }
            return j + 1
        }
        let start = j
        while j < limit, (bytes[j] >= 97 && bytes[j] <= 122) || (bytes[j] >= 65 && bytes[j] <= 90) { j += 1 }
        guard j > start, j < limit, bytes[j] == UInt8(ascii: ";"),
              namedEntities[String(decoding: bytes[start..<j], as: UTF8.self)] != nil else { return nil }
        return j + 1
    }

    private static func hexValue(_ b: UInt8) -> UInt8? {
        switch b {
        case 48...57: return b - 48
        case 97...102: return b - 87
        case 65...70: return b - 55
        default: return nil
        }
    }

    /// Decodes the character references a browser would decode in an attribute value (those
    /// this pass knows; others stay literal and are escaped again on output, so what the
    /// browser sees is exactly the value checked here).
    static func decodeEntities(_ value: String) -> String {
        guard value.contains("&") else { return value }
        let bytes = Array(value.utf8)
        var out = ""
        var i = 0
        var plainStart = 0
        while i < bytes.count {
            if bytes[i] == UInt8(ascii: "&"), let end = entityEnd(bytes, i) {
                out += String(decoding: bytes[plainStart..<i], as: UTF8.self)
                let body = String(decoding: bytes[(i + 1)..<(end - 1)], as: UTF8.self)
                if body.hasPrefix("#") {
                    let digits = body.dropFirst()
                    let value = digits.first == "x" || digits.first == "X" ? UInt32(digits.dropFirst(), radix: 16) : UInt32(digits)
                    if let value, let scalar = Unicode.Scalar(value) { out.unicodeScalars.append(scalar) }
                } else {
                    out += namedEntities[body] ?? ""
                }
                i = end
                plainStart = i
            } else {
                i += 1
            }
        }
        out += String(decoding: bytes[plainStart...], as: UTF8.self)
        return out
    }

    /// Whether a URL is safe to link to: relative, or with an allowed scheme. Browsers ignore
    /// whitespace and control characters inside a scheme, so they are ignored here too.
    static func isSafeURL(_ value: String) -> Bool {
        var scheme = ""
        for scalar in value.unicodeScalars {
            if scalar.value <= 0x20 || scalar.value == 0x7F { continue }
            if scalar == ":" { return safeSchemes.contains(scheme.lowercased()) }
            if scalar == "/" || scalar == "?" || scalar == "#" { return true }
            let v = scalar.value
            let schemeChar = (v >= 97 && v <= 122) || (v >= 65 && v <= 90) || (v >= 48 && v <= 57) || v == 43 || v == 45 || v == 46
            if !schemeChar { return true }  // cannot be a scheme: a relative path
            scheme.unicodeScalars.append(scalar)
        }
        return true
    }

    static func escapeAttribute(_ value: String) -> String {
        var out = ""
        out.reserveCapacity(value.utf8.count)
        for scalar in value.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "\"": out += "&quot;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    static func stripControls(_ value: String) -> String {
        guard value.unicodeScalars.contains(where: { ($0.value < 32 && $0.value != 9 && $0.value != 10 && $0.value != 13) || $0.value == 127 }) else { return value }
        return String(String.UnicodeScalarView(value.unicodeScalars.filter { !(($0.value < 32 && $0.value != 9 && $0.value != 10 && $0.value != 13) || $0.value == 127) }))
    }
}

/// One tag as read from HTML: name (lowercased), attributes in order, where it ends.
private struct Tag {
    var name: String
    var closing: Bool
    var selfClosing: Bool
    var attributes: [(String, String)]
    var end: Int

    static func isSpace(_ b: UInt8) -> Bool { b == 32 || b == 9 || b == 10 || b == 13 || b == 12 }

    /// Reads a tag starting at `<`; nil when the text there is not a well-formed tag.
    static func parse(_ b: [UInt8], at start: Int) -> Tag? {
        var j = start + 1
        guard j < b.count else { return nil }
        var closing = false
        if b[j] == UInt8(ascii: "/") { closing = true; j += 1 }
        let nameStart = j
        guard j < b.count, (b[j] >= 97 && b[j] <= 122) || (b[j] >= 65 && b[j] <= 90) else { return nil }
        while j < b.count, (b[j] >= 97 && b[j] <= 122) || (b[j] >= 65 && b[j] <= 90) || (b[j] >= 48 && b[j] <= 57) { j += 1 }
        let name = String(decoding: b[nameStart..<j], as: UTF8.self).lowercased()
        var attributes: [(String, String)] = []
        var selfClosing = false
        while j < b.count {
            let c = b[j]
            if isSpace(c) { j += 1; continue }
            if c == UInt8(ascii: ">") { return Tag(name: name, closing: closing, selfClosing: selfClosing, attributes: attributes, end: j + 1) }
            if c == UInt8(ascii: "/") { selfClosing = true; j += 1; continue }
            selfClosing = false
            if c == UInt8(ascii: "<") { return nil }
            let attrStart = j
            j += 1
            while j < b.count, !isSpace(b[j]), b[j] != UInt8(ascii: "/"), b[j] != UInt8(ascii: ">"), b[j] != UInt8(ascii: "=") { j += 1 }
            let attrName = String(decoding: b[attrStart..<j], as: UTF8.self).lowercased()
            while j < b.count, isSpace(b[j]) { j += 1 }
            var value = ""
            if j < b.count, b[j] == UInt8(ascii: "=") {
                j += 1
                while j < b.count, isSpace(b[j]) { j += 1 }
                guard j < b.count else { return nil }
                if b[j] == UInt8(ascii: "\"") || b[j] == UInt8(ascii: "'") {
                    let quote = b[j]
                    j += 1
                    let valueStart = j
                    while j < b.count, b[j] != quote { j += 1 }
                    guard j < b.count else { return nil }
                    value = String(decoding: b[valueStart..<j], as: UTF8.self)
                    j += 1
                } else {
                    let valueStart = j
                    while j < b.count, !isSpace(b[j]), b[j] != UInt8(ascii: ">") { j += 1 }
                    value = String(decoding: b[valueStart..<j], as: UTF8.self)
                }
            }
            if !attributes.contains(where: { $0.0 == attrName }) { attributes.append((attrName, value)) }
        }
        return nil
    }
}
