"""Coverage statuses, hints, collect-commands and reference tables."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from analyzer.rules.catalog import CatalogError
from analyzer.rules.collect import collect_commands, must_gather_command, rhoai_image
from analyzer.rules.coverage import compute_coverage, missing_kinds
from analyzer.rules.reference import load_reference_tables
from analyzer.rules.testing import database

RHOAI = {"root_id": 1, "input_id": 0, "path": "mg/quay-io-modh-must-gather-sha256-ab",
         "kind": "image", "image": "quay-io-modh-must-gather-sha256-ab",
         "product": "red-hat-data-services/must-gather", "version": "2.25.4"}
OCP = {"root_id": 2, "input_id": 0, "path": "mg/quay-io-openshift-release-dev-ocp-v4-0-art-dev",
       "kind": "image", "product": "openshift/must-gather", "version": "4.0-art-dev"}
NS = {"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "team-a"},
      "_file": "mg/x/namespaces/team-a/team-a.yaml"}


def status(rows: list[dict[str, Any]]) -> dict[str, str]:
    return {r["kind"]: r["status"] for r in rows}


def test_nothing_known_means_not_collected_with_hint() -> None:
    rows = compute_coverage(database())
    assert len(rows) > 40 and [r["kind"] for r in rows] == sorted(r["kind"] for r in rows)
    assert {r["status"] for r in rows} == {"not_collected"}
    hints = {r["kind"]: r["hint"] for r in rows}
    assert hints["notebooks"] == "oc adm inspect -A --dest-dir=rhoai-extra notebooks.kubeflow.org"
    assert "-n redhat-ods-applications" in hints["imagestreamtags"]
    assert "notebooks" in missing_kinds(rows)


def test_rhoai_2x_image_gap() -> None:
    dsc = {"apiVersion": "datasciencecluster.opendatahub.io/v1", "kind": "DataScienceCluster",
           "metadata": {"name": "d"}}
    con = database([dsc, NS], roots=[RHOAI])
    rows = compute_coverage(con)
    got = status(rows)
    assert got["datascienceclusters"] == "collected"
    assert got["dscinitializations"] == "absent"
    assert got["notebooks"] == "not_collected"
    assert got["configmaps"] == "absent"  # a namespace was inspected
    assert got["subscriptions"] == "not_collected"  # no default image
    collected = next(r for r in rows if r["kind"] == "datascienceclusters")
    assert collected["count"] == 1 and collected["hint"] == ""
    table = con.execute("select count(*) from mgscan_coverage where status = 'absent'").fetchone()
    assert table is not None and table[0] == sum(r["status"] == "absent" for r in rows)


def test_rhoai_33_image_and_default_image() -> None:
    got = status(compute_coverage(database(roots=[{**RHOAI, "version": "3.3.1"}, OCP])))
    assert got["notebooks"] == "absent" and got["inferenceservices"] == "absent"
    assert got["subscriptions"] == "absent" and got["clusterversions"] == "absent"
    assert got["hardwareprofiles"] == "not_collected"  # never collected by default
    assert got["configmaps"] == "not_collected"  # no namespace inspected


def test_discovery_says_not_served() -> None:
    con = database(roots=[RHOAI], discovery=[
        {"root_id": 1, "group": "kubeflow.org", "version": "v1", "resource": "notebooks",
         "kind": "Notebook", "scope": "Namespaced"}])
    got = status(compute_coverage(con))
    assert got["notebooks"] == "not_collected"  # served but not collected
    assert got["llamastackdistributions"] == "absent"  # not served at all


def test_collect_commands_fresh_and_for_a_bundle() -> None:
    fresh = collect_commands()
    assert fresh[0] == ("oc adm must-gather --image-stream=openshift/must-gather "
                        "--image=quay.io/modh/must-gather:rhoai-2.25")
    assert "oc adm inspect -A --dest-dir=rhoai-extra notebooks.kubeflow.org" in fresh
    assert len(fresh) == len(set(fresh))
    con = database([NS], roots=[RHOAI, OCP])
    rows = compute_coverage(con)
    needed = collect_commands(rows, rhoai_version="2.25.4")
    assert not needed[0].startswith("oc adm must-gather")
    assert len(needed) == len(missing_kinds(rows))
    assert collect_commands([{"kind": "clusterversions", "status": "not_collected"}])[:2] == [
        must_gather_command(), "oc adm inspect --dest-dir=rhoai-extra clusterversion/version"]
    assert collect_commands([{"kind": "notebooks", "status": "collected"}]) == []
    assert rhoai_image("3.4") == "registry.redhat.io/rhoai/odh-must-gather-rhel9:v3.4.0"
    assert rhoai_image("garbage") == "quay.io/modh/must-gather:rhoai-2.25"


def test_reference_tables(tmp_path: Path) -> None:
    ref = tmp_path / "_reference"
    ref.mkdir()
    (ref / "things.yaml").write_text(
        "description: d\nrows:\n"
        "  - {name: a, tags: [x, y], n: 1, ok: true}\n"
        "  - {name: b, n: 2.5}\n")
    con = database()
    assert load_reference_tables(con, tmp_path) == ["ref_things"]
    assert con.execute("select name, tags, n, ok from ref_things order by name").fetchall() == [
        ("a", ["x", "y"], 1.0, True), ("b", None, 2.5, None)]
    (ref / "bad.yaml").write_text("description: d\nrows: [{a: {nested: 1}}]\n")
    with pytest.raises(CatalogError):
        load_reference_tables(con, tmp_path)


def test_a_kind_whose_file_could_not_be_read_is_not_collected_not_absent() -> None:
    dsc_file = ("mg/quay-io-modh-must-gather-sha256-ab/cluster-scoped-resources/"
                "datasciencecluster.opendatahub.io/datascienceclusters/default-dsc.yaml")
    broken = {"input_id": 0, "root_id": 1, "path": dsc_file, "size": 9, "type": "yaml",
              "parse_status": "error", "objects": 0}
    got = status(compute_coverage(database([NS], roots=[RHOAI], files=[broken])))
    assert got["datascienceclusters"] == "not_collected"
    assert got["dscinitializations"] == "absent"  # its file was fine (just not there)
    ok = {**broken, "parse_status": "ok"}
    assert status(compute_coverage(database([NS], roots=[RHOAI], files=[ok])))[
        "datascienceclusters"] == "absent"
