"""End to end over sample_bundles/: the verdict the facts demand, and whole-report snapshots."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from sample_targets import target_for
from syrupy.extensions.json import JSONSnapshotExtension

from analyzer.analysis import build_report
from analyzer.app import AnalyzeOptions
from analyzer.report.markdown import render_markdown

pytestmark = pytest.mark.slow
REPO = Path(__file__).resolve().parents[2]

# sample -> (verdict, [(rule id or vendor alias, expected outcome)])
EXPECTED: dict[str, tuple[str, list[tuple[str, str]]]] = {
    # every 2.x dashboard runs oauth-proxy behind a Route: since odh-cli 1e69f96 the vendor warns
    # (actions: users sign in again, URLs move), so a ready 2.x cluster reads WARNING, not PASS
    "ready-to-migrate": ("WARNING", [
        ("components.dashboard.auth-model-migration", "failed"),
        ("components.dashboard.route-migration", "failed"),
        ("dependencies.openshift.version-requirement", "passed"),
        ("dependencies.certmanager.installed", "passed"),
        ("components.kueue.management-state", "not_applicable"),
        ("workloads.notebook.non-stopped-workloads", "passed"),
    ]),
    "ocp-too-old": ("FAIL", [("dependencies.openshift.version-requirement", "failed")]),
    "source-2.25.3": ("PROHIBITED", [("VER-0010", "failed")]),
    "modelmesh-serverless": ("FAIL", [
        ("components.kserve.serverless-removal", "failed"),
        ("components.modelmesh.removal", "failed"),
        ("components.kserve.servicemesh-removal", "failed"),
        ("components.kserve.servicemesh-operator-upgrade", "failed"),
    ]),
    "kueue-managed": ("PROHIBITED", [("components.kueue.management-state", "failed")]),
    "workbenches": ("FAIL", [
        ("workloads.notebook.non-stopped-workloads", "failed"),
        ("workloads.notebook.hardware-profile-integrity", "failed"),
        ("workloads.notebook.connection-integrity", "failed"),
        ("workloads.notebook.impacted-workloads", "failed"),
    ]),
    "llamastack": ("FAIL", [("workloads.llamastack.config", "failed")]),
    "rhoai-2x-no-workload-crs": ("FAIL", [
        ("workloads.notebook.non-stopped-workloads", "not_evaluated"),
        ("workloads.notebook.impacted-workloads", "not_evaluated"),
        ("workloads.notebook.connection-integrity", "not_evaluated"),
        ("workloads.kserve.impacted-workloads", "not_evaluated"),
    ]),
    # upgrades within 3.x (3.x must-gather image, DSC/DSCI v2)
    "upgrade-3.3-to-3.4": ("WARNING", [
        ("VER-0020", "passed"),
        ("components.trainingoperator.deprecation", "failed"),
        ("workloads.trainingoperator.impacted-workloads", "failed"),
        ("components.kueue.management-state", "not_applicable"),  # a 2.x->3.x check
        ("workloads.notebook.impacted-workloads", "not_applicable"),
    ]),
    "upgrade-3.4-to-3.5": ("FAIL", [
        ("VER-0020", "passed"),
        ("components.llamastackoperator.removal", "failed"),
        ("workloads.llamastack.migration", "failed"),
        ("components.aigateway.maas-field-migration", "failed"),
        ("components.trainingoperator.deprecation", "failed"),
        ("workloads.llamastack.config", "not_applicable"),  # a 2.x->3.x check
    ]),
}


def _clock() -> datetime:
    return datetime(2026, 11, 20, 12, 0, 0, tzinfo=UTC)


def _report(name: str, monkeypatch: pytest.MonkeyPatch) -> dict:
    monkeypatch.chdir(REPO)
    opts = AnalyzeOptions(inputs=[Path("sample_bundles") / f"{name}.tar.gz"], clock=_clock,
                          timer=lambda: 0.0, tool_version="0.0.0-test",
                          target_version=target_for(name))
    return build_report(opts)


def _outcomes(report: dict, key: str) -> set[str]:
    return {r["outcome"] for r in report["results"]
            if r["rule_id"] == key or key in r["aliases"]}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_sample_verdict_and_key_outcomes(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    report = _report(name, monkeypatch)
    verdict, outcomes = EXPECTED[name]
    assert report["verdict"] == verdict
    for key, outcome in outcomes:
        seen = _outcomes(report, key)
        assert seen, f"no rule carries {key}"
        assert outcome in seen, f"{key}: expected {outcome}, got {seen}"
    assert all(r["outcome"] != "error" for r in report["results"]), [
        (r["rule_id"], r["message"]) for r in report["results"] if r["outcome"] == "error"]


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_sample_report_snapshot(name: str, monkeypatch: pytest.MonkeyPatch, snapshot) -> None:
    report = _report(name, monkeypatch)
    assert report == snapshot(extension_class=JSONSnapshotExtension)
    assert render_markdown(report) == snapshot


def test_every_sample_has_an_expectation() -> None:
    built = {p.name.removesuffix(".tar.gz") for p in (REPO / "sample_bundles").glob("*.tar.gz")}
    assert built == set(EXPECTED)
