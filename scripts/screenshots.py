"""Take the README screenshots from a running demo: `python scripts/screenshots.py http://127.0.0.1:8000`."""

import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

from techbridge.web.tests.browser import CHROMIUM_ARGS, chromium_path

BASE = sys.argv[1].rstrip("/") if len(sys.argv) > 1 else "http://127.0.0.1:8000"
OUT = Path(__file__).resolve().parents[1] / "docs" / "screenshots"


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium_path(), headless=True, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 860}, locale="zh-CN")
        page.goto(f"{BASE}/accounts/login/")
        page.fill("#id_username", "broker")
        page.fill("#id_password", "techbridge-demo")
        page.click("button[type=submit]")
        page.wait_for_url(f"{BASE}/")
        page.screenshot(path=str(OUT / "dashboard.png"))
        page.goto(f"{BASE}/profiles/?q=battery")
        page.screenshot(path=str(OUT / "marketplace.png"))
        page.click("#results article h3 a >> nth=0")
        page.screenshot(path=str(OUT / "profile.png"))
        page.goto(f"{BASE}/countries/PL/")
        page.screenshot(path=str(OUT / "country.png"))
        browser.close()


if __name__ == "__main__":
    main()
