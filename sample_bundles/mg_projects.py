"""Data-science-project helpers: projects, connections, workbenches and models.

Each helper writes the custom resource to the supplementary tree (when the scenario
has one) *and* the objects a 2.x RHOAI must-gather does collect for it
(StatefulSet + Pod labelled ``notebook-name``; predictor Deployment or Knative
Service labelled ``serving.kserve.io/inferenceservice``), so workloads can be
inferred when the CRs are missing.
"""

from __future__ import annotations

from datetime import timedelta

from mg_cluster import Cluster
from mg_k8s import Obj, digest, image, meta, obj, rfc3339, rfc3339nano, suffix, uid
from mg_platform import DOMAIN
from mg_resources import route, secret, service
from mg_workloads import container, pod_spec, statefulset
from rhoai_workloads import (
    inference_service,
    knative_service,
    notebook,
    oauth_sidecar,
    serving_runtime,
)

OVMS = image("registry.redhat.io/rhoai/odh-openvino-model-server-rhel9", "2025.2")
VLLM = image("registry.redhat.io/rhoai/odh-vllm-cuda-rhel9", "0.10.1")
CAIKIT = image("registry.redhat.io/rhoai/odh-caikit-tgis-serving-rhel9", "0.27")
LAST_IMAGE = "notebooks.opendatahub.io/last-image-selection"


def local_dir(name: str) -> str:
    """Return a ``must-gather.local.<int63>`` directory name derived from ``name``."""
    return f"must-gather.local.{int(digest('local', name, n=16), 16) % (2**63)}"


def project(c: Cluster, name: str, user: str, *, display: str = "", description: str = "",
            labels: dict[str, str] | None = None) -> Obj:
    """Create a data science project namespace (inspected by the RHOAI image)."""
    ann = {"openshift.io/display-name": display or name, "openshift.io/description": description}
    lab = {"opendatahub.io/dashboard": "true", "modelmesh-enabled": "false"}
    lab.update(labels or {})
    return c.namespace(name, labels=lab, annotations=ann, requester=user)


def connection(c: Cluster, ns: str, name: str) -> Obj:
    """Add an S3 data connection Secret (values elided as inspect does)."""
    s = secret(name, ns, {"AWS_ACCESS_KEY_ID": "AKIA" + "X" * 16, "AWS_SECRET_ACCESS_KEY": "s" * 40,
                          "AWS_DEFAULT_REGION": "us-east-1", "AWS_S3_BUCKET": "models",
                          "AWS_S3_ENDPOINT": "https://s3.us-east-1.amazonaws.com"},
               labels={"opendatahub.io/dashboard": "true", "opendatahub.io/managed": "true"},
               annotations={"opendatahub.io/connection-type-ref": "s3",
                            "openshift.io/display-name": name})
    c.rhoai.add(s)
    return s


def pvc(c: Cluster, name: str, ns: str, size: str = "20Gi") -> None:
    """Add a Bound PersistentVolumeClaim (workbench storage)."""
    c.rhoai.add(obj("v1", "PersistentVolumeClaim",
                    meta("PersistentVolumeClaim", name, ns,
                         labels={"opendatahub.io/dashboard": "true"},
                         annotations={"openshift.io/display-name": name}),
                    spec={"accessModes": ["ReadWriteOnce"],
                          "resources": {"requests": {"storage": size}},
                          "storageClassName": "gp3-csi", "volumeMode": "Filesystem",
                          "volumeName": "pvc-" + uid("pv", ns, name)},
                    status={"accessModes": ["ReadWriteOnce"], "capacity": {"storage": size},
                            "phase": "Bound"}))


