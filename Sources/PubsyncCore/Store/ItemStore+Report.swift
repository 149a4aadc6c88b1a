import Foundation
import GRDB

/// A put or a removal of an item on a channel, as the annual report counts it.
public struct ChannelEventRecord: Sendable, Hashable {
    /// The channel.
    public var channel: String
    /// The item.
    public var item: String
    /// `published`, `updated`, `refreshed`, `removed` or `takenDown`.
    public var action: EventAction
    /// The revision put (nil for removals).
    public var rev: Int?
    /// That revision's publication date.
    public var published: LocalDate?
    /// That revision's category.
    public var category: String?
}

extension ItemStore {
    /// The actions the report reads from the trail.
    static let reportedActions: [EventAction] = [.published, .updated, .refreshed, .removed, .takenDown]

    /// Every channel put and removal recorded up to `asOf`, oldest first.
    public func channelEvents(through asOf: Date, _ body: (ChannelEventRecord) throws -> Void) throws {
        try read { db in
            let actions = Self.reportedActions.map { "'\($0.rawValue)'" }.joined(separator: ", ")
            let rows = try Row.fetchCursor(db, sql: """
                SELECT e.channel, e.item_id, e.action, e.rev, r.published, r.category
                FROM events e LEFT JOIN revisions r ON r.item_id = e.item_id AND r.rev = e.rev
                WHERE e.channel IS NOT NULL AND e.at <= ? AND e.action IN (\(actions))
                ORDER BY e.id
                """, arguments: [asOf.timeIntervalSince1970])
            while let row = try rows.next() {
                guard let action = EventAction(rawValue: row[2]) else { continue }
                try body(ChannelEventRecord(channel: row[0], item: row[1], action: action, rev: row[3],
                                            published: (row[4] as String?).flatMap(LocalDate.init), category: row[5]))
            }
        }
    }
}

extension ItemStore {
    /// The detail of a `report-filed` event: the filing's payload (not prose; never reworded).
    private struct FilingDetail: Codable {
        var year: Int
        var sha256: String
        var format: String
        var figures: [String: Double]
    }

    /// Records the filing (报送) of a year's report: an event under the item id
    /// `annual-report-{year}`, carrying every figure and the rendering's SHA-256.
    public func recordFiling(_ filing: ReportFiling) throws {
        let detail = FilingDetail(year: filing.year, sha256: filing.sha256, format: filing.format, figures: filing.figures)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let text = String(decoding: try encoder.encode(detail), as: UTF8.self)
        try write { db in
            try logEvent(db, at: filing.at, actor: filing.by, action: .reportFiled, item: ReportFiling.itemID(year: filing.year), detail: text)
        }
    }

    /// The latest filing of `year`'s report, if it was filed.
    public func latestFiling(year: Int) throws -> ReportFiling? {
        let row = try read { db in
            try Row.fetchOne(db, sql: """
                SELECT at, actor, detail FROM events WHERE item_id = ? AND action = ? ORDER BY id DESC LIMIT 1
                """, arguments: [ReportFiling.itemID(year: year), EventAction.reportFiled.rawValue])
        }
        guard let row else { return nil }
        let text: String = row[2]
        guard let detail = try? JSONDecoder().decode(FilingDetail.self, from: Data(text.utf8)) else {
            throw PubsyncError(.store, "the filing of the \(year) report in the store cannot be read (event detail is not a filing)")
        }
        return ReportFiling(year: detail.year, at: Date(timeIntervalSince1970: row[0]), by: row[1], sha256: detail.sha256,
                            format: detail.format, figures: detail.figures)
    }
}

extension ItemStore {
    /// Every approved 规章 and 行政规范性文件 (retracted ones included: they were still issued),
    /// with the dates of its approved revision.
    public func normativeDocuments() throws -> [NormativeDocument] {
        try read { db in
            let genres = OfficialFormat.documentGenres.map { "'\($0)'" }.joined(separator: ", ")
            return try Row.fetchAll(db, sql: """
                SELECT i.id, r.genre, r.written, r.published, r.valid_until, r.repealed
                FROM items i JOIN revisions r ON r.item_id = i.id AND r.rev = i.approved_rev
                WHERE r.genre IN (\(genres))
                ORDER BY i.id
                """).compactMap { row in
                guard let published = LocalDate(row[3] as String) else { return nil }
                return NormativeDocument(id: row[0], genre: row[1], written: (row[2] as String?).flatMap(LocalDate.init),
                                         published: published, validUntil: (row[4] as String?).flatMap(LocalDate.init),
                                         repealed: (row[5] as String?).flatMap(LocalDate.init))
            }
        }
    }
}
