"""The RHOAI 2.25 platform: DSC/DSCI, component CRs and controllers, dashboard, ImageStreams."""

from __future__ import annotations

from datetime import timedelta

from mg_cluster import Cluster
from mg_k8s import Obj, image, meta, obj, rfc3339nano
from mg_resources import configmap, route, secret, service
from mg_workloads import container
from rhoai_objects import (
    APP_NS,
    COMPONENTS,
    component_cr,
    dsc,
    dsci,
    inferenceservice_config,
    service_cr,
    workbench_imagestream,
)
from rhoai_workloads import hardware_profile, identifier

DOMAIN = "apps.rhoai-prod.example.com"
RHOAI_REPO = "registry.redhat.io/rhoai"
# Managed component -> controller Deployments in the applications namespace:
# (name, container, image)
PLATFORM_DEPLOYMENTS: dict[str, list[tuple[str, str, str]]] = {
    "workbenches": [("notebook-controller-deployment", "manager",
                     "odh-kf-notebook-controller-rhel9"),
                    ("odh-notebook-controller-manager", "manager",
                     "odh-notebook-controller-rhel9")],
    "kserve": [("kserve-controller-manager", "manager", "odh-kserve-controller-rhel9"),
               ("odh-model-controller", "manager", "odh-model-controller-rhel9")],
    "modelmeshserving": [("modelmesh-controller", "manager",
                          "odh-modelmesh-serving-controller-rhel9"),
                         ("odh-model-controller", "manager", "odh-model-controller-rhel9")],
    "datasciencepipelines": [("data-science-pipelines-operator-controller-manager", "manager",
                              "odh-data-science-pipelines-operator-controller-rhel9")],
    "ray": [("kuberay-operator", "kuberay-operator", "odh-kuberay-operator-controller-rhel9")],
    "codeflare": [("codeflare-operator-manager", "manager", "odh-codeflare-operator-rhel9")],
    "kueue": [("kueue-controller-manager", "manager", "odh-kueue-controller-rhel9")],
    "trainingoperator": [("kubeflow-training-operator", "training-operator",
                          "odh-training-operator-rhel9")],
    "trustyai": [("trustyai-service-operator-controller-manager", "manager",
                  "odh-trustyai-service-operator-rhel9")],
    "modelregistry": [("model-registry-operator-controller-manager", "manager",
                       "odh-model-registry-operator-rhel9")],
    "llamastackoperator": [("llama-stack-k8s-operator-controller-manager", "manager",
                            "odh-llama-stack-k8s-operator-rhel9")],
    "feastoperator": [("feast-operator-controller-manager", "manager", "odh-feast-operator-rhel9")],
}
FAKE_PEM = ("-----BEGIN CERTIFICATE-----\nMIIDSYNTHETICSAMPLEBUNDLECERTIFICATEDATA0123456789\n"
            "-----END CERTIFICATE-----\n")


