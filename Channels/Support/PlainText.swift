/// Sanitised HTML reduced to the text a reader sees, on one line.
public enum PlainText {
    /// Elements that end a block of text: a space keeps their words apart.
    private static let breaking: Set<String> = [
        "p", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6", "li", "dt", "dd", "tr", "td", "th",
        "pre", "blockquote", "div", "section", "article", "aside", "header", "footer", "figure",
        "figcaption", "caption", "table", "ul", "ol", "dl", "details", "summary", "address",
    ]

    /// The text of `html` (output of `HTMLSanitizer`: well-formed tags, escaped attributes):
    /// tags dropped, an image's alt text kept, entities decoded, whitespace runs collapsed.
    static func of(html: String) -> String {
        var text = ""
        text.reserveCapacity(html.utf8.count)
        var rest = Substring(html)
        while let open = rest.firstIndex(of: "<") {
            text += HTMLSanitizer.decodeEntities(String(rest[..<open]))
            guard let close = rest[open...].firstIndex(of: ">") else {
                rest = rest[rest.endIndex...]
                break
            }
            let tag = rest[rest.index(after: open)..<close]
            let name = tag.drop(while: { $0 == "/" }).prefix(while: { $0.isLetter || $0.isNumber }).lowercased()
            if name == "img", let alt = attribute("alt", in: tag) {
                text += " " + HTMLSanitizer.decodeEntities(alt) + " "
            } else if breaking.contains(name) {
                text += " "
            }
            rest = rest[rest.index(after: close)...]
        }
        text += HTMLSanitizer.decodeEntities(String(rest))
        return collapse(text)
    }

    /// The value of `name="…"` inside a sanitised tag.
    private static func attribute(_ name: String, in tag: Substring) -> String? {
        guard let start = tag.range(of: " \(name)=\"") else { return nil }
        let value = tag[start.upperBound...]
        guard let end = value.firstIndex(of: "\"") else { return nil }
        return String(value[..<end])
    }

    /// Runs of whitespace (newlines and no-break spaces included) → one space; ends trimmed.
    public static func collapse(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        var pendingSpace = false
        for character in text {
            if character.isWhitespace {
                pendingSpace = !out.isEmpty
            } else {
                if pendingSpace { out.append(" ") }
                pendingSpace = false
                out.append(character)
            }
        }
        return out
    }
}
