"""RHOAI 2.25 platform objects: DSC, DSCI, component CRs, workbench ImageStreams, configs.

Shapes follow the public v1 CRDs of opendatahub-io/opendatahub-operator (DSC/DSCI
``v1`` at the 2.x API) and the ImageStreams shipped by opendatahub-io/notebooks.
"""

from __future__ import annotations

import json
from datetime import datetime, timedelta

from mg_k8s import Obj, condition, created, digest, meta, obj, rfc3339

RELEASE_NAME = "OpenShift AI Self-Managed"
APP_NS = "redhat-ods-applications"
REGISTRY_SVC = "image-registry.openshift-image-registry.svc:5000"

# DSC component key -> (component CR kind, plural, condition prefix)
COMPONENTS: dict[str, tuple[str, str, str]] = {
    "codeflare": ("CodeFlare", "codeflares", "CodeFlare"),
    "dashboard": ("Dashboard", "dashboards", "Dashboard"),
    "datasciencepipelines": ("DataSciencePipelines", "datasciencepipelines",
                             "DataSciencePipelines"),
    "feastoperator": ("FeastOperator", "feastoperators", "FeastOperator"),
    "kserve": ("Kserve", "kserves", "Kserve"),
    "kueue": ("Kueue", "kueues", "Kueue"),
    "llamastackoperator": ("LlamaStackOperator", "llamastackoperators", "LlamaStackOperator"),
    "modelmeshserving": ("ModelMeshServing", "modelmeshservings", "ModelMeshServing"),
    "modelregistry": ("ModelRegistry", "modelregistries", "ModelRegistry"),
    "ray": ("Ray", "rays", "Ray"),
    "trainingoperator": ("TrainingOperator", "trainingoperators", "TrainingOperator"),
    "trustyai": ("TrustyAI", "trustyais", "TrustyAI"),
    "workbenches": ("Workbenches", "workbenches", "Workbenches"),
}


def dsc(states: dict[str, str], version: str, *, serving: str, default_mode: str,
        at: datetime) -> Obj:
    """Return DataScienceCluster ``default-dsc`` (v1) with spec and a Ready status."""
    spec: dict[str, Obj] = {}
    for key in sorted(COMPONENTS):
        comp: Obj = {"managementState": states[key]}
        if key == "kserve":
            comp.update({
                "defaultDeploymentMode": default_mode,
                "nim": {"managementState": "Managed"},
                "rawDeploymentServiceConfig": "Headed",
                "serving": {"ingressGateway": {"certificate": {"type": "OpenshiftDefaultIngress"}},
                            "managementState": serving, "name": "knative-serving"},
            })
        elif key == "modelregistry":
            comp["registriesNamespace"] = "rhoai-model-registries"
        elif key == "workbenches":
            comp["workbenchNamespace"] = "rhods-notebooks"
        elif key == "kueue":
            comp["defaultClusterQueueName"] = "default"
            comp["defaultLocalQueueName"] = "default"
        spec[key] = comp
    conds = [condition("Ready", "True", at, "Ready"),
             condition("ProvisioningSucceeded", "True", at, "DSCReconcileCompleted",
                       "DataScienceCluster resource reconciled successfully")]
    status_components: dict[str, Obj] = {}
    for key in sorted(COMPONENTS):
        prefix = COMPONENTS[key][2]
        if states[key] == "Managed":
            conds.append(condition(f"{prefix}Ready", "True", at, "Ready"))
        else:
            conds.append(condition(f"{prefix}Ready", "False", at, states[key],
                                   f"Component ManagementState is set to {states[key]}"))
        status_components[key] = {"managementState": states[key]}
    status_components["kserve"]["defaultDeploymentMode"] = default_mode
    status_components["kserve"]["serverlessMode"] = serving
    return obj(
        "datasciencecluster.opendatahub.io/v1", "DataScienceCluster",
        meta("DataScienceCluster", "default-dsc", generation=3,
             labels={"app.kubernetes.io/name": "datasciencecluster",
                     "app.kubernetes.io/created-by": "rhods-operator"},
             finalizers=["datasciencecluster.opendatahub.io/finalizer"]),
        spec={"components": spec},
        status={
            "components": status_components,
            "conditions": conds,
            "installedComponents": {k: states[k] == "Managed" for k in sorted(COMPONENTS)},
            "observedGeneration": 3,
            "phase": "Ready",
            "release": {"name": RELEASE_NAME, "version": version},
        },
    )


