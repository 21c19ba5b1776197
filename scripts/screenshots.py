"""Screenshots of the main pages, at phone and laptop width, for a person to look at.

Usage: .venv/bin/python scripts/screenshots.py BASE_URL PASSWORD [PATH ...]
Logs in as demo@example.com (run `lorforge demo` first for the password) and
saves PNGs in build/screenshots/manual/.
"""

import re
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
OUT = Path(__file__).resolve().parent.parent / "build" / "screenshots" / "manual"
DEFAULT_PATHS = ["/today/", "/rotations/", "/people/", "/evidence/", "/letters/", "/settings/"]


def main(base: str, password: str, paths: list[str]) -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=FLAGS)
        for width, height, label in ((390, 844, "phone"), (1280, 900, "laptop")):
            page = browser.new_page(viewport={"width": width, "height": height})
            page.goto(f"{base}/login/")
            page.fill("#id_username", "demo@example.com")
            page.fill("#id_password", password)
            page.click("button[type=submit]")
            for path in paths:
                page.goto(base + path)
                name = re.sub(r"[^a-z0-9]+", "-", path.strip("/")) or "home"
                page.screenshot(path=str(OUT / f"{name}-{label}.png"), full_page=True)
                print(OUT / f"{name}-{label}.png")
        browser.close()


if __name__ == "__main__":
    main(sys.argv[1].rstrip("/"), sys.argv[2], sys.argv[3:] or DEFAULT_PATHS)
