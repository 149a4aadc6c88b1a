#!/usr/bin/env python3
"""The staff console in a real browser (headless Debian Chromium through Selenium).

On the demo deployment (three channels, a real `pubsync-portal`): a reviewer approves items in
the queue (one of them a changed revision, shown as a diff), a different leader approves a
sensitive item, an auditor dismisses a flag and retracts a live item. Then `pubsync sync`, and
the site, the portal and the feeds must show exactly that, and `pubsync log` must name the
accounts. Screenshots of the dashboard, the queue with a diff, an item page and the flags page
at 1280 px go to SHOT_DIR (default: a temp folder, kept and printed).

Usage: Scripts/browser/console_test.py BIN_DIR [SHOT_DIR]
Every server it starts listens on 127.0.0.1 on a free port and is stopped at the end; the whole
run is bounded (about 3 minutes at most)."""
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import pubsync_browser  # noqa: E402

REPO = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
SEED = os.path.join(REPO, "seeds", "zibo-transport-2014")
PASSWORD = "console-pass-1"
TOKEN = "console-test-portal-token"
ACCOUNTS = [("王审核", "reviewer"), ("李局长", "leader"), ("赵审计", "auditor")]
DEADLINE = time.monotonic() + 180


class Failure(AssertionError):
    pass


def check(condition, message):
    if not condition:
        raise Failure(message)
    print(f"  ok: {message}")


def pubsync(bin_dir, work, *args, stdin=None, expect=(0,)):
    env = dict(os.environ, PUBSYNC_PORTAL_TOKEN=TOKEN)
    env.pop("PUBSYNC_CONFIG", None)
    result = subprocess.run([os.path.join(bin_dir, "pubsync"), *args], cwd=work, input=stdin, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, timeout=120)
    if result.returncode not in expect:
        raise Failure(f"pubsync {' '.join(args)} exited {result.returncode}: {result.stderr.strip()}")
    return result.stdout


def start(cmd, cwd, env=None):
    """Starts a server that prints where it listens on its first stdout line; returns (process, port)."""
    proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    line = proc.stdout.readline()
    match = re.search(r"127\.0\.0\.1:(\d+)", line)
    if not match:
        proc.kill()
        raise Failure(f"{cmd[0]} did not start: {line!r}")
    return proc, int(match.group(1))


def stop(proc):
    if proc and proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=5)


def item_file(item_id, title, category, published, body, extra=""):
    return f"---\nid: {item_id}\ntitle: {title}\ncategory: {category}\nunit: 市交通运输局\npublished: {published}\n{extra}---\n{body}\n"


def prepare(bin_dir, work, portal_port):
    config = open(os.path.join(SEED, "pubsync.toml"), encoding="utf-8").read()
    config = config.replace("http://127.0.0.1:8085", f"http://127.0.0.1:{portal_port}")
    open(os.path.join(work, "pubsync.toml"), "w", encoding="utf-8").write(config)
    pubsync(bin_dir, work, "init")
    pubsync(bin_dir, work, "import", os.path.join(SEED, "items"))
    pubsync(bin_dir, work, "sync")
    # As in Scripts/demo: the archive went in unscreened; from now on every new revision is screened.
    config = re.sub(r"^rules = \[\]$", 'rules = ["cn-id-number", "cn-mobile", "secrecy-marking"]', config, flags=re.M)
    open(os.path.join(work, "pubsync.toml"), "w", encoding="utf-8").write(config)
    for name, role in ACCOUNTS:
        pubsync(bin_dir, work, "users", "add", name, "--role", role, "--password-stdin", stdin=PASSWORD + "\n")
    # A changed revision of a live notice, not yet approved: the queue shows it as a diff.
    update = open(os.path.join(SEED, "updates", "zbjt-2014-0010.md"), encoding="utf-8").read()
    update = re.sub(r"^(status|reviewer|leader):.*\n", "", update, flags=re.M)
    os.makedirs(os.path.join(work, "new"), exist_ok=True)
    open(os.path.join(work, "new", "zbjt-2014-0010.md"), "w", encoding="utf-8").write(update)
    open(os.path.join(work, "new", "zbjt-2014-0120.md"), "w", encoding="utf-8").write(item_file(
        "zbjt-2014-0120", "2014年市级交通专项资金安排情况", "财政预决算", "2014-12-20",
        "2014年安排市级交通专项资金1.2亿元，主要用于农村公路建设和公交场站建设。", "sensitive: true\n"))
    open(os.path.join(work, "new", "zbjt-2014-0121.md"), "w", encoding="utf-8").write(item_file(
        "zbjt-2014-0121", "关于开通出租汽车服务监督手机热线的公告", "政务公告", "2014-12-22",
        "为方便群众监督，即日起开通出租汽车服务监督手机热线13912345678，受理时间为工作日8:30至17:30。",
        "status: approved\nreviewer: 信息公开科\n"))
    pubsync(bin_dir, work, "import", "new")
    flags = json.loads(pubsync(bin_dir, work, "flags", "--json"))["flags"]
    check(any(f["item"] == "zbjt-2014-0121" for f in flags), "screening at import flagged the mobile number in zbjt-2014-0121")
    items = {i["id"]: i for i in json.loads(pubsync(bin_dir, work, "items", "--json"))["items"]}
    check(items["zbjt-2014-0121"].get("state") == "held", "zbjt-2014-0121 is held until a person acts")
    return [f["id"] for f in flags if f["item"] == "zbjt-2014-0121"]


