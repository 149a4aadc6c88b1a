import Foundation

/// The disclosure metadata of a revision beyond the index and document numbers (DESIGN.md,
/// "Disclosure metadata and validity"): every field optional, empty by default.
public struct DisclosureMetadata: Sendable, Hashable, Codable {
    /// 成文日期: the date the document was written (signed).
    public var written: LocalDate?
    /// 主题分类, e.g. `交通运输\公路`.
    public var subject: String
    /// 体裁, e.g. 规章, 行政规范性文件, 通知.
    public var genre: String
    /// 主题词.
    public var keywords: [String]
    /// 施行日期.
    public var effective: LocalDate?
    /// 有效期至: the day after, a normative document is 失效.
    public var validUntil: LocalDate?
    /// 废止日期: a normative document is 废止 from that day.
    public var repealed: LocalDate?
    /// 废止依据: an item id or a text such as a 文号.
    public var repealedBy: String
    /// A deployment's own fields, handed to templates as `extra.KEY`.
    public var extra: [String: String]

    /// Creates metadata; every field defaults to empty.
    public init(written: LocalDate? = nil, subject: String = "", genre: String = "", keywords: [String] = [],
                effective: LocalDate? = nil, validUntil: LocalDate? = nil, repealed: LocalDate? = nil,
                repealedBy: String = "", extra: [String: String] = [:]) {
        self.written = written
        self.subject = subject
        self.genre = genre
        self.keywords = keywords
        self.effective = effective
        self.validUntil = validUntil
        self.repealed = repealed
        self.repealedBy = repealedBy
        self.extra = extra
    }

    /// Whether no field is set (items imported before part two).
    public var isEmpty: Bool { self == DisclosureMetadata() }

    /// Whether the genre is one the law gives a validity (规章, 行政规范性文件).
    public var isNormative: Bool { Validity.normativeGenres.contains(genre) }

    /// The document's validity on `day`; nil for genres without one.
    public func validity(on day: LocalDate) -> Validity? {
        Validity.of(genre: genre, validUntil: validUntil, repealed: repealed, on: day)
    }
}

/// The derived validity (有效性) of a normative document. Never typed: it follows from the
/// genre, `valid_until`, `repealed` and the day.
public enum Validity: String, Sendable, Hashable, Codable, CaseIterable {
    /// 有效.
    case valid = "有效"
    /// 失效: the day after `valid_until`.
    case lapsed = "失效"
    /// 废止: from `repealed`.
    case repealed = "废止"

    /// The genres that have a validity and a required 文号.
    public static let normativeGenres: Set<String> = ["规章", "行政规范性文件"]

    /// The one rule: nil for other genres; 废止 from `repealed`; 失效 after `validUntil`; else 有效.
    public static func of(genre: String, validUntil: LocalDate?, repealed: LocalDate?, on day: LocalDate) -> Validity? {
        guard normativeGenres.contains(genre) else { return nil }
        return dated(validUntil: validUntil, repealed: repealed, on: day)
    }

    /// The validity of a normative document with these dates on `day`.
    public static func dated(validUntil: LocalDate?, repealed: LocalDate?, on day: LocalDate) -> Validity {
        if let repealed, day >= repealed { return .repealed }
        if let validUntil, day > validUntil { return .lapsed }
        return .valid
    }
}

extension LocalDate {
    /// The calendar day after this one.
    public var nextDay: LocalDate {
        if let next = LocalDate(year: year, month: month, day: day + 1) { return next }
        if let next = LocalDate(year: year, month: month + 1, day: 1) { return next }
        return LocalDate(year: year + 1, month: 1, day: 1) ?? self
    }
}
