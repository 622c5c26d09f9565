"""The ``Cluster`` builder: one simulated RHOAI 2.25 cluster and the bundle it would produce.

Scenario code calls the high-level methods (``namespace``, ``deploy``, ``subscribe``,
``workbench`` in mg_base.py, ...); ``render`` lays everything out the way a
two-image ``oc adm must-gather`` plus the supplementary ``rhoai-extra`` inspect
would write it.
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from mg_discovery import BASE_GROUPS, COMPONENT_GROUPS
from mg_k8s import Obj, digest, dump, k8s_list, number, resource_version, rfc3339nano, suffix
from mg_openshift import discovery_list
from mg_resources import event
from mg_tree import NAMESPACE_LISTS, InspectRoot
from mg_workloads import deployment, namespace, pod, pod_spec

CET = timedelta(hours=1)

@dataclass
class Spec:
    """Scenario knobs; defaults describe the ready-to-migrate cluster."""

    name: str
    ocp_history: list[str] = field(default_factory=lambda: ["4.19.12", "4.18.20", "4.17.35"])
    ocp_channel: str = "stable-4.19"
    rhoai_version: str = "2.25.4"
    channel: str = "eus-2.25"
    platform: str = "AWS"
    states: dict[str, str] = field(default_factory=dict)
    serving: str = "Removed"
    default_mode: str = "RawDeployment"
    service_mesh: str = "Removed"
    extra: bool = True
    layout: str = "local"  # local | renamed | ci
    top_dir: str = ""
    pending_csv: str | None = None  # Subscription currentCSV when an upgrade waits for approval
    collected_at: datetime = datetime(2026, 11, 2, 9, 14, 7, 512331, tzinfo=UTC)


class Cluster:
    """Mutable model of a cluster; every method is deterministic."""

    def __init__(self, spec: Spec) -> None:
        """Create the roots for ``spec``; mg_base.base_cluster fills them."""
        self.spec = spec
        self.at = spec.collected_at
        lists = list(NAMESPACE_LISTS)
        if spec.states.get("ray") == "Managed":
            lists.append(("ray.io/v1", "RayCluster"))
        if spec.serving == "Managed":
            lists.append(("serving.knative.dev/v1", "Service"))
        self.default = InspectRoot(list(NAMESPACE_LISTS))
        self.rhoai = InspectRoot(lists)
        self.extra = InspectRoot([]) if spec.extra else None
        self.namespaces: dict[str, Obj] = {}
        self.groups = {g: (v, list(r)) for g, (v, r) in BASE_GROUPS.items()}
        self.workers: list[str] = []
        self.rhods_csv: Obj = {}
        self.inspect_calls = 0
        for comp, state in sorted(spec.states.items()):
            if state == "Managed":
                self.serve(comp)

    # -- primitives ---------------------------------------------------------

    def serve(self, key: str) -> None:
        """Mark the API groups of a component or OLM package as served."""
        for group, (version, resources) in COMPONENT_GROUPS.get(key, {}).items():
            if group in self.groups:
                known = {r[0] for r in self.groups[group][1]}
                self.groups[group][1].extend(r for r in resources if r[0] not in known)
            else:
                self.groups[group] = (version, list(resources))

    def namespace(self, name: str, *, inspect: str | None = "rhoai",
                  labels: dict[str, str] | None = None, annotations: dict[str, str] | None = None,
                  requester: str | None = None) -> Obj:
        """Create a namespace; ``inspect`` names the root that inspected it (or None)."""
        ns = namespace(name, labels=labels, annotations=annotations, requester=requester)
        self.namespaces[name] = ns
        if inspect == "rhoai":
            self.rhoai.inspect_namespace(ns)
            self.inspect_calls += 1
        elif inspect == "default":
            self.default.inspect_namespace(ns)
        return ns

    def started(self, *parts: str) -> datetime:
        """Return a stable container start time before collection."""
        return self.at - timedelta(minutes=90 + number("start", *parts, modulo=60 * 24 * 20))

    def node_for(self, *parts: str) -> str:
        """Pick a worker node for a pod."""
        return self.workers[number("node", *parts, modulo=len(self.workers))]

    def logs_for(self, containers: list[Obj], start: datetime,
                 extra: dict[str, list[str]] | None) -> dict[str, list[str]]:
        """Return default controller-style log lines per container, overridden by ``extra``."""
        out: dict[str, list[str]] = {}
        for i, c in enumerate(containers):
            t = start + timedelta(seconds=2 + i)
            out[c["name"]] = [
                f"{rfc3339nano(t)} INFO setup starting {c['name']}",
                f"{rfc3339nano(t + timedelta(seconds=1))} INFO controller-runtime.metrics"
                ' Serving metrics server {"bindAddress": ":8080", "secure": false}',
                f"{rfc3339nano(t + timedelta(seconds=3))} INFO Starting workers"
                ' {"worker count": 1}',
            ]
        out.update(extra or {})
        return out

    def deploy(self, name: str, ns: str, containers: list[Obj], *, labels: dict[str, str],
               replicas: int = 1,
               owner: Obj | None = None, logs: dict[str, list[str]] | None = None,
               root: InspectRoot | None = None,
               sa: str | None = None) -> Obj:
        """Add a Deployment, its ReplicaSet and ``replicas`` running Pods (with logs and events)."""
        root = root or self.rhoai
        spec = pod_spec(containers, service_account=sa or name)
        dep, rs, hash_ = deployment(name, ns, spec, labels=labels, replicas=replicas, owner=owner)
        root.add(dep)
        root.add(rs)
        for i in range(replicas):
            pname = f"{name}-{hash_}-{suffix('pod', ns, name, str(i))}"
            self.add_pod(root, pname, ns, spec, labels={**labels, "pod-template-hash": hash_},
                         owner=rs, logs=logs)
        return dep

    def add_pod(self, root: InspectRoot, name: str, ns: str, spec: Obj, *, labels: dict[str, str],
                owner: Obj | None,
                logs: dict[str, list[str]] | None = None, waiting: str | None = None) -> Obj:
        """Add one Pod with logs and a Scheduled event."""
        start = self.started(ns, name)
        node = self.node_for(ns, name)
        p = pod(name, ns, spec, labels=labels, owner=owner, node=node, started=start,
                waiting_reason=waiting)
        root.add_pod(p, {} if waiting else self.logs_for(spec["containers"], start, logs))
        root.add(event(ns, p, "Scheduled", f"Successfully assigned {ns}/{name} to {node}",
                       start - timedelta(seconds=19), component="default-scheduler"))
        if waiting:
            root.add(event(ns, p, "Failed", f"Error: {waiting}", self.at - timedelta(minutes=3),
                           type_="Warning"))
        return p

    def supplementary(self, o: Obj) -> None:
        """Write a workload CR where ``oc adm inspect -A`` puts it (if the scenario has it)."""
        if self.extra is not None:
            self.extra.single(o)

    def cluster_list(self, root: InspectRoot, path: str, api_version: str, kind: str,
                     items: list[Obj]) -> None:
        """Write a cluster-scoped ``<Kind>List`` file (config.openshift.io lists)."""
        root.text(path, dump(k8s_list(api_version, kind, items, resource_version("cl", path))))

    # -- rendering ----------------------------------------------------------

    def _timestamps(self, calls: int, utc: bool) -> str:
        lines = []
        t = self.at
        for i in range(max(calls, 1)):
            for j in range(2):
                t = t + timedelta(seconds=1 + number("ts", str(i), str(j), modulo=9),
                                  microseconds=number("us", str(i), str(j), modulo=999999))
                mono = (t - self.at).total_seconds()
                zone = "+0000 UTC" if utc else "+0100 CET"
                shown = t if utc else t + CET
                nanos = f"{shown.microsecond:06d}{number('ns', str(i), str(j), modulo=1000):03d}"
                lines.append(f"{shown:%Y-%m-%d %H:%M:%S}.{nanos} {zone} m=+{mono:.9f}")
        return "\n".join(lines) + "\n"

    def _event_filter(self, roots: list[InspectRoot]) -> str:
        rows = []
        for root in roots:
            for e in root.events():
                cells = [e["lastTimestamp"], e["metadata"]["namespace"],
                         e["involvedObject"]["kind"],
                         e["involvedObject"]["name"], e["type"], e["reason"], e["message"]]
                tds = "".join(f"<td>{html.escape(str(c))}</td>" for c in cells)
                rows.append(f"<tr>{tds}</tr>")
        return ("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>Events</title></head>"
                "<body>\n<table id=\"events\"><thead><tr><th>Time</th><th>Namespace</th>"
                "<th>Kind</th><th>Name</th>"
                "<th>Type</th><th>Reason</th><th>Message</th></tr></thead><tbody>\n"
                + "\n".join(rows) + "\n</tbody></table></body></html>\n")

    def render(self) -> tuple[dict[str, bytes], str | None]:
        """Return (bundle-relative files, top directory name or None for the CI layout)."""
        spec = self.spec
        minor = ".".join(spec.ocp_history[0].split(".")[:2])
        default_dir = ("quay-io-openshift-release-dev-ocp-v4-0-art-dev-sha256-"
                       + digest("mg-image", minor))
        rhoai_dir = f"quay-io-modh-must-gather-sha256-{digest('rhoai-mg-image', '2.25')}"
        disco = dump(discovery_list(self.groups))
        core = dump({"apiVersion": "apidiscovery.k8s.io/v2", "kind": "APIGroupDiscoveryList",
                     "metadata": {},
                     "items": [{"metadata": {"creationTimestamp": None},
                                "versions": [{"freshness": "Current", "version": "v1",
                                              "resources": [
                         {"resource": r, "responseKind": {"group": "", "kind": k, "version": ""},
                          "scope": s,
                          "singularResource": k.lower(), "verbs": ["get", "list", "watch"]}
                         for r, k, s in [("configmaps", "ConfigMap", "Namespaced"), ("events",
                                                                                     "Event",
                                                                                     "Namespaced"),
                                         ("namespaces", "Namespace", "Cluster"), ("nodes", "Node",
                                                                                  "Cluster"),
                                         ("pods", "Pod", "Namespaced"), ("secrets", "Secret",
                                                                         "Namespaced"),
                                         ("services", "Service", "Namespaced")]]}]}]})
        commit = digest("oc", minor, n=7)
        build = f"{minor}.0-202509090621.p2.g{commit}.assembly.stream.el9-{commit}"
        roots: list[tuple[str, InspectRoot, str | None, int]] = [
            (default_dir, self.default, f"openshift/must-gather\n{build}\n", 12),
            (rhoai_dir, self.rhoai, f"red-hat-data-services/must-gather\n{spec.rhoai_version}\n",
             self.inspect_calls + 20),
        ]
        if self.extra is not None:
            roots.append(("rhoai-extra", self.extra, None, 14))
        files: dict[str, bytes] = {}
        for dirname, root, version, calls in roots:
            root.text("timestamp", self._timestamps(calls, utc=True))
            root.text("event-filter.html", self._event_filter([root]))
            root.text("aggregated-discovery-apis.yaml", disco)
            root.text("aggregated-discovery-api.yaml", core)
            if version is not None:
                root.text("version", version)
                root.text("gather.logs", self._gather_log(dirname))
            for path, body in root.render().items():
                files[f"{dirname}/{path}"] = body
        files["timestamp"] = self._timestamps(1, utc=False).encode()
        files["event-filter.html"] = self._event_filter([r for _, r, _, _ in roots]).encode()
        log_name = "must-gather.log" if spec.layout == "ci" else "must-gather.logs"
        files[log_name] = self._client_log([d for d, _, _, _ in roots]).encode()
        if self.extra is not None:
            items = [self.namespaces[n] for n in sorted(self.namespaces)]
            files["namespaces.yaml"] = dump({"apiVersion": "v1", "items": items, "kind": "List",
                                             "metadata": {"resourceVersion": ""}}, separator=False)
        return files, (None if spec.layout == "ci" else spec.top_dir)

    def _gather_log(self, dirname: str) -> str:
        t = self.at + timedelta(seconds=2)
        what = "RHOAI" if "modh" in dirname else "OpenShift"
        return "".join(f"{rfc3339nano(t + timedelta(seconds=i * 7))} {msg}\n" for i,
                       msg in enumerate([
            f"Starting {what} must-gather collection",
            "Gathering cluster-scoped resources",
            "Gathering namespace resources",
            "Collection completed",
        ]))

    def _client_log(self, dirs: list[str]) -> str:
        t = self.at - timedelta(seconds=1)
        images = ["quay.io/openshift-release-dev/ocp-v4.0-art-dev", "quay.io/modh/must-gather"]
        head = "[must-gather      ] OUT"
        lines = [f"{head} {rfc3339nano(t)} Using must-gather plug-in image:"
                 f" {img}@sha256:{d.rsplit('-', 1)[1]}"
                 for img, d in zip(images, dirs[:2], strict=True)]
        lines.append(f"{head} {rfc3339nano(self.at + timedelta(minutes=4))} Gathering completed")
        return "\n".join(lines) + "\n"
