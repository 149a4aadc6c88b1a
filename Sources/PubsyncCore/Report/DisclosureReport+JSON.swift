import Foundation

extension DisclosureReport {
    /// `report --format json`: the shape of the command-line contract, plus `title`, `office`,
    /// `updated` in the total, and `filed`/`changes` once the year's report was filed.
    public struct JSON: Codable, Sendable, Equatable {
        /// The period.
        public var period: Period
        /// ISO 8601 with offset.
        public var as_of: String
        /// The office, when configured.
        public var office: String?
        /// Per channel, in config order.
        public var channels: [ChannelJSON]
        /// Across channels, each item once.
        public var total: TotalJSON
        /// The filing of the year's report, when there was one.
        public var filed: FiledJSON?
        /// Figures changed since the filing.
        public var changes: [ChangeJSON]?

        /// `{"from","to"}`.
        public struct Period: Codable, Sendable, Equatable {
            public var from: String
            public var to: String
        }

        /// One channel's counts.
        public struct ChannelJSON: Codable, Sendable, Equatable {
            public var name: String
            public var title: String
            public var published: Int
            public var updated: Int
            public var retracted: Int
            public var live: Int
            public var by_category: [String: Int]
        }

        /// Counts across channels.
        public struct TotalJSON: Codable, Sendable, Equatable {
            public var published: Int
            public var updated: Int
            public var retracted: Int
            public var live: Int
        }

        /// `{"at","by","sha256","format"}`.
        public struct FiledJSON: Codable, Sendable, Equatable {
            public var at: String
            public var by: String
            public var sha256: String
            public var format: String
        }

        /// `{"figure","label","filed","now"}`.
        public struct ChangeJSON: Codable, Sendable, Equatable {
            public var figure: String
            public var label: String
            public var filed: Double?
            public var now: Double?
        }
    }

    /// The typed JSON value.
    public var json: JSON {
        JSON(period: .init(from: from.description, to: to.description),
             as_of: ReportTime.iso(asOf, in: timeZone),
             office: office,
             channels: channels.map { channel in
                 .init(name: channel.name, title: channel.title, published: channel.counts.published, updated: channel.counts.updated,
                       retracted: channel.counts.retracted, live: channel.counts.live,
                       by_category: channel.byCategory.mapValues(\.published))
             },
             total: .init(published: total.published, updated: total.updated, retracted: total.retracted, live: total.live),
             filed: filing.map { FilingNote.filedJSON($0.filing, in: timeZone) },
             changes: filing.map { $0.changes.map(FilingNote.changeJSON) })
    }

    /// The JSON text (one object, keys sorted, then a newline).
    public func jsonText() throws -> String {
        try ReportJSON.encode(json)
    }
}

extension FilingNote {
    static func filedJSON(_ filing: ReportFiling, in zone: TimeZone) -> DisclosureReport.JSON.FiledJSON {
        .init(at: ReportTime.iso(filing.at, in: zone), by: filing.by, sha256: filing.sha256, format: filing.format)
    }

    static func changeJSON(_ change: FigureChange) -> DisclosureReport.JSON.ChangeJSON {
        .init(figure: change.key, label: change.label, filed: change.filed, now: change.now)
    }
}

/// The one JSON encoding of report output: sorted keys, no escaped slashes, a final newline.
enum ReportJSON {
    static func encode(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self) + "\n"
    }
}
