/// The console's one stylesheet, served at `/static/console.css` (no inline style or script,
/// so the Content-Security-Policy can allow only the console's own files).
enum ConsoleStyle {
    static let css = """
    :root { --blue: #0b4a8b; --blue-dark: #08386a; --line: #d6dde6; --bg: #f3f5f8; --text: #1d2733; --muted: #5b6776; --red: #b42318; --amber: #9a5b00; --green: #1e6b3a; }
    * { box-sizing: border-box; }
    html { font-size: 15px; }
    body { margin: 0; font-family: "Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC", sans-serif; color: var(--text); background: var(--bg); line-height: 1.6; }
    a { color: var(--blue); }
    a:focus, button:focus, input:focus, textarea:focus { outline: 3px solid #f5b301; outline-offset: 1px; }
    .top { display: flex; justify-content: space-between; align-items: center; background: linear-gradient(#0d5aa7, var(--blue)); color: #fff; padding: 0 24px; height: 60px; border-bottom: 3px solid #c8102e; }
    .brand { display: flex; align-items: center; gap: 12px; }
    .emblem { display: inline-flex; align-items: center; justify-content: center; width: 34px; height: 34px; border-radius: 50%; background: #c8102e; color: #ffd76a; font-weight: bold; border: 2px solid #ffd76a; }
    .office { font-size: 1.25rem; font-weight: bold; letter-spacing: 1px; }
    .system { font-size: 1rem; opacity: .9; border-left: 1px solid rgba(255,255,255,.5); padding-left: 12px; }
    .who { display: flex; align-items: center; gap: 10px; }
    .who .role { background: rgba(255,255,255,.18); border-radius: 3px; padding: 0 8px; font-size: .9rem; }
    .who form { margin: 0; }
    button.link { background: none; border: 1px solid rgba(255,255,255,.6); color: #fff; padding: 3px 10px; border-radius: 3px; cursor: pointer; font: inherit; }
    .frame { display: flex; min-height: calc(100vh - 110px); }
    .side { width: 180px; flex: none; background: #fff; border-right: 1px solid var(--line); padding: 16px 0; }
    .side a { display: block; padding: 10px 24px; color: var(--text); text-decoration: none; border-left: 4px solid transparent; }
    .side a:hover { background: #eef3fa; }
    .side a.on { border-left-color: var(--blue); background: #e6eef8; color: var(--blue); font-weight: bold; }
    .badge { display: inline-block; min-width: 20px; margin-left: 8px; padding: 0 6px; border-radius: 10px; background: var(--blue); color: #fff; font-size: .8rem; text-align: center; }
    .badge.warn { background: var(--red); }
    main { flex: 1; padding: 20px 28px 40px; max-width: 1200px; }
    h1 { font-size: 1.45rem; margin: 0 0 16px; padding-bottom: 8px; border-bottom: 2px solid var(--blue); }
    h2 { font-size: 1.1rem; margin: 26px 0 10px; color: var(--blue-dark); }
    .muted { color: var(--muted); font-weight: normal; font-size: .92rem; }
    .meta { color: var(--muted); margin: 4px 0; }
    table { width: 100%; border-collapse: collapse; background: #fff; border: 1px solid var(--line); }
    th, td { border-bottom: 1px solid var(--line); padding: 7px 10px; text-align: left; vertical-align: top; }
    thead th { background: #eaf0f7; color: #243447; font-weight: bold; white-space: nowrap; }
    td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; }
    td.bad { color: var(--red); font-weight: bold; }
    td.time { white-space: nowrap; color: var(--muted); font-size: .9rem; }
    tr.total td { font-weight: bold; background: #f7f9fb; }
    .cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(140px, 1fr)); gap: 12px; margin-bottom: 8px; }
    .card { display: block; background: #fff; border: 1px solid var(--line); border-top: 4px solid var(--blue); padding: 12px 14px; text-decoration: none; color: var(--text); }
    .card .num { font-size: 1.8rem; font-weight: bold; font-variant-numeric: tabular-nums; }
    .card .label { color: var(--muted); }
    .card.warn { border-top-color: var(--amber); }
    .card.alert, .card.bad { border-top-color: var(--red); }
    .card.ok { border-top-color: var(--green); }
    .card.quiet { border-top-color: #8a96a3; }
    .login { max-width: 380px; margin: 60px auto; background: #fff; border: 1px solid var(--line); border-top: 4px solid var(--blue); padding: 24px 28px; }
    .login h1 { border: none; text-align: center; }
    label { display: block; margin: 10px 0 4px; font-weight: bold; }
    input, textarea { width: 100%; padding: 7px 9px; border: 1px solid #9aa7b5; border-radius: 3px; font: inherit; background: #fff; }
    button { font: inherit; padding: 7px 16px; border-radius: 3px; border: 1px solid #8a96a3; background: #f4f6f8; cursor: pointer; }
    button.primary { background: var(--blue); border-color: var(--blue); color: #fff; margin-top: 12px; }
    button.primary:hover { background: var(--blue-dark); }
    button.dangerous { background: var(--red); border-color: var(--red); color: #fff; margin-top: 12px; }
    .login button.primary { width: 100%; }
    .hint { color: var(--muted); font-size: .88rem; margin-top: 16px; }
    .alert { background: #fdecea; border: 1px solid #f3b8b2; color: var(--red); padding: 8px 12px; }
    .notice { background: #e8f4ec; border: 1px solid #a8d5b7; color: var(--green); padding: 8px 12px; }
    .empty { background: #fff; border: 1px dashed var(--line); padding: 24px; text-align: center; color: var(--muted); }
    .review { background: #fff; border: 1px solid var(--line); padding: 16px 20px; margin-bottom: 20px; }
    .review h2 { margin: 0; font-size: 1.15rem; }
    .tag { display: inline-block; padding: 0 6px; border-radius: 3px; font-size: .85rem; }
    .tag.warn { background: #fff4e0; color: var(--amber); border: 1px solid #f0c987; }
    .tag.bad { background: #fdecea; color: var(--red); border: 1px solid #f3b8b2; }
    table.fields { margin: 12px 0; }
    table.fields { table-layout: fixed; }
    table.fields th:first-child { width: 120px; background: #f5f7fa; white-space: nowrap; }
    table.fields td { word-break: break-all; }
    table.log td:nth-child(2), table.log td:nth-child(3), table.log td:nth-child(4) { white-space: nowrap; }
    table.flags td:last-child { width: 300px; }
    table.flags td:nth-child(4) { white-space: nowrap; }
    tr.changed td { background: #fff8e1; }
    tr.changed td:last-child { font-weight: bold; }
    .diff { border: 1px solid var(--line); font-family: "Noto Sans Mono CJK SC", "DejaVu Sans Mono", monospace; font-size: .9rem; max-height: 420px; overflow: auto; }
    .diff .line { display: flex; white-space: pre-wrap; word-break: break-all; }
    .diff .mark { flex: none; width: 28px; text-align: center; color: var(--muted); user-select: none; }
    .diff .text { flex: 1; padding-right: 8px; }
    .diff .add { background: #e6f6ea; }
    .diff .add .mark { color: var(--green); font-weight: bold; }
    .diff .del { background: #fdecea; text-decoration: line-through; text-decoration-color: rgba(180,35,24,.4); }
    .diff .del .mark { color: var(--red); font-weight: bold; }
    .diff .skip { color: var(--muted); background: #f5f7fa; font-style: italic; }
    form.approve { margin-top: 12px; border-top: 1px solid var(--line); padding-top: 8px; }
    form.danger { background: #fff; border: 1px solid #f3b8b2; padding: 12px 16px; }
    form.inline { display: flex; flex-wrap: wrap; gap: 6px; align-items: center; margin: 0 0 6px; }
    form.inline label { margin: 0; font-weight: normal; }
    form.inline input { width: auto; flex: 1; min-width: 140px; }
    table.flags td form.inline label { position: absolute; left: -9999px; }
    pre.body { background: #fff; border: 1px solid var(--line); padding: 12px 14px; white-space: pre-wrap; word-break: break-all; font-family: inherit; }
    code { font-family: "Noto Sans Mono CJK SC", "DejaVu Sans Mono", monospace; background: #f3f5f8; padding: 0 3px; }
    .state { display: inline-block; padding: 0 8px; border-radius: 3px; color: #fff; background: #8a96a3; }
    .state.ok { background: var(--green); } .state.warn { background: var(--amber); } .state.bad { background: var(--red); } .state.info { background: var(--blue); }
    .crumb { color: var(--muted); margin: 0 0 8px; }
    .foot { text-align: center; color: var(--muted); font-size: .85rem; padding: 14px; border-top: 1px solid var(--line); background: #fff; }
    """
}
