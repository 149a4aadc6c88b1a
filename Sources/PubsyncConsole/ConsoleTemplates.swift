/// The console's Mustache templates, embedded (the binary works when copied out of the build
/// folder). Every page extends `base`; item text is only ever placed with `{{ }}` (escaped).
enum ConsoleTemplates {
    /// Name → template text.
    static let texts: [String: String] = [
        "base": base, "login": login, "dashboard": dashboard, "queue": queue, "item": item,
        "flags": flags, "report": report, "message": message,
    ]

    static let base = """
    <!DOCTYPE html>
    <html lang="zh-CN">
    <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>{{$title}}{{/title}} - {{office}}政府信息公开审核平台</title>
    <link rel="stylesheet" href="/static/console.css">
    </head>
    <body>
    <header class="top">
      <div class="brand"><span class="emblem" aria-hidden="true">政</span><span class="office">{{office}}</span><span class="system">政府信息公开内容审核平台</span></div>
      {{#user}}<div class="who"><span>{{name}}</span><span class="role">{{roleLabel}}</span>
        <form method="post" action="/logout"><input type="hidden" name="csrf" value="{{csrf}}"><button type="submit" class="link">退出登录</button></form></div>{{/user}}
    </header>
    <div class="frame">
    {{#user}}<nav class="side" aria-label="主菜单">
      <a href="/" {{#nav.dashboard}}class="on" aria-current="page"{{/nav.dashboard}}>工作台</a>
      <a href="/queue" {{#nav.queue}}class="on" aria-current="page"{{/nav.queue}}>待审核{{#queueCount}}<span class="badge">{{queueCount}}</span>{{/queueCount}}</a>
      <a href="/flags" {{#nav.flags}}class="on" aria-current="page"{{/nav.flags}}>审计标记{{#flagCount}}<span class="badge warn">{{flagCount}}</span>{{/flagCount}}</a>
      <a href="/report" {{#nav.report}}class="on" aria-current="page"{{/nav.report}}>年度统计</a>
    </nav>{{/user}}
    <main id="main">
    {{#notice}}<p class="notice" role="status">{{notice}}</p>{{/notice}}
    {{$content}}{{/content}}
    </main>
    </div>
    <footer class="foot">{{#office}}{{office}} · {{/office}}政府信息公开内容审核平台 · 先审查、后公开 · 谁发布谁审查、谁审查谁负责</footer>
    </body>
    </html>
    """

    static let login = """
    {{<base}}{{$title}}登录{{/title}}{{$content}}
    <section class="login">
      <h1>用户登录</h1>
      {{#error}}<p class="alert">{{error}}</p>{{/error}}
      <form method="post" action="/login">
        <input type="hidden" name="csrf" value="{{loginCsrf}}">
        <label for="username">用户名</label>
        <input id="username" name="username" autocomplete="username" required value="{{username}}">
        <label for="password">密码</label>
        <input id="password" name="password" type="password" autocomplete="current-password" required>
        <button type="submit" class="primary">登录</button>
      </form>
      <p class="hint">连续 5 次输入错误密码，账号将被锁定 15 分钟。30 分钟无操作将自动退出登录。</p>
    </section>
    {{/content}}{{/base}}
    """

    static let dashboard = """
    {{<base}}{{$title}}工作台{{/title}}{{$content}}
    <h1>工作台</h1>
    <div class="cards">
      {{#stateCounts}}<div class="card {{tone}}"><div class="num">{{count}}</div><div class="label">{{label}}</div></div>{{/stateCounts}}
      <a class="card {{#flagsAlert}}alert{{/flagsAlert}}" href="/flags"><div class="num">{{openFlags}}</div><div class="label">未处理审计标记</div></a>
    </div>
    <h2>发布渠道</h2>
    <table>
      <thead><tr><th>渠道</th><th>类型</th><th class="n">已发布</th><th class="n">待发布</th><th class="n">发布失败</th><th class="n">被拒收</th><th class="n">待撤回</th><th>最近同步</th></tr></thead>
      <tbody>
      {{#channels}}<tr><td>{{title}}<span class="muted">（{{name}}）</span></td><td>{{kind}}</td><td class="n">{{live}}</td><td class="n">{{pending}}</td><td class="n {{#failedBad}}bad{{/failedBad}}">{{failed}}</td><td class="n {{#rejectedBad}}bad{{/rejectedBad}}">{{rejected}}</td><td class="n {{#retractionsBad}}bad{{/retractionsBad}}">{{retractions}}</td><td>{{lastSync}}</td></tr>{{/channels}}
      </tbody>
    </table>
    <h2>网站检查（pubsync check）</h2>
    {{^hasFindings}}<p class="empty">网站检查未发现问题。</p>{{/hasFindings}}
    {{#hasFindings}}<table><thead><tr><th>检查项</th><th>级别</th><th>对象</th><th>说明</th></tr></thead><tbody>
    {{#findings}}<tr><td>{{rule}}<div class="muted">{{code}}</div></td><td{{#veto}} class="bad"{{/veto}}>{{severity}}</td><td>{{subject}}</td><td>{{detail}}</td></tr>{{/findings}}
    </tbody></table>{{/hasFindings}}
    <h2>最近操作</h2>
    <table class="log">
      <thead><tr><th>时间</th><th>操作人</th><th>操作</th><th>信息</th><th>说明</th></tr></thead>
      <tbody>{{#events}}<tr><td class="time">{{at}}</td><td>{{actor}}</td><td>{{action}}</td><td>{{#item}}<a href="/items/{{item}}">{{item}}</a>{{/item}}</td><td>{{detail}}</td></tr>{{/events}}</tbody>
    </table>
    {{/content}}{{/base}}
    """

