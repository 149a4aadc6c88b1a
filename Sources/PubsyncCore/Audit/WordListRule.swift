import Foundation

/// `words`: terms from a word list, ASCII letters matched case-insensitively.
///
/// All terms are found in one pass (an Aho–Corasick automaton over UTF-8 bytes),
/// so a long list costs no more per byte than a short one. Overlapping matches
/// are resolved leftmost-longest: `机密文件` wins over `文件` inside it.
public struct WordListRule: AuditRule {
    /// The config name.
    public static let ruleName = "words"
    /// The config name.
    public var name: String { Self.ruleName }
    /// The terms, as read (trimmed, without blanks, comments and duplicates).
    public let terms: [String]
    private let automaton: WordAutomaton

    /// Makes the rule from terms; blank terms are dropped.
    public init(terms: [String]) {
        var seen = Set<[UInt8]>()
        var kept: [String] = []
        var patterns: [[UInt8]] = []
        for term in terms {
            let trimmed = term.trimmingCharacters(in: .whitespacesAndNewlines)
            let pattern = trimmed.utf8.map(WordAutomaton.foldASCII)
            guard !pattern.isEmpty, seen.insert(pattern).inserted else { continue }
            kept.append(trimmed)
            patterns.append(pattern)
        }
        self.terms = kept
        self.automaton = WordAutomaton(patterns: patterns)
    }

    /// Reads the word list: UTF-8, one term per line, blank lines and `#` lines ignored.
    public init(contentsOf file: URL) throws {
        let data: Data
        do {
            data = try Data(contentsOf: file)
        } catch {
            throw AuditRuleError(
                rule: Self.ruleName, file: file,
                message: "cannot read audit words file \(file.path): \(error.localizedDescription)")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw AuditRuleError(
                rule: Self.ruleName, file: file,
                message: "audit words file \(file.path) is not valid UTF-8")
        }
        let lines = text.split(whereSeparator: \.isNewline).map {
            $0.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "\u{FEFF}", with: "")
        }
        self.init(terms: lines.filter { !$0.isEmpty && !$0.hasPrefix("#") })
        // An empty list would silently scan for nothing: say so instead.
        guard !terms.isEmpty else {
            throw AuditRuleError(
                rule: Self.ruleName, file: file,
                message: "audit words file \(file.path) has no terms")
        }
    }

    /// Every occurrence of a term in `text`.
    public func scan(_ text: String) -> [AuditFinding] {
        text.withUTF8Bytes { b in
            automaton.matches(in: b).map { match in
                AuditFinding(
                    rule: Self.ruleName,
                    excerpt: AuditExcerpt.make(b, match: match, maskMatch: false),
                    utf8Offset: match.lowerBound)
            }
        }
    }
}

/// A dense Aho–Corasick automaton over byte classes.
///
/// Bytes that occur in no pattern share class 0, so the table has one column per
/// distinct pattern byte plus one, and scanning is one table load per byte. Table
/// entries are the next state's row offset (state × width), negated and less one
/// when a pattern ends there, so the loop needs neither a multiply nor a second load.
struct WordAutomaton: Sendable {
    /// Byte → class, with ASCII upper case folded onto lower case.
    private let classes: [UInt16]
    /// Class count (the table's row width).
    private let width: Int
    /// Encoded next state for row offset + class: offset, or ~offset when accepting.
    private let next: [Int32]
    /// Lengths of the patterns ending in each state (its own and its suffixes'), longest first.
    private let outputs: [[Int]]
    /// Bytes that leave the start state where it is: skipped without walking the table.
    private let staysAtRoot: [Bool]

    /// ASCII upper case to lower case; other bytes unchanged.
    @inline(__always)
    static func foldASCII(_ c: UInt8) -> UInt8 {
        c &- 0x41 < 26 ? c | 0x20 : c
    }

    /// Builds the automaton (patterns already case-folded and non-empty).
    init(patterns: [[UInt8]]) {
        var classes = [UInt16](repeating: 0, count: 256)
        var width = 1
        for byte in Set(patterns.joined()).sorted() {
            classes[Int(byte)] = UInt16(width)
            width += 1
        }
        for upper in UInt8(0x41)...0x5A where classes[Int(upper | 0x20)] != 0 {
            classes[Int(upper)] = classes[Int(upper | 0x20)]
        }

        // The trie, as goto rows (-1 = none).
        var goto: [[Int32]] = [[Int32](repeating: -1, count: width)]
        var ends: [[Int]] = [[]]
        for pattern in patterns {
            var state = 0
            for byte in pattern {
                let cls = Int(classes[Int(byte)])
                if goto[state][cls] < 0 {
                    goto[state][cls] = Int32(goto.count)
                    goto.append([Int32](repeating: -1, count: width))
                    ends.append([])
                }
                state = Int(goto[state][cls])
            }
            ends[state].append(pattern.count)
        }

        // Breadth-first: fail links, then goto completed into a full transition table.
        var fail = [Int](repeating: 0, count: goto.count)
        var next = [Int32](repeating: 0, count: goto.count * width)
        var queue: [Int] = []
        for cls in 0..<width {
            let child = goto[0][cls]
            next[cls] = max(child, 0)
            if child > 0 { queue.append(Int(child)) }
        }
        var head = 0
        while head < queue.count {
            let state = queue[head]
            head += 1
            ends[state].append(contentsOf: ends[fail[state]])
            for cls in 0..<width {
                let child = goto[state][cls]
                if child >= 0 {
                    fail[Int(child)] = Int(next[fail[state] * width + cls])
                    next[state * width + cls] = child
                    queue.append(Int(child))
                } else {
                    next[state * width + cls] = next[fail[state] * width + cls]
                }
            }
        }
        self.classes = classes
        self.width = width
        self.next = next.map { target in
            let offset = target * Int32(width)
            return ends[Int(target)].isEmpty ? offset : ~offset
        }
        self.outputs = ends.map { $0.sorted(by: >) }
        self.staysAtRoot = (0..<256).map { next[Int(classes[$0])] == 0 }
    }

    /// Byte ranges of the matches, leftmost-longest and not overlapping.
    func matches(in b: UnsafeBufferPointer<UInt8>) -> [Range<Int>] {
        guard outputs.count > 1 else { return [] }
        var found: [Range<Int>] = []
        let n = b.count
        classes.withUnsafeBufferPointer { classes in
            next.withUnsafeBufferPointer { next in
                staysAtRoot.withUnsafeBufferPointer { staysAtRoot in
                    var row = 0
                    var i = 0
                    while i < n {
                        if row == 0 {
                            // At the root the next byte alone decides: no loop-carried table walk.
                            while i < n, staysAtRoot[Int(b[i])] { i += 1 }
                            guard i < n else { break }
                        }
                        let entry = Int(next[row &+ Int(classes[Int(b[i])])])
                        i += 1
                        if entry >= 0 {
                            row = entry
                        } else {
                            row = ~entry
                            for length in outputs[row / width] { found.append((i - length)..<i) }
                        }
                    }
                }
            }
        }
        guard found.count > 1 else { return found }
        found.sort { $0.lowerBound != $1.lowerBound ? $0.lowerBound < $1.lowerBound : $0.count > $1.count }
        var kept: [Range<Int>] = []
        for match in found where match.lowerBound >= (kept.last?.upperBound ?? 0) {
            kept.append(match)
        }
        return kept
    }
}
