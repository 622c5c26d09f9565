"""Samples of clusters already on RHOAI 3.x, for upgrades within 3.x (3.3 -> 3.4, 3.4 -> 3.5).

They start from the shared base cluster and reshape it as a 3.x must-gather would show it:
DataScienceCluster and DSCInitialization v2 (``aipipelines`` instead of
``datasciencepipelines``; no CodeFlare or ModelMesh), and the 3.x RHOAI must-gather image, which
collects the workload custom resources itself, so they sit in the RHOAI image's tree instead of
a supplementary ``rhoai-extra`` inspect. Each carries the objects the 3.x upgrade checks read:
TrainJobs (Trainer v2), PyTorchJobs (Training Operator v1), LlamaStackDistributions (3.4) and the
DSC ``kserve.modelsAsService`` field (3.4 -> 3.5).
"""

from __future__ import annotations

from datetime import timedelta

from mg_base import READY_STATES, base_cluster, ootb_image, stamp, subscribe
from mg_cluster import Cluster, Spec
from mg_k8s import Obj, image
from mg_projects import LAST_IMAGE, project, workbench
from mg_workloads import container
from rhoai_objects import APP_NS, dsc, dsci
from rhoai_workloads import crd_object

TRAINER = "quay.io/modh/training:py311-cuda124-torch251"
STATES_3X = {**READY_STATES, "kueue": "Unmanaged", "trainingoperator": "Managed",
             "llamastackoperator": "Removed"}


def _v2(c: Cluster, *, maas: bool) -> None:
    """Replace the v1 DSC/DSCI of the base cluster with their 3.x (v2) shapes."""
    spec = c.spec
    ready_at = c.at - timedelta(days=9, hours=4)
    d = dsc(spec.states, spec.rhoai_version, serving="Removed", default_mode="RawDeployment",
            at=ready_at)
    d["apiVersion"] = "datasciencecluster.opendatahub.io/v2"
    comps = d["spec"]["components"]
    comps["aipipelines"] = comps.pop("datasciencepipelines")
    for gone in ("codeflare", "modelmeshserving"):
        comps.pop(gone)
    comps["trainer"] = {"managementState": "Managed"}
    comps["kueue"]["defaultLocalQueueName"] = "team-queue"
    kserve = comps["kserve"]
    kserve.pop("serving")
    kserve.pop("defaultDeploymentMode")
    if maas:  # deprecated in 3.5: moves to spec.components.aigateway.modelsAsAService
        kserve["modelsAsService"] = {"managementState": "Managed"}
    status = d["status"]
    status["components"].pop("codeflare")
    status["components"].pop("modelmeshserving")
    status["components"]["aipipelines"] = status["components"].pop("datasciencepipelines")
    status["conditions"] = [cond for cond in status["conditions"]
                            if cond["type"] not in ("CodeFlareReady", "ModelMeshServingReady")]
    c.rhoai.single(d)
    i = dsci("Removed", spec.rhoai_version, at=ready_at)
    i["apiVersion"] = "dscinitialization.opendatahub.io/v2"
    i["spec"].pop("serviceMesh", None)
    c.rhoai.single(i)


def _collected_by_rhoai_image(c: Cluster) -> None:
    """The 3.x image collects workload CRs: fold the supplementary tree into the RHOAI root."""
    if c.extra is not None:
        c.rhoai.files.update(c.extra.files)
        c.extra = None


