import Foundation

/// The one place that writes moments as text: RFC 3339 (the JSON contract's times, Atom and JSON
/// Feed dates) and RFC 822 (RSS), written by hand so that no locale can change them.
public enum Timestamp {
    private static let weekdays = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
    private static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// RFC 3339, whole seconds, with the zone's offset (`Z` for UTC): `2014-06-18T00:00:00+08:00`.
    public static func rfc3339(_ date: Date, in timeZone: TimeZone) -> String {
        let (parts, offset) = components(date, timeZone)
        return "\(pad(parts.year!, 4))-\(pad(parts.month!))-\(pad(parts.day!))T"
            + "\(pad(parts.hour!)):\(pad(parts.minute!)):\(pad(parts.second!))" + zone(offset, colon: true)
    }

    /// RFC 822 (as RFC 1123 refines it), with a numeric offset: `Wed, 18 Jun 2014 00:00:00 +0800`.
    public static func rfc822(_ date: Date, in timeZone: TimeZone) -> String {
        let (parts, offset) = components(date, timeZone)
        return "\(weekdays[parts.weekday! - 1]), \(pad(parts.day!)) \(months[parts.month! - 1]) \(pad(parts.year!, 4)) "
            + "\(pad(parts.hour!)):\(pad(parts.minute!)):\(pad(parts.second!)) " + zone(offset, colon: false)
    }

    /// Calendar fields of `date` (seconds truncated) at the zone's offset rounded to whole minutes,
    /// so that the printed offset and the printed time always agree.
    private static func components(_ date: Date, _ timeZone: TimeZone) -> (DateComponents, Int) {
        let seconds = date.timeIntervalSince1970.rounded(.down)
        let whole = Date(timeIntervalSince1970: seconds)
        let offset = timeZone.secondsFromGMT(for: whole) / 60 * 60
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(secondsFromGMT: offset) ?? TimeZone(identifier: "UTC")!
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second, .weekday], from: whole)
        return (parts, offset)
    }

    private static func zone(_ offset: Int, colon: Bool) -> String {
        if offset == 0 && colon { return "Z" }
        let sign = offset < 0 ? "-" : "+"
        let minutes = abs(offset) / 60
        return sign + pad(minutes / 60) + (colon ? ":" : "") + pad(minutes % 60)
    }

    private static func pad(_ value: Int, _ width: Int = 2) -> String {
        let text = String(value)
        return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
    }
}
