/// `secrecy-marking`: classification marks and internal-only labels.
///
/// 绝密, 机密 and 秘密 (blanks and Markdown emphasis marks allowed between and around
/// the two characters) count only as a
/// mark: followed by ★ (`机密★5年`), in brackets (`【机密】`, `[秘密]`), after
/// `密级：`, or opening a line followed by ★, a space or the line's end (Markdown
/// `#`, `>`, `*`, `_` around it are ignored). So the words in running text —
/// 保守国家秘密法, 商业秘密, 国家秘密, 机密性 — are not flagged. 内部资料, 内部文件
/// and 不宜公开 are flagged anywhere.
public struct SecrecyMarkingRule: AuditRule {
    /// The config name.
    public static let ruleName = "secrecy-marking"
    /// The config name.
    public var name: String { Self.ruleName }

    /// Makes the rule.
    public init() {}

    /// Every marking in `text`.
    public func scan(_ text: String) -> [AuditFinding] {
        text.withUTF8Bytes { b in
            var findings: [AuditFinding] = []
            let n = b.count
            let t = Table.shared
            var i = 0
            while i < n {
                let c = b[i]
                if c < 0x80 {
                    i += 1
                    continue
                }
                // Every first character we look for (绝机秘内不) has lead byte E4...E7.
                guard c &- 0xE4 < 4, i + 2 < n else {
                    i += AuditBytes.scalarLength(c)
                    continue
                }
                let key = UInt32(c) << 16 | UInt32(b[i + 1]) << 8 | UInt32(b[i + 2])
                var end: Int?
                if key == t.jue || key == t.ji || key == t.bi {
                    end = Self.markEnd(b, start: i, t)
                } else if key == t.nei {
                    if AuditBytes.hasBytes(b, at: i, t.internalMaterials) {
                        end = i + t.internalMaterials.count
                    } else if AuditBytes.hasBytes(b, at: i, t.internalDocuments) {
                        end = i + t.internalDocuments.count
                    }
                } else if key == t.bu, AuditBytes.hasBytes(b, at: i, t.notForRelease) {
                    end = i + t.notForRelease.count
                }
                if let end {
                    findings.append(AuditFinding(
                        rule: Self.ruleName,
                        excerpt: AuditExcerpt.make(b, match: i..<end, maskMatch: false),
                        utf8Offset: i))
                    i = end
                } else {
                    i += 3
                }
            }
            return findings
        }
    }

    /// End of the classification mark whose first character is at `start`, or nil.
    private static func markEnd(_ b: AuditBytes.Bytes, start: Int, _ t: Table) -> Int? {
        let second = skipBlanks(b, from: start + 3)
        guard AuditBytes.hasBytes(b, at: second, t.mi) else { return nil }
        let end = second + t.mi.count
        let after = skipBlanks(b, from: end)
        if isStar(b, after, t) { return end }
        let before = skipBlanks(b, backFrom: start)
        if t.openBrackets.contains(where: { AuditBytes.hasBytes(b, endingAt: before, $0) }),
           t.closeBrackets.contains(where: { AuditBytes.hasBytes(b, at: after, $0) }) {
            return end
        }
        if hasLevelLabel(b, endingAt: before, t) { return end }
        if opensLine(b, start), closesMark(b, end, t) { return end }
        return nil
    }

    /// Whether `密级`, an optional colon and blanks come just before `end`.
    private static func hasLevelLabel(_ b: AuditBytes.Bytes, endingAt end: Int, _ t: Table) -> Bool {
        var i = end
        if AuditBytes.hasBytes(b, endingAt: i, t.fullColon) {
            i -= t.fullColon.count
        } else if i > 0, b[i - 1] == 0x3A {
            i -= 1
        }
        return AuditBytes.hasBytes(b, endingAt: skipBlanks(b, backFrom: i), t.level)
    }

    /// Whether only blanks and Markdown markers stand between the line's start and `start`.
    private static func opensLine(_ b: AuditBytes.Bytes, _ start: Int) -> Bool {
        var i = start
        while i > 0 {
            let blank = AuditBytes.blankLength(endingAt: i, b)
            if blank > 0 {
                i -= blank
                continue
            }
            let c = b[i - 1]
            if c == 0x0A || c == 0x0D { return true }
            guard c == 0x23 || c == 0x3E || c == 0x2A || c == 0x5F else { return false }
            i -= 1
        }
        return true
    }

    /// Whether a mark opening a line ends there: Markdown emphasis, then ★, a blank or the line's end.
    private static func closesMark(_ b: AuditBytes.Bytes, _ end: Int, _ t: Table) -> Bool {
        var i = end
        while i < b.count, b[i] == 0x2A || b[i] == 0x5F { i += 1 }
        return AuditBytes.isLineEnd(b, i) || AuditBytes.blankLength(b, i) > 0 || isStar(b, i, t)
    }

    /// Whether ★ or ☆ is at `i`.
    @inline(__always)
    private static func isStar(_ b: AuditBytes.Bytes, _ i: Int, _ t: Table) -> Bool {
        AuditBytes.hasBytes(b, at: i, t.blackStar) || AuditBytes.hasBytes(b, at: i, t.whiteStar)
    }

    /// The index after at most two blanks and two Markdown emphasis marks (`*`, `_`, `~`) from `i`.
    private static func skipBlanks(_ b: AuditBytes.Bytes, from i: Int) -> Int {
        var i = i
        var blanks = 0, marks = 0
        while i < b.count {
            if marks < 2, isEmphasis(b[i]) {
                marks += 1
                i += 1
                continue
            }
            let blank = AuditBytes.blankLength(b, i)
            guard blank > 0, blanks < 2 else { break }
            blanks += 1
            i += blank
        }
        return i
    }

    /// The index before at most two blanks and two Markdown emphasis marks ending at `i`.
    private static func skipBlanks(_ b: AuditBytes.Bytes, backFrom i: Int) -> Int {
        var i = i
        var blanks = 0, marks = 0
        while i > 0 {
            if marks < 2, isEmphasis(b[i - 1]) {
                marks += 1
                i -= 1
                continue
            }
            let blank = AuditBytes.blankLength(endingAt: i, b)
            guard blank > 0, blanks < 2 else { break }
            blanks += 1
            i -= blank
        }
        return i
    }

    /// Whether `c` is a Markdown emphasis mark: `*`, `_` or `~`.
    @inline(__always)
    private static func isEmphasis(_ c: UInt8) -> Bool {
        c == 0x2A || c == 0x5F || c == 0x7E
    }

    /// The UTF-8 byte patterns, made once.
    struct Table: Sendable {
        static let shared = Table()

        let jue = Table.key("绝"), ji = Table.key("机"), bi = Table.key("秘")
        let nei = Table.key("内"), bu = Table.key("不")
        let mi = Array("密".utf8)
        let level = Array("密级".utf8)
        let fullColon = Array("：".utf8)
        let blackStar = Array("★".utf8), whiteStar = Array("☆".utf8)
        let openBrackets = ["【", "[", "［", "〔"].map { Array($0.utf8) }
        let closeBrackets = ["】", "]", "］", "〕"].map { Array($0.utf8) }
        let internalMaterials = Array("内部资料".utf8)
        let internalDocuments = Array("内部文件".utf8)
        let notForRelease = Array("不宜公开".utf8)

        /// The three UTF-8 bytes of a CJK character as one number.
        private static func key(_ character: String) -> UInt32 {
            character.utf8.reduce(0) { $0 << 8 | UInt32($1) }
        }
    }
}