def workbench(c: Cluster, name: str, ns: str, image_ref: str, *, state: str, user: str = "alice",
              annotations: dict[str, str] | None = None, labels: dict[str, str] | None = None,
              primary: str | None = None, sidecar: Obj | None = None,
              tolerations: list[Obj] | None = None,
              limits: dict[str, str] | None = None,
              waiting_reason: str = "ImagePullBackOff") -> Obj:
    """Add a Notebook (supplementary tree) plus its StatefulSet, Pod, Service, Route and PVC."""
    main = container(primary or name, image_ref, port=8888, cpu="1", memory="8Gi", limits=limits,
                     env={"NOTEBOOK_ARGS": "--ServerApp.port=8888 --ServerApp.token=''"
                                           f" --ServerApp.base_url=/notebook/{ns}/{name}",
                          "JUPYTER_IMAGE": image_ref})
    main["workingDir"] = "/opt/app-root/src"
    containers = [main, sidecar if sidecar is not None else oauth_sidecar(name)]
    nb = notebook(name, ns, containers, user=user, annotations=annotations or {}, labels=labels,
                  state=state,
                  at=c.at, waiting_reason=waiting_reason, tolerations=tolerations)
    c.supplementary(nb)
    spec = pod_spec(containers, service_account=name, enableServiceLinks=False)
    if tolerations:
        spec["tolerations"] = tolerations
    sts_labels = {"app": name, "notebook-name": name, **(labels or {})}
    replicas = 0 if state == "stopped" else 1
    sts = statefulset(name, ns, spec, labels=sts_labels, replicas=replicas, owner=nb,
                      template_labels={"statefulset": name, "opendatahub.io/workbenches": "true"},
                      template_annotations={"notebooks.opendatahub.io/last-image-selection":
                                            image_ref.rsplit("/", 1)[-1]})
    if state != "stopped" and state != "running":
        sts["status"]["readyReplicas"] = 0
        sts["status"]["availableReplicas"] = 0
    c.rhoai.add(sts)
    svc_labels = {"notebook-name": name}
    c.rhoai.add(service(name, ns, {"statefulset": name}, 80, labels=svc_labels, owner=nb))
    c.rhoai.add(service(f"{name}-tls", ns, {"statefulset": name}, 8443, labels=svc_labels,
                        owner=nb))
    c.rhoai.add(route(name, ns, f"{name}-{ns}.{DOMAIN}", f"{name}-tls", labels=svc_labels, owner=nb,
                      at=c.at - timedelta(days=30)))
    pvc(c, name, ns)
    if state != "stopped":
        pod_labels = {**sts_labels, "statefulset": name, "opendatahub.io/workbenches": "true",
                      "statefulset.kubernetes.io/pod-name": f"{name}-0",
                      "controller-revision-hash": f"{name}-{suffix('crh', ns, name, n=10)}"}
        start = c.started(ns, name)
        c.add_pod(c.rhoai, f"{name}-0", ns, spec, labels=pod_labels, owner=sts,
                  waiting=None if state == "running" else waiting_reason,
                  logs={primary or name: [
                      f"{rfc3339nano(start)} [I 09:00:00.000 ServerApp]"
                      " Jupyter Server is running at:",
                      f"{rfc3339nano(start + timedelta(seconds=1))} [I 09:00:00.001 ServerApp]"
                      f" http://{name}-0:8888/notebook/{ns}/{name}/lab"]})
    return nb


def runtime(c: Cluster, name: str, ns: str, *, template: str, display: str, image_ref: str,
            formats: list[str],
            multi_model: bool = False, annotations: dict[str, str] | None = None) -> Obj:
    """Add a ServingRuntime to the supplementary tree."""
    sr = serving_runtime(name, ns, template=template, display=display, image_ref=image_ref,
                         formats=formats,
                         multi_model=multi_model, annotations=annotations)
    c.supplementary(sr)
    return sr


