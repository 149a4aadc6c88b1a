/// The plain HTML list at `/` (Chinese chrome; every value HTML-escaped).
enum PortalHome {
    /// Renders the page for the newest `items` of `total`.
    static func page(items: [PortalItem], total: Int) -> String {
        var html = """
            <!DOCTYPE html>
            <html lang="zh-CN">
            <head><meta charset="utf-8"><title>城市政府门户 · 信息公开接收列表</title></head>
            <body>
            <h1>城市政府门户 · 信息公开接收列表</h1>
            <p>共收到 \(total) 条信息\(total > items.count ? "（显示最新 \(items.count) 条）" : "")。</p>

            """
        if items.isEmpty {
            html += "<p>暂无信息。</p>\n"
        } else {
            html += "<table>\n<thead><tr><th>标题</th><th>栏目</th><th>发布机构</th><th>索引号</th><th>文号</th><th>主题分类</th><th>体裁</th><th>成文日期</th><th>发布日期</th><th>有效性</th><th>版本</th></tr></thead>\n<tbody>\n"
            for item in items {
                let title = item.url.isEmpty ? escape(item.title)
                    : "<a href=\"\(escape(item.url))\">\(escape(item.title))</a>"
                html += "<tr id=\"\(escape(item.id))\"><td>\(title)</td><td>\(escape(item.category))</td><td>\(escape(item.unit))</td>"
                let disclosure = item.disclosure
                html += "<td>\(escape(item.indexNumber))</td><td>\(escape(item.docNumber))</td><td>\(escape(disclosure.subject))</td>"
                html += "<td>\(escape(disclosure.genre))</td><td>\(escape(disclosure.written))</td><td>\(escape(item.published))</td>"
                html += "<td class=\"validity\">\(escape(disclosure.validity))</td>"
                html += "<td>\(item.revision)</td></tr>\n"
            }
            html += "</tbody>\n</table>\n"
        }
        html += "</body>\n</html>\n"
        return html
    }

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
