"""Resolve a kind as ``oc`` accepts it: plural, singular, short name, ``kind.group``."""

from __future__ import annotations

from dataclasses import dataclass

import duckdb

from analyzer.errors import UsageError

# Short names and plurals oc knows for the kinds a must-gather holds (kubectl api-resources).
SHORT_NAMES: dict[str, str] = {
    "po": "Pod", "deploy": "Deployment", "rs": "ReplicaSet", "ds": "DaemonSet",
    "sts": "StatefulSet", "svc": "Service", "ns": "Namespace", "no": "Node",
    "cm": "ConfigMap", "pvc": "PersistentVolumeClaim", "pv": "PersistentVolume",
    "ev": "Event", "sa": "ServiceAccount", "ep": "Endpoints", "cj": "CronJob",
    "crd": "CustomResourceDefinition", "crds": "CustomResourceDefinition",
    "csv": "ClusterServiceVersion", "csvs": "ClusterServiceVersion", "sub": "Subscription",
    "subs": "Subscription", "ip": "InstallPlan", "og": "OperatorGroup",
    "co": "ClusterOperator", "clusteroperators": "ClusterOperator",
    "is": "ImageStream", "istag": "ImageStreamTag", "isvc": "InferenceService",
    "isvcs": "InferenceService", "nb": "Notebook", "dsc": "DataScienceCluster",
    "dsci": "DSCInitialization", "dspa": "DataSciencePipelinesApplication",
    "hwp": "HardwareProfile", "lq": "LocalQueue", "cq": "ClusterQueue",
    "ksvc": "Service", "smcp": "ServiceMeshControlPlane", "netpol": "NetworkPolicy",
    "mwc": "MutatingWebhookConfiguration", "vwc": "ValidatingWebhookConfiguration",
    "pdb": "PodDisruptionBudget", "hpa": "HorizontalPodAutoscaler",
    "llmisvc": "LLMInferenceService",
}
# Short names that belong to one API group only (ksvc is the Knative Service).
SHORT_GROUPS: dict[str, str] = {"ksvc": "serving.knative.dev"}
CORE_FIRST = ("", "apps", "batch")


@dataclass(frozen=True)
class KindRef:
    """One API kind present in the bundle."""

    group: str
    kind: str
    plural: str

    @property
    def qualified(self) -> str:
        """``kind.group`` in lower case as ``oc -o name`` prints it (``pod`` for core)."""
        return self.kind.lower() + (f".{self.group}" if self.group else "")


def _plural(kind: str) -> str:
    low = kind.lower()
    if low.endswith(("s", "x", "ch", "sh")):
        return low + "es"
    if low.endswith("y") and low[-2:-1] not in "aeiou":
        return low[:-1] + "ies"
    return low + "s"


def known_kinds(con: duckdb.DuckDBPyConnection) -> list[KindRef]:
    """Every (group, kind) with objects in the bundle, with its plural resource name."""
    rows = con.execute("""
        select r."group", r.kind, min(d.resource) as plural
        from (select distinct "group", kind from resources) r
        left join discovery d on coalesce(d."group", '') = coalesce(r."group", '')
                              and d.kind = r.kind
        group by all order by all""").fetchall()
    return [KindRef(g or "", k, p or _plural(k)) for g, k, p in rows]


def _names(ref: KindRef) -> set[str]:
    return {ref.kind.lower(), ref.plural.lower(), _plural(ref.kind)}


def resolve_kind(con: duckdb.DuckDBPyConnection, text: str) -> list[KindRef]:
    """The kinds ``text`` names; core, apps and batch win over custom groups, as in ``oc``."""
    want = text.strip().lower()
    if not want:
        raise UsageError("give a KIND, e.g. `mgscan get pods`")
    kinds = known_kinds(con)
    group: str | None = SHORT_GROUPS.get(want)
    name = SHORT_NAMES.get(want, want).lower()
    matches = [k for k in kinds if name in _names(k) and (group is None or k.group == group)]
    if not matches and "." in want:
        head, _, grp = want.partition(".")
        name = SHORT_NAMES.get(head, head).lower()
        matches = [k for k in kinds if name in _names(k) and k.group.lower() == grp]
    if not matches:
        present = ", ".join(sorted({k.plural for k in kinds}))
        raise UsageError(f'the bundle holds no objects of kind "{text}"; kinds present: '
                         f"{present or 'none'}")
    preferred = [k for k in matches if k.group in CORE_FIRST]
    if preferred:
        return preferred[:1]
    first = min(k.group for k in matches)  # same kind in several groups: use kind.group
    return [k for k in matches if k.group == first]
