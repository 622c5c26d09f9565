"""Assessment block: exposure classes, support window, sizing and the whole-block shape.

The helpers here (``new_db``, ``add``, ``finish``, the object factories) build small DuckDB
databases the way ingest does: rows into ``objects``, then ``create_resources`` and
``create_views``. The other ``test_assessment_*`` files import them.
"""

from __future__ import annotations

import itertools
import json
from datetime import UTC, datetime
from typing import Any

import duckdb
import pytest

from analyzer.assess import build_assessment, compute_exposure, exposure_class
from analyzer.ingest.schema import create_empty_database, create_resources, create_views

NOW = datetime(2026, 11, 20, 12, 0, tzinfo=UTC)
APP_NS = "redhat-ods-applications"
_IDS = itertools.count(1)


def new_db() -> duckdb.DuckDBPyConnection:
    con = duckdb.connect()
    create_empty_database(con)
    return con


def add(con: duckdb.DuckDBPyConnection, obj: dict[str, Any], file: str = "x.yaml") -> None:
    api = obj["apiVersion"]
    group, _, version = api.rpartition("/")
    meta = obj.setdefault("metadata", {})
    con.execute(
        "insert into objects values (?, 0, 0, ?, 0, null, ?, ?, ?, ?, ?, ?, null, ?, ?, ?, ?, "
        "false, false)",
        [next(_IDS), file, api, group, version, obj["kind"], meta.get("namespace"),
         meta["name"], meta.get("resourceVersion"), json.dumps(meta.get("labels") or {}),
         json.dumps(meta.get("annotations") or {}), json.dumps(obj)],
    )


def add_file(con: duckdb.DuckDBPyConnection, path: str) -> None:
    con.execute("insert into files values (0, 0, ?, 10, 'yaml', 'ok', 0)", [path])


def finish(con: duckdb.DuckDBPyConnection) -> duckdb.DuckDBPyConnection:
    create_resources(con)
    create_views(con)
    return con


def meta(name: str, ns: str | None = None, labels: dict[str, str] | None = None,
         annotations: dict[str, str] | None = None) -> dict[str, Any]:
    out: dict[str, Any] = {"name": name}
    if ns:
        out["namespace"] = ns
    if labels:
        out["labels"] = labels
    if annotations:
        out["annotations"] = annotations
    return out


def dsc(**components: str) -> dict[str, Any]:
    return {"apiVersion": "datasciencecluster.opendatahub.io/v1", "kind": "DataScienceCluster",
            "metadata": meta("default-dsc"),
            "spec": {"components": {k: {"managementState": v} for k, v in components.items()}}}


def dsci(mesh: str = "Removed") -> dict[str, Any]:
    return {"apiVersion": "dscinitialization.opendatahub.io/v1", "kind": "DSCInitialization",
            "metadata": meta("default-dsci"),
            "spec": {"applicationsNamespace": APP_NS, "serviceMesh": {"managementState": mesh}}}


def sub(name: str, ns: str, channel: str = "stable", csv: str | None = None) -> dict[str, Any]:
    return {"apiVersion": "operators.coreos.com/v1alpha1", "kind": "Subscription",
            "metadata": meta(name, ns),
            "spec": {"name": name, "channel": channel},
            "status": {"installedCSV": csv or f"{name}.v1.0.0"}}


def isvc(name: str, ns: str, mode: str | None = None, runtime: str = "ovms") -> dict[str, Any]:
    ann = {"serving.kserve.io/deploymentMode": mode} if mode else None
    return {"apiVersion": "serving.kserve.io/v1beta1", "kind": "InferenceService",
            "metadata": meta(name, ns, annotations=ann),
            "spec": {"predictor": {"model": {"runtime": runtime}}}}


