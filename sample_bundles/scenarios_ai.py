"""Scenarios around workbenches, distributed workloads (Kueue, CodeFlare) and Llama Stack."""

from __future__ import annotations

import json
from datetime import timedelta

from mg_base import READY_STATES, base_cluster, ootb_image, stamp
from mg_cluster import Cluster, Spec
from mg_k8s import Obj, digest, image, rfc3339nano
from mg_projects import LAST_IMAGE, VLLM, connection, local_dir, model, project, runtime, workbench
from mg_resources import configmap, node
from mg_workloads import container
from rhoai_objects import APP_NS, byon_imagestream
from rhoai_workloads import accelerator_profile, crd_object, oauth_sidecar, ray_cluster

KUEUE = "kueue.x-k8s.io/v1beta1"
TRUSTYAI = "trustyai.opendatahub.io/v1alpha1"
QUEUE_LABEL = "kueue.x-k8s.io/queue-name"


def _kueue_objects(c: Cluster, ns: str) -> None:
    c.supplementary(crd_object(KUEUE, "ResourceFlavor", "default-flavor", None, {}))
    quota = [{"name": "cpu", "nominalQuota": 64}, {"name": "memory", "nominalQuota": "256Gi"},
             {"name": "nvidia.com/gpu", "nominalQuota": 4}]
    c.supplementary(crd_object(
        KUEUE, "ClusterQueue", "cluster-queue", None,
        {"namespaceSelector": {}, "queueingStrategy": "BestEffortFIFO",
         "resourceGroups": [{"coveredResources": ["cpu", "memory", "nvidia.com/gpu"],
                             "flavors": [{"name": "default-flavor", "resources": quota}]}]},
        status={"admittedWorkloads": 3, "pendingWorkloads": 1, "reservingWorkloads": 3}))
    c.supplementary(crd_object(KUEUE, "LocalQueue", "team-queue", ns,
                               {"clusterQueue": "cluster-queue"},
                               status={"admittedWorkloads": 3, "pendingWorkloads": 1}))


def _codeflare_rayclusters(c: Cluster, ns: str, queue: dict[str, str]) -> None:
    """CodeFlare-managed RayClusters (oauth finalizer), one already backed up, with head Pods."""
    for name, backed_up in (("rc-codeflare", False), ("rc-backed-up", True)):
        ann = {"odh.ray.io/pre-upgrade-backup-taken": "true"} if backed_up else None
        rc = ray_cluster(name, ns, labels={**queue, "controller-tools.k8s.io": "1.0"},
                         finalizers=["ray.openshift.ai/oauth-finalizer"], annotations=ann,
                         at=c.at - timedelta(days=2))
        c.rhoai.add(rc)  # category "all": collected by the RHOAI image as ray.io/rayclusters.yaml
        spec = {"containers": rc["spec"]["headGroupSpec"]["template"]["spec"]["containers"],
                "restartPolicy": "Always", "serviceAccountName": f"{name}-oauth-proxy"}
        labels = {**queue, "ray.io/cluster": name, "ray.io/node-type": "head",
                  "ray.io/is-ray-node": "yes"}
        c.add_pod(c.rhoai, f"{name}-head-{digest('head', name, n=5)}", ns, spec, labels=labels,
                  owner=rc)
    c.supplementary(crd_object(
        "workload.codeflare.dev/v1beta2", "AppWrapper", "aw-ray-finetune", ns,
        {"components": [{"template": {"apiVersion": "ray.io/v1", "kind": "RayCluster",
                                      "metadata": {"name": "rc-codeflare"},
                                      "spec": {"rayVersion": "2.47.1"}}}],
         "suspend": False},
        status={"phase": "Running", "resettingCount": 0,
                "conditions": [{"type": "QuotaReserved", "status": "True",
                                "reason": "AdmittedByKueue",
                                "lastTransitionTime": stamp(c, 48)}]},
        labels=queue))