def dsci(service_mesh: str, version: str, *, at: datetime) -> Obj:
    """Return DSCInitialization ``default-dsci`` (v1) in phase Ready."""
    mesh_on = service_mesh == "Managed"
    conds = [
        condition("Available", "True", at, "Reconciled", "Reconcile completed successfully"),
        condition("Progressing", "False", at, "Reconciled", "Reconcile completed successfully"),
        condition("Degraded", "False", at, "Reconciled", "Reconcile completed successfully"),
        condition("ReconcileComplete", "True", at, "ReconcileCompleted",
                  "Reconcile completed successfully"),
        condition("CapabilityServiceMesh", "True" if mesh_on else "False", at,
                  "Ready" if mesh_on else service_mesh,
                  "" if mesh_on else f"ServiceMesh is set to {service_mesh}"),
        condition("CapabilityServiceMeshAuthorization", "True" if mesh_on else "False", at,
                  "Ready" if mesh_on else service_mesh,
                  "" if mesh_on else f"ServiceMesh is set to {service_mesh}"),
    ]
    return obj(
        "dscinitialization.opendatahub.io/v1", "DSCInitialization",
        meta("DSCInitialization", "default-dsci", generation=2,
             labels={"app.kubernetes.io/name": "dscinitialization",
                     "app.kubernetes.io/created-by": "rhods-operator"},
             finalizers=["dscinitialization.opendatahub.io/finalizer"]),
        spec={
            "applicationsNamespace": APP_NS,
            "monitoring": {"managementState": "Managed", "namespace": "redhat-ods-monitoring",
                           "metrics": {}},
            "serviceMesh": {"auth": {"audiences": ["https://kubernetes.default.svc"]},
                            "controlPlane": {"metricsCollection": "Istio",
                                             "name": "data-science-smcp",
                                             "namespace": "istio-system"},
                            "managementState": service_mesh},
            "trustedCABundle": {"customCABundle": "", "managementState": "Managed"},
        },
        status={"conditions": conds, "phase": "Ready", "observedGeneration": 2,
                "release": {"name": RELEASE_NAME, "version": version}},
    )


def component_cr(key: str, version: str, *, at: datetime) -> Obj:
    """Return the ``default-<component>`` CR the operator creates for a Managed component."""
    kind = COMPONENTS[key][0]
    return obj(
        "components.platform.opendatahub.io/v1alpha1", kind,
        meta(kind, f"default-{key}", generation=1,
             labels={"platform.opendatahub.io/part-of": "datasciencecluster"},
             annotations={"platform.opendatahub.io/version": version,
                          "platform.opendatahub.io/instance.name": f"default-{key}"}),
        spec={},
        status={"conditions": [condition("Ready", "True", at, "Ready")], "phase": "Ready",
                "observedGeneration": 1},
    )


def service_cr(kind: str, plural: str, name: str, spec: Obj, *, at: datetime) -> Obj:
    """Return a ``services.platform.opendatahub.io`` CR such as Auth or Monitoring."""
    del plural
    return obj("services.platform.opendatahub.io/v1alpha1", kind, meta(kind, name, generation=1),
               spec=spec, status={"conditions": [condition("Ready", "True", at, "Ready")],
                                  "phase": "Ready"})


def workbench_imagestream(name: str, display: str, kind: str, tags: list[str], version: str, *,
                          repo: str, at: datetime, runtime: bool = False) -> Obj:
    """Return an OOTB workbench ImageStream; ``kind`` is jupyter, code-server or rstudio."""
    python_deps = [{"name": "Boto3", "version": "1.37"}, {"name": "Kafka-Python-ng",
                                                          "version": "2.2"}]
    software = [{"name": "Python", "version": "v3.11"}]
    if kind == "jupyter":
        python_deps.insert(0, {"name": "JupyterLab", "version": "4.4"})
    elif kind == "code-server":
        software.append({"name": "code-server", "version": "4.98"})
    elif kind == "rstudio":
        software = [{"name": "R", "version": "v4.4"}, {"name": "Python", "version": "v3.11"}]
    spec_tags, status_tags = [], []
    for tag in tags:
        ref = f"{repo}@sha256:{digest('ist', name, tag)}"
        spec_tags.append({
            "annotations": {
                "opendatahub.io/notebook-build-commit": digest("commit", name, tag, n=7),
                "opendatahub.io/notebook-python-dependencies": json.dumps(python_deps,
                                                                          separators=(",", ":")),
                "opendatahub.io/notebook-software": json.dumps(software, separators=(",", ":")),
                "opendatahub.io/workbench-image-recommended": str(tag == tags[-1]).lower(),
                "openshift.io/imported-from": repo,
            },
            "from": {"kind": "DockerImage", "name": ref},
            "generation": 2,
            "importPolicy": {"importMode": "Legacy"},
            "name": tag,
            "referencePolicy": {"type": "Source"},
        })
        status_tags.append({"items": [{"created": rfc3339(at), "dockerImageReference": ref,
                                       "generation": 2,
                                       "image": f"sha256:{digest('ist', name, tag)}"}], "tag": tag})
    labels = {"app.kubernetes.io/part-of": "workbenches", "app.opendatahub.io/workbenches": "true",
              "component.opendatahub.io/name": "notebooks", "opendatahub.io/component": "true",
              "platform.opendatahub.io/part-of": "workbenches"}
    if runtime:
        labels["opendatahub.io/runtime-image"] = "true"
    else:
        labels["opendatahub.io/notebook-image"] = "true"
    return obj(
        "image.openshift.io/v1", "ImageStream",
        meta("ImageStream", name, APP_NS, labels=labels, generation=2, annotations={
            "opendatahub.io/notebook-image-desc": f"{display} workbench image",
            "opendatahub.io/notebook-image-name": display,
            "opendatahub.io/notebook-image-order": str(10 + int(digest("order", name, n=2),
                                                                16) % 50),
            "opendatahub.io/notebook-image-url": f"https://github.com/red-hat-data-services/notebooks/{name}",
            "platform.opendatahub.io/version": version,
        }),
        spec={"lookupPolicy": {"local": True}, "tags": spec_tags},
        status={"dockerImageRepository": f"{REGISTRY_SVC}/{APP_NS}/{name}",
                "publicDockerImageRepository":
                    f"default-route-openshift-image-registry.apps.example/{APP_NS}/{name}",
                "tags": status_tags},
    )