def _training(c: Cluster, ns: str, *, overrides: bool) -> None:
    """A running PyTorchJob (Training Operator v1) and a TrainJob (Trainer v2)."""
    master = {"replicas": 1, "restartPolicy": "OnFailure",
              "template": {"spec": {"containers": [
                  container("pytorch", TRAINER, cpu="4", memory="16Gi")]}}}
    c.supplementary(crd_object(
        "kubeflow.org/v1", "PyTorchJob", "pt-finetune", ns,
        {"pytorchReplicaSpecs": {"Master": master}, "runPolicy": {"suspend": False}},
        status={"conditions": [{"type": "Running", "status": "True",
                                "reason": "PyTorchJobRunning",
                                "lastTransitionTime": stamp(c, 5)}],
                "replicaStatuses": {"Master": {"active": 1}}},
        labels={"kueue.x-k8s.io/queue-name": "team-queue"}))
    spec: Obj = {"runtimeRef": {"apiGroup": "trainer.kubeflow.org",
                                "kind": "ClusterTrainingRuntime", "name": "torch-distributed"},
                 "trainer": {"image": TRAINER, "numNodes": 2, "numProcPerNode": "auto",
                             "resourcesPerNode": {"limits": {"nvidia.com/gpu": "1"}}}}
    if overrides:  # rewritten for the 3.6 Trainer API (access.redhat.com/articles/7146204)
        spec["podTemplateOverrides"] = [{"targetJobs": [{"name": "node"}],
                                         "spec": {"nodeSelector": {"gpu": "a100"}}}]
    c.supplementary(crd_object(
        "trainer.kubeflow.org/v1alpha1", "TrainJob", "llm-sft", ns, spec,
        status={"conditions": [{"type": "Created", "status": "True", "reason": "JobsCreated",
                                "lastTransitionTime": stamp(c, 7)}]}))


def _llama_stack(c: Cluster, ns: str) -> None:
    """A LlamaStackDistribution (replaced by OGXServer in 3.5)."""
    core = image("registry.redhat.io/rhoai/odh-llama-stack-core-rhel9", "0.3.4")
    c.supplementary(crd_object(
        "llamastack.io/v1alpha1", "LlamaStackDistribution", "rag-assistant", ns,
        {"replicas": 1, "server": {"containerSpec": {"name": "llama-stack", "port": 8321},
                                   "distribution": {"name": "rh-dev"},
                                   "storage": {"size": "10Gi", "mountPath": "/.llama"}}},
        status={"phase": "Ready", "version": {"llamaStackServerVersion": "0.3.4",
                                              "operatorVersion": "0.4.1"}}))
    c.deploy("rag-assistant", ns, [container("llama-stack", core, port=8321)],
             labels={"app": "llama-stack", "app.kubernetes.io/instance": "rag-assistant"})


def _cluster(name: str, version: str, channel: str, states: dict[str, str]) -> Cluster:
    spec = Spec(name=name, ocp_history=["4.20.8", "4.19.12", "4.18.20"],
                ocp_channel="stable-4.20", rhoai_version=version, channel=channel,
                states=dict(states))
    c = base_cluster(spec)
    subscribe(c, "kueue-operator", "openshift-kueue-operator", "kueue-operator", "stable-v1.2",
              "kueue-operator.v1.2.0", "1.2.0", "Red Hat build of Kueue",
              deployments=["openshift-kueue-operator"], targets=[])
    ns = "ds-llm"
    project(c, ns, "dana", display="LLM tuning",
            labels={"kueue.openshift.io/managed": "true"})
    workbench(c, "tuning-nb", ns, ootb_image("pytorch-notebook", "2025.2"), state="stopped",
              labels={"kueue.x-k8s.io/queue-name": "team-queue"},
              annotations={"opendatahub.io/hardware-profile-name": "default-profile",
                           "opendatahub.io/hardware-profile-namespace": APP_NS,
                           LAST_IMAGE: "pytorch-notebook:2025.2"})
    return c


def upgrade_33_to_34() -> Cluster:
    """RHOAI 3.3.2 on OpenShift 4.20, ready for 3.4: Kueue Unmanaged with the Red Hat build of
    Kueue, Training Operator still Managed with a running PyTorchJob, a TrainJob."""
    c = _cluster("rhoai-3-3-to-3-4", "3.3.2", "stable-3.3", STATES_3X)
    _training(c, "ds-llm", overrides=False)
    _v2(c, maas=False)
    _collected_by_rhoai_image(c)
    return c


def upgrade_34_to_35() -> Cluster:
    """RHOAI 3.4.1 going to 3.5: Llama Stack operator Managed with a LlamaStackDistribution,
    MaaS enabled through the deprecated kserve field, a TrainJob with podTemplateOverrides."""
    c = _cluster("rhoai-3-4-to-3-5", "3.4.1", "stable-3.4",
                 {**STATES_3X, "llamastackoperator": "Managed"})
    _training(c, "ds-llm", overrides=True)
    _llama_stack(c, "ds-llm")
    _v2(c, maas=True)
    _collected_by_rhoai_image(c)
    return c