def login(driver, base, name):
    from selenium.webdriver.common.by import By
    driver.get(base + "login")
    driver.find_element(By.ID, "username").send_keys(name)
    driver.find_element(By.ID, "password").send_keys(PASSWORD)
    driver.find_element(By.CSS_SELECTOR, "form[action='/login'] button[type=submit]").click()
    pubsync_browser.wait_for(driver, lambda d: d.current_url == base and "工作台" in d.title, what=f"{name}'s dashboard")


def logout(driver, base):
    from selenium.webdriver.common.by import By
    driver.find_element(By.CSS_SELECTOR, "form[action='/logout'] button").click()
    pubsync_browser.wait_for(driver, lambda d: d.current_url.endswith("/login"), what="the login page")


def approve_in_queue(driver, base, item_id, comment):
    from selenium.webdriver.common.by import By
    driver.get(base + "queue")
    form = driver.find_element(By.CSS_SELECTOR, f"form[action='/items/{item_id}/approve']")
    form.find_element(By.TAG_NAME, "textarea").send_keys(comment)
    form.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
    pubsync_browser.wait_for(driver, lambda d: f"/items/{item_id}" in d.current_url, what=f"{item_id}'s page")
    check(comment in driver.page_source, f"{item_id}: the approval comment is on the item page")


def screenshot(driver, base, path, shots, name):
    pubsync_browser.full_page_screenshot(driver, base + path, os.path.join(shots, name), 1280)
    print(f"  screenshot: {os.path.join(shots, name)}")


def browse(bin_dir, work, base, shots, flag_ids):
    from selenium.webdriver.common.by import By
    with pubsync_browser.chromium(width=1280, height=900) as driver:
        # The reviewer: the queue shows the changed notice as a diff; approve it and the new items.
        login(driver, base, "王审核")
        screenshot(driver, base, "", shots, "console-dashboard.png")
        driver.get(base + "queue")
        check("关于开展2013年度道路运输企业质量信誉考核工作的公告（延期）" in driver.page_source, "the queue lists the changed notice")
        check(len(driver.find_elements(By.CSS_SELECTOR, ".diff .line.del")) > 0 and len(driver.find_elements(By.CSS_SELECTOR, ".diff .line.add")) > 0,
              "the queue shows removed and added lines")
        screenshot(driver, base, "queue", shots, "console-queue.png")
        approve_in_queue(driver, base, "zbjt-2014-0010", "延期安排已核实，同意发布")
        approve_in_queue(driver, base, "zbjt-2014-0120", "数据与财政批复一致，报请领导审签")
        check("待领导审签" in driver.page_source, "the sensitive item now awaits a leader")
        logout(driver, base)

        # A different person, the leader, approves the sensitive item.
        login(driver, base, "李局长")
        approve_in_queue(driver, base, "zbjt-2014-0120", "同意公开")
        logout(driver, base)

        # The auditor: dismiss the flag with a reason, retract a live item with its id typed again.
        login(driver, base, "赵审计")
        screenshot(driver, base, "flags", shots, "console-flags.png")
        for flag in flag_ids:
            driver.get(base + "flags")
            form = driver.find_element(By.CSS_SELECTOR, f"form[action='/flags/{flag}/dismiss']")
            form.find_element(By.NAME, "reason").send_keys("系单位公开的监督热线，非个人信息")
            form.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
            pubsync_browser.wait_for(driver, lambda d: "审计标记已排除" in d.page_source, what="the dismissal notice")
        driver.get(base + "items/zbjt-2014-0001")
        driver.find_element(By.ID, "reason").send_keys("内容涉及未公开的统计数据，审计要求撤回")
        driver.find_element(By.ID, "confirm").send_keys("zbjt-2014-0001")
        driver.find_element(By.CSS_SELECTOR, "form[action='/items/zbjt-2014-0001/retract'] button").click()
        pubsync_browser.wait_for(driver, lambda d: "已撤回" in d.page_source and "notice=retracted" in d.current_url, what="the retraction notice")
        screenshot(driver, base, "items/zbjt-2014-0120", shots, "console-item.png")
        logout(driver, base)


