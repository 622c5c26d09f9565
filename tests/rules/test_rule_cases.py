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
    } for f in result.findings]


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
    resolve_evidence([result], summary.inputs)
    rows = finding_rows(result)
    if outcome == "failed":
        assert rows, "a failed case needs findings"
    else:
        assert not rows
    assert {"outcome": result.outcome.value, "message": result.message,
            "findings": rows} == snapshot_json
