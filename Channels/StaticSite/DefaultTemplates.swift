/// The embedded default templates (Mustache). They live in the code, not in bundle
/// resources, so an installed binary works without its build folder.
///
/// Every page template extends `base` (Mustache inheritance: `{{<base}}…{{/base}}`) and fills
/// its blocks `title`, `meta` and `content`; `base` puts the `header` and `footer` templates'
/// HTML around them (`{{{header}}}`, `{{{footer}}}`: each is rendered once per folder depth and
/// reused, as Hugo's `partialCached`, so they may use only the variables every page gets).
/// Variables every page gets: `siteTitle`, `root` (the relative prefix back to the site root),
/// `homeHref`, `catalogueHref`, `disclosureHref`, `searchHref`, `nav` (`name`, `href`: only
/// columns with a live item), `canonical` (not in `header` and `footer`), and the footer's
/// `footerSponsor`, `footerOperator`, `footerContact`, `footerSiteCode`, `footerICP` (with
/// `icpHref`), `footerPolice`, `footerErrorReport`. No page has an inline script: the
/// Content-Security-Policy allows only the site's own script files. `{{…}}` escapes (quotes
/// too); only `{{{body}}}` on item pages (sanitised HTML) and `{{{header}}}` and `{{{footer}}}`
/// (rendered by those templates, which escape) are unescaped. Item pages also get
/// `hasAttachments` and `attachments` (`href`, `name`, `type` e.g. PDF, `size` e.g. 1.2 MB, `mediaType`, and `title`
/// when it is not the name's stem).
enum DefaultTemplates {
    /// Template names, in the order they are exported and hashed.
    static let names = ["base", "header", "footer", "home", "column", "catalogue", "item", "pager", "disclosure", "search"]

    /// The default text of each template.
    static let texts: [String: String] = [
        "base": base, "header": header, "footer": footer, "home": home, "column": column, "catalogue": catalogue, "item": item, "pager": pager,
        "disclosure": disclosure, "search": search,
    ]

    static let base = """
    <!DOCTYPE html>
    <html lang="zh-CN">
    <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <meta http-equiv="Content-Security-Policy" content="\(contentSecurityPolicy)">
    <meta name="generator" content="pubsync">
    <title>{{$title}}{{siteTitle}}{{/title}}</title>
    {{#canonical}}<link rel="canonical" href="{{canonical}}">
    {{/canonical}}{{$meta}}{{/meta}}<style>
    \(style)</style>
    </head>
    <body>
    <a class="skip-link" href="#main">跳到正文</a>
    {{{header}}}
    <main id="main" class="wrap" tabindex="-1">
    {{$content}}{{/content}}
    </main>
    {{{footer}}}
    </body>
    </html>

    """

