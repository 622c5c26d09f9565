"""Inventory: components, models (CRs and inferred), workbenches (CRs and inferred), operators."""

from __future__ import annotations

from typing import Any

import duckdb
from test_assessment import (
    APP_NS,
    NOW,
    REGISTRY,
    add,
    deployment,
    dsc,
    finish,
    isvc,
    ksvc,
    new_db,
    notebook,
    ootb_imagestream,
    pod,
    statefulset,
    sub,
)

from analyzer.assess import build_assessment

ISVC_LABEL = "serving.kserve.io/inferenceservice"


def block(con: duckdb.DuckDBPyConnection) -> dict[str, Any]:
    return build_assessment(finish(con), facts={}, results=[], target_version="3.3.2", now=NOW)


def inventory(con: duckdb.DuckDBPyConnection) -> dict[str, Any]:
    return dict(block(con)["inventory"])


def test_components_list_every_dsc_key_and_known_absent_ones() -> None:
    con = new_db()
    add(con, dsc(kserve="Managed", ray="Removed", newthing="Unmanaged"))
    comps = {c["name"]: c["state"] for c in inventory(con)["components"]}
    assert comps["kserve"] == "Managed"
    assert comps["ray"] == "Removed"
    assert comps["newthing"] == "Unmanaged"
    assert comps["kueue"] == "absent"
    assert list(comps) == sorted(comps)


def test_no_dsc_means_no_components_and_a_notice() -> None:
    out = block(new_db())
    assert out["inventory"]["components"] == []
    assert "No DataScienceCluster was collected: component states are unknown." in out["notices"]


def test_model_modes_from_crs_evidence_and_defaults() -> None:
    con = new_db()
    add(con, dsc(kserve="Managed"))
    add(con, isvc("annotated", "a", "ModelMesh"))
    add(con, isvc("standard", "a", "Standard"))
    add(con, isvc("knative", "a"))
    add(con, ksvc("knative-predictor", "a", "knative"))
    add(con, isvc("plain", "b"))
    add(con, {"apiVersion": "v1", "kind": "ConfigMap",
              "metadata": {"name": "inferenceservice-config", "namespace": APP_NS},
              "data": {"deploy": '{"defaultDeploymentMode": "RawDeployment"}'}})
    models = inventory(con)["models"]
    assert [(m["namespace"], m["name"], m["mode"], m["inferred"]) for m in models] == [
        ("a", "annotated", "ModelMesh", False),
        ("a", "knative", "Serverless", False),
        ("a", "standard", "RawDeployment", False),
        ("b", "plain", "RawDeployment", False),
    ]
    assert models[0]["runtime"] == "ovms"


def test_dsc_default_mode_applies_without_evidence() -> None:
    con = new_db()
    add(con, dsc(kserve="Managed"))
    add(con, isvc("plain", "b"))
    assert inventory(con)["models"][0]["mode"] == "Serverless"
    con = new_db()
    serving_removed = dsc(kserve="Managed")
    serving_removed["spec"]["components"]["kserve"]["serving"] = {"managementState": "Removed"}
    add(con, serving_removed)
    add(con, isvc("plain", "b"))
    assert inventory(con)["models"][0]["mode"] == "RawDeployment"
    con = new_db()
    add(con, isvc("plain", "b"))
    assert inventory(con)["models"][0]["mode"] == "unknown"


