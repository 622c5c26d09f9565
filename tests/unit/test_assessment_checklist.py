"""Checklist: rule results decide items (passed/failed/not_evaluated), probes fill the rest."""

from __future__ import annotations

from typing import Any

import duckdb
import pytest
from test_assessment import (
    NOW,
    add,
    dsc,
    dsci,
    finish,
    isvc,
    ksvc,
    new_db,
    result,
    sub,
)

from analyzer.assess import build_assessment
from analyzer.assess.refs import ensure_reference_tables

OCP_ALIAS = "dependencies.openshift.version-requirement"


def checklist(con: duckdb.DuckDBPyConnection, results: list[dict[str, Any]],
              **facts: Any) -> dict[str, dict[str, Any]]:
    block = build_assessment(con, facts=facts, results=results, target_version="3.3.2", now=NOW)
    return {item["id"]: item for item in block["checklist"]}


@pytest.mark.parametrize(("outcome", "ocp", "status", "detail"), [
    ("passed", "4.20.1", "done", "OpenShift 4.20.1 (ClusterVersion)"),
    ("failed", "4.18.20", "todo", "OpenShift 4.18.20 (ClusterVersion)"),
    ("not_evaluated", None, "unknown", "ClusterVersion not collected"),  # rule message
    # the rule decides even when the bundle probe disagrees; the detail then comes from it
    ("passed", "4.18.20", "done", "ClusterVersion not collected"),
    ("failed", "4.20.1", "todo", "OpenShift 4.18.20 is below 4.19.9"),
])
def test_ocp_item_follows_the_aliased_rule(outcome: str, ocp: str | None, status: str,
                                           detail: str) -> None:
    con = finish(new_db())
    res = [result("VER-0030", [OCP_ALIAS], outcome, message="ClusterVersion not collected",
                  findings=[{"message": "OpenShift 4.18.20 is below 4.19.9"}]),
           result("XYZ-0010", ["something.else"], "failed")]
    item = checklist(con, res, ocp_version=ocp)["ocp-version"]
    assert (item["status"], item["rule_id"], item["detail"]) == (status, "VER-0030", detail)


def test_ocp_item_without_a_rule_uses_the_bundle() -> None:
    con = finish(new_db())
    items = checklist(con, [], ocp_version="4.20.1")
    assert items["ocp-version"] == {
        "id": "ocp-version", "section": "Platform", "item": "OpenShift 4.19.9 or later",
        "status": "done", "detail": "OpenShift 4.20.1 (ClusterVersion)", "rule_id": None}
    assert checklist(con, [], ocp_version="4.19.8")["ocp-version"]["status"] == "todo"
    assert checklist(con, [], ocp_version="4.19.10")["ocp-version"]["status"] == "done"


def test_not_applicable_and_error_results_leave_the_probe_in_charge() -> None:
    con = new_db()
    add(con, dsc(kueue="Removed"))
    finish(con)
    res = [result("CMP-0090", ["components.kueue.management-state"], "not_applicable"),
           result("VER-0030", [OCP_ALIAS], "error")]
    items = checklist(con, res, ocp_version="4.18.1")
    assert (items["kueue-removed"]["status"], items["kueue-removed"]["rule_id"]) == ("done", None)
    assert items["kueue-removed"]["detail"] == "kueue: Removed"
    assert (items["ocp-version"]["status"], items["ocp-version"]["rule_id"]) == ("todo", None)


def test_not_evaluated_rule_does_not_hide_evidence_that_work_remains() -> None:
    con = new_db()
    add(con, dsc(kserve="Managed"))
    add(con, ksvc("granite-predictor", "llm", "granite"))
    finish(con)
    res = [result("WRK-0100", ["workloads.kserve.impacted-workloads"], "not_evaluated",
                  message="InferenceServices were not collected")]
    item = checklist(con, res)["models-raw"]
    assert item["status"] == "todo"
    assert item["rule_id"] is None
    assert item["detail"] == ("1 of 1 model needs conversion "
                              "(1 inferred from Deployments, Pods or Knative Services)")


def test_not_collected_is_never_done() -> None:
    con = finish(new_db())
    items = checklist(con, [])
    assert {i["status"] for i in items.values()} <= {"unknown", "confirm"}
    for key in ("pvc-backup", "restore-tested", "cluster-backup"):
        assert items[key]["status"] == "confirm"
    assert items["cert-manager"]["detail"] == "OLM Subscriptions not collected"


