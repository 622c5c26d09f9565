"""Logs are indexed (never loaded) and cluster_facts picks versions in priority order."""

from __future__ import annotations

import gzip
import io
import tarfile
from pathlib import Path

import duckdb
import pytest

from analyzer.ingest import ingest_paths
from analyzer.limits import Limits

POD = "namespaces/ns1/pods/web-1/server/server/logs"
LOGS = {
    f"{POD}/current.log": b"2026-11-01T10:00:00.123456789Z start\nmiddle\n"
                          b"2026-11-01T10:09:59Z end\n",
    f"{POD}/previous.log": b"",
    f"{POD}/current.insecure.log": b"2026-11-01T09:00:00Z x\n",
    f"{POD}/rotated/0.log.20261031-230000": b"2026-10-31T22:00:00Z a\n2026-10-31T23:00:00Z b\n",
    f"{POD}/rotated/1.log.20261031-220000.gz": gzip.compress(
        b"2026-10-31T21:00:00Z gz-first\n\xff\xfe non-utf8\n2026-10-31T21:30:00Z gz-last\n",
        mtime=0),
    "host_service_logs/masters/kubelet_service.log": b"Nov 01 10:00:00 node kubelet[1]: hi\n",
}
EXPECTED = {
    f"{POD}/current.log": ("ns1", "web-1", "server", "current", False,
                           "2026-11-01T10:00:00.123456789Z", "2026-11-01T10:09:59Z"),
    f"{POD}/previous.log": ("ns1", "web-1", "server", "previous", False, None, None),
    f"{POD}/current.insecure.log": ("ns1", "web-1", "server", "insecure", False,
                                    "2026-11-01T09:00:00Z", "2026-11-01T09:00:00Z"),
    f"{POD}/rotated/0.log.20261031-230000": ("ns1", "web-1", "server", "rotated", False,
                                             "2026-10-31T22:00:00Z", "2026-10-31T23:00:00Z"),
    f"{POD}/rotated/1.log.20261031-220000.gz": ("ns1", "web-1", "server", "rotated", True,
                                                "2026-10-31T21:00:00Z", "2026-10-31T21:30:00Z"),
    "host_service_logs/masters/kubelet_service.log": (None, None, None, "host_service", False,
                                                      None, None),
}


def write(base: Path, files: dict[str, bytes]) -> Path:
    for rel, body in files.items():
        p = base / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_bytes(body)
    return base


