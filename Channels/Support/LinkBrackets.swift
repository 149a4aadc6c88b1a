/// Bounds the work Ink 0.6 does on `[`: it tries every `[` (and `![`) as the start of a link, and
/// a try that fails is tried again by every try it lies inside, so n brackets open at once in a
/// paragraph cost 2ⁿ (thirty `[` took minutes; found by Scripts/fuzz). `hide` puts a stand-in
/// (U+E001, which Ink reads as text) for every `[` that would be the (`maxOpen`+1)th open one,
/// and `restore` puts the `[` back into Ink's HTML, so the text reads the same.
///
/// "Open" over-counts Ink's tries, never under-counts them: every unescaped `[` opens one; a `]`
/// closes one only where Ink surely reads it as a link's end, i.e. not after `\`, not where a
/// code span, a character reference, a link's `(URL)` or an inline HTML element may hold it;
/// every try ends where Ink's text ends (a line break before a blank line, `#`, `<`, `` ` `` or
/// `-`, unless the line ends in `\` or two spaces) and the count starts again there.
enum LinkBrackets {
    /// What stands for a hidden `[` while Ink reads the text (private use, so no author means it).
    static let standIn: Character = "\u{E001}"
    /// How many link tries may be open at once: a link's text holds a bracket (`[a [b]](url)`)
    /// at most in practice. Each try costs a reading of the rest of the paragraph, and k open ones
    /// 2ᵏ of them: with 2, a paragraph costs at most five readings (with 4 it was seventeen, and
    /// a 230-byte table took a second under ASan; found by Scripts/fuzz).
    static let maxOpen = 2

    /// `text` with each `[` beyond `maxOpen` open ones replaced by the stand-in (and any stand-in
    /// already there dropped); nil when no bracket is hidden.
    static func hide(_ text: String) -> String? {
        guard text.utf8.lazy.filter({ $0 == UInt8(ascii: "[") }).count > maxOpen else { return nil }
        let chars = Array(text)
        let shielded = shieldedPositions(chars)
        var hidden = Set<Int>()
        var open = 0
        var spaces = 0  // Ink's count of spaces right before a line break (two make a <br>)
        for (i, c) in chars.enumerated() {
            let escaped = i > 0 && chars[i - 1] == "\\"
            if c.isNewline {
                if !shielded[i], !escaped, spaces < 2, i + 1 < chars.count, breaksText(chars[i + 1]) { open = 0 }
                continue
            }
            spaces = c == " " ? spaces + 1 : 0
            if c == "[", !escaped {
                if open >= maxOpen { hidden.insert(i) } else { open += 1 }
            } else if c == "]", !escaped, !shielded[i], open > 0 {
                open -= 1
            }
        }
        guard !hidden.isEmpty else { return nil }
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for (i, c) in chars.enumerated() where c != standIn {
            out.append(hidden.contains(i) ? standIn : c)
        }
        return out
    }

    /// Ink's HTML with every stand-in back to `[`.
    static func restore(_ html: String) -> String {
        String(String.UnicodeScalarView(html.unicodeScalars.map { $0 == "\u{E001}" ? "[" : $0 }))
    }

    /// What after a line break ends Ink's text (its paragraph, and every link try in it).
    private static func breaksText(_ c: Character) -> Bool {
        c == "\n" || c == "\r\n" || c == "#" || c == "<" || c == "`" || c == "-"
    }

    /// Positions a code span, a character reference, a link's `(URL)` or an inline HTML element
    /// may cover, wherever Ink starts reading: a `]` there may not end a link, a line break there
    /// may not end the text.
    static func shieldedPositions(_ c: [Character]) -> [Bool] {
        var depth = [Int](repeating: 0, count: c.count + 1)  // +1 at a region's start, −1 after its end
        func cover(_ range: Range<Int>) {
            guard !range.isEmpty else { return }
            depth[range.lowerBound] += 1
            depth[range.upperBound] -= 1
        }
        var lineStart = 0
        for i in 0...c.count where i == c.count || c[i].isNewline {
            let line = lineStart..<i
            // Code spans (`…` on one line): from the line's first backtick to its last.
            if let first = line.first(where: { c[$0] == "`" }), let last = line.last(where: { c[$0] == "`" }) {
                cover(first..<last + 1)
            }
            // Link URLs: `](` to the `)` that balances its `(` on the same line.
            var parens: [Int] = []
            for j in line {
                if c[j] == "(" {
                    parens.append(j)
                } else if c[j] == ")", let open = parens.popLast(), open > lineStart, c[open - 1] == "]" {
                    cover(open..<j + 1)
                }
            }
            lineStart = i + 1
        }
        // Character references: `&` to `;` with no white space between.
        var ampersand: Int?
        for (i, ch) in c.enumerated() {
            if ch.isWhitespace { ampersand = nil } else if ch == "&", ampersand == nil { ampersand = i } else if ch == ";", let start = ampersand { cover(start..<i + 1) }
        }
        for region in htmlElements(c) { cover(region) }
        var shielded = [Bool](repeating: false, count: c.count)
        var level = 0
        for i in 0..<c.count {
            level += depth[i]
            shielded[i] = level > 0
        }
        return shielded
    }

    /// What Ink may read as inline HTML: every tag `<name…>`, and from a tag that does not close
    /// itself to the `</name>` that balances it (tags of the same name counted) or to the text's
    /// end. As Ink's reading may pair tags otherwise (after a `\<`, say), a balanced element is
    /// taken to reach the last `</name>` of the text. A tag whose name starts with `p` ends Ink's
    /// text instead, and opens nothing.
    static func htmlElements(_ c: [Character]) -> [Range<Int>] {
        var nextGreaterThan = [Int](repeating: c.count, count: c.count + 1)
        for i in stride(from: c.count - 1, through: 0, by: -1) { nextGreaterThan[i] = c[i] == ">" ? i : nextGreaterThan[i + 1] }
        var open: [Substring: [Int?]] = [:]  // per name, the starts of the elements not yet closed
        var closed: [Substring: [Int]] = [:]  // per name, the starts of the balanced elements
        var lastEnd: [Substring: Int] = [:]  // per name, the end of its last closing tag
        var regions: [Range<Int>] = []
        var i = 0
        while i < c.count {
            guard c[i] == "<" else { i += 1; continue }
            var j = i + 1
            while j < c.count, !c[j].isWhitespace, c[j] != ">" { j += 1 }
            let close = nextGreaterThan[j]
            guard j > i + 1, close < c.count else { i += 1; continue }
            regions.append(i..<close + 1)
            var name = Substring(String(c[(i + 1)..<j]))
            let selfClosing = name.hasSuffix("/") || c[close - 1] == "/" || name == "!--"
            if name.hasSuffix("/") { name = name.dropLast() }
            if name.hasPrefix("/") {
                lastEnd[name.dropFirst()] = close + 1
                if let start = open[name.dropFirst()]?.popLast(), let start { closed[name.dropFirst(), default: []].append(start) }
            } else {
                // Counted even when it closes itself, as Ink counts it.
                let opens = !selfClosing && name.first != "p" && name.first != "P"
                open[name, default: []].append(opens ? i : nil)
            }
            i = close + 1
        }
        for starts in open.values {
            for case let start? in starts { regions.append(start..<c.count) }
        }
        for (name, starts) in closed {
            for start in starts { regions.append(start..<(lastEnd[name] ?? c.count)) }
        }
        return regions
    }
}
