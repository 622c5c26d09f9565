"""One cluster per report: identity facts, several clusters refused, --cluster, merged times."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import duckdb
from bundle_variants import SAMPLES, chain, later_timestamps, variant
from click.testing import CliRunner

from analyzer.app import cluster_facts
from analyzer.cli import cli
from analyzer.ingest import ingest_paths
from analyzer.ingest.identity import identify_clusters

MM = SAMPLES / "modelmesh-serverless.tar.gz"
WB = SAMPLES / "workbenches.tar.gz"
MM_ID = "d3814ed3-e562-55d7-8e90-7343fc37f72f"
WB_ID = "4c7febb0-4972-59f4-893b-3b5e442399e5"
NB = "rhoai-extra/namespaces/ds-project-wb/kubeflow.org/notebooks/"


def _run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_cluster_facts_carry_the_identity() -> None:
    con = duckdb.connect()
    ingest_paths([MM], con)
    facts = cluster_facts(con)
    assert (facts["cluster_id"], facts["infrastructure_name"], facts["api_url"]) == (
        MM_ID, "rhoai-prod-7hxrc", "https://api.rhoai-prod.example.com:6443")
    clusters, unattributed = identify_clusters(con)
    assert [c.cluster_id for c in clusters] == [MM_ID] and unattributed == []
    # the RHOAI image root and the dump carry no ClusterVersion: they join their input's cluster
    assert len(clusters[0].root_ids) == 4


def test_two_clusters_are_refused_naming_each(tmp_path: Path) -> None:
    code, _, err = _run("analyze", str(MM), str(WB), "-o", str(tmp_path / "r"))
    assert code == 3
    assert "the inputs hold 2 clusters" in err and "Traceback" not in err
    for cid, infra, path in ((MM_ID, "rhoai-prod-7hxrc", MM), (WB_ID, "rhoai-prod-8sktp", WB)):
        line = next(ln for ln in err.splitlines() if cid in ln)
        assert infra in line and "OCP 4.19.12" in line and str(path) in line
        assert "collected 2026-11-02T" in line and "rhoai-extra" in line
    assert not (tmp_path / "r").exists()


def test_cluster_option_analyzes_that_one_like_alone(tmp_path: Path) -> None:
    code_alone, _, _ = _run("analyze", str(MM), "-o", str(tmp_path / "alone"))
    code, out, _ = _run("analyze", str(MM), str(WB), "--cluster", "d3814", "-o",
                        str(tmp_path / "picked"))
    assert code == code_alone == 1
    alone = json.loads((tmp_path / "alone" / "report.json").read_text())
    picked = json.loads((tmp_path / "picked" / "report.json").read_text())
    for key in ("cluster", "inputs", "roots", "verdict", "summary", "results", "coverage"):
        assert picked[key] == alone[key], key
    assert picked["ingest"]["objects"] == alone["ingest"]["objects"]
    assert f"cluster {MM_ID} (rhoai-prod-7hxrc)" in out
    # an infrastructure-name prefix works too; a prefix matching nothing names the clusters
    assert _run("analyze", str(MM), str(WB), "--cluster", "rhoai-prod-8", "-o",
                str(tmp_path / "wb"))[0] == 1
    code, _, err = _run("analyze", str(MM), str(WB), "--cluster", "zz", "-o", str(tmp_path / "x"))
    assert code == 3 and "--cluster 'zz' matches no cluster" in err and WB_ID in err


def test_cluster_option_on_a_db_never_changes_the_file(tmp_path: Path) -> None:
    db = tmp_path / "two.duckdb"
    assert _run("ingest", str(MM), str(WB), "--db", str(db))[0] == 0
    before = hashlib.sha256(db.read_bytes()).hexdigest()
    code, _, err = _run("analyze", "--db", str(db), "-o", str(tmp_path / "r"))
    assert code == 3 and MM_ID in err and WB_ID in err
    code, _, _ = _run("analyze", "--db", str(db), "--cluster", WB_ID[:6], "-o",
                      str(tmp_path / "r"))
    assert code in (0, 1, 2)
    report = json.loads((tmp_path / "r" / "report.json").read_text())
    assert report["cluster"]["id"] == WB_ID
    assert [i["path"] for i in report["inputs"]] == [str(WB)]
    assert hashlib.sha256(db.read_bytes()).hexdigest() == before


def _bump(name: str, body: bytes) -> bytes | None:
    """The later collection: nb-running changed (newer resourceVersion), nb-missing-hwp gone."""
    if name.endswith(NB + "nb-missing-hwp.yaml"):
        return None
    if name.endswith(NB + "nb-running.yaml"):
        return body.replace(b'resourceVersion: "47457829"', b'resourceVersion: "99999999"') \
            .replace(b"openshift.io/display-name: Nb Running",
                     b"openshift.io/display-name: Nb Running Later")
    return body


def test_same_cluster_at_two_times_merges_newest_object_wins(tmp_path: Path) -> None:
    later = variant(WB, tmp_path / "wb-later.tar.gz", rename_top="must-gather.local.42",
                    edit=chain(later_timestamps(3), _bump))
    con = duckdb.connect()
    ingest_paths([WB, later], con)
    clusters, _ = identify_clusters(con)
    assert [c.cluster_id for c in clusters] == [WB_ID]
    rows = dict(con.execute(
        "select name, annotations->>'$.\"openshift.io/display-name\"' from notebooks").fetchall())
    assert rows["nb-running"] == "Nb Running Later"
    assert "nb-missing-hwp" in rows  # only the older collection has it: it stays
    code, out, _ = _run("analyze", str(WB), str(later), "-o", str(tmp_path / "r"))
    assert code in (0, 1, 2)
    report = json.loads((tmp_path / "r" / "report.json").read_text())
    assert [(i["path"], i["collected_at"][:10]) for i in report["inputs"]] == [
        (str(WB), "2026-11-02"), (str(later), "2026-11-05")]
    assert report["cluster"]["id"] == WB_ID
    assert "merged: " in out and str(later) in out
