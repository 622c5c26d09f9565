"""Inspect-tree layout (``oc adm inspect`` path rules) and deterministic tar.gz writing."""

from __future__ import annotations

import gzip
import io
import tarfile
from pathlib import Path

from mg_k8s import Obj, dump, k8s_list, resource_version

PLURALS: dict[str, str] = {
    "AcceleratorProfile": "acceleratorprofiles",
    "ClusterServiceVersion": "clusterserviceversions",
    "DSCInitialization": "dscinitializations",
    "DataScienceCluster": "datascienceclusters",
    "DataSciencePipelinesApplication": "datasciencepipelinesapplications",
    "Endpoints": "endpoints",
    "Infrastructure": "infrastructures",
    "LlamaStackDistribution": "llamastackdistributions",
    "NetworkPolicy": "networkpolicies",
    "ModelRegistry": "modelregistries",
    "PodDisruptionBudget": "poddisruptionbudgets",
    "TrustyAI": "trustyais",
    "Workbenches": "workbenches",
    "DataSciencePipelines": "datasciencepipelines",
}

# What `oc adm inspect namespace/<ns>` writes for every namespace (the `all` category
# plus the fixed extra types), as (apiVersion, Kind). CRD kinds with category `all`
# (RayCluster, Knative Service) are added per cluster.
NAMESPACE_LISTS: list[tuple[str, str]] = [
    ("v1", "ConfigMap"), ("v1", "Event"), ("v1", "PersistentVolumeClaim"), ("v1", "Pod"),
    ("v1", "ReplicationController"), ("v1", "Secret"), ("v1", "Service"),
    ("apps/v1", "DaemonSet"), ("apps/v1", "Deployment"), ("apps/v1", "ReplicaSet"), ("apps/v1",
                                                                                     "StatefulSet"),
    ("batch/v1", "CronJob"), ("batch/v1", "Job"),
    ("image.openshift.io/v1", "ImageStream"), ("route.openshift.io/v1", "Route"),
    ("policy/v1", "PodDisruptionBudget"), ("networking.k8s.io/v1", "NetworkPolicy"),
    ("monitoring.coreos.com/v1", "ServiceMonitor"),
]


def plural(kind: str) -> str:
    """Return the resource (plural) name of ``kind``."""
    if kind in PLURALS:
        return PLURALS[kind]
    low = kind.lower()
    return low + ("es" if low.endswith("s") else "s")


def group_dir(api_version: str) -> str:
    """Return the directory of an API group (``core`` for the legacy group)."""
    return api_version.split("/")[0] if "/" in api_version else "core"


def object_path(o: Obj) -> str:
    """Return the inspect path of a single object file."""
    md = o["metadata"]
    rel = f"{group_dir(o['apiVersion'])}/{plural(o['kind'])}/{md['name']}.yaml"
    if md.get("namespace"):
        return f"namespaces/{md['namespace']}/{rel}"
    return f"cluster-scoped-resources/{rel}"


