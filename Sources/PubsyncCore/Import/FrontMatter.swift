import Foundation

/// Splits a Markdown file into its YAML front matter and its body.
enum FrontMatter {
    /// The YAML text, the file line its first line is on, and the body; nil without front matter.
    static func split(_ text: String) -> (yaml: String, yamlFirstLine: Int, body: String)? {
        // Searched as UTF-8 bytes: a line ends at LF (a CR before it is trimmed with the line).
        let bytes = text.utf8
        var start = bytes.startIndex
        if text.hasPrefix("\u{FEFF}") { start = bytes.index(start, offsetBy: 3) }
        func lineEnd(from index: String.Index) -> String.Index { bytes[index...].firstIndex(of: 0x0A) ?? bytes.endIndex }
        func after(_ index: String.Index) -> String.Index { index < bytes.endIndex ? bytes.index(after: index) : index }
        guard text[start...].hasPrefix("---") else { return nil }
        let firstBreak = lineEnd(from: start)
        guard firstBreak < bytes.endIndex, String(text[start..<firstBreak]).trimmed == "---" else { return nil }
        let yamlStart = after(firstBreak)
        var lineStart = yamlStart
        while lineStart < bytes.endIndex {
            let end = lineEnd(from: lineStart)
            let line = String(text[lineStart..<end]).trimmed
            if line == "---" || line == "..." {
                // The body without the blank lines around it.
                var bodyStart = after(end), bodyEnd = bytes.endIndex
                while bodyStart < bodyEnd {
                    if bytes[bodyStart] == 0x0A {
                        bodyStart = bytes.index(after: bodyStart)
                    } else if bytes[bodyStart] == 0x0D, bytes.index(after: bodyStart) < bodyEnd, bytes[bytes.index(after: bodyStart)] == 0x0A {
                        bodyStart = bytes.index(bodyStart, offsetBy: 2)
                    } else {
                        break
                    }
                }
                while bodyEnd > bodyStart && bytes[bytes.index(before: bodyEnd)] == 0x0A {
                    bodyEnd = bytes.index(before: bodyEnd)
                    if bodyEnd > bodyStart && bytes[bytes.index(before: bodyEnd)] == 0x0D { bodyEnd = bytes.index(before: bodyEnd) }
                }
                let body = text[bodyStart..<bodyEnd]
                return (String(text[yamlStart..<lineStart]), 2, body.isEmpty ? "" : String(body) + "\n")
            }
            lineStart = after(end)
        }
        return nil
    }
}

/// Reads a file line by line in chunks, so a large NDJSON file never sits in memory whole.
struct LineReader {
    let handle: FileHandle
    let maxLine: Int
    private var buffer: [UInt8] = []
    private var start = 0
    private var finished = false

    init(handle: FileHandle, maxLine: Int) {
        self.handle = handle
        self.maxLine = maxLine
    }

    /// The next line without its line break, or nil at the end.
    mutating func next(file: String) throws -> ArraySlice<UInt8>? {
        while true {
            if let newline = buffer[start...].firstIndex(of: 0x0A) {
                let line = buffer[start..<newline]
                start = newline + 1
                return line.last == 0x0D ? line.dropLast() : line
            }
            if finished {
                guard start < buffer.count else { return nil }
                let line = buffer[start...]
                start = buffer.count
                return line
            }
            if buffer.count - start > maxLine {
                throw PubsyncError(.input, "\(file): a line is longer than the limit of \(maxLine) bytes")
            }
            if start > 0 {
                buffer.removeSubrange(0..<start)
                start = 0
            }
            let chunk = handle.readData(ofLength: 1 << 20)
            if chunk.isEmpty { finished = true } else { buffer.append(contentsOf: chunk) }
        }
    }
}
