/// `cn-id-number`: mainland resident identity card numbers (GB 11643-1999).
///
/// 18-digit numbers need a valid check character and a real birth date
/// (1900–2099); 15-digit legacy numbers, which have no check character, need a
/// real 19YY birth date and a real province code. Full-width digits count as
/// digits. Only whole digit runs are considered, so a longer run (an account or
/// serial number) never yields a match.
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
                if count == 15 || count == 17 || count == 18,
                   let end = Self.idEnd(b, start: start, end: i, digits: count) {
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
