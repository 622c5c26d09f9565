"""report.html in headless Debian Chromium: offline, no errors, filters and search work."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from report_fixtures import XSS_IMG, XSS_SCRIPT

from analyzer.report.html import render_html

pytestmark = pytest.mark.browser

CHROMIUM = shutil.which("chromium")
if CHROMIUM is None:
    pytest.skip(
        "no `chromium` binary on PATH (install it with `make browser`)", allow_module_level=True
    )

from playwright.sync_api import Browser, ConsoleMessage, Page  # noqa: E402


class Watched:
    """A page plus everything it tried to do behind our back."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self.requests: list[str] = []
        self.console_errors: list[str] = []
        self.page_errors: list[str] = []
        self.dialogs: list[str] = []
        page.on("request", lambda req: self.requests.append(req.url))
        page.on("console", self._console)
        page.on("pageerror", lambda exc: self.page_errors.append(str(exc)))
        page.on("dialog", self._dialog)

    def _console(self, msg: ConsoleMessage) -> None:
        if msg.type in ("error", "warning"):
            self.console_errors.append(f"{msg.type}: {msg.text}")

    def _dialog(self, dialog: Any) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def visible_findings(self) -> int:
        """Findings the filters leave in (a folded rule's rows count: one click opens it)."""
        return int(self.page.locator("[data-rule]:visible [data-finding]:not([hidden])").count())

    def assert_quiet(self, url: str) -> None:
        foreign = [u for u in self.requests if u != url and not u.startswith("data:")]
        assert foreign == [], f"network requests attempted: {foreign}"
        assert self.console_errors == []
        assert self.page_errors == []
        assert self.dialogs == []


def _open(
    browser: Browser, tmp_path: Path, report: dict[str, Any], **context: Any
) -> tuple[Watched, str]:
    path = tmp_path / "report.html"
    path.write_text(render_html(report), encoding="utf-8")
    url = path.resolve().as_uri()
    page = browser.new_page(**context)
    watched = Watched(page)
    page.goto(url)
    page.wait_for_load_state("load")
    return watched, url


def test_offline_and_error_free(
    browser: Browser, tmp_path: Path, any_report: dict[str, Any]
) -> None:
    watched, url = _open(browser, tmp_path, any_report)
    watched.assert_quiet(url)
    assert watched.requests[0] == url
    watched.page.close()


def test_filters_and_search(browser: Browser, tmp_path: Path, fail_report: dict[str, Any]) -> None:
    watched, url = _open(browser, tmp_path, fail_report)
    page = watched.page
    assert page.locator("#filters").is_visible()  # the script revealed the controls
    total = sum(len(r["findings"]) for r in fail_report["results"])
    assert watched.visible_findings() == total == 6
    assert page.locator("#f-shown").text_content() == "Showing 6 of 6 findings"

    options = page.locator("#f-severity option").evaluate_all("els => els.map(e => e.value)")
    assert options == ["", "critical", "warning"]  # every level present
    assert page.locator("#rule-WRK-0010[open]").count() == 1  # critical rules start open
    assert page.locator("#rule-DEP-0030[open]").count() == 0  # warnings start folded
    page.select_option("#f-severity", "critical")
    assert watched.visible_findings() == 5
    assert page.locator("#rule-DEP-0030").is_hidden()  # a rule with no visible finding hides
    page.select_option("#f-severity", "")

    page.select_option("#f-group", "workload")
    assert watched.visible_findings() == 3
    page.select_option("#f-group", "")

    page.select_option("#f-namespace", "fraud-detection")
    assert watched.visible_findings() == 2
    page.select_option("#f-namespace", "-")  # cluster-scoped objects
    assert watched.visible_findings() == 2
    page.select_option("#f-namespace", "")

    page.fill("#f-search", "granite")
    assert watched.visible_findings() == 1
    page.fill("#f-search", "GRANITE serverless")  # case-insensitive, every word must match
    assert watched.visible_findings() == 1
    page.fill("#f-search", "no-such-text")
    assert watched.visible_findings() == 0
    assert page.locator("#f-none").is_visible()
    page.fill("#f-search", "")
    assert watched.visible_findings() == total
    watched.assert_quiet(url)
    page.close()


def test_readable_without_javascript(
    browser: Browser, tmp_path: Path, fail_report: dict[str, Any]
) -> None:
    watched, url = _open(browser, tmp_path, fail_report, java_script_enabled=False)
    assert watched.page.locator("#filters").is_hidden()
    assert watched.visible_findings() == 6
    assert watched.page.locator("#rule-WRK-0010").is_visible()
    watched.assert_quiet(url)
    watched.page.close()


def test_hostile_payload_renders_as_text(
    browser: Browser, tmp_path: Path, xss_report: dict[str, Any]
) -> None:
    watched, url = _open(browser, tmp_path, xss_report)
    page = watched.page
    assert page.locator("img").count() == 0
    assert page.locator("script").count() == 1
    row = page.locator("[data-finding]", has_text="evil")
    assert row.count() == 1
    text = row.text_content() or ""
    assert f"evil{XSS_SCRIPT}" in text
    assert f"ns{XSS_IMG}/" in text
    assert f"message {XSS_SCRIPT} and {XSS_IMG}" in text
    page.fill("#f-search", "onerror")  # the payload is searchable text, nothing more
    assert watched.visible_findings() == 1
    watched.assert_quiet(url)
    page.close()
