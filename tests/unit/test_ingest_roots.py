"""Roots, provenance across inputs, List flattening, dedup and copied CSVs."""

from __future__ import annotations

import gzip
import io
import tarfile
from pathlib import Path
from typing import Any

import duckdb
import pytest

from analyzer.ingest import ingest_paths
from analyzer.limits import Limits

TOP = "must-gather.local.1"
DEF = "quay-io-openshift-release-dev-ocp-v4-0-art-dev-sha256-" + "a" * 64
RHOAI = "registry-redhat-io-rhoai-odh-must-gather-rhel9-sha256-" + "b" * 64
CV_DIR = "cluster-scoped-resources/config.openshift.io"


def obj(api: str, kind: str, name: str, ns: str | None = None, rv: str | None = None,
        extra: str = "") -> str:
    meta = f"  name: {name}\n" + (f"  namespace: {ns}\n" if ns else "") + (
        f"  resourceVersion: \"{rv}\"\n" if rv else "")
    return f"apiVersion: {api}\nkind: {kind}\nmetadata:\n{meta}{extra}"


def cv(rv: str, channel: str) -> str:
    return obj("config.openshift.io/v1", "ClusterVersion", "version", rv=rv,
               extra=f"spec:\n  channel: {channel}\n")


def indent(text: str, pad: str) -> str:
    return "".join(pad + line + "\n" for line in text.splitlines())


def cv_list(rv: str) -> str:
    item = cv(rv, "from-list").replace("apiVersion: config.openshift.io/v1\nkind: "
                                       "ClusterVersion\n", "")
    return ("apiVersion: config.openshift.io/v1\nkind: ClusterVersionList\nitems:\n- "
            + indent(item, "  ").lstrip())


def bundle(newer_rv: str = "200") -> dict[str, str]:
    csv = "operators.coreos.com/clusterserviceversions/rhods-operator.2.25.4.yaml"
    return {
        f"{TOP}/timestamp": "2026-11-01 10:00:00 +0000 UTC m=+0.1\n",
        f"{TOP}/{DEF}/version": "openshift/must-gather\n4.19.9\n",
        f"{TOP}/{DEF}/timestamp": "2026-11-01 10:00:00 +0000 UTC m=+0.1\n"
                                  "2026-11-01 10:20:00 +0000 UTC m=+1200\n",
        f"{TOP}/{DEF}/{CV_DIR}/clusterversions.yaml": cv_list("100"),
        f"{TOP}/{DEF}/{CV_DIR}/clusterversions/version.yaml": cv("100", "from-single"),
        f"{TOP}/{DEF}/namespaces/redhat-ods-operator/{csv}": obj(
            "operators.coreos.com/v1alpha1", "ClusterServiceVersion", "rhods-operator.2.25.4",
            "redhat-ods-operator", extra="spec:\n  version: 2.25.4\n"),
        f"{TOP}/{DEF}/namespaces/ns-b/{csv}": obj(
            "operators.coreos.com/v1alpha1", "ClusterServiceVersion", "rhods-operator.2.25.4",
            "ns-b", extra="  labels:\n    olm.copiedFrom: redhat-ods-operator\n"
                          "spec:\n  version: 2.25.4\nstatus:\n  reason: Copied\n"),
        f"{TOP}/{DEF}/istio/namespaces/istio-system/core/configmaps/mesh.yaml": obj(
            "v1", "ConfigMap", "mesh", "istio-system"),
        f"{TOP}/{RHOAI}/version": "red-hat-data-services/must-gather\n2.25.4\n",
        f"{TOP}/{RHOAI}/{CV_DIR}/clusterversions/version.yaml": cv(newer_rv, "from-rhoai"),
        f"{TOP}/{RHOAI}/cluster-scoped-resources/datasciencecluster.opendatahub.io/"
        "datascienceclusters/default-dsc.yaml": obj(
            "datasciencecluster.opendatahub.io/v1", "DataScienceCluster", "default-dsc"),
        f"{TOP}/inspect.local.777/{CV_DIR}/clusterversions/version.yaml": cv("100", "fallback"),
        f"{TOP}/rhoai-extra/namespaces/ds1/kubeflow.org/notebooks.yaml":
            "apiVersion: kubeflow.org/v1\nkind: NotebookList\nitems:\n"
            "- metadata: {name: nb1, namespace: ds1}\n- metadata: {name: nb2, namespace: ds1}\n",
    }