def _pytorch_jobs(c: Cluster, ns: str, queue: dict[str, str]) -> None:
    """One active and one completed PyTorchJob (Training Operator v1); the active one has a Pod."""
    trainer = container("pytorch", "quay.io/modh/training:py311-cuda124-torch251", cpu="4",
                        memory="16Gi")
    for name, done in (("pt-mnist-active", False), ("pt-mnist-done", True)):
        cond = {"type": "Succeeded" if done else "Running", "status": "True",
                "reason": "PyTorchJobSucceeded" if done else "PyTorchJobRunning",
                "lastTransitionTime": stamp(c, 90 if done else 3)}
        master = {"replicas": 1, "restartPolicy": "OnFailure",
                  "template": {"spec": {"containers": [trainer]}}}
        pt = crd_object("kubeflow.org/v1", "PyTorchJob", name, ns,
                        {"pytorchReplicaSpecs": {"Master": master},
                         "runPolicy": {"suspend": False}},
                        status={"conditions": [cond],
                                "replicaStatuses": {"Master": {"active": 0 if done else 1}}},
                        labels=queue)
        c.supplementary(pt)
        if not done:
            labels = {**queue, "training.kubeflow.org/job-name": name,
                      "training.kubeflow.org/replica-type": "master",
                      "training.kubeflow.org/replica-index": "0",
                      "training.kubeflow.org/operator-name": "pytorchjob-controller"}
            spec = {"containers": [trainer], "restartPolicy": "OnFailure",
                    "serviceAccountName": "default"}
            c.add_pod(c.rhoai, f"{name}-master-0", ns, spec, labels=labels, owner=pt)


def kueue_managed() -> Cluster:
    """Embedded Kueue Managed and in use; CodeFlare Managed with AppWrappers and its RayClusters."""
    states = {**READY_STATES, "kueue": "Managed", "codeflare": "Managed",
              "trainingoperator": "Managed"}
    c = base_cluster(Spec(name="kueue-managed", top_dir=local_dir("kueue-managed"), states=states))
    ns = "ml-training"
    project(c, ns, "bob", display="Distributed training",
            labels={"kueue.openshift.io/managed": "true"})
    queue = {QUEUE_LABEL: "team-queue"}
    _kueue_objects(c, ns)
    workbench(c, "queued-nb", ns, ootb_image("pytorch", "2025.2"), state="running", user="bob",
              labels=queue)
    workbench(c, "trainer-nb", ns, ootb_image("s2i-minimal-notebook", "2025.2"), state="stopped",
              user="bob",
              labels=queue)
    _codeflare_rayclusters(c, ns, queue)
    _pytorch_jobs(c, ns, queue)
    # A queue-labelled workbench outside any Kueue-managed namespace; a LocalQueue named "default".
    scratch = "ml-scratch"
    project(c, scratch, "bob", display="Scratch (not Kueue-managed)")
    workbench(c, "scratch-nb", scratch, ootb_image("s2i-minimal-notebook", "2025.2"),
              state="stopped",
              user="bob", labels={QUEUE_LABEL: "default"})
    c.supplementary(crd_object(KUEUE, "LocalQueue", "default", scratch,
                               {"clusterQueue": "cluster-queue"},
                               status={"admittedWorkloads": 0}))
    return c


