"""OpenShift platform objects: ClusterVersion, Infrastructure, ClusterOperators, OLM, discovery."""

from __future__ import annotations

import json
from datetime import datetime, timedelta

from mg_k8s import Obj, condition, created, digest, image, meta, obj, rfc3339, suffix

RELEASE_REPO = "quay.io/openshift-release-dev/ocp-release"
VERBS = ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"]


def cluster_version(history: list[tuple[str, datetime]], channel: str, cluster_id: str) -> Obj:
    """Return ClusterVersion ``version``; ``history`` is newest first, all Completed."""
    current, done_at = history[0]
    entries = []
    for idx, (ver, at) in enumerate(history):
        started = at - timedelta(minutes=74)
        entries.append({
            "completionTime": rfc3339(at),
            "image": image(RELEASE_REPO, ver),
            "startedTime": rfc3339(started),
            "state": "Completed",
            "verified": idx < len(history) - 1,
            "version": ver,
        })
    install_at = history[-1][1] - timedelta(minutes=40)
    return obj(
        "config.openshift.io/v1",
        "ClusterVersion",
        meta("ClusterVersion", "version", generation=len(history) + 1, created_at=install_at),
        spec={"channel": channel, "clusterID": cluster_id,
              "desiredUpdate": {"image": image(RELEASE_REPO, current), "version": current,
                                "architecture": ""}},
        status={
            "availableUpdates": None,
            "capabilities": {"enabledCapabilities": ["Build", "Console", "ImageRegistry", "Ingress",
                                                     "MachineAPI", "OperatorLifecycleManager",
                                                     "marketplace"],
                             "knownCapabilities": ["Build", "Console", "ImageRegistry", "Ingress",
                                                   "MachineAPI", "OperatorLifecycleManager",
                                                   "marketplace"]},
            "conditions": [
                condition("RetrievedUpdates", "True", done_at),
                condition("Available", "True", done_at, message=f"Done applying {current}"),
                condition("Failing", "False", done_at),
                condition("Progressing", "False", done_at, message=f"Cluster version is {current}"),
            ],
            "desired": {"image": image(RELEASE_REPO, current), "version": current,
                        "url": "https://access.redhat.com/errata/RHSA-2025:"
                               + str(10000 + int(digest(current, n=4), 16) % 9000),
                        "channels": [channel]},
            "history": entries,
            "observedGeneration": len(history) + 1,
            "versionHash": digest("vh", current, n=11) + "=",
        },
    )


def infrastructure(platform: str, infra_name: str, api_host: str) -> Obj:
    """Return Infrastructure ``cluster``; platform is read from ``status.platformStatus.type``."""
    ps: Obj = {"type": platform}
    if platform == "AWS":
        ps["aws"] = {"region": "us-east-1"}
    return obj(
        "config.openshift.io/v1", "Infrastructure",
        meta("Infrastructure", "cluster", generation=1, created_at=created("Infrastructure",
                                                                           "cluster", days=1)),
        spec={"cloudConfig": {"name": ""}, "platformSpec": {"type": platform}},
        status={
            "apiServerInternalURI": f"https://api-int.{api_host}:6443",
            "apiServerURL": f"https://api.{api_host}:6443",
            "controlPlaneTopology": "HighlyAvailable",
            "cpuPartitioning": "None",
            "etcdDiscoveryDomain": "",
            "infrastructureName": infra_name,
            "infrastructureTopology": "HighlyAvailable",
            "platform": platform,
            "platformStatus": ps,
        },
    )


def cluster_operator(name: str, version: str, at: datetime, related: list[tuple[str, str, str,
                                                                                str]]) -> Obj:
    """Return a healthy ClusterOperator; ``related`` holds (group, resource, namespace, name)."""
    return obj(
        "config.openshift.io/v1", "ClusterOperator",
        meta("ClusterOperator", name, annotations={
            "include.release.openshift.io/self-managed-high-availability": "true"}),
        spec={},
        status={
            "conditions": [
                condition("Available", "True", at, "AsExpected"),
                condition("Progressing", "False", at, "AsExpected"),
                condition("Degraded", "False", at, "AsExpected"),
                condition("Upgradeable", "True", at, "AsExpected"),
            ],
            "relatedObjects": [{"group": g, "resource": r, "namespace": n, "name": nm} if n
                               else {"group": g, "resource": r, "name": nm} for g, r, n,
                               nm in related],
            "versions": [{"name": "operator", "version": version}],
        },
    )


def subscription(name: str, ns: str, package: str, channel: str, installed_csv: str, *,
                 current_csv: str | None = None, approval: str = "Automatic",
                 source: str = "redhat-operators", at: datetime) -> Obj:
    """Return an OLM Subscription; ``current_csv`` differs when an upgrade is pending."""
    current = current_csv or installed_csv
    state = "AtLatestKnown" if current == installed_csv else "UpgradePending"
    return obj(
        "operators.coreos.com/v1alpha1", "Subscription",
        meta("Subscription", name, ns, labels={f"operators.coreos.com/{package}.{ns}": ""},
             generation=1),
        spec={"channel": channel, "installPlanApproval": approval, "name": package,
              "source": source,
              "sourceNamespace": "openshift-marketplace"},
        status={
            "catalogHealth": [{"catalogSourceRef": {"apiVersion": "operators.coreos.com/v1alpha1",
                                                    "kind": "CatalogSource", "name": source,
                                                    "namespace": "openshift-marketplace"},
                               "healthy": True, "lastUpdated": rfc3339(at)}],
            "currentCSV": current,
            "installPlanRef": {"apiVersion": "operators.coreos.com/v1alpha1", "kind": "InstallPlan",
                               "name": installplan_name(ns, current), "namespace": ns},
            "installedCSV": installed_csv,
            "lastUpdated": rfc3339(at),
            "state": state,
        },
    )


