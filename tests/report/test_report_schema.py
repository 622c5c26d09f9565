"""docs/report.schema.json: valid draft 2020-12, and every fixture report conforms."""

from __future__ import annotations

import copy
import json
from typing import Any

import jsonschema
import pytest
from report_fixtures import SCHEMA_PATH, make_xss_report

from analyzer.report.common import GROUPS, SEVERITIES, finding_severity, group_rank


@pytest.fixture(scope="module")
def validator() -> jsonschema.Draft202012Validator:
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def test_fixtures_conform(
    validator: jsonschema.Draft202012Validator, any_report: dict[str, Any]
) -> None:
    errors = sorted(validator.iter_errors(any_report), key=lambda e: list(e.path))
    assert [f"{list(e.path)}: {e.message}" for e in errors] == []


def test_xss_report_conforms(validator: jsonschema.Draft202012Validator) -> None:
    assert list(validator.iter_errors(make_xss_report())) == []


@pytest.mark.parametrize(
    ("where", "key"),
    [((), "surprise"), (("cluster",), "extra"), (("summary",), "skipped"), (("tool",), "commit")],
)
def test_fixed_objects_reject_unknown_keys(
    validator: jsonschema.Draft202012Validator,
    fail_report: dict[str, Any],
    where: tuple[str, ...],
    key: str,
) -> None:
    report = copy.deepcopy(fail_report)
    target = report
    for part in where:
        target = target[part]
    target[key] = 1
    assert not validator.is_valid(report)


def test_failed_rule_needs_findings(
    validator: jsonschema.Draft202012Validator, fail_report: dict[str, Any]
) -> None:
    report = copy.deepcopy(fail_report)
    failed = next(r for r in report["results"] if r["outcome"] == "failed")
    failed["findings"] = []
    assert not validator.is_valid(report)


def test_bad_enums_rejected(
    validator: jsonschema.Draft202012Validator, fail_report: dict[str, Any]
) -> None:
    for path, value in (
        (("verdict",), "MAYBE"),
        (("exposure",), "extreme"),
        (("results", 0, "outcome"), "skipped"),
    ):
        report = copy.deepcopy(fail_report)
        target: Any = report
        for part in path[:-1]:
            target = target[part]
        target[path[-1]] = value
        assert not validator.is_valid(report), path


def test_fixture_summaries_match_results(any_report: dict[str, Any]) -> None:
    """The hand-built fixtures are self-consistent (counts, verdict, contract ordering)."""
    results = any_report["results"]
    summary = any_report["summary"]
    assert summary["rules"] == len(results)
    for outcome in ("failed", "passed", "not_applicable", "not_evaluated", "error"):
        assert summary[outcome] == sum(r["outcome"] == outcome for r in results), outcome
    severities = [finding_severity(r, f) for r in results for f in r["findings"]]
    for severity in SEVERITIES:
        assert summary[severity] == severities.count(severity), severity
    expected = next(
        (
            v
            for s, v in (("prohibited", "PROHIBITED"), ("critical", "FAIL"), ("warning", "WARNING"))
            if s in severities
        ),
        "PASS",
    )
    assert any_report["verdict"] == expected
    keys = [(group_rank(r["group"]), r["rule_id"]) for r in results]
    assert keys == sorted(keys)
    assert all(r["group"] in GROUPS for r in results)
    for r in results:
        order = [(f["namespace"] or "", f["kind"], f["name"]) for f in r["findings"]]
        assert order == sorted(order), r["rule_id"]


def test_fixture_coverage_sorted_by_kind(any_report: dict[str, Any]) -> None:
    kinds = [c["kind"] for c in any_report["coverage"]]
    assert kinds == sorted(kinds)