def rhoai_platform(c: Cluster) -> None:
    spec = c.spec
    ver = spec.rhoai_version
    ready_at = c.at - timedelta(days=9, hours=4)
    c.namespace(APP_NS, labels={"opendatahub.io/generated-namespace": "true",
                                "openshift.io/cluster-monitoring": "true",
                                "pod-security.kubernetes.io/enforce": "baseline"})
    c.namespace("redhat-ods-monitoring", labels={"opendatahub.io/generated-namespace": "true",
                                                 "openshift.io/cluster-monitoring": "true"})
    c.namespace("rhods-notebooks", labels={"opendatahub.io/generated-namespace": "true",
                                           "opendatahub.io/workbenches": "true"})
    if spec.states["modelregistry"] == "Managed":
        c.namespace("rhoai-model-registries", labels={"opendatahub.io/generated-namespace": "true"})
    if spec.service_mesh == "Managed":
        c.namespace("istio-system", labels={"maistra.io/member-of": "istio-system"})
        c.namespace("redhat-ods-applications-auth-provider",
                    labels={"opendatahub.io/generated-namespace": "true"})
    if spec.serving == "Managed":
        c.namespace("knative-serving", labels={"maistra.io/member-of": "istio-system"})
    c.rhoai.single(dsc(spec.states, ver, serving=spec.serving, default_mode=spec.default_mode,
                       at=ready_at))
    c.rhoai.single(dsci(spec.service_mesh, ver, at=ready_at))
    c.rhoai.single(service_cr("Auth", "auths", "auth", {"adminGroups": ["rhods-admins"],
                                                        "allowedGroups": ["system:authenticated"]},
                                                        at=ready_at))
    c.rhoai.single(service_cr("Monitoring", "monitorings", "default-monitoring",
                              {"namespace": "redhat-ods-monitoring", "metrics": {}}, at=ready_at))
    c.deploy("rhods-operator", "redhat-ods-operator",
             [container("rhods-operator", image(f"{RHOAI_REPO}/odh-rhel9-operator", ver),
                        cpu="500m", memory="4Gi",
                        env={"OPERATOR_NAMESPACE": "redhat-ods-operator",
                             "ODH_PLATFORM_TYPE": "OpenShift AI Self-Managed",
                             "DEFAULT_MANIFESTS_PATH": "/opt/manifests"})],
             labels={"name": "rhods-operator", "olm.owner": f"rhods-operator.{ver}",
                     "olm.owner.kind": "ClusterServiceVersion",
                     "olm.owner.namespace": "redhat-ods-operator"},
             owner=c.rhods_csv, logs={"rhods-operator": operator_log(c, ver)})
    done: set[str] = set()
    for key in sorted(COMPONENTS):
        if spec.states[key] != "Managed":
            continue
        cr = component_cr(key, ver, at=ready_at)
        c.rhoai.single(cr)
        labels = {"app.opendatahub.io/" + key: "true", "app.kubernetes.io/part-of": key,
                  "platform.opendatahub.io/part-of": key}
        for name, cname, repo in PLATFORM_DEPLOYMENTS.get(key, []):
            if name in done:
                continue
            done.add(name)
            c.deploy(name, APP_NS, [container(cname, image(f"{RHOAI_REPO}/{repo}", ver),
                                              port=8080)],
                     labels={"app": name, **labels}, owner=cr)
        if key == "dashboard":
            _dashboard(c, cr, ver)
        if key == "workbenches":
            _imagestreams(c, ver)
    if spec.states["kserve"] == "Managed":
        c.rhoai.add(inferenceservice_config(managed="false", disallowed=[
            "opendatahub.io/hardware-profile-name", "opendatahub.io/hardware-profile-namespace"]))
    c.rhoai.add(configmap("odh-trusted-ca-bundle", APP_NS, {"ca-bundle.crt": FAKE_PEM,
                                                            "odh-ca-bundle.crt": ""},
                          labels={"config.openshift.io/inject-trusted-cabundle": "true"}))
    c.deploy("blackbox-exporter", "redhat-ods-monitoring",
             [container("blackbox-exporter",
                        image("registry.redhat.io/openshift4/ose-prometheus-blackbox-exporter",
                              "x"), port=9115)],
             labels={"app": "blackbox-exporter"})
    for hwp in (hardware_profile("default-profile", APP_NS, "Default profile", [
            identifier("cpu", "CPU", 2, 1, 4, "CPU"), identifier("memory", "Memory", "4Gi", "2Gi",
                                                                 "8Gi", "Memory")]),
                hardware_profile("small-cpu", APP_NS, "Small", [
            identifier("cpu", "CPU", 1, 1, 2, "CPU"), identifier("memory", "Memory", "8Gi", "8Gi",
                                                                 "8Gi", "Memory")])):
        c.supplementary(hwp)
    c.supplementary(obj("opendatahub.io/v1alpha", "OdhDashboardConfig",
                        meta("OdhDashboardConfig", "odh-dashboard-config", APP_NS,
                             annotations={"platform.opendatahub.io/version": ver},
                             labels={"app.kubernetes.io/part-of": "rhods-dashboard"}),
                        spec={"dashboardConfig": {"disableKServe": False,
                                                  "disableModelMesh":
                                                      spec.states["modelmeshserving"] != "Managed",
                                                  "disableTracking": True,
                                                  "disableHardwareProfiles": False},
                              "notebookController": {"enabled": True,
                                                     "notebookNamespace": "rhods-notebooks",
                                                     "pvcSize": "20Gi"}}))


