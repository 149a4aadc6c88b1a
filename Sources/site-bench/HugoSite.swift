import Foundation

/// Writes the bench items as a Hugo site with templates equivalent to the adapter's defaults
/// (home with newest items per column, paginated column lists, item pages with the metadata
/// block, a paginated catalogue table, the built-in sitemap).
///
/// `config.toml` builds those pages only: the anchor issue 22 was filed against. The site's
/// defaults have since gained pages and files that configuration leaves out, so
/// `config-equivalent.toml` builds them too: the catalogue by column and by year (taxonomy term
/// pages, paginated like it: a third of the list pages at 10,000 items), a JSON index of every
/// item for search (the site's sharded index) and an RSS feed of the 50 newest (the feed channel).
struct HugoSite {
    /// The configuration that builds what the site and feed channels publish.
    static let equivalentConfig = "config-equivalent.toml"

    var generator: Generator
    var root: URL

    func write() throws {
        let fm = FileManager.default
        try? fm.removeItem(at: root)
        for folder in ["content/catalogue", "layouts/_default", "layouts/catalogue", "layouts/partials"] {
            try fm.createDirectory(at: root.appendingPathComponent(folder), withIntermediateDirectories: true)
        }
        // The two configurations differ only in the kinds and outputs they build.
        let site = """
        baseURL = "https://jtj.example.gov.cn/"
        languageCode = "zh-CN"
        title = "市交通运输局"
        paginate = 20

        """
        let markdown = """
        [markup.goldmark.renderer]
        unsafe = false

        """
        try put("config.toml", site + """
        disableKinds = ["taxonomy", "term", "RSS"]

        """ + markdown)
        try put(Self.equivalentConfig, site + """
        disableKinds = ["taxonomy"]
        ignoreErrors = ["error-disable-taxonomy"]
        [taxonomies]
        column = "columns"
        year = "years"
        [outputs]
        home = ["HTML", "RSS", "JSON"]
        section = ["HTML"]
        term = ["HTML"]
        [services.rss]
        limit = 50

        """ + markdown)
        // The catalogue of one column or one year: the catalogue's table, paginated.
        try put("layouts/_default/term.html", """
        {{ define "main" }}<h1>信息公开目录 · {{ .Title }}</h1><table><thead><tr><th>索引号</th><th>标题</th><th>文号</th><th>发布机构</th><th>发布日期</th></tr></thead><tbody>
        {{ range .Paginator.Pages }}<tr><td>{{ .Params.index_number }}</td><td><a href="{{ .RelPermalink }}">{{ .Title }}</a></td><td>{{ .Params.doc_number }}</td><td>{{ .Params.unit }}</td><td>{{ .Date.Format "2006-01-02" }}</td></tr>{{ end }}
        </tbody></table>{{ partial "pager.html" .Paginator }}{{ end }}
        """)
        // What the site's search reads of each item: title, 索引号, 文号, date, column, link.
        try put("layouts/index.json", """
        [{{ range $i, $p := .Site.RegularPages }}{{ if $i }},{{ end }}{{ dict "title" .Title "index" .Params.index_number "doc" .Params.doc_number "date" (.Date.Format "2006-01-02") "column" .Params.category "link" .RelPermalink | jsonify }}{{ end }}]
        """)
        try put("layouts/_default/baseof.html", """
        <!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
        <title>{{ block "title" . }}{{ .Site.Title }}{{ end }}</title><style>body{font:16px/1.7 sans-serif;max-width:60rem;margin:0 auto;padding:0 1rem}.meta{display:grid}</style></head>
        <body><header><a href="{{ "/" | relURL }}">{{ .Site.Title }}</a><nav>{{ range .Site.Sections }}<a href="{{ .RelPermalink }}">{{ .Title }}</a> {{ end }}</nav></header>
        <main>{{ block "main" . }}{{ end }}</main><footer>{{ .Site.Title }}</footer></body></html>
        """)
        try put("layouts/_default/single.html", """
        {{ define "title" }}{{ .Title }} - {{ .Site.Title }}{{ end }}{{ define "main" }}<article><h1>{{ .Title }}</h1>
        <dl class="meta"><div><dt>索引号</dt><dd>{{ .Params.index_number }}</dd></div><div><dt>分类</dt><dd>{{ .Params.category }}</dd></div>
        <div><dt>发布机构</dt><dd>{{ .Params.unit }}</dd></div><div><dt>发布日期</dt><dd>{{ .Date.Format "2006-01-02" }}</dd></div>
        <div><dt>文号</dt><dd>{{ .Params.doc_number }}</dd></div></dl><div class="body">{{ .Content }}</div></article>{{ end }}
        """)
        try put("layouts/_default/list.html", """
        {{ define "main" }}<h1>{{ .Title }}</h1><ul>{{ range .Paginator.Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> {{ .Date.Format "2006-01-02" }}</li>{{ end }}</ul>
        {{ partial "pager.html" .Paginator }}{{ end }}
        """)
        try put("layouts/index.html", """
        {{ define "main" }}{{ range .Site.Sections }}{{ if ne .Section "catalogue" }}<section><h2><a href="{{ .RelPermalink }}">{{ .Title }}</a></h2><ul>
        {{ range first 6 .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> {{ .Date.Format "2006-01-02" }}</li>{{ end }}</ul></section>{{ end }}{{ end }}{{ end }}
        """)
        try put("layouts/catalogue/list.html", """
        {{ define "main" }}<h1>信息公开目录</h1>{{ $p := .Paginate .Site.RegularPages }}<table><thead><tr><th>索引号</th><th>标题</th><th>文号</th><th>发布机构</th><th>发布日期</th></tr></thead><tbody>
        {{ range $p.Pages }}<tr><td>{{ .Params.index_number }}</td><td><a href="{{ .RelPermalink }}">{{ .Title }}</a></td><td>{{ .Params.doc_number }}</td><td>{{ .Params.unit }}</td><td>{{ .Date.Format "2006-01-02" }}</td></tr>{{ end }}
        </tbody></table>{{ partial "pager.html" $p }}{{ end }}
        """)
        // The pager of the adapter's lists: newest, newer, older and oldest page. Hugo's built-in
        // `_internal/pagination.html` walks every pager on every page, which at 100,000 items
        // (5,000 catalogue pages) made Hugo's build quadratic: not an equivalent template.
        try put("layouts/partials/pager.html", """
        {{ with . }}{{ if gt .TotalPages 1 }}<nav class="pager" aria-label="翻页">{{ if .HasPrev }}<a href="{{ .First.URL }}">最新</a> <a href="{{ .Prev.URL }}" rel="prev">‹ 较新</a> {{ end }}{{ if .HasNext }}<a href="{{ .Next.URL }}" rel="next">较早 ›</a> <a href="{{ .Last.URL }}">最早</a> {{ end }}<span>第 {{ .PageNumber }} / {{ .TotalPages }} 页</span></nav>{{ end }}{{ end }}
        """)
        // The catalogue section has no pages of its own, so it paginates `.Site.RegularPages` as
        // it is: a `where` there runs again on each of its pages (quadratic: 100,000 items, 5,000 pages).
        try put("content/catalogue/_index.md", "---\ntitle: 信息公开目录\n---\n")
        for (category, slug) in generator.columnTable {
            try fm.createDirectory(at: root.appendingPathComponent("content/\(slug)"), withIntermediateDirectories: true)
            try put("content/\(slug)/_index.md", "---\ntitle: \(category)\n---\n")
        }
        for index in 0..<generator.count {
            let item = generator.item(index)
            let slug = generator.columnTable[item.category]!
            let front = """
            ---
            title: "\(item.title)"
            date: \(item.published)
            slug: \(item.id)
            category: "\(item.category)"
            columns: ["\(item.category)"]
            years: ["\(item.published.description.prefix(4))"]
            unit: "\(item.unit)"
            index_number: "\(item.indexNumber)"
            doc_number: "\(item.docNumber)"
            ---

            """
            try put("content/\(slug)/\(item.id).md", front + item.body)
        }
    }

    private func put(_ path: String, _ text: String) throws {
        try Data(text.utf8).write(to: root.appendingPathComponent(path))
    }
}
