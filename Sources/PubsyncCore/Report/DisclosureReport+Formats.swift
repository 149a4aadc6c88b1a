import Foundation

extension DisclosureReport {
    /// Categories that appear anywhere in the report, in `categoryOrder`, the rest in character order.
    var categories: [String] {
        categoryOrder.sorted(channels.flatMap { $0.byCategory.keys })
    }

    /// The months of the period, `YYYY-MM`.
    var months: [String] {
        var result: [String] = []
        var year = from.year, month = from.month
        while (year, month) <= (to.year, to.month) {
            result.append(String(format: "%04d-%02d", year, month))
            month += 1
            if month > 12 { month = 1; year += 1 }
        }
        return result
    }

    /// The period in Chinese, e.g. 2014年1月1日至2014年12月31日.
    var periodText: String {
        "\(ReportTime.day(from))至\(ReportTime.day(to))"
    }

    /// The calendar year when the period is exactly one, else nil.
    public var year: Int? {
        from.year == to.year && from.month == 1 && from.day == 1 && to.month == 12 && to.day == 31 ? from.year : nil
    }

    /// The heading: the office and the year, e.g. 淄博市交通运输局2014年政府信息主动公开情况统计.
    var heading: String {
        let office = self.office ?? ""
        if let year { return "\(office)\(year)年政府信息主动公开情况统计" }
        return "\(office)政府信息主动公开情况统计（\(periodText)）"
    }

    /// The report's opening sentence, e.g. 本年度，在淄博市交通运输局网站主动公开政府信息98条，…
    var summarySentence: String {
        let sentences = channels.map { "在\($0.title)主动公开政府信息\($0.counts.published)条" }.joined(separator: "，")
        let lead = year != nil ? "本年度" : "统计期间"
        let channelsPart = sentences.isEmpty ? "" : "\(lead)，\(sentences)；"
        return "\(channelsPart)各渠道去重后共主动公开政府信息\(total.published)条，其中更新\(total.updated)条，已撤回\(total.retracted)条，现存\(total.live)条。"
    }

    /// "统计截至2015年1月31日 10:00".
    var asOfText: String { "统计截至\(ReportTime.words(asOf, in: timeZone))" }

    /// Every figure of the report with a stable key (what a filing records and later runs compare).
    public var figures: [ReportFigure] {
        var figures: [ReportFigure] = []
        func add(_ prefix: String, _ label: String, _ counts: Counts) {
            figures.append(ReportFigure(key: "\(prefix).published", label: "\(label) 主动公开", value: Double(counts.published)))
            figures.append(ReportFigure(key: "\(prefix).updated", label: "\(label) 其中更新", value: Double(counts.updated)))
            figures.append(ReportFigure(key: "\(prefix).retracted", label: "\(label) 已撤回", value: Double(counts.retracted)))
            figures.append(ReportFigure(key: "\(prefix).live", label: "\(label) 现存", value: Double(counts.live)))
        }
        for channel in channels { add("channels.\(channel.name)", channel.title, channel.counts) }
        add("total", "合计（去重）", total)
        return figures
    }

    /// The channel table as Markdown rows (shared by part one's Markdown and the official report).
    func markdownChannelTable() -> String {
        var out = "| 发布渠道 | 主动公开（条） | 其中更新（条） | 已撤回（条） | 现存（条） |\n|---|---:|---:|---:|---:|\n"
        for channel in channels {
            out += "| \(MarkdownText.cell(channel.title)) | \(channel.counts.published) | \(channel.counts.updated) | \(channel.counts.retracted) | \(channel.counts.live) |\n"
        }
        return out + "| 合计（去重） | \(total.published) | \(total.updated) | \(total.retracted) | \(total.live) |\n"
    }

