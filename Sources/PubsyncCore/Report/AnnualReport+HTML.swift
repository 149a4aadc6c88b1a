import Foundation

extension AnnualReport {
    /// The preamble under the title.
    var preamble: String {
        "本报告依据《中华人民共和国政府信息公开条例》和《中华人民共和国政府信息公开工作年度报告格式》（国办公开办函〔2021〕30号）编制，"
            + "统计期间为\(year)年1月1日至\(year)年12月31日。"
    }

    /// The office's prose for a section, or 无。 when it gave none.
    static func prose(_ text: String) -> [String] {
        let paragraphs = text.components(separatedBy: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        return paragraphs.isEmpty ? ["无。"] : paragraphs
    }

    /// One self-contained HTML page in the office's name and year that prints on A4: no
    /// script, no external asset, table rows never split across pages.
    public func html() -> String {
        let e: (String) -> String = Markup.escape
        let headings = OfficialFormat.sectionHeadings
        var body = "<header>\n<h1>\(e(title))</h1>\n<p class=\"meta\">\(e(preamble))\(e(channels.asOfText))。</p>\n"
        if let filing { body += filing.html(in: timeZone) }
        body += "</header>\n"

        body += "<section>\n<h2>\(headings[0])</h2>\n"
        if !figures.overview.isEmpty { body += Self.prose(figures.overview).map { "<p>\(e($0))</p>\n" }.joined() }
        body += "<p>\(e(channels.summarySentence))</p>\n" + channelTableHTML() + "</section>\n"

        body += "<section>\n<h2>\(headings[1])</h2>\n" + section2HTML() + "</section>\n"

        body += "<section>\n<h2>\(headings[2])</h2>\n"
        body += figures.nothingReceived ? "<p class=\"none\">\(e(OfficialFormat.nothingReceived))</p>\n" : section3HTML()
        body += "</section>\n"

        body += "<section>\n<h2>\(headings[3])</h2>\n"
        body += figures.nothingReceived ? "<p class=\"none\">无（见本报告第三部分）。</p>\n" : section4HTML()
        body += "</section>\n"

        for (index, text) in [(4, figures.problems), (5, figures.other)] {
            body += "<section>\n<h2>\(headings[index])</h2>\n" + Self.prose(text).map { "<p>\(e($0))</p>\n" }.joined() + "</section>\n"
        }
        body += "<footer><p>\(e(office))</p><p>\(e(ReportTime.day(asOf, in: timeZone)))</p></footer>\n"
        return ReportPage.html(title: title, style: Self.style, body: body)
    }

    func channelTableHTML() -> String {
        let e: (String) -> String = Markup.escape
        var out = "<table class=\"channels\">\n<thead><tr><th scope=\"col\">发布渠道</th><th scope=\"col\">主动公开（条）</th><th scope=\"col\">其中更新（条）</th>"
            + "<th scope=\"col\">已撤回（条）</th><th scope=\"col\">现存（条）</th></tr></thead>\n<tbody>\n"
        for channel in channels.channels {
            let c = channel.counts
            out += "<tr><th scope=\"row\">\(e(channel.title))</th><td>\(c.published)</td><td>\(c.updated)</td><td>\(c.retracted)</td><td>\(c.live)</td></tr>\n"
        }
        let t = channels.total
        return out + "<tr class=\"total\"><th scope=\"row\">合计（去重）</th><td>\(t.published)</td><td>\(t.updated)</td><td>\(t.retracted)</td><td>\(t.live)</td></tr>\n</tbody>\n</table>\n"
    }

    func section2HTML() -> String {
        var out = "<table class=\"proactive\">\n<tbody>\n"
        out += "<tr class=\"block\"><th colspan=\"4\">第二十条第（一）项</th></tr>\n"
        out += "<tr><th scope=\"col\">\(OfficialFormat.contentColumn)</th>" + OfficialFormat.documentColumns.map { "<th scope=\"col\">\($0)</th>" }.joined() + "</tr>\n"
        for genre in OfficialFormat.documentGenres {
            let c = documentCounts(genre)
            out += "<tr><th scope=\"row\">\(genre)</th><td>\(c.issued)</td><td>\(c.repealed)</td><td>\(c.inForce)</td></tr>\n"
        }
        var block = ""
        for row in OfficialFormat.proactiveRows {
            if row.block != block {
                block = row.block
                out += "<tr class=\"block\"><th colspan=\"4\">\(row.block)</th></tr>\n"
                out += "<tr><th scope=\"col\">\(OfficialFormat.contentColumn)</th><th colspan=\"3\" scope=\"col\">\(row.column)</th></tr>\n"
            }
            out += "<tr><th scope=\"row\">\(row.key)</th><td colspan=\"3\">\(Self.number(figures.proactive[row.key] ?? 0))</td></tr>\n"
        }
        return out + "</tbody>\n</table>\n"
    }

    func section3HTML() -> String {
        let columns = OfficialFormat.applicantColumns
        var out = "<table class=\"applications\">\n<thead>\n"
        out += "<tr><th rowspan=\"3\" class=\"corner\">\(OfficialFormat.applicationCorner)</th><th colspan=\"7\">\(OfficialFormat.applicantGroup)</th></tr>\n"
        out += "<tr><th rowspan=\"2\" scope=\"col\">\(columns[0])</th><th colspan=\"5\">\(OfficialFormat.organisationGroup)</th>"
            + "<th rowspan=\"2\" scope=\"col\">\(columns[6])</th></tr>\n"
        out += "<tr>" + columns[1...5].map { "<th scope=\"col\">\($0)</th>" }.joined() + "</tr>\n</thead>\n<tbody>\n"
        for line in OfficialFormat.applicationLines {
            let label = "<th scope=\"row\" class=\"level\(line.level)\">\(Markup.escape(line.label))</th>"
            if let key = line.key {
                out += "<tr>\(label)" + figures.application(key).map { "<td>\($0)</td>" }.joined() + "</tr>\n"
            } else {
                out += "<tr class=\"group\">\(label)<td colspan=\"7\"></td></tr>\n"
            }
        }
        return out + "</tbody>\n</table>\n"
    }

    func section4HTML() -> String {
        var out = "<table class=\"reviews\">\n<thead>\n"
        out += "<tr><th colspan=\"5\" rowspan=\"2\">行政复议</th><th colspan=\"10\">行政诉讼</th></tr>\n"
        out += "<tr><th colspan=\"5\">未经复议直接起诉</th><th colspan=\"5\">复议后起诉</th></tr>\n"
        out += "<tr>" + String(repeating: OfficialFormat.reviewColumns.map { "<th scope=\"col\">\($0)</th>" }.joined(), count: 3) + "</tr>\n"
        out += "</thead>\n<tbody>\n<tr>"
        for (key, _) in OfficialFormat.reviewRows { out += figures.review(key).map { "<td>\($0)</td>" }.joined() }
        return out + "</tr>\n</tbody>\n</table>\n"
    }

    /// Screen and A4 print styles: CJK fonts, ruled tables, rows never split, headings kept with what follows.
    static let style = """
    @page { size: A4; margin: 18mm 15mm 18mm 15mm; }
    body { font-family: "Noto Serif CJK SC", "Noto Sans CJK SC", "Source Han Serif SC", "SimSun", serif; max-width: 190mm; margin: 1.5em auto; padding: 0 1em; color: #000; line-height: 1.6; font-size: 11pt; }
    h1 { font-size: 18pt; text-align: center; margin: 0 0 .6em; }
    h2 { font-size: 13pt; margin: 1.2em 0 .5em; break-after: avoid; page-break-after: avoid; }
    p { margin: .4em 0; text-indent: 2em; }
    .meta, footer p, p.none { text-indent: 0; }
    .meta { color: #333; font-size: 10pt; }
    .filed { border: 1px solid #888; padding: .3em .8em; margin: .6em 0; font-size: 10pt; }
    .filed p { text-indent: 0; }
    table { border-collapse: collapse; width: 100%; margin: .5em 0 1em; font-size: 9.5pt; }
    th, td { border: 1px solid #000; padding: .25em .4em; text-align: center; vertical-align: middle; }
    tbody th[scope="row"] { text-align: left; font-weight: normal; }
    thead th, tr.block th { background: #f0f0f0; font-weight: bold; }
    tr.total th, tr.total td { font-weight: bold; }
    tr, th, td { break-inside: avoid; page-break-inside: avoid; }
    thead { display: table-header-group; }
    table.applications th.corner { width: 42%; font-weight: normal; font-size: 8.5pt; }
    table.applications .level1 { padding-left: 1.2em; }
    table.applications .level2 { padding-left: 2.4em; }
    table.applications td { width: 8%; }
    table.reviews { font-size: 8.5pt; }
    table.reviews th, table.reviews td { padding: .2em .15em; }
    footer { margin-top: 2em; text-align: right; }
    @media print { body { max-width: none; margin: 0; padding: 0; } }
    """
}
