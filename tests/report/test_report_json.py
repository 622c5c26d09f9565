"""report.json: contract key order, formatting, snapshots."""

from __future__ import annotations

import json
from typing import Any

import pytest
from report_fixtures import FIXTURE_NAMES, load_fixture
from syrupy.extensions.json import JSONSnapshotExtension

from analyzer.report import render_json
from analyzer.report.json_out import canonical_report

CONTRACT_TOP = [
    "schema_version",
    "tool",
    "generated_at",
    "inputs",
    "roots",
    "cluster",
    "target_version",
    "verdict",
    "exposure",
    "completeness",
    "summary",
    "results",
    "coverage",
    "ingest",
    "assessment",
]


@pytest.mark.parametrize("name", FIXTURE_NAMES)
def test_json_snapshot(name: str, snapshot: Any) -> None:
    text = render_json(load_fixture(name))
    assert json.loads(text) == snapshot(extension_class=JSONSnapshotExtension)


def test_round_trip_is_lossless(any_report: dict[str, Any]) -> None:
    assert json.loads(render_json(any_report)) == any_report


def test_formatting(fail_report: dict[str, Any]) -> None:
    text = render_json(fail_report)
    assert text.endswith("}\n") and not text.endswith("\n\n")
    assert '\n  "schema_version": 1,' in text  # two-space indent
    assert "1–2 weeks" in text  # ensure_ascii=False keeps the en dash


def test_contract_key_order_even_when_input_is_shuffled(fail_report: dict[str, Any]) -> None:
    shuffled = dict(reversed(list(fail_report.items())))
    shuffled["results"] = [dict(reversed(list(r.items()))) for r in fail_report["results"]]
    shuffled["cluster"] = dict(sorted(fail_report["cluster"].items()))
    out = json.loads(render_json(shuffled))
    assert list(out) == CONTRACT_TOP
    assert list(out["cluster"]) == [
        "id",
        "infrastructure_name",
        "api_url",
        "ocp_version",
        "rhoai_version",
        "rhoai_version_source",
        "channel",
        "platform",
        "collected_at",
    ]
    assert list(out["results"][1]) == [
        "rule_id",
        "aliases",
        "title",
        "group",
        "severity",
        "outcome",
        "message",
        "remediation",
        "links",
        "findings",
    ]
    finding = out["results"][1]["findings"][0]
    assert list(finding) == ["kind", "namespace", "name", "message", "severity", "evidence"]
    assert list(finding["evidence"][0]) == ["file", "pointer", "line", "observed"]


def test_unknown_keys_are_kept_after_known_ones(fail_report: dict[str, Any]) -> None:
    report = {"zz_extra": 1, **fail_report}
    assert list(canonical_report(report))[-1] == "zz_extra"
    assert "zz_extra" not in fail_report  # input untouched