    /// The Markdown section for the statistics part of an annual information-disclosure report.
    public func markdown() -> String {
        var out = "## \(MarkdownText.inline(heading))\n\n"
        if let filing { out += filing.markdown(in: timeZone) }
        out += MarkdownText.inline(summarySentence) + "\n\n" + markdownChannelTable() + "\n"
        out += "| 信息类别 | " + channels.map { MarkdownText.cell($0.title) }.joined(separator: " | ") + " | 合计（去重） |\n"
        out += "|---|" + String(repeating: "---:|", count: channels.count + 1) + "\n"
        for category in categories {
            out += "| \(MarkdownText.cell(category)) | " + channels.map { "\($0.byCategory[category]?.published ?? 0)" }.joined(separator: " | ")
                + " | \(totalByCategory[category]?.published ?? 0) |\n"
        }
        out += "\n\(asOfText)，数据来源：pubsync 发布台账。\n"
        return out
    }

    /// An aligned plain-text table for the terminal.
    public func table() -> String {
        var rows: [[String]] = [["CHANNEL", "PUBLISHED", "UPDATED", "RETRACTED", "LIVE"]]
        for channel in channels {
            rows.append([channel.name, "\(channel.counts.published)", "\(channel.counts.updated)", "\(channel.counts.retracted)", "\(channel.counts.live)"])
        }
        rows.append(["total (each item once)", "\(total.published)", "\(total.updated)", "\(total.retracted)", "\(total.live)"])
        var out = "period \(from) to \(to), as of \(Timestamp.rfc3339(asOf, in: timeZone))\n"
        if let filing {
            out += "filed on \(Timestamp.rfc3339(filing.filing.at, in: timeZone)) by \(filing.filing.by); "
                + (filing.changes.isEmpty ? "no figure has changed since\n" : "changed since: " + filing.changeLines.joined(separator: "; ") + "\n")
        }
        out += Self.align(rows) + "\n"
        var categoryRows: [[String]] = [["CATEGORY"] + channels.map(\.name) + ["total"]]
        for category in categories {
            categoryRows.append([category] + channels.map { "\($0.byCategory[category]?.published ?? 0)" } + ["\(totalByCategory[category]?.published ?? 0)"])
        }
        return out + Self.align(categoryRows)
    }

    static func align(_ rows: [[String]]) -> String {
        func width(_ text: String) -> Int {
            text.unicodeScalars.reduce(0) { $0 + (($1.value >= 0x2E80 && $1.value <= 0xFFEF) ? 2 : 1) }
        }
        var widths = Array(repeating: 0, count: rows.map(\.count).max() ?? 0)
        for row in rows { for (index, cell) in row.enumerated() { widths[index] = max(widths[index], width(cell)) } }
        return rows.map { row in
            row.enumerated().map { index, cell in
                index == row.count - 1 ? cell : cell + String(repeating: " ", count: widths[index] - width(cell) + 2)
            }.joined()
        }.joined(separator: "\n")
    }
}

extension FilingNote {
    /// The filing sentence and the changed figures as Markdown.
    func markdown(in zone: TimeZone) -> String {
        var out = "**\(sentence(in: zone))**"
        if changes.isEmpty { return out + "报送后各项数据未发生变化。\n\n" }
        out += "报送后以下数据发生变化：\n\n"
        for line in changeLines { out += "- \(MarkdownText.inline(line))\n" }
        return out + "\n"
    }
}

/// Escaping for text placed in generated Markdown (office names, titles and the office's prose).
enum MarkdownText {
    /// Text in a table cell: no pipe or line break may end the cell early.
    static func cell(_ text: String) -> String { inline(text) }

    /// Text inline: Markdown punctuation and HTML escaped, line breaks folded.
    static func inline(_ text: String) -> String {
        var out = ""
        for character in text {
            switch character {
            case "\\", "`", "*", "_", "[", "]", "#", "<", ">", "|", "~": out += "\\\(character)"
            case "\n", "\r": out += " "
            default: out.append(character)
            }
        }
        return out
    }

    /// A paragraph block of the office's prose: paragraphs kept, each line escaped.
    static func paragraphs(_ text: String) -> String {
        text.components(separatedBy: "\n").map { inline($0.trimmingCharacters(in: .whitespaces)) }.joined(separator: "\n")
    }
}
