extension DefaultTemplates {
    /// The default theme: inline (no external assets), readable, narrow-screen first.
    static let style = """
    :root{--ink:#1f2328;--muted:#59636e;--line:#d8dee4;--brand:#a8071a;--link:#0b5cad;--bg:#f6f8fa}
    *{box-sizing:border-box}
    html{-webkit-text-size-adjust:100%}
    body{margin:0;color:var(--ink);background:#fff;font:16px/1.75 "PingFang SC","Hiragino Sans GB","Microsoft YaHei","Noto Sans CJK SC","Source Han Sans SC",sans-serif}
    a{color:var(--link);text-decoration:none}
    a:hover,a:focus{text-decoration:underline}
    .wrap{max-width:60rem;margin:0 auto;padding:0 1rem}
    .site-header{background:var(--brand);color:#fff}
    .site-header .wrap{display:flex;flex-wrap:wrap;align-items:center;gap:.25rem 1.5rem;padding-top:.75rem;padding-bottom:.75rem}
    .site-title{color:#fff;font-size:1.35rem;font-weight:700;letter-spacing:.05em}
    .site-nav{display:flex;flex-wrap:wrap;gap:.25rem 1rem}
    .site-nav a{color:#fff;opacity:.92}
    main{padding-top:1rem;padding-bottom:2rem;min-height:60vh}
    h1{font-size:1.5rem;line-height:1.4;margin:.75rem 0 1rem}
    h1 small{font-size:.9rem;color:var(--muted);font-weight:400}
    h2{font-size:1.2rem;margin:1.5rem 0 .5rem}
    .crumbs{font-size:.875rem;color:var(--muted)}
    .count,.empty,.more{color:var(--muted);font-size:.9rem}
    .list{list-style:none;margin:0;padding:0}
    .list li{display:flex;justify-content:space-between;gap:1rem;padding:.5rem 0;border-bottom:1px dashed var(--line)}
    .list time{flex:none;color:var(--muted);font-size:.875rem;font-variant-numeric:tabular-nums}
    .column-box{margin-bottom:1.5rem}
    .column-box h2{border-bottom:2px solid var(--brand);padding-bottom:.25rem}
    .column-box h2 a{color:var(--ink)}
    .pager{display:flex;flex-wrap:wrap;gap:.5rem 1rem;margin:1.5rem 0;font-size:.95rem}
    .archives a{display:inline-block;min-width:2em;text-align:center}
    .meta{display:grid;grid-template-columns:repeat(auto-fit,minmax(15rem,1fr));gap:.25rem 1.5rem;margin:0 0 1.5rem;padding:.75rem 1rem;background:var(--bg);border:1px solid var(--line);font-size:.9rem}
    .meta div{display:flex;gap:.75rem}
    .meta dt{flex:none;color:var(--muted);min-width:4.5em}
    .meta dd{margin:0;overflow-wrap:anywhere}
    .body{font-size:1.05rem;overflow-wrap:anywhere}
    .body img{max-width:100%;height:auto}
    .body pre{overflow-x:auto;background:var(--bg);padding:.75rem;border-radius:4px}
    .body table{border-collapse:collapse;display:block;overflow-x:auto}
    .body th,.body td,.catalogue th,.catalogue td{border:1px solid var(--line);padding:.35rem .6rem;vertical-align:top}
    .body blockquote{margin:1rem 0;padding:.25rem 1rem;border-left:4px solid var(--line);color:var(--muted)}
    .table-wrap{overflow-x:auto}
    .catalogue{border-collapse:collapse;width:100%;font-size:.9rem}
    .catalogue th{background:var(--bg);white-space:nowrap}
    .catalogue td:first-child,.catalogue td:last-child{white-space:nowrap}
    .nowrap{white-space:nowrap}
    .catalogue td.title{min-width:14em}
    .table-wrap:focus{outline:2px solid var(--link)}
    .scopes p{margin:.25rem 0;font-size:.95rem}
    .scopes a{display:inline-block;margin-right:.75rem}
    .scope-label{color:var(--muted)}
    .notice{margin:0 0 1rem;padding:.75rem 1rem;border:1px solid var(--brand);border-left-width:6px;background:#fff5f5;font-weight:700}
    .validity-repealed,.validity-lapsed{color:var(--brand)}
    .site-footer{border-top:1px solid var(--line);color:var(--muted);font-size:.875rem;padding:1rem 0 2rem}
    .visually-hidden{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
    @media (max-width:40rem){.list li{flex-direction:column;gap:0}.site-title{font-size:1.2rem}}

    """
}
