extension DefaultTemplates {
    /// Every page's Content-Security-Policy: scripts only from the site itself, no plugins,
    /// forms only to the site (inline styles stay allowed: the theme is one `<style>`).
    static let contentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; object-src 'none'; base-uri 'self'; form-action 'self'"

    /// The masthead (site title, search box) and the column navigation, above every page's
    /// content. Rendered once per folder depth and navigation, and reused for every page there
    /// (`SiteRenderer`): it may use only the variables every page gets, not a page's own.
    static let header = """
    <header class="site-header">
    <div class="masthead">
    <div class="wrap">
    <a class="site-title" href="{{homeHref}}">{{siteTitle}}</a>
    <form class="site-search" role="search" action="{{searchHref}}" method="get">
    <input id="site-q" name="q" type="search" aria-label="站内检索" placeholder="标题、索引号或文号">
    <button type="submit">检索</button>
    </form>
    </div>
    </div>
    <nav class="site-nav" aria-label="栏目导航">
    <div class="wrap">
    <a href="{{homeHref}}">首页</a>
    {{#nav}}<a href="{{href}}">{{name}}</a>
    {{/nav}}<a href="{{disclosureHref}}">政府信息公开</a>
    <a href="{{catalogueHref}}">信息公开目录</a>
    </div>
    </nav>
    </header>
    """

    /// The footer (links to the disclosure section, the sponsor, the site's identification
    /// code and record numbers), below every page's content; rendered and reused as `header`.
    static let footer = """
    <footer class="site-footer">
    <div class="wrap">
    <p class="footer-links"><a href="{{disclosureHref}}">政府信息公开</a> <a href="{{catalogueHref}}">信息公开目录</a> <a href="{{searchHref}}">站内检索</a>{{#footerErrorReport}} <a href="{{footerErrorReport}}">我为政府网站找错</a>{{/footerErrorReport}}</p>
    <p>{{#footerSponsor}}<span>主办单位：{{footerSponsor}}</span> {{/footerSponsor}}{{#footerOperator}}<span>承办单位：{{footerOperator}}</span>{{/footerOperator}}</p>
    {{#footerContact}}<p>{{footerContact}}</p>
    {{/footerContact}}<p>{{#footerSiteCode}}<span>网站标识码：{{footerSiteCode}}</span> {{/footerSiteCode}}{{#footerICP}}<a href="{{icpHref}}">{{footerICP}}</a> {{/footerICP}}{{#footerPolice}}<span>{{footerPolice}}</span>{{/footerPolice}}</p>
    </div>
    </footer>
    """

    /// 政府信息公开: the section's four entries (国办公开办函〔2019〕61号). An entry with
    /// nothing live is shown without a link, never as a link to an empty page.
    static let disclosure = """
    {{<base}}
    {{$title}}政府信息公开 - {{siteTitle}}{{/title}}
    {{$content}}
    <nav class="crumbs" aria-label="当前位置"><a href="{{homeHref}}">首页</a> › 政府信息公开</nav>
    <h1>政府信息公开</h1>
    <ul class="disclosure-entries">
    {{#entries}}
    <li>
    <h2>{{#href}}<a href="{{href}}">{{name}}</a>{{/href}}{{^href}}{{name}}{{/href}}</h2>
    <p>{{note}}</p>
    </li>
    {{/entries}}
    </ul>
    <p class="more">检索：<a href="{{searchHref}}">站内检索</a>（按标题、索引号或文号）。查阅、下载：各条信息页面可直接查阅、打印。</p>
    {{/content}}
    {{/base}}

    """

    /// 站内检索: the form and an empty result list the site's own script fills in.
    static let search = """
    {{<base}}
    {{$title}}站内检索 - {{siteTitle}}{{/title}}
    {{$meta}}<script src="{{scriptHref}}" defer></script>
    {{/meta}}
    {{$content}}
    <nav class="crumbs" aria-label="当前位置"><a href="{{homeHref}}">首页</a> › 站内检索</nav>
    <h1>站内检索</h1>
    <form id="search-form" class="search-form" role="search" action="index.html" method="get" data-root="{{root}}">
    <label for="search-q">检索词</label>
    <input id="search-q" name="q" type="search" placeholder="标题中的词语、索引号或文号">
    <button type="submit">检索</button>
    </form>
    <p id="search-status" class="count" role="status">可按标题中的词语（至少两个字）、索引号或文号检索。</p>
    <ol id="search-results" class="list results"></ol>
    <p><button id="search-more" class="more-button" type="button" hidden>显示更多结果</button></p>
    {{/content}}
    {{/base}}

    """
}