def test_models_inferred_from_deployments_pods_and_modelmesh() -> None:
    con = new_db()
    add(con, deployment("raw-predictor", "x", {ISVC_LABEL: "raw"}))
    add(con, deployment("kn-predictor-00001-deployment", "x",
                        {ISVC_LABEL: "kn", "serving.knative.dev/revision": "kn-predictor-00001"}))
    add(con, pod("podonly-0", "y", {ISVC_LABEL: "podonly",
                                    "serving.knative.dev/revision": "podonly-00001"}))
    add(con, deployment("modelmesh-serving-ovms-1.x", "mm", {"modelmesh-service": "mm"}))
    # a ModelMesh runtime next to a collected ModelMesh InferenceService is not another model
    add(con, isvc("known", "mm2", "ModelMesh"))
    add(con, deployment("modelmesh-serving-triton", "mm2", {"modelmesh-service": "mm"}))
    # RHOAI's own controllers are not model servers
    add(con, deployment("modelmesh-controller", APP_NS, {"modelmesh-service": "x"}))
    out = block(con)
    assert [(m["namespace"], m["name"], m["mode"], m["runtime"], m["inferred"])
            for m in out["inventory"]["models"]] == [
        ("mm", "modelmesh-serving-ovms-1.x", "ModelMesh", "ovms-1.x", True),
        ("mm2", "known", "ModelMesh", "ovms", False),
        ("x", "kn", "Serverless", None, True),
        ("x", "raw", "RawDeployment", None, True),
        ("y", "podonly", "Serverless", None, True),
    ]
    assert any(n.startswith("4 models were inferred") for n in out["notices"])
    assert "2 Serverless InferenceServices (inferred from Deployments or Pods)" in (
        out["exposure_reasons"])


def test_workbench_states_images_and_custom_flags() -> None:
    con = new_db()
    add(con, ootb_imagestream("s2i-minimal-notebook"))
    add(con, ootb_imagestream("runtime-datascience"))  # runtime-* streams are not workbenches
    add(con, notebook("by-tag", "t", f"{REGISTRY}/s2i-minimal-notebook:2025.2", running=True))
    add(con, notebook("by-digest", "t", "quay.io/other/mirror@sha256:aa", stopped=True))
    add(con, notebook("by-from", "t", "quay.io/modh/s2i-minimal-notebook@sha256:aa"))
    add(con, statefulset("by-from", "t", "ignored", 0))
    add(con, notebook("custom", "t", "quay.io/acme/nb:1"))
    add(con, pod("custom-0", "t", {"notebook-name": "custom"}, "Pending"))
    add(con, notebook("runtime", "t", f"{REGISTRY}/runtime-datascience:2025.2"))
    wbs = {w["name"]: w for w in inventory(con)["workbenches"]}
    assert {n: (w["state"], w["custom_image"], w["inferred"]) for n, w in wbs.items()} == {
        "by-tag": ("running", False, False),
        "by-digest": ("stopped", False, False),
        "by-from": ("stopped", False, False),
        "custom": ("waiting", True, False),
        "runtime": ("unknown", True, False),
    }
    assert wbs["by-tag"]["image"] == f"{REGISTRY}/s2i-minimal-notebook:2025.2"


def test_workbenches_inferred_from_statefulsets_and_pods() -> None:
    con = new_db()
    add(con, statefulset("sts-nb", "r", "quay.io/acme/x:1", 0))
    add(con, statefulset("sts-up", "r", "quay.io/acme/x:1", 1))
    add(con, pod("sts-up-0", "r", {"notebook-name": "sts-up"}, "Running"))
    add(con, pod("lonely-0", "r", {"notebook-name": "lonely"}, "Pending"))
    add(con, {"apiVersion": "apps/v1", "kind": "StatefulSet",
              "metadata": {"name": "postgres", "namespace": "r"},
              "spec": {"replicas": 1, "template": {"spec": {"containers": []}}}})
    out = block(con)
    assert [(w["name"], w["image"], w["state"], w["custom_image"], w["inferred"])
            for w in out["inventory"]["workbenches"]] == [
        ("lonely", None, "waiting", None, True),
        ("sts-nb", "quay.io/acme/x:1", "stopped", None, True),
        ("sts-up", "quay.io/acme/x:1", "running", None, True),
    ]
    assert any("custom images cannot be told apart" in n for n in out["notices"])


def test_operators_are_listed_sorted() -> None:
    con = new_db()
    add(con, sub("rhods-operator", "redhat-ods-operator", "eus-2.25", "rhods-operator.2.25.4"))
    add(con, sub("authorino-operator", "openshift-operators"))
    assert inventory(con)["operators"] == [
        {"name": "authorino-operator", "namespace": "openshift-operators", "channel": "stable",
         "installed_csv": "authorino-operator.v1.0.0"},
        {"name": "rhods-operator", "namespace": "redhat-ods-operator", "channel": "eus-2.25",
         "installed_csv": "rhods-operator.2.25.4"},
    ]
