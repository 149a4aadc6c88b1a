"""Shared browser helpers for pubsync's scripted browser tests: headless Debian Chromium through
Selenium, a bounded `python3 -m http.server` on a free loopback port, and axe-core runs.

Everything is installed on first use when missing: `chromium` and `chromium-driver` with apt,
`selenium` and `axe-selenium-python` (which bundles axe-core) with pip, `fonts-noto-cjk`.
Never downloads a browser."""
import contextlib
import importlib
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request

CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"


def _apt_install(*packages):
    sudo = [] if os.geteuid() == 0 else ["sudo"]
    subprocess.run(sudo + ["apt-get", "update", "-q"], check=True, stdout=subprocess.DEVNULL)
    subprocess.run(sudo + ["apt-get", "install", "-y", "-q", *packages], check=True, stdout=subprocess.DEVNULL)


def ensure_tools():
    """Installs what the browser tests need, when it is missing (idempotent)."""
    missing = [pkg for path, pkg in ((CHROMIUM, "chromium"), (CHROMEDRIVER, "chromium-driver")) if not os.path.exists(path)]
    if not os.path.isdir("/usr/share/fonts/opentype/noto") and not shutil.which("fc-list") is None:
        if "Noto Sans CJK" not in subprocess.run(["fc-list"], stdout=subprocess.PIPE, text=True).stdout:
            missing.append("fonts-noto-cjk")
    if missing:
        _apt_install(*missing)
    for module, package in (("selenium", "selenium"), ("axe_selenium_python", "axe-selenium-python")):
        try:
            importlib.import_module(module)
        except ImportError:
            subprocess.run([sys.executable, "-m", "pip", "install", "-q", package], check=True)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def serve(folder, timeout=20):
    """Serves `folder` with `python3 -m http.server` on a free loopback port; yields its base URL.
    Waits at most `timeout` seconds for it to answer; always stops it."""
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1", "--directory", folder],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}/"
    try:
        deadline = time.monotonic() + timeout
        while True:
            try:
                urllib.request.urlopen(base, timeout=2).read()
                break
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"http.server on port {port} did not start")
                time.sleep(0.1)
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=5)


@contextlib.contextmanager
def chromium(width=1280, height=900):
    """A headless Chromium window `width` CSS pixels wide (page loads bounded to 30 s)."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--hide-scrollbars",
                f"--window-size={width},{height}", "--lang=zh-CN", "--force-device-scale-factor=1"):
        options.add_argument(arg)
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    try:
        driver.set_page_load_timeout(30)
        driver.set_script_timeout(60)
        yield driver
    finally:
        driver.quit()


def axe_violations(driver, url):
    """Runs axe-core on `url`; returns its violations (each with `id`, `impact`, `nodes`)."""
    from axe_selenium_python import Axe

    driver.get(url)
    axe = Axe(driver)
    axe.inject()
    return axe.run()["violations"]


def full_page_screenshot(driver, url, path, width):
    """Saves a screenshot of the whole page at `width` CSS pixels."""
    driver.set_window_size(width, 900)
    driver.get(url)
    height = driver.execute_script("return Math.max(document.body.scrollHeight, document.documentElement.scrollHeight)")
    driver.set_window_size(width, min(max(int(height), 600), 6000))
    time.sleep(0.3)
    driver.save_screenshot(path)


def wait_for(driver, condition, timeout=20, what="condition"):
    """Polls `condition(driver)` until it is truthy (returns it) or `timeout` seconds pass."""
    deadline = time.monotonic() + timeout
    while True:
        value = condition(driver)
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout}s waiting for {what}")
        time.sleep(0.1)
