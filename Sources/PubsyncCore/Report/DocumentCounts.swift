import Foundation

/// A 规章 or 行政规范性文件 as section 二 counts it: by its own dates, never by when it was published
/// on a channel.
public struct NormativeDocument: Sendable, Hashable {
    /// The item id.
    public var id: String
    /// `规章` or `行政规范性文件`.
    public var genre: String
    /// 成文日期, when given.
    public var written: LocalDate?
    /// 发布日期.
    public var published: LocalDate
    /// 有效期至: 有效 through that day, 失效 from the next.
    public var validUntil: LocalDate?
    /// 废止日期: 废止 from that day.
    public var repealed: LocalDate?

    /// Creates a document record.
    public init(id: String, genre: String, written: LocalDate?, published: LocalDate, validUntil: LocalDate?, repealed: LocalDate?) {
        self.id = id
        self.genre = genre
        self.written = written
        self.published = published
        self.validUntil = validUntil
        self.repealed = repealed
    }

    /// The day it was issued (制发): its 成文日期, else its 发布日期.
    public var issued: LocalDate { written ?? published }
}

/// 第二十条第（一）项 figures of one genre.
public struct DocumentCounts: Sendable, Hashable, Codable {
    /// 本年制发件数: issued in the year.
    public var issued = 0
    /// 本年废止件数: repealed in the year (a lapse at `valid_until` is not a repeal).
    public var repealed = 0
    /// 现行有效件数: issued on or before 31 December and 有效 that day.
    public var inForce = 0

    /// Creates counts.
    public init(issued: Int = 0, repealed: Int = 0, inForce: Int = 0) {
        self.issued = issued
        self.repealed = repealed
        self.inForce = inForce
    }

    enum CodingKeys: String, CodingKey {
        case issued, repealed
        case inForce = "in_force"
    }

    /// The counts of each of `OfficialFormat.documentGenres` for `year`.
    public static func tally(_ documents: [NormativeDocument], year: Int) -> [String: DocumentCounts] {
        var counts = Dictionary(uniqueKeysWithValues: OfficialFormat.documentGenres.map { ($0, DocumentCounts()) })
        let lastDay = LocalDate(year: year, month: 12, day: 31)!
        for document in documents where counts[document.genre] != nil {
            if document.issued.year == year { counts[document.genre]!.issued += 1 }
            if document.repealed?.year == year { counts[document.genre]!.repealed += 1 }
            if document.issued <= lastDay, document.isInForce(on: lastDay) { counts[document.genre]!.inForce += 1 }
        }
        return counts
    }
}

extension NormativeDocument {
    /// Whether the document is 有效 on `day`: not yet repealed and not lapsed.
    func isInForce(on day: LocalDate) -> Bool {
        Validity.dated(validUntil: validUntil, repealed: repealed, on: day) == .valid
    }
}
