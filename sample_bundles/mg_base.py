"""The shared "base cluster" (OpenShift + RHOAI 2.25 platform) and helpers scenarios build on."""

from __future__ import annotations

from datetime import timedelta

from mg_cluster import Cluster, Spec
from mg_k8s import INSTALL_TIME, Obj, digest, image, rfc3339, suffix, uid
from mg_openshift import (
    cluster_operator,
    cluster_version,
    copied_csv,
    csv,
    infrastructure,
    installplan,
    operator_group,
    subscription,
)
from mg_platform import DOMAIN, rhoai_platform
from mg_resources import node
from mg_workloads import container
from rhoai_objects import (
    APP_NS,
)

READY_STATES = {
    "codeflare": "Removed", "dashboard": "Managed", "datasciencepipelines": "Managed",
    "feastoperator": "Removed", "kserve": "Managed", "kueue": "Removed",
    "llamastackoperator": "Removed",
    "modelmeshserving": "Removed", "modelregistry": "Managed", "ray": "Managed",
    "trainingoperator": "Removed",
    "trustyai": "Managed", "workbenches": "Managed",
}
KUBELET = {"4.17": "v1.30.14", "4.18": "v1.31.11", "4.19": "v1.32.7", "4.20": "v1.33.4"}
def base_cluster(spec: Spec, *, oadp: bool = True) -> Cluster:
    """Return a cluster with OpenShift, OLM operators and the RHOAI platform per ``spec``."""
    if not spec.states:
        spec.states = dict(READY_STATES)
    c = Cluster(spec)
    _openshift(c)
    _olm(c, oadp=oadp)
    rhoai_platform(c)
    return c


def _openshift(c: Cluster) -> None:
    spec = c.spec
    minor = ".".join(spec.ocp_history[0].split(".")[:2])
    masters = [f"ip-10-0-{10 + i}-{number_for(spec.name, i)}.ec2.internal" for i in range(3)]
    c.workers = [f"ip-10-0-{40 + i}-{number_for(spec.name, 10 + i)}.ec2.internal" for i in range(3)]
    for n in masters:
        c.default.single(node_obj(n, "master", KUBELET[minor]))
    for n in c.workers:
        c.default.single(node_obj(n, "worker", KUBELET[minor]))
    history = [(v, c.at - timedelta(days=12 + 70 * i, hours=3)) for i,
               v in enumerate(spec.ocp_history[:-1])]
    history.append((spec.ocp_history[-1],
                    INSTALL_TIME - timedelta(days=2)))  # the install, before any object
    cv = cluster_version(history, spec.ocp_channel, uid("cluster-id", spec.name))
    cfg = "cluster-scoped-resources/config.openshift.io"
    c.default.single(cv)
    c.cluster_list(c.default, f"{cfg}/clusterversions.yaml", "config.openshift.io/v1",
                   "ClusterVersion", [cv])
    c.cluster_list(c.default, f"{cfg}/infrastructures.yaml", "config.openshift.io/v1",
                   "Infrastructure",
                   [infrastructure(spec.platform, f"rhoai-prod-{suffix('infra', spec.name)}",
                                   DOMAIN.replace("apps.", ""))])
    done = history[0][1]
    cos = [cluster_operator("ingress", spec.ocp_history[0], done,
                            [("operator.openshift.io", "ingresscontrollers",
                              "openshift-ingress-operator", "default"),
                             ("", "namespaces", "", "openshift-ingress-operator")]),
           cluster_operator("kube-apiserver", spec.ocp_history[0], done,
                            [("operator.openshift.io", "kubeapiservers", "", "cluster")]),
           cluster_operator("operator-lifecycle-manager", spec.ocp_history[0], done,
                            [("operators.coreos.com", "clusterserviceversions", "", ""),
                             ("", "namespaces", "", "openshift-operator-lifecycle-manager")])]
    for co in cos:
        c.default.single(co)
    c.cluster_list(c.default, f"{cfg}/clusteroperators.yaml", "config.openshift.io/v1",
                   "ClusterOperator", cos)
    c.namespace("openshift-ingress-operator", inspect="default",
                labels={"openshift.io/cluster-monitoring": "true"})
    env = {"RELEASE_VERSION": spec.ocp_history[0], "NAMESPACE": "openshift-ingress-operator"}
    if minor >= "4.19":
        env.update({"GATEWAY_API_OPERATOR_CATALOG": "redhat-operators",
                    "GATEWAY_API_OPERATOR_CHANNEL": "stable",
                    "GATEWAY_API_OPERATOR_VERSION": "servicemeshoperator3.v3.1.0"})
    c.deploy("ingress-operator", "openshift-ingress-operator",
             [container("ingress-operator", image("quay.io/openshift-release-dev/ocp-v4.0-art-dev",
                                                  "ingress", minor), env=env)],
             labels={"name": "ingress-operator"}, root=c.default)
    for name in ("default", "kube-system", "openshift-operators", "openshift-marketplace",
                 "openshift-operator-lifecycle-manager", "openshift-monitoring",
                 f"openshift-must-gather-{suffix('mg', spec.name)}"):
        c.namespace(name, inspect=None,
                    labels=({"openshift.io/cluster-monitoring": "true"}
                            if name.startswith("openshift-") else None))


