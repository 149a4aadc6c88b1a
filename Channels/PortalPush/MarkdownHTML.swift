import Ink

/// Markdown → HTML with Ink, made safe for a page we do not control: Ink passes raw HTML through
/// and copies link URLs and code languages verbatim, so those fragments are rebuilt here.
enum MarkdownHTML {
    /// Bumped when the output changes, so the fingerprint republishes the channel.
    static let version = "1"

    /// Renders `markdown` with raw HTML escaped and only http(s)/mailto/tel/relative links kept.
    static func render(_ markdown: String) -> String {
        parser.html(from: markdown)
    }

    private static var parser: MarkdownParser {
        MarkdownParser(modifiers: [
            Modifier(target: .html) { html, _ in escape(html) },
            Modifier(target: .links) { html, markdown in link(html: html, markdown: markdown) },
            Modifier(target: .images) { _, markdown in image(markdown: markdown) },
            Modifier(target: .codeBlocks) { html, _ in codeBlock(html) },
        ])
    }

    /// `<a href="URL">TEXT</a>` with the URL escaped; a reference link or an unsafe URL keeps its text only.
    private static func link(html: String, markdown: Substring) -> String {
        let suffix = "</a>"
        guard let url = inlineURL(markdown), html.hasPrefix("<a href=\"\(url)\">"), html.hasSuffix(suffix) else {
            return escape(plainLabel(markdown))
        }
        let inner = html.dropFirst("<a href=\"\(url)\">".count).dropLast(suffix.count)
        guard isSafe(url) else { return String(inner) }
        return "<a href=\"\(escape(url))\">\(inner)</a>"
    }

    /// `<img src="URL" alt="TEXT"/>` rebuilt from the Markdown, both attributes escaped.
    private static func image(markdown: Substring) -> String {
        let alt = plainLabel(markdown.dropFirst())
        guard let url = inlineURL(markdown), isSafe(url) else { return escape(alt) }
        return "<img src=\"\(escape(url))\" alt=\"\(escape(alt))\"/>"
    }

    /// Ink's `<pre><code class="language-X">` copies X verbatim; the code itself is already escaped.
    private static func codeBlock(_ html: String) -> String {
        let suffix = "</code></pre>"
        guard html.hasSuffix(suffix) else { return escape(html) }
        let head = html.dropLast(suffix.count)
        // Escaped code holds no raw ">", so the last one closes the opening tag.
        guard let close = head.lastIndex(of: ">") else { return escape(html) }
        return "<pre><code>" + head[head.index(after: close)...] + suffix
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

    /// Relative URLs and http(s), mailto and tel only: never javascript:, data: or vbscript:.
    static func isSafe(_ url: String) -> Bool {
        let cleaned = String(url.unicodeScalars.filter { $0.value > 0x20 && $0.value != 0x7f }).lowercased()
        guard let colon = cleaned.firstIndex(of: ":") else { return true }
        let beforeColon = cleaned[..<colon]
        if beforeColon.contains("/") || beforeColon.contains("?") || beforeColon.contains("#") { return true }
        return ["http", "https", "mailto", "tel"].contains(String(beforeColon))
    }

    /// Escapes text for element content and quoted attributes.
    static func escape<S: StringProtocol>(_ text: S) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(character)
            }
        }
        return out
    }
}
