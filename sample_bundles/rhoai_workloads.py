"""RHOAI workload custom resources (Notebook, InferenceService, LlamaStack, Kueue, Ray, ...).

A 2.25 RHOAI must-gather does not collect most of these; the samples place them
in a supplementary ``oc adm inspect`` tree (see build.py). RayClusters and Knative
Services are the exception: their CRDs carry category ``all``.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from mg_k8s import Obj, condition, meta, obj, rfc3339
from mg_workloads import container

OAUTH_IMAGE = ("registry.redhat.io/openshift4/ose-oauth-proxy-rhel9@sha256:"
               "4f8d66597feeb32bb18699326029f9a71a5aca4a57679d636b876377c2e95695")


def oauth_sidecar(name: str, image_ref: str = OAUTH_IMAGE) -> Obj:
    """Return the oauth-proxy sidecar the 2.x notebook controller injects."""
    return container("oauth-proxy", image_ref, port=8443, cpu="100m", memory="64Mi", args=[
        "--provider=openshift", "--https-address=:8443", "--http-address=",
        f"--openshift-service-account={name}",
        "--cookie-secret-file=/etc/oauth/config/cookie_secret",
        "--upstream=http://localhost:8888", "--email-domain=*", "--skip-provider-button",
    ])


def notebook(name: str, ns: str, containers: list[Obj], *, user: str, annotations: dict[str, str],
             labels: dict[str, str] | None = None, state: str, at: datetime,
             waiting_reason: str = "ImagePullBackOff", tolerations: list[Obj] | None = None) -> Obj:
    """Return a kubeflow.org/v1 Notebook; ``state`` is running, waiting or stopped."""
    ann = {"notebooks.opendatahub.io/inject-oauth": "true",
           "notebooks.opendatahub.io/oauth-logout-url": f"https://rhods-dashboard-redhat-ods-applications.apps.example/projects/{ns}?notebookLogout={name}",
           "opendatahub.io/username": user, "openshift.io/display-name": name.replace("-",
                                                                                      " ").title()}
    ann.update(annotations)
    if state == "stopped":
        ann.setdefault("kubeflow-resource-stopped", rfc3339(at - timedelta(hours=30)))
    lab = {"app": name, "opendatahub.io/dashboard": "true", "opendatahub.io/odh-managed": "true",
           "opendatahub.io/user": user}
    lab.update(labels or {})
    container_state: Obj = {}
    if state == "running":
        container_state = {"running": {"startedAt": rfc3339(at - timedelta(hours=5))}}
    elif state == "waiting":
        container_state = {"waiting": {"reason": waiting_reason,
                                       "message": "Back-off pulling image"}}
    tmpl: Obj = {"affinity": {}, "containers": containers, "enableServiceLinks": False,
                 "serviceAccountName": name,
                 "volumes": [{"name": name, "persistentVolumeClaim": {"claimName": name}},
                             {"emptyDir": {"medium": "Memory"}, "name": "shm"}]}
    if tolerations:
        tmpl["tolerations"] = tolerations
    return obj(
        "kubeflow.org/v1", "Notebook",
        meta("Notebook", name, ns, labels=lab, annotations=ann, generation=3),
        spec={"template": {"spec": tmpl}},
        status={"conditions": [] if state == "stopped" else [
                    {"lastProbeTime": rfc3339(at - timedelta(hours=5)),
                     "type": "Ready" if state == "running" else "ContainersReady",
                     "status": "True" if state == "running" else "False"}],
                "containerState": container_state,
                "readyReplicas": 1 if state == "running" else 0},
    )


def inference_service(name: str, ns: str, *, mode: str, runtime: str, model_format: str,
                      annotations: dict[str, str] | None = None,
                      labels: dict[str, str] | None = None,
                      storage_key: str = "aws-connection-models", at: datetime, url: str) -> Obj:
    """Return a serving.kserve.io/v1beta1 InferenceService that is Ready."""
    ann = {"openshift.io/display-name": name, "serving.kserve.io/deploymentMode": mode}
    if mode == "Serverless":
        ann["sidecar.istio.io/inject"] = "true"
        ann["sidecar.istio.io/rewriteAppHTTPProbers"] = "true"
    ann.update(annotations or {})
    lab = {"opendatahub.io/dashboard": "true"}
    if mode != "ModelMesh":
        lab["networking.kserve.io/visibility"] = "exposed"
    lab.update(labels or {})
    ready = [condition(t, "True", at) for t in ("IngressReady", "LatestDeploymentReady",
                                                "PredictorReady", "Ready")]
    return obj(
        "serving.kserve.io/v1beta1", "InferenceService",
        meta("InferenceService", name, ns, labels=lab, annotations=ann, generation=1,
             finalizers=["inferenceservice.finalizers", "odh.inferenceservice.finalizers"]),
        spec={"predictor": {"maxReplicas": 1, "minReplicas": 1, "model": {
            "modelFormat": {"name": model_format, "version": "1"}, "name": "",
            "resources": {"limits": {"cpu": "2", "memory": "8Gi"}, "requests": {"cpu": "1",
                                                                                "memory": "4Gi"}},
            "runtime": runtime, "storage": {"key": storage_key, "path": f"models/{name}"}}}},
        status={"address": {"url": f"http://{name}-predictor.{ns}.svc.cluster.local"},
                "components": {"predictor": (
                        {"latestCreatedRevision": f"{name}-predictor-00001"}
                    if mode == "Serverless" else {})},
                "conditions": ready, "deploymentMode": mode,
                "modelStatus": {"copies": {"failedCopies": 0, "totalCopies": 1},
                                "states": {"activeModelState": "Loaded",
                                           "targetModelState": "Loaded"},
                                "transitionStatus": "UpToDate"},
                "observedGeneration": 1, "url": url},
    )


def serving_runtime(name: str, ns: str, *, template: str, display: str, image_ref: str,
                    formats: list[str],
                    multi_model: bool = False, annotations: dict[str, str] | None = None) -> Obj:
    """Return a serving.kserve.io/v1alpha1 ServingRuntime instantiated from a dashboard template."""
    ann = {"opendatahub.io/apiProtocol": "REST", "opendatahub.io/template-display-name": display,
           "opendatahub.io/template-name": template, "openshift.io/display-name": display}
    ann.update(annotations or {})
    labels = {"opendatahub.io/dashboard": "true"}
    if multi_model:
        labels["name"] = f"modelmesh-serving-{name}-SR"
    return obj(
        "serving.kserve.io/v1alpha1", "ServingRuntime",
        meta("ServingRuntime", name, ns, labels=labels, annotations=ann, generation=1),
        spec={"annotations": {"prometheus.io/path": "/metrics", "prometheus.io/port": "8080"},
              "containers": [container("kserve-container", image_ref, port=8080, cpu="1",
                                       memory="4Gi")],
              "multiModel": multi_model,
              "protocolVersions": ["v2", "grpc-v2"] if multi_model else ["v1"],
              "supportedModelFormats": [{"autoSelect": True, "name": f,
                                         "version": "1"} for f in formats]},
    )


def crd_object(api_version: str, kind: str, name: str, ns: str | None, spec: Obj, *,
               status: Obj | None = None, labels: dict[str, str] | None = None,
               annotations: dict[str, str] | None = None,
               finalizers: list[str] | None = None) -> Obj:
    """Return a generic custom resource (used for the simpler kinds below)."""
    return obj(api_version, kind, meta(kind, name, ns, labels=labels, annotations=annotations,
                                        finalizers=finalizers, generation=1),
               spec=spec, status=status)


def hardware_profile(name: str, ns: str, display: str, identifiers: list[Obj]) -> Obj:
    """Return an infrastructure.opendatahub.io/v1alpha1 HardwareProfile."""
    return crd_object("infrastructure.opendatahub.io/v1alpha1", "HardwareProfile", name, ns,
                      {"identifiers": identifiers},
                      annotations={"opendatahub.io/display-name": display,
                                   "opendatahub.io/disabled": "false",
                                   "opendatahub.io/dashboard-feature-visibility":
                                       '["workbench","model-serving"]'},
                      labels={"app.opendatahub.io/hardwareprofile": "true"})


def identifier(resource: str, display: str, default: Any, minimum: Any, maximum: Any,
               kind: str) -> Obj:
    """Return one HardwareProfile identifier entry."""
    return {"identifier": resource, "displayName": display, "defaultCount": default,
            "minCount": minimum, "maxCount": maximum, "resourceType": kind}


def accelerator_profile(name: str, ns: str, display: str) -> Obj:
    """Return a deprecated dashboard.opendatahub.io/v1 AcceleratorProfile."""
    return crd_object("dashboard.opendatahub.io/v1", "AcceleratorProfile", name, ns,
                      {"displayName": display, "enabled": True, "identifier": "nvidia.com/gpu",
                       "tolerations": [{"effect": "NoSchedule", "key": "nvidia.com/gpu",
                                        "operator": "Exists"}]})


def ray_cluster(name: str, ns: str, *, labels: dict[str, str], finalizers: list[str],
                annotations: dict[str, str] | None = None, at: datetime) -> Obj:
    """Return a ray.io/v1 RayCluster (CodeFlare-managed when it has the oauth finalizer)."""
    head = container("ray-head", "quay.io/modh/ray:2.47.1-py311-cu121", port=8265, cpu="2",
                     memory="8Gi")
    worker = container("machine-learning", "quay.io/modh/ray:2.47.1-py311-cu121", cpu="2",
                       memory="8Gi")
    return crd_object(
        "ray.io/v1", "RayCluster", name, ns,
        {"enableInTreeAutoscaling": False, "rayVersion": "2.47.1",
         "headGroupSpec": {"rayStartParams": {"dashboard-host": "0.0.0.0"},
                           "template": {"spec": {"containers": [head]}}},
         "workerGroupSpecs": [{"groupName": "small-group", "maxReplicas": 2, "minReplicas": 2,
                               "replicas": 2,
                               "rayStartParams": {},
                               "template": {"spec": {"containers": [worker]}}}]},
        status={"availableWorkerReplicas": 2, "desiredWorkerReplicas": 2, "state": "ready",
                "lastUpdateTime": rfc3339(at), "conditions": [condition("HeadPodReady", "True", at,
                                                                        "HeadPodRunningAndReady")]},
        labels=labels, annotations=annotations, finalizers=finalizers)


def knative_service(name: str, ns: str, isvc: str, image_ref: str, *, at: datetime,
                    url: str) -> Obj:
    """Return the serving.knative.dev/v1 Service KServe creates for a Serverless predictor."""
    labels = {"serving.kserve.io/inferenceservice": isvc, "component": "predictor",
              "networking.knative.dev/visibility": "cluster-local"}
    return crd_object(
        "serving.knative.dev/v1", "Service", name, ns,
        {"template": {"metadata": {"labels": labels,
                                   "annotations": {"autoscaling.knative.dev/min-scale": "1"}},
                      "spec": {"containers": [container("kserve-container", image_ref, port=8080,
                                                        cpu="1", memory="4Gi")]}},
         "traffic": [{"latestRevision": True, "percent": 100}]},
        status={"address": {"url": f"http://{name}.{ns}.svc.cluster.local"},
                "conditions": [condition(t, "True", at) for t in ("ConfigurationsReady", "Ready",
                                                                  "RoutesReady")],
                "latestCreatedRevisionName": f"{name}-00001",
                "latestReadyRevisionName": f"{name}-00001",
                "observedGeneration": 1, "url": url,
                "traffic": [{"latestRevision": True, "percent": 100,
                             "revisionName": f"{name}-00001"}]},
        labels=labels)