def number_for(*parts: object) -> int:
    """Return a stable small number (IP octets in node names)."""
    return 10 + int(digest("node", *map(str, parts), n=4), 16) % 240


def node_obj(name: str, role: str, kubelet: str) -> Obj:
    """Return a Node sized for its role."""
    return node(name, role, kubelet, cpu="16" if role == "worker" else "8", memory="65049500Ki")


def subscribe(c: Cluster, name: str, ns: str, package: str, channel: str, csv_name: str,
              version: str,
              display: str, *, deployments: list[str], targets: list[str] | None = None,
              og: str | None = None,
              current_csv: str | None = None, approval: str = "Automatic", copies: tuple[str,
                                                                                         ...] = (),
              replaces: str | None = None) -> Obj:
    """Add an OLM-installed operator (Subscription, CSV, InstallPlan, OperatorGroup).

    Returns:
        The operator's ClusterServiceVersion.
    """
    at = c.at - timedelta(days=40 + int(digest("sub", ns, name, n=2), 16) % 40)
    if ns not in c.namespaces:
        c.namespace(ns, inspect=None)
    c.default.single(operator_group(og or ns, ns, targets))
    c.default.single(subscription(name, ns, package, channel, csv_name, current_csv=current_csv,
                                  approval=approval, at=at))
    the_csv = csv(csv_name, ns, package, version, display, at=at, deployments=deployments,
                  replaces=replaces)
    c.default.single(the_csv)
    c.default.single(installplan(ns, csv_name, approved=True, approval=approval, at=at))
    if current_csv and current_csv != csv_name:
        c.default.single(installplan(ns, current_csv, approved=False, approval=approval,
                                     at=c.at - timedelta(days=3)))
    for target in copies:
        c.default.single(copied_csv(the_csv, target))
    c.serve(package)
    return the_csv


def _olm(c: Cluster, *, oadp: bool) -> None:
    spec = c.spec
    c.namespace("redhat-ods-operator", labels={"openshift.io/cluster-monitoring": "true"})
    ver = spec.rhoai_version
    prev = f"2.25.{int(ver.rsplit('.', 1)[1]) - 1}"
    copies = ("default", APP_NS, f"openshift-must-gather-{suffix('mg', spec.name)}")
    c.rhods_csv = subscribe(c, "rhods-operator", "redhat-ods-operator", "rhods-operator",
                            spec.channel,
                            f"rhods-operator.{ver}", ver, "Red Hat OpenShift AI",
                            deployments=["rhods-operator"],
                            og="rhods-operator", copies=copies, replaces=f"rhods-operator.{prev}",
                            current_csv=spec.pending_csv, approval="Manual")
    subscribe(c, "openshift-cert-manager-operator", "cert-manager-operator",
              "openshift-cert-manager-operator",
              "stable-v1", "cert-manager-operator.v1.17.0", "1.17.0",
              "cert-manager Operator for Red Hat OpenShift",
              deployments=["cert-manager-operator-controller-manager"], og="cert-manager-operator")
    if oadp:
        subscribe(c, "redhat-oadp-operator", "openshift-adp", "redhat-oadp-operator", "stable-1.4",
                  "oadp-operator.v1.4.5", "1.4.5", "OADP Operator",
                  deployments=["openshift-adp-controller-manager"],
                  targets=["openshift-adp"], og="openshift-adp-og")
    olm_ns = "openshift-operator-lifecycle-manager"
    c.default.single(csv("packageserver", olm_ns, "packageserver", "0.0.1-snapshot",
                         "Package Server",
                         at=c.at - timedelta(days=300), deployments=["packageserver"]))


def ootb_image(name: str, tag: str) -> str:
    """Return the internal-registry reference the dashboard puts in a workbench container."""
    return f"image-registry.openshift-image-registry.svc:5000/{APP_NS}/{name}:{tag}"


def stamp(c: Cluster, hours: int) -> str:
    """Return an RFC 3339 time ``hours`` before collection."""
    return rfc3339(c.at - timedelta(hours=hours))