    static let home = """
    {{<base}}
    {{$content}}
    <h1 class="visually-hidden">{{siteTitle}}</h1>
    {{#hasSections}}<div class="home-columns">
    {{/hasSections}}{{#sections}}
    <section class="column-box">
    <h2><a href="{{href}}">{{name}}</a></h2>
    <ul class="list">
    {{#rows}}
    <li><a href="{{href}}">{{title}}</a> <time datetime="{{date}}">{{date}}</time></li>
    {{/rows}}
    </ul>
    <p class="more"><a href="{{href}}">更多{{name}}</a></p>
    </section>
    {{/sections}}{{#hasSections}}</div>
    {{/hasSections}}
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
    {{$title}}信息公开目录{{#scopeName}} · {{scopeName}}{{/scopeName}}{{#pageNumber}}（第 {{pageNumber}} 页）{{/pageNumber}} - {{siteTitle}}{{/title}}
    {{$content}}
    <nav class="crumbs" aria-label="当前位置"><a href="{{homeHref}}">首页</a> › <a href="{{catalogueHref}}">信息公开目录</a>{{#scopeName}} › <a href="{{frontHref}}">{{scopeName}}</a>{{/scopeName}}</nav>
    <h1>信息公开目录{{#scopeName}} · {{scopeName}}{{/scopeName}}{{#pageNumber}} <small>第 {{pageNumber}} 页</small>{{/pageNumber}}</h1>
    {{#hasScopes}}
    <nav class="scopes" aria-label="按栏目和年度浏览">
    <p><span class="scope-label">按栏目：</span>{{#catalogueColumns}}<a href="{{href}}">{{name}}</a> {{/catalogueColumns}}</p>
    <p><span class="scope-label">按年度：</span>{{#catalogueYears}}<a href="{{href}}">{{year}}年</a> {{/catalogueYears}}</p>
    </nav>
    {{/hasScopes}}
    {{#total}}<p class="count">共 {{total}} 条</p>
    {{/total}}
    {{#hasRows}}
    <div class="table-wrap" role="region" aria-label="目录表格" tabindex="0">
    <table class="catalogue">
    <thead><tr><th scope="col">索引号</th><th scope="col">名称</th><th scope="col">文号</th><th scope="col">发布机构</th><th scope="col">成文日期</th><th scope="col">发布日期</th><th scope="col">有效性</th></tr></thead>
    <tbody>
    {{/hasRows}}
    {{#rows}}
    <tr><td class="nowrap">{{indexNumber}}</td><td class="title"><a href="{{href}}">{{title}}</a></td><td class="nowrap">{{docNumber}}</td><td class="nowrap">{{unit}}</td><td class="nowrap">{{#written}}<time datetime="{{written}}">{{written}}</time>{{/written}}</td><td class="nowrap"><time datetime="{{date}}">{{date}}</time></td><td class="nowrap{{#validityClass}} {{validityClass}}{{/validityClass}}">{{validity}}</td></tr>
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
    {{#isRepealed}}
    <p class="notice validity-repealed" role="note">本文件已于 <time datetime="{{repealed}}">{{repealed}}</time> 废止{{#repealedBy}}，废止依据：{{#repealedByHref}}<a href="{{repealedByHref}}">{{repealedBy}}</a>{{/repealedByHref}}{{^repealedByHref}}{{repealedBy}}{{/repealedByHref}}{{/repealedBy}}。</p>
    {{/isRepealed}}
    {{#lapsed}}
    <p class="notice validity-lapsed" role="note">本文件有效期至 <time datetime="{{validUntil}}">{{validUntil}}</time>，已失效{{#repealedBy}}，参见：{{#repealedByHref}}<a href="{{repealedByHref}}">{{repealedBy}}</a>{{/repealedByHref}}{{^repealedByHref}}{{repealedBy}}{{/repealedByHref}}{{/repealedBy}}。</p>
    {{/lapsed}}
    <h1>{{title}}</h1>
    <dl class="meta">
    <dt>索引号</dt><dd class="nowrap">{{indexNumber}}</dd>
    <dt>主题分类</dt><dd>{{subject}}{{^subject}}<a href="{{columnHref}}">{{category}}</a>{{/subject}}</dd>
    {{#genre}}<dt>体裁</dt><dd>{{genre}}</dd>
    {{/genre}}<dt>发布机构</dt><dd class="nowrap">{{unit}}</dd>
    {{#written}}<dt>成文日期</dt><dd><time datetime="{{written}}">{{written}}</time></dd>
    {{/written}}<dt>发布日期</dt><dd><time datetime="{{published}}">{{published}}</time></dd>
    <dt>文号</dt><dd class="nowrap">{{docNumber}}{{^docNumber}}无{{/docNumber}}</dd>
    {{#validity}}<dt>有效性</dt><dd class="{{validityClass}}">{{validity}}</dd>
    {{/validity}}{{#effective}}<dt>施行日期</dt><dd><time datetime="{{effective}}">{{effective}}</time></dd>
    {{/effective}}{{#validUntil}}<dt>有效期至</dt><dd><time datetime="{{validUntil}}">{{validUntil}}</time></dd>
    {{/validUntil}}{{#lapsedOn}}<dt>失效日期</dt><dd><time datetime="{{lapsedOn}}">{{lapsedOn}}</time></dd>
    {{/lapsedOn}}{{#repealed}}<dt>废止日期</dt><dd><time datetime="{{repealed}}">{{repealed}}</time></dd>
    {{/repealed}}{{#keywords}}<dt>主题词</dt><dd>{{keywords}}</dd>
    {{/keywords}}</dl>
    <div class="body">
    {{{body}}}
    </div>
    {{#hasAttachments}}
    <section class="attachments" aria-labelledby="attachments-heading">
    <h2 id="attachments-heading">附件</h2>
    <ul>
    {{#attachments}}
    <li>{{#title}}{{title}}：{{/title}}<a href="{{href}}" type="{{mediaType}}" download="{{name}}">{{name}}（{{type}}，{{size}}）</a></li>
    {{/attachments}}
    </ul>
    </section>
    {{/hasAttachments}}
    </article>
    {{/content}}
    {{/base}}

    """

    /// Shared by the column and catalogue pages. The landing page links to the older items
    /// and lists the archive pages in order; an archive page links to the next newer and
    /// older pages and to the landing page, so adding an item leaves full archive pages alone.
    static let pager = """
    <nav class="pager" aria-label="翻页">
    {{#newestHref}}<a href="{{newestHref}}">最新</a>
    {{/newestHref}}{{#newerHref}}<a href="{{newerHref}}" rel="prev">‹ 较新</a>
    {{/newerHref}}{{#olderHref}}<a href="{{olderHref}}" rel="next">较早 ›</a>
    {{/olderHref}}{{#hasArchives}}<span class="archives">全部页：{{/hasArchives}}{{#archives}}<a href="{{href}}">{{number}}</a> {{#gap}}… {{/gap}}{{/archives}}{{#hasArchives}}</span>{{/hasArchives}}
    </nav>

    """
}