def workbenches() -> Cluster:
    """Running/waiting/stopped workbenches, custom and old images, missing HWP and connection."""
    c = base_cluster(Spec(name="workbenches", top_dir="must-gather-rhoai-prod", layout="renamed"))
    c.workers.append("ip-10-0-50-77.ec2.internal")
    c.default.single(node(c.workers[-1], "worker", "v1.32.7", cpu="48", memory="394930248Ki",
                          gpus=4,
                          instance_type="g6e.12xlarge"))
    c.supplementary(accelerator_profile("migrated-gpu", APP_NS, "NVIDIA GPU (legacy)"))
    ns = "ds-project-wb"
    project(c, ns, "carol", display="Workbench zoo")
    connection(c, ns, "aws-connection-wb")
    hwp_ns = {"opendatahub.io/hardware-profile-namespace": APP_NS}
    size = "notebooks.opendatahub.io/last-size-selection"
    byon = "quay.io/acme/custom-oauth-workbench:v3"
    c.rhoai.add(byon_imagestream("custom-oauth-workbench", "ACME workbench (oauth-proxy build)",
                                 byon,
                                 creator="carol"))
    workbench(c, "nb-running", ns, ootb_image("s2i-generic-data-science-notebook", "2025.2"),
              state="running",
              user="carol", annotations={**hwp_ns,
                                         "opendatahub.io/hardware-profile-name": "default-profile",
                                         "opendatahub.io/connections": f"{ns}/aws-connection-wb"})
    workbench(c, "nb-waiting", ns, "quay.io/acme/custom-nb:1.0", state="waiting", user="carol",
              annotations={size: "Small"})
    workbench(c, "nb-codeserver-old", ns, ootb_image("code-server-notebook", "2025.1"),
              state="stopped",
              user="carol", annotations={"opendatahub.io/legacy-hardware-profile-name": "small",
                                         size: "Small"})
    workbench(c, "nb-missing-hwp", ns, ootb_image("s2i-minimal-notebook", "2025.2"),
              state="stopped",
              user="carol", annotations={**hwp_ns,
                                         "opendatahub.io/hardware-profile-name": "gpu-large"})
    workbench(c, "nb-missing-conn", ns, ootb_image("s2i-minimal-notebook", "2025.2"),
              state="stopped",
              user="carol",
              annotations={"opendatahub.io/connections":
                           f"{ns}/aws-connection-deleted,aws-connection-wb"})
    workbench(c, "nb-accelerator", ns, ootb_image("pytorch", "2025.2"), state="stopped",
              user="carol",
              primary="notebook",
              annotations={"opendatahub.io/accelerator-name": "migrated-gpu",
                           "opendatahub.io/accelerator-profile-namespace": APP_NS, size: "Medium"},
              tolerations=[{"effect": "NoSchedule", "key": "nvidia.com/gpu", "operator": "Exists"}],
              limits={"cpu": "4", "memory": "24Gi", "nvidia.com/gpu": "1"})
    custom_proxy = oauth_sidecar("nb-oauth-custom", "quay.io/acme/oauth-proxy:v4.14-custom")
    workbench(c, "nb-oauth-custom", ns,
              f"image-registry.openshift-image-registry.svc:5000/{APP_NS}/custom-oauth-workbench:v3",
              state="running", user="carol", sidecar=custom_proxy,
              annotations={LAST_IMAGE: "custom-oauth-workbench:v3"})
    return c


RUN_YAML = """version: '2'
image_name: rh
apis:
- inference
- vector_io
metadata_store:
  type: sqlite
  db_path: /.llama/distributions/rh/registry.db
providers:
  vector_io:
  - provider_id: faiss
    provider_type: inline::faiss
    config:
      kvstore:
        type: sqlite
        db_path: /.llama/distributions/rh/faiss_store.db
"""
GATEWAY_YAML = """orchestrator:
  host: localhost
  port: 8032
routes:
- name: all
  detectors: [regex]
"""


def _llama_stack(c: Cluster, ns: str) -> None:
    """Two LlamaStackDistributions on the default SQLite storage, one with a user run.yaml."""
    c.rhoai.add(configmap("llama-stack-config", ns, {"run.yaml": RUN_YAML}))
    vllm_url = f"http://granite-llm-predictor.{ns}.svc.cluster.local:8080/v1"
    for name, user_config in (("llama-stack-rag", True), ("llama-stack-demo", False)):
        server: Obj = {
            "containerSpec": {"name": "llama-stack", "port": 8321,
                              "env": [{"name": "INFERENCE_MODEL", "value": "granite-llm"},
                                      {"name": "VLLM_URL", "value": vllm_url},
                                      {"name": "VLLM_TLS_VERIFY", "value": "false"}]},
            "distribution": {"name": "rh-dev"},
            "storage": {"size": "10Gi", "mountPath": "/.llama"},
        }
        if user_config:
            server["userConfig"] = {"configMapName": "llama-stack-config"}
        versions = {"llamaStackServerVersion": "0.2.22", "operatorVersion": "0.3.0"}
        c.supplementary(crd_object("llamastack.io/v1alpha1", "LlamaStackDistribution", name, ns,
                                   {"replicas": 1, "server": server},
                                   status={"phase": "Ready", "version": versions}))
        log = (f"{rfc3339nano(c.at - timedelta(hours=20))} INFO Using sqlite metadata store"
               " at /.llama/distributions/rh/registry.db")
        core = image("registry.redhat.io/rhoai/odh-llama-stack-core-rhel9", "0.2.22")
        c.deploy(name, ns, [container("llama-stack", core, port=8321)],
                 labels={"app": "llama-stack", "app.kubernetes.io/instance": name},
                 logs={"llama-stack": [log]})


