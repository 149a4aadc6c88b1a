/// The HTML Ink 0.6 makes of Markdown that is plain prose, without running Ink: most items are
/// paragraphs of text and nothing else, and Ink reads them a `Character` at a time (0.4 ms for
/// 2 KB of Chinese, most of a full publish's time). Markdown qualifies only when Ink could read
/// none of it as anything but paragraph text:
///
/// - every scalar is in `isPlain` (letters, digits and ASCII punctuation other than Ink's
///   ``\ & < > ` [ ] ! * _ ~ # |``, CJK ideographs and punctuation, full-width forms, common
///   symbols): none of them joins its neighbour into one `Character`, so Ink's characters are
///   these scalars, and none is white space but the space and `\n`;
/// - no line begins or ends with a space or holds two in a row (Ink collapses those, or makes a
///   `<br>`), and no line begins with `-`, `+`, `=`, or a number (`Character.isNumber`: `1`, `一`,
///   `〇`, `①`), which may start a list, a rule or a heading underline.
///
/// Ink then makes one `<p>` of each run of non-blank lines, the lines joined by a space. The
/// differential test (`PlainProseTests`) and the fuzz target hold this to Ink's own output.
enum PlainProse {
    /// Ink's HTML for `markdown`, or nil when it is not plain prose (Ink must read it). The
    /// HTML holds no `<`, `>`, `&` or control character but its own `<p>` tags, so the
    /// sanitiser would leave it as it is (the tests check that too).
    ///
    /// Read as UTF-8 bytes, a line at a time: the lines are those of a split at `\n` by
    /// `Character` but for `\r\n`, one `Character`, whose `\r` no plain line holds.
    static func html(_ markdown: String) -> String? {
        var markdown = markdown
        return markdown.withUTF8 { text -> String? in
            var html: [UInt8] = []
            html.reserveCapacity(text.count + 64)
            var paragraphOpen = false
            var start = 0
            while start <= text.count {
                var end = start
                while end < text.count, text[end] != UInt8(ascii: "\n") { end += 1 }
                if end == start {
                    if paragraphOpen { html += "</p>".utf8 }
                    paragraphOpen = false
                } else {
                    let line = UnsafeBufferPointer(rebasing: text[start..<end])
                    guard isPlainLine(line) else { return nil }
                    html += paragraphOpen ? " ".utf8 : "<p>".utf8
                    html += line
                    paragraphOpen = true
                }
                start = end + 1
            }
            if paragraphOpen { html += "</p>".utf8 }
            return String(decoding: html, as: UTF8.self)
        }
    }

    /// Whether a non-empty line (valid UTF-8) is plain prose: plain scalars, no space at either
    /// end or two in a row, and a first character that starts no list, rule or heading.
    private static func isPlainLine(_ line: UnsafeBufferPointer<UInt8>) -> Bool {
        var previous: UInt32 = 0x20  // so a leading space fails as "two in a row"
        var index = 0
        while index < line.count {
            let lead = line[index]
            var scalar = UInt32(lead)
            if lead < 0x80 {
                guard isPlainASCII(lead) else { return false }
                index += 1
            } else {
                // A lead byte and its continuation bytes (valid UTF-8: it comes from a String).
                let length = lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4
                scalar &= 0xFF >> (length + 1)
                for offset in 1..<length { scalar = scalar << 6 | UInt32(line[index + offset] & 0x3F) }
                guard isPlain(Unicode.Scalar(scalar)!) else { return false }
                if index == 0, Unicode.Scalar(scalar)!.properties.numericType != nil { return false }  // `一`, `〇`, `①`
                index += length
            }
            guard !(scalar == 0x20 && previous == 0x20) else { return false }
            previous = scalar
        }
        switch line[0] {
        case UInt8(ascii: "-"), UInt8(ascii: "+"), UInt8(ascii: "="), UInt8(ascii: "0")...UInt8(ascii: "9"): return false
        default: return previous != 0x20
        }
    }

    /// `isPlain` for an ASCII byte: printable, and none of Ink's markup characters.
    private static func isPlainASCII(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "\\"), UInt8(ascii: "&"), UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "`"), UInt8(ascii: "["),
             UInt8(ascii: "]"), UInt8(ascii: "!"), UInt8(ascii: "*"), UInt8(ascii: "_"), UInt8(ascii: "~"), UInt8(ascii: "#"),
             UInt8(ascii: "|"):
            return false
        case 0x20...0x7E:
            return true
        default:
            return false
        }
    }

    /// Whether Ink reads the scalar as text wherever it stands in a line (see the type's note).
    static func isPlain(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0...0x7F:
            return isPlainASCII(UInt8(scalar.value))
        case 0xA1...0xAC, 0xAE...0xFF,  // Latin-1 (not NBSP, not the soft hyphen)
             0x2010...0x2027, 0x2030...0x205E,  // dashes, quotes, ellipsis, ‰, ※ (not LS, PS or invisibles)
             0x2100...0x218F,  // ℃, №, Roman numerals
             0x2460...0x24FF,  // ①, ⑴, ⒈
             0x25A0...0x25FF, 0x2605...0x2606,  // ■ □ ○ ● ◆ ★ ☆
             0x3001...0x3029, 0x3030...0x303F,  // CJK punctuation: 、。〇《》「」【】〔〕 (not U+3000, not the tone marks)
             0x3041...0x3096, 0x30A0...0x30FF,  // kana (not the combining sound marks)
             0x3400...0x4DBF, 0x4E00...0x9FFF, 0xF900...0xFAFF,  // ideographs
             0xFF01...0xFF5E:  // full-width forms
            return true
        default:
            return false
        }
    }
}