def model(c: Cluster, name: str, ns: str, *, mode: str, sr: Obj, fmt: str,
          annotations: dict[str, str] | None = None, labels: dict[str, str] | None = None,
          expose: bool = False, log: list[str] | None = None,
          storage_key: str = "aws-connection-models") -> Obj:
    """Add an InferenceService (supplementary tree) and the workload objects its mode creates."""
    rt_image = sr["spec"]["containers"][0]["image"]
    rt_name = sr["metadata"]["name"]
    if mode == "Serverless":
        url = f"https://{name}-{ns}.{DOMAIN}"
    elif mode == "ModelMesh":
        url = f"grpc://modelmesh-serving.{ns}:8033"
    else:
        url = f"https://{name}-{ns}.{DOMAIN}" if expose else f"http://{name}-predictor.{ns}.svc.cluster.local"
    isvc = inference_service(name, ns, mode=mode, runtime=rt_name, model_format=fmt,
                             annotations=annotations,
                             labels=labels, storage_key=storage_key, at=c.at - timedelta(days=6),
                             url=url)
    c.supplementary(isvc)
    isvc_labels = {"serving.kserve.io/inferenceservice": name, "component": "predictor"}
    kserve = container("kserve-container", rt_image, port=8080, cpu="1", memory="4Gi")
    if mode == "RawDeployment":
        c.deploy(f"{name}-predictor", ns, [kserve], labels={"app": f"isvc.{name}-predictor",
                                                            **isvc_labels},
                       owner=isvc, sa="default",
                       logs={"kserve-container": log or [
                           f"{rfc3339nano(c.at - timedelta(hours=30))} INFO Loaded model {name}"]})
        c.rhoai.add(service(f"{name}-predictor", ns, {"app": f"isvc.{name}-predictor"}, 8080,
                            labels=isvc_labels, owner=isvc))
        if expose:
            c.rhoai.add(route(name, ns, f"{name}-{ns}.{DOMAIN}", f"{name}-predictor",
                              labels={"inferenceservice-name": name, **isvc_labels}, owner=isvc,
                              at=c.at - timedelta(days=6)))
    elif mode == "Serverless":
        ksvc_name = f"{name}-predictor"
        ksvc = knative_service(ksvc_name, ns, name, rt_image, at=c.at - timedelta(days=6), url=url)
        ksvc["metadata"]["ownerReferences"] = [{"apiVersion": isvc["apiVersion"],
                                                "kind": isvc["kind"], "name": name,
                                                "uid": isvc["metadata"]["uid"], "controller": True,
                                                "blockOwnerDeletion": True}]
        c.rhoai.add(ksvc)
        rev = f"{ksvc_name}-00001"
        queue = container("queue-proxy",
                          image("registry.redhat.io/openshift-serverless-1/serving-queue-rhel8",
                                               "1.36"), port=8012)
        istio = container("istio-proxy",
                          image("registry.redhat.io/openshift-service-mesh/proxyv2-rhel9",
                                               "2.6"), port=15090)
        c.deploy(f"{rev}-deployment", ns, [kserve, queue, istio],
                 labels={**isvc_labels, "serving.knative.dev/service": ksvc_name,
                         "serving.knative.dev/revision": rev,
                         "serving.knative.dev/configuration": ksvc_name, "app": rev}, sa="default",
                 logs={"kserve-container": log} if log else None)
        if c.rhoai.inspected("istio-system"):
            c.rhoai.add(route(f"{name}-{ns}", "istio-system", f"{name}-{ns}.{DOMAIN}",
                              "istio-ingressgateway",
                              labels={"inferenceservice-name": name,
                                      "serving.kserve.io/inferenceservice": name,
                                      "maistra.io/gateway-name": "knative-local-gateway"},
                              at=c.at - timedelta(days=6)))
    else:  # ModelMesh: one shared runtime Deployment per ServingRuntime, a Route per exposed model
        dep_name = f"modelmesh-serving-{rt_name}"
        existing = [d for d in c.rhoai.lists[ns].get(("apps/v1", "Deployment"),
                                                     []) if d["metadata"]["name"] == dep_name]
        if not existing:
            mm_labels = {"modelmesh-service": "modelmesh-serving", "name": dep_name,
                         "app.kubernetes.io/managed-by": "modelmesh-controller"}
            c.deploy(dep_name, ns, [container("mm",
                                              image("registry.redhat.io/rhoai/odh-modelmesh-rhel9",
                                                    "mm"),
                                              port=8033),
                                    container(rt_name, rt_image, port=8001),
                                    container("rest-proxy",
                                              image("registry.redhat.io/rhoai/odh-mm-rest-proxy-rhel9",
                                                                  "mm"), port=8008),
                                    oauth_sidecar(dep_name)],
                     labels=mm_labels, owner=sr, sa="modelmesh-serving-sa")
        c.rhoai.add(route(name, ns, f"{name}-{ns}.{DOMAIN}", "modelmesh-serving",
                          labels={"inferenceservice-name": name,
                                  "modelmesh-service": "modelmesh-serving"},
                          at=c.at - timedelta(days=6)))
    return isvc


def revision_time(c: Cluster, days: int) -> str:
    """Return an RFC 3339 time ``days`` before collection."""
    return rfc3339(c.at - timedelta(days=days))
