import Foundation

/// Splits a Markdown file into its YAML front matter and its body.
enum FrontMatter {
    /// The YAML text, the file line its first line is on, and the body; nil without front matter.
    static func split(_ text: String) -> (yaml: String, yamlFirstLine: Int, body: String)? {
        var rest = Substring(text)
        if rest.hasPrefix("\u{FEFF}") { rest = rest.dropFirst() }
        guard rest.hasPrefix("---") else { return nil }
        guard let firstBreak = rest.firstIndex(of: "\n") else { return nil }
        guard String(rest[rest.startIndex..<firstBreak]).trimmed == "---" else { return nil }
        let yamlStart = rest.index(after: firstBreak)
        var lineStart = yamlStart
        while lineStart < rest.endIndex {
            let lineEnd = rest[lineStart...].firstIndex(of: "\n") ?? rest.endIndex
            let line = String(rest[lineStart..<lineEnd]).trimmed
            if line == "---" || line == "..." {
                let bodyStart = lineEnd < rest.endIndex ? rest.index(after: lineEnd) : lineEnd
                var body = rest[bodyStart...]
                while body.first == "\n" || body.first == "\r\n" { body.removeFirst() }
                while body.last == "\n" || body.last == "\r\n" { body.removeLast() }
                return (String(rest[yamlStart..<lineStart]), 2, body.isEmpty ? "" : String(body) + "\n")
            }
            lineStart = lineEnd < rest.endIndex ? rest.index(after: lineEnd) : lineEnd
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