class InspectRoot:
    """One inspect root: single-object files, per-namespace list files, pods and logs."""

    def __init__(self, list_kinds: list[tuple[str, str]]) -> None:
        """Create an empty root whose inspected namespaces get ``list_kinds`` list files."""
        self.list_kinds = list_kinds
        self.files: dict[str, bytes] = {}
        self.lists: dict[str, dict[tuple[str, str], list[Obj]]] = {}

    def single(self, o: Obj) -> None:
        """Write ``o`` at its single-object path."""
        self.files[object_path(o)] = dump(o)

    def text(self, path: str, body: str | bytes) -> None:
        """Write a raw file (logs, version, timestamp, html)."""
        self.files[path] = body.encode() if isinstance(body, str) else body

    def inspect_namespace(self, ns_obj: Obj) -> None:
        """Record ``oc adm inspect namespace/<ns>``: the namespace file and its (empty) lists."""
        name = ns_obj["metadata"]["name"]
        self.files[f"namespaces/{name}/{name}.yaml"] = dump(ns_obj)
        lists = self.lists.setdefault(name, {})
        for key in self.list_kinds:
            lists.setdefault(key, [])

    def inspected(self, ns: str) -> bool:
        """Return whether ``ns`` was inspected in this root."""
        return ns in self.lists

    def add(self, o: Obj) -> None:
        """Add a namespaced object to the list file of its (inspected) namespace."""
        ns = o["metadata"]["namespace"]
        if ns not in self.lists:
            raise KeyError(f"namespace {ns} is not inspected in this root")
        self.lists[ns].setdefault((o["apiVersion"], o["kind"]), []).append(o)

    def add_pod(self, pod: Obj, logs: dict[str, list[str]]) -> None:
        """Add a Pod to ``core/pods.yaml`` and to ``pods/<pod>/<pod>.yaml`` with its logs."""
        self.add(pod)
        ns, name = pod["metadata"]["namespace"], pod["metadata"]["name"]
        base = f"namespaces/{ns}/pods/{name}"
        self.files[f"{base}/{name}.yaml"] = dump(pod)
        for c in pod["spec"].get("initContainers", []) + pod["spec"]["containers"]:
            cname = c["name"]
            lines = logs.get(cname, [])
            body = "".join(f"{ln}\n" for ln in lines).encode()
            self.files[f"{base}/{cname}/{cname}/logs/current.log"] = body
            self.files[f"{base}/{cname}/{cname}/logs/previous.log"] = b""

    def events(self) -> list[Obj]:
        """Return every Event in the list files, sorted by namespace and name."""
        out = [e for ns in sorted(self.lists) for e in self.lists[ns].get(("v1", "Event"), [])]
        return sorted(out, key=lambda e: (e["metadata"]["namespace"], e["metadata"]["name"]))

    def render(self) -> dict[str, bytes]:
        """Return every file of this root, list files included."""
        out = dict(self.files)
        for ns, lists in self.lists.items():
            for (api_version, kind), items in lists.items():
                ordered = sorted(items, key=lambda o: o["metadata"]["name"])
                path = f"namespaces/{ns}/{group_dir(api_version)}/{plural(kind)}.yaml"
                out[path] = dump(k8s_list(api_version, kind, ordered, resource_version("list", ns,
                                                                                       kind)))
        return out


def write_archive(files: dict[str, bytes], dest: Path, *, top: str | None) -> None:
    """Write ``files`` as a reproducible tar.gz.

    Args:
        files: bundle-relative path -> content.
        dest: archive to create.
        top: top directory name, or None for the CI style (``./`` prefix, no top dir).
    """
    prefix = f"{top}/" if top else "./"
    dirs: set[str] = set()
    for path in files:
        parts = path.split("/")[:-1]
        for i in range(1, len(parts) + 1):
            dirs.add("/".join(parts[:i]))
    members: list[tuple[str, bytes | None]] = [(d, None) for d in dirs] + list(files.items())
    members.sort(key=lambda m: m[0])
    raw = io.BytesIO()
    with tarfile.open(fileobj=raw, mode="w", format=tarfile.GNU_FORMAT) as tar:
        root = tarfile.TarInfo(top if top else ".")
        _fix(root, is_dir=True)
        tar.addfile(root)
        for name, body in members:
            info = tarfile.TarInfo(prefix + name)
            _fix(info, is_dir=body is None)
            if body is None:
                tar.addfile(info)
            else:
                info.size = len(body)
                tar.addfile(info, io.BytesIO(body))
    with dest.open("wb") as fh, gzip.GzipFile(filename="", mode="wb", fileobj=fh, mtime=0,
                                              compresslevel=9) as gz:
        gz.write(raw.getvalue())


def _fix(info: tarfile.TarInfo, *, is_dir: bool) -> None:
    info.mtime = 0
    info.uid = info.gid = 0
    info.uname = info.gname = "root"
    if is_dir:
        info.type = tarfile.DIRTYPE
        info.mode = 0o755
    else:
        info.mode = 0o644
