import Foundation
import PubsyncCore

/// Feed dates: an item's publication moment. The text forms (RFC 3339, RFC 822) are `Timestamp`'s.
enum FeedDates {
    /// 00:00 of `day` in `timeZone` (an item's publication time).
    static func startOfDay(_ day: LocalDate, in timeZone: TimeZone) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let parts = DateComponents(year: day.year, month: day.month, day: day.day)
        return calendar.date(from: parts) ?? calendar.startOfDay(for: Date(timeIntervalSince1970: 0))
    }
}
