"""Fixture reports for the report-layer tests (hand-built, contract schema_version 1)."""

from __future__ import annotations

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
