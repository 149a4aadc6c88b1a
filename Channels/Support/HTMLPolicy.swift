/// The one allow-list of HTML every channel publishes: elements, their attributes, URL
/// schemes. Anything not named here never reaches a page, the portal or a feed.
enum HTMLPolicy {
    /// Attributes any kept element may carry (values checked by `check`).
    static let globalAttributes: Set<String> = ["title", "lang", "dir", "class"]

    /// Element → the attributes it may carry besides the global ones.
    static let attributes: [String: Set<String>] = {
        var table: [String: Set<String>] = [
            "a": ["href", "target"], "img": ["src", "alt", "width", "height"],
            "ol": ["start"], "th": ["align", "colspan", "rowspan"], "td": ["align", "colspan", "rowspan"],
            "time": ["datetime"], "col": ["span"], "colgroup": ["span"],
        ]
        let plain = """
            p br hr h1 h2 h3 h4 h5 h6 em strong b i u s del ins sub sup small mark code pre kbd samp
            var blockquote q cite abbr dfn ul li dl dt dd table thead tbody tfoot tr caption div
            span section article aside header footer figure figcaption details summary ruby rt rp
            bdi address
            """
        for name in plain.split(whereSeparator: \.isWhitespace) where table[String(name)] == nil { table[String(name)] = [] }
        return table
    }()

    /// Elements dropped together with everything inside them: scripts, styles, foreign
    /// documents (SVG and MathML can animate a link into `javascript:`), embedded frames and
    /// form controls whose content is not text.
    static let droppedWithContent: Set<String> = [
        "script", "style", "svg", "math", "template", "iframe", "frame", "frameset", "object", "embed",
        "applet", "noscript", "noembed", "noframes", "textarea", "select", "title", "xmp", "head", "plaintext",
    ]

    /// Elements without content (no closing tag is written for them).
    static let voidElements: Set<String> = ["br", "hr", "img", "col", "wbr"]

    /// Attributes holding a URL (checked against `safeSchemes`).
    static let urlAttributes: Set<String> = ["href", "src"]

    /// The URL schemes a link or image may use; relative URLs are always fine.
    static let safeSchemes: Set<String> = ["http", "https", "mailto"]

    /// The value to keep for an allowed attribute, or nil to drop it.
    static func check(_ name: String, _ value: String) -> String? {
        switch name {
        case "align":
            return ["left", "center", "right"].contains(value) ? value : nil
        case "start", "width", "height", "colspan", "rowspan", "span":
            return !value.isEmpty && value.count < 6 && value.utf8.allSatisfy { $0 >= 48 && $0 <= 57 } ? value : nil
        case "target":
            return value == "_blank" || value == "_self" ? value : nil
        case "dir":
            return ["ltr", "rtl", "auto"].contains(value) ? value : nil
        case "class", "lang":
            // Class names and language tags only: no way to smuggle anything else in.
            return !value.isEmpty && value.count < 64 && value.utf8.allSatisfy(isNameByte) ? value : nil
        default:
            return HTMLSanitizer.stripControls(value)
        }
    }

    private static func isNameByte(_ b: UInt8) -> Bool {
        (b >= 97 && b <= 122) || (b >= 65 && b <= 90) || (b >= 48 && b <= 57) || b == 45 || b == 95 || b == 32
    }

    /// The named character references the sanitiser keeps in text and decodes in attributes.
    static let namedEntities: [String: String] = [
        "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": "\u{A0}", "copy": "©", "reg": "®",
        "colon": ":", "Tab": "\t", "NewLine": "\n", "lpar": "(", "rpar": ")", "sol": "/",
        "mdash": "—", "ndash": "–", "hellip": "…", "middot": "·", "times": "×", "ldquo": "“", "rdquo": "”",
        "lsquo": "‘", "rsquo": "’", "laquo": "«", "raquo": "»", "yen": "¥", "deg": "°", "trade": "™",
    ]
}
