import Foundation

/// Per-channel counts for a period, as the annual information-disclosure report states them.
public struct DisclosureReport: Sendable {
    /// Counts of one channel (or of all channels together).
    public struct Counts: Sendable, Hashable {
        /// Items dated in the period that were put on the channel by `asOf`.
        public var published = 0
        /// Of those, republished with a newer revision.
        public var updated = 0
        /// Of those, taken down (retracted) by `asOf`.
        public var retracted = 0
        /// published − retracted.
        public var live: Int { published - retracted }
    }

    /// One channel's figures.
    public struct Channel: Sendable {
        /// The channel's configured name (JSON and the terminal table).
        public var name: String
        /// The channel's name for readers (`ConfiguredChannel.displayTitle`).
        public var title: String
        /// Totals.
        public var counts = Counts()
        /// By category.
        public var byCategory: [String: Counts] = [:]
        /// Published by month (1...12 of each year in the period), keyed `YYYY-MM`.
        public var byMonth: [String: Int] = [:]
    }

    /// First day of the period.
    public var from: LocalDate
    /// Last day of the period.
    public var to: LocalDate
    /// The moment the figures are as of.
    public var asOf: Date
    /// The zone times are printed in.
    public var timeZone: TimeZone
    /// The office's full name (`[disclosure] office`), for headings; nil when not configured.
    public var office: String?
    /// Per channel, in config order.
    public var channels: [Channel]
    /// Across channels: an item on several channels counts once.
    public var total = Counts()
    /// Across channels by category.
    public var totalByCategory: [String: Counts] = [:]
    /// When the period is a year whose report was filed: the filing and what changed since.
    public var filing: FilingNote?
    /// Category order for listings (`column_order`); categories not listed follow in character order.
    public var categoryOrder = ColumnOrder()
}

extension ItemStore {
    /// Builds the report from the timestamped events, so a past report can be reproduced.
    public func disclosureReport(from: LocalDate, to: LocalDate, asOf: Date, channels: [ConfiguredChannel],
                                 timeZone: TimeZone = TimeZone(identifier: "Asia/Shanghai")!,
                                 office: String? = nil) throws -> DisclosureReport {
        struct Track {
            var published = false
            var firstRev = Int.max
            var lastRev = 0
            var date: LocalDate?
            var category = ""
            var takenDown = false
            var live = false
        }
        var perChannel: [String: [String: Track]] = [:]
        try channelEvents(through: asOf) { event in
            var track = perChannel[event.channel]?[event.item] ?? Track()
            switch event.action {
            case .removed, .takenDown:
                track.live = false
                track.takenDown = event.action == .takenDown
            default:
                let rev = event.rev ?? 0
                track.published = true
                track.live = true
                track.takenDown = false
                track.firstRev = min(track.firstRev, rev)
                track.lastRev = max(track.lastRev, rev)
                if let date = event.published { track.date = date }
                if let category = event.category { track.category = category }
            }
            perChannel[event.channel, default: [:]][event.item] = track
        }
        var report = DisclosureReport(from: from, to: to, asOf: asOf, timeZone: timeZone, office: office, channels: [])
        var unionPublished = Set<String>(), unionUpdated = Set<String>(), unionLive = Set<String>()
        var unionCategory: [String: String] = [:]
        for configured in channels {
            var channel = DisclosureReport.Channel(name: configured.name, title: configured.displayTitle)
            for (item, track) in perChannel[configured.name] ?? [:] {
                guard track.published, let date = track.date, date >= from, date <= to else { continue }
                let updated = track.lastRev > track.firstRev
                let retracted = !track.live && track.takenDown
                channel.counts.published += 1
                channel.counts.updated += updated ? 1 : 0
                channel.counts.retracted += retracted ? 1 : 0
                var category = channel.byCategory[track.category] ?? .init()
                category.published += 1
                category.updated += updated ? 1 : 0
                category.retracted += retracted ? 1 : 0
                channel.byCategory[track.category] = category
                let month = String(date.description.prefix(7))
                channel.byMonth[month, default: 0] += 1
                unionPublished.insert(item)
                unionCategory[item] = track.category
                if updated { unionUpdated.insert(item) }
                if !retracted { unionLive.insert(item) }
            }
            report.channels.append(channel)
        }
        report.total.published = unionPublished.count
        report.total.updated = unionUpdated.count
        report.total.retracted = unionPublished.count - unionLive.count
        for item in unionPublished {
            var counts = report.totalByCategory[unionCategory[item] ?? ""] ?? .init()
            counts.published += 1
            counts.updated += unionUpdated.contains(item) ? 1 : 0
            counts.retracted += unionLive.contains(item) ? 0 : 1
            report.totalByCategory[unionCategory[item] ?? ""] = counts
        }
        return report
    }
}
