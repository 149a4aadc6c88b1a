import Foundation
import ChannelSupport
import PubsyncCore

/// Text rules of the feed channel: XML-safe characters, single-line text, and the
/// microblog's way of counting and cutting a post.
public enum FeedText {
    /// XML-safe text on one line: runs of whitespace (newlines included) become one space,
    /// and the ends are trimmed. A post is one paragraph, and single-line fields read back
    /// from the files byte for byte (XML parsers normalise CR and attribute whitespace).
    public static func singleLine(_ text: String) -> String {
        PlainText.collapse(Markup.xmlSafe(text))
    }

    /// Whether `singleLine(text)` is not empty, found without making it (asked once per put).
    public static func hasText(_ text: String) -> Bool {
        Markup.xmlSafe(text).contains { !$0.isWhitespace }
    }

    /// Whether a scalar counts as a CJK character (a whole unit) for the microblog.
    public static func isCJK(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x1100...0x11FF,          // Hangul Jamo
             0x2E80...0x2FDF,          // CJK radicals, Kangxi radicals
             0x2FF0...0x303F,          // ideographic description, CJK symbols and punctuation
             0x3040...0x31FF,          // kana, Bopomofo, Hangul compatibility Jamo, kanbun, strokes
             0x3200...0x4DBF,          // enclosed CJK, compatibility, extension A
             0x4E00...0x9FFF,          // CJK unified ideographs
             0xA960...0xA97F,          // Hangul Jamo extended A
             0xAC00...0xD7FF,          // Hangul syllables, Jamo extended B
             0xF900...0xFAFF,          // CJK compatibility ideographs
             0xFE30...0xFE4F,          // CJK compatibility forms
             0xFF01...0xFF60,          // full-width forms
             0xFFE0...0xFFE6,          // full-width signs
             0x20000...0x3FFFF:        // extensions B and later
            return true
        default:
            return false
        }
    }

    /// The ellipsis that marks a cut post (counts half a unit).
    public static let ellipsis: Character = "…"

    /// A character's weight in half units: 2 for a CJK character, 1 for any other.
    static func halfUnits(_ character: Character) -> Int {
        guard let first = character.unicodeScalars.first else { return 1 }
        return isCJK(first) ? 2 : 1
    }

    /// The length of `text` as the microblog counts it, in half units (CJK 2, other 1).
    public static func halfUnits(_ text: String) -> Int {
        text.reduce(0) { $0 + halfUnits($1) }
    }

    /// `text` cut so that it fits `limit` microblog units (CJK 1, any other ½): unchanged
    /// when it fits, else the longest prefix that leaves room for "…", then "…".
    /// Cuts only between characters (grapheme clusters), never inside one.
    public static func cut(_ text: String, limit: Int) -> String {
        let budget = 2 * max(limit, 0)
        if halfUnits(text) <= budget { return text }
        let room = budget - halfUnits(ellipsis)
        var used = 0
        var end = text.startIndex
        for index in text.indices {
            let weight = halfUnits(text[index])
            if used + weight > room { break }
            used += weight
            end = text.index(after: index)
        }
        var prefix = text[..<end]
        while let last = prefix.last, last.isWhitespace { prefix = prefix.dropLast() }
        return String(prefix) + String(ellipsis)
    }
}
