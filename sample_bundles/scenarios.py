"""One function per sample bundle, each building on ``mg_base.base_cluster``.

``SCENARIOS`` lists them with the verdict the migration facts demand; build.py
and README.md use it. To add a sample: write a function returning a Cluster,
append a ``Scenario`` and rebuild.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta

from mg_base import READY_STATES, base_cluster, ootb_image, stamp, subscribe
from mg_cluster import Cluster, Spec
from mg_k8s import image, rfc3339nano
from mg_projects import (
    CAIKIT,
    LAST_IMAGE,
    OVMS,
    VLLM,
    connection,
    local_dir,
    model,
    project,
    runtime,
    workbench,
)
from mg_resources import event
from mg_workloads import container
from rhoai_objects import APP_NS
from rhoai_workloads import crd_object, ray_cluster
from scenarios_3x import upgrade_33_to_34, upgrade_34_to_35
from scenarios_ai import kueue_managed, llamastack, workbenches

XSS_SCRIPT = "<script>alert(1)</script>"
XSS_IMG = '"><img src=x onerror=alert(1)>'


@dataclass(frozen=True)
class Scenario:
    """A sample bundle: file stem, builder, expected verdict and what it exercises."""

    stem: str
    build: Callable[[], Cluster]
    verdict: str
    exercises: str


def _alpha_project(c: Cluster) -> None:
    ns = "ds-project-alpha"
    project(c, ns, "alice", display="Fraud detection", description="Card fraud models")
    connection(c, ns, "aws-connection-models")
    hwp = {"opendatahub.io/hardware-profile-namespace": APP_NS}
    workbench(c, "fraud-analysis", ns, ootb_image("s2i-minimal-notebook", "2025.2"),
              state="stopped",
              annotations={**hwp, "opendatahub.io/hardware-profile-name": "small-cpu",
                           "opendatahub.io/connections": f"{ns}/aws-connection-models",
                           LAST_IMAGE: "s2i-minimal-notebook:2025.2"})
    workbench(c, "feature-eng", ns, ootb_image("code-server-notebook", "2025.2"), state="stopped",
              annotations={**hwp, "opendatahub.io/hardware-profile-name": "default-profile",
                           LAST_IMAGE: "code-server-notebook:2025.2"})
    sr = runtime(c, "fraud-detector", ns, template="kserve-ovms", display="OpenVINO Model Server",
                 image_ref=OVMS, formats=["onnx", "openvino_ir"])
    model(c, "fraud-detector", ns, mode="RawDeployment", sr=sr, fmt="onnx")
    if c.spec.states.get("datasciencepipelines") == "Managed":
        _alpha_pipelines(c, ns)


def _alpha_pipelines(c: Cluster, ns: str) -> None:
    c.supplementary(crd_object(
        "datasciencepipelinesapplications.opendatahub.io/v1", "DataSciencePipelinesApplication",
        "dspa", ns,
        {"dspVersion": "v2", "apiServer": {"deploy": True, "enableSamplePipeline": False},
         "objectStorage": {"externalStorage": {"bucket": "pipelines",
                                               "host": "s3.us-east-1.amazonaws.com",
                                               "region": "us-east-1", "scheme": "https",
                                               "s3CredentialsSecret": {
                                                   "accessKey": "AWS_ACCESS_KEY_ID",
                                                   "secretKey": "AWS_SECRET_ACCESS_KEY",
                                                   "secretName": "aws-connection-models"}}},
         "database": {"mariaDB": {"deploy": True, "pvcSize": "10Gi"}}},
        status={"conditions": [{"type": "Ready", "status": "True",
                                "reason": "MinimumReplicasAvailable",
                                "lastTransitionTime": stamp(c, 200)}]}))
    for name in ("ds-pipeline-dspa", "mariadb-dspa"):
        c.deploy(name, ns, [container(name.split("-dspa")[0],
                                      image(f"registry.redhat.io/rhoai/odh-{name}", "2.25"),
                                      port=8888)],
                 labels={"app": name, "component": "data-science-pipelines", "dspa": "dspa"})


def ready_to_migrate(name: str = "ready-to-migrate", **overrides: object) -> Cluster:
    """OCP 4.19.12, RHOAI 2.25.4 (eus-2.25), everything removable removed, workbenches stopped.

    Pipelines are Removed too: the vendor warns about the DataSciencePipelines renaming whenever
    they are Managed, and this sample is the cluster with nothing left to do.
    """
    spec = Spec(name=name, top_dir=local_dir(name))
    spec.states = {**READY_STATES, "datasciencepipelines": "Removed"}
    for key, value in overrides.items():
        setattr(spec, key, value)
    c = base_cluster(spec)
    _alpha_project(c)
    return c


def ocp_too_old() -> Cluster:
    """As ready-to-migrate, on OpenShift 4.18.20, archived CI-style (``./`` members, no top dir)."""
    return ready_to_migrate("ocp-too-old", ocp_history=["4.18.20", "4.17.35", "4.16.42"],
                            ocp_channel="stable-4.18", layout="ci")


def source_2253() -> Cluster:
    """As ready-to-migrate on RHOAI 2.25.3 (stable-2.25); the 2.25.4 InstallPlan awaits approval."""
    return ready_to_migrate("source-2.25.3", rhoai_version="2.25.3", channel="stable-2.25",
                            pending_csv="rhods-operator.2.25.4")


def _mesh_and_serverless(c: Cluster) -> None:
    subscribe(c, "servicemeshoperator", "openshift-operators", "servicemeshoperator", "stable",
              "servicemeshoperator.v2.6.10", "2.6.10", "Red Hat OpenShift Service Mesh 2",
              deployments=["istio-operator"], og="global-operators")
    subscribe(c, "serverless-operator", "openshift-serverless", "serverless-operator", "stable",
              "serverless-operator.v1.36.1", "1.36.1", "Red Hat OpenShift Serverless",
              deployments=["knative-operator-webhook"], og="serverless-operators")
    for name, ns, repo in (("istiod-data-science-smcp", "istio-system",
                            "openshift-service-mesh/pilot-rhel9"),
                           ("istio-ingressgateway", "istio-system",
                            "openshift-service-mesh/proxyv2-rhel9"),
                           ("activator", "knative-serving",
                            "openshift-serverless-1/serving-activator-rhel8"),
                           ("controller", "knative-serving",
                            "openshift-serverless-1/serving-controller-rhel8")):
        c.deploy(name, ns, [container(name.split("-")[0], image(f"registry.redhat.io/{repo}", name),
                                      port=8080)],
                 labels={"app": name})
    c.supplementary(crd_object("maistra.io/v2", "ServiceMeshControlPlane", "data-science-smcp",
                               "istio-system",
                               {"version": "v2.6", "tracing": {"type": "None"},
                                "security": {"dataPlane": {"mtls": True}}},
                               status={"readiness": {"components": {"ready": ["istiod",
                                                                              "istio-ingressgateway"]}},
                                       "conditions": [{"type": "Ready", "status": "True",
                                                       "reason": "ComponentsReady"}]}))
    c.supplementary(crd_object("operator.knative.dev/v1beta1", "KnativeServing", "knative-serving",
                               "knative-serving",
                               {"workloads": [{"name": "activator", "annotations":
                                               {"sidecar.istio.io/inject": "true"}}]},
                               status={"version": "1.15", "conditions": [{"type": "Ready",
                                                                          "status": "True"}]}))


def modelmesh_serverless() -> Cluster:
    """Serverless + ModelMesh models, OSSM v2, Serverless, Authorino; HTML payloads in free text."""
    states = {**READY_STATES, "modelmeshserving": "Managed"}
    spec = Spec(name="modelmesh-serverless", top_dir=local_dir("modelmesh-serverless"),
                states=states,
                serving="Managed", default_mode="Serverless", service_mesh="Managed")
    c = base_cluster(spec, oadp=False)
    _mesh_and_serverless(c)
    subscribe(c, "authorino-operator", "openshift-operators", "authorino-operator", "stable",
              "authorino-operator.v1.2.1", "1.2.1", "Authorino Operator",
              deployments=["authorino-operator"],
              og="global-operators")
    ns = "ds-project-serving"
    c.namespace(ns, labels={"opendatahub.io/dashboard": "true", "modelmesh-enabled": "false",
                            "maistra.io/member-of": "istio-system"},
                annotations={"openshift.io/display-name": XSS_IMG,
                             "openshift.io/description": XSS_SCRIPT},
                requester="erin")
    connection(c, ns, "aws-connection-models")
    vllm = runtime(c, "vllm-runtime", ns, template="vllm-cuda-runtime-template",
                   display=f"vLLM NVIDIA GPU ServingRuntime {XSS_SCRIPT}", image_ref=VLLM,
                   formats=["vLLM"],
                   annotations={"opendatahub.io/accelerator-name": "nvidia-gpu",
                                "opendatahub.io/recommended-accelerators": '["nvidia.com/gpu"]'})
    caikit = runtime(c, "caikit-tgis-serving-template", ns, template="caikit-tgis-serving-template",
                     display="Caikit TGIS ServingRuntime for KServe", image_ref=CAIKIT,
                     formats=["caikit"])
    at = c.at - timedelta(hours=7)
    llm = model(c, "llm-serverless", ns, mode="Serverless", sr=vllm, fmt="vLLM",
                annotations={"openshift.io/display-name": XSS_IMG,
                             "openshift.io/description": XSS_SCRIPT},
                log=[f"{rfc3339nano(at)} INFO rejected request path=/v1/completions?q={XSS_IMG}"])
    model(c, "caikit-flan", ns, mode="Serverless", sr=caikit, fmt="caikit",
          annotations={"opendatahub.io/accelerator-name": XSS_SCRIPT})
    model(c, "granite-raw", ns, mode="RawDeployment", sr=vllm, fmt="vLLM", expose=True)
    c.rhoai.add(event(ns, llm, "InternalError", f"fails to reconcile predictor: {XSS_SCRIPT}", at,
                      type_="Warning",
                      component="v1beta1Controllers"))
    mm = "ds-project-mm"
    project(c, mm, "frank", display="Multi-model serving", labels={"modelmesh-enabled": "true"})
    connection(c, mm, "aws-connection-mm")
    ovms = runtime(c, "ovms", mm, template="ovms", display="OpenVINO Model Server", image_ref=OVMS,
                   formats=["openvino_ir", "onnx"], multi_model=True)
    for name in ("mnist-mm", "fraud-mm"):
        model(c, name, mm, mode="ModelMesh", sr=ovms, fmt="onnx", storage_key="aws-connection-mm")
    return c


def no_workload_crs() -> Cluster:
    """Only what the 2.x RHOAI image writes: no Notebook/ISVC/ServingRuntime CRs, no extra tree."""
    spec = Spec(name="rhoai-2x-no-workload-crs", top_dir=local_dir("rhoai-2x-no-workload-crs"),
                serving="Managed",
                default_mode="Serverless", service_mesh="Managed", extra=False)
    c = base_cluster(spec)
    _mesh_and_serverless(c)
    ns = "ds-project-legacy"
    project(c, ns, "gina", display="Legacy project",
            labels={"maistra.io/member-of": "istio-system"})
    connection(c, ns, "aws-connection-models")
    workbench(c, "nb-inferred", ns, ootb_image("s2i-generic-data-science-notebook", "2025.2"),
              state="running", user="gina")
    workbench(c, "nb-stopped", ns, ootb_image("code-server-notebook", "2025.1"), state="stopped",
              user="gina")
    sr = runtime(c, "model-runtime", ns, template="vllm-cuda-runtime-template", display="vLLM",
                 image_ref=VLLM,
                 formats=["vLLM"])
    model(c, "model-raw", ns, mode="RawDeployment", sr=sr, fmt="vLLM")
    model(c, "model-serverless", ns, mode="Serverless", sr=sr, fmt="vLLM")
    c.rhoai.add(ray_cluster("rc-legacy", ns, labels={},
                            finalizers=["ray.openshift.ai/oauth-finalizer"],
                            at=c.at - timedelta(days=3)))
    return c


SCENARIOS: list[Scenario] = [
    Scenario("ready-to-migrate", ready_to_migrate, "PASS",
             "baseline: removable components Removed, RawDeployment only, workbenches stopped"
             " on 2025.2 images"),
    Scenario("ocp-too-old", ocp_too_old, "FAIL",
             "OpenShift 4.18.20 < 4.19.9 (dependencies.openshift.version-requirement);"
             " CI-style archive"),
    Scenario("source-2.25.3", source_2253, "PROHIBITED",
             "RHOAI 2.25.3 source (blocked); Subscription currentCSV 2.25.4 awaiting approval"),
    Scenario("modelmesh-serverless", modelmesh_serverless, "FAIL",
             "Serverless/ModelMesh models, removed runtimes, Service Mesh v2, Serverless,"
             " Authorino; HTML payloads"),
    Scenario("kueue-managed", kueue_managed, "PROHIBITED",
             "embedded Kueue Managed and in use; CodeFlare Managed, AppWrappers, CodeFlare"
             " RayClusters, PyTorchJobs"),
    Scenario("workbenches", workbenches, "FAIL",
             "running/waiting workbenches, custom and 2025.1 images, missing HardwareProfile"
             " and connection Secret"),
    Scenario("llamastack", llamastack, "FAIL",
             "LlamaStackDistributions on SQLite (workloads.llamastack.config), guardrails"
             " misconfigured/otel"),
    Scenario("rhoai-2x-no-workload-crs", no_workload_crs, "FAIL",
             "only RHOAI 2.x image data: workload CRs absent, inferable from StatefulSets,"
             " Deployments and Pods"),
    Scenario("upgrade-3.3-to-3.4", upgrade_33_to_34, "WARNING",
             "RHOAI 3.3.2 to 3.4 (--target-version 3.4.1): 3.x image with workload CRs, DSC/DSCI"
             " v2, Kueue Unmanaged with RHBoK, Training Operator Managed, PyTorchJob, TrainJob"),
    Scenario("upgrade-3.4-to-3.5", upgrade_34_to_35, "FAIL",
             "RHOAI 3.4.1 to 3.5 (--target-version 3.5.0): LlamaStackDistribution, kserve"
             " modelsAsService, TrainJob podTemplateOverrides, PyTorchJob"),
]
