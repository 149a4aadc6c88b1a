import Foundation
import PubsyncCore
import Testing

@Suite("Timestamp: RFC 3339 and RFC 822 written once, locale-proof")
struct TimestampTests {
    let shanghai = TimeZone(identifier: "Asia/Shanghai")!
    /// 2014-06-17T16:00:00.75Z = 2014-06-18 00:00:00.75 in Shanghai.
    let moment = Date(timeIntervalSince1970: 1_403_020_800.75)

    @Test("RFC 3339: whole seconds (truncated), the zone's offset, Z for UTC, negative offsets")
    func rfc3339() {
        #expect(Timestamp.rfc3339(moment, in: shanghai) == "2014-06-18T00:00:00+08:00")
        #expect(Timestamp.rfc3339(moment, in: TimeZone(identifier: "UTC")!) == "2014-06-17T16:00:00Z")
        #expect(Timestamp.rfc3339(moment, in: TimeZone(identifier: "America/St_Johns")!) == "2014-06-17T13:30:00-02:30")
        #expect(Timestamp.rfc3339(Date(timeIntervalSince1970: 0.999), in: TimeZone(identifier: "UTC")!) == "1970-01-01T00:00:00Z")
    }

    @Test("RFC 822: English day and month names whatever the locale, numeric offset")
    func rfc822() {
        #expect(Timestamp.rfc822(moment, in: shanghai) == "Wed, 18 Jun 2014 00:00:00 +0800")
        #expect(Timestamp.rfc822(moment, in: TimeZone(identifier: "UTC")!) == "Tue, 17 Jun 2014 16:00:00 +0000")
    }

    @Test("the same text as ISO8601DateFormatter gave for the JSON contract's times")
    func matchesFoundation() {
        let formatter = ISO8601DateFormatter()
        for zone in [shanghai, TimeZone(identifier: "UTC")!, TimeZone(identifier: "Europe/Berlin")!] {
            formatter.timeZone = zone
            for seconds in [0.0, 1_403_020_800, 1_735_689_599.5, 1_000_000_000.25] {
                let date = Date(timeIntervalSince1970: seconds)
                #expect(Timestamp.rfc3339(date, in: zone) == formatter.string(from: date), "\(seconds) \(zone.identifier)")
            }
        }
    }
}
