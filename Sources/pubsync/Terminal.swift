import Foundation
import PubsyncCore

/// Output helpers: JSON on stdout, messages on stderr, compact tables.
enum Terminal {
    /// Writes a message line to stderr (control characters from item text or a portal escaped).
    static func error(_ message: String) {
        FileHandle.standardError.write(Data("pubsync: \(Redacted.controlsEscaped(message, keepingLineBreaks: true))\n".utf8))
    }

    /// Writes an informational line to stderr (progress, notes).
    static func note(_ message: String) {
        FileHandle.standardError.write(Data("\(Redacted.controlsEscaped(message, keepingLineBreaks: true))\n".utf8))
    }

    /// Prints a human-readable line on stdout with control characters escaped.
    static func line(_ text: String) {
        print(Redacted.controlsEscaped(text))
    }

    /// Whether stderr is a terminal (progress lines only then).
    static var stderrIsTerminal: Bool { isatty(2) == 1 }

    /// Prints a command's typed output as one JSON object on stdout.
    static func printJSON(_ output: some CommandOutput) {
        do {
            FileHandle.standardOutput.write(try output.jsonData())
            FileHandle.standardOutput.write(Data("\n".utf8))
        } catch {
            Terminal.error("cannot encode JSON output: \(error)")
        }
    }

    /// Prints rows as an aligned table (display width aware: a CJK character is two columns).
    static func printTable(header: [String], rows: [[String]]) {
        let all = [header] + rows.map { $0.map { Redacted.controlsEscaped($0) } }
        var widths = Array(repeating: 0, count: header.count)
        for row in all {
            for (index, cell) in row.enumerated() where index < widths.count {
                widths[index] = max(widths[index], displayWidth(cell))
            }
        }
        for row in all {
            var line = ""
            for (index, cell) in row.enumerated() {
                let isLast = index == row.count - 1
                line += cell
                if !isLast { line += String(repeating: " ", count: widths[index] - displayWidth(cell) + 2) }
            }
            print(line)
        }
    }

    /// Columns a string takes in a terminal.
    static func displayWidth(_ text: String) -> Int {
        text.unicodeScalars.reduce(0) { width, scalar in
            let value = scalar.value
            let wide = (0x1100...0x115F).contains(value) || (0x2E80...0xA4CF).contains(value) || (0xAC00...0xD7A3).contains(value)
                || (0xF900...0xFAFF).contains(value) || (0xFE30...0xFE4F).contains(value) || (0xFF00...0xFF60).contains(value)
                || (0xFFE0...0xFFE6).contains(value) || (0x20000...0x3FFFD).contains(value)
            return width + (wide ? 2 : 1)
        }
    }


    /// Shortens a cell for tables.
    static func clip(_ text: String, _ width: Int) -> String {
        guard displayWidth(text) > width else { return text }
        var out = ""
        for character in text {
            if displayWidth(out + String(character)) > width - 1 { break }
            out.append(character)
        }
        return out + "…"
    }
}