def tgz(files: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with tarfile.open(fileobj=out, mode="w") as tf:
        for rel, body in sorted(files.items()):
            ti = tarfile.TarInfo(rel)
            ti.size = len(body)
            tf.addfile(ti, io.BytesIO(body))
    return gzip.compress(out.getvalue(), mtime=0)


@pytest.mark.parametrize("packed", [False, True], ids=["dir", "tar.gz"])
def test_logs_are_indexed_not_loaded(tmp_path: Path, packed: bool) -> None:
    if packed:
        path = tmp_path / "b.tar.gz"
        path.write_bytes(tgz(LOGS))
    else:
        path = write(tmp_path / "in", LOGS)
    con = duckdb.connect()
    summary = ingest_paths([path], con, limits=Limits(), workers=1)
    assert summary.errors == [] and summary.objects == 0
    got = {r[0]: r[1:] for r in con.execute(
        "select path, namespace, pod, container, log_type, gzip, first_ts, last_ts from logs"
    ).fetchall()}
    assert got == EXPECTED
    sizes = dict(con.execute("select path, bytes from logs").fetchall())
    for rel, body in LOGS.items():
        assert sizes[rel] == len(body)
    assert con.execute("select distinct type, parse_status from files").fetchall() == [
        ("log", "not_parsed")]


def _obj(api: str, kind: str, name: str, ns: str | None, body: str) -> bytes:
    meta = f"  name: {name}\n" + (f"  namespace: {ns}\n" if ns else "")
    return f"apiVersion: {api}\nkind: {kind}\nmetadata:\n{meta}{body}".encode()


DEF = "quay-io-openshift-release-dev-ocp-v4-0-art-dev-sha256-" + "c" * 64
RHOAI = "quay-io-modh-must-gather-sha256-" + "d" * 64
OLM = "operators.coreos.com"
SOURCES = {
    "version-file": (f"{RHOAI}/version", b"red-hat-data-services/must-gather\n2.25.4\n"),
    "csv": (f"{DEF}/namespaces/redhat-ods-operator/{OLM}/clusterserviceversions/rhods.yaml",
            _obj(f"{OLM}/v1alpha1", "ClusterServiceVersion", "rhods-operator.2.25.3",
                 "redhat-ods-operator", "spec:\n  version: 2.25.3\n")),
    "dsc": (f"{RHOAI}/cluster-scoped-resources/dsc.yaml",
            _obj("datasciencecluster.opendatahub.io/v1", "DataScienceCluster", "default-dsc",
                 None, "status:\n  release:\n    version: 2.25.2\n")),
    "dsci": (f"{RHOAI}/cluster-scoped-resources/dsci.yaml",
             _obj("dscinitialization.opendatahub.io/v1", "DSCInitialization", "default-dsci",
                  None, "spec:\n  applicationsNamespace: my-apps\n"
                        "status:\n  release:\n    version: 2.25.1\n")),
    "subscription": (f"{DEF}/namespaces/redhat-ods-operator/{OLM}/subscriptions/rhods.yaml",
                     _obj(f"{OLM}/v1alpha1", "Subscription", "rhods-operator",
                          "redhat-ods-operator", "spec:\n  name: rhods-operator\n"
                          "  channel: stable-2.25\nstatus:\n"
                          "  installedCSV: rhods-operator.2.25.0\n")),
}
ORDER = ["version-file", "csv", "dsc", "dsci", "subscription"]
VERSIONS = {"version-file": "2.25.4", "csv": "2.25.3", "dsc": "2.25.2", "dsci": "2.25.1",
            "subscription": "2.25.0"}
BASE = {
    f"{DEF}/version": b"openshift/must-gather\n4.19.9\n",
    f"{DEF}/timestamp": b"2026-11-01 10:00:00 +0000 UTC m=+0.1\n2026-11-01 10:30:00 +0000 UTC\n",
    f"{DEF}/cluster-scoped-resources/config.openshift.io/clusterversions/version.yaml": _obj(
        "config.openshift.io/v1", "ClusterVersion", "version", None,
        "status:\n  desired: {version: 4.19.10}\n  history:\n"
        "  - {state: Partial, version: 4.19.10}\n  - {state: Completed, version: 4.19.9}\n"),
    f"{DEF}/cluster-scoped-resources/config.openshift.io/infrastructures/cluster.yaml": _obj(
        "config.openshift.io/v1", "Infrastructure", "cluster", None,
        "status:\n  platformStatus: {type: AWS}\n"),
}


def facts(tmp_path: Path, files: dict[str, bytes]) -> dict[str, object]:
    con = duckdb.connect()
    ingest_paths([write(tmp_path / "in", files)], con, limits=Limits(), workers=1)
    cur = con.execute("select * from cluster_facts")
    cols = [d[0] for d in cur.description]
    rows = cur.fetchall()
    assert len(rows) == 1
    return dict(zip(cols, rows[0], strict=True))


@pytest.mark.parametrize("first", range(len(ORDER) + 1))
def test_rhoai_version_sources_in_priority_order(tmp_path: Path, first: int) -> None:
    files = dict(BASE)
    files.update(dict(SOURCES[s] for s in ORDER[first:]))
    got = facts(tmp_path, files)
    want = ORDER[first] if first < len(ORDER) else None
    assert got["rhoai_version_source"] == want
    assert got["rhoai_version"] == (VERSIONS[want] if want else None)
    assert got["ocp_version"] == "4.19.9"
    assert got["ocp_version_source"] == "clusterversion-history"
    assert got["platform"] == "AWS"
    assert got["collected_at"] == "2026-11-01T10:30:00Z"
    assert got["app_namespace"] == ("my-apps" if first <= ORDER.index("dsci")
                                    else "redhat-ods-applications")
    assert got["channel"] == ("stable-2.25" if first < len(ORDER) else None)


def test_placeholder_version_file_is_ignored(tmp_path: Path) -> None:
    files = dict(BASE)
    files.update(dict(SOURCES.values()))
    files[f"{RHOAI}/version"] = b"red-hat-data-services/must-gather\nUnknown\n"
    got = facts(tmp_path, files)
    assert (got["rhoai_version"], got["rhoai_version_source"]) == ("2.25.3", "csv")


def test_ocp_version_falls_back_to_desired(tmp_path: Path) -> None:
    files = dict(BASE)
    key = f"{DEF}/cluster-scoped-resources/config.openshift.io/clusterversions/version.yaml"
    files[key] = _obj("config.openshift.io/v1", "ClusterVersion", "version", None,
                      "status:\n  desired: {version: 4.20.1}\n  history:\n"
                      "  - {state: Partial, version: 4.20.1}\n")
    got = facts(tmp_path, files)
    assert (got["ocp_version"], got["ocp_version_source"]) == ("4.20.1", "clusterversion-desired")
