/// Reads sanitised HTML back the way a browser's tokenizer does (WHATWG HTML "Tokenization":
/// tag open, tag name, the attribute states, character references in attribute values, raw
/// text after `script`/`style`) and lists everything that could run or load code. It is
/// written apart from the sanitiser on purpose: it shares none of its code or lists.
public enum HTMLOracle {
    /// Elements that must never reach a page: code, foreign documents, forms, frames.
    static let forbiddenElements: Set<String> = [
        "script", "style", "svg", "math", "form", "iframe", "frame", "frameset", "object", "embed", "applet",
        "base", "meta", "link", "template", "textarea", "select", "input", "button", "noscript", "title",
        "xmp", "plaintext", "noembed", "noframes", "isindex", "portal", "video", "audio", "source",
    ]
    /// Attributes whose value a browser follows as a URL.
    static let urlAttributes: Set<String> = [
        "href", "src", "action", "formaction", "xlink:href", "poster", "background", "data", "codebase",
        "cite", "srcset", "ping", "lowsrc", "dynsrc", "longdesc", "usemap", "manifest", "icon",
    ]
    /// URL schemes that run code or embed a document.
    static let forbiddenSchemes: Set<String> = ["javascript", "data", "vbscript", "livescript"]
    /// Text whose end only a matching end tag finds (RAWTEXT, RCDATA, PLAINTEXT).
    static let rawTextElements: Set<String> = [
        "script", "style", "xmp", "iframe", "noembed", "noframes", "noscript", "title", "textarea", "plaintext",
    ]

    /// The problems found in `html`, each in a few words; empty when it is inert.
    public static func violations(in html: String) -> [String] {
        var problems: [String] = []
        var tokenizer = Tokenizer(Array(html.unicodeScalars))
        while let token = tokenizer.next() {
            switch token {
            case .comment(let text):
                problems.append("a comment or markup declaration <!\(text.prefix(40))")
            case .tag(let name, let attributes, let isEnd):
                if isEnd { continue }
                if forbiddenElements.contains(name) { problems.append("element <\(name)>") }
                for (attribute, value) in attributes {
                    if attribute.hasPrefix("on") { problems.append("event handler \(attribute)= on <\(name)>") }
                    if attribute == "style" && !isKnownAlignment(value) { problems.append("style=\"\(value.prefix(40))\" on <\(name)>") }
                    if attribute == "srcdoc" { problems.append("srcdoc on <\(name)>") }
                    if urlAttributes.contains(attribute), let scheme = scheme(of: value), forbiddenSchemes.contains(scheme) {
                        problems.append("\(scheme): URL in \(attribute)= on <\(name)>")
                    }
                }
                if rawTextElements.contains(name) { tokenizer.skipRawText(until: name) }
            }
        }
        return problems
    }

    /// The one `style` value the sanitiser writes itself (for the obsolete `align`).
    static func isKnownAlignment(_ value: String) -> Bool {
        ["text-align:left", "text-align:center", "text-align:right"].contains(value)
    }

    /// The URL's scheme as the URL parser reads it: leading and trailing C0 controls and spaces
    /// stripped, tabs and newlines removed anywhere, then letters, digits, `+`, `-`, `.` up to `:`.
    static func scheme(of url: String) -> String? {
        var scalars = Array(url.unicodeScalars)
        while let first = scalars.first, first.value <= 0x20 { scalars.removeFirst() }
        scalars.removeAll { $0 == "\t" || $0 == "\n" || $0 == "\r" }
        var scheme = ""
        for (index, scalar) in scalars.enumerated() {
            if scalar == ":" { return index == 0 ? nil : scheme.lowercased() }
            let isLetter = (scalar.value | 0x20) >= 0x61 && (scalar.value | 0x20) <= 0x7A
            let isOther = (scalar.value >= 0x30 && scalar.value <= 0x39) || scalar == "+" || scalar == "-" || scalar == "."
            guard isLetter || (index > 0 && isOther) else { return nil }
            scheme.unicodeScalars.append(scalar)
        }
        return nil
    }
}

/// One token of interest: a tag with its attributes (names lowercased, values decoded) or a comment.
enum HTMLToken {
    case tag(name: String, attributes: [(String, String)], isEnd: Bool)
    case comment(String)
}

/// The subset of the HTML tokenizer that decides where tags and attribute values are.
struct Tokenizer {
    let input: [Unicode.Scalar]
    var position = 0

    init(_ input: [Unicode.Scalar]) { self.input = input }

    static func isSpace(_ s: Unicode.Scalar) -> Bool { s == " " || s == "\t" || s == "\n" || s == "\u{0C}" || s == "\r" }
    static func isAlpha(_ s: Unicode.Scalar) -> Bool { (s.value | 0x20) >= 0x61 && (s.value | 0x20) <= 0x7A }

    var current: Unicode.Scalar? { position < input.count ? input[position] : nil }

