import PubsyncCore

/// The one pass every channel runs over rendered HTML, so only inert markup is left.
///
/// It re-reads every tag and keeps only the elements, attributes and URL schemes of ONE
/// allow-list (`HTMLPolicy`); attribute values are re-written escaped. Elements whose content
/// is code or a foreign document (`script`, `style`, `svg`, `math`, `iframe`, …) are dropped
/// with everything inside them; any other element not on the list loses its tags and keeps its
/// text. Links and images need an http(s), mailto or relative URL; `target="_blank"` gets
/// `rel="noopener noreferrer"`. Text keeps its known entities; stray `<`, `>` and `&` are
/// escaped and control characters HTML forbids are dropped. Comments are dropped.
public struct HTMLSanitizer: Sendable {
    /// Creates the sanitiser.
    public init() {}

    /// Returns `html` with only inert markup left.
    public func clean(_ html: String) -> String {
        let bytes = Array(html.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + bytes.count / 8)
        var i = 0
        while i < bytes.count {
            let byte = bytes[i]
            if byte == UInt8(ascii: "<") {
                if let end = Self.commentEnd(bytes, i) {
                    i = end
                } else if let tag = Tag.parse(bytes, at: i) {
                    if !tag.closing, !tag.selfClosing, HTMLPolicy.droppedWithContent.contains(tag.name) {
                        i = Self.endOfElement(tag.name, in: bytes, from: tag.end)
                    } else {
                        emit(tag, into: &out)
                        i = tag.end
                    }
                } else {
                    out += Array("&lt;".utf8)
                    i += 1
                }
            } else {
                i = Self.copyText(bytes, i, into: &out)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The index after the `</name>` that closes an element opened just before `start`
    /// (nested elements of the same name counted); the end of the input when it never closes,
    /// so an unclosed `<svg>` takes the rest of the body with it rather than letting it through.
    private static func endOfElement(_ name: String, in bytes: [UInt8], from start: Int) -> Int {
        var depth = 1
        var i = start
        while i < bytes.count {
            if bytes[i] == UInt8(ascii: "<"), let tag = Tag.parse(bytes, at: i) {
                if tag.name == name {
                    if tag.closing { depth -= 1 } else if !tag.selfClosing { depth += 1 }
                    if depth == 0 { return tag.end }
                }
                i = tag.end
            } else {
                i += 1
            }
        }
        return bytes.count
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

    private func emit(_ tag: Tag, into out: inout [UInt8]) {
        guard let allowed = HTMLPolicy.attributes[tag.name] else { return }  // not on the list: tag dropped, text kept
        if tag.closing {
            if !HTMLPolicy.voidElements.contains(tag.name) { out += Array("</\(tag.name)>".utf8) }
            return
        }
        var attributes: [(String, String)] = []
        var opensNewWindow = false
        for (name, value) in tag.attributes where allowed.contains(name) || HTMLPolicy.globalAttributes.contains(name) {
            let decoded = Self.decodeEntities(value)
            if HTMLPolicy.urlAttributes.contains(name) && !Self.isSafeURL(decoded) {
                if tag.name == "img" { return }  // an image with a bad source is dropped
                continue
            }
            guard let kept = HTMLPolicy.check(name, decoded) else { continue }
            if name == "target" && kept == "_blank" { opensNewWindow = true }
            // `align` is obsolete in HTML5: a fixed, checked style the sanitiser writes itself
            // (an author's own `style` attribute is never kept).
            attributes.append(name == "align" ? ("style", "text-align:\(kept)") : (name, kept))
        }
        if opensNewWindow { attributes.append(("rel", "noopener noreferrer")) }
        if tag.name == "img" {
            guard attributes.contains(where: { $0.0 == "src" }) else { return }
            if !attributes.contains(where: { $0.0 == "alt" }) { attributes.append(("alt", "")) }
        }
        var text = "<" + tag.name
        for (name, value) in attributes {
            text += " " + name + "=\"" + Markup.escape(value) + "\""
        }
        text += ">"
        if tag.selfClosing && !HTMLPolicy.voidElements.contains(tag.name) { text += "</\(tag.name)>" }
        out += Array(text.utf8)
    }

    private static func commentEnd(_ bytes: [UInt8], _ i: Int) -> Int? {
        guard i + 3 < bytes.count, bytes[i + 1] == UInt8(ascii: "!"), bytes[i + 2] == UInt8(ascii: "-"), bytes[i + 3] == UInt8(ascii: "-") else { return nil }
        var j = i + 4
        while j + 2 < bytes.count {
            if bytes[j] == UInt8(ascii: "-"), bytes[j + 1] == UInt8(ascii: "-"), bytes[j + 2] == UInt8(ascii: ">") { return j + 3 }
            j += 1
        }
        return nil
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
                // Past U+10FFFF no digit makes a character: the value stops growing (ten decimal
                // or nine hex digits overflowed UInt32, a crash found by Scripts/fuzz).
                value = min(value * (hex ? 16 : 10) + UInt32(digit), 0x110000)
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
              HTMLPolicy.namedEntities[String(decoding: bytes[start..<j], as: UTF8.self)] != nil else { return nil }
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
    public static func decodeEntities(_ value: String) -> String {
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
                    out += HTMLPolicy.namedEntities[body] ?? ""
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
    public static func isSafeURL(_ value: String) -> Bool {
        var scheme = ""
        for scalar in value.unicodeScalars {
            if scalar.value <= 0x20 || scalar.value == 0x7F { continue }
            if scalar == ":" { return HTMLPolicy.safeSchemes.contains(scheme.lowercased()) }
            if scalar == "/" || scalar == "?" || scalar == "#" { return true }
            let v = scalar.value
            let schemeChar = (v >= 97 && v <= 122) || (v >= 65 && v <= 90) || (v >= 48 && v <= 57) || v == 43 || v == 45 || v == 46
            if !schemeChar { return true }  // cannot be a scheme: a relative path
            scheme.unicodeScalars.append(scalar)
        }
        return true
    }


    /// `value` without the control characters HTML forbids (tab, LF and CR are kept).
    public static func stripControls(_ value: String) -> String {
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
