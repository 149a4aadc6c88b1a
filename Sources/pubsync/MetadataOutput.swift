import Foundation
import PubsyncCore

extension Terminal {
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
