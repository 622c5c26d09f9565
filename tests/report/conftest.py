"""Fixture reports for the report-layer tests (hand-built, contract schema_version 1), and the
headless Chromium the browser tests share."""

from __future__ import annotations

import importlib.util
import shutil
from collections.abc import Iterator
from pathlib import Path
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


def _chromium_args() -> list[str]:
    """The flags ``scripts/screenshot.py`` launches Chromium with: one list for tests and scripts.

    (``scripts/`` is not a package: the file is loaded by path, as test_airgap loads
    ``scripts/wheelhouse.py``.)
    """
    path = Path(__file__).resolve().parents[2] / "scripts" / "screenshot.py"
    spec = importlib.util.spec_from_file_location("mgscan_screenshot", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return list(module.CHROMIUM_ARGS)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """One headless Chromium per test module (modules skip themselves when it is missing)."""
    chromium = shutil.which("chromium")
    if chromium is None:
        pytest.skip("no `chromium` binary on PATH (install it with `make browser`)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        instance = pw.chromium.launch(executable_path=chromium, args=_chromium_args())
        try:
            yield instance
        finally:
            instance.close()
