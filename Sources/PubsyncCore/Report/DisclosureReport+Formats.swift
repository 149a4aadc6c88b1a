import Foundation

extension DisclosureReport {
    /// Categories that appear anywhere in the report, sorted.
    var categories: [String] {
        Array(Set(channels.flatMap { $0.byCategory.keys })).sorted()
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
        "\(from.year)年\(from.month)月\(from.day)日至\(to.year)年\(to.month)月\(to.day)日"
    }

    /// The channel's name for readers: its title, else what its kind is called.
    static func displayName(_ channel: Channel) -> String {
        if let title = channel.title, !title.isEmpty { return title }
        switch channel.kind {
        case "static-site": return "本单位网站"
        case "http-push": return "市政府门户网站"
        case "feed": return "政务微博"
        default: return channel.name
        }
    }

    /// How the annual report names what was done on a channel, e.g. 在淄博市交通运输局网站主动公开政府信息98条.
    static func sentence(for channel: Channel) -> String {
        let count = channel.counts.published
        switch channel.kind {
        case "static-site": return "在\(channel.title ?? "本单位")网站主动公开政府信息\(count)条"
        case "http-push": return "在市政府门户网站主动公开政府信息\(count)条"
        case "feed": return "通过\(channel.title ?? "政务微博")发布政府信息\(count)条"
        default: return "在\(Self.displayName(channel))主动公开政府信息\(count)条"
        }
    }

    /// The Markdown section for the statistics part of an annual information-disclosure report.
    public func markdown() -> String {
        var out = "### 主动公开政府信息情况（\(periodText)）\n\n"
        let sentences = channels.map(Self.sentence(for:)).joined(separator: "，")
        out += "本年度，\(sentences)；各渠道去重后共主动公开政府信息\(total.published)条，其中更新\(total.updated)条，已撤回\(total.retracted)条，现存\(total.live)条。\n\n"
        out += "| 发布渠道 | 主动公开（条） | 其中更新（条） | 已撤回（条） | 现存（条） |\n|---|---:|---:|---:|---:|\n"
        for channel in channels {
            out += "| \(Self.displayName(channel))（\(channel.name)） | \(channel.counts.published) | \(channel.counts.updated) | \(channel.counts.retracted) | \(channel.counts.live) |\n"
        }
        out += "| 合计（去重） | \(total.published) | \(total.updated) | \(total.retracted) | \(total.live) |\n\n"
        out += "| 信息类别 | " + channels.map { "\(Self.displayName($0))" }.joined(separator: " | ") + " | 合计（去重） |\n"
        out += "|---|" + String(repeating: "---:|", count: channels.count + 1) + "\n"
        for category in categories {
            out += "| \(category) | " + channels.map { "\($0.byCategory[category]?.published ?? 0)" }.joined(separator: " | ")
                + " | \(totalByCategory[category]?.published ?? 0) |\n"
        }
        out += "\n统计截至\(Self.timestamp(asOf))，数据来源：pubsync 发布台账。\n"
        return out
    }

    /// An aligned plain-text table for the terminal.
    public func table() -> String {
        var rows: [[String]] = [["CHANNEL", "PUBLISHED", "UPDATED", "RETRACTED", "LIVE"]]
        for channel in channels {
            rows.append([channel.name, "\(channel.counts.published)", "\(channel.counts.updated)", "\(channel.counts.retracted)", "\(channel.counts.live)"])
        }
        rows.append(["total (each item once)", "\(total.published)", "\(total.updated)", "\(total.retracted)", "\(total.live)"])
        let out = "period \(from) to \(to), as of \(Self.timestamp(asOf))\n" + Self.align(rows) + "\n"
        var categoryRows: [[String]] = [["CATEGORY"] + channels.map(\.name) + ["total"]]
        for category in categories {
            categoryRows.append([category] + channels.map { "\($0.byCategory[category]?.published ?? 0)" } + ["\(totalByCategory[category]?.published ?? 0)"])
        }
        return out + Self.align(categoryRows)
    }

    /// The JSON object of the command-line contract.
    public func jsonObject() -> [String: Any] {
        [
            "period": ["from": from.description, "to": to.description],
            "as_of": Self.timestamp(asOf),
            "channels": channels.map { channel -> [String: Any] in
                ["name": channel.name, "published": channel.counts.published, "updated": channel.counts.updated,
                 "retracted": channel.counts.retracted, "live": channel.counts.live,
                 "by_category": channel.byCategory.mapValues { $0.published }]
            },
            "total": ["published": total.published, "retracted": total.retracted, "live": total.live],
        ]
    }

    static func timestamp(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(identifier: "Asia/Shanghai")
        return formatter.string(from: date)
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