def _guardrails(c: Cluster, ns: str) -> None:
    """gorch-otel is well configured but uses otelExporter; gorch-broken breaks several rules."""
    llm = {"hostname": f"granite-llm-predictor.{ns}.svc.cluster.local", "port": 8080}
    detectors = {"regex": {"type": "text_contents", "service": {"hostname": "127.0.0.1",
                                                                "port": 8080},
                           "chunker_id": "whole_doc_chunker", "default_threshold": 0.5}}
    good = {"chat_generation": {"service": llm}, "detectors": detectors}
    bad = {"chat_generation": {"service": {"hostname": llm["hostname"]}}}
    for name, body in (("fms-orchestr8-config-nlp", json.dumps(good, indent=2)),
                       ("fms-orchestr8-config-gateway", GATEWAY_YAML),
                       ("fms-orchestr8-config-broken", json.dumps(bad, indent=2))):
        c.rhoai.add(configmap(name, ns, {"config.yaml": body}))
    otel = {"protocol": "grpc", "otlpExport": "traces",
            "otlpEndpoint": f"otel-collector.{ns}.svc:4317"}
    c.supplementary(crd_object(TRUSTYAI, "GuardrailsOrchestrator", "gorch-otel", ns,
                               {"orchestratorConfig": "fms-orchestr8-config-nlp",
                                "enableGuardrailsGateway": True,
                                "guardrailsGatewayConfig": "fms-orchestr8-config-gateway",
                                "enableBuiltInDetectors": True, "replicas": 1,
                                "otelExporter": otel},
                               status={"phase": "Ready"}))
    c.supplementary(crd_object(TRUSTYAI, "GuardrailsOrchestrator", "gorch-broken", ns,
                               {"orchestratorConfig": "fms-orchestr8-config-broken",
                                "enableGuardrailsGateway": False, "enableBuiltInDetectors": False,
                                "replicas": 1},
                               status={"phase": "Progressing"}))
    c.supplementary(crd_object(TRUSTYAI, "TrustyAIService", "trustyai-service", ns,
                               {"storage": {"format": "PVC", "folder": "/inputs", "size": "1Gi"},
                                "data": {"filename": "data.csv", "format": "CSV"},
                                "metrics": {"schedule": "5s"}},
                               status={"phase": "Ready", "ready": "True"}))
    for name in ("gorch-otel", "trustyai-service"):
        c.deploy(name, ns, [container(name, image(f"registry.redhat.io/rhoai/odh-{name}-rhel9",
                                                  "2.25"), port=8032)],
                 labels={"app": name, "app.kubernetes.io/instance": name})


def llamastack() -> Cluster:
    """Llama Stack Managed on SQLite; TrustyAI guardrails (one misconfigured, one otelExporter)."""
    states = {**READY_STATES, "llamastackoperator": "Managed"}
    c = base_cluster(Spec(name="llamastack", top_dir=local_dir("llamastack"), states=states))
    ns = "ds-project-genai"
    project(c, ns, "dave", display="GenAI playground")
    connection(c, ns, "aws-connection-models")
    sr = runtime(c, "granite-vllm", ns, template="vllm-cuda-runtime-template",
                 display="vLLM NVIDIA GPU ServingRuntime", image_ref=VLLM, formats=["vLLM"])
    model(c, "granite-llm", ns, mode="RawDeployment", sr=sr, fmt="vLLM")
    _llama_stack(c, ns)
    _guardrails(c, ns)
    return c
