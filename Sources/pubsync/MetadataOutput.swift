import Foundation
import PubsyncCore

extension Terminal {
    /// The disclosure fields of a revision as `show --json` keys (dates `YYYY-MM-DD` or null).
    static func metadataJSON(_ metadata: DisclosureMetadata, today: LocalDate) -> [String: Any] {
        [
            "written": json(metadata.written?.description), "subject": metadata.subject, "genre": metadata.genre,
            "keywords": metadata.keywords, "effective": json(metadata.effective?.description),
            "valid_until": json(metadata.validUntil?.description), "repealed": json(metadata.repealed?.description),
            "repealed_by": metadata.repealedBy, "extra": metadata.extra,
            "validity": json(metadata.validity(on: today)?.rawValue),
        ]
    }

    /// The set disclosure fields of a revision as (label, value) lines for `show`.
    static func metadataLines(_ content: RevisionContent, today: LocalDate) -> [(String, String)] {
        let metadata = content.metadata
        var lines: [(String, String)] = []
        func add(_ label: String, _ value: String?) { if let value, !value.isEmpty { lines.append((label, value)) } }
        add("索引号", content.indexNumber)
        add("文号", content.docNumber)
        add("发布机构", content.unit)
        add("成文日期", metadata.written?.description)
        add("主题分类", metadata.subject)
        add("体裁", metadata.genre)
        add("主题词", metadata.keywords.joined(separator: " "))
        add("施行日期", metadata.effective?.description)
        add("有效期至", metadata.validUntil?.description)
        add("废止日期", metadata.repealed?.description)
        add("废止依据", metadata.repealedBy)
        add("有效性", metadata.validity(on: today)?.rawValue)
        for key in metadata.extra.keys.sorted() { add("extra." + key, metadata.extra[key]) }
        return lines
    }
}
