import Foundation

extension AnnualReport {
    /// `report --official --format json`: `year`, `as_of`, `channels` (part one's), `section2`,
    /// `section3`, `section4` as DESIGN.md gives them, plus `office`, `total`, `text`,
    /// `nothing_received`, and `filed`/`changes` once the report was filed.
    public struct JSON: Codable, Sendable, Equatable {
        /// The year.
        public var year: Int
        /// The office.
        public var office: String
        /// ISO 8601 with offset.
        public var as_of: String
        /// Part one's channel objects.
        public var channels: [DisclosureReport.JSON.ChannelJSON]
        /// Part one's total.
        public var total: DisclosureReport.JSON.TotalJSON
        /// Section 二.
        public var section2: Section2
        /// Section 三: row key → 7 numbers.
        public var section3: [String: [Int]]
        /// Section 四: group → 5 numbers.
        public var section4: [String: [Int]]
        /// The office's prose: `overview`, `problems`, `other`.
        public var text: [String: String]
        /// Whether every figure of 三 and 四 is zero.
        public var nothing_received: Bool
        /// The filing, once filed.
        public var filed: DisclosureReport.JSON.FiledJSON?
        /// Figures changed since the filing.
        public var changes: [DisclosureReport.JSON.ChangeJSON]?
    }

    /// Section 二 in JSON: `{"规章":{"issued","repealed","in_force"},"行政规范性文件":{…},"行政许可":N,…,"行政事业性收费":X}`.
    public struct Section2: Codable, Sendable, Equatable {
        /// 规章 and 行政规范性文件.
        public var documents: [String: DocumentCounts]
        /// 行政许可, 行政处罚, 行政强制 (counts) and 行政事业性收费 (万元).
        public var proactive: [String: Double]

        struct Key: CodingKey {
            var stringValue: String
            var intValue: Int? { nil }
            init(_ string: String) { stringValue = string }
            init?(stringValue: String) { self.stringValue = stringValue }
            init?(intValue: Int) { nil }
        }

        /// Creates the section.
        public init(documents: [String: DocumentCounts], proactive: [String: Double]) {
            self.documents = documents
            self.proactive = proactive
        }

        /// Encodes the counts as whole numbers and the fee amount as a number.
        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: Key.self)
            for (genre, counts) in documents { try container.encode(counts, forKey: Key(genre)) }
            for (key, value) in proactive {
                if key == "行政事业性收费" { try container.encode(value, forKey: Key(key)) } else { try container.encode(Int(value), forKey: Key(key)) }
            }
        }

        /// Decodes what `encode` writes.
        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: Key.self)
            documents = [:]
            proactive = [:]
            for key in container.allKeys {
                if OfficialFormat.documentGenres.contains(key.stringValue) {
                    documents[key.stringValue] = try container.decode(DocumentCounts.self, forKey: key)
                } else {
                    proactive[key.stringValue] = try container.decode(Double.self, forKey: key)
                }
            }
        }
    }

    /// The typed JSON value.
    public var json: JSON {
        let part = channels.json
        return JSON(year: year, office: office, as_of: part.as_of, channels: part.channels, total: part.total,
                    section2: Section2(documents: Dictionary(uniqueKeysWithValues: OfficialFormat.documentGenres.map { ($0, documentCounts($0)) }),
                                       proactive: figures.proactive),
                    section3: Dictionary(uniqueKeysWithValues: OfficialFormat.applicationKeys.map { ($0, figures.application($0)) }),
                    section4: Dictionary(uniqueKeysWithValues: OfficialFormat.reviewRows.map { ($0.key, figures.review($0.key)) }),
                    text: ["overview": figures.overview, "problems": figures.problems, "other": figures.other],
                    nothing_received: figures.nothingReceived,
                    filed: filing.map { FilingNote.filedJSON($0.filing, in: timeZone) },
                    changes: filing.map { $0.changes.map(FilingNote.changeJSON) })
    }

    /// The JSON text (one object, keys sorted, then a newline).
    public func jsonText() throws -> String {
        try ReportJSON.encode(json)
    }

    /// The report in `format` (`html`, `md` or `json`).
    public func rendering(_ format: String) throws -> String {
        switch format {
        case "md": return markdownDocument()
        case "json": return try jsonText()
        default: return html()
        }
    }
}
