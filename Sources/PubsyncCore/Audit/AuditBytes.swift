/// Byte-level helpers the audit scanners share.
///
/// The scanners read UTF-8 bytes directly because Foundation's regular expressions
/// are far too slow on Linux for the audit's throughput target (≥ 50 MB/s).
/// Swift strings are always valid UTF-8, so lead bytes tell scalar lengths.
enum AuditBytes {
    typealias Bytes = UnsafeBufferPointer<UInt8>

    /// Byte length of the digit (ASCII `0-9` or full-width `０-９`) at `i`, or 0.
    @inline(__always)
    static func digitLength(_ b: Bytes, _ i: Int) -> Int {
        let c = b[i]
        if c &- 0x30 < 10 { return 1 }
        // U+FF10...U+FF19 are EF BC 90...99.
        if c == 0xEF, i + 2 < b.count, b[i + 1] == 0xBC, b[i + 2] &- 0x90 < 10 { return 3 }
        return 0
    }

    /// Index of the first ASCII digit or likely full-width digit (EF ?? 90...99) at or after `i`, or `b.count`.
    ///
    /// Tests eight positions at a time (SWAR): most of ordinary text, including the
    /// full-width punctuation that shares the EF lead byte, is skipped this way.
    @inline(__always)
    static func nextDigitCandidate(_ b: Bytes, from start: Int) -> Int {
        var i = start
        let n = b.count
        if let base = b.baseAddress {
            let raw = UnsafeRawPointer(base)
            while i + 10 <= n {
                let x = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                let third = raw.loadUnaligned(fromByteOffset: i + 2, as: UInt64.self)
                if digitCandidates(x, third) != 0 {
                    for k in i..<(i + 8) where isDigitCandidate(b, k) { return k }
                }
                i += 8
            }
        }
        while i < n {
            if isDigitCandidate(b, i) { return i }
            i += 1
        }
        return n
    }

    /// Whether position `i` may start a digit: an ASCII digit or EF followed by ?? 90...99.
    @inline(__always)
    private static func isDigitCandidate(_ b: Bytes, _ i: Int) -> Bool {
        let c = b[i]
        return c &- 0x30 < 10 || (c == 0xEF && i + 2 < b.count && b[i + 2] &- 0x90 < 10)
    }

    /// High bit set in each byte position of `x` that is an ASCII digit, or that is
    /// 0xEF while the same position of `third` (two bytes on) is 0x90...0x99.
    ///
    /// Each test is exact per byte (no carries cross bytes), after Bit Twiddling
    /// Hacks' `hasbetween`, so positions of the two words can be combined.
    @inline(__always)
    private static func digitCandidates(_ x: UInt64, _ third: UInt64) -> UInt64 {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let low7s: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
        let highs: UInt64 = 0x8080_8080_8080_8080
        let low7 = x & low7s
        // 0x2F < byte < 0x3A.
        let digit = (ones &* (127 + 0x3A) &- low7) & ~x & (low7 &+ ones &* (127 - 0x2F))
        // byte == 0xEF.
        let y = x ^ 0xEFEF_EFEF_EFEF_EFEF
        let ef = ~(((y & low7s) &+ low7s) | y)
        // third byte ^ 0x90 < 10, i.e. third byte in 0x90...0x99.
        let z = third ^ 0x9090_9090_9090_9090
        let fullWidth = ef & ~((z & low7s) &+ ones &* (128 - 10)) & ~z
        return (digit | fullWidth) & highs
    }

    /// Value of the digit at `i`; call only where `digitLength` is not 0.
    @inline(__always)
    static func digitValue(_ b: Bytes, _ i: Int) -> Int {
        let c = b[i]
        return c < 0x80 ? Int(c &- 0x30) : Int(b[i + 2] &- 0x90)
    }

    /// Byte length of the digit that ends just before `end`, or 0.
    @inline(__always)
    static func digitLength(endingAt end: Int, _ b: Bytes) -> Int {
        guard end > 0 else { return 0 }
        if b[end - 1] &- 0x30 < 10 { return 1 }
        if end >= 3, b[end - 3] == 0xEF, b[end - 2] == 0xBC, b[end - 1] &- 0x90 < 10 { return 3 }
        return 0
    }

    /// Byte length of an ID check letter `X`, `x`, `Ｘ` or `ｘ` at `i`, or 0.
    @inline(__always)
    static func checkLetterLength(_ b: Bytes, _ i: Int) -> Int {
        guard i < b.count else { return 0 }
        let c = b[i]
        if c == 0x58 || c == 0x78 { return 1 }
        // U+FF38 Ｘ is EF BC B8, U+FF58 ｘ is EF BD 98.
        if c == 0xEF, i + 2 < b.count,
           (b[i + 1] == 0xBC && b[i + 2] == 0xB8) || (b[i + 1] == 0xBD && b[i + 2] == 0x98) {
            return 3
        }
        return 0
    }

