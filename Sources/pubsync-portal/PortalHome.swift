/// The portal's own page at `/`: what the city portal holds, newest first, 50 to a page
/// (`/?page=N`), with the disclosure metadata columns. Chinese chrome, every value escaped,
/// no script.
enum PortalHome {
    /// Items per page.
    static let pageSize = 50

    /// Renders page `page` showing `items` of `total`.
    static func page(items: [PortalItem], total: Int, page: Int) -> String {
        let pages = max(1, (total + pageSize - 1) / pageSize)
        var html = """
            <!DOCTYPE html>
            <html lang="zh-CN">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <meta http-equiv="Content-Security-Policy" content="default-src 'self'; script-src 'none'; style-src 'unsafe-inline'">
            <title>城市政府门户 · 信息公开接收列表\(page > 1 ? "（第 \(page) 页）" : "")</title>
            <style>
            \(style)</style>
            </head>
            <body>
            <header class="masthead"><div class="wrap"><span class="brand">城市政府门户</span> <span class="sub">政府信息公开 · 接收列表</span></div></header>
            <main class="wrap">
            <h1>信息公开接收列表</h1>
            <p class="count">共收到 \(total) 条信息\(total > 0 ? "，第 \(min(page, pages)) / \(pages) 页" : "")。</p>

            """
        if items.isEmpty {
            html += "<p class=\"empty\">\(total == 0 ? "暂无信息。" : "本页没有信息。")</p>\n"
        } else {
            html += "<div class=\"table-wrap\" role=\"region\" aria-label=\"信息列表\" tabindex=\"0\">\n<table>\n<thead><tr>"
            for header in ["标题", "栏目", "发布机构", "索引号", "文号", "主题分类", "体裁", "成文日期", "发布日期", "有效性", "版本"] {
                html += "<th scope=\"col\">\(header)</th>"
            }
            html += "</tr></thead>\n<tbody>\n"
            for item in items {
                let title = item.url.isEmpty ? escape(item.title)
                    : "<a href=\"\(escape(item.url))\">\(escape(item.title))</a>"
                let disclosure = item.disclosure
                html += "<tr id=\"\(escape(item.id))\"><td class=\"title\">\(title)</td><td class=\"nowrap\">\(escape(item.category))</td><td class=\"nowrap\">\(escape(item.unit))</td>"
                html += "<td class=\"nowrap\">\(escape(item.indexNumber))</td><td class=\"nowrap\">\(escape(item.docNumber))</td><td>\(escape(disclosure.subject))</td>"
                html += "<td>\(escape(disclosure.genre))</td><td class=\"nowrap\">\(escape(disclosure.written))</td><td class=\"nowrap\">\(escape(item.published))</td>"
                let lapsed = disclosure.validity == "失效" || disclosure.validity == "废止"
                html += "<td class=\"validity\(lapsed ? " lapsed" : "")\">\(escape(disclosure.validity))</td>"
                html += "<td>\(item.revision)</td></tr>\n"
            }
            html += "</tbody>\n</table>\n</div>\n"
        }
        if pages > 1 {
            html += "<nav class=\"pager\" aria-label=\"翻页\">"
            if page > 1 { html += "<a href=\"/?page=\(page - 1)\" rel=\"prev\">上一页</a> " }
            for number in pageNumbers(current: page, count: pages) {
                if number == 0 { html += "<span>…</span> "; continue }
                html += number == page ? "<span aria-current=\"page\">\(number)</span> " : "<a href=\"/?page=\(number)\">\(number)</a> "
            }
            if page < pages { html += "<a href=\"/?page=\(page + 1)\" rel=\"next\">下一页</a>" }
            html += "</nav>\n"
        }
        html += "</main>\n<footer class=\"wrap foot\">pubsync-portal · 参考实现（Portal Push API）</footer>\n</body>\n</html>\n"
        return html
    }

    /// The page numbers the pager shows: the first, the last and two either side of the
    /// current one; 0 marks a gap.
    static func pageNumbers(current: Int, count: Int) -> [Int] {
        var numbers: [Int] = []
        for number in 1...count where number == 1 || number == count || abs(number - current) <= 2 {
            if let last = numbers.last, number > last + 1 { numbers.append(0) }
            numbers.append(number)
        }
        return numbers
    }

    static let style = """
        body{margin:0;color:#1f2328;background:#f4f6f8;font:15px/1.6 "Noto Sans CJK SC","PingFang SC","Microsoft YaHei",sans-serif}
        .wrap{max-width:90rem;margin:0 auto;padding:0 1rem}
        .masthead{background:#0f4c81;color:#fff}
        .masthead .wrap{padding-top:.9rem;padding-bottom:.9rem}
        .brand{font-size:1.4rem;font-weight:700;letter-spacing:.1em}
        .sub{margin-left:1rem;opacity:.9}
        main{background:#fff;padding-bottom:1.5rem}
        h1{font-size:1.3rem;margin:0;padding-top:1rem}
        .count,.empty,.foot{color:#555f6b;font-size:.9rem}
        .table-wrap{overflow-x:auto}
        .table-wrap:focus{outline:2px solid #0b4f9c}
        table{border-collapse:collapse;width:100%;font-size:.875rem}
        th,td{border:1px solid #d0d7de;padding:.35rem .5rem;text-align:left;vertical-align:top}
        th{background:#eef2f6;white-space:nowrap}
        tbody tr:nth-child(even){background:#fafbfc}
        td.title{min-width:16em}
        .nowrap{white-space:nowrap}
        a{color:#0b4f9c}
        .validity.lapsed{color:#9f1b1b;font-weight:700}
        .pager{display:flex;flex-wrap:wrap;gap:.4rem;margin-top:1rem}
        .pager a,.pager span{padding:.2rem .6rem;border:1px solid #d0d7de;text-decoration:none}
        .pager span[aria-current]{background:#0f4c81;color:#fff;border-color:#0f4c81}
        .foot{padding:1rem}

        """

    /// Escapes text for HTML element content and quoted attribute values.
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(character)
            }
        }
        return out
    }
}