    static let queue = """
    {{<base}}{{$title}}待审核{{/title}}{{$content}}
    <h1>待审核 <span class="muted">{{scope}}</span></h1>
    {{^entries}}<p class="empty">当前没有等待您审核的信息。</p>{{/entries}}
    {{#entries}}
    <article class="review">
      <header><h2><a href="/items/{{id}}">{{title}}</a></h2>
        <p class="meta">{{id}} · 第 {{rev}} 版 · {{category}} · 发布日期 {{published}}{{#sensitive}} · <span class="tag warn">敏感信息，须领导审签</span>{{/sensitive}}{{#held}} · <span class="tag bad">有未处理审计标记</span>{{/held}}</p>
        <p class="meta">{{#approvedRev}}与已发布的第 {{approvedRev}} 版比较{{/approvedRev}}{{^approvedRev}}新信息（此前无审核通过的版本）{{/approvedRev}}{{#approvals}} · 已由 {{by}}（{{roleLabel}}）审核{{/approvals}}</p>
      </header>
      {{#approvedRev}}<table class="fields compare"><thead><tr><th>字段</th><th>原内容（第 {{approvedRev}} 版）</th><th>新内容（第 {{rev}} 版）</th></tr></thead><tbody>
      {{#fields}}<tr class="{{#changed}}changed{{/changed}}"><th>{{label}}</th><td>{{old}}</td><td>{{new}}</td></tr>{{/fields}}
      </tbody></table>{{/approvedRev}}
      {{^approvedRev}}<table class="fields"><tbody>
      {{#fields}}<tr><th>{{label}}</th><td>{{new}}</td></tr>{{/fields}}
      </tbody></table>{{/approvedRev}}
      <div class="diff" role="table" aria-label="正文差异">
      {{#lines}}<div class="line {{kind}}" role="row"><span class="mark" role="cell">{{mark}}</span><span class="text" role="cell">{{text}}</span></div>{{/lines}}
      </div>
      {{#canApprove}}<form method="post" action="/items/{{id}}/approve" class="approve">
        <input type="hidden" name="csrf" value="{{csrf}}">
        <input type="hidden" name="role" value="{{role}}">
        <input type="hidden" name="rev" value="{{rev}}">
        <label for="comment-{{id}}">审核意见</label>
        <textarea id="comment-{{id}}" name="comment" rows="2" placeholder="如：内容准确，同意公开"></textarea>
        <button type="submit" class="primary">以{{roleLabel}}身份审核通过</button>
      </form>{{/canApprove}}
    </article>
    {{/entries}}
    {{/content}}{{/base}}
    """

