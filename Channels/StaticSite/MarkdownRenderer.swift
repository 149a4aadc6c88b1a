import Foundation
import Ink

/// Markdown → safe HTML: Ink, then `HTMLSanitizer`.
struct MarkdownRenderer: Sendable {
    /// Whether raw HTML in the Markdown is kept (`allow_raw_html`).
    var allowRawHTML: Bool

    // While Ink reads the text, U+E000 (a private-use character, UTF-8 EE 80 80) stands
    // for `<`, so Ink never sees (and never passes through) an HTML tag; it becomes `&lt;`
    // afterwards, which is also what Ink writes for `<` inside code.

    /// Renders a Markdown body to HTML in which every tag and attribute is known and inert.
    func html(from markdown: String) -> String {
        var source = markdown
        if !allowRawHTML || markdown.utf8.contains(13) { source = Self.prepare(markdown, hideTags: !allowRawHTML) }
        var html = MarkdownParser().html(from: source)
        if !allowRawHTML { html = Self.restoreLessThan(html) }
        return HTMLSanitizer(allowRaw: allowRawHTML).clean(html)
    }

    /// `\r\n` → `\n`; with `hideTags`, `<` → the stand-in (and any stand-in already there
    /// dropped). Works on UTF-8 bytes: Foundation's `replacingOccurrences` is slow on Linux.
    static func prepare(_ text: String, hideTags: Bool) -> String {
        let bytes = Array(text.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + 64)
        var i = 0
        while i < bytes.count {
            let byte = bytes[i]
            if byte == 13, i + 1 < bytes.count, bytes[i + 1] == 10 {
                i += 1
                continue
            }
            if hideTags {
                if byte == 0xEE, i + 2 < bytes.count, bytes[i + 1] == 0x80, bytes[i + 2] == 0x80 {
                    i += 3
                    continue
                }
                if byte == UInt8(ascii: "<") {
                    out += [0xEE, 0x80, 0x80]
                    i += 1
                    continue
                }
            }
            out.append(byte)
            i += 1
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The stand-in → `&lt;`.
    static func restoreLessThan(_ html: String) -> String {
        let bytes = Array(html.utf8)
        guard bytes.contains(0xEE) else { return html }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + 16)
        var i = 0
        while i < bytes.count {
            if bytes[i] == 0xEE, i + 2 < bytes.count, bytes[i + 1] == 0x80, bytes[i + 2] == 0x80 {
                out += Array("&lt;".utf8)
                i += 3
            } else {
                out.append(bytes[i])
                i += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