def http_status(url, token=None):
    request = urllib.request.Request(url, headers={"Authorization": f"Bearer {token}"} if token else {})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, ""


def verify(bin_dir, work, portal_port):
    pubsync(bin_dir, work, "sync")
    site = os.path.join(work, "out", "site", "items")
    feeds = os.path.join(work, "out", "feeds", "weibo")
    portal = f"http://127.0.0.1:{portal_port}/items/"
    rss = open(os.path.join(feeds, "rss.xml"), encoding="utf-8").read()
    atom = open(os.path.join(feeds, "atom.xml"), encoding="utf-8").read()
    page = open(os.path.join(site, "zbjt-2014-0010.html"), encoding="utf-8").read()
    check("（延期）" in page, "site: the approved new revision of zbjt-2014-0010 is live")
    status, body = http_status(portal + "zbjt-2014-0010", TOKEN)
    check(status == 200 and json.loads(body)["revision"] == 2, "portal: zbjt-2014-0010 revision 2")
    check("（延期）" in rss, "feeds: the new title of zbjt-2014-0010")
    check(os.path.exists(os.path.join(site, "zbjt-2014-0120.html")), "site: the sensitive item approved by reviewer and leader is live")
    check(http_status(portal + "zbjt-2014-0120", TOKEN)[0] == 200, "portal: the sensitive item is live")
    check(os.path.exists(os.path.join(site, "zbjt-2014-0121.html")), "site: the item whose flag was dismissed is live")
    check("13912345678" in rss or "zbjt-2014-0121" in rss, "feeds: the item whose flag was dismissed is in the feed")
    check(not os.path.exists(os.path.join(site, "zbjt-2014-0001.html")), "site: the retracted item is gone")
    check(http_status(portal + "zbjt-2014-0001", TOKEN)[0] == 404, "portal: the retracted item is gone")
    check("zbjt-2014-0001" not in rss and "deleted-entry" in atom, "feeds: the retracted item is gone (Atom tombstone)")
    events = json.loads(pubsync(bin_dir, work, "log", "--limit", "2000", "--json"))["events"]
    def did(actor, action, item):
        return any(e["actor"] == actor and e["action"] == action and e["item"] == item for e in events)
    check(did("王审核", "approve", "zbjt-2014-0010") and did("王审核", "approve", "zbjt-2014-0120"), "log: 王审核 approved as reviewer")
    check(did("李局长", "approve", "zbjt-2014-0120"), "log: 李局长 approved as leader")
    check(did("赵审计", "flag-dismissed", "zbjt-2014-0121"), "log: 赵审计 dismissed the flag")
    check(did("赵审计", "retract", "zbjt-2014-0001"), "log: 赵审计 retracted zbjt-2014-0001")
    show = json.loads(pubsync(bin_dir, work, "show", "zbjt-2014-0120", "--json"))
    roles = {(a["by"], a["role"]) for a in show["revisions"][-1]["approvals"]}
    check(roles == {("王审核", "reviewer"), ("李局长", "leader")}, "show: the sensitive item has two approvals by two people")


def main():
    if len(sys.argv) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    bin_dir = os.path.abspath(sys.argv[1])
    pubsync_browser.ensure_tools()
    work = tempfile.mkdtemp(prefix="pubsync-console-")
    shots = os.path.abspath(sys.argv[2]) if len(sys.argv) > 2 else tempfile.mkdtemp(prefix="pubsync-console-shots-")
    os.makedirs(shots, exist_ok=True)
    portal = console = None
    try:
        env = dict(os.environ, PUBSYNC_PORTAL_TOKEN=TOKEN)
        portal, portal_port = start([os.path.join(bin_dir, "pubsync-portal"), "--host", "127.0.0.1", "--port", "0",
                                     "--token-env", "PUBSYNC_PORTAL_TOKEN", "--db", os.path.join(work, "portal.db")], work, env)
        print("preparing the demo deployment")
        flag_ids = prepare(bin_dir, work, portal_port)
        console, console_port = start([os.path.join(bin_dir, "pubsync"), "serve", "--port", "0"], work, env)
        print("driving the console in Chromium")
        browse(bin_dir, work, f"http://127.0.0.1:{console_port}/", shots, flag_ids)
        check(time.monotonic() < DEADLINE, "the browser part finished in time")
        print("syncing and checking every channel")
        verify(bin_dir, work, portal_port)
        print(f"console_test: passed; screenshots in {shots}")
        return 0
    except Failure as failure:
        print(f"console_test: FAILED: {failure}", file=sys.stderr)
        return 1
    finally:
        stop(console)
        stop(portal)
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
