"""Render a report.html in headless Debian Chromium and save a full-page PNG.

Usage: scripts/screenshot.py REPORT_HTML OUT_PNG [--width 1280] [--height 1700] [--full-page]

Uses the system `chromium` (never downloads a browser). Any network request other than the
file:// page itself and data: URLs is blocked and reported.
"""

from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path

from playwright.sync_api import Route, sync_playwright

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("report_html", type=Path)
    parser.add_argument("out_png", type=Path)
    parser.add_argument("--width", type=int, default=1280)
    parser.add_argument("--height", type=int, default=1700, help="viewport height (pixels)")
    parser.add_argument("--full-page", action="store_true", help="capture the whole page")
    args = parser.parse_args(argv)

    chromium = shutil.which("chromium")
    if chromium is None:
        print("chromium not found: install it with `make browser`", file=sys.stderr)
        return 2
    blocked: list[str] = []

    def guard(route: Route) -> None:
        url = route.request.url
        if url.startswith(("file:", "data:")):
            route.continue_()
        else:
            blocked.append(url)
            route.abort()

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": args.width, "height": args.height})
            page.route("**/*", guard)
            page.goto(args.report_html.resolve().as_uri())
            args.out_png.parent.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(args.out_png), full_page=args.full_page)
        finally:
            browser.close()
    if blocked:
        print("blocked requests: " + ", ".join(sorted(blocked)), file=sys.stderr)
        return 1
    print(f"wrote {args.out_png}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
