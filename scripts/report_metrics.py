"""Measure a report.html in headless Debian Chromium: page height and printed A4 pages.

Usage: scripts/report_metrics.py REPORT_HTML [--width 1400]

Prints the document's scroll height at the given viewport width (pixels) and the number of A4
pages Chromium prints (``page.pdf(format="A4")`` after a ``beforeprint`` event, as a user's print
does), the two numbers issue 11 holds the report to. Uses the system `chromium`; any request
other than the file:// page itself and data: URLs is blocked.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

from playwright.sync_api import Page
from screenshot import on_report_page  # scripts/ is on sys.path when run as a script


def count_pdf_pages(pdf: bytes) -> int:
    """Count the page objects of a PDF (``/Type /Page``, not ``/Pages``).

    >>> count_pdf_pages(b"<< /Type /Pages >> << /Type /Page >> << /Type/Page >>")
    2
    """
    return len(re.findall(rb"/Type\s*/Page[^s]", pdf))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("report_html", type=Path)
    parser.add_argument("--width", type=int, default=1400, help="viewport width (pixels)")
    args = parser.parse_args(argv)
    measured: dict[str, int] = {}

    def measure(page: Page) -> None:
        page.wait_for_load_state("load")
        measured["height"] = page.evaluate("document.documentElement.scrollHeight")
        page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
        measured["pages"] = count_pdf_pages(page.pdf(format="A4", print_background=True))

    status = on_report_page(args.report_html, args.width, 900, measure)
    if status == 0:
        print(f"height_px={measured['height']} width_px={args.width} "
              f"a4_pages={measured['pages']}")
    return status


if __name__ == "__main__":
    sys.exit(main())
