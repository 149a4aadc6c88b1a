extension DefaultTemplates {
    /// The default theme, in the manner of a Chinese government site: the office's name on a
    /// red masthead with the search box, a column bar, white content, a footer naming who runs
    /// the site. Inline (no external assets), narrow-screen first, AA contrast, visible focus,
    /// and a print style that keeps only the content.
    static let style = """
    :root{--ink:#1f2328;--muted:#555f6b;--line:#d0d7de;--brand:#9f1b1b;--brand-dark:#7a1212;--bar:#0f4c81;--link:#0b4f9c;--bg:#f4f6f8}
    *{box-sizing:border-box}
    html{-webkit-text-size-adjust:100%}
    body{margin:0;color:var(--ink);background:var(--bg);font:16px/1.75 "PingFang SC","Hiragino Sans GB","Microsoft YaHei","Noto Sans CJK SC","Source Han Sans SC",sans-serif}
    a{color:var(--link);text-decoration:none}
    a:hover{text-decoration:underline}
    a:focus-visible,button:focus-visible,input:focus-visible,main:focus-visible{outline:3px solid #f2b705;outline-offset:2px;box-shadow:0 0 0 5px #1f2328}
    .wrap{max-width:72rem;margin:0 auto;padding:0 1rem}
    .skip-link{position:absolute;left:.5rem;top:-3rem;z-index:10;padding:.5rem 1rem;background:#fff;color:var(--link);border:2px solid var(--link)}
    .skip-link:focus{top:.5rem}
    .masthead{background:#8c1616 linear-gradient(180deg,#9f1b1b,#7a1212);color:#fff}
    .masthead .wrap{display:flex;flex-wrap:wrap;align-items:center;justify-content:space-between;gap:.75rem 2rem;padding-top:1.25rem;padding-bottom:1.25rem}
    .site-title{color:#fff;font-size:1.75rem;font-weight:700;letter-spacing:.12em;font-family:"Noto Serif CJK SC","Source Han Serif SC","SimSun",serif}
    .site-search{display:flex;max-width:100%}
    .site-search input,.search-form input{min-width:0;width:16rem;max-width:60vw;padding:.4rem .6rem;border:1px solid #8c959f;border-radius:2px 0 0 2px;font:inherit;font-size:.95rem;background:#fff;color:var(--ink)}
    .site-search button,.search-form button,.more-button{white-space:nowrap;padding:.4rem 1rem;border:1px solid #1f2328;background:#1f2328;color:#fff;font:inherit;font-size:.95rem;cursor:pointer}
    .site-search button{border-radius:0 2px 2px 0;border-color:#fff;background:#fff;color:var(--brand-dark);font-weight:700}
    .site-nav{background:var(--bar)}
    .site-nav .wrap{display:flex;flex-wrap:wrap;gap:0}
    .site-nav a{color:#fff;padding:.6rem 1.1rem;font-size:1.05rem}
    .site-nav a:hover{background:#0a3a63;text-decoration:none}
    main{display:block;background:#fff;padding-top:1rem;padding-bottom:2rem;min-height:60vh}
    h1{font-size:1.5rem;line-height:1.4;margin:.75rem 0 1rem}
    h1 small{font-size:.9rem;color:var(--muted);font-weight:400}
    h2{font-size:1.15rem;margin:1.25rem 0 .5rem}
    .crumbs{font-size:.875rem;color:var(--muted);padding:.25rem 0;border-bottom:1px solid var(--line)}
    .count,.empty,.more{color:var(--muted);font-size:.9rem}
    .list{list-style:none;margin:0;padding:0}
    .list li{display:flex;justify-content:space-between;gap:1rem;padding:.5rem 0;border-bottom:1px dashed var(--line)}
    .list li::before{content:"";flex:none;width:5px;height:5px;margin-top:.75em;background:var(--brand)}
    .list li a{flex:1}
    .list time{flex:none;color:var(--muted);font-size:.875rem;font-variant-numeric:tabular-nums}
    .results li{flex-wrap:wrap}
    .result-meta{flex-basis:100%;padding-left:calc(5px + 1rem);color:var(--muted);font-size:.85rem}
    .home-columns{display:grid;grid-template-columns:repeat(auto-fit,minmax(20rem,1fr));gap:0 2rem}
    .column-box{margin-bottom:1.5rem}
    .column-box h2{display:flex;justify-content:space-between;border-bottom:2px solid var(--brand);padding-bottom:.25rem}
    .column-box h2 a{color:var(--brand-dark)}
    .pager{display:flex;flex-wrap:wrap;gap:.5rem 1rem;margin:1.5rem 0;font-size:.95rem}
    .archives a{display:inline-block;min-width:2em;text-align:center}
    .meta{display:grid;grid-template-columns:max-content 1fr;gap:.25rem 1rem;margin:0 0 1.5rem;padding:.75rem 1rem;background:var(--bg);border:1px solid var(--line);font-size:.9rem}
    @media (min-width:48rem){.meta{grid-template-columns:max-content 1fr max-content 1fr}}
    .meta dt{color:var(--muted)}
    .meta dd{margin:0;overflow-wrap:anywhere}
    .item h1{text-align:center;color:var(--ink);font-size:1.6rem;margin-top:1.25rem}
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
    .disclosure-entries{list-style:none;margin:0;padding:0;display:grid;grid-template-columns:repeat(auto-fit,minmax(15rem,1fr));gap:1rem}
    .disclosure-entries li{border:1px solid var(--line);border-top:4px solid var(--brand);padding:.75rem 1rem;background:#fff}
    .disclosure-entries h2{margin:0 0 .25rem}
    .disclosure-entries p{margin:0;color:var(--muted);font-size:.9rem}
    .search-form{display:flex;flex-wrap:wrap;align-items:center;gap:.5rem;margin:0 0 1rem}
    .search-form input{width:24rem;border-radius:2px}
    .site-footer{background:#2b3137;color:#e6e8eb;font-size:.875rem;padding:1.25rem 0 2rem;text-align:center}
    .site-footer p{margin:.25rem 0}
    .site-footer a{color:#fff;text-decoration:underline}
    .site-footer span{display:inline-block;margin:0 .5rem}
    .footer-links a{margin:0 .5rem}
    .visually-hidden{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
    @media (max-width:40rem){.list li{flex-direction:column;gap:0}.list li::before{display:none}.site-title{font-size:1.3rem}.site-search{width:100%}.site-search input{flex:1;width:auto;max-width:none}.site-search button{flex:none;white-space:nowrap}.site-nav a{padding:.45rem .7rem;font-size:.95rem}.result-meta{padding-left:0}}
    @media print{body{background:#fff}.skip-link,.site-search,.site-nav,.crumbs,.footer-links,.pager,.search-form{display:none}.masthead{background:none;color:#000;border-bottom:2px solid #000}.site-title{color:#000}main{min-height:0}.site-footer{background:none;color:#000}.site-footer a{color:#000}a{color:#000}.meta{background:none}}

    """
}
