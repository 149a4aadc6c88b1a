/// `cn-id-number`: mainland resident identity card numbers (GB 11643-1999).
///
/// 18-digit numbers need a valid check character and a real birth date
/// (1900–2099); 15-digit legacy numbers, which have no check character, need a
/// real 19YY birth date and a real province code. Full-width digits count as
/// digits. Only whole digit runs are considered, so a longer run (an account or
/// serial number) never yields a match. An 18-character number may also be written
/// in groups (`370303 19800101 1234`, `3703-0319-8001-0112-34`, `370303**19800101**1234`):
/// then it must also begin with a province code.
public struct CNIDNumberRule: AuditRule {
    /// The config name.
    public static let ruleName = "cn-id-number"
    /// The config name.
    public var name: String { Self.ruleName }

    /// Makes the rule.
    public init() {}

    /// Every valid ID number in `text`.
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
                let start = i
                var count = 0
                while i < n, case let length = AuditBytes.digitLength(b, i), length > 0 {
                    i += length
                    count += 1
                }
                var end: Int?
                if count == 15 || count == 17 || count == 18 {
                    end = Self.idEnd(b, start: start, end: i, digits: count)
                } else if count < 15, i < n, b[i] != 0x2E {
                    end = Self.groupedIDEnd(b, start: start, firstEnd: i, firstCount: count)
                }
                if let end {
                    findings.append(AuditFinding(
                        rule: Self.ruleName,
                        excerpt: AuditExcerpt.make(b, match: start..<end, maskMatch: true),
                        utf8Offset: start))
                    i = end
                }
            }
            return findings
        }
    }

    /// End of the ID number made by the digit run `start..<end`, or nil when it is none.
    static func idEnd(_ b: AuditBytes.Bytes, start: Int, end: Int, digits count: Int) -> Int? {
        var values: [Int] = []
        values.reserveCapacity(18)
        var i = start
        while i < end {
            values.append(AuditBytes.digitValue(b, i))
            i += AuditBytes.digitLength(b, i)
        }
        let letter = AuditBytes.checkLetterLength(b, end)
        switch count {
        case 15:
            // An X after 15 digits makes a 16-character token, not a legacy ID.
            guard letter == 0 else { return nil }
            return isLegacyID(values) ? end : nil
        case 17:
            // The X must end the token: `…123Xabc` is some other code.
            guard letter > 0, !AuditBytes.isASCIIAlphanumeric(b, end + letter) else { return nil }
            return isValidID(values, check: 10) ? end + letter : nil
        default:
            guard letter == 0 else { return nil }
            return isValidID(Array(values[0..<17]), check: values[17]) ? end : nil
        }
    }

    /// End of an 18-character ID number written in 2 to 6 groups, the first being the digit run
    /// `start..<firstEnd`; nil when the groups do not make exactly one valid number.
    static func groupedIDEnd(_ b: AuditBytes.Bytes, start: Int, firstEnd: Int, firstCount: Int) -> Int? {
        // A group preceded by digits and a separator continues a longer number: not a start.
        let before = AuditBytes.blankLength(endingAt: start, b) + AuditBytes.hyphenLength(endingAt: start, b)
        if before > 0, AuditBytes.digitLength(endingAt: start - before, b) > 0 { return nil }
        var values: [Int] = []
        values.reserveCapacity(18)
        var i = start
        while i < firstEnd {
            values.append(AuditBytes.digitValue(b, i))
            i += AuditBytes.digitLength(b, i)
        }
        var groups = 1
        while values.count < 17 {
            let separator = AuditBytes.numberSeparatorLength(b, i)
            guard separator > 0, i + separator < b.count, AuditBytes.digitLength(b, i + separator) > 0, groups < 6 else { return nil }
            i += separator
            groups += 1
            while i < b.count, case let length = AuditBytes.digitLength(b, i), length > 0 {
                values.append(AuditBytes.digitValue(b, i))
                i += length
                if values.count > 18 { return nil }
            }
        }
        guard groups > 1, provinceCodes.contains(values[0] * 10 + values[1]) else { return nil }
        if values.count == 17 {
            let letter = AuditBytes.checkLetterLength(b, i)
            guard letter > 0, !AuditBytes.isASCIIAlphanumeric(b, i + letter) else { return nil }
            return isValidID(values, check: 10) ? i + letter : nil
        }
        guard AuditBytes.checkLetterLength(b, i) == 0, !AuditBytes.isASCIIAlphanumeric(b, i) else { return nil }
        return isValidID(Array(values[0..<17]), check: values[17]) ? i : nil
    }

    /// GB 11643-1999 weights of the first 17 digits.
    static let weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    /// The check value (X is 10) for each weighted sum mod 11.
    static let checkValues = [1, 0, 10, 9, 8, 7, 6, 5, 4, 3, 2]

    /// Whether 17 digits and a check value (X = 10) form a valid 18-digit ID.
    static func isValidID(_ digits: [Int], check: Int) -> Bool {
        var sum = 0
        for k in 0..<17 { sum += digits[k] * weights[k] }
        guard checkValues[sum % 11] == check else { return false }
        let year = number(digits, 6..<10)
        return (1900...2099).contains(year)
            && isRealDate(year: year, month: number(digits, 10..<12), day: number(digits, 12..<14))
    }

    /// Whether 15 digits form a legacy ID: a province code and a real 19YYMMDD date.
    static func isLegacyID(_ digits: [Int]) -> Bool {
        provinceCodes.contains(number(digits, 0..<2))
            && isRealDate(year: 1900 + number(digits, 6..<8),
                          month: number(digits, 8..<10), day: number(digits, 10..<12))
    }

    /// Province-level codes of GB/T 2260, which begin every legacy number.
    ///
    /// Legacy numbers carry no check character, so the code keeps 15-digit business
    /// registration and serial numbers that happen to contain a date from being flagged.
    static let provinceCodes: Set<Int> = [
        11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37,
        41, 42, 43, 44, 45, 46, 50, 51, 52, 53, 54, 61, 62, 63, 64, 65,
    ]

    /// Whether year-month-day is a day of the Gregorian calendar.
    static func isRealDate(year: Int, month: Int, day: Int) -> Bool {
        guard (1...12).contains(month), day >= 1 else { return false }
        let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
        let days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        return day <= days[month - 1]
    }

    /// The decimal number formed by `digits[range]`.
    private static func number(_ digits: [Int], _ range: Range<Int>) -> Int {
        digits[range].reduce(0) { $0 * 10 + $1 }
    }
}