def tgz(files: dict[str, str]) -> bytes:
    out = io.BytesIO()
    with tarfile.open(fileobj=out, mode="w") as tf:
        for rel, body in sorted(files.items()):
            data = body.encode()
            ti = tarfile.TarInfo(rel)
            ti.size = len(data)
            tf.addfile(ti, io.BytesIO(data))
    return gzip.compress(out.getvalue(), mtime=0)


def write(base: Path, files: dict[str, str]) -> Path:
    for rel, body in files.items():
        p = base / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(body)
    return base


def ingest(paths: list[Path]) -> duckdb.DuckDBPyConnection:
    con = duckdb.connect()
    summary = ingest_paths(paths, con, limits=Limits(), workers=1)
    assert summary.errors == []
    return con


def rows(con: duckdb.DuckDBPyConnection, sql: str) -> list[tuple[Any, ...]]:
    return con.execute(sql).fetchall()


@pytest.fixture
def con(tmp_path: Path) -> duckdb.DuckDBPyConnection:
    (tmp_path / "mg.tar.gz").write_bytes(tgz(bundle()))
    return ingest([tmp_path / "mg.tar.gz"])


def test_roots_are_classified(con: duckdb.DuckDBPyConnection) -> None:
    got = rows(con, "select root_id, path, kind, image, product, version, parent_root_id, "
                    "ts_first, ts_last from roots order by root_id")
    assert got == [
        (0, f"{TOP}/inspect.local.777", "inspect", None, None, None, None, None, None),
        (1, f"{TOP}/{DEF}", "image", DEF, "openshift/must-gather", "4.19.9", None,
         "2026-11-01T10:00:00Z", "2026-11-01T10:20:00Z"),
        (2, f"{TOP}/{RHOAI}", "image", RHOAI, "red-hat-data-services/must-gather", "2.25.4",
         None, None, None),
        (3, f"{TOP}/rhoai-extra", "inspect", None, None, None, None, None, None),
        (4, f"{TOP}/{DEF}/istio", "inspect", None, None, None, 1, None, None),
    ]


def test_objects_carry_their_root(con: duckdb.DuckDBPyConnection) -> None:
    got = dict(rows(con, "select coalesce(namespace, '') || '/' || name || '@' || "
                         "coalesce(spec, ''), root_id from (select *, raw->>'/spec/channel' "
                         "as spec from objects)"))
    assert got["/version@fallback"] == 0
    assert got["/version@from-single"] == 1
    assert got["/version@from-rhoai"] == 2
    assert got["/default-dsc@"] == 2
    assert got["ds1/nb1@"] == 3
    assert got["istio-system/mesh@"] == 4
    assert rows(con, "select count(*) from files where root_id is null and type = 'yaml'") == [(0,)]


def test_kind_list_items_are_flattened_with_indexes(con: duckdb.DuckDBPyConnection) -> None:
    got = rows(con, "select name, kind, api_version, doc, item from objects "
                    "where file like '%notebooks.yaml' order by item")
    assert got == [("nb1", "Notebook", "kubeflow.org/v1", 0, 0),
                   ("nb2", "Notebook", "kubeflow.org/v1", 0, 1)]


def test_dedup_newest_resource_version_wins(con: duckdb.DuckDBPyConnection) -> None:
    got = rows(con, "select resource_id, sources, raw->>'/spec/channel' from clusterversions")
    assert len(got) == 1 and got[0][1:] == (4, "from-rhoai")
    rid = got[0][0]
    assert rows(con, f"select count(*), count(distinct root_id), count(item) "
                     f"from object_sources where resource_id = {rid}") == [(4, 3, 1)]


def test_dedup_tie_prefers_a_single_object_file(tmp_path: Path) -> None:
    files = bundle(newer_rv="100")
    del files[f"{TOP}/inspect.local.777/{CV_DIR}/clusterversions/version.yaml"]
    (tmp_path / "b.tar.gz").write_bytes(tgz(files))
    con = ingest([tmp_path / "b.tar.gz"])
    assert rows(con, "select sources, item, raw->>'/spec/channel' from clusterversions") == [
        (3, None, "from-single")]


def test_copied_csvs_are_flagged_and_excluded(con: duckdb.DuckDBPyConnection) -> None:
    assert rows(con, "select namespace, is_copied_csv from objects "
                     "where kind = 'ClusterServiceVersion' order by namespace") == [
        ("ns-b", True), ("redhat-ods-operator", False)]
    assert rows(con, "select namespace, sources from csvs") == [("redhat-ods-operator", 1)]
    assert rows(con, "select count(*) from object_sources s join objects o using (object_id) "
                     "where o.is_copied_csv") == [(0,)]