    /// The next tag or comment; nil at the end of the input.
    mutating func next() -> HTMLToken? {
        while position < input.count {
            guard input[position] == "<" else { position += 1; continue }
            let start = position
            position += 1
            guard let c = current else { return nil }
            if c == "!" || c == "?" {
                // Markup declaration or bogus comment: ends at the next `>`.
                let end = input[position...].firstIndex(of: ">") ?? input.count
                let text = String(String.UnicodeScalarView(input[position..<end]))
                position = min(end + 1, input.count)
                return .comment(text)
            }
            var isEnd = false
            if c == "/" {
                isEnd = true
                position += 1
            }
            guard let first = current, Self.isAlpha(first) else {
                if !isEnd { position = start + 1 }
                continue
            }
            if let tag = readTag(isEnd: isEnd) { return tag }
            return nil  // end of input inside a tag: the browser drops it
        }
        return nil
    }

    private mutating func readTag(isEnd: Bool) -> HTMLToken? {
        var name = ""
        while let c = current, !Self.isSpace(c), c != "/", c != ">" {
            name.unicodeScalars.append(Self.lower(c))
            position += 1
        }
        var attributes: [(String, String)] = []
        while true {
            while let c = current, Self.isSpace(c) || c == "/" { position += 1 }
            guard let c = current else { return nil }
            if c == ">" {
                position += 1
                return .tag(name: name, attributes: attributes, isEnd: isEnd)
            }
            // Attribute name: a leading `=` belongs to it.
            var attribute = String(Self.lower(c))
            position += 1
            while let c = current, !Self.isSpace(c), c != "/", c != ">", c != "=" {
                attribute.unicodeScalars.append(Self.lower(c))
                position += 1
            }
            while let c = current, Self.isSpace(c) { position += 1 }
            var value = ""
            if current == "=" {
                position += 1
                while let c = current, Self.isSpace(c) { position += 1 }
                guard let quote = current else { return nil }
                if quote == "\"" || quote == "'" {
                    position += 1
                    guard let end = input[position...].firstIndex(of: quote) else { return nil }
                    value = Self.decode(input[position..<end])
                    position = end + 1
                } else if quote != ">" {
                    let end = input[position...].firstIndex { Self.isSpace($0) || $0 == ">" } ?? input.count
                    value = Self.decode(input[position..<end])
                    position = end
                }
            }
            if !attributes.contains(where: { $0.0 == attribute }) { attributes.append((attribute, value)) }
        }
    }

    /// Skips the text of a raw-text element up to its end tag.
    mutating func skipRawText(until name: String) {
        let closing = Array(("</" + name).unicodeScalars)
        while position + closing.count <= input.count {
            if zip(input[position..<(position + closing.count)], closing).allSatisfy({ Self.lower($0) == $1 }) { return }
            position += 1
        }
        position = input.count
    }

    static func lower(_ s: Unicode.Scalar) -> Unicode.Scalar {
        (s.value >= 0x41 && s.value <= 0x5A) ? Unicode.Scalar(s.value | 0x20)! : s
    }

    /// Named references that decode to characters a URL scheme check cares about, and the basics.
    static let named: [String: String] = [
        "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "colon": ":", "Tab": "\t", "NewLine": "\n",
        "sol": "/", "lpar": "(", "rpar": ")", "nbsp": "\u{A0}", "num": "#", "quest": "?", "period": ".",
        "plus": "+", "hyphen": "-", "dash": "-", "excl": "!", "semi": ";", "equals": "=", "commat": "@",
    ]

    /// An attribute value with character references decoded: numeric ones with or without `;`,
    /// named ones from `named` (with `;`, or without it when not followed by `=` or a letter/digit).
    static func decode(_ raw: ArraySlice<Unicode.Scalar>) -> String {
        let s = Array(raw)
        var out = String.UnicodeScalarView()
        var i = 0
        while i < s.count {
            guard s[i] == "&" else { out.append(s[i]); i += 1; continue }
            var j = i + 1
            if j < s.count, s[j] == "#" {
                j += 1
                let hex = j < s.count && (s[j] == "x" || s[j] == "X")
                if hex { j += 1 }
                var value: UInt32 = 0
                let digitsStart = j
                while j < s.count, let digit = Int(String(s[j]), radix: hex ? 16 : 10), digit >= 0 {
                    value = min(value &* (hex ? 16 : 10) &+ UInt32(digit), 0x110000)
                    j += 1
                }
                if j > digitsStart {
                    if j < s.count, s[j] == ";" { j += 1 }
                    let scalar = value == 0 || value > 0x10FFFF ? "\u{FFFD}" : (Unicode.Scalar(value) ?? "\u{FFFD}")
                    out.append(scalar)
                    i = j
                    continue
                }
                out.append(s[i]); i += 1; continue
            }
            var name = ""
            while j < s.count, Self.isAlpha(s[j]) || (s[j].value >= 0x30 && s[j].value <= 0x39) {
                name.unicodeScalars.append(s[j]); j += 1
            }
            if let text = named[name] {
                if j < s.count, s[j] == ";" {
                    out.append(contentsOf: text.unicodeScalars); i = j + 1; continue
                }
                let next = j < s.count ? s[j] : " "
                if next != "=" && !Self.isAlpha(next) && !(next.value >= 0x30 && next.value <= 0x39) {
                    out.append(contentsOf: text.unicodeScalars); i = j; continue
                }
            }
            out.append(s[i]); i += 1
        }
        return String(out)
    }
}
