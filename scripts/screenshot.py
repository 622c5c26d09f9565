"""Render a report.html in headless Debian Chromium and save a full-page PNG.

Usage: scripts/screenshot.py REPORT_HTML OUT_PNG [--width 1280] [--height 1700] [--full-page]

Uses the system `chromium` (never downloads a browser). Any network request other than the
file:// page itself and data: URLs is blocked and reported.
"""

from __future__ import annotations

import argparse
import contextlib
import shutil
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

from playwright.sync_api import Page, Route, sync_playwright

# Debian's chromium, headless, with everything that could reach the network switched off (the
# report must render with no request at all). tests/report/conftest.py launches with these too.
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


@contextlib.contextmanager
def report_page(report_html: Path, width: int, height: int) -> Iterator[tuple[Page, list[str]]]:
    """Open ``report_html`` in headless Debian Chromium at ``width`` x ``height``.

    Yields the page and the list of requests blocked so far (anything but the file:// page and
    data: URLs). Raises ``FileNotFoundError`` when no ``chromium`` is on PATH.
    """
    chromium = shutil.which("chromium")
    if chromium is None:
        raise FileNotFoundError("chromium not found: install it with `make browser`")
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
            page = browser.new_page(viewport={"width": width, "height": height})
            page.route("**/*", guard)
            page.goto(report_html.resolve().as_uri())
            yield page, blocked
        finally:
            browser.close()


def on_report_page(report_html: Path, width: int, height: int,
                   use: Callable[[Page], None]) -> int:
    """Open ``report_html`` (:func:`report_page`), call ``use`` with the page, return the status.

    0 when done; 2 (message on stderr) without ``chromium``; 1 when the page made a request,
    listed on stderr (the report must render with none).
    """
    try:
        with report_page(report_html, width, height) as (page, blocked):
            use(page)
    except FileNotFoundError as exc:
        print(exc, file=sys.stderr)
        return 2
    if blocked:
        print("blocked requests: " + ", ".join(sorted(blocked)), file=sys.stderr)
        return 1
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("report_html", type=Path)
    parser.add_argument("out_png", type=Path)
    parser.add_argument("--width", type=int, default=1280)
    parser.add_argument("--height", type=int, default=1700, help="viewport height (pixels)")
    parser.add_argument("--full-page", action="store_true", help="capture the whole page")
    args = parser.parse_args(argv)

    def shoot(page: Page) -> None:
        args.out_png.parent.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(args.out_png), full_page=args.full_page)

    status = on_report_page(args.report_html, args.width, args.height, shoot)
    if status == 0:
        print(f"wrote {args.out_png}")
    return status


if __name__ == "__main__":
    sys.exit(main())