    /// Byte length of a hyphen (`-`, `－`, `‐`, `‑`) at `i`, or 0.
    @inline(__always)
    static func hyphenLength(_ b: Bytes, _ i: Int) -> Int {
        guard i >= 0, i < b.count else { return 0 }
        let c = b[i]
        if c == 0x2D { return 1 }
        guard i + 2 < b.count else { return 0 }
        if c == 0xEF, b[i + 1] == 0xBC, b[i + 2] == 0x8D { return 3 }
        if c == 0xE2, b[i + 1] == 0x80, b[i + 2] == 0x90 || b[i + 2] == 0x91 { return 3 }
        return 0
    }

    /// Byte length of a blank (space, tab, no-break space, ideographic space) at `i`, or 0.
    @inline(__always)
    static func blankLength(_ b: Bytes, _ i: Int) -> Int {
        guard i >= 0, i < b.count else { return 0 }
        let c = b[i]
        if c == 0x20 || c == 0x09 { return 1 }
        if c == 0xC2, i + 1 < b.count, b[i + 1] == 0xA0 { return 2 }
        if c == 0xE3, i + 2 < b.count, b[i + 1] == 0x80, b[i + 2] == 0x80 { return 3 }
        return 0
    }

    /// Byte length of the blank that ends just before `end`, or 0.
    @inline(__always)
    static func blankLength(endingAt end: Int, _ b: Bytes) -> Int {
        guard end > 0 else { return 0 }
        let c = b[end - 1]
        if c == 0x20 || c == 0x09 { return 1 }
        if c == 0xA0, end >= 2, b[end - 2] == 0xC2 { return 2 }
        if c == 0x80, end >= 3, b[end - 3] == 0xE3, b[end - 2] == 0x80 { return 3 }
        return 0
    }

    /// Byte length of the hyphen that ends just before `end`, or 0.
    @inline(__always)
    static func hyphenLength(endingAt end: Int, _ b: Bytes) -> Int {
        guard end > 0 else { return 0 }
        if b[end - 1] == 0x2D { return 1 }
        guard end >= 3 else { return 0 }
        return hyphenLength(b, end - 3) == 3 ? 3 : 0
    }

    /// Whether the byte at `i` is an ASCII letter or digit.
    @inline(__always)
    static func isASCIIAlphanumeric(_ b: Bytes, _ i: Int) -> Bool {
        guard i >= 0, i < b.count else { return false }
        let c = b[i] | 0x20
        return b[i] &- 0x30 < 10 || c &- 0x61 < 26
    }

    /// Whether the byte at `i` ends a line (or `i` is the end of the text).
    @inline(__always)
    static func isLineEnd(_ b: Bytes, _ i: Int) -> Bool {
        i >= b.count || b[i] == 0x0A || b[i] == 0x0D
    }

    /// Byte length of the scalar whose lead byte is `lead`.
    @inline(__always)
    static func scalarLength(_ lead: UInt8) -> Int {
        if lead < 0xC0 { return 1 }
        if lead < 0xE0 { return 2 }
        if lead < 0xF0 { return 3 }
        return 4
    }

    /// Start of the scalar that ends just before `end` (`end` > 0).
    @inline(__always)
    static func previousScalarStart(_ b: Bytes, _ end: Int) -> Int {
        var i = end - 1
        while i > 0, b[i] & 0xC0 == 0x80 { i -= 1 }
        return i
    }

    /// Whether the bytes at `i` are exactly `pattern`.
    @inline(__always)
    static func hasBytes(_ b: Bytes, at i: Int, _ pattern: [UInt8]) -> Bool {
        guard i >= 0, i + pattern.count <= b.count else { return false }
        for k in 0..<pattern.count where b[i + k] != pattern[k] { return false }
        return true
    }

    /// Whether the bytes just before `end` are exactly `pattern`.
    @inline(__always)
    static func hasBytes(_ b: Bytes, endingAt end: Int, _ pattern: [UInt8]) -> Bool {
        hasBytes(b, at: end - pattern.count, pattern)
    }

    /// Byte length of a separator inside a written number at `i`, or 0: up to four blanks,
    /// hyphens and Markdown emphasis marks (`*`, `_`, `~`), as in `370303 19800101 1234`,
    /// `138-0013-8000` or `3703031980**0101**1234`.
    @inline(__always)
    static func numberSeparatorLength(_ b: Bytes, _ i: Int) -> Int {
        var k = i
        for _ in 0..<4 {
            guard k < b.count else { break }
            let c = b[k]
            if c == 0x2A || c == 0x5F || c == 0x7E {
                k += 1
                continue
            }
            let length = max(blankLength(b, k), hyphenLength(b, k))
            guard length > 0 else { break }
            k += length
        }
        return k - i
    }
}