def deployment(name: str, ns: str, labels: dict[str, str] | None = None,
               containers: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    return {"apiVersion": "apps/v1", "kind": "Deployment", "metadata": meta(name, ns, labels),
            "spec": {"template": {"spec": {"containers": containers or []}}}}


def ksvc(name: str, ns: str, isvc_name: str) -> dict[str, Any]:
    return {"apiVersion": "serving.knative.dev/v1", "kind": "Service",
            "metadata": meta(name, ns, {"serving.kserve.io/inferenceservice": isvc_name})}


def notebook(name: str, ns: str, image: str, stopped: bool = False,
             running: bool = False) -> dict[str, Any]:
    ann = {"kubeflow-resource-stopped": "2026-11-01T00:00:00Z"} if stopped else None
    status = {"containerState": {"running": {"startedAt": "x"}}} if running else {}
    return {"apiVersion": "kubeflow.org/v1", "kind": "Notebook",
            "metadata": meta(name, ns, annotations=ann),
            "spec": {"template": {"spec": {"containers": [
                {"name": name, "image": image},
                {"name": "oauth-proxy", "image": "registry.redhat.io/ose-oauth-proxy-rhel9:v4"},
            ]}}},
            "status": status}


def statefulset(name: str, ns: str, image: str, replicas: int) -> dict[str, Any]:
    return {"apiVersion": "apps/v1", "kind": "StatefulSet",
            "metadata": {"name": name, "namespace": ns,
                         "ownerReferences": [{"kind": "Notebook", "name": name}]},
            "spec": {"replicas": replicas, "template": {
                "metadata": {"labels": {"notebook-name": name}},
                "spec": {"containers": [{"name": name, "image": image}]}}}}


def pod(name: str, ns: str, labels: dict[str, str], phase: str = "Running") -> dict[str, Any]:
    return {"apiVersion": "v1", "kind": "Pod", "metadata": meta(name, ns, labels),
            "status": {"phase": phase}}


REGISTRY = "image-registry.openshift-image-registry.svc:5000/redhat-ods-applications"


def ootb_imagestream(name: str) -> dict[str, Any]:
    return {"apiVersion": "image.openshift.io/v1", "kind": "ImageStream",
            "metadata": meta(name, APP_NS, {"app.kubernetes.io/part-of": "workbenches"},
                             {"platform.opendatahub.io/version": "2.25.4"}),
            "spec": {"tags": [{"name": "2025.2", "from": {
                "kind": "DockerImage", "name": f"quay.io/modh/{name}@sha256:aa"}}]},
            "status": {"dockerImageRepository": f"{REGISTRY}/{name}",
                       "tags": [{"tag": "2025.2", "items": [
                           {"dockerImageReference": f"quay.io/modh/{name}@sha256:aa",
                            "image": "sha256:aa"}]}]}}


def namespace(name: str, dashboard: bool = True) -> dict[str, Any]:
    labels = {"opendatahub.io/dashboard": "true"} if dashboard else None
    return {"apiVersion": "v1", "kind": "Namespace", "metadata": meta(name, labels=labels)}


def result(rule_id: str, aliases: list[str], outcome: str, message: str = "",
           findings: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    return {"rule_id": rule_id, "aliases": aliases, "title": rule_id, "group": "workload",
            "severity": "critical", "outcome": outcome, "message": message,
            "findings": findings or []}


# --------------------------------------------------------------------------------- exposure
def test_modelmesh_and_serverless_cluster_is_high() -> None:
    con = new_db()
    add(con, dsc(kserve="Managed", modelmeshserving="Managed"))
    add(con, dsci(mesh="Managed"))
    add(con, isvc("fraud", "fraud-ns", "ModelMesh"))
    add(con, isvc("fraud2", "fraud-ns", "ModelMesh"))
    add(con, ksvc("granite-predictor", "llm", "granite"))
    add(con, sub("servicemeshoperator", "openshift-operators", csv="servicemeshoperator.v2.6.9"))
    finish(con)
    level, reasons = compute_exposure(con, {}, [])
    assert level == "high"
    assert reasons == [
        "2 ModelMesh InferenceServices",
        "1 Serverless InferenceService (inferred from Knative Services)",
        "DSCInitialization serviceMesh managementState is Managed (Service Mesh v2)",
        "Service Mesh v2 operator installed (servicemeshoperator.v2.6.9)",
    ]


def test_custom_image_cluster_is_moderate() -> None:
    con = new_db()
    add(con, dsc(workbenches="Managed", kserve="Managed"))
    add(con, dsci())
    add(con, ootb_imagestream("s2i-minimal-notebook"))
    add(con, notebook("ok", "team-a", f"{REGISTRY}/s2i-minimal-notebook:2025.2", stopped=True))
    add(con, notebook("mine", "team-a", "quay.io/acme/cuda-notebook:v3", stopped=True))
    add(con, isvc("raw", "team-a", "RawDeployment"))
    finish(con)
    level, reasons = compute_exposure(con, {}, [])
    assert (level, reasons) == ("moderate", ["1 workbench uses a custom image (1 distinct image)"])


def test_clean_cluster_is_minimal() -> None:
    con = new_db()
    add(con, dsc(workbenches="Managed", kserve="Managed", kueue="Removed"))
    add(con, dsci())
    add(con, ootb_imagestream("s2i-minimal-notebook"))
    add(con, notebook("ok", "team-a", "quay.io/modh/s2i-minimal-notebook@sha256:aa"))
    add(con, isvc("raw", "team-a", "RawDeployment"))
    finish(con)
    assert compute_exposure(con, {}, []) == ("minimal", [])


def test_kueue_and_llamastack_are_moderate_and_llmisvc_high() -> None:
    con = new_db()
    add(con, dsc(kueue="Unmanaged"))
    add(con, {"apiVersion": "llamastack.io/v1alpha1", "kind": "LlamaStackDistribution",
              "metadata": meta("lsd", "team-b")})
    finish(con)
    level, reasons = compute_exposure(con, {}, [])
    assert level == "moderate"
    assert reasons == ["Kueue is Unmanaged in the DataScienceCluster",
                       "1 LlamaStackDistribution (Llama Stack)"]
    add(con, {"apiVersion": "serving.kserve.io/v1alpha1", "kind": "LLMInferenceService",
              "metadata": meta("llm", "team-b")})
    finish(con)
    level, reasons = compute_exposure(con, {}, [])
    assert level == "high"
    assert reasons[0] == "1 LLMInferenceService (distributed inference)"


def test_exposure_class_reads_an_assessment_block() -> None:
    con = new_db()
    add(con, dsc(kserve="Managed"))
    add(con, isvc("a", "ns", "Serverless"))
    finish(con)
    block = build_assessment(con, facts={}, results=[], target_version="3.3.2", now=NOW)
    assert exposure_class(block) == "high"
    assert exposure_class({"exposure_reasons": ["2 workbenches use a custom image "
                                                "(1 distinct image)"]}) == "moderate"
    assert exposure_class({"exposure_reasons": []}) == "minimal"
    with pytest.raises(ValueError):
        exposure_class({"exposure_reasons": ["something mgscan never says"]})


# ------------------------------------------------------------------------ block shape, order
def rich_cluster(order: int = 1) -> duckdb.DuckDBPyConnection:
    objs = [
        dsc(kserve="Managed", modelmeshserving="Managed", workbenches="Managed",
            kueue="Managed"),
        dsci(mesh="Managed"),
        isvc("fraud", "fraud-ns", "ModelMesh"), isvc("zeta", "fraud-ns", "RawDeployment"),
        ksvc("granite-predictor", "llm", "granite"),
        deployment("embed-predictor", "llm", {"serving.kserve.io/inferenceservice": "embed"}),
        sub("servicemeshoperator", "openshift-operators"),
        sub("rhods-operator", "redhat-ods-operator", "eus-2.25", "rhods-operator.2.25.4"),
        ootb_imagestream("s2i-minimal-notebook"),
        notebook("ok", "team-a", f"{REGISTRY}/s2i-minimal-notebook:2025.2", running=True),
        notebook("mine", "team-a", "quay.io/acme/cuda-notebook:v3", stopped=True),
        statefulset("scratch", "research", "quay.io/acme/x:1", 0),
        namespace("team-a"), namespace("empty-proj"),
        {"apiVersion": "v1", "kind": "Secret", "metadata": meta("conn", "team-a"),
         "data": {"AWS_SECRET_ACCESS_KEY": 40}},
    ]
    con = new_db()
    for obj in objs[::order]:
        add(con, obj)
    return finish(con)


FACTS = {"ocp_version": "4.18.20", "rhoai_version": "2.25.4", "channel": "eus-2.25",
         "platform": "AWS", "collected_at": "2026-11-19T14:02:11Z"}


def test_block_has_the_documented_shape() -> None:
    block = build_assessment(rich_cluster(), facts=FACTS, results=[], target_version="3.3.2",
                             now=NOW)
    assert list(block) == ["exposure_reasons", "plan", "support", "checklist", "effort", "sizing",
                           "inventory", "strategy", "notices"]
    assert list(block["support"]) == ["stream", "channel", "release_type", "support_ends",
                                      "as_of", "months_left", "collected_on",
                                      "months_left_at_collection", "note"]
    assert list(block["inventory"]) == ["components", "models", "workbenches", "operators"]
    assert {tuple(i) for i in block["checklist"]} == {
        ("id", "section", "item", "status", "detail", "rule_id")}
    assert {tuple(e) for e in block["effort"]} == {
        ("component", "effort", "in_use", "action", "confirmed", "evidence")}
    assert list(block["sizing"]) == ["size", "basis", "signals", "timeline", "total", "note"]
    assert {tuple(m) for m in block["inventory"]["models"]} == {
        ("namespace", "name", "mode", "runtime", "inferred")}
    assert {tuple(w) for w in block["inventory"]["workbenches"]} == {
        ("namespace", "name", "image", "state", "custom_image", "inferred")}
    assert {tuple(o) for o in block["inventory"]["operators"]} == {
        ("name", "namespace", "channel", "installed_csv")}
    assert {i["status"] for i in block["checklist"]} <= {"done", "todo", "confirm", "unknown",
                                                       "not_needed"}
    assert block["strategy"][0].startswith("There is no rollback")
    assert any(s.startswith("High exposure") for s in block["strategy"])
    json.dumps(block)  # plain JSON values only
    assert "AWS_SECRET_ACCESS_KEY" not in json.dumps(block)


def test_block_is_deterministic_whatever_the_input_order() -> None:
    first = build_assessment(rich_cluster(1), facts=FACTS, results=[], target_version="3.3.2",
                             now=NOW)
    again = build_assessment(rich_cluster(1), facts=FACTS, results=[], target_version="3.3.2",
                             now=NOW)
    reverse = build_assessment(rich_cluster(-1), facts=FACTS, results=[],
                               target_version="3.3.2", now=NOW)
    assert first == again == reverse
    inv = first["inventory"]
    for key, sort_key in (("models", ("namespace", "name")), ("workbenches", ("namespace", "name")),
                          ("operators", ("name", "namespace")), ("components", ("name",))):
        rows = [tuple(r[k] for k in sort_key) for r in inv[key]]
        assert rows == sorted(rows), key


def test_minimal_cluster_strategy_skips_high_exposure_sentences() -> None:
    con = new_db()
    add(con, dsc(kserve="Managed"))
    finish(con)
    block = build_assessment(con, facts={"rhoai_version": "3.3.1"}, results=[],
                             target_version="3.3.2", now=NOW)
    assert not any(s.startswith("High exposure") for s in block["strategy"])
    assert any("share a minor release" in n for n in block["notices"])


def test_works_on_a_read_only_database(tmp_path: Any) -> None:
    path = str(tmp_path / "ro.duckdb")
    con = duckdb.connect(path)
    create_empty_database(con)
    add(con, dsc(kserve="Managed"))
    add(con, isvc("a", "ns", "ModelMesh"))
    finish(con).close()
    ro = duckdb.connect(path, read_only=True)
    block = build_assessment(ro, facts={}, results=[], target_version="3.3.2", now=NOW)
    assert block["exposure_reasons"] == ["1 ModelMesh InferenceService"]
    assert block["sizing"]["total"] == "3–5 weeks"


def test_custom_oauth_proxy_configurations_are_high() -> None:
    con = new_db()
    add(con, namespace("ds"))
    add(con, notebook("standard", "ds", "quay.io/modh/nb:1"))
    custom = notebook("custom", "ds", "quay.io/modh/nb:1")
    custom["spec"]["template"]["spec"]["containers"][1]["image"] = "quay.io/acme/oauth-proxy:4"
    add(con, custom)
    built = notebook("built", "ds", "quay.io/modh/nb:1")
    built["spec"]["template"]["spec"]["containers"][0]["args"] = ["--oauth-proxy-compat"]
    add(con, built)
    sts = statefulset("legacy", "ds", "quay.io/acme/oauth_proxy-nb:2", 0)
    add(con, sts)
    add(con, deployment("my-app", "ds", containers=[{"name": "oauth-proxy", "image": "x"}]))
    owned = deployment("ds-pipeline-ui", "ds", containers=[{"name": "oauth-proxy", "image": "x"}])
    owned["metadata"]["ownerReferences"] = [{"kind": "DataSciencePipelinesApplication"}]
    add(con, owned)
    add(con, deployment("elsewhere", "not-ds", containers=[{"name": "oauth-proxy",
                                                           "image": "x"}]))
    finish(con)
    level, reasons = compute_exposure(con, {}, [])
    assert level == "high"
    assert reasons == [
        "2 Notebooks with a custom oauth-proxy configuration",
        "1 workbench StatefulSet with a custom oauth-proxy configuration (inferred: Notebooks "
        "not collected)",
        "1 user Deployment in data-science namespaces with an oauth-proxy container (custom "
        "oauth-proxy configuration)",
    ]


def test_block_validates_against_the_report_schema() -> None:
    jsonschema = pytest.importorskip("jsonschema")
    from pathlib import Path

    schema = json.loads((Path(__file__).parents[2] / "docs" / "report.schema.json").read_text())
    sub_schema = {"$defs": schema["$defs"], **schema["$defs"]["assessment"]}
    odd = new_db()
    add(odd, dsc(kserve="managed", ray=""))  # odd DSC values still map to the enum
    for con, facts in ((rich_cluster(), FACTS), (finish(new_db()), {}), (finish(odd), {})):
        block = build_assessment(con, facts=facts, results=[], target_version="3.3.2", now=NOW)
        jsonschema.validate(block, sub_schema)
    states = {c["name"]: c["state"] for c in block["inventory"]["components"]}
    assert (states["kserve"], states["ray"]) == ("Managed", "absent")


def test_notices_name_what_limits_the_assessment() -> None:
    con = new_db()
    add(con, dsc(kserve="Managed"))
    other = dsc(kserve="Removed")
    other["metadata"]["name"] = "second-dsc"
    add(con, other)
    add(con, statefulset("nb", "team", "quay.io/acme/x:1", 0))
    add_file(con, "must-gather.local.1/watermark.txt")
    finish(con)
    block = build_assessment(con, facts={}, results=[], target_version="3.3.2", now=NOW)
    assert block["notices"] == sorted(block["notices"])
    assert block["notices"] == [
        "1 workbench was inferred from Pods, Deployments, Knative Services or StatefulSets "
        "because their custom resources were not collected (RHOAI must-gathers before 3.3 omit "
        "them); names and modes are best effort.",
        "2 DataScienceClusters were collected; the first by name is used.",
        "No out-of-the-box workbench ImageStreams were found in redhat-ods-applications: "
        "custom images cannot be told apart.",
        "The RHOAI version was not found; the assessment assumes a migration to 3.3.2.",
        "The bundle is obfuscated (must-gather-clean watermark.txt): names, addresses and "
        "domains may be replaced by tokens and some files omitted.",
    ]
    assert exposure_class(["1 LLMInferenceService (distributed inference)",
                           "Kueue is Managed in the DataScienceCluster"]) == "high"
