"""Builders for simple core/OpenShift kinds: Service, Route, ConfigMap, Secret, Event, Node."""

from __future__ import annotations

from datetime import datetime, timedelta

from mg_k8s import (
    Obj,
    b64,
    condition,
    created,
    digest,
    elide,
    meta,
    number,
    obj,
    owner_ref,
    rfc3339,
)

CERT_KEYS = ("tls.crt", "ca.crt", "service-ca.crt")


def service(name: str, ns: str, selector: dict[str, str], port: int, *,
            labels: dict[str, str] | None = None, owner: Obj | None = None) -> Obj:
    """Return a ClusterIP Service."""
    ip = f"172.30.{number('svc', ns, name, modulo=250)}.{1 + number('svc2', ns, name, modulo=250)}"
    return obj(
        "v1",
        "Service",
        meta("Service", name, ns, labels=labels, owners=[owner_ref(owner)] if owner else None),
        spec={
            "clusterIP": ip,
            "clusterIPs": [ip],
            "internalTrafficPolicy": "Cluster",
            "ipFamilies": ["IPv4"],
            "ipFamilyPolicy": "SingleStack",
            "ports": [{"name": "http", "port": port, "protocol": "TCP", "targetPort": port}],
            "selector": dict(selector),
            "sessionAffinity": "None",
            "type": "ClusterIP",
        },
        status={"loadBalancer": {}},
    )


def route(name: str, ns: str, host: str, service_name: str, *, labels: dict[str, str] | None = None,
          annotations: dict[str, str] | None = None, owner: Obj | None = None, at: datetime) -> Obj:
    """Return an edge-terminated Route with an admitted ingress status."""
    return obj(
        "route.openshift.io/v1",
        "Route",
        meta("Route", name, ns, labels=labels, annotations=annotations,
             owners=[owner_ref(owner)] if owner else None),
        spec={
            "host": host,
            "port": {"targetPort": "https"},
            "tls": {"insecureEdgeTerminationPolicy": "Redirect", "termination": "reencrypt"},
            "to": {"kind": "Service", "name": service_name, "weight": 100},
            "wildcardPolicy": "None",
        },
        status={"ingress": [{
            "conditions": [{"lastTransitionTime": rfc3339(at), "status": "True",
                            "type": "Admitted"}],
            "host": host, "routerCanonicalHostname": "router-default." + host.split(".", 1)[1],
            "routerName": "default", "wildcardPolicy": "None",
        }]},
    )


def configmap(name: str, ns: str, data: dict[str, str], *, labels: dict[str, str] | None = None,
              annotations: dict[str, str] | None = None, owner: Obj | None = None) -> Obj:
    """Return a ConfigMap."""
    return obj("v1", "ConfigMap",
               meta("ConfigMap", name, ns, labels=labels, annotations=annotations,
                    owners=[owner_ref(owner)] if owner else None),
               data=dict(data))


def secret(name: str, ns: str, data: dict[str, str], *, type_: str = "Opaque",
           labels: dict[str, str] | None = None, annotations: dict[str, str] | None = None) -> Obj:
    """Return a Secret with values elided exactly like ``oc adm inspect`` does."""
    ann = dict(annotations or {})
    for key in ("kubectl.kubernetes.io/last-applied-configuration",
                "openshift.io/token-secret.value"):
        if key in ann:
            ann[key] = ""
    return obj("v1", "Secret", meta("Secret", name, ns, labels=labels, annotations=ann),
               data={k: (b64(v) if k in CERT_KEYS else elide(v)) for k, v in data.items()},
               type=type_)


def event(ns: str, involved: Obj, reason: str, message: str, at: datetime, *, type_: str = "Normal",
          component: str = "kubelet") -> Obj:
    """Return a core/v1 Event about ``involved``."""
    name = f"{involved['metadata']['name']}.{digest('ev', ns, reason, message, n=16)}"
    return obj(
        "v1", "Event",
        meta("Event", name, ns, created_at=at),
        count=1,
        firstTimestamp=rfc3339(at),
        lastTimestamp=rfc3339(at),
        involvedObject={"apiVersion": involved["apiVersion"], "kind": involved["kind"],
                        "name": involved["metadata"]["name"], "namespace": ns,
                        "uid": involved["metadata"]["uid"]},
        message=message,
        reason=reason,
        reportingComponent=component,
        source={"component": component},
        type=type_,
    )


def node(name: str, role: str, kubelet: str, *, cpu: str, memory: str, gpus: int = 0,
         instance_type: str = "m6i.2xlarge", zone: str = "us-east-1a") -> Obj:
    """Return a Node with capacity, allocatable and a Ready condition."""
    at = created("Node", name, days=2)
    labels = {
        "beta.kubernetes.io/arch": "amd64",
        "beta.kubernetes.io/os": "linux",
        "kubernetes.io/hostname": name,
        "kubernetes.io/os": "linux",
        f"node-role.kubernetes.io/{role}": "",
        "node.kubernetes.io/instance-type": instance_type,
        "topology.kubernetes.io/zone": zone,
    }
    if role == "master":
        labels["node-role.kubernetes.io/control-plane"] = ""
    capacity = {"cpu": cpu, "memory": memory, "pods": "250", "ephemeral-storage": "125293548Ki"}
    if gpus:
        labels["nvidia.com/gpu.present"] = "true"
        labels["nvidia.com/gpu.product"] = "NVIDIA-L40S"
        capacity["nvidia.com/gpu"] = str(gpus)
    spec: Obj = {"providerID": f"aws:///{zone}/i-{digest('i', name, n=17)}"}
    if role == "master":
        spec["taints"] = [{"effect": "NoSchedule", "key": "node-role.kubernetes.io/master"}]
    return obj(
        "v1", "Node",
        meta("Node", name, labels=labels,
             annotations={"machine.openshift.io/machine": f"openshift-machine-api/{name}"},
             created_at=at),
        spec=spec,
        status={
            "allocatable": dict(capacity),
            "capacity": dict(capacity),
            "conditions": [condition("Ready", "True", at + timedelta(minutes=5), "KubeletReady",
                                     "kubelet is posting ready status")],
            "nodeInfo": {"architecture": "amd64", "containerRuntimeVersion": "cri-o://1.32.7",
                         "kernelVersion": "5.14.0-570.39.1.el9_6.x86_64", "kubeletVersion": kubelet,
                         "operatingSystem": "linux", "osImage": "Red Hat Enterprise Linux CoreOS"},
        },
    )
