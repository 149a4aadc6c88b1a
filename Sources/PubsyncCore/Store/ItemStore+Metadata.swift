import Foundation
import GRDB

/// How the disclosure metadata is kept in the `revisions` table: one column per field, the
/// keyword list and `extra` as JSON text.
enum MetadataColumns {
    /// The columns, in the order of `values(_:)`.
    static let names = ["written", "subject", "genre", "keywords", "effective", "valid_until", "repealed", "repealed_by", "extra"]

    /// The SQL list of normative genres, for statements that copy validity dates onto the item.
    static let normativeGenresSQL = Validity.normativeGenres.sorted().map { "'\($0)'" }.joined(separator: ", ")

    /// The column values of `metadata`.
    static func values(_ metadata: DisclosureMetadata) -> [(any DatabaseValueConvertible)?] {
        [metadata.written?.description, metadata.subject, metadata.genre, json(metadata.keywords),
         metadata.effective?.description, metadata.validUntil?.description, metadata.repealed?.description,
         metadata.repealedBy, json(metadata.extra)]
    }

    /// The metadata of a `revisions` row read with its column names.
    static func metadata(_ row: Row) -> DisclosureMetadata {
        metadata { row[names[$0]] }
    }

    /// The metadata of a row that holds the columns of `names`, in order, from index `first`
    /// (no look-up by name: a full publish reads 100,000 such rows, twice).
    static func metadata(_ row: Row, from first: Int) -> DisclosureMetadata {
        metadata { row[first + $0] }
    }

    /// The metadata from its columns' values, by position in `names`.
    private static func metadata(_ column: (Int) -> String?) -> DisclosureMetadata {
        let keywords = column(3) ?? "[]"
        let extra = column(8) ?? "{}"
        return DisclosureMetadata(
            written: column(0).flatMap(LocalDate.init), subject: column(1) ?? "", genre: column(2) ?? "",
            keywords: keywords == "[]" ? [] : (try? JSONDecoder().decode([String].self, from: Data(keywords.utf8))) ?? [],
            effective: column(4).flatMap(LocalDate.init),
            validUntil: column(5).flatMap(LocalDate.init),
            repealed: column(6).flatMap(LocalDate.init), repealedBy: column(7) ?? "",
            extra: extra == "{}" ? [:] : (try? JSONDecoder().decode([String: String].self, from: Data(extra.utf8))) ?? [:])
    }

    private static func json<T: Encodable>(_ value: T) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: (try? encoder.encode(value)) ?? Data("null".utf8), as: UTF8.self)
    }
}

extension ItemStore {
    /// The validity dates an item row carries for planning: those of a normative revision, else none.
    static func plannedValidity(_ metadata: DisclosureMetadata) -> (validUntil: String?, repealed: String?) {
        guard metadata.isNormative else { return (nil, nil) }
        return (metadata.validUntil?.description, metadata.repealed?.description)
    }
}
