import Foundation

/// Markdown (as item bodies are written) reduced to the plain text a post can show.
/// Not a Markdown renderer: it drops the markup a reader would otherwise see as noise.
enum PlainText {
    /// The plain text of a Markdown body, on one line.
    static func fromMarkdown(_ markdown: String) -> String {
        var lines: [String] = []
        for rawLine in markdown.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline) {
            var line = Substring(rawLine).drop(while: { $0 == " " || $0 == "\t" })
            if line.hasPrefix("```") || line.hasPrefix("~~~") { continue }
            if isRule(line) { continue }
            line = line.drop(while: { $0 == "#" || $0 == ">" })
            line = line.drop(while: { $0 == " " })
            line = dropListMarker(line)
            lines.append(inline(String(line)))
        }
        return FeedText.singleLine(lines.joined(separator: " "))
    }

    private static func isRule(_ line: Substring) -> Bool {
        let marks = line.filter { $0 != " " }
        guard marks.count >= 3, let first = marks.first, "-*_".contains(first) else { return false }
        return marks.allSatisfy { $0 == first }
    }

    private static func dropListMarker(_ line: Substring) -> Substring {
        if let first = line.first, "-*+".contains(first), line.dropFirst().first == " " {
            return line.dropFirst(2)
        }
        let digits = line.prefix(while: \.isASCII).prefix(while: \.isNumber)
        if !digits.isEmpty, digits.count <= 9 {
            let rest = line.dropFirst(digits.count)
            if let mark = rest.first, mark == "." || mark == ")", rest.dropFirst().first == " " {
                return rest.dropFirst(2)
            }
        }
        return line
    }

    /// Inline markup: `![alt](url)` → alt, `[text](url)` → text, `<tag>` dropped,
    /// emphasis and code marks dropped, the common entities decoded.
    private static func inline(_ text: String) -> String {
        var out = ""
        var index = text.startIndex
        while index < text.endIndex {
            let character = text[index]
            if character == "!", text[text.index(after: index)...].first == "[",
               let (label, next) = link(in: text, at: text.index(after: index)) {
                out += label
                index = next
            } else if character == "[", let (label, next) = link(in: text, at: index) {
                out += label
                index = next
            } else if character == "<", let close = text[index...].firstIndex(of: ">") {
                let inner = text[text.index(after: index)..<close]
                if inner.hasPrefix("http://") || inner.hasPrefix("https://") { out += inner }
                index = text.index(after: close)
            } else if character == "*" || character == "`" || (character == "~" && text[index...].hasPrefix("~~")) {
                index = text.index(after: index)
            } else if character == "_", text[index...].hasPrefix("__") {
                index = text.index(index, offsetBy: 2)
            } else if character == "&", let (decoded, next) = entity(in: text, at: index) {
                out.append(decoded)
                index = next
            } else {
                out.append(character)
                index = text.index(after: index)
            }
        }
        return out
    }

    /// `[label](target)` starting at `start` (the `[`): the label and the index after `)`.
    private static func link(in text: String, at start: String.Index) -> (String, String.Index)? {
        guard let close = text[start...].firstIndex(of: "]") else { return nil }
        let afterClose = text.index(after: close)
        guard afterClose < text.endIndex, text[afterClose] == "(",
              let end = text[afterClose...].firstIndex(of: ")") else { return nil }
        return (inline(String(text[text.index(after: start)..<close])), text.index(after: end))
    }

    private static let entities: [String: Character] = [
        "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "#39": "'", "nbsp": " ",
    ]

    private static func entity(in text: String, at start: String.Index) -> (Character, String.Index)? {
        guard let semicolon = text[start...].prefix(10).firstIndex(of: ";") else { return nil }
        let name = String(text[text.index(after: start)..<semicolon])
        guard let decoded = entities[name] else { return nil }
        return (decoded, text.index(after: semicolon))
    }
}
