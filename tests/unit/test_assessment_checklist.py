"""Checklist: rule results alone decide items; confirm items are what no bundle shows."""

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
    new_db,
    result,
    sub,
)

from analyzer.assess import build_assessment
from analyzer.assess.checklist import OUTCOME_STATUS
from analyzer.assess.refs import ensure_reference_tables, fetch_dicts
from analyzer.rules.catalog import load_catalog


def checklist(con: duckdb.DuckDBPyConnection, results: list[dict[str, Any]],
              **facts: Any) -> dict[str, dict[str, Any]]:
    block = build_assessment(con, facts=facts, results=results, target_version="3.3.2", now=NOW)
    return {item["id"]: item for item in block["checklist"]}


def rows() -> list[dict[str, Any]]:
    con = duckdb.connect()
    ensure_reference_tables(con)
    return fetch_dicts(con, 'select * from ref_checklist order by "order", id')


def test_every_item_but_confirm_names_existing_rules() -> None:
    ids = {r.id for r in load_catalog().rules}
    for row in rows():
        if row.get("confirm"):
            assert not row.get("rule_ids"), row["id"]
            assert row.get("detail"), row["id"]
        else:
            assert row.get("rule_ids"), f"{row['id']}: no rule decides it"
            assert set(row["rule_ids"]) <= ids, row["id"]
            assert row.get("done"), f"{row['id']}: say what done means"
    assert [r["id"] for r in rows() if r.get("confirm")] == [
        "cluster-backup", "pvc-backup", "restore-tested"]


@pytest.mark.parametrize(("outcome", "status", "detail"), [
    ("passed", "done", "OpenShift 4.20.1 (ClusterVersion)"),
    ("failed", "todo", "OpenShift 4.18.20 does not meet the minimum"),
    ("not_evaluated", "unknown", "Not collected: clusterversions (collect with: oc get cv)"),
    ("error", "unknown", "Not collected: clusterversions (collect with: oc get cv)"),
    ("not_applicable", "not_needed",
     "Not needed for this upgrade: Applies to target versions >=3.0; the target is 2.25.4."),
])
def test_the_rule_decides_and_its_words_explain(outcome: str, status: str, detail: str) -> None:
    con = finish(new_db())
    message = {"not_applicable": "Applies to target versions >=3.0; the target is 2.25.4.",
               "failed": "1 finding"}.get(outcome, "Not collected: clusterversions "
                                                   "(collect with: oc get cv)")
    res = [result("DEP-0020", [], outcome, message=message,
                  findings=[{"kind": "ClusterVersion", "name": "version",
                             "message": "OpenShift 4.18.20 does not meet the minimum"}]
                  if outcome == "failed" else []),
           result("XYZ-0010", [], "failed")]
    item = checklist(con, res, ocp_version="4.20.1")["ocp-version"]
    assert (item["status"], item["rule_id"], item["detail"]) == (status, "DEP-0020", detail)


def test_without_a_result_the_item_is_unknown_never_done() -> None:
    con = finish(new_db())
    items = checklist(con, [], ocp_version="4.20.1")
    assert {i["status"] for i in items.values()} == {"unknown", "confirm"}
    assert items["ocp-version"]["detail"] == "Not checked in this run (DEP-0020 did not run)"
    assert items["ocp-version"]["rule_id"] is None


def test_several_rules_failed_beats_not_evaluated_beats_passed_beats_not_applicable() -> None:
    con = new_db()
    add(con, dsc(kserve="Managed"))
    add(con, isvc("raw", "ns", "RawDeployment"))
    finish(con)
    ids = ["WRK-0100", "WRK-0110", "WRK-0320", "WRK-0330"]
    res = {i: result(i, [], "not_applicable", message=f"{i} gated") for i in ids}
    item = checklist(con, list(res.values()))["models-raw"]
    assert (item["status"], item["rule_id"]) == ("not_needed", "WRK-0100")
    assert item["detail"] == "Not needed for this upgrade: WRK-0100 gated"
    res["WRK-0330"] = result("WRK-0330", [], "passed")
    item = checklist(con, list(res.values()))["models-raw"]
    assert (item["status"], item["rule_id"], item["detail"]) == (
        "done", "WRK-0330", "1 model found; none to convert")
    res["WRK-0320"] = result("WRK-0320", [], "not_evaluated", message="Not collected: ksvc")
    item = checklist(con, list(res.values()))["models-raw"]
    assert (item["status"], item["rule_id"], item["detail"]) == (
        "unknown", "WRK-0320", "Not collected: ksvc")
    res["WRK-0110"] = result("WRK-0110", [], "failed", findings=[
        {"kind": "InferenceService", "namespace": "mm", "name": f"m{i}", "message": f"m{i}"}
        for i in range(6)])
    item = checklist(con, list(res.values()))["models-raw"]
    assert (item["status"], item["rule_id"]) == ("todo", "WRK-0110")
    assert item["detail"] == ("6 InferenceServices to convert to RawDeployment (of 1 model "
                              "found): mm/m0, mm/m1, mm/m2, mm/m3, +2 more (not all could be "
                              "checked: WRK-0320)")


