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
            /// First day, YYYY-MM-DD.
            public var from: String
            /// Last day, YYYY-MM-DD.
            public var to: String
        }

        /// One channel's counts.
        public struct ChannelJSON: Codable, Sendable, Equatable {
            /// The configured channel name.
            public var name: String
            /// The channel's name for readers.
            public var title: String
            /// Items published.
            public var published: Int
            /// Of those, republished with a newer revision.
            public var updated: Int
            /// Of those, taken down because retracted.
            public var retracted: Int
            /// published − retracted.
            public var live: Int
            /// Published per category.
            public var by_category: [String: Int]
        }

        /// Counts across channels.
        public struct TotalJSON: Codable, Sendable, Equatable {
            /// Items published.
            public var published: Int
            /// Of those, republished with a newer revision.
            public var updated: Int
            /// Of those, taken down because retracted.
            public var retracted: Int
            /// published − retracted.
            public var live: Int
        }

        /// `{"at","by","sha256","format"}`.
        public struct FiledJSON: Codable, Sendable, Equatable {
            /// When it was filed (ISO 8601 with offset).
            public var at: String
            /// Who filed it.
            public var by: String
            /// SHA-256 of the rendering filed.
            public var sha256: String
            /// That rendering's format.
            public var format: String
        }

        /// `{"figure","label","filed","now"}`.
        public struct ChangeJSON: Codable, Sendable, Equatable {
            /// The figure's key.
            public var figure: String
            /// Its label for readers.
            public var label: String
            /// As filed (absent: it did not exist then).
            public var filed: Double?
            /// Now.
            public var now: Double?
        }
    }

    /// The typed JSON value.
    public var json: JSON {
        JSON(period: .init(from: from.description, to: to.description),
             as_of: Timestamp.rfc3339(asOf, in: timeZone),
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

/// `report --format json` is a command's typed output, read back by tests.
extension DisclosureReport.JSON: CommandOutput {}

/// `report --official --format json` too.
extension AnnualReport.JSON: CommandOutput {}

extension FilingNote {
    static func filedJSON(_ filing: ReportFiling, in zone: TimeZone) -> DisclosureReport.JSON.FiledJSON {
        .init(at: Timestamp.rfc3339(filing.at, in: zone), by: filing.by, sha256: filing.sha256, format: filing.format)
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