def byon_imagestream(name: str, display: str, ref: str, *, creator: str) -> Obj:
    """Return a user-imported (BYON) workbench ImageStream: no platform version annotation."""
    return obj(
        "image.openshift.io/v1", "ImageStream",
        meta("ImageStream", name, APP_NS, generation=1,
             labels={"app.kubernetes.io/created-by": "byon", "opendatahub.io/dashboard": "true",
                     "opendatahub.io/notebook-image": "true"},
             annotations={"opendatahub.io/notebook-image-creator": creator,
                          "opendatahub.io/notebook-image-desc": "",
                          "opendatahub.io/notebook-image-name": display,
                          "opendatahub.io/notebook-image-url": ref}),
        spec={"lookupPolicy": {"local": True},
              "tags": [{"annotations": {"opendatahub.io/notebook-python-dependencies": "[]",
                                        "opendatahub.io/notebook-software": "[]",
                                        "openshift.io/imported-from": ref.rsplit(":", 1)[0]},
                        "from": {"kind": "DockerImage", "name": ref}, "generation": 1,
                        "importPolicy": {"importMode": "Legacy"}, "name": ref.rsplit(":", 1)[1],
                        "referencePolicy": {"type": "Source"}}]},
        status={"dockerImageRepository": f"{REGISTRY_SVC}/{APP_NS}/{name}",
                "tags": [{"items": [{"created": rfc3339(created("byon", name)),
                                     "dockerImageReference":
                                         f"{ref.rsplit(':', 1)[0]}@sha256:{digest('byon', ref)}",
                                     "generation": 1, "image": f"sha256:{digest('byon', ref)}"}],
                          "tag": ref.rsplit(":", 1)[1]}]},
    )


def inferenceservice_config(*, managed: str | None, disallowed: list[str]) -> Obj:
    """Return ConfigMap ``inferenceservice-config``; ``managed=None`` omits the annotation."""
    ann = {"internal.config.kubernetes.io/previousKinds": "ConfigMap"}
    if managed is not None:
        ann["opendatahub.io/managed"] = managed
    inference_service = {
        "explainers": {"art": {"defaultImageVersion": "latest", "image": "kserve/art-explainer"}},
        "resource": {"cpuLimit": "1", "cpuRequest": "1", "memoryLimit": "2Gi",
                     "memoryRequest": "2Gi"},
        "serviceAnnotationDisallowedList": disallowed,
        "serviceLabelDisallowedList": [],
    }
    return obj("v1", "ConfigMap", meta("ConfigMap", "inferenceservice-config", APP_NS,
                                       annotations=ann,
                                       labels={"app.opendatahub.io/kserve": "true",
                                               "app.kubernetes.io/part-of": "kserve"}),
               data={
                   "deploy": json.dumps({"defaultDeploymentMode": "RawDeployment"}, indent=2),
                   "ingress": json.dumps({"ingressGateway":
                                              "knative-serving/knative-ingress-gateway",
                                          "ingressDomain": "example.com",
                                          "disableIstioVirtualHost": False},
                                         indent=2),
                   "inferenceService": json.dumps(inference_service, indent=2),
                   "storageInitializer": json.dumps({"memoryRequest": "100Mi", "cpuRequest": "100m",
                                                     "enableDirectPvcVolumeMount": True}, indent=2),
               })


def hours_before(at: datetime, hours: int) -> datetime:
    """Return ``at`` minus ``hours`` (small helper for readable scenario code)."""
    return at - timedelta(hours=hours)
