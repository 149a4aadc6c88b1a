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
    static func html(_ markdown: String) -> String? {
        var html = ""
        html.reserveCapacity(markdown.utf8.count + 64)
        var paragraphOpen = false
        for line in markdown.split(separator: "\n", omittingEmptySubsequences: false) {
            guard let first = line.unicodeScalars.first else {
                if paragraphOpen { html += "</p>" }
                paragraphOpen = false
                continue
            }
            guard isPlainLine(line, first: first) else { return nil }
            html += paragraphOpen ? " " : "<p>"
            html += line
            paragraphOpen = true
        }
        if paragraphOpen { html += "</p>" }
        return html
    }

    /// Whether a non-empty line is plain prose: plain scalars, no space at either end or two in
    /// a row, and a first character that starts no list, rule or heading.
    private static func isPlainLine(_ line: Substring, first: Unicode.Scalar) -> Bool {
        if first == "-" || first == "+" || first == "=" || Character(first).isNumber { return false }
        var previous: Unicode.Scalar = " "  // so a leading space fails as "two in a row"
        for scalar in line.unicodeScalars {
            guard isPlain(scalar), !(scalar == " " && previous == " ") else { return false }
            previous = scalar
        }
        return previous != " "
    }

    /// Whether Ink reads the scalar as text wherever it stands in a line (see the type's note).
    static func isPlain(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x20...0x7E:
            // ASCII: all but Ink's markup characters.
            return !"\\&<>`[]!*_~#|".unicodeScalars.contains(scalar)
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
