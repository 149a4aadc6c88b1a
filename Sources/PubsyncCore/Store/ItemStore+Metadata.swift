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
        let keywords: String = row["keywords"] ?? "[]"
        let extra: String = row["extra"] ?? "{}"
        return DisclosureMetadata(
            written: (row["written"] as String?).flatMap(LocalDate.init), subject: row["subject"] ?? "", genre: row["genre"] ?? "",
            keywords: keywords == "[]" ? [] : (try? JSONDecoder().decode([String].self, from: Data(keywords.utf8))) ?? [],
            effective: (row["effective"] as String?).flatMap(LocalDate.init),
            validUntil: (row["valid_until"] as String?).flatMap(LocalDate.init),
            repealed: (row["repealed"] as String?).flatMap(LocalDate.init), repealedBy: row["repealed_by"] ?? "",
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
