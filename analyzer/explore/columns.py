"""Default ``oc get`` columns for common kinds; name, namespace and age for the rest."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from analyzer.explore.objects import Obj, age

Column = tuple[str, Callable[[Obj, datetime | None], str]]


def dig(raw: Any, *path: str | int) -> Any:
    """Walk dict keys and list indexes; None as soon as a step is missing."""
    for key in path:
        if isinstance(key, int):
            raw = raw[key] if isinstance(raw, list) and len(raw) > key else None
        else:
            raw = raw.get(key) if isinstance(raw, dict) else None
    return raw


def _age(o: Obj, now: datetime | None) -> str:
    return age(dig(o.raw, "metadata", "creationTimestamp"), now)


def _pod_ready(o: Obj, _: datetime | None) -> str:
    statuses = dig(o.raw, "status", "containerStatuses") or []
    total = len(dig(o.raw, "spec", "containers") or statuses)
    return f"{sum(1 for s in statuses if isinstance(s, dict) and s.get('ready'))}/{total}"


def _pod_status(o: Obj, _: datetime | None) -> str:
    for s in dig(o.raw, "status", "containerStatuses") or []:
        waiting = dig(s, "state", "waiting", "reason")
        if waiting:
            return str(waiting)
        term = dig(s, "state", "terminated", "reason")
        if term and dig(o.raw, "status", "phase") != "Succeeded":
            return str(term)
    if dig(o.raw, "metadata", "deletionTimestamp"):
        return "Terminating"
    return str(dig(o.raw, "status", "phase") or "Unknown")


def _restarts(o: Obj, _: datetime | None) -> str:
    return str(sum(int(dig(s, "restartCount") or 0)
                   for s in dig(o.raw, "status", "containerStatuses") or []))


def _field(*path: str | int, default: str = "") -> Callable[[Obj, datetime | None], str]:
    def value(o: Obj, _: datetime | None) -> str:
        v = dig(o.raw, *path)
        return default if v is None else str(v)
    return value


def _ratio(ready: tuple[str, ...], want: tuple[str, ...]) -> Callable[[Obj, datetime | None], str]:
    def value(o: Obj, _: datetime | None) -> str:
        return f"{dig(o.raw, *ready) or 0}/{dig(o.raw, *want) or 0}"
    return value


def _node_status(o: Obj, _: datetime | None) -> str:
    for c in dig(o.raw, "status", "conditions") or []:
        if isinstance(c, dict) and c.get("type") == "Ready":
            state = "Ready" if c.get("status") == "True" else "NotReady"
            return state + (",SchedulingDisabled" if dig(o.raw, "spec", "unschedulable")
                            else "")
    return "Unknown"


def _node_roles(o: Obj, _: datetime | None) -> str:
    prefix = "node-role.kubernetes.io/"
    roles = sorted(k[len(prefix):] for k in o.labels if k.startswith(prefix))
    return ",".join(roles) or "<none>"


def _count(*path: str) -> Callable[[Obj, datetime | None], str]:
    def value(o: Obj, _: datetime | None) -> str:
        v = dig(o.raw, *path)
        return str(len(v) if isinstance(v, dict | list) else 0)
    return value


def _condition(kind: str) -> Callable[[Obj, datetime | None], str]:
    def value(o: Obj, _: datetime | None) -> str:
        for c in dig(o.raw, "status", "conditions") or []:
            if isinstance(c, dict) and c.get("type") == kind:
                return str(c.get("status", ""))
        return ""
    return value


NAME: Column = ("NAME", lambda o, _: o.name)
AGE: Column = ("AGE", _age)
COLUMNS: dict[str, list[Column]] = {
    "Pod": [NAME, ("READY", _pod_ready), ("STATUS", _pod_status), ("RESTARTS", _restarts),
            AGE],
    "Deployment": [NAME, ("READY", _ratio(("status", "readyReplicas"), ("spec", "replicas"))),
                   ("UP-TO-DATE", _field("status", "updatedReplicas", default="0")),
                   ("AVAILABLE", _field("status", "availableReplicas", default="0")), AGE],
    "StatefulSet": [NAME, ("READY", _ratio(("status", "readyReplicas"), ("spec", "replicas"))),
                    AGE],
    "ReplicaSet": [NAME, ("DESIRED", _field("spec", "replicas", default="0")),
                   ("CURRENT", _field("status", "replicas", default="0")),
                   ("READY", _field("status", "readyReplicas", default="0")), AGE],
    "Node": [NAME, ("STATUS", _node_status), ("ROLES", _node_roles), AGE,
             ("VERSION", _field("status", "nodeInfo", "kubeletVersion"))],
    "Namespace": [NAME, ("STATUS", _field("status", "phase")), AGE],
    "Service": [NAME, ("TYPE", _field("spec", "type")), ("CLUSTER-IP", _field("spec", "clusterIP")),
                AGE],
    "ConfigMap": [NAME, ("DATA", _count("data")), AGE],
    "Secret": [NAME, ("TYPE", _field("type")), ("DATA", _count("data")), AGE],
    "PersistentVolumeClaim": [NAME, ("STATUS", _field("status", "phase")),
                              ("VOLUME", _field("spec", "volumeName")),
                              ("CAPACITY", _field("status", "capacity", "storage")), AGE],
    "ClusterOperator": [NAME, ("VERSION", _field("status", "versions", 0, "version")),
                        ("AVAILABLE", _condition("Available")),
                        ("PROGRESSING", _condition("Progressing")),
                        ("DEGRADED", _condition("Degraded"))],
    "ClusterServiceVersion": [NAME, ("DISPLAY", _field("spec", "displayName")),
                              ("VERSION", _field("spec", "version")),
                              ("PHASE", _field("status", "phase"))],
    "Subscription": [NAME, ("PACKAGE", _field("spec", "name")),
                     ("SOURCE", _field("spec", "source")), ("CHANNEL", _field("spec", "channel"))],
    "Route": [NAME, ("HOST/PORT", _field("spec", "host")),
              ("SERVICES", _field("spec", "to", "name"))],
    "Notebook": [NAME, AGE],
    "InferenceService": [NAME, ("URL", _field("status", "url")), ("READY", _condition("Ready")),
                         AGE],
    "DataScienceCluster": [NAME, AGE, ("PHASE", _field("status", "phase"))],
    "DSCInitialization": [NAME, AGE, ("PHASE", _field("status", "phase")),
                          ("CREATED AT", _field("metadata", "creationTimestamp"))],
}
WIDE: dict[str, list[Column]] = {
    "Pod": [("IP", _field("status", "podIP")), ("NODE", _field("spec", "nodeName"))],
    "Deployment": [("CONTAINERS", lambda o, _: ",".join(
        str(c.get("name")) for c in dig(o.raw, "spec", "template", "spec", "containers") or []
        if isinstance(c, dict)))],
    "Node": [("INTERNAL-IP", lambda o, _: next(
        (str(a.get("address")) for a in dig(o.raw, "status", "addresses") or []
         if isinstance(a, dict) and a.get("type") == "InternalIP"), "")),
             ("OS-IMAGE", _field("status", "nodeInfo", "osImage"))],
}


def columns_for(kind: str, wide: bool = False) -> list[Column]:
    """The columns ``oc get`` prints for ``kind`` (NAME and AGE when it has no defaults)."""
    cols = list(COLUMNS.get(kind, [NAME, AGE]))
    return cols + WIDE.get(kind, []) if wide else cols
