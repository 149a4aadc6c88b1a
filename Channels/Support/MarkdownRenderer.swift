import Foundation
import Ink
import PubsyncCore

/// The one Markdown pipeline of every channel: Markdown → safe HTML (Ink, then
/// `HTMLSanitizer`), and Markdown → plain text (the text of that same HTML), so an item reads
/// the same on the site, on the portal and in a feed.
public struct MarkdownRenderer: Sendable {
    /// Bumped whenever the output for the same Markdown changes; channels put it in their
    /// fingerprint, so a new renderer republishes.
    public static let version = "4"

    /// Whether raw HTML in the Markdown is kept (`allow_raw_html`), still through the allow-list.
    public var allowRawHTML: Bool

    /// Creates a renderer; by default the author's raw HTML is shown as text.
    public init(allowRawHTML: Bool = false) {
        self.allowRawHTML = allowRawHTML
    }

    // While Ink reads the text, U+E000 (a private-use character, UTF-8 EE 80 80) stands
    // for `<`, so Ink never sees (and never passes through) an HTML tag; it becomes `&lt;`
    // afterwards, which is also what Ink writes for `<` inside code.

    /// Renders a Markdown body to HTML in which every tag and attribute is known and inert.
    public func html(from markdown: String) -> String {
        // Plain prose is not read by Ink: `PlainProse` makes the same HTML many times faster
        // (and HTML the sanitiser leaves as it is).
        if let prose = PlainProse.html(markdown) { return prose }
        return inkHTML(from: markdown)
    }

    /// `html(from:)` through Ink, whatever the text: the reference `PlainProse` is held to (by
    /// the tests and the fuzz target).
    public func inkHTML(from markdown: String) -> String {
        // With raw HTML kept, only a `<` that can start no tag for Ink is hidden: one after the
        // text's last `>`, and a `\<p` or `\<P`. Ink 0.6 loops forever (growing memory) on such a
        // `<p`: its tag read fails, and a paragraph stops before it (found by Scripts/fuzz).
        let hideFrom = allowRawHTML ? Self.afterLastGreaterThan(markdown) : 0
        let hides = hideFrom < markdown.utf8.count || Self.hasEscapedLessThan(markdown)
        var source = markdown
        if hides || markdown.utf8.contains(13) { source = Self.prepare(markdown, hideFrom: hideFrom) }
        // Ink's link tries cost 2ⁿ for n brackets open at once: the deep ones are read as text.
        let bracketsHidden = LinkBrackets.hide(source)
        var html = Self.parser.html(from: bracketsHidden ?? source)
        if hides { html = Self.restoreLessThan(html) }
        if bracketsHidden != nil { html = LinkBrackets.restore(html) }
        return HTMLSanitizer().clean(html)
    }

    /// The UTF-8 offset just after the last `>` of `text` that Ink reads as a `>` (0 when it has
    /// none). Ink compares characters: a `>` with a combining mark after it (`>\u{35E}`) or a
    /// prepended mark before it is another character, and closes no tag (found by Scripts/fuzz).
    static func afterLastGreaterThan(_ text: String) -> Int {
        let scalars = text.unicodeScalars
        var index = scalars.endIndex
        while index > scalars.startIndex {
            index = scalars.index(before: index)
            guard scalars[index] == ">" else { continue }
            let next = scalars.index(after: index)
            if next < scalars.endIndex, isOneCharacter(">", scalars[next]) { continue }
            if index > scalars.startIndex, isOneCharacter(scalars[scalars.index(before: index)], ">") { continue }
            return text.utf8.distance(from: text.utf8.startIndex, to: next)
        }
        return 0
    }

    /// Whether two scalars make one character (grapheme cluster): the rules that join a `>`
    /// to its neighbours (a mark after it, a prepended mark before it) look at pairs only.
    static func isOneCharacter(_ first: Unicode.Scalar, _ second: Unicode.Scalar) -> Bool {
        var pair = String.UnicodeScalarView()
        pair.append(first)
        pair.append(second)
        return String(pair).count == 1
    }

    /// Whether the text holds `\<p` or `\<P`: Ink reads no tag after a `\`, and looped there too.
    static func hasEscapedLessThan(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        return bytes.indices.contains { isEscapedP(bytes, lessThanAt: $0) }
    }

    /// Whether `bytes[index]` is the `<` of `\<p` or `\<P`.
    static func isEscapedP(_ bytes: [UInt8], lessThanAt index: Int) -> Bool {
        bytes[index] == UInt8(ascii: "<") && index > 0 && bytes[index - 1] == UInt8(ascii: "\\")
            && index + 1 < bytes.count && (bytes[index + 1] | 0x20) == UInt8(ascii: "p")
    }