def installplan_name(ns: str, csv_name: str) -> str:
    """Return the stable ``install-xxxxx`` name for a CSV's InstallPlan."""
    return f"install-{suffix('ip', ns, csv_name)}"


def installplan(ns: str, csv_name: str, *, approved: bool, approval: str, at: datetime) -> Obj:
    """Return an InstallPlan; an unapproved Manual plan stays in phase RequiresApproval."""
    return obj(
        "operators.coreos.com/v1alpha1", "InstallPlan",
        meta("InstallPlan", installplan_name(ns, csv_name), ns, generation=1, created_at=at),
        spec={"approval": approval, "approved": approved, "clusterServiceVersionNames": [csv_name],
              "generation": 1},
        status={"bundleLookups": [], "catalogSources": [],
                "phase": "Complete" if approved else "RequiresApproval",
                "startTime": rfc3339(at)},
    )


def csv(name: str, ns: str, package: str, version: str, display: str, *, at: datetime,
        deployments: list[str], replaces: str | None = None) -> Obj:
    """Return a (trimmed) ClusterServiceVersion in phase Succeeded."""
    spec: Obj = {
        "displayName": display,
        "version": version,
        "provider": {"name": "Red Hat"},
        "maturity": "stable",
        "installModes": [{"supported": t != "MultiNamespace", "type": t}
                         for t in ("OwnNamespace", "SingleNamespace", "MultiNamespace",
                                   "AllNamespaces")],
        "install": {"strategy": "deployment", "spec": {"deployments": [
            {"name": d, "spec": {"replicas": 1,
                                 "selector": {"matchLabels": {"name": d}}}} for d in deployments]}},
    }
    if replaces:
        spec["replaces"] = replaces
    return obj(
        "operators.coreos.com/v1alpha1", "ClusterServiceVersion",
        meta("ClusterServiceVersion", name, ns,
             labels={f"operators.coreos.com/{package}.{ns}": "", "olm.managed": "true"},
             annotations={"olm.operatorGroup": ns, "olm.operatorNamespace": ns,
                          "operatorframework.io/properties": json.dumps(
                              {"properties": [{"type": "olm.package",
                                               "value": {"packageName": package,
                                                         "version": version}}]},
                              separators=(",", ":"))},
             generation=1, created_at=at),
        spec=spec,
        status={"phase": "Succeeded", "reason": "InstallSucceeded",
                "message": "install strategy completed with no errors",
                "lastTransitionTime": rfc3339(at + timedelta(minutes=2)),
                "conditions": [{"phase": "Succeeded", "reason": "InstallSucceeded",
                                "lastTransitionTime": rfc3339(at + timedelta(minutes=2))}]},
    )


def copied_csv(original: Obj, target_ns: str) -> Obj:
    """Return the copy OLM writes into ``target_ns`` for an AllNamespaces operator."""
    src_ns = original["metadata"]["namespace"]
    name = original["metadata"]["name"]
    md = meta("ClusterServiceVersion", name, target_ns,
              labels={**original["metadata"]["labels"], "olm.copiedFrom": src_ns},
              annotations=original["metadata"]["annotations"])
    return obj(original["apiVersion"], original["kind"], md, spec=original["spec"],
               status={**original["status"], "reason": "Copied",
                       "message": f"The operator is running in {src_ns} but is managing this"
                                  " namespace"})


def operator_group(name: str, ns: str, targets: list[str] | None) -> Obj:
    """Return an OperatorGroup; ``targets=None`` means AllNamespaces."""
    spec: Obj = {"upgradeStrategy": "Default"}
    if targets is not None:
        spec["targetNamespaces"] = targets
    return obj("operators.coreos.com/v1", "OperatorGroup",
               meta("OperatorGroup", name, ns, generation=1),
               spec=spec,
               status={"lastUpdated": rfc3339(created("OperatorGroup", ns, name)),
                       "namespaces": targets if targets is not None else [""]})


def discovery_list(groups: dict[str, tuple[str, list[tuple[str, str, str, bool]]]]) -> Obj:
    """Return an ``APIGroupDiscoveryList``.

    ``groups`` maps group -> (version, [(plural, Kind, scope, in category all)]).
    """
    items = []
    for group in sorted(groups):
        version, resources = groups[group]
        res = []
        for plural, kind, scope, in_all in sorted(resources):
            entry: Obj = {"resource": plural, "responseKind": {"group": "", "kind": kind,
                                                               "version": ""},
                          "scope": scope, "singularResource": kind.lower(), "verbs": VERBS}
            if in_all:
                entry["categories"] = ["all"]
            res.append(entry)
        items.append({"metadata": {"creationTimestamp": None, "name": group},
                      "versions": [{"freshness": "Current", "resources": res, "version": version}]})
    return {"apiVersion": "apidiscovery.k8s.io/v2", "kind": "APIGroupDiscoveryList",
            "metadata": {}, "items": items}
