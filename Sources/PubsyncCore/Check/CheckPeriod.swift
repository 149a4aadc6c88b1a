import Foundation

/// A length of time a column may go without a new item: `"14d"`, `"2w"`, `"6m"`, `"1y"`.
public struct CheckPeriod: Sendable, Hashable, CustomStringConvertible {
    /// The unit of a period.
    public enum Unit: String, Sendable, Hashable {
        case day = "d", week = "w", month = "m", year = "y"
    }

    /// How many units.
    public var count: Int
    /// The unit.
    public var unit: Unit

    /// Parses `N` + `d`/`w`/`m`/`y` (N from 1 to 9999); nil for anything else.
    public init?(_ text: String) {
        guard let last = text.last, let unit = Unit(rawValue: String(last)),
              let count = Int(text.dropLast()), (1...9999).contains(count), text.first != "+" else { return nil }
        self.count = count
        self.unit = unit
    }

    /// Creates a period.
    public init(count: Int, unit: Unit) {
        self.count = count
        self.unit = unit
    }

    /// The text form, e.g. `6m`.
    public var description: String { "\(count)\(unit.rawValue)" }

    /// The earliest date that is still within the period ending on `day`: an item dated on or
    /// after it is recent enough. Months and years keep the day of the month (clamped).
    public func start(endingOn day: LocalDate) -> LocalDate {
        switch unit {
        case .day: return day.adding(days: -count)
        case .week: return day.adding(days: -7 * count)
        case .month: return day.adding(months: -count)
        case .year: return day.adding(months: -12 * count)
        }
    }
}

extension LocalDate {
    /// The date `days` days later (earlier when negative).
    public func adding(days: Int) -> LocalDate {
        LocalDate(ordinal: ordinal + days)
    }

    /// The same day of the month `months` months later (earlier when negative), clamped to
    /// the month's last day.
    public func adding(months: Int) -> LocalDate {
        let index = year * 12 + (month - 1) + months
        let y = index / 12, m = index % 12 + 1
        return LocalDate(year: y, month: m, day: min(day, LocalDate.daysIn(month: m, year: y)))!
    }

    /// The date with the given `ordinal` (days since 0001-01-01, as `ordinal` counts).
    init(ordinal: Int) {
        // Estimate the year, then correct it: `ordinal` is exact, the estimate is within one.
        var y = max(1, ordinal * 400 / 146_097)
        while LocalDate(year: y + 1, month: 1, day: 1).map({ $0.ordinal <= ordinal }) == true { y += 1 }
        while y > 1, LocalDate(year: y, month: 1, day: 1)!.ordinal > ordinal { y -= 1 }
        var m = 12
        while m > 1, LocalDate(year: y, month: m, day: 1)!.ordinal > ordinal { m -= 1 }
        let first = LocalDate(year: y, month: m, day: 1)!
        self = LocalDate(year: y, month: m, day: 1 + ordinal - first.ordinal)!
    }
}
