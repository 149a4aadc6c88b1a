import Foundation

extension DisclosureReport {
    /// A self-contained HTML page: the sentences, the tables, and an inline SVG chart of items
    /// per month per channel. No external assets, no script.
    public func html() -> String {
        let colors = ["#1f5fa8", "#c0392b", "#2e8b57", "#b7791f", "#6b46c1"]
        var body = "<h1>\(escape(heading))</h1>\n<p class=\"period\">统计期间：\(escape(periodText))；\(escape(asOfText))</p>\n"
        if let filing { body += filing.html(in: timeZone) }
        body += "<p>\(escape(summarySentence))</p>\n"
        body += "<h2>各渠道发布数量</h2>\n<table>\n<thead><tr><th>发布渠道</th><th>主动公开</th><th>其中更新</th><th>已撤回</th><th>现存</th></tr></thead>\n<tbody>\n"
        for channel in channels {
            body += "<tr><td>\(escape(channel.title))</td><td>\(channel.counts.published)</td><td>\(channel.counts.updated)</td><td>\(channel.counts.retracted)</td><td>\(channel.counts.live)</td></tr>\n"
        }
        body += "<tr class=\"total\"><td>合计（去重）</td><td>\(total.published)</td><td>\(total.updated)</td><td>\(total.retracted)</td><td>\(total.live)</td></tr>\n</tbody>\n</table>\n"
        body += "<h2>按月发布数量</h2>\n" + chart(colors: colors)
        body += "<h2>按信息类别</h2>\n<table>\n<thead><tr><th>信息类别</th>" + channels.map { "<th>\(escape($0.title))</th>" }.joined() + "<th>合计（去重）</th></tr></thead>\n<tbody>\n"
        for category in categories {
            body += "<tr><td>\(escape(category))</td>" + channels.map { "<td>\($0.byCategory[category]?.published ?? 0)</td>" }.joined()
                + "<td>\(totalByCategory[category]?.published ?? 0)</td></tr>\n"
        }
        body += "</tbody>\n</table>\n<p class=\"note\">数据来源：pubsync 发布台账（按信息发布日期统计；一条信息在多个渠道发布时，合计只计一次）。</p>\n"
        return ReportPage.html(title: heading, style: Self.style, body: body)
    }

    /// The page's inline style (screen; the chart scales with the page).
    static let style = """
    body { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", sans-serif; max-width: 960px; margin: 2em auto; padding: 0 1em; color: #222; line-height: 1.6; }
    h1 { font-size: 1.6em; border-bottom: 3px solid #1f5fa8; padding-bottom: .3em; }
    h2 { font-size: 1.2em; margin-top: 1.6em; color: #1f5fa8; }
    table { border-collapse: collapse; width: 100%; margin: .5em 0; }
    th, td { border: 1px solid #ccd; padding: .35em .6em; text-align: right; }
    th:first-child, td:first-child { text-align: left; }
    thead th { background: #eef3fa; }
    tr.total td { font-weight: bold; background: #f7f7f7; }
    .period, .note { color: #555; font-size: .9em; }
    svg { width: 100%; height: auto; }
    """

    func chart(colors: [String]) -> String {
        let months = self.months
        let width = 900.0, height = 320.0, left = 40.0, bottom = 40.0, top = 30.0
        let highest = max(1, channels.flatMap { channel in months.map { channel.byMonth[$0] ?? 0 } }.max() ?? 1)
        // Four whole-number gridlines.
        let maxValue = ((highest + 3) / 4) * 4
        let plotWidth = width - left - 10, plotHeight = height - bottom - top
        let groupWidth = plotWidth / Double(max(1, months.count))
        let barWidth = (groupWidth - 6) / Double(max(1, channels.count))
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(Int(width)) \(Int(height))\" role=\"img\" aria-label=\"各渠道按月发布数量\">\n"
        for step in 0...4 {
            let value = Double(maxValue) * Double(step) / 4
            let y = top + plotHeight - plotHeight * Double(step) / 4
            svg += "<line x1=\"\(left)\" y1=\(q(y)) x2=\"\(width - 10)\" y2=\(q(y)) stroke=\"#ddd\"/>"
            svg += "<text x=\"\(left - 6)\" y=\(q(y + 4)) font-size=\"11\" text-anchor=\"end\">\(Int(value.rounded()))</text>\n"
        }
        for (monthIndex, month) in months.enumerated() {
            let x0 = left + groupWidth * Double(monthIndex) + 3
            for (channelIndex, channel) in channels.enumerated() {
                let value = Double(channel.byMonth[month] ?? 0)
                let barHeight = plotHeight * value / Double(maxValue)
                let x = x0 + barWidth * Double(channelIndex)
                svg += "<rect x=\(q(x)) y=\(q(top + plotHeight - barHeight)) width=\(q(max(1, barWidth - 1))) height=\(q(barHeight)) fill=\"\(colors[channelIndex % colors.count])\"><title>\(escape(channel.title)) \(month)：\(Int(value))条</title></rect>"
            }
            let label = months.count <= 12 ? "\(Int(month.suffix(2)) ?? 0)月" : String(month.suffix(5))
            svg += "<text x=\(q(x0 + groupWidth / 2 - 3)) y=\(q(height - bottom + 16)) font-size=\"11\" text-anchor=\"middle\">\(label)</text>\n"
        }
        for (index, channel) in channels.enumerated() {
            let x = left + Double(index) * 170
            svg += "<rect x=\(q(x)) y=\"6\" width=\"12\" height=\"12\" fill=\"\(colors[index % colors.count])\"/><text x=\(q(x + 16)) y=\"16\" font-size=\"12\">\(escape(channel.title))</text>\n"
        }
        return svg + "</svg>\n"
    }

    private func q(_ value: Double) -> String { "\"\(String(format: "%.1f", value))\"" }

    private func escape(_ text: String) -> String { Markup.escape(text) }
}

extension FilingNote {
    /// The filing sentence and the changed figures as HTML.
    func html(in zone: TimeZone) -> String {
        var out = "<div class=\"filed\"><p><strong>\(Markup.escape(sentence(in: zone)))</strong>"
        if changes.isEmpty { return out + "报送后各项数据未发生变化。</p></div>\n" }
        out += "报送后以下数据发生变化：</p>\n<ul>\n"
        for line in changeLines { out += "<li>\(Markup.escape(line))</li>\n" }
        return out + "</ul></div>\n"
    }
}
