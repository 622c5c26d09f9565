"""fleet.html and diff.html in headless Debian Chromium: offline, no errors, sorting works."""

from __future__ import annotations

import copy
import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from report_fixtures import XSS_SCRIPT

from analyzer.diff.compare import diff_sides
from analyzer.diff.load import Side
from analyzer.diff.render import write_diff
from analyzer.fleet.dataset import connect_dataset, prepare_out_dir, write_bundle
from analyzer.fleet.summary import write_summary
from analyzer.fleet.tables import add_error, add_report, empty_rows, to_tables

pytestmark = pytest.mark.browser
CHROMIUM = shutil.which("chromium")
if CHROMIUM is None:
    pytest.skip("no `chromium` binary on PATH (install it with `make browser`)",
                allow_module_level=True)

from playwright.sync_api import sync_playwright  # noqa: E402

FIXTURES = Path(__file__).parent / "fixtures"


def _report(name: str) -> dict[str, Any]:
    return json.loads((FIXTURES / f"{name}.json").read_text())


def _open(path: Path) -> tuple[list[str], Any, Any, Any]:
    problems: list[str] = []
    pw = sync_playwright().start()
    browser = pw.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    page.on("request", lambda r: problems.append(r.url) if not r.url.startswith("file:") else None)
    page.on("console", lambda m: problems.append(m.text) if m.type in ("error", "warning")
            else None)
    page.on("pageerror", lambda e: problems.append(str(e)))
    page.on("dialog", lambda d: (problems.append(d.message), d.dismiss()))
    page.goto(path.as_uri())
    return problems, page, browser, pw


def test_fleet_html_renders_sorts_and_stays_offline(tmp_path: Path) -> None:
    out = tmp_path / "fleet"
    prepare_out_dir(out)
    for i, name in enumerate(("fail_modelmesh_serverless", "pass_rawdeployment",
                              "prohibited_gaps")):
        rows = empty_rows()
        report = _report(name)
        add_report(rows, report, f"case-{i}/{name}{XSS_SCRIPT}.tar.gz", "ab" * 32,
                   "2026-11-20T09:30:00Z", f"reports/b{i}/report.html")
        write_bundle(out, f"b{i}", {"tables": to_tables(rows), "files": {
            f"reports/b{i}/report.html": b"<!DOCTYPE html><title>r</title>"}})
    rows = empty_rows()
    add_error(rows, "broken.tar.gz", "", "error", f"broken {XSS_SCRIPT}", "3.3.2",
              "2026-11-20T09:30:00Z", "0", "x")
    write_bundle(out, "broken", {"tables": to_tables(rows), "files": {}})
    con = connect_dataset(out)
    write_summary(con, out)
    con.close()
    problems, page, browser, pw = _open(out / "fleet.html")
    try:
        assert page.locator("svg.chart").count() == 2
        assert page.locator("#clusters tbody tr").count() == 4
        assert page.locator("#matrix tbody tr").count() == 4
        first = page.locator("#clusters tbody tr").first.locator("td").nth(1).inner_text()
        page.locator("#clusters th button", has_text="bundle").click()
        sorted_first = page.locator("#clusters tbody tr").first.locator("td").nth(1).inner_text()
        assert sorted_first == "broken.tar.gz" and first != sorted_first
        page.locator("#clusters th button", has_text="bundle").click()
        assert page.locator("#clusters tbody tr").first.locator("td").nth(1).inner_text() \
            .startswith("case-2/")
        assert page.evaluate("document.querySelectorAll('script').length") == 1
        assert "<script>alert" not in page.content()
        page.locator("#clusters a", has_text="report").first.click()
        assert page.title() == "r"
    finally:
        browser.close()
        pw.stop()
    assert problems == []


def test_diff_html_renders_offline(tmp_path: Path) -> None:
    before = _report("fail_modelmesh_serverless")
    after = copy.deepcopy(before)
    after["results"][0]["findings"] = []
    inventory = [{"family": "workbench", "namespace": "ns", "name": f"nb{XSS_SCRIPT}",
                  "detail": "pvc-1"}]
    d = diff_sides(Side(Path("before.tar.gz"), before, inventory),
                   Side(Path("after.tar.gz"), after, []))
    write_diff(d, tmp_path, "2026-11-20T09:30:00Z")
    problems, page, browser, pw = _open(tmp_path / "diff.html")
    try:
        assert "REGRESSED" in page.locator("#verdict").inner_text()
        assert f"ns/nb{XSS_SCRIPT}" in page.locator("#inventory").inner_text()
        assert page.evaluate("document.querySelectorAll('img, iframe').length") == 0
    finally:
        browser.close()
        pw.stop()
    assert problems == []
