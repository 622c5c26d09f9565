"""report.junit.xml: parses, one testcase per rule, counts follow outcomes and --fail-on."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from typing import Any

import pytest
from report_fixtures import FIXTURE_NAMES, XSS_IMG, XSS_SCRIPT, load_fixture

from analyzer.report.junit import render_junit, xml_text


def _suite(report: dict[str, Any], fail_on: str = "critical") -> ET.Element:
    root = ET.fromstring(render_junit(report, fail_on).encode("utf-8"))
    assert root.tag == "testsuites"
    suites = root.findall("testsuite")
    assert len(suites) == 1
    return suites[0]


def test_counts_match_outcomes(any_report: dict[str, Any]) -> None:
    suite = _suite(any_report)
    cases = suite.findall("testcase")
    results = any_report["results"]
    assert len(cases) == int(suite.get("tests", "-1")) == len(results)
    skipped = sum(r["outcome"] in ("not_applicable", "not_evaluated") for r in results)
    errors = sum(r["outcome"] == "error" for r in results)
    assert int(suite.get("skipped", "-1")) == skipped == len(suite.findall("testcase/skipped"))
    assert int(suite.get("errors", "-1")) == errors == len(suite.findall("testcase/error"))
    assert int(suite.get("failures", "-1")) == len(suite.findall("testcase/failure"))
    for case, result in zip(cases, results, strict=True):
        assert case.get("classname") == result["group"]
        assert case.get("name") == f"{result['rule_id']} {result['title']}"


def test_fail_on_threshold(fail_report: dict[str, Any]) -> None:
    critical = _suite(fail_report, "critical")
    failed = {
        c.get("name", "").split()[0]
        for c in critical.findall("testcase")
        if c.find("failure") is not None
    }
    assert failed == {"DEP-0010", "CMP-0020", "WRK-0010"}
    warning = _suite(fail_report, "warning")
    failed_w = {
        c.get("name", "").split()[0]
        for c in warning.findall("testcase")
        if c.find("failure") is not None
    }
    assert failed_w == failed | {"DEP-0030"}
    prohibited = _suite(fail_report, "prohibited")
    assert prohibited.get("failures") == "0"
    below = next(
        c for c in critical.findall("testcase") if c.get("name", "").startswith("DEP-0030")
    )
    assert "Findings below --fail-on critical" in (below.findtext("system-out") or "")


def test_failure_text_names_objects_and_remediation(fail_report: dict[str, Any]) -> None:
    case = next(
        c
        for c in _suite(fail_report).findall("testcase")
        if c.get("name", "").startswith("WRK-0010")
    )
    failure = case.find("failure")
    assert failure is not None and failure.get("type") == "critical"
    assert (failure.get("message") or "").startswith("3 finding(s) at or above critical")
    assert "InferenceService llm-team/granite-7b" in (failure.text or "")
    assert "Remediation:" in (failure.text or "")


def test_skipped_and_error_say_why(prohibited_report: dict[str, Any]) -> None:
    cases = {c.get("name", "").split()[0]: c for c in _suite(prohibited_report).findall("testcase")}
    skipped = cases["CMP-0060"].find("skipped")
    assert skipped is not None
    assert skipped.get("message", "").startswith("not evaluated: Kuadrant resources")
    error = cases["WRK-0060"].find("error")
    assert error is not None and "Binder Error" in error.get("message", "")


def test_hostile_text_stays_well_formed(xss_report: dict[str, Any]) -> None:
    text = render_junit(xss_report, "info")
    assert "\x00" not in text and "\x1b" not in text
    suite = _suite(xss_report, "info")  # parses: escaping is done by ElementTree
    case = next(c for c in suite.findall("testcase") if c.get("name", "").startswith("WRK-0010"))
    body = case.findtext("failure") or ""
    assert XSS_SCRIPT in body and XSS_IMG in body  # the payload survives as text
    assert "<script>" not in text  # and never as markup


def test_xml_text_strips_forbidden_characters() -> None:
    assert xml_text("a\x00b\x08c\x0bd\x1fe\ufffef\tg\nh") == "abcdef\tg\nh"
    assert xml_text(None) == ""


def test_unknown_fail_on_rejected(fail_report: dict[str, Any]) -> None:
    with pytest.raises(ValueError, match="unknown severity"):
        render_junit(fail_report, "blocker")


@pytest.mark.parametrize("name", FIXTURE_NAMES)
def test_junit_snapshot(name: str, snapshot: Any) -> None:
    assert render_junit(load_fixture(name)) == snapshot
