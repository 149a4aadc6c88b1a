import PubsyncCore

/// What a reviewer reads: the metadata side by side and the body as a line diff between the
/// approved revision and the one awaiting review (the standard library's `difference(from:)`).
struct RevisionDiff {
    /// One metadata field, before and after.
    struct Field {
        let label: String
        let old: String
        let new: String
        var changed: Bool { old != new }
    }

    /// One line of the body diff.
    struct Line {
        enum Kind: String { case same, add, del, skip }
        let kind: Kind
        let text: String
    }

    let fields: [Field]
    let lines: [Line]

    /// Unchanged lines shown around each change; longer unchanged runs are folded.
    static let context = 3

    /// Compares `old` (nil for a new item: everything is added) with `new`.
    init(old: RevisionContent?, new: RevisionContent) {
        // Fields empty on both sides are left out (most items have few of the optional ones).
        fields = Self.fieldTexts(new).enumerated().map { index, entry in
            Field(label: entry.label, old: old.map { Self.fieldTexts($0)[index].value } ?? "", new: entry.value)
        }.filter { !($0.old.isEmpty && $0.new.isEmpty) }
        let before = old.map { Self.bodyLines($0) } ?? []
        let after = Self.bodyLines(new)
        lines = Self.fold(Self.interleave(before, after))
    }

    /// The metadata fields reviewers check, in display order.
    static func fieldTexts(_ content: RevisionContent) -> [(label: String, value: String)] {
        let meta = content.metadata
        let date = { (day: LocalDate?) in day?.description ?? "" }
        let extra = meta.extra.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: "；")
        return [("标题", content.title), ("摘要", content.summary), ("栏目", content.category), ("发布机构", content.unit),
                ("索引号", content.indexNumber), ("文号", content.docNumber), ("成文日期", date(meta.written)),
                ("发布日期", content.published.description), ("主题分类", meta.subject), ("体裁", meta.genre),
                ("主题词", meta.keywords.joined(separator: "、")), ("施行日期", date(meta.effective)), ("有效期至", date(meta.validUntil)),
                ("废止日期", date(meta.repealed)), ("废止依据", meta.repealedBy), ("其他字段", extra),
                ("发布渠道", content.channels.map { $0.joined(separator: "、") } ?? "按渠道规则"), ("敏感信息", content.sensitive ? "是" : "否")]
    }

    static func bodyLines(_ content: RevisionContent) -> [String] {
        var lines = content.body.split(separator: "\n", omittingEmptySubsequences: false).map { String($0) }
        if lines.last == "" { lines.removeLast() }
        return lines
    }

    /// Old and new lines in reading order: removed lines before the lines that replace them.
    static func interleave(_ old: [String], _ new: [String]) -> [Line] {
        let difference = new.difference(from: old)
        var removed = Set<Int>(), inserted = Set<Int>()
        for change in difference {
            switch change {
            case .remove(let offset, _, _): removed.insert(offset)
            case .insert(let offset, _, _): inserted.insert(offset)
            }
        }
        var result: [Line] = []
        var i = 0, j = 0
        while i < old.count || j < new.count {
            if i < old.count, removed.contains(i) {
                result.append(Line(kind: .del, text: old[i])); i += 1
            } else if j < new.count, inserted.contains(j) {
                result.append(Line(kind: .add, text: new[j])); j += 1
            } else {
                if j < new.count { result.append(Line(kind: .same, text: new[j])) }
                i += 1; j += 1
            }
        }
        return result
    }

    /// Folds unchanged runs longer than twice the context into one "skipped" line.
    static func fold(_ lines: [Line]) -> [Line] {
        var result: [Line] = []
        var index = 0
        while index < lines.count {
            guard lines[index].kind == .same else { result.append(lines[index]); index += 1; continue }
            var end = index
            while end < lines.count, lines[end].kind == .same { end += 1 }
            let run = lines[index..<end]
            let keepHead = index == 0 ? 0 : context, keepTail = end == lines.count ? 0 : context
            if run.count > keepHead + keepTail + 1 {
                result += run.prefix(keepHead)
                result.append(Line(kind: .skip, text: "（未改动 \(run.count - keepHead - keepTail) 行）"))
                result += run.suffix(keepTail)
            } else {
                result += run
            }
            index = end
        }
        return result
    }
}