def test_several_inputs_merge_with_provenance(tmp_path: Path) -> None:
    (tmp_path / "mg.tar.gz").write_bytes(tgz(bundle()))
    supp = write(tmp_path / "supp", {
        "namespaces/ds1/kubeflow.org/notebooks/nb1.yaml": obj("kubeflow.org/v1", "Notebook",
                                                              "nb1", "ds1", rv="9"),
        "timestamp": "2026-11-02 10:00:00 +0000 UTC m=+0.1\n"})
    dump = tmp_path / "dsc.yaml"
    dump.write_text(obj("datasciencecluster.opendatahub.io/v1", "DataScienceCluster",
                        "default-dsc", rv="5"))
    con = ingest([tmp_path / "mg.tar.gz", supp, dump])
    assert rows(con, "select input_id, format from inputs order by 1") == [
        (0, "tar.gz"), (1, "dir"), (2, "yaml")]
    assert rows(con, "select root_id, input_id, path, kind from roots where input_id > 0") == [
        (5, 1, "", "inspect"), (6, 2, "dsc.yaml", "dump")]
    assert rows(con, "select count(distinct root_id) from roots") == [(7,)]
    assert rows(con, "select input_id, root_id, item from objects where name = 'nb1' "
                     "order by input_id") == [(0, 3, 0), (1, 5, None)]
    nb = rows(con, "select resource_id, input_id, sources from notebooks where name = 'nb1'")
    assert [r[1:] for r in nb] == [(1, 2)]  # rv 9 beats the list item without one
    assert rows(con, f"select input_id from object_sources where resource_id = {nb[0][0]} "
                     "order by 1") == [(0,), (1,)]
    assert rows(con, "select input_id, root_id, sources from datascienceclusters") == [(2, 6, 2)]


def test_multi_document_and_list_dump(tmp_path: Path) -> None:
    dump = tmp_path / "all.yaml"
    dump.write_text("---\n" + obj("v1", "Namespace", "ds1") + "---\n"
                    "apiVersion: v1\nkind: List\nitems:\n"
                    "- {apiVersion: v1, kind: ConfigMap, metadata: {name: a, namespace: ds1}}\n"
                    "- {apiVersion: kubeflow.org/v1, kind: Notebook,"
                    " metadata: {name: nb, namespace: ds1}}\n")
    con = ingest([dump])
    assert rows(con, "select kind, name, doc, item, root_id from objects order by object_id") == [
        ("Namespace", "ds1", 0, None, 0), ("ConfigMap", "a", 1, 0, 0),
        ("Notebook", "nb", 1, 1, 0)]
    assert rows(con, "select path, kind from roots") == [("all.yaml", "dump")]


def test_ci_archive_roots_have_no_top_directory(tmp_path: Path) -> None:
    files = {f"./{k.split('/', 1)[1]}": v for k, v in bundle().items()}
    files["./must-gather.log"] = "client log\n"
    (tmp_path / "ci.tar.gz").write_bytes(tgz(files))
    con = ingest([tmp_path / "ci.tar.gz"])
    assert rows(con, "select path, kind, product from roots where kind = 'image' order by 1") == [
        (DEF, "image", "openshift/must-gather"),
        (RHOAI, "image", "red-hat-data-services/must-gather")]
    assert rows(con, "select count(*) from files where path like './%' or path like '/%'") == [
        (0,)]


def test_root_lookup_agrees_with_root_of() -> None:
    from analyzer.bundle import root_lookup, root_of

    roots = {"": 0, "a": 1, "a/b/c": 2, "a/b/c/d.yaml": 3, "x/y": 4}
    paths = ["top.yaml", "a/f.yaml", "a/b/f.yaml", "a/b/c/d.yaml", "a/b/c/e.yaml",
             "a/b/c/sub/f.yaml", "a/b/c/d.yaml/deeper", "x/y/z/f", "x/f", "a/b/c/d.yaml"]
    lookup = root_lookup(roots)
    assert [lookup(p) for p in paths] == [root_of(p, roots) for p in paths]
    assert [lookup(p) for p in paths] == [0, 1, 1, 3, 2, 2, 3, 4, 0, 3]
    without_top = {k: v for k, v in roots.items() if k}
    lookup = root_lookup(without_top)
    assert [lookup(p) for p in paths] == [root_of(p, without_top) for p in paths]
    assert lookup("x/f") is None
