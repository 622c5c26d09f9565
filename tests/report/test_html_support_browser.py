"""The support window in real Chromium: measured from the analysis date, and as of collection too
when the bundle is old (issue 11 §8).

One real sample, analysed twice with the injectable clock: two days after its collection (a fresh
bundle: the window is stated once, from the analysis date) and 200 days after it (an old bundle:
the window from the analysis date, and also as of collection).
"""

from __future__ import annotations

import shutil
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any

import pytest

from analyzer.report.html import render_html

pytestmark = [pytest.mark.browser, pytest.mark.slow]

CHROMIUM = shutil.which("chromium")
SAMPLE = Path(__file__).resolve().parents[2] / "sample_bundles" / "modelmesh-serverless.tar.gz"

if CHROMIUM is None or not SAMPLE.is_file():
    pytest.skip("needs `chromium` on PATH and the sample bundles", allow_module_level=True)

from playwright.sync_api import Browser  # noqa: E402


def _analyse(clock: datetime) -> dict[str, Any]:
    from analyzer.analysis import build_report
    from analyzer.app import AnalyzeOptions

    return build_report(AnalyzeOptions(inputs=[SAMPLE], clock=lambda: clock))


@pytest.fixture(scope="module")
def reports() -> dict[str, dict[str, Any]]:
    """The sample analysed 2 days ('fresh') and 200 days ('old') after its collection."""
    probe = _analyse(datetime(2026, 11, 20, 12, 0, 0, tzinfo=UTC))
    collected = probe["assessment"]["support"]["collected_on"]
    assert collected, "the sample must carry its collection time"
    day = date.fromisoformat(collected)
    at = {name: datetime.combine(day + timedelta(days=days), time(12), tzinfo=UTC)
          for name, days in (("fresh", 2), ("old", 200))}
    return {name: _analyse(clock) for name, clock in at.items()}


def _support_text(browser: Browser, report: dict[str, Any], tmp_path: Path) -> tuple[str, Any]:
    path = tmp_path / "report.html"
    path.write_text(render_html(report), encoding="utf-8")
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    page.goto(path.resolve().as_uri())
    page.wait_for_load_state("load")
    section = page.locator("section", has=page.locator("h3", has_text="Support window"))
    assert section.count() == 1 and section.is_visible()
    return section.inner_text(), page


def test_old_bundle_states_the_window_from_the_analysis_date_and_as_of_collection(
        browser: Browser, reports: dict[str, dict[str, Any]], tmp_path: Path) -> None:
    support = reports["old"]["assessment"]["support"]
    assert support["support_ends"] and support["months_left_at_collection"] is not None
    text, page = _support_text(browser, reports["old"], tmp_path)
    analysis = f"{support['months_left']} month"
    assert f"as of the analysis date {support['as_of']}" in text
    assert analysis in text
    collected = page.locator("[data-support-collected]")
    assert collected.count() == 1 and collected.is_visible()
    assert collected.inner_text() == (
        f"({support['months_left_at_collection']} month"
        f"{'' if support['months_left_at_collection'] == 1 else 's'} as of collection, "
        f"{support['collected_on']})")
    # the two windows differ: 200 days is more than six months
    assert support["months_left_at_collection"] > support["months_left"]
    page.close()


def test_fresh_bundle_states_the_window_from_the_analysis_date_only(
        browser: Browser, reports: dict[str, dict[str, Any]], tmp_path: Path) -> None:
    support = reports["fresh"]["assessment"]["support"]
    assert support["support_ends"] and support["months_left_at_collection"] is None
    text, page = _support_text(browser, reports["fresh"], tmp_path)
    assert f"as of the analysis date {support['as_of']}" in text
    assert page.locator("[data-support-collected]").count() == 0
    assert "as of collection" not in page.locator("body").inner_text()
    page.close()
