"""``mgscan diff``: stable finding identity, inventory parity, regressions, outputs, bad input."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from bundle_variants import SAMPLES, variant
from click.testing import CliRunner
from syrupy.extensions.json import JSONSnapshotExtension

from analyzer.cli import cli

READY = SAMPLES / "ready-to-migrate.tar.gz"
WB = SAMPLES / "workbenches.tar.gz"
NB = "rhoai-extra/namespaces/ds-project-wb/kubeflow.org/notebooks/"
ALPHA = "rhoai-extra/namespaces/ds-project-alpha/"

pytestmark = pytest.mark.slow


@pytest.fixture
def snapshot_json(snapshot: Any) -> Any:
    return snapshot.use_extension(JSONSnapshotExtension)


def _remediate(name: str, body: bytes) -> bytes:
    """After remediation: nb-missing-hwp points at an existing profile, nb-missing-conn lost
    its reference to the missing connection."""
    if name.endswith(NB + "nb-missing-hwp.yaml"):
        return re.sub(rb"(opendatahub.io/hardware-profile-name: ).*", rb"\1default-profile", body)
    if name.endswith(NB + "nb-missing-conn.yaml"):
        return re.sub(rb"\n *opendatahub.io/connections: .*", b"", body)
    return body


@pytest.fixture(scope="module")
def pairs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, Path]]:
    tmp = tmp_path_factory.mktemp("diff")
    return {
        "remediated": (WB, variant(WB, tmp / "wb-after.tar.gz", edit=_remediate)),
        "migrated": (READY, variant(READY, tmp / "ready-migrated.tar.gz", drop=[
            ALPHA + "kubeflow.org/notebooks/feature-eng.yaml",
            ALPHA + "serving.kserve.io/inferenceservices/fraud-detector.yaml"])),
        "renamed": (READY, variant(READY, tmp / "ready-renamed.tar.gz",
                                   rename_top="must-gather.local.1234567890")),
    }


def _diff(tmp_path: Path, before: Path, after: Path, *extra: str) -> tuple[int, str, str,
                                                                            dict[str, Any]]:
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["diff", str(before), str(after), "-o", str(out), *extra])
    doc = json.loads((out / "diff.json").read_text()) if (out / "diff.json").exists() else {}
    for side in ("before", "after"):
        if side in doc:
            doc[side]["input"] = Path(doc[side]["input"]).name
    return result.exit_code, result.stdout, result.stderr, doc


@pytest.mark.parametrize("case", ["remediated", "migrated", "renamed"])
def test_diff_sample_pairs(case: str, pairs: dict[str, tuple[Path, Path]], tmp_path: Path,
                           snapshot_json: Any) -> None:
    code, out, err, doc = _diff(tmp_path, *pairs[case])
    assert "Traceback" not in err
    assert doc == snapshot_json
    html = (tmp_path / "out" / "diff.html").read_text()
    assert "<script src" not in html and "Content-Security-Policy" in html
    if case == "renamed":
        assert code == 0 and not doc["regressed"]
        assert (doc["new"], doc["resolved"], doc["changed"], doc["outcome_changes"],
                doc["inventory"]["missing"], doc["inventory"]["added"]) == ([],) * 6
        assert "new findings: 0" in out and "resolved findings: 0" in out
    elif case == "remediated":
        assert code == 0 and not doc["regressed"] and doc["new"] == []
        assert sorted(f["rule_id"] for f in doc["resolved"]) == ["WRK-0220", "WRK-0230"]
        assert doc["inventory"]["missing"] == []
    else:
        assert code == 1 and doc["regressed"]
        missing = [(o["family"], o["namespace"], o["name"]) for o in doc["inventory"]["missing"]]
        assert missing == [("workbench", "ds-project-alpha", "feature-eng"),
                           ("model", "ds-project-alpha", "fraud-detector")]
        assert "missing: workbench ds-project-alpha/feature-eng" in out
        assert "REGRESSED" in html and "feature-eng" in html


def test_two_clusters_refused_unless_forced(tmp_path: Path) -> None:
    code, _, err, _ = _diff(tmp_path, READY, WB)
    assert code == 3 and "Traceback" not in err
    assert "c9548701-c267-5978-aac7-4725ad92ca0a" in err
    assert "4c7febb0-4972-59f4-893b-3b5e442399e5" in err
    assert str(READY) in err and str(WB) in err
    code, out, _, doc = _diff(tmp_path, READY, WB, "--force")
    assert code == 1 and "--force" in doc["note"]


def test_report_json_inputs_compare_findings(pairs: dict[str, tuple[Path, Path]],
                                             tmp_path: Path) -> None:
    reports = []
    for i, bundle in enumerate(pairs["remediated"]):
        out = tmp_path / f"r{i}"
        CliRunner().invoke(cli, ["analyze", str(bundle), "-o", str(out), "--format", "json"])
        reports.append(out / "report.json")
    code, _, _, doc = _diff(tmp_path, *reports)
    assert code == 0
    assert sorted(f["rule_id"] for f in doc["resolved"]) == ["WRK-0220", "WRK-0230"]
    assert doc["inventory"]["compared"] is False


@pytest.mark.parametrize("body", ["{not json", "[]", '{"schema_version": 1}',
                                  '{"schema_version": 1, "cluster": {}, "verdict": "PASS", '
                                  '"roots": [], "target_version": "3.3.2", '
                                  '"results": [{"rule_id": 1}]}'])
def test_malformed_report_json_is_one_line_exit_3(tmp_path: Path, body: str) -> None:
    bad = tmp_path / "report.json"
    bad.write_text(body)
    result = CliRunner().invoke(cli, ["diff", str(bad), str(bad)])
    assert result.exit_code == 3
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and str(bad) in lines[0] and "Traceback" not in result.stderr


def test_db_file_against_its_bundle_reports_nothing(tmp_path: Path) -> None:
    db = tmp_path / "wb.duckdb"
    assert CliRunner().invoke(cli, ["ingest", str(WB), "--db", str(db)]).exit_code == 0
    code, out, err, doc = _diff(tmp_path, db, WB)
    assert code == 0, err
    assert (doc["new"], doc["resolved"], doc["changed"]) == ([], [], [])
    assert doc["inventory"]["compared"] and doc["inventory"]["missing"] == []
    assert doc["before"]["cluster"]["id"] == doc["after"]["cluster"]["id"]
