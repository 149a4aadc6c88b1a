"""Shared headless-Chromium helpers for pubsync's browser checks (Selenium + Debian's chromium).

Import from a script in Scripts/ with:
    sys.path.insert(0, os.path.join(os.path.dirname(__file__), "browser")); import chromium
"""
import os
import shutil
import subprocess
import sys


def ensure_tools(python_packages=("selenium",)):
    """Installs what is missing: Debian's chromium, chromium-driver and fonts-noto-cjk, then pip packages."""
    missing = [pkg for pkg, path in (("chromium", "/usr/bin/chromium"), ("chromium-driver", "/usr/bin/chromedriver"))
               if not os.path.exists(path)]
    if not os.path.exists("/usr/share/fonts/opentype/noto"):
        missing.append("fonts-noto-cjk")
    if missing:
        apt = ["apt-get"] if os.geteuid() == 0 else ["sudo", "apt-get"]
        subprocess.run(apt + ["update", "-qq"], check=True)
        subprocess.run(apt + ["install", "-y", "-qq"] + missing, check=True)
    for package in python_packages:
        module = "selenium" if package == "selenium" else package.replace("-", "_")
        try:
            __import__(module)
        except ImportError:
            subprocess.run([sys.executable, "-m", "pip", "install", "-q", package], check=True)


def driver(width=1280, height=900):
    """A headless Chromium WebDriver with a window `width` CSS pixels wide (device scale 1)."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    options = webdriver.ChromeOptions()
    options.binary_location = shutil.which("chromium") or "/usr/bin/chromium"
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                     "--hide-scrollbars", "--force-device-scale-factor=1", f"--window-size={width},{height}",
                     "--lang=zh-CN"):
        options.add_argument(argument)
    service = Service(shutil.which("chromedriver") or "/usr/bin/chromedriver")
    browser = webdriver.Chrome(service=service, options=options)
    browser.set_page_load_timeout(60)
    browser.set_script_timeout(60)
    return browser


def full_page_screenshot(browser, path, width=1280):
    """Resizes the window to the page's full height and saves a PNG."""
    height = browser.execute_script("return Math.ceil(document.documentElement.scrollHeight)")
    browser.set_window_size(width, min(max(height, 600), 16000))
    browser.save_screenshot(path)