    /// The plain text of a Markdown body on one line: the text a reader sees in `html(from:)`
    /// (image alt text included), blocks separated by a space, entities decoded.
    public func plainText(from markdown: String) -> String {
        PlainText.of(html: html(from: markdown))
    }

    /// Ink with the fragments it copies verbatim (link and image URLs, code languages) rebuilt
    /// escaped; the sanitiser then checks what they say.
    private static var parser: MarkdownParser {
        MarkdownParser(modifiers: [
            Modifier(target: .links) { html, markdown in link(html: html, markdown: markdown) },
            Modifier(target: .images) { _, markdown in image(markdown: markdown) },
            Modifier(target: .codeBlocks) { html, markdown in codeBlock(html, markdown: markdown) },
        ])
    }

    /// `<a href="URL">TEXT</a>` with the URL escaped; a reference link or an unsafe URL keeps its text only.
    private static func link(html: String, markdown: Substring) -> String {
        let suffix = "</a>"
        guard let url = inlineURL(markdown), html.hasPrefix("<a href=\"\(url)\">"), html.hasSuffix(suffix) else {
            return Markup.escape(plainLabel(markdown))
        }
        let inner = html.dropFirst("<a href=\"\(url)\">".count).dropLast(suffix.count)
        guard HTMLSanitizer.isSafeURL(url) else { return String(inner) }
        return "<a href=\"\(Markup.escape(url))\">\(inner)</a>"
    }

    /// `<img src="URL" alt="TEXT">` rebuilt from the Markdown, both attributes escaped.
    private static func image(markdown: Substring) -> String {
        let alt = plainLabel(markdown.dropFirst())
        guard let url = inlineURL(markdown), HTMLSanitizer.isSafeURL(url) else { return Markup.escape(alt) }
        return "<img src=\"\(Markup.escape(url))\" alt=\"\(Markup.escape(alt))\">"
    }

    /// Ink's `<pre><code class="language-X">` copies X verbatim: kept only when it is a plain
    /// language name. The code itself is already escaped.
    private static func codeBlock(_ html: String, markdown: Substring) -> String {
        let suffix = "</code></pre>"
        // Escaped code holds no raw ">", so the last one before the code closes the opening tag.
        guard html.hasSuffix(suffix), let close = html.dropLast(suffix.count).lastIndex(of: ">") else { return Markup.escape(html) }
        let code = html[html.index(after: close)...]
        let info = markdown.drop { $0 == "`" || $0 == "~" }.prefix { $0 != "\n" }.trimmingCharacters(in: .whitespaces)
        let language = info.prefix { !$0.isWhitespace }
        let plain = !language.isEmpty && language.count < 32 && language.unicodeScalars.allSatisfy {
            ($0.properties.isASCIIHexDigit || ("a"..."z").contains($0) || ("A"..."Z").contains($0) || "+-_.".unicodeScalars.contains($0))
        }
        return (plain ? "<pre><code class=\"language-\(language)\">" : "<pre><code>") + code
    }

    /// The URL of an inline `[text](url)`; nil for a reference link.
    private static func inlineURL(_ markdown: Substring) -> String? {
        guard markdown.hasSuffix(")"), let open = markdown.range(of: "](") else { return nil }
        return String(markdown[open.upperBound..<markdown.index(before: markdown.endIndex)])
    }

    /// The bracketed label of `[label](…)` or `[label][ref]`.
    private static func plainLabel(_ markdown: Substring) -> String {
        guard markdown.hasPrefix("["), let close = markdown.firstIndex(of: "]") else { return String(markdown) }
        return String(markdown[markdown.index(after: markdown.startIndex)..<close])
    }

    /// `\r\n` → `\n`; from UTF-8 offset `hideFrom` on, and in `\<p`, `<` → the stand-in (and
    /// from `hideFrom` on, any stand-in already there dropped). Works on UTF-8 bytes: Foundation's
    /// `replacingOccurrences` is slow on Linux.
    static func prepare(_ text: String, hideFrom: Int) -> String {
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
            if i >= hideFrom, byte == 0xEE, i + 2 < bytes.count, bytes[i + 1] == 0x80, bytes[i + 2] == 0x80 {
                i += 3
                continue
            }
            if byte == UInt8(ascii: "<"), i >= hideFrom || Self.isEscapedP(bytes, lessThanAt: i) {
                out += [0xEE, 0x80, 0x80]
                i += 1
                continue
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
