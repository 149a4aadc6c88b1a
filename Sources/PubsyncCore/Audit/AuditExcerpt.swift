/// Builds the short excerpt stored with a flag: the match with context on one line.
///
/// A flag is shown to staff and kept in the trail, so the excerpt must never carry
/// a whole personal number: a masked match shows only its first 3 and last 2
/// digits, and any long digit group in the context (a second phone number next to
/// the first, say) is masked the same way.
enum AuditExcerpt {
    /// Characters (Unicode scalars) of context kept on each side.
    static let contextLength = 12
    /// Digit groups this long or longer in the context are masked (a mobile has 11).
    static let maskedRunLength = 11

    /// The excerpt for `match`; `maskMatch` masks the digits and check letters of the match.
    static func make(_ b: AuditBytes.Bytes, match: Range<Int>, maskMatch: Bool) -> String {
        var start = match.lowerBound
        for _ in 0..<contextLength {
            guard start > 0 else { break }
            let previous = AuditBytes.previousScalarStart(b, start)
            if b[previous] == 0x0A || b[previous] == 0x0D { break }
            start = previous
        }
        var end = match.upperBound
        for _ in 0..<contextLength {
            guard end < b.count, b[end] != 0x0A, b[end] != 0x0D else { break }
            end = min(b.count, end + AuditBytes.scalarLength(b[end]))
        }
        var out: [UInt8] = []
        out.reserveCapacity(end - start + 8)
        appendContext(b, start..<match.lowerBound, extendsBefore: true, into: &out)
        if maskMatch {
            appendMasked(b, match, into: &out)
        } else {
            appendPlain(b, match, into: &out)
        }
        appendContext(b, match.upperBound..<end, extendsBefore: false, into: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// Copies `range`, turning control characters (tabs) into spaces.
    private static func appendPlain(_ b: AuditBytes.Bytes, _ range: Range<Int>, into out: inout [UInt8]) {
        for i in range {
            let c = b[i]
            out.append(c < 0x20 || c == 0x7F ? 0x20 : c)
        }
    }

    /// Copies the match, replacing each digit or check letter by `*` except the first 3 and last 2.
    private static func appendMasked(_ b: AuditBytes.Bytes, _ range: Range<Int>, into out: inout [UInt8]) {
        var total = 0
        var i = range.lowerBound
        while i < range.upperBound {
            let length = maskableLength(b, i)
            if length > 0 { total += 1 }
            i += max(length, 1)
        }
        var index = 0
        i = range.lowerBound
        while i < range.upperBound {
            let length = maskableLength(b, i)
            if length == 0 {
                appendPlain(b, i..<(i + 1), into: &out)
                i += 1
                continue
            }
            if index >= 3, index < total - 2 {
                out.append(0x2A)
            } else {
                out.append(contentsOf: b[i..<(i + length)])
            }
            index += 1
            i += length
        }
    }

    /// Copies context, masking digit groups of `maskedRunLength` digits or more.
    ///
    /// A group is digits joined by single spaces or hyphens (`139 12345678` is one
    /// number of 11 digits). A group cut by the window's outer edge is measured in
    /// the whole text, so a half-visible number is masked as the whole number would
    /// be; groups never extend into the match.
    private static func appendContext(
        _ b: AuditBytes.Bytes, _ range: Range<Int>, extendsBefore: Bool, into out: inout [UInt8]
    ) {
        let lowerLimit = extendsBefore ? 0 : range.lowerBound
        let upperLimit = extendsBefore ? range.upperBound : b.count
        var i = range.lowerBound
        while i < range.upperBound {
            guard AuditBytes.digitLength(b, i) > 0 else {
                let next = min(range.upperBound, i + AuditBytes.scalarLength(b[i]))
                appendPlain(b, i..<next, into: &out)
                i = next
                continue
            }
            let before = digitsInGroup(b, before: i, limit: lowerLimit)
            let (after, groupEnd) = digitsInGroup(b, from: i, limit: upperLimit)
            let total = before + after
            let visibleEnd = min(groupEnd, range.upperBound)
            var index = before
            while i < visibleEnd {
                let length = AuditBytes.digitLength(b, i)
                if length == 0 {
                    // A separator inside the group.
                    let next = min(visibleEnd, i + AuditBytes.scalarLength(b[i]))
                    appendPlain(b, i..<next, into: &out)
                    i = next
                    continue
                }
                if total >= maskedRunLength, index >= 3, index < total - 2 {
                    out.append(0x2A)
                } else {
                    out.append(contentsOf: b[i..<(i + length)])
                }
                index += 1
                i += length
            }
        }
    }

    /// Byte length of a single space or hyphen at `i`, or 0.
    @inline(__always)
    private static func separatorLength(_ b: AuditBytes.Bytes, _ i: Int) -> Int {
        max(AuditBytes.blankLength(b, i), AuditBytes.hyphenLength(b, i))
    }

    /// Digits of the group before the digit at `i`, not looking before `limit`.
    private static func digitsInGroup(_ b: AuditBytes.Bytes, before i: Int, limit: Int) -> Int {
        var k = i
        var count = 0
        while true {
            let digit = AuditBytes.digitLength(endingAt: k, b)
            if digit > 0, k - digit >= limit {
                k -= digit
                count += 1
                continue
            }
            let separator = max(AuditBytes.blankLength(endingAt: k, b), AuditBytes.hyphenLength(endingAt: k, b))
            guard separator > 0, case let digitBefore = AuditBytes.digitLength(endingAt: k - separator, b),
                  digitBefore > 0, k - separator - digitBefore >= limit else { break }
            k -= separator
        }
        return count
    }

    /// Digits of the group from the digit at `i` on, and the group's end, not looking past `limit`.
    private static func digitsInGroup(_ b: AuditBytes.Bytes, from i: Int, limit: Int) -> (Int, Int) {
        var k = i
        var count = 0
        while k < limit {
            let digit = AuditBytes.digitLength(b, k)
            if digit > 0, k + digit <= limit {
                k += digit
                count += 1
                continue
            }
            let separator = separatorLength(b, k)
            guard separator > 0, k + separator < limit, AuditBytes.digitLength(b, k + separator) > 0 else { break }
            k += separator
        }
        return (count, k)
    }

    /// Byte length of a digit or ID check letter at `i`, or 0.
    @inline(__always)
    private static func maskableLength(_ b: AuditBytes.Bytes, _ i: Int) -> Int {
        let digit = AuditBytes.digitLength(b, i)
        return digit > 0 ? digit : AuditBytes.checkLetterLength(b, i)
    }
}