def test_unrelated_conditions_of_the_same_vendor_check_do_not_decide() -> None:
    con = new_db()
    add(con, dsc(kserve="Managed"))
    add(con, isvc("raw", "ns", "RawDeployment"))
    finish(con)
    alias = ["workloads.kserve.impacted-workloads"]
    res = [result(i, alias, "passed") for i in ("WRK-0100", "WRK-0110", "WRK-0320", "WRK-0330")]
    res.append(result("WRK-0140", alias, "failed", findings=[{"message": "AcceleratorProfile"}]))
    assert checklist(con, res)["models-raw"]["status"] == "done"


def test_done_texts_name_what_the_bundle_shows() -> None:
    con = new_db()
    add(con, dsc(kueue="Removed"))
    add(con, sub("openshift-cert-manager-operator", "cert-manager-operator",
                 csv="cert-manager-operator.v1.17.0"))
    add(con, sub("rhcl-operator", "kuadrant-system", csv="rhcl-operator.v1.1.0"))
    add(con, sub("redhat-oadp-operator", "openshift-adp", csv="oadp-operator.v1.4.1"))
    finish(con)
    ids = [i for row in rows() for i in row.get("rule_ids") or []]
    items = checklist(con, [result(i, [], "passed") for i in ids], platform="AWS")
    assert {i["status"] for i in items.values()} == {"done", "confirm"}
    assert items["cert-manager"]["detail"] == (
        "Subscription openshift-cert-manager-operator (cert-manager-operator.v1.17.0) found")
    assert items["metallb"]["detail"] == "Platform AWS; MetalLB Operator Subscriptions: none"
    assert items["uninstall-serverless"]["detail"] == (
        "No Red Hat OpenShift Serverless Subscription found")
    assert items["uninstall-authorino"]["detail"] == (
        "Standalone Authorino Subscriptions: none; Red Hat Connectivity Link Subscriptions: "
        "rhcl-operator (rhcl-operator.v1.1.0)")
    assert items["kueue-removed"]["detail"] == "kueue: Removed"
    assert items["workbenches-stopped"]["detail"] == "0 workbenches found; none running"
    assert items["cluster-backup"]["detail"] == (
        "A bundle cannot show a complete, current backup; "
        "redhat-oadp-operator (oadp-operator.v1.4.1) installed")


def test_findings_are_counted_and_named_with_the_value_that_decided() -> None:
    con = new_db()
    add(con, dsci())
    finish(con)
    finding = {"kind": "Subscription", "namespace": "openshift-serverless",
               "name": "serverless-operator", "message": "long message",
               "evidence": [{"file": "f", "pointer": "/status/installedCSV",
                             "observed": "serverless-operator.v1.36"}]}
    item = checklist(con, [result("DEP-0040", [], "failed", findings=[finding])])[
        "uninstall-serverless"]
    assert (item["status"], item["rule_id"], item["detail"]) == (
        "todo", "DEP-0040", "1 Subscription to uninstall: "
        "openshift-serverless/serverless-operator (serverless-operator.v1.36)")
    finding["evidence"][0]["observed"] = "x" * 41  # too long to show: the name only
    item = checklist(con, [result("DEP-0040", [], "failed", findings=[finding])])[
        "uninstall-serverless"]
    assert item["detail"] == "1 Subscription to uninstall: openshift-serverless/serverless-operator"


def test_confirm_items_stay_confirm_whatever_the_results() -> None:
    con = finish(new_db())
    res = [result("DEP-0070", [], "failed", findings=[{"message": "no OADP"}])]
    items = checklist(con, res)
    for key in ("pvc-backup", "restore-tested", "cluster-backup"):
        assert items[key]["status"] == "confirm"
        assert items[key]["rule_id"] is None
    assert items["cluster-backup"]["detail"].endswith(
        "No OpenShift API for Data Protection (OADP) / Velero Subscription seen")


def test_outcome_status_map_covers_every_outcome() -> None:
    from analyzer.rules.model import Outcome

    assert set(OUTCOME_STATUS) == {o.value for o in Outcome}


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
