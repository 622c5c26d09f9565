"""Guard: words a report shows are customer-ready (issue 11 §2, §3).

No internal notes, tool internals or repository paths in rule titles, messages, remediation or
reference texts, nor in the rendered reports of every sample bundle; one title per link URL;
and the plan, checklist and effort table never contradict each other or the results.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from sample_targets import target_for

from analyzer.rules.catalog import load_catalog, queries_dir
from analyzer.rules.reference import read_reference

# Internal notes and tool internals that must never reach a reader.
BANNED = [
    re.compile(p, re.IGNORECASE)
    for p in (
        r"source slide", r"unlabell?ed", r"\bduckdb\b", r"\bthis rule\b", r"like rhai-cli",
        r"queries/", r"_reference/", r"\bSQL\b", r"mgscan's (table|reading)",
        r"\bassessment_\w+\.py\b", r"analyzer/",
    )
]
SAMPLES = sorted((Path(__file__).resolve().parents[1] / "sample_bundles").glob("*.tar.gz"))


def _offences(text: str) -> list[str]:
    return [p.pattern for p in BANNED if p.search(text)]


def _strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, list | tuple):
        return [s for v in value for s in _strings(v)]
    return []


def test_rule_texts_are_customer_ready() -> None:
    bad = {}
    for rule in load_catalog().rules:
        texts = [rule.title, rule.message, rule.remediation] + [link.title for link in rule.links]
        found = sorted({o for t in texts for o in _offences(t)})
        if found:
            bad[rule.id] = found
    assert bad == {}


def test_reference_texts_are_customer_ready() -> None:
    """Row texts of the reference tables (their ``description`` is for maintainers)."""
    bad = {}
    for path in sorted((queries_dir() / "_reference").glob("*.yaml")):
        _, rows = read_reference(path)
        for row in rows:
            public = {k: v for k, v in row.items() if k not in ("source", "sources")}
            found = sorted({o for t in _strings(public) for o in _offences(t)})
            if found:
                bad[f"{path.name}:{row.get('id') or row.get('rhoai') or row}"] = found
    assert bad == {}


def test_one_title_per_link_url() -> None:
    titles: dict[str, set[str]] = {}
    for rule in load_catalog().rules:
        for link in rule.links:
            titles.setdefault(link.url, set()).add(link.title)
    assert {url: sorted(t) for url, t in titles.items() if len(t) > 1} == {}


@pytest.fixture(scope="module", params=SAMPLES, ids=lambda p: p.name.removesuffix(".tar.gz"))
def sample_report(request: pytest.FixtureRequest) -> dict[str, Any]:
    from analyzer.analysis import build_report
    from analyzer.app import AnalyzeOptions

    clock = datetime(2026, 11, 20, 12, 0, 0, tzinfo=UTC)
    return build_report(AnalyzeOptions(inputs=[request.param], clock=lambda: clock,
                                        target_version=target_for(request.param.name.removesuffix(".tar.gz"))))


@pytest.mark.slow
def test_rendered_reports_are_customer_ready(sample_report: dict[str, Any]) -> None:
    from analyzer.report.html import render_html
    from analyzer.report.markdown import render_markdown

    for text in (render_html(sample_report), render_markdown(sample_report)):
        body = re.sub(r"<(style|script)>.*?</\1>", "", text, flags=re.DOTALL)
        assert _offences(body) == []


@pytest.mark.slow
def test_plan_checklist_and_effort_agree_with_the_results(sample_report: dict[str, Any]) -> None:
    import duckdb

    con = duckdb.connect()
    from analyzer.assess.checklist import OUTCOME_STATUS
    from analyzer.assess.refs import ensure_reference_tables, fetch_dicts

    ensure_reference_tables(con)
    effort_refs = {r["component"]: r for r in fetch_dicts(con, "select * from ref_effort")}
    outcome = {r["rule_id"]: r["outcome"] for r in sample_report["results"]}
    assessment = sample_report["assessment"]
    checks = {c["id"]: c["status"] for c in assessment["checklist"]}
    for row in assessment["effort"]:
        ref = effort_refs[row["component"]]
        failed = [i for i in ref["rule_ids"] or [] if outcome.get(i) == "failed"]
        todo = [i for i in ref["checklist"] or [] if checks.get(i) == "todo"]
        if row["effort"] == "none":
            # nothing to do: no rule of it failed, every checklist item of it is done or not
            # needed for this upgrade
            assert not failed and not todo, row
            assert all(checks.get(i) in ("done", "not_needed") for i in ref["checklist"] or []), row
            assert all(outcome.get(i) != "not_evaluated" for i in ref["rule_ids"] or []), row
        if failed or todo:
            assert row["effort"] not in ("none", None), row
    plan = assessment["plan"]
    ids = [s["id"] for s in plan]
    named = {r for s in plan for r in s["rule_ids"]}
    failed_rules = {r["rule_id"] for r in sample_report["results"] if r["outcome"] == "failed"}
    assert failed_rules <= named  # every finding is reachable from the plan
    for before, after in (("backup", "openshift"), ("openshift", "cert-manager"),
                          ("convert-models", "remove-serverless-mesh"),
                          ("rerun", "ray"), ("ray", "stop-workbenches"),
                          ("stop-workbenches", "upgrade")):
        if before in ids and after in ids:
            assert ids.index(before) < ids.index(after), (before, after)
    assert ids[0] in ("collect", "backup") and ids[-1] == "upgrade"
    assert [s["step"] for s in plan] == list(range(1, len(plan) + 1))
    # the rules alone decide every checklist item: its status is their combined outcome
    checklist_refs = {r["id"]: r for r in fetch_dicts(con, "select * from ref_checklist")}
    rank = ["todo", "unknown", "done", "not_needed"]
    for item in assessment["checklist"]:
        ref = checklist_refs[item["id"]]
        if ref.get("confirm"):
            assert item["status"] == "confirm" and item["rule_id"] is None, item
            continue
        ids = ref["rule_ids"]
        ran = [OUTCOME_STATUS[outcome[i]] for i in ids if i in outcome]
        assert ran, item  # every deciding rule is in the catalogue and ran
        assert item["status"] == min(ran, key=rank.index), (item, {i: outcome.get(i) for i in ids})
        assert item["rule_id"] in ids and OUTCOME_STATUS[outcome[item["rule_id"]]] == item["status"]
    # a model the inventory shows as Serverless or ModelMesh is never "converted"
    if checks.get("models-raw") == "done":
        modes = {m["mode"] for m in assessment["inventory"]["models"]}
        assert not modes & {"Serverless", "ModelMesh"}, modes
    if checks.get("models-raw") == "done":
        serving = next((r for r in assessment["effort"] if r["component"] == "Model serving"),
                       None)
        assert serving is None or serving["effort"] == "none"