    static let item = """
    {{<base}}{{$title}}{{title}}{{/title}}{{$content}}
    <p class="crumb"><a href="/">工作台</a> › 信息详情</p>
    <h1>{{title}}</h1>
    <p class="meta"><span class="state {{stateTone}}">{{stateLabel}}</span>{{#headStateLabel}} <span class="state warn">{{headStateLabel}}</span>{{/headStateLabel}} {{id}} · 当前第 {{headRev}} 版 · 已审核版本：{{#approvedRev}}第 {{approvedRev}} 版{{/approvedRev}}{{^approvedRev}}无{{/approvedRev}}</p>
    <table class="fields"><tbody>
    {{#fields}}<tr><th>{{label}}</th><td>{{value}}</td></tr>{{/fields}}
    </tbody></table>
    <h2>正文（第 {{headRev}} 版，Markdown 原文）</h2>
    <pre class="body">{{body}}</pre>
    <h2>各渠道发布状态</h2>
    {{^channels}}<p class="empty">尚未在任何渠道发布。</p>{{/channels}}
    {{#hasChannels}}<table><thead><tr><th>渠道</th><th>状态</th><th>版本</th><th>首次发布</th><th>最近发布</th><th>错误</th></tr></thead><tbody>
    {{#channels}}<tr><td>{{name}}</td><td>{{state}}</td><td>{{rev}}</td><td>{{first}}</td><td>{{last}}</td><td>{{error}}</td></tr>{{/channels}}
    </tbody></table>{{/hasChannels}}
    <h2>版本与审核</h2>
    <table><thead><tr><th>版本</th><th>标题</th><th>发布日期</th><th>导入人</th><th>审核记录</th></tr></thead><tbody>
    {{#revisions}}<tr><td>第 {{rev}} 版</td><td>{{title}}</td><td>{{published}}</td><td>{{author}}</td><td>{{#approvals}}<div>{{by}}（{{roleLabel}}）{{at}}{{#comment}}：{{comment}}{{/comment}}</div>{{/approvals}}{{^approvals}}<span class="muted">未审核</span>{{/approvals}}</td></tr>{{/revisions}}
    </tbody></table>
    {{#hasFlags}}<h2>审计标记</h2>
    <table><thead><tr><th>编号</th><th>版本</th><th>规则</th><th>摘录（已脱敏）</th><th>状态</th></tr></thead><tbody>
    {{#flags}}<tr><td>{{id}}</td><td>{{rev}}</td><td>{{rule}}</td><td><code>{{excerpt}}</code></td><td>{{status}}</td></tr>{{/flags}}
    </tbody></table>{{/hasFlags}}
    {{#canRetract}}<h2 id="retract">撤回</h2>
    <form method="post" action="/items/{{id}}/retract" class="danger">
      <input type="hidden" name="csrf" value="{{csrf}}">
      <p>撤回后，该信息将在下次同步时从所有渠道下线。此操作记入审计日志。</p>
      <label for="reason">撤回原因</label>
      <input id="reason" name="reason" required>
      <label for="confirm">请再次输入信息编号 <code>{{id}}</code> 以确认</label>
      <input id="confirm" name="confirm" required autocomplete="off">
      <button type="submit" class="dangerous">撤回此信息</button>
    </form>{{/canRetract}}
    <h2>操作记录</h2>
    <table class="log"><thead><tr><th>时间</th><th>操作人</th><th>操作</th><th>渠道</th><th>说明</th></tr></thead><tbody>
    {{#events}}<tr><td class="time">{{at}}</td><td>{{actor}}</td><td>{{action}}</td><td>{{channel}}</td><td>{{detail}}</td></tr>{{/events}}
    </tbody></table>
    {{/content}}{{/base}}
    """

    static let flags = """
    {{<base}}{{$title}}审计标记{{/title}}{{$content}}
    <h1>审计标记</h1>
    <p class="muted">审计规则在导入、审核和定期审计时发现的疑似敏感内容。摘录已脱敏。{{^canDismiss}}只有审计员可以排除标记或撤回信息。{{/canDismiss}}</p>
    {{^flags}}<p class="empty">没有未处理的审计标记。</p>{{/flags}}
    {{#hasFlags}}<table class="flags"><thead><tr><th>编号</th><th>信息</th><th>版本</th><th>规则</th><th>摘录（已脱敏）</th><th>发现时间</th><th>处理</th></tr></thead><tbody>
    {{#flags}}<tr><td>{{id}}</td><td><a href="/items/{{item}}">{{itemTitle}}</a><div class="muted">{{item}}</div></td><td>{{rev}}</td><td>{{rule}}</td><td><code>{{excerpt}}</code></td><td class="time">{{foundAt}}</td>
    <td>{{#canDismiss}}<form method="post" action="/flags/{{id}}/dismiss" class="inline">
      <input type="hidden" name="csrf" value="{{csrf}}">
      <label for="reason-{{id}}">排除理由</label>
      <input id="reason-{{id}}" name="reason" required placeholder="如：系公开的服务热线">
      <button type="submit">排除标记</button></form>
      <a href="/items/{{item}}#retract">撤回信息…</a>{{/canDismiss}}</td></tr>{{/flags}}
    </tbody></table>{{/hasFlags}}
    {{/content}}{{/base}}
    """

    static let report = """
    {{<base}}{{$title}}{{year}} 年度统计{{/title}}{{$content}}
    <h1>{{year}} 年政府信息主动公开情况统计</h1>
    <form method="get" action="/report" class="inline"><label for="year">年度</label><input id="year" name="year" value="{{year}}" size="6" inputmode="numeric"><button type="submit">查询</button></form>
    <p class="muted">统计截至 {{asOf}}。按信息发布日期统计；一条信息在多个渠道发布时，合计只计一次。</p>
    <table><thead><tr><th>发布渠道</th><th class="n">主动公开</th><th class="n">其中更新</th><th class="n">已撤回</th><th class="n">现存</th></tr></thead><tbody>
    {{#channels}}<tr><td>{{title}}</td><td class="n">{{published}}</td><td class="n">{{updated}}</td><td class="n">{{retracted}}</td><td class="n">{{live}}</td></tr>{{/channels}}
    {{#total}}<tr class="total"><td>合计（去重）</td><td class="n">{{published}}</td><td class="n">{{updated}}</td><td class="n">{{retracted}}</td><td class="n">{{live}}</td></tr>{{/total}}
    </tbody></table>
    {{/content}}{{/base}}
    """

    static let message = """
    {{<base}}{{$title}}{{heading}}{{/title}}{{$content}}
    <h1>{{heading}}</h1>
    <p class="alert">{{text}}</p>
    <p><a href="{{back}}">返回</a></p>
    {{/content}}{{/base}}
    """
}