def test_operator_items_read_subscriptions_and_platform() -> None:
    con = new_db()
    add(con, dsc(kueue="Managed"))
    add(con, sub("serverless-operator", "openshift-serverless", csv="serverless-operator.v1.36"))
    add(con, sub("authorino-operator", "openshift-operators"))
    add(con, sub("redhat-oadp-operator", "openshift-adp", csv="oadp-operator.v1.4.1"))
    finish(con)
    items = checklist(con, [], platform="BareMetal")
    assert items["cert-manager"]["status"] == "todo"
    assert items["metallb"] == {
        "id": "metallb", "section": "Platform", "item": "MetalLB on bare metal",
        "status": "todo", "detail": "Platform BareMetal without a MetalLB Operator Subscription",
        "rule_id": None}
    assert items["uninstall-serverless"]["status"] == "todo"
    assert items["uninstall-serverless"]["detail"] == (
        "serverless-operator (serverless-operator.v1.36) installed")
    assert items["uninstall-ossm2"]["status"] == "done"
    assert items["uninstall-authorino"]["status"] == "todo"
    assert items["kueue-removed"]["status"] == "todo"
    assert items["cluster-backup"]["status"] == "confirm"
    assert "redhat-oadp-operator (oadp-operator.v1.4.1) installed" in (
        items["cluster-backup"]["detail"])
    add(con, sub("rhcl-operator", "kuadrant-system"))
    finish(con)
    assert checklist(con, [], platform="BareMetal")["uninstall-authorino"]["status"] == "done"


def test_checklist_rows_may_name_mgscan_rule_ids() -> None:
    con = new_db()
    add(con, dsci())
    finish(con)
    ensure_reference_tables(con)
    con.execute("update ref_checklist set rule_ids = ['XYZ-0500'] "
                "where id = 'uninstall-serverless'")
    res = [result("XYZ-0500", [], "failed", findings=[{"message": "serverless-operator found"}])]
    item = checklist(con, res)["uninstall-serverless"]
    assert (item["status"], item["rule_id"], item["detail"]) == (
        "todo", "XYZ-0500", "serverless-operator found")


def test_checklist_order_and_sections_come_from_the_reference_table() -> None:
    con = finish(new_db())
    block = build_assessment(con, facts={}, results=[], target_version="3.3.2", now=NOW)
    sections = [i["section"] for i in block["checklist"]]
    assert sections == sorted(sections, key=["Backup", "Platform", "Workloads",
                                             "Operator cleanup",
                                             "Right before the upgrade"].index)
    ids = [i["id"] for i in block["checklist"]]
    # models are converted while Serverless and Service Mesh v2 still serve them
    assert ids.index("models-raw") < ids.index("uninstall-serverless") < ids.index(
        "workbenches-stopped")
    assert len(block["checklist"]) == con.execute(
        "select count(*) from ref_checklist").fetchone()[0]


@pytest.mark.parametrize(("status", "expected"), [
    ("absent", ("done", "No InferenceServices")),
    ("not_collected", ("unknown", "InferenceServices not collected")),
])
def test_rule_engine_coverage_decides_what_was_collected(status: str,
                                                         expected: tuple[str, str]) -> None:
    con = finish(new_db())
    con.execute("create table mgscan_coverage (kind varchar, status varchar, count integer, "
                "hint varchar)")
    con.execute("insert into mgscan_coverage values ('inferenceservices', ?, 0, '')", [status])
    item = checklist(con, [])["models-raw"]
    assert (item["status"], item["detail"]) == expected


def test_models_item_ignores_unrelated_conditions_of_the_same_vendor_check() -> None:
    con = new_db()
    add(con, dsc(kserve="Managed"))
    add(con, isvc("raw", "ns", "RawDeployment"))
    finish(con)
    alias = ["workloads.kserve.impacted-workloads"]
    res = [result("WRK-0100", alias, "passed"), result("WRK-0110", alias, "passed"),
           result("WRK-0140", alias, "failed", findings=[{"message": "AcceleratorProfile"}])]
    item = checklist(con, res)["models-raw"]
    assert (item["status"], item["rule_id"], item["detail"]) == (
        "done", "WRK-0100", "1 model, all RawDeployment")
    res[1] = result("WRK-0110", alias, "failed", findings=[{"message": "fraud is ModelMesh"}])
    item = checklist(con, res)["models-raw"]
    assert (item["status"], item["rule_id"], item["detail"]) == (
        "todo", "WRK-0110", "fraud is ModelMesh")
