import Foundation

/// A calendar date without a time (`YYYY-MM-DD`), as items carry their publication date.
public struct LocalDate: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    /// Year, e.g. 2014.
    public let year: Int
    /// Month, 1...12.
    public let month: Int
    /// Day of the month, 1...31.
    public let day: Int

    /// Creates a date when the parts name a real calendar day, else returns nil.
    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month), day >= 1,
              day <= LocalDate.daysIn(month: month, year: year) else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses exactly `YYYY-MM-DD`; anything else (or an impossible day) is nil.
    public init?(_ text: String) {
        let bytes = Array(text.utf8)
        guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-") else { return nil }
        func number(_ range: Range<Int>) -> Int? {
            var value = 0
            for index in range {
                let byte = bytes[index]
                guard byte >= 48, byte <= 57 else { return nil }
                value = value * 10 + Int(byte - 48)
            }
            return value
        }
        guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10) else { return nil }
        self.init(year: year, month: month, day: day)
    }

    /// The date as `YYYY-MM-DD`.
    public var description: String {
        String(unsafeUninitializedCapacity: 10) { buffer in
            withDigits { index, byte in buffer[index] = byte }
            return 10
        }
    }

    /// Appends `description`'s bytes (no string made: digests and sitemaps take 100,000).
    public func appendDescription(to bytes: inout [UInt8]) {
        withDigits { _, byte in bytes.append(byte) }
    }

    /// The ten bytes of `YYYY-MM-DD` in order (the year has 4 digits: `init` checks 1…9999).
    private func withDigits(_ emit: (Int, UInt8) -> Void) {
        func digit(_ n: Int) -> UInt8 { UInt8(48 + n) }
        emit(0, digit(year / 1000)); emit(1, digit(year / 100 % 10)); emit(2, digit(year / 10 % 10)); emit(3, digit(year % 10))
        emit(4, 45); emit(5, digit(month / 10)); emit(6, digit(month % 10))
        emit(7, 45); emit(8, digit(day / 10)); emit(9, digit(day % 10))
    }

    /// Days since 0001-01-01 (proleptic Gregorian); handy for ordering and arithmetic.
    public var ordinal: Int {
        let y = month <= 2 ? year - 1 : year
        let m = month <= 2 ? month + 12 : month
        return 365 * y + y / 4 - y / 100 + y / 400 + (153 * (m - 3) + 2) / 5 + day - 307
    }

    /// The calendar day of `date` in `timeZone`.
    public init(_ date: Date, in timeZone: TimeZone) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        self.year = parts.year!
        self.month = parts.month!
        self.day = parts.day!
    }

    /// Compares by calendar order.
    public static func < (lhs: LocalDate, rhs: LocalDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    /// Encodes as the `YYYY-MM-DD` string.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }

    /// Decodes from a `YYYY-MM-DD` string.
    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let date = LocalDate(text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not a YYYY-MM-DD date: \(text)"))
        }
        self = date
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }
}

/// One item as a channel publishes it: the fields of its approved revision.
public struct PublishedItem: Sendable, Hashable {
    /// Stable slug id, `[a-z0-9][a-z0-9._-]{0,127}`.
    public var id: String
    /// The approved revision number being published.
    public var revision: Int
    /// Title (plain text).
    public var title: String
    /// Short summary (plain text, may be empty).
    public var summary: String
    /// Body in Markdown.
    public var body: String
    /// Category, i.e. the column the item belongs to (e.g. 政务公告).
    public var category: String
    /// Publishing body (发布机构).
    public var unit: String
    /// Index number (索引号); may contain `/`.
    public var indexNumber: String
    /// Document number (文号); may be empty.
    public var docNumber: String
    /// Publication date.
    public var published: LocalDate
    /// When this revision was approved (the entry's "updated" time on channels that show one).
    public var updated: Date
    /// SHA-256 (hex) of the revision's canonical encoding; channels store and echo it.
    public var contentHash: String
    /// The other disclosure fields of the revision.
    public var metadata: DisclosureMetadata
    /// The derived validity on the day of the sync (nil for genres without one).
    public var validity: Validity?
    /// Files published with it, in order; their bytes are in the store's `AttachmentFiles`.
    public var attachments: [Attachment]

    /// Creates an item value; every field but the metadata is given explicitly.
    public init(id: String, revision: Int, title: String, summary: String, body: String, category: String,
                unit: String, indexNumber: String, docNumber: String, published: LocalDate, updated: Date,
                contentHash: String, metadata: DisclosureMetadata = DisclosureMetadata(), validity: Validity? = nil,
                attachments: [Attachment] = []) {
        self.id = id
        self.revision = revision
        self.title = title
        self.summary = summary
        self.body = body
        self.category = category
        self.unit = unit
        self.indexNumber = indexNumber
        self.docNumber = docNumber
        self.published = published
        self.updated = updated
        self.contentHash = contentHash
        self.metadata = metadata
        self.validity = validity
        self.attachments = attachments
    }
}
