import Foundation

extension AnnualReport {
    /// The report as Markdown (what `--publish` imports): the same six sections and tables.
    public func markdown() -> String {
        let m = MarkdownText.inline
        let headings = OfficialFormat.sectionHeadings
        var out = "\(m(preamble))\(m(channels.asOfText))。\n\n"
        if let filing { out += filing.markdown(in: timeZone) }

        out += "## \(headings[0])\n\n"
        if !figures.overview.isEmpty { out += Self.prose(figures.overview).map { m($0) + "\n\n" }.joined() }
        out += m(channels.summarySentence) + "\n\n" + channels.markdownChannelTable() + "\n"

        out += "## \(headings[1])\n\n" + section2Markdown() + "\n"

        out += "## \(headings[2])\n\n"
        out += figures.nothingReceived ? "\(OfficialFormat.nothingReceived)\n\n" : section3Markdown() + "\n"

        out += "## \(headings[3])\n\n"
        out += figures.nothingReceived ? "无（见本报告第三部分）。\n\n" : section4Markdown() + "\n"

        for (index, text) in [(4, figures.problems), (5, figures.other)] {
            out += "## \(headings[index])\n\n" + Self.prose(text).map { m($0) + "\n\n" }.joined()
        }
        return out
    }

    /// The Markdown with the title as a first-level heading (a stand-alone file).
    public func markdownDocument() -> String {
        "# \(MarkdownText.inline(title))\n\n" + markdown()
    }

    func section2Markdown() -> String {
        var out = "| \(OfficialFormat.contentColumn)（第二十条第（一）项） | " + OfficialFormat.documentColumns.joined(separator: " | ") + " |\n"
        out += "|---|---:|---:|---:|\n"
        for genre in OfficialFormat.documentGenres {
            let c = documentCounts(genre)
            out += "| \(genre) | \(c.issued) | \(c.repealed) | \(c.inForce) |\n"
        }
        out += "\n| \(OfficialFormat.contentColumn) | 项目 | 数量 |\n|---|---|---:|\n"
        for row in OfficialFormat.proactiveRows {
            out += "| \(row.key)（\(row.block)） | \(row.column) | \(Self.number(figures.proactive[row.key] ?? 0)) |\n"
        }
        return out
    }

    func section3Markdown() -> String {
        let columns = OfficialFormat.applicantColumns
        var out = "申请人情况：自然人；法人或其他组织（商业企业、科研机构、社会公益组织、法律服务机构、其他）；总计。\(OfficialFormat.applicationCorner)\n\n"
        out += "| 办理情况 | " + columns.joined(separator: " | ") + " |\n|---|" + String(repeating: "---:|", count: columns.count) + "\n"
        for line in OfficialFormat.applicationLines {
            let indent = String(repeating: "　", count: line.level)
            if let key = line.key {
                out += "| \(indent)\(line.label) | " + figures.application(key).map(String.init).joined(separator: " | ") + " |\n"
            } else {
                out += "| \(indent)\(line.label) |" + String(repeating: " |", count: columns.count) + "\n"
            }
        }
        return out
    }

    func section4Markdown() -> String {
        var out = "| 类别 | " + OfficialFormat.reviewColumns.joined(separator: " | ") + " |\n|---|" + String(repeating: "---:|", count: 5) + "\n"
        for (key, group) in OfficialFormat.reviewRows {
            let label = group == key ? key : "\(group)（\(key)）"
            out += "| \(label) | " + figures.review(key).map(String.init).joined(separator: " | ") + " |\n"
        }
        return out
    }
}
