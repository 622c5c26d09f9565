"""Fixture reports for the report-layer tests (hand-built, contract schema_version 1), and the
headless Chromium the browser tests share."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from typing import Any

import pytest
from report_fixtures import FIXTURE_NAMES, load_fixture, make_xss_report


@pytest.fixture(params=FIXTURE_NAMES)
def any_report(request: pytest.FixtureRequest) -> dict[str, Any]:
    return load_fixture(request.param)


@pytest.fixture
def fail_report() -> dict[str, Any]:
    return load_fixture("fail_modelmesh_serverless")


@pytest.fixture
def prohibited_report() -> dict[str, Any]:
    return load_fixture("prohibited_gaps")


@pytest.fixture
def pass_report() -> dict[str, Any]:
    return load_fixture("pass_rawdeployment")


@pytest.fixture
def xss_report() -> dict[str, Any]:
    return make_xss_report()


# Debian's chromium, headless, with everything that could reach the network switched off (the
# report must render with no request at all; test_html_browser checks that none is made).
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


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """One headless Chromium per test module (modules skip themselves when it is missing)."""
    chromium = shutil.which("chromium")
    if chromium is None:
        pytest.skip("no `chromium` binary on PATH (install it with `make browser`)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        instance = pw.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        try:
            yield instance
        finally:
            instance.close()
