"""Per-run materialization (analyzer.rules.materialize): same answers, computed once."""

from __future__ import annotations

from analyzer.rules import load_catalog
from analyzer.rules.catalog import queries_dir
from analyzer.rules.materialize import PREFIX, RunTables, freeze_cluster_facts, thaw
from analyzer.rules.runner import RunParams, create_rule_views, prepare_database
from analyzer.rules.testing import database, insert_objects


def _cv(version: str) -> dict[str, object]:
    return {"apiVersion": "config.openshift.io/v1", "kind": "ClusterVersion",
            "metadata": {"name": "version", "resourceVersion": version.replace(".", "")},
            "spec": {"clusterID": "abc"},
            "status": {"desired": {"version": version}}}


def _view_sql(con: object, name: str) -> str:
    row = con.execute("select sql from duckdb_views() where view_name = ?",  # type: ignore[attr-defined]
                      [name]).fetchone()
    return str(row[0]) if row else ""


def test_cluster_facts_frozen_then_thawed_reads_current_data() -> None:
    con = database([_cv("4.18.1")])
    before = con.execute("select * from cluster_facts").fetchall()
    freeze_cluster_facts(con)
    assert f"{PREFIX}cluster_facts" in _view_sql(con, "cluster_facts")
    assert con.execute("select * from cluster_facts").fetchall() == before
    cur = con.cursor()  # another cursor (rules run on their own) sees the same table
    assert cur.execute("select ocp_version from cluster_facts").fetchall() == [("4.18.1",)]
    insert_objects(con, [_cv("4.19.2")])  # new data: a new run must not read the old table
    freeze_cluster_facts(con)
    assert con.execute("select ocp_version from cluster_facts").fetchall() == [("4.19.2",)]
    thaw(con)
    assert PREFIX not in _view_sql(con, "cluster_facts")
    assert not con.execute("select count(*) from duckdb_tables() where starts_with(table_name, ?)",
                           [PREFIX]).fetchone()[0]


def test_rule_views_needed_follow_dependencies_and_ignore_comments() -> None:
    con = database()
    tables = RunTables(con, queries_dir())
    assert tables.needed("select * from mgscan_ootb_catalogue") == [
        "mgscan_ootb_imagestreams", "mgscan_ootb_status_items", "mgscan_ootb_catalogue"]
    assert tables.needed("-- mgscan_ootb_catalogue in a comment\nselect 1") == []
    assert tables.needed("select * from mgscan_no_dsc") == ["mgscan_no_dsc"]


def test_materialized_rule_view_gives_the_same_rows() -> None:
    con = database([{"apiVersion": "datasciencecluster.opendatahub.io/v1",
                     "kind": "DataScienceCluster", "metadata": {"name": "default-dsc"},
                     "spec": {"components": {"kserve": {"managementState": "Managed"}}}}])
    prepare_database(con, load_catalog(), RunParams("2.25.4", "3.3.2"))
    sql = "select * from mgscan_dsc_component_states order by all"
    want = con.execute(sql).fetchall()
    tables = RunTables(con, queries_dir())
    tables.prepare(sql)
    assert f"{PREFIX}mgscan_dsc_component_states" in _view_sql(con, "mgscan_dsc_component_states")
    assert con.execute(sql).fetchall() == want == [
        ("default-dsc", "datasciencecluster/default-dsc.yaml", 0, "kserve",
         "/spec/components/kserve/managementState", "Managed")]
    create_rule_views(con, queries_dir())  # the next run starts from the view's SQL again
    assert PREFIX not in _view_sql(con, "mgscan_dsc_component_states")
