"""report.json assembly and evidence line resolution."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from analyzer.rules.evidence import excerpt, locate, resolve_evidence
from analyzer.rules.model import (
    Evidence,
    Finding,
    Group,
    Link,
    Outcome,
    Rule,
    RuleResult,
    Severity,
)
from analyzer.rules.results import build_report_dict, summarize

CONTRACT_KEYS = ["schema_version", "tool", "generated_at", "inputs", "roots", "cluster",
                 "target_version", "verdict", "exposure", "summary", "results", "coverage",
                 "ingest"]
FACTS = {"ocp_version": "4.18.20", "rhoai_version": "2.25.4", "rhoai_version_source": "csv",
         "channel": "eus-2.25", "platform": "AWS", "collected_at": "2026-11-19T14:02:11Z",
         "app_namespace": "redhat-ods-applications"}


def result(rid: str, group: Group, outcome: Outcome, *severities: Severity) -> RuleResult:
    rule = Rule(id=rid, title="t", group=group, severity=Severity.CRITICAL, message="m",
                sql="select 1", path=Path("x.sql"), aliases=("vendor.x",),
                links=(Link("Doc", "https://example.com"),))
    findings = [Finding("Notebook", "ns", f"n{i}", "msg", s,
                        [Evidence("a.yaml", "/spec", "v", 0, 3)])
                for i, s in enumerate(severities)]
    return RuleResult(rule, outcome, "message", findings)


def build(results: list[RuleResult], facts: dict[str, Any] = FACTS,
          assessment: dict[str, Any] | None = None) -> dict[str, Any]:
    return build_report_dict(
        tool_version="0.1.0", rules_sha256="f" * 64,
        generated_at=datetime(2026, 11, 20, 9, 30, tzinfo=UTC),
        inputs=[{"input_id": 0, "path": "mg.tar.gz", "sha256": "ab", "format": "tar.gz"}],
        roots=[{"path": "mg/x", "kind": "image", "image": "x", "product": "p", "version": "1"}],
        facts=facts, target_version="3.3.2", results=results,
        coverage=[{"kind": "notebooks", "status": "not_collected", "count": 0, "hint": "oc x"},
                  {"kind": "crds", "status": "collected", "count": 2, "hint": ""}],
        ingest={"files": 3, "objects": 2, "duplicates": 1, "errors": [], "seconds": 0.5},
        assessment=assessment)


def test_contract_shape_verdict_and_summary() -> None:
    results = [result("WRK-0010", Group.WORKLOAD, Outcome.FAILED, Severity.CRITICAL,
                      Severity.WARNING),
               result("DEP-0010", Group.DEPENDENCY, Outcome.PASSED),
               result("COL-0010", Group.COLLECTION, Outcome.NOT_EVALUATED)]
    report = build(results)
    assert list(report) == CONTRACT_KEYS
    assert report["generated_at"] == "2026-11-20T09:30:00Z"
    assert report["verdict"] == "FAIL" and report["exposure"] == "high"
    assert [r["rule_id"] for r in report["results"]] == ["DEP-0010", "WRK-0010", "COL-0010"]
    assert list(report["results"][0]) == ["rule_id", "aliases", "title", "group", "severity",
                                          "outcome", "message", "remediation", "links",
                                          "findings"]
    finding = report["results"][1]["findings"][0]
    assert list(finding) == ["kind", "namespace", "name", "message", "severity", "evidence"]
    assert finding["evidence"] == [{"file": "a.yaml", "pointer": "/spec", "line": 3,
                                    "observed": "v"}]
    assert report["summary"] == {"rules": 3, "failed": 1, "passed": 1, "not_applicable": 0,
                                 "not_evaluated": 1, "error": 0, "prohibited": 0,
                                 "critical": 1, "warning": 1, "info": 0}
    assert [c["kind"] for c in report["coverage"]] == ["crds", "notebooks"]
    assert report["inputs"] == [{"path": "mg.tar.gz", "sha256": "ab", "format": "tar.gz",
                                 "collected_at": None}]
    assert report["cluster"]["rhoai_version"] == "2.25.4" and "app_namespace" not in \
        report["cluster"]
    json.dumps(report)


def test_verdict_levels() -> None:
    def verdict(*sev: Severity) -> str:
        outcome = Outcome.FAILED if sev else Outcome.PASSED
        return str(build([result("DEP-0010", Group.DEPENDENCY, outcome, *sev)])["verdict"])

    assert verdict(Severity.PROHIBITED, Severity.INFO) == "PROHIBITED"
    assert verdict(Severity.WARNING) == "WARNING"
    assert verdict(Severity.INFO) == "PASS" and verdict() == "PASS"
    moderate = build([result("DEP-0010", Group.DEPENDENCY, Outcome.FAILED, Severity.CRITICAL)])
    assert moderate["exposure"] == "moderate"


def test_same_minor_is_pass_with_notice() -> None:
    results = [result("WRK-0010", Group.WORKLOAD, Outcome.FAILED, Severity.CRITICAL)]
    report = build(results, facts={**FACTS, "rhoai_version": "3.3.0"},
                   assessment={"notices": ["other"], "exposure_reasons": []})
    assert report["verdict"] == "PASS" and report["exposure"] == "minimal"
    assert report["results"][0]["outcome"] == "not_applicable"
    assert report["results"][0]["findings"] == []
    assert "share major.minor" in report["assessment"]["notices"][0]
    assert report["assessment"]["notices"][1] == "other"
    assert summarize(report["results"])["not_applicable"] == 1


def test_locate_and_excerpt() -> None:
    text = ("---\napiVersion: v1\nkind: ConfigMapList\nitems:\n- kind: ConfigMap\n"
            "  metadata:\n    name: a\n- kind: ConfigMap\n  metadata:\n    name: b\n"
            "    annotations:\n      opendatahub.io/managed: 'true'\n")
    assert locate(text, "/metadata/name", item=1) == 10
    assert locate(text, "/metadata/annotations/opendatahub.io~1managed", item=1) == 12
    assert locate(text, "/metadata/labels/x", item=1) == 9  # nearest ancestor
    assert locate('{"a": {"b": [1,\n 2]}}', "/a/b/1") == 2
    assert locate(": : :\n\tbad", "/a") is None
    secret = ("kind: Secret\nmetadata:\n  name: s\ndata:\n  password: MTIz\n"
              "  token: YWJj\ntype: Opaque\n")
    assert excerpt(secret, 5, 2) is None  # never an excerpt from inside a Secret
    beside = "kind: ConfigMap\nmetadata: {name: c}\n---\n" + secret
    shown = excerpt(beside, 2, 3) or ""
    assert "MTIz" not in shown and "YWJj" not in shown and "    4  <redacted>" in shown
    assert "    2  metadata: {name: c}" in shown


def test_excerpt_never_shows_secret_list_items_or_last_applied() -> None:
    applied = '{"kind":"Secret","data":{"password":"UExBTlRFRA=="}}'
    listed = ("apiVersion: v1\nkind: SecretList\nitems:\n- metadata: {name: s}\n"
              "  data: {token: UExBTlRFRA==}\n- metadata:\n    name: t\n")
    assert excerpt(listed, 4, 3) is None
    mixed = ("apiVersion: v1\nkind: List\nitems:\n- kind: Route\n  metadata: {name: r}\n"
             "- metadata:\n    annotations:\n"
             f"      kubectl.kubernetes.io/last-applied-configuration: '{applied}'\n"
             "  kind: Secret\n")
    shown = excerpt(mixed, 5, 3) or ""
    assert "metadata: {name: r}" in shown and "UExBTlRFRA" not in shown, shown


def test_resolve_evidence_reads_directory_inputs(tmp_path: Path) -> None:
    path = tmp_path / "namespaces" / "a" / "kubeflow.org" / "notebooks"
    path.mkdir(parents=True)
    (path / "nb.yaml").write_text("---\nkind: Notebook\nmetadata:\n  name: nb\n"
                                  "  annotations:\n    x: y\n")
    rel = "namespaces/a/kubeflow.org/notebooks/nb.yaml"
    found = Finding("Notebook", "a", "nb", "m", Severity.WARNING,
                    [Evidence(rel, "/metadata/annotations/x", "y"), Evidence(None, None, "z"),
                     Evidence("missing.yaml", "/a", "q")])
    res = RuleResult(result("WRK-0010", Group.WORKLOAD, Outcome.PASSED).rule, Outcome.FAILED,
                     "m", [found])
    excerpts = resolve_evidence([res], [{"input_id": 0, "path": str(tmp_path)}])
    assert [e.line for e in found.evidence] == [6, None, None]
    assert "x: y" in excerpts[(rel, "/metadata/annotations/x")]


def test_list_file_evidence_end_to_end(tmp_path: Path) -> None:
    import dataclasses

    import duckdb

    from analyzer.ingest import ingest_paths
    from analyzer.rules.catalog import Catalog, queries_dir
    from analyzer.rules.runner import RunParams, run_rules

    folder = tmp_path / "namespaces" / "team-a" / "core"
    folder.mkdir(parents=True)
    (folder / "configmaps.yaml").write_text(
        "---\napiVersion: v1\nkind: ConfigMapList\nitems:\n"
        "- apiVersion: v1\n  kind: ConfigMap\n  metadata:\n    name: first\n"
        "    namespace: team-a\n  data:\n    key: one\n"
        "- apiVersion: v1\n  kind: ConfigMap\n  metadata:\n    name: second\n"
        "    namespace: team-a\n  data:\n    key: two\n")
    con = duckdb.connect(":memory:")
    summary = ingest_paths([tmp_path], con, workers=1)
    base = result("WRK-0010", Group.WORKLOAD, Outcome.PASSED).rule
    rule = dataclasses.replace(base, message="{{ name }}", sql=(
        "select kind, namespace, name, file as evidence_file, '/data/key' as evidence_pointer, "
        "raw ->> '/data/key' as observed from configmaps order by name"))
    [res] = run_rules(con, Catalog((rule,), queries_dir(), "0" * 64), RunParams("2.25.4", "3.3.2"))
    excerpts = resolve_evidence([res], summary.inputs)
    assert [(f.name, f.evidence[0].line) for f in res.findings] == [("first", 11), ("second", 18)]
    key = ("namespaces/team-a/core/configmaps.yaml", "/data/key")
    assert "   11      key: one" in excerpts[key]
    assert "   18      key: two" in (res.findings[1].evidence[0].excerpt or "")


def test_rules_list_rows_and_show_text() -> None:
    from analyzer.rules.catalog import load_catalog
    from analyzer.rules.docs import render_markdown, rule_show_text, rules_list_rows

    catalog = load_catalog()
    rows = rules_list_rows(catalog)
    assert [r[0] for r in rows] == [r.id for r in catalog.rules]
    assert all(len(r) == 5 and all(isinstance(c, str) and c for c in r) for r in rows)
    text = rule_show_text(catalog, "COL-0010")
    assert text.startswith("COL-0010: ") and "SQL:" in text and "mgscan_roots" in text
    page = render_markdown(catalog)
    assert page.count("\n### ") == len(catalog.rules)
