"""Builders for core Kubernetes and OpenShift kinds (Namespace, Pod, Deployment, ...).

Each builder returns a plain dict shaped like the API server's answer, including
the ``status`` block, so the sample bundles exercise the same fields as a real
must-gather.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from mg_k8s import (
    Obj,
    condition,
    created,
    digest,
    meta,
    number,
    obj,
    owner_ref,
    rfc3339,
    suffix,
)


def namespace(
    name: str,
    *,
    labels: dict[str, str] | None = None,
    annotations: dict[str, str] | None = None,
    requester: str | None = None,
) -> Obj:
    """Return an OpenShift project Namespace with the usual SCC annotations."""
    base = 1000 + number("ns", name, modulo=900)
    ann = {
        "openshift.io/sa.scc.mcs": f"s0:c{base % 30},c{base % 17}",
        "openshift.io/sa.scc.supplemental-groups": f"{base}00000/10000",
        "openshift.io/sa.scc.uid-range": f"{base}00000/10000",
    }
    if requester:
        ann["openshift.io/requester"] = requester
    ann.update(annotations or {})
    lab = {
        "kubernetes.io/metadata.name": name,
        "pod-security.kubernetes.io/audit": "restricted",
        "pod-security.kubernetes.io/audit-version": "latest",
        "pod-security.kubernetes.io/warn": "restricted",
        "pod-security.kubernetes.io/warn-version": "latest",
    }
    lab.update(labels or {})
    return obj(
        "v1",
        "Namespace",
        meta("Namespace", name, labels=lab, annotations=ann),
        spec={"finalizers": ["kubernetes"]},
        status={"phase": "Active"},
    )


def container(
    name: str,
    image_ref: str,
    *,
    port: int | None = None,
    env: dict[str, str] | None = None,
    args: list[str] | None = None,
    cpu: str = "100m",
    memory: str = "256Mi",
    limits: dict[str, str] | None = None,
) -> Obj:
    """Return a container spec with requests/limits and optional port and env."""
    out: Obj = {
        "name": name,
        "image": image_ref,
        "imagePullPolicy": "IfNotPresent",
        "resources": {
            "requests": {"cpu": cpu, "memory": memory},
            "limits": limits or {"cpu": cpu, "memory": memory},
        },
        "terminationMessagePath": "/dev/termination-log",
        "terminationMessagePolicy": "File",
    }
    if port is not None:
        out["ports"] = [{"containerPort": port, "name": "http", "protocol": "TCP"}]
    if env:
        out["env"] = [{"name": k, "value": v} for k, v in env.items()]
    if args:
        out["args"] = list(args)
    return out


def pod_spec(containers: list[Obj], *, service_account: str = "default", **extra: Any) -> Obj:
    """Return a PodSpec with the defaults the API server fills in."""
    spec: Obj = {
        "containers": containers,
        "dnsPolicy": "ClusterFirst",
        "restartPolicy": "Always",
        "schedulerName": "default-scheduler",
        "securityContext": {"runAsNonRoot": True},
        "serviceAccountName": service_account,
        "terminationGracePeriodSeconds": 30,
    }
    spec.update(extra)
    return spec


def pod(
    name: str,
    ns: str,
    spec: Obj,
    *,
    labels: dict[str, str],
    owner: Obj | None,
    node: str,
    started: datetime,
    waiting_reason: str | None = None,
    annotations: dict[str, str] | None = None,
) -> Obj:
    """Return a Pod with a status block; ``waiting_reason`` makes it Pending."""
    statuses = []
    for c in spec["containers"]:
        state: Obj
        if waiting_reason:
            state = {"waiting": {"reason": waiting_reason,
                                 "message": f"Back-off pulling image {c['image']!r}"}}
        else:
            state = {"running": {"startedAt": rfc3339(started)}}
        statuses.append(
            {
                "name": c["name"],
                "image": c["image"],
                "imageID": c["image"] if "@sha256:" in c["image"] else "",
                "ready": waiting_reason is None,
                "restartCount": 0,
                "started": waiting_reason is None,
                "state": state,
                "containerID": ("" if waiting_reason
                                else f"cri-o://{digest('cid', ns, name, c['name'])}"),
            }
        )
    ready = "False" if waiting_reason else "True"
    octets = (128 + number("ip", ns, name, modulo=4), number("ip2", ns, name, modulo=250),
              2 + number("ip3", ns, name, modulo=250))
    ip = "10.{}.{}.{}".format(*octets)
    ann = {"openshift.io/scc": "restricted-v2", "k8s.ovn.org/pod-networks": "{}"}
    ann.update(annotations or {})
    return obj(
        "v1",
        "Pod",
        meta("Pod", name, ns, labels=labels, annotations=ann,
             owners=[owner_ref(owner)] if owner else None,
             created_at=started - timedelta(seconds=20)),
        spec={**spec, "nodeName": node},
        status={
            "phase": "Pending" if waiting_reason else "Running",
            "conditions": [
                condition("PodScheduled", "True", started - timedelta(seconds=19)),
                condition("Initialized", "True", started - timedelta(seconds=15)),
                condition("ContainersReady", ready, started),
                condition("Ready", ready, started),
            ],
            "containerStatuses": statuses,
            "hostIP": f"10.0.{number('host', node, modulo=250)}."
                      f"{10 + number('h2', node, modulo=200)}",
            "podIP": ip,
            "podIPs": [{"ip": ip}],
            "qosClass": "Guaranteed",
            "startTime": rfc3339(started - timedelta(seconds=19)),
        },
    )


def deployment(
    name: str,
    ns: str,
    template_spec: Obj,
    *,
    labels: dict[str, str],
    replicas: int = 1,
    owner: Obj | None = None,
    annotations: dict[str, str] | None = None,
) -> tuple[Obj, Obj, str]:
    """Return ``(deployment, replicaset, pod-template-hash)``."""
    at = created("Deployment", ns, name)
    hash_ = suffix("rs", ns, name, n=10)
    dep = obj(
        "apps/v1",
        "Deployment",
        meta("Deployment", name, ns, labels=labels,
             annotations={"deployment.kubernetes.io/revision": "1", **(annotations or {})},
             owners=[owner_ref(owner)] if owner else None, generation=1, created_at=at),
        spec={
            "replicas": replicas,
            "selector": {"matchLabels": dict(labels)},
            "strategy": {"type": "RollingUpdate", "rollingUpdate": {"maxSurge": "25%",
                                                                    "maxUnavailable": "25%"}},
            "template": {"metadata": {"labels": dict(labels)}, "spec": template_spec},
        },
        status={
            "availableReplicas": replicas,
            "readyReplicas": replicas,
            "replicas": replicas,
            "updatedReplicas": replicas,
            "observedGeneration": 1,
            "conditions": [
                condition("Available", "True", at + timedelta(minutes=1),
                          "MinimumReplicasAvailable",
                          "Deployment has minimum availability."),
                condition("Progressing", "True", at, "NewReplicaSetAvailable",
                          f'ReplicaSet "{name}-{hash_}" has successfully progressed.'),
            ],
        },
    )
    rs_labels = {**labels, "pod-template-hash": hash_}
    rs = obj(
        "apps/v1",
        "ReplicaSet",
        meta("ReplicaSet", f"{name}-{hash_}", ns, labels=rs_labels,
             annotations={"deployment.kubernetes.io/desired-replicas": str(replicas),
                          "deployment.kubernetes.io/revision": "1"},
             owners=[owner_ref(dep)], generation=1, created_at=at),
        spec={"replicas": replicas, "selector": {"matchLabels": rs_labels},
              "template": {"metadata": {"labels": rs_labels}, "spec": template_spec}},
        status={"availableReplicas": replicas, "readyReplicas": replicas, "replicas": replicas,
                "fullyLabeledReplicas": replicas, "observedGeneration": 1},
    )
    return dep, rs, hash_


def statefulset(
    name: str,
    ns: str,
    template_spec: Obj,
    *,
    labels: dict[str, str],
    replicas: int,
    owner: Obj | None = None,
    template_labels: dict[str, str] | None = None,
    template_annotations: dict[str, str] | None = None,
) -> Obj:
    """Return a StatefulSet (notebooks, model servers) with status."""
    tmpl_meta: Obj = {"labels": {**labels, **(template_labels or {})}}
    if template_annotations:
        tmpl_meta["annotations"] = dict(template_annotations)
    return obj(
        "apps/v1",
        "StatefulSet",
        meta("StatefulSet", name, ns, labels=labels, owners=[owner_ref(owner)] if owner else None,
             generation=2),
        spec={
            "replicas": replicas,
            "serviceName": "",
            "podManagementPolicy": "OrderedReady",
            "selector": {"matchLabels": {"statefulset": name}},
            "template": {"metadata": tmpl_meta, "spec": template_spec},
            "updateStrategy": {"type": "RollingUpdate", "rollingUpdate": {"partition": 0}},
        },
        status={
            "availableReplicas": replicas,
            "currentReplicas": replicas,
            "readyReplicas": replicas,
            "replicas": replicas,
            "updatedReplicas": replicas,
            "observedGeneration": 2,
            "collisionCount": 0,
        },
    )
