/// The embedded default templates (Mustache). They live in the code, not in bundle
/// resources, so an installed binary works without its build folder.
///
/// Every page template extends `base` (Mustache inheritance: `{{<base}}…{{/base}}`) and fills
/// its blocks `title`, `meta` and `content`. Variables every page gets: `siteTitle`, `root`
/// (the relative prefix back to the site root), `homeHref`, `catalogueHref`, `nav`
/// (`name`, `href`), `canonical`. `{{…}}` escapes (quotes too); only `{{{body}}}` on item
/// pages is unescaped, and it holds sanitised HTML.
enum DefaultTemplates {
    /// Template names, in the order they are exported and hashed.
    static let names = ["base", "home", "column", "catalogue", "item", "pager"]

    /// The default text of each template.
    static let texts: [String: String] = [
        "base": base, "home": home, "column": column, "catalogue": catalogue, "item": item, "pager": pager,
    ]

    static let base = """
    <!DOCTYPE html>
    <html lang="zh-CN">
    <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <meta name="generator" content="pubsync">
    <title>{{$title}}{{siteTitle}}{{/title}}</title>
    {{#canonical}}<link rel="canonical" href="{{canonical}}">
    {{/canonical}}{{$meta}}{{/meta}}<style>
    \(style)</style>
    </head>
    <body>
    <header class="site-header">
    <div class="wrap">
    <a class="site-title" href="{{homeHref}}">{{siteTitle}}</a>
    <nav class="site-nav" aria-label="栏目导航">
    <a href="{{homeHref}}">首页</a>
    {{#nav}}<a href="{{href}}">{{name}}</a>
    {{/nav}}<a href="{{catalogueHref}}">信息公开目录</a>
    </nav>
    </div>
    </header>
    <main class="wrap">
    {{$content}}{{/content}}
    </main>
    <footer class="site-footer">
    <div class="wrap">{{siteTitle}}</div>
    </footer>
    </body>
    </html>

    """

    static let home = """
    {{<base}}
    {{$content}}
    <h1 class="visually-hidden">{{siteTitle}}</h1>
    {{#sections}}
    <section class="column-box">
    <h2><a href="{{href}}">{{name}}</a></h2>
    <ul class="list">
    {{#rows}}
    <li><a href="{{href}}">{{title}}</a> <time datetime="{{date}}">{{date}}</time></li>
    {{/rows}}
    </ul>
    <p class="more"><a href="{{href}}">更多{{name}}</a></p>
    </section>
    {{/sections}}
    {{^sections}}
    <p class="empty">暂无公开信息。</p>
    {{/sections}}
    {{/content}}
    {{/base}}

    """

    static let column = """
    {{<base}}
    {{$title}}{{name}}{{#pageNumber}}（第 {{pageNumber}} 页）{{/pageNumber}} - {{siteTitle}}{{/title}}
    {{$content}}
    <nav class="crumbs" aria-label="当前位置"><a href="{{homeHref}}">首页</a> › <a href="{{frontHref}}">{{name}}</a></nav>
    <h1>{{name}}{{#pageNumber}} <small>存档第 {{pageNumber}} 页</small>{{/pageNumber}}</h1>
    {{#total}}<p class="count">共 {{total}} 条</p>
    {{/total}}
    <ul class="list">
    {{#rows}}
    <li><a href="{{href}}">{{title}}</a> <time datetime="{{date}}">{{date}}</time></li>
    {{/rows}}
    </ul>
    {{^rows}}
    <p class="empty">暂无信息。</p>
    {{/rows}}
    {{>pager}}
    {{/content}}
    {{/base}}

    """

    static let catalogue = """
    {{<base}}
    {{$title}}信息公开目录{{#pageNumber}}（第 {{pageNumber}} 页）{{/pageNumber}} - {{siteTitle}}{{/title}}
    {{$content}}
    <nav class="crumbs" aria-label="当前位置"><a href="{{homeHref}}">首页</a> › <a href="{{frontHref}}">信息公开目录</a></nav>
    <h1>信息公开目录{{#pageNumber}} <small>存档第 {{pageNumber}} 页</small>{{/pageNumber}}</h1>
    {{#total}}<p class="count">共 {{total}} 条</p>
    {{/total}}
    {{#hasRows}}
    <div class="table-wrap">
    <table class="catalogue">
    <thead><tr><th scope="col">索引号</th><th scope="col">标题</th><th scope="col">文号</th><th scope="col">发布机构</th><th scope="col">发布日期</th></tr></thead>
    <tbody>
    {{/hasRows}}
    {{#rows}}
    <tr><td>{{indexNumber}}</td><td><a href="{{href}}">{{title}}</a></td><td>{{docNumber}}</td><td>{{unit}}</td><td><time datetime="{{date}}">{{date}}</time></td></tr>
    {{/rows}}
    {{#hasRows}}
    </tbody>
    </table>
    </div>
    {{/hasRows}}
    {{^rows}}
    <p class="empty">暂无公开信息。</p>
    {{/rows}}
    {{>pager}}
    {{/content}}
    {{/base}}

    """

    static let item = """
    {{<base}}
    {{$title}}{{title}} - {{siteTitle}}{{/title}}
    {{$meta}}{{#summary}}<meta name="description" content="{{summary}}">
    {{/summary}}{{/meta}}
    {{$content}}
    <nav class="crumbs" aria-label="当前位置"><a href="{{homeHref}}">首页</a> › <a href="{{columnHref}}">{{category}}</a></nav>
    <article class="item">
    <h1>{{title}}</h1>
    <dl class="meta">
    <div><dt>索引号</dt><dd>{{indexNumber}}</dd></div>
    <div><dt>分类</dt><dd><a href="{{columnHref}}">{{category}}</a></dd></div>
    <div><dt>发布机构</dt><dd>{{unit}}</dd></div>
    <div><dt>发布日期</dt><dd><time datetime="{{published}}">{{published}}</time></dd></div>
    <div><dt>文号</dt><dd>{{docNumber}}{{^docNumber}}无{{/docNumber}}</dd></div>
    </dl>
    <div class="body">
    {{{body}}}
    </div>
    </article>
    {{/content}}
    {{/base}}

    """

    /// Shared by the column and catalogue pages. Archive pages link only to older pages and
    /// to the front page, so adding an item never changes an archive page.
    static let pager = """
    <nav class="pager" aria-label="翻页">
    {{#newestHref}}<a href="{{newestHref}}">最新</a>
    {{/newestHref}}{{#olderHref}}<a href="{{olderHref}}">较早 ›</a>
    {{/olderHref}}{{#hasArchives}}<span class="archives">往期：{{/hasArchives}}{{#archives}}<a href="{{href}}">{{number}}</a> {{/archives}}{{#archivesGap}}… <a href="{{firstArchiveHref}}">1</a>{{/archivesGap}}{{#hasArchives}}</span>{{/hasArchives}}
    </nav>

    """
}
