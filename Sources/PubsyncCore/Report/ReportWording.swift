import Foundation

/// Optional ability: how reports name a channel for readers, when its kind words it better than
/// its bare `title` (the site channel says 淄博市交通运输局网站 where its title is the office's name).
public protocol ReportNaming: ChannelAdapter {
    /// The channel's name in reports.
    var reportName: String { get }
}

extension ConfiguredChannel {
    /// The channel's name for readers: the adapter's own wording, else its `title` (every kind
    /// takes one), else its configured name.
    public var displayTitle: String {
        if let named = adapter as? any ReportNaming, !named.reportName.isEmpty { return named.reportName }
        if let title = try? settings.string("title"), !title.isEmpty { return title }
        return name
    }
}

/// Dates and times as reports print them: in words, in the configured time zone.
public enum ReportTime {
    /// A moment in words, e.g. 2015年1月31日 10:00.
    public static func words(_ date: Date, in zone: TimeZone) -> String {
        let parts = calendar(zone).dateComponents([.year, .month, .day, .hour, .minute], from: date)
        let minute = parts.minute ?? 0
        return "\(day(date, in: zone)) \(parts.hour ?? 0):\(minute < 10 ? "0" : "")\(minute)"
    }

    /// A moment's day in words, e.g. 2015年1月31日.
    public static func day(_ date: Date, in zone: TimeZone) -> String {
        let parts = calendar(zone).dateComponents([.year, .month, .day], from: date)
        return "\(parts.year ?? 0)年\(parts.month ?? 0)月\(parts.day ?? 0)日"
    }

    /// A calendar day in words, e.g. 2014年12月31日.
    public static func day(_ date: LocalDate) -> String {
        "\(date.year)年\(date.month)月\(date.day)日"
    }

    /// The last moment of `day` in `zone` (what `--as-of DATE` means).
    public static func endOfDay(_ day: LocalDate, in zone: TimeZone) -> Date {
        let calendar = calendar(zone)
        let start = calendar.date(from: DateComponents(year: day.year, month: day.month, day: day.day))!
        return calendar.date(byAdding: .day, value: 1, to: start)!.addingTimeInterval(-0.001)
    }

    private static func calendar(_ zone: TimeZone) -> Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        return calendar
    }
}
