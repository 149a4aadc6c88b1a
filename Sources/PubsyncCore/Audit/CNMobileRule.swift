/// `cn-mobile`: mainland mobile numbers, `1[3-9]` and 9 more digits.
///
/// Accepted forms: `13800138000`, `138 0013 8000`, `138-0013-8000` (blanks,
/// hyphens or Markdown emphasis marks between the usual 3-4-4 groups), full-width digits,
/// and a `+86`, `86` or `0086` prefix, glued or followed by a space or hyphen.
/// The number must be whole: never part of a longer digit run, of a hyphen-joined
/// code (`2014-13800138000-1`) or of a decimal amount (`13800000000.00`). The
/// finding's offset and masked part are the national number; the prefix is context.
public struct CNMobileRule: AuditRule {
    /// The config name.
    public static let ruleName = "cn-mobile"
    /// The config name.
    public var name: String { Self.ruleName }

    /// Makes the rule.
    public init() {}

    /// Every mobile number in `text`.
    public func scan(_ text: String) -> [AuditFinding] {
        text.withUTF8Bytes { b in
            var findings: [AuditFinding] = []
            let n = b.count
            var i = 0
            while i < n {
                // Fast path: most bytes are neither an ASCII digit nor a full-width lead.
                i = AuditBytes.nextDigitCandidate(b, from: i)
                guard i < n, AuditBytes.digitLength(b, i) > 0 else {
                    i += 1
                    continue
                }
                let run = Self.digitRun(b, from: i)
                if let match = Self.mobile(b, run: run) {
                    findings.append(AuditFinding(
                        rule: Self.ruleName,
                        excerpt: AuditExcerpt.make(b, match: match, maskMatch: true),
                        utf8Offset: match.lowerBound))
                    i = match.upperBound
                } else {
                    i = run.end
                }
            }
            return findings
        }
    }

    /// A maximal run of digits: its byte bounds and digit count.
    struct Run {
        var start: Int
        var end: Int
        var count: Int
    }

    /// The maximal digit run that starts at `start`.
    @inline(__always)
    static func digitRun(_ b: AuditBytes.Bytes, from start: Int) -> Run {
        var i = start
        var count = 0
        while i < b.count, case let length = AuditBytes.digitLength(b, i), length > 0 {
            i += length
            count += 1
        }
        return Run(start: start, end: i, count: count)
    }

    /// The mobile number (without prefix) that begins with `run`, or nil.
    static func mobile(_ b: AuditBytes.Bytes, run: Run) -> Range<Int>? {
        var match: Range<Int>
        switch run.count {
        case 11:
            guard startsMobile(b, at: run.start) else { return nil }
            match = run.start..<run.end
        case 13, 15:
            // A glued country code: 86 or 0086, then the 11-digit number.
            let prefix = run.count == 13 ? [8, 6] : [0, 0, 8, 6]
            var i = run.start
            for expected in prefix {
                guard AuditBytes.digitValue(b, i) == expected else { return nil }
                i += AuditBytes.digitLength(b, i)
            }
            guard startsMobile(b, at: i) else { return nil }
            match = i..<run.end
        case 3, 7:
            guard startsMobile(b, at: run.start), let end = groupedEnd(b, first: run) else { return nil }
            match = run.start..<end
        default:
            return nil
        }
        guard isWholeStart(b, run.start), isWholeEnd(b, match.upperBound) else { return nil }
        return match
    }

    /// End of the 3-4-4 / 3-8 / 7-4 grouped number whose first group is `first`, or nil.
    private static func groupedEnd(_ b: AuditBytes.Bytes, first: Run) -> Int? {
        guard let second = groupAfter(b, first.end) else { return nil }
        switch (first.count, second.count) {
        case (3, 8), (7, 4):
            return second.end
        case (3, 4):
            guard let third = groupAfter(b, second.end), third.count == 4 else { return nil }
            return third.end
        default:
            return nil
        }
    }

    /// The digit run after a separator at `i` (blanks, hyphens, emphasis marks), or nil.
    private static func groupAfter(_ b: AuditBytes.Bytes, _ i: Int) -> Run? {
        let separator = AuditBytes.numberSeparatorLength(b, i)
        guard separator > 0, i + separator < b.count,
              AuditBytes.digitLength(b, i + separator) > 0 else { return nil }
        return digitRun(b, from: i + separator)
    }

    /// Whether the digits at `i` begin `1[3-9]`.
    @inline(__always)
    private static func startsMobile(_ b: AuditBytes.Bytes, at i: Int) -> Bool {
        guard AuditBytes.digitValue(b, i) == 1 else { return false }
        let next = i + AuditBytes.digitLength(b, i)
        return next < b.count && AuditBytes.digitLength(b, next) > 0 && AuditBytes.digitValue(b, next) >= 3
    }

    /// Whether the run at `start` is not the tail of a decimal or of a hyphen-joined code.
    ///
    /// A country code before it (`86-`, `+86 `, `0086 `) is fine; other digits
    /// before a hyphen mean the number continues a longer code.
    private static func isWholeStart(_ b: AuditBytes.Bytes, _ start: Int) -> Bool {
        if start >= 2, b[start - 1] == 0x2E, AuditBytes.digitLength(endingAt: start - 1, b) > 0 {
            return false
        }
        let hyphen = AuditBytes.hyphenLength(endingAt: start, b)
        let separator = max(hyphen, AuditBytes.blankLength(endingAt: start, b))
        guard separator > 0 else { return true }
        var i = start - separator
        var digits: [Int] = []
        while case let length = AuditBytes.digitLength(endingAt: i, b), length > 0, digits.count < 5 {
            i -= length
            digits.insert(AuditBytes.digitValue(b, i), at: 0)
        }
        if digits == [8, 6] || digits == [0, 0, 8, 6] { return true }
        return digits.isEmpty || hyphen == 0
    }

    /// Whether the number ending at `end` is not followed by a decimal part or a hyphen-joined code.
    private static func isWholeEnd(_ b: AuditBytes.Bytes, _ end: Int) -> Bool {
        guard end < b.count else { return true }
        if b[end] == 0x2E {
            return !(end + 1 < b.count && AuditBytes.digitLength(b, end + 1) > 0)
        }
        let hyphen = AuditBytes.hyphenLength(b, end)
        return hyphen == 0 || end + hyphen >= b.count || AuditBytes.digitLength(b, end + hyphen) == 0
    }
}
