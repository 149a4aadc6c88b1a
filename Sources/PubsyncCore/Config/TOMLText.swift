import Foundation
import TOMLKit

/// The one way pubsync parses a TOML file (the config, a figures file): TOMLKit, after a check
/// of what its parser (toml++ 3.4) asserts instead of reporting.
///
/// toml++ reads some characters under an assertion instead of checking them: the first key of a
/// table header (`[~x]`, `[[ .a]]`, also after a byte order mark), a value after an array's `[`
/// or `,` (`[}`), the hour after a date's `T` or space (`1979-05-27T:`, `1979-05-27 0,`, also
/// `0979-0=-27 0`). Built without `NDEBUG` (as
/// SwiftPM builds C++), such a file stopped pubsync with SIGABRT; with `NDEBUG` it is undefined
/// behaviour. Found by `Scripts/fuzz` (the figures and config targets).
enum TOMLText {
    /// Parses `text`; a syntax error is a `code` error naming `file:line`.
    static func table(_ text: String, file: URL, code: PubsyncError.Code) throws -> TOMLTable {
        if let problem = assertionProblem(in: text) {
            throw PubsyncError(code, "\(file.path):\(problem.line): invalid TOML: \(problem.message)")
        }
        do {
            return try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            throw PubsyncError(code, "\(file.path):\(error.source.begin.line): invalid TOML: \(error.description)")
        } catch {
            throw PubsyncError(code, "\(file.path): invalid TOML: \(error)")
        }
    }

    /// The first place toml++ would assert on, with its line: a table header whose name does not
    /// start with a key (a bare-key character or a quote), a `}` where an array expects a value, a
    /// date-time value whose `T` is not followed by a digit; nil when there is none. Strings,
    /// comments and values (arrays may span lines and hold `[` at a line's start) are skipped as
    /// TOML reads them.
    static func assertionProblem(in text: String) -> (line: Int, message: String)? {
        let s = Array(text.unicodeScalars)
        // toml++ skips a byte order mark at the start: a header right after it is at a line's start.
        var i = s.first == "\u{FEFF}" ? 1 : 0
        var line = 1
        var open: [Unicode.Scalar] = []  // the `[` and `{` of the value being read
        var depth: Int { open.count }
        var lineStart = true  // only spaces or tabs so far on this line, outside a value
        var valueNext = false  // right after an array's `[` or `,`: toml++ asserts on a `}` there
        var afterEquals = false  // right after a key's `=`: a value starts here
        while i < s.count {
            let c = s[i]
            if c == "\n" {
                line += 1
                lineStart = depth == 0
                i += 1
                continue
            }
            if c == " " || c == "\t" || c == "\r" { i += 1; continue }
            if lineStart && c == "[" {
                var j = i + 1
                if j < s.count, s[j] == "[" { j += 1 }
                while j < s.count, s[j] == " " || s[j] == "\t" { j += 1 }
                if j < s.count, s[j] != "]", !isBareKey(s[j]), s[j] != "\"", s[j] != "'" {
                    return (line, "Error while parsing table header: expected bare key starting character or string delimiter, saw '\(s[j].escaped(asASCII: false))'")
                }
                // The rest of the header: brackets there open no value.
                while i < s.count, s[i] != "\n" {
                    if s[i] == "\"" || s[i] == "'" { i = skipString(s, from: i, line: &line) } else if s[i] == "#" { break } else { i += 1 }
                }
                lineStart = false
                afterEquals = false
                continue
            }
            lineStart = false
            if valueNext && c == "}" {
                return (line, "Error while parsing array: expected value or closing ']', saw '}'")
            }
            if (valueNext || afterEquals), let saw = dateTimeWithoutHour(s, at: i) {
                return (line, "Error while parsing date-time: expected 2-digit hour, saw '\(saw)'")
            }
            afterEquals = c == "="
            valueNext = (c == "#" && valueNext) || ((c == "[" || c == ",") && (c == "[" || open.last == "["))
            switch c {
            case "\"", "'": i = skipString(s, from: i, line: &line)
            case "#": while i < s.count, s[i] != "\n" { i += 1 }
            case "[", "{": open.append(c); i += 1
            case "]", "}": _ = open.popLast(); i += 1
            default: i += 1
            }
        }
        return nil
    }

    /// What follows the hour's place of a value starting `YYYY-MM-DDT` (or `t`), or of ten
    /// characters with `-` fifth and eighth (`1979-05-27`, `0979-0=-27`: toml++ checks no more)
    /// and a space and a digit, when toml++ would read it under an assertion: a non-digit after
    /// the `T`, a single digit after the space ("end of file" at the end); nil otherwise.
    static func dateTimeWithoutHour(_ s: [Unicode.Scalar], at start: Int) -> String? {
        let date = start..<start + 10
        guard date.upperBound < s.count, isDigit(s[start]), s[start + 4] == "-", s[start + 7] == "-",
              !date.contains(where: { endsValue(s[$0]) }) else { return nil }
        let separator = s[date.upperBound]
        var hour = date.upperBound + 1
        if separator == " " {
            // toml++ reads on only when a digit follows the space, then wants a second one.
            guard hour < s.count, isDigit(s[hour]) else { return nil }
            hour += 1
        } else if separator == "T" || separator == "t" {
            // toml++ reads a date-time only from digits (it reports any other date as an error).
            guard date.allSatisfy({ $0 == start + 4 || $0 == start + 7 || isDigit(s[$0]) }) else { return nil }
        } else {
            return nil
        }
        guard hour < s.count else { return "end of file" }
        return isDigit(s[hour]) ? nil : s[hour].escaped(asASCII: false)
    }

    /// What ends a value for toml++: white space, `]`, `}`, `,`, `#`.
    static func endsValue(_ c: Unicode.Scalar) -> Bool {
        c.properties.isWhitespace || c == "]" || c == "}" || c == "," || c == "#"
    }

    static func isDigit(_ c: Unicode.Scalar) -> Bool { c >= "0" && c <= "9" }

    static func isBareKey(_ c: Unicode.Scalar) -> Bool {
        (c >= "a" && c <= "z") || (c >= "A" && c <= "Z") || (c >= "0" && c <= "9") || c == "_" || c == "-"
    }

    /// The index after the string starting at `start` (basic or literal, one- or multi-line),
    /// counting the lines a multi-line string spans; an unterminated string ends at its line's end
    /// (or the text's end), where TOMLKit reports it.
    static func skipString(_ s: [Unicode.Scalar], from start: Int, line: inout Int) -> Int {
        let quote = s[start]
        let multiline = start + 2 < s.count && s[start + 1] == quote && s[start + 2] == quote
        var i = start + (multiline ? 3 : 1)
        while i < s.count {
            let c = s[i]
            if quote == "\"" && c == "\\" {
                if i + 1 < s.count, s[i + 1] == "\n" { line += 1 }
                i += 2
                continue
            }
            if c == "\n" {
                if !multiline { return i }
                line += 1
            }
            if c == quote {
                if !multiline { return i + 1 }
                if i + 2 < s.count, s[i + 1] == quote, s[i + 2] == quote {
                    // Up to two quotes may end the content right before the closing three.
                    var end = i + 3
                    while end < s.count, end < i + 5, s[end] == quote { end += 1 }
                    return end
                }
            }
            i += 1
        }
        return i
    }
}