def _dashboard(c: Cluster, owner: Obj, ver: str) -> None:
    dash = [container("rhods-dashboard", image(f"{RHOAI_REPO}/odh-dashboard-rhel9", ver), port=8080,
                      cpu="500m", memory="1Gi"),
            container("oauth-proxy", image("registry.redhat.io/openshift4/ose-oauth-proxy-rhel9",
                                           "dash"), port=8443,
                      args=["--https-address=:8443", "--provider=openshift",
                            "--upstream=http://localhost:8080"])]
    labels = {"app": "rhods-dashboard", "app.kubernetes.io/part-of": "rhods-dashboard",
              "deployment": "rhods-dashboard"}
    c.deploy("rhods-dashboard", APP_NS, dash, labels=labels, replicas=2, owner=owner)
    c.rhoai.add(service("rhods-dashboard", APP_NS, {"deployment": "rhods-dashboard"}, 8443,
                        labels=labels, owner=owner))
    c.rhoai.add(route("rhods-dashboard", APP_NS, f"rhods-dashboard-{APP_NS}.{DOMAIN}",
                      "rhods-dashboard",
                      labels=labels, owner=owner, at=c.at - timedelta(days=200)))
    c.rhoai.add(secret("dashboard-oauth-config-generated", APP_NS, {"cookie_secret": "x" * 32},
                       labels=labels))
    c.rhoai.add(secret("dashboard-proxy-tls", APP_NS, {"tls.crt": FAKE_PEM, "tls.key": "k" * 1675},
                       type_="kubernetes.io/tls",
                       annotations={"service.beta.openshift.io/originating-service-name":
                                    "rhods-dashboard"}))


def _imagestreams(c: Cluster, ver: str) -> None:
    at = c.at - timedelta(days=20)
    for name, display, kind, tags, repo in (
        ("s2i-minimal-notebook", "Jupyter | Minimal | CPU | Python 3.11", "jupyter", ["2025.1",
                                                                                      "2025.2"],
         "quay.io/modh/odh-workbench-jupyter-minimal-cpu-py311-ubi9"),
        ("s2i-generic-data-science-notebook", "Jupyter | Data Science | CPU | Python 3.11",
         "jupyter", ["2025.1", "2025.2"],
         "quay.io/modh/odh-workbench-jupyter-datascience-cpu-py311-ubi9"),
        ("pytorch", "Jupyter | PyTorch | CUDA | Python 3.11", "jupyter", ["2025.2"],
         "quay.io/modh/odh-workbench-jupyter-pytorch-cuda-py311-ubi9"),
        ("code-server-notebook", "Code Server | Data Science | CPU | Python 3.11", "code-server",
         ["2025.1", "2025.2"],
         "quay.io/modh/odh-workbench-codeserver-datascience-cpu-py311-ubi9"),
        ("runtime-datascience", "Datascience with Python 3.11 (UBI9)", "jupyter", ["2025.2"],
         "quay.io/modh/odh-pipeline-runtime-datascience-cpu-py311-ubi9"),
    ):
        c.rhoai.add(workbench_imagestream(name, display, kind, tags, ver, repo=repo, at=at,
                                          runtime=name.startswith("runtime-")))


def operator_log(c: Cluster, ver: str) -> list[str]:
    """Return rhods-operator log lines (RFC3339Nano-prefixed like kubelet writes them)."""
    t = c.at - timedelta(hours=2)
    return [f"{rfc3339nano(t + timedelta(seconds=i * 13))} {msg}" for i, msg in enumerate([
        f'INFO setup Starting OpenShift AI operator {{"version": "{ver}",'
        ' "platform": "OpenShift AI Self-Managed"}',
        "INFO controllers.DSCInitialization reconciling DSCInitialization"
        ' {"Request.Name": "default-dsci"}',
        "INFO controllers.DataScienceCluster reconciling DataScienceCluster resources"
        ' {"Request.Name": "default-dsc"}',
        'INFO controllers.DataScienceCluster DataScienceCluster reconciled {"phase": "Ready"}',
    ])]
