"""One parametrized test over every rule case folder: tests/rules/cases/<ID>/<case>/.

The folder prefix is the expected outcome (pass_ -> passed, fail_ -> failed, not_collected_ ->
not_evaluated, not_applicable_ -> not_applicable). Findings of every case are snapshotted
(one JSON file per case). ``-k CMP-0050`` selects one rule's cases.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import duckdb
import pytest
import yaml
from syrupy.extensions.json import JSONSnapshotExtension

from analyzer.ingest import ingest_paths
from analyzer.rules import RunParams, load_catalog, resolve_evidence, run_rules

CASES = Path(__file__).parent / "cases"
PREFIXES = {
    "pass_": "passed",
    "fail_": "failed",
    "not_collected_": "not_evaluated",
    "not_applicable_": "not_applicable",
}
DEFAULT_SOURCE = "2.25.4"
DEFAULT_TARGET = "3.3.2"
DEFAULT_ANALYSIS_DATE = "2026-11-20"  # the clock of every rule case (case.yaml: analysis_date)
CATALOG = load_catalog()


def expected_outcome(case: str) -> str | None:
    return next((o for p, o in PREFIXES.items() if case.startswith(p)), None)


def case_dirs() -> list[Path]:
    if not CASES.is_dir():
        return []
    return sorted(c for r in CASES.iterdir() if r.is_dir() and not r.name.startswith("_")
                  for c in r.iterdir() if c.is_dir() and not c.name.startswith("_"))


def finding_rows(result: Any) -> list[dict[str, Any]]:
    return [{
        "kind": f.kind, "namespace": f.namespace, "name": f.name,
        "severity": f.severity.value, "message": f.message,
        "evidence": [{"file": e.file, "pointer": e.pointer, "observed": e.observed,
                      "line": e.line} for e in f.evidence],
        **({"absent": True} if f.absent else {}),
    } for f in result.findings]


# Kinds that are not Kubernetes objects: the bundle, its roots and files (collection rules), and
# the run's parameters (VER-0010/VER-0020: `source-version`, `target-version`).
META_KINDS = {"Bundle", "InspectRoot", "File", "Parameter"}
# What a finding shows for a field its object does not set (the value at the pointer is missing).
NOT_SET = "(not set)"
# Rules whose findings still break a guard below (issue 11 §8; the lists only shrink, and are
# empty: every rule complies). Names: a finding names an object not in the bundle without
# `absent`. Pointers: the observed value is a summary, not the value at the pointer.
KNOWN_NAME_GAPS: set[str] = set()
KNOWN_POINTER_GAPS: set[str] = set()


def check_evidence(con: duckdb.DuckDBPyConnection, result: Any) -> None:
    """Guards: a finding names an object of the bundle (or says it is absent), and an
    evidence pointer shows the value at that pointer (``(not set)`` when the object lacks it)."""
    rule_id = result.rule.id
    for f in result.findings:
        if f.unverified is not None:
            continue
        key = [f.kind, f.namespace or "", f.name]
        exists = con.execute("select count(*) from resources where kind = ? and "
                             "coalesce(namespace, '') = ? and name = ?", key).fetchone()
        if not (exists and exists[0]) and not (f.absent or f.inferred) \
                and f.kind not in META_KINDS and rule_id not in KNOWN_NAME_GAPS:
            pytest.fail(f"{rule_id} names {f.kind} {f.namespace}/{f.name}, which is not in "
                        "the bundle; set the `absent` column when it reports something missing")
        for e in f.evidence:
            if not e.file or not e.pointer or e.observed is None or rule_id in KNOWN_POINTER_GAPS:
                continue
            values = {v for (v,) in con.execute(
                "select raw ->> ? from objects where file = ? and kind = ? and "
                "coalesce(namespace, '') = ? and name = ?", [e.pointer, e.file, *key]).fetchall()}
            if not values:  # the evidence is another object of that file
                values = {v for (v,) in con.execute(
                    "select raw ->> ? from objects where file = ?", [e.pointer, e.file]).fetchall()}
            # an object that lacks the field shows NOT_SET, never a made-up value
            values = {NOT_SET if v is None else v for v in values}
            assert e.observed in values, (
                f"{rule_id}: {f.kind} {f.name} points at {e.pointer} but shows {e.observed!r}; "
                f"the object has {sorted(map(str, values))[:3]}")


@pytest.fixture
def snapshot_json(snapshot: Any) -> Any:
    return snapshot.use_extension(JSONSnapshotExtension)


@pytest.mark.parametrize("case_dir", case_dirs(),
                         ids=lambda p: f"{p.parent.name}.{p.name}")
def test_rule_case(case_dir: Path, snapshot_json: Any) -> None:
    rule_id, case = case_dir.parent.name, case_dir.name
    outcome = expected_outcome(case)
    assert outcome, f"{case}: folder name must start with one of {', '.join(PREFIXES)}"
    catalog = CATALOG.select([rule_id])
    assert [r.id for r in catalog.rules] == [rule_id], f"no rule {rule_id} in queries/"
    options: dict[str, Any] = {}
    if (case_dir / "case.yaml").is_file():
        options = yaml.safe_load((case_dir / "case.yaml").read_text()) or {}
    con = duckdb.connect(":memory:")
    summary = ingest_paths([case_dir], con, workers=1)
    detected = con.execute("select rhoai_version from cluster_facts").fetchone()
    source = str(options.get("source_version") or (detected and detected[0]) or DEFAULT_SOURCE)
    target = str(options.get("target_version") or DEFAULT_TARGET)
    analysis_date = str(options.get("analysis_date") or DEFAULT_ANALYSIS_DATE)
    [result] = run_rules(con, catalog, RunParams(source, target, analysis_date=analysis_date))
    assert result.outcome.value == outcome, result.message
    if "findings" in options:
        assert len(result.findings) == int(options["findings"])
    check_evidence(con, result)
    resolve_evidence([result], summary.inputs)
    rows = finding_rows(result)
    if outcome == "failed":
        assert rows, "a failed case needs findings"
    else:
        assert not rows
    assert {"outcome": result.outcome.value, "message": result.message,
            "findings": rows} == snapshot_json
