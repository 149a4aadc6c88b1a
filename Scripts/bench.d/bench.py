#!/usr/bin/env python3
"""Runs pubsync benchmark scenarios against a release build and prints medians."""
import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
CONFIG = 'timezone = "Asia/Shanghai"\n[store]\npath = "pubsync.db"\n'


def run(binary, args, cwd, env=None):
    """Runs pubsync; returns (seconds, peak RSS in MB of that child)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.perf_counter()
    proc = subprocess.run([os.path.join(binary, "pubsync"), *args], cwd=cwd, env=env,
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    elapsed = time.perf_counter() - start
    if proc.returncode not in (0,):
        sys.exit(f"pubsync {' '.join(args)} failed ({proc.returncode}): {proc.stderr.strip()}")
    # ru_maxrss of children is the max over all waited-for children; measure with /usr/bin/time instead when it grows.
    return elapsed, proc


def timed(binary, args, cwd, env=None):
    """Runs pubsync under /usr/bin/time -v; returns (seconds, peak RSS MB, stdout)."""
    start = time.perf_counter()
    proc = subprocess.run(["/usr/bin/time", "-v", os.path.join(binary, "pubsync"), *args], cwd=cwd, env=env,
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    elapsed = time.perf_counter() - start
    if proc.returncode != 0:
        sys.exit(f"pubsync {' '.join(args)} failed ({proc.returncode}): {proc.stderr.strip()[-2000:]}")
    rss = 0
    for line in proc.stderr.splitlines():
        if "Maximum resident set size" in line:
            rss = int(line.split(":")[1]) / 1024
    return elapsed, rss, proc.stdout


def fresh_workspace(root, name, screening=True):
    """A new workspace folder with a config; screening=False writes `[audit] rules = []` (audit and screening off)."""
    path = os.path.join(root, name)
    shutil.rmtree(path, ignore_errors=True)
    os.makedirs(path)
    with open(os.path.join(path, "pubsync.toml"), "w") as f:
        f.write(CONFIG)
        if not screening:
            f.write("[audit]\nrules = []\n")
    return path


def scenario_import(args, root):
    n = args.n
    print(f"## import: {n} generated items (~2 KB each)")
    ndjson = os.path.join(root, f"items-{n}.ndjson")
    mddir = os.path.join(root, f"items-{n}-md")
    if not os.path.exists(ndjson):
        subprocess.run([sys.executable, os.path.join(HERE, "generate.py"), str(n), ndjson], check=True)
    if not os.path.exists(mddir):
        subprocess.run([sys.executable, os.path.join(HERE, "generate.py"), str(n), mddir, "--format", "md"], check=True)
    anchor = raw_sqlite_anchor(ndjson, root, args.runs)
    print(f"anchor   : raw SQLite, the same rows into one table (WAL, 16 KiB pages, one transaction): "
          f"median {anchor:>9,.0f} rows/s")
    floor = store_rows_anchor(args.bin, ndjson, root, args.runs)
    print(f"anchor   : raw SQLite, the rows an import writes per item (item, revision, approval, journal, event) "
          f"into pubsync's own schema, table by table: median {floor:>9,.0f} items/s")
    # Screening (the audit rules on every new revision, the default) against `[audit] rules = []`;
    # --screening on|off runs one side only.
    sides = {"both": (True, False), "on": (True,), "off": (False,)}[args.screening]
    # The sides alternate run by run, so a change in the machine's load falls on both alike.
    for label, source in (("ndjson", ndjson), ("markdown", mddir)):
        rates = {side: [] for side in sides}
        peaks = {side: [] for side in sides}
        flagged = 0
        for _ in range(args.runs):
            for screening in sides:
                ws = fresh_workspace(root, "ws-import", screening=screening)
                subprocess.run([os.path.join(args.bin, "pubsync"), "init"], cwd=ws, check=True, stdout=subprocess.DEVNULL)
                seconds, rss, out = timed(args.bin, ["import", "--json", source], ws)
                if screening:
                    flagged = json.loads(out)["flagged"]
                rates[screening].append(n / seconds)
                peaks[screening].append(rss)
        medians = {side: statistics.median(rates[side]) for side in sides}
        for screening in sides:
            side = "screening on " if screening else "screening off"
            print(f"import {label:8s} {side}: median {medians[screening]:>9,.0f} items/s = {medians[screening] / anchor:.0%} of the anchor "
                  f"(runs: {', '.join(f'{r:,.0f}' for r in rates[screening])}), peak RSS median {statistics.median(peaks[screening]):.0f} MB"
                  + (f", held by screening: {flagged}" if screening else ""))
        if len(medians) == 2:
            print(f"import {label:8s}: screening costs {1 - medians[True] / medians[False]:.1%} of the import rate (target: within 15 %)")
    # Re-import of the unchanged set: the idempotent path (the last workspace holds the Markdown
    # import, whose bodies end differently, so start from the NDJSON one).
    ws = fresh_workspace(root, "ws-import")
    subprocess.run([os.path.join(args.bin, "pubsync"), "init"], cwd=ws, check=True, stdout=subprocess.DEVNULL)
    subprocess.run([os.path.join(args.bin, "pubsync"), "import", ndjson], cwd=ws, check=True, stdout=subprocess.DEVNULL)
    seconds, rss, _ = timed(args.bin, ["import", ndjson], ws)
    print(f"re-import unchanged ndjson: {n / seconds:,.0f} items/s, peak RSS {rss:.0f} MB")


def raw_sqlite_anchor(ndjson, root, runs):
    """Rows/s of Python's sqlite3 inserting the generated items, already parsed, into one table with
    pubsync's store settings: the ceiling an import (which also parses, hashes, indexes, journals
    and logs) can approach on this machine."""
    import json
    import sqlite3
    with open(ndjson, encoding="utf-8") as f:
        rows = [json.loads(line) for line in f]
    rates = []
    for _ in range(runs):
        path = os.path.join(root, "anchor.db")
        for suffix in ("", "-wal", "-shm"):
            if os.path.exists(path + suffix):
                os.remove(path + suffix)
        db = sqlite3.connect(path, isolation_level=None)
        db.execute("PRAGMA page_size = 16384")
        db.execute("PRAGMA journal_mode = WAL")
        db.execute("PRAGMA synchronous = NORMAL")
        db.execute("CREATE TABLE revisions (item_id TEXT NOT NULL, rev INTEGER NOT NULL, title TEXT, category TEXT, unit TEXT, "
                   "index_number TEXT, doc_number TEXT, published TEXT, summary TEXT, body TEXT, PRIMARY KEY (item_id, rev))")
        start = time.perf_counter()
        db.execute("BEGIN IMMEDIATE")
        db.executemany("INSERT INTO revisions VALUES (?, 1, ?, ?, ?, ?, ?, ?, ?, ?)",
                       ((r["id"], r["title"], r["category"], r["unit"], r["index_number"], r["doc_number"], r["published"],
                         r["summary"], r["body"]) for r in rows))
        db.execute("COMMIT")
        rates.append(len(rows) / (time.perf_counter() - start))
        db.close()
    return statistics.median(rates)


def store_rows_anchor(binary, ndjson, root, runs):
    """Items/s of Python's sqlite3 writing, already parsed and table by table (the kindest order for
    the B-trees), the five rows pubsync writes for each new approved item, into a store that
    `pubsync init` created: the floor under an import, which also parses, validates and hashes."""
    import json
    import sqlite3
    with open(ndjson, encoding="utf-8") as f:
        rows = [json.loads(line) for line in f]
    rates = []
    for _ in range(runs):
        ws = fresh_workspace(root, "ws-anchor")
        subprocess.run([os.path.join(binary, "pubsync"), "init"], cwd=ws, check=True, stdout=subprocess.DEVNULL)
        db = sqlite3.connect(os.path.join(ws, "pubsync.db"), isolation_level=None)
        db.execute("PRAGMA synchronous = NORMAL")
        db.execute("PRAGMA cache_size = -65536")
        hash_ = "0" * 64
        start = time.perf_counter()
        db.execute("BEGIN IMMEDIATE")
        db.executemany("INSERT INTO items (id, status, head_rev, approved_rev, due_date, index_number, created_at, updated_at, "
                       "category, channels, approved_hash) VALUES (?, 'approved', 1, 1, ?, ?, 1.0, 1.0, ?, NULL, ?)",
                       ((r["id"], r["published"], r["index_number"], r["category"], hash_) for r in rows))
        db.executemany("INSERT INTO revisions (item_id, rev, title, category, unit, index_number, doc_number, published, channels, "
                       "sensitive, content_hash, author, created_at, summary, body) VALUES (?, 1, ?, ?, ?, ?, ?, ?, NULL, 0, ?, 'bench', 1.0, ?, ?)",
                       ((r["id"], r["title"], r["category"], r["unit"], r["index_number"], r["doc_number"], r["published"], hash_,
                         r["summary"], r["body"]) for r in rows))
        db.executemany("INSERT INTO approvals (item_id, rev, by, role, at) VALUES (?, 1, '信息公开科', 'reviewer', 1.0)",
                       ((r["id"],) for r in rows))
        db.executemany("INSERT INTO journal (item_id, kind, at) VALUES (?, 'approved', 1.0)", ((r["id"],) for r in rows))
        db.executemany("INSERT INTO events (at, actor, action, item_id, detail) VALUES (1.0, 'bench', 'import', ?, ?)",
                       ((r["id"], "rev 1 from items.ndjson; approved by 信息公开科 as reviewer") for r in rows))
        db.execute("COMMIT")
        rates.append(len(rows) / (time.perf_counter() - start))
        db.close()
    return statistics.median(rates)


def channel_workspace(args, root, name, n, channel_toml):
    """A workspace with n generated items imported (approved), and the given channel config."""
    ndjson = os.path.join(root, f"items-{n}.ndjson")
    if not os.path.exists(ndjson):
        subprocess.run([sys.executable, os.path.join(HERE, "generate.py"), str(n), ndjson], check=True)
    ws = fresh_workspace(root, name)
    with open(os.path.join(ws, "pubsync.toml"), "a") as f:
        f.write(channel_toml)
    env = dict(os.environ, PUBSYNC_TEST_KINDS="1")
    subprocess.run([os.path.join(args.bin, "pubsync"), "init"], cwd=ws, check=True, stdout=subprocess.DEVNULL, env=env)
    subprocess.run([os.path.join(args.bin, "pubsync"), "import", ndjson], cwd=ws, check=True, stdout=subprocess.DEVNULL, env=env)
    return ws, env


def pub(args, ws, env, *command):
    start = time.perf_counter()
    proc = subprocess.run([os.path.join(args.bin, "pubsync"), *command], cwd=ws, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    elapsed = time.perf_counter() - start
    if proc.returncode != 0:
        sys.exit(f"pubsync {' '.join(command)} failed ({proc.returncode}): {proc.stderr.strip()[-1500:]}")
    return elapsed, proc.stdout


def change_one(args, ws, env, n, serial):
    """Imports a new revision of one item (not timed)."""
    path = os.path.join(ws, f"change-{serial}.ndjson")
    item = {"id": f"gen-{n // 2:07d}", "title": f"更正后的标题 {serial}", "category": "政务公告", "published": "2014-06-18",
            "index_number": f"004188191/2014-{n // 2:07d}", "status": "approved", "reviewer": "信息公开科",
            "body": f"第{serial}次更正。" * 100}
    import json
    with open(path, "w") as f:
        f.write(json.dumps(item, ensure_ascii=False) + "\n")
    pub(args, ws, env, "import", path)


def scenario_sync(args, root):
    """Engine overhead over a null channel: full sync ops/s, no-op sync and one-change sync times."""
    toml = '[[channels]]\nname = "null"\nkind = "null"\n'
    for n in (1_000, args.n):
        ws, env = channel_workspace(args, root, f"ws-sync-{n}", n, toml)
        full, _ = pub(args, ws, env, "sync")
        noops = [pub(args, ws, env, "sync")[0] for _ in range(args.runs)]
        changes = []
        for run in range(args.runs):
            change_one(args, ws, env, n, run)
            changes.append(pub(args, ws, env, "sync")[0])
        print(f"sync N={n:>7,}: full {full:6.2f} s = {n / full:>8,.0f} ops/s; no-op median {statistics.median(noops):.3f} s "
              f"(runs {', '.join(f'{t:.3f}' for t in noops)}); one change median {statistics.median(changes):.3f} s")


def scenario_feed(args, root):
    """100,000 items routed to the feed channel: full sync and one-change sync."""
    toml = ('[[channels]]\nname = "weibo"\nkind = "feed"\noutput = "out/weibo"\ntitle = "微博"\n'
            'base_url = "https://jtj.example.gov.cn/"\nitem_url = "https://jtj.example.gov.cn/items/{id}.html"\n')
    ws, env = channel_workspace(args, root, "ws-feed", args.n, toml)
    full, _ = pub(args, ws, env, "sync")
    changes = []
    for run in range(args.runs):
        change_one(args, ws, env, args.n, run)
        changes.append(pub(args, ws, env, "sync")[0])
    noop, _ = pub(args, ws, env, "sync")
    print(f"feed N={args.n:,}: full sync {full:.2f} s; one-change sync median {statistics.median(changes):.3f} s "
          f"(runs {', '.join(f'{t:.3f}' for t in changes)}); no-op {noop:.3f} s")
    recs = [pub(args, ws, env, "reconcile")[0] for _ in range(args.runs)]
    print(f"feed N={args.n:,}: reconcile median {statistics.median(recs):.2f} s")


def scenario_reconcile(args, root):
    """N items live on the static site and the feed: the full sync that puts them there, then
    reconcile of both channels (each page read and hashed, the feed files parsed)."""
    toml = ('[[channels]]\nname = "site"\nkind = "static-site"\noutput = "out/site"\ntitle = "交通运输局"\n'
            'base_url = "https://jtj.example.gov.cn/"\n'
            '[[channels]]\nname = "weibo"\nkind = "feed"\noutput = "out/weibo"\ntitle = "微博"\n'
            'base_url = "https://jtj.example.gov.cn/"\nitem_url = "https://jtj.example.gov.cn/items/{id}.html"\n')
    ws, env = channel_workspace(args, root, "ws-reconcile", args.n, toml)
    full, _ = pub(args, ws, env, "sync")
    print(f"reconcile N={args.n:,}: full sync to site and feed {full:.1f} s")
    recs = [pub(args, ws, env, "reconcile")[0] for _ in range(args.runs)]
    print(f"reconcile N={args.n:,}: site and feed median {statistics.median(recs):.2f} s (runs {', '.join(f'{t:.2f}' for t in recs)})")


def scenario_audit(args, root):
    """Audit over N published items: MB/s of text and flags found (must be 0 on the generated corpus)."""
    toml = '[[channels]]\nname = "null"\nkind = "null"\n'
    ws, env = channel_workspace(args, root, "ws-audit", args.n, toml)
    held = len(json.loads(pub(args, ws, env, "flags", "--json")[1])["flags"])
    print(f"audit N={args.n:,}: open flags after the import with screening on (false holds): {held}")
    pub(args, ws, env, "sync")
    rates, flags = [], None
    for _ in range(args.runs):
        elapsed, out = pub(args, ws, env, "audit")
        kib = int(out.split("(")[1].split(" KiB")[0])
        flags = out.split(": ")[1].split(" new")[0]
        rates.append(kib / 1024 / elapsed)
    print(f"audit N={args.n:,}: median {statistics.median(rates):.0f} MB/s of text (runs {', '.join(f'{r:.0f}' for r in rates)}), "
          f"flags on the generated corpus: {flags}")


def scenario_site(args, root):
    """Full render of 10,000 items vs Hugo, then no-op, one change and one addition (bench-hugo.sh);
    then a one-item title change end to end through `pubsync sync`, counting the pages rewritten;
    then site-full (a full publish through `pubsync sync` beside Hugo at 10,000 and --n items)."""
    subprocess.run([os.path.join(HERE, "bench-hugo.sh"), "10000"], check=True)
    site_sync_one_change(args, root, 10_000)
    scenario_site_full(args, root)


SITE_AND_FEED = ('[[channels]]\nname = "site"\nkind = "static-site"\noutput = "out/site"\ntitle = "交通运输局"\n'
                 'base_url = "https://jtj.example.gov.cn/"\n'
                 '[[channels]]\nname = "weibo"\nkind = "feed"\noutput = "out/weibo"\ntitle = "微博"\n'
                 'base_url = "https://jtj.example.gov.cn/"\n')


def hugo_site(args, ndjson, dest):
    """The NDJSON items as a Hugo site: site-bench's templates (equivalent to the site's defaults:
    home, paginated column lists, item pages with the metadata block, a paginated catalogue,
    Hugo's sitemap; with `config-equivalent.toml` also the catalogue by column and by year, a
    JSON index for search and an RSS feed) and one content file per item, in a section per column."""
    subprocess.run([os.path.join(args.bin, "site-bench"), "hugo-site", dest, "--items", "0", "--columns", "0"],
                   check=True, stdout=subprocess.DEVNULL)
    content = os.path.join(dest, "content")
    sections = {}
    with open(ndjson, encoding="utf-8") as f:
        for line in f:
            item = json.loads(line)
            column = item["category"]
            if column not in sections:
                sections[column] = f"c{len(sections)}"
                os.makedirs(os.path.join(content, sections[column]), exist_ok=True)
                with open(os.path.join(content, sections[column], "_index.md"), "w", encoding="utf-8") as out:
                    out.write(f"---\ntitle: {json.dumps(column, ensure_ascii=False)}\n---\n")
            front = {"title": item["title"], "date": item["published"], "slug": item["id"], "category": column,
                     "columns": [column], "years": [item["published"][:4]], "unit": item.get("unit", ""), "index_number": item.get("index_number", ""),
                     "doc_number": item.get("doc_number", "")}
            with open(os.path.join(content, sections[column], item["id"] + ".md"), "w", encoding="utf-8") as out:
                out.write("---\n" + "".join(f"{k}: {json.dumps(v, ensure_ascii=False)}\n" for k, v in front.items())
                          + "---\n\n" + item["body"] + "\n")


def time_v(command, cwd=None):
    """Runs a command under /usr/bin/time -v; returns (seconds, peak RSS in MB)."""
    start = time.perf_counter()
    proc = subprocess.run(["/usr/bin/time", "-v", *command], cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    elapsed = time.perf_counter() - start
    if proc.returncode != 0:
        sys.exit(f"{' '.join(command)} failed ({proc.returncode}): {proc.stderr.strip()[-2000:]}")
    rss = next((int(line.split(":")[1]) / 1024 for line in proc.stderr.splitlines() if "Maximum resident set size" in line), 0)
    return elapsed, rss


def files_newer(folder, start):
    """Files under folder modified at or after start (an independent count of what a run wrote)."""
    return sum(1 for parent, _, names in os.walk(folder) for name in names
               if os.path.getmtime(os.path.join(parent, name)) >= start - 0.01)


def retitle_and_sync(args, ws, env, item, name):
    """Imports `item` (a changed revision) from ws/name, waits past the file times' resolution,
    then times a sync; returns (seconds, the time it started) for counting what it wrote."""
    path = os.path.join(ws, name)
    with open(path, "w", encoding="utf-8") as f:
        f.write(json.dumps(item, ensure_ascii=False) + "\n")
    pub(args, ws, env, "import", path)
    time.sleep(1.1)
    start = time.time()
    return pub(args, ws, env, "sync")[0], start


def scenario_site_full(args, root):
    """A full publish end to end: `pubsync sync` of N generated items to a site + feed deployment
    (the first sync after the import) beside Hugo building the same items, medians of --runs,
    with peak RSS; then a no-op sync and a one-item change at the same N. N = 10,000 and --n."""
    if shutil.which("hugo") is None:
        sys.exit("site-full: hugo is not installed (apt-get install -y hugo)")
    hugo_version = subprocess.run(["hugo", "version"], stdout=subprocess.PIPE, text=True).stdout.split()[1]
    # Outputs (and Hugo's sources) are moved aside, not deleted, until the scenario ends: on
    # ext4 without a journal (this machine's disk) inode allocation skips, one by one, inodes
    # freed in the last 60 s (360 s while their table block is dirty), so creating files just
    # after deleting 100,000 scans them again and again. That cost of the bench's own delete
    # doubled either tool's time at 10,000 items.
    trash = os.path.join(root, "trash")
    os.makedirs(trash, exist_ok=True)
    def move_aside(path):
        if os.path.exists(path):
            os.rename(path, os.path.join(trash, f"{os.path.basename(path)}-{time.time_ns()}"))
    for n in sorted({10_000, args.n}):
        move_aside(os.path.join(root, f"ws-site-full-{n}"))
        ws, env = channel_workspace(args, root, f"ws-site-full-{n}", n, SITE_AND_FEED)
        ndjson = os.path.join(root, f"items-{n}.ndjson")
        src = os.path.join(root, f"hugo-{n}")
        move_aside(src)
        hugo_site(args, ndjson, src)
        # The store as the import left it: every run starts from it, with no output yet.
        snapshot = os.path.join(root, f"site-full-{n}.db")
        shutil.copyfile(os.path.join(ws, "pubsync.db"), snapshot)
        # Hugo builds the same items twice: the site with every page and file the site and feed
        # channels make ("equivalent"), and the narrower site issue 22 was filed against, without
        # the catalogue by column and year, the search index and the feed ("as filed").
        ours, theirs, narrow = [], [], []
        hugo_builds = (("equivalent", "config-equivalent.toml", theirs), ("as-filed", "config.toml", narrow))
        for run in range(args.runs):  # alternated, so a change in load falls on all three
            for name, config, times in hugo_builds:
                public = os.path.join(root, f"hugo-{n}-{name}-public")
                move_aside(public)
                times.append(time_v(["hugo", "--quiet", "-s", src, "--config", os.path.join(src, config), "-d", public]))
            move_aside(os.path.join(ws, "out"))
            for suffix in ("-wal", "-shm"):
                if os.path.exists(os.path.join(ws, "pubsync.db" + suffix)):
                    os.remove(os.path.join(ws, "pubsync.db" + suffix))
            shutil.copyfile(snapshot, os.path.join(ws, "pubsync.db"))
            elapsed, rss, _ = timed(args.bin, ["sync"], ws, env)
            ours.append((elapsed, rss))
        mine = statistics.median(t for t, _ in ours)
        hugo = statistics.median(t for t, _ in theirs)
        as_filed = statistics.median(t for t, _ in narrow)
        def html_pages(folder):
            return sum(1 for _, _, names in os.walk(folder) for name in names if name.endswith(".html"))
        pages = html_pages(os.path.join(ws, "out", "site"))
        hugo_pages = {name: html_pages(os.path.join(root, f"hugo-{n}-{name}-public")) for name, _, _ in hugo_builds}
        print(f"site-full N={n:,}: pubsync sync (site + feed) median {mine:.2f} s (runs {', '.join(f'{t:.2f}' for t, _ in ours)}), "
              f"peak RSS {max(r for _, r in ours):.0f} MB, {pages:,} pages; hugo {hugo_version}, equivalent site "
              f"({hugo_pages['equivalent']:,} pages, search JSON, RSS) median {hugo:.2f} s "
              f"(runs {', '.join(f'{t:.2f}' for t, _ in theirs)}), peak RSS {max(r for _, r in theirs):.0f} MB; "
              f"ratio {mine / hugo:.2f}x")
        print(f"site-full N={n:,}: hugo, the site as issue 22 was filed ({hugo_pages['as-filed']:,} pages) median {as_filed:.2f} s "
              f"(runs {', '.join(f'{t:.2f}' for t, _ in narrow)}), peak RSS {max(r for _, r in narrow):.0f} MB; "
              f"ratio {mine / as_filed:.2f}x")
        noops = [pub(args, ws, env, "sync")[0] for _ in range(args.runs)]
        item = json.loads(open(ndjson, encoding="utf-8").readline())
        item["title"] += "（更正）"
        change, start = retitle_and_sync(args, ws, env, item, "title.ndjson")
        written = files_newer(os.path.join(ws, "out"), start)
        print(f"site-full N={n:,}: no-op sync median {statistics.median(noops):.3f} s (runs {', '.join(f'{t:.3f}' for t in noops)}); "
              f"one title change {change:.3f} s, {written} files written (site and feed)")
    shutil.rmtree(trash, ignore_errors=True)


def site_sync_one_change(args, root, n):
    """A site of n items synced by pubsync; one item's title changes; the next sync may rewrite
    only DESIGN.md's pages: the item's page, its column's and the catalogue's landing and archive
    pages, the per-column and per-year catalogue pages and the home page (at most 12)."""
    import json
    toml = ('[[channels]]\nname = "site"\nkind = "static-site"\noutput = "out/site"\ntitle = "交通运输局"\n'
            'base_url = "https://jtj.example.gov.cn/"\n')
    ws, env = channel_workspace(args, root, f"ws-site-sync-{n}", n, toml)
    full, _ = pub(args, ws, env, "sync")
    ndjson = os.path.join(root, f"items-{n}.ndjson")
    with open(ndjson, encoding="utf-8") as f:
        lines = f.readlines()
    for run, index in enumerate((n // 2, n - 1, 7)):  # an archived item, the newest-numbered one, an early one
        item = json.loads(lines[index])
        item["title"] = f"{item['title']}（更正{run}）"
        elapsed, start = retitle_and_sync(args, ws, env, item, f"title-{run}.ndjson")
        site = os.path.join(ws, "out", "site")
        pages = sorted(os.path.relpath(os.path.join(folder, name), site)
                       for folder, _, names in os.walk(site) for name in names
                       if name.endswith(".html") and os.path.getmtime(os.path.join(folder, name)) >= start - 0.01)
        verdict = "ok" if len(pages) <= 12 else "TOO MANY"
        print(f"site via pubsync sync N={n:,}: full {full:.1f} s; title change of {item['id']}: sync {elapsed:.3f} s, "
              f"{len(pages)} pages rewritten ({verdict}): {', '.join(pages)}")


def scenario_portal(args, root):
    """10,000 PUTs to pubsync-portal at concurrency 1 and 8 vs curl --parallel (bench-portal.sh)."""
    subprocess.run([os.path.join(HERE, "bench-portal.sh"), "10000", "release"], check=True)


def scenario_search(args, root):
    """Bytes a two-character query loads from the site's search index at 50,000 items (the index
    builder's unit test, scaled up; not part of Scripts/test)."""
    repo = os.path.dirname(HERE)
    env = dict(os.environ, PUBSYNC_SCALE="1")
    proc = subprocess.run(["swift", "test", "--filter", "SearchIndexTests/queryBudget"], cwd=repo, env=env,
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    for line in proc.stdout.splitlines():
        if line.startswith("search budget:"):
            print(line)
    if proc.returncode != 0:
        sys.exit("search: the 300 KB budget test failed:\n" + proc.stdout[-3000:])


def start_portal(binary, folder):
    """A release pubsync-portal on a free loopback port; returns (process, url, token)."""
    import secrets
    token = "bench-" + secrets.token_hex(16)
    env = dict(os.environ, PORTAL_BENCH_TOKEN=token)
    out = open(os.path.join(folder, "portal.out"), "w+")
    proc = subprocess.Popen([os.path.join(binary, "pubsync-portal"), "--host", "127.0.0.1", "--port", "0",
                             "--token-env", "PORTAL_BENCH_TOKEN", "--db", os.path.join(folder, "portal.db"),
                             "--log-level", "warning"], env=env, stdout=out, stderr=subprocess.DEVNULL)
    deadline = time.time() + 30
    while time.time() < deadline:
        out.seek(0)
        line = out.readline()
        if line.startswith("listening on "):
            return proc, "http://" + line.split()[-1], token
        if proc.poll() is not None:
            break
        time.sleep(0.05)
    proc.kill()
    sys.exit("attachments: pubsync-portal did not start")


def sha256_file(path):
    import hashlib
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def scenario_attachments(args, root):
    """Peak memory (/usr/bin/time -v) with attachments: 1,000 items with a 1 MB attachment each
    (import, then sync to a static site), and one 50 MB attachment imported and published to the
    site and a real pubsync-portal on 127.0.0.1 (checked byte for byte). Goal: under 200 MB each."""
    import json
    import urllib.request
    print(f"## attachments (load average {os.getloadavg()[0]:.1f}, {os.cpu_count()} CPUs)")
    site = ('[[channels]]\nname = "site"\nkind = "static-site"\noutput = "out/site"\ntitle = "交通运输局"\n'
            'base_url = "https://jtj.example.gov.cn/"\n')
    for label, count, size in (("1,000 x 1 MB", 1000, 1 << 20), ("1 x 50 MB", 1, 50 << 20)):
        ws = fresh_workspace(root, f"ws-attachments-{count}")
        portal = None
        env = dict(os.environ)
        channels = site
        if count == 1:
            portal, url, token = start_portal(args.bin, ws)
            env["PORTAL_BENCH_TOKEN"] = token
            channels += (f'[[channels]]\nname = "portal"\nkind = "http-push"\nurl = "{url}"\n'
                         'token_env = "PORTAL_BENCH_TOKEN"\ntimeout_s = 120\n')
        try:
            with open(os.path.join(ws, "pubsync.toml"), "a") as f:
                f.write(channels)
            subprocess.run([os.path.join(args.bin, "pubsync"), "init"], cwd=ws, check=True, stdout=subprocess.DEVNULL)
            items = os.path.join(ws, "items")
            os.makedirs(os.path.join(items, "files"))
            with open(os.path.join(items, "items.ndjson"), "w") as out:
                for i in range(count):
                    name = f"files/budget-{i:05d}.pdf"
                    with open(os.path.join(items, name), "wb") as f:
                        f.write(b"%PDF-1.4\n")
                        f.write(os.urandom(size - 9))
                    out.write(json.dumps({"id": f"att-{i:05d}", "title": f"预算附件 {i}", "category": "财政预决算",
                                          "published": "2014-02-21", "status": "approved", "reviewer": "信息公开科",
                                          "attachments": [{"file": name, "title": f"预算 {i}"}]}, ensure_ascii=False) + "\n")
            elapsed, rss, _ = timed(args.bin, ["import", "items"], ws)
            print(f"attachments {label}: import {elapsed:.1f} s, peak RSS {rss:.0f} MB (/usr/bin/time -v)")
            where = "the site and the portal" if portal else "the site"
            elapsed, rss, _ = timed(args.bin, ["sync"], ws, env=env)
            print(f"attachments {label}: sync to {where} {elapsed:.1f} s, peak RSS {rss:.0f} MB (/usr/bin/time -v)")
            if portal:
                source = sha256_file(os.path.join(items, "files/budget-00000.pdf"))
                site_file = os.path.join(ws, "out/site/files", source, "budget-00000.pdf")
                request = urllib.request.Request(f"{url}/files/{source}", headers={"Authorization": f"Bearer {token}"})
                import hashlib
                digest = hashlib.sha256()
                with urllib.request.urlopen(request, timeout=120) as answer:
                    for chunk in iter(lambda: answer.read(1 << 20), b""):
                        digest.update(chunk)
                same = sha256_file(site_file) == source and digest.hexdigest() == source
                print(f"attachments {label}: site and portal copies byte-identical: {'yes' if same else 'NO'}")
                if not same:
                    sys.exit("attachments: a published copy differs from the imported file")
        finally:
            if portal:
                portal.terminate()
                portal.wait(timeout=30)
            shutil.rmtree(ws, ignore_errors=True)


SCENARIOS = {"import": scenario_import, "sync": scenario_sync, "feed": scenario_feed, "audit": scenario_audit,
             "reconcile": scenario_reconcile, "site": scenario_site, "portal": scenario_portal,
             "search": scenario_search, "attachments": scenario_attachments,
             "site-sync": lambda args, root: site_sync_one_change(args, root, 10_000),
             "site-full": scenario_site_full}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--bin", required=True)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--n", type=int, default=100_000)
    parser.add_argument("--screening", choices=("both", "on", "off"), default="both",
                        help="import: with screening (the audit rules at import), without ([audit] rules = []), or both")
    parser.add_argument("--work", default=os.path.join(tempfile.gettempdir(), "pubsync-bench"))
    parser.add_argument("scenarios", nargs="*")
    args = parser.parse_args()
    os.makedirs(args.work, exist_ok=True)
    # `site` runs site-sync and site-full too: the default runs each once.
    for name in args.scenarios or [name for name in SCENARIOS if name not in ("site-sync", "site-full")]:
        if name not in SCENARIOS:
            sys.exit(f"unknown scenario {name} (known: {', '.join(SCENARIOS)})")
        SCENARIOS[name](args, args.work)


if __name__ == "__main__":
    main()
