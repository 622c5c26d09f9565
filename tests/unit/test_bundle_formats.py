"""Every input format reads the same virtual tree: dir, tar (any compression), zip, split, dumps."""

from __future__ import annotations

import bz2
import doctest
import gzip
import io
import json
import lzma
import tarfile
import zipfile
from pathlib import Path

import pytest

import analyzer.bundle.layout
import analyzer.bundle.paths
import analyzer.bundle.sniff
from analyzer.bundle import open_input, read_members
from analyzer.bundle.paths import UnsafePath, normalize_member
from analyzer.errors import BadInputError, LimitExceeded
from analyzer.limits import Limits

IMAGE = "quay-io-openshift-release-dev-ocp-v4-0-art-dev-sha256-" + "a" * 64
TOP = "must-gather.local.5512"


def cm(name: str, ns: str = "ns1") -> bytes:
    return (f"---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {name}\n"
            f"  namespace: {ns}\ndata:\n  k: v\n").encode()


TREE = {
    f"{TOP}/timestamp": b"2026-11-01 10:00:00.1 +0200 CEST m=+0.1\n",
    f"{TOP}/{IMAGE}/version": b"openshift/must-gather\n4.19.0\n",
    f"{TOP}/{IMAGE}/namespaces/ns1/core/configmaps/a.yaml": cm("a"),
    f"{TOP}/{IMAGE}/namespaces/ns1/core/configmaps/b.yaml": cm("b"),
    f"{TOP}/{IMAGE}/namespaces/ns1/pods/p/c/c/logs/current.log": b"2026-11-01T08:00:00Z hi\n",
    f"{TOP}/{IMAGE}/cluster-scoped-resources/rbac.authorization.k8s.io/clusterroles/"
    "system:registry.yaml": b"apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\n"
                            b"metadata:\n  name: system:registry\n",
}


def write_tree(base: Path, files: dict[str, bytes]) -> Path:
    for rel, body in files.items():
        p = base / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_bytes(body)
    return base


def tar_bytes(files: dict[str, bytes], prefix: str = "") -> bytes:
    out = io.BytesIO()
    with tarfile.open(fileobj=out, mode="w", format=tarfile.GNU_FORMAT) as tf:
        for rel, body in sorted(files.items()):
            ti = tarfile.TarInfo(prefix + rel)
            ti.size, ti.mtime = len(body), 0
            tf.addfile(ti, io.BytesIO(body))
    return out.getvalue()


def zip_bytes(files: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for rel, body in sorted(files.items()):
            zf.writestr(rel, body)
    return out.getvalue()


PACKERS = {
    "tar": ("b.tar", lambda f: tar_bytes(f), "tar"),
    "tar.gz": ("b.tar.gz", lambda f: gzip.compress(tar_bytes(f), mtime=0), "tar.gz"),
    "tgz": ("b.tgz", lambda f: gzip.compress(tar_bytes(f), mtime=0), "tar.gz"),
    "tar.xz": ("b.tar.xz", lambda f: lzma.compress(tar_bytes(f)), "tar.xz"),
    "tar.bz2": ("b.tar.bz2", lambda f: bz2.compress(tar_bytes(f)), "tar.bz2"),
    "zip": ("b.zip", lambda f: zip_bytes(f), "zip"),
}


def file_entries(path: Path) -> dict[str, bytes]:
    with open_input(path) as src:
        out = {e.path: e.read(1 << 20) for e in src.entries() if e.type == "file"}
        assert src.errors == []
        assert len(src.info.sha256) == 64
        return out


def test_directory_reads_every_file(tmp_path: Path) -> None:
    write_tree(tmp_path / "in", TREE)
    with open_input(tmp_path / "in") as src:
        assert src.info.format == "dir"
    assert file_entries(tmp_path / "in") == TREE


@pytest.mark.parametrize("fmt", sorted(PACKERS))
def test_archive_formats_read_the_same_tree(tmp_path: Path, fmt: str) -> None:
    name, pack, expected_format = PACKERS[fmt]
    path = tmp_path / name
    path.write_bytes(pack(TREE))
    with open_input(path) as src:
        assert src.info.format == expected_format
        assert src.info.size == path.stat().st_size
    assert file_entries(path) == TREE


@pytest.mark.parametrize("name", ["bundle.zip", "bundle.yaml", "bundle"])
def test_format_is_detected_by_magic_not_by_name(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_bytes(gzip.compress(tar_bytes(TREE), mtime=0))
    with open_input(path) as src:
        assert src.info.format == "tar.gz"
    assert file_entries(path) == TREE


def test_ci_archive_with_dot_slash_members(tmp_path: Path) -> None:
    files = {"must-gather.log": b"log\n", f"{IMAGE}/version": b"openshift/must-gather\n4.19\n",
             f"{IMAGE}/namespaces/ns1/core/configmaps/a.yaml": cm("a")}
    path = tmp_path / "ci.tar.gz"
    path.write_bytes(gzip.compress(tar_bytes(files, prefix="./"), mtime=0))
    assert file_entries(path) == files


def _split(data: bytes, n: int) -> list[bytes]:
    step = len(data) // n + 1
    return [data[i * step:(i + 1) * step] for i in range(n)]


@pytest.mark.parametrize("given", [0, 1, 2])
def test_numeric_split_parts_in_any_order(tmp_path: Path, given: int) -> None:
    chunks = _split(gzip.compress(tar_bytes(TREE), mtime=0), 3)
    for i, chunk in enumerate(reversed(chunks)):  # written in reverse order on purpose
        (tmp_path / f"mg.tar.gz-0{2 - i}").write_bytes(chunk)
    path = tmp_path / f"mg.tar.gz-0{given}"
    with open_input(path) as src:
        assert src.info.format == "split:tar.gz"
        assert src.info.size == sum(len(c) for c in chunks)
    assert file_entries(path) == TREE


def test_alpha_split_parts(tmp_path: Path) -> None:
    for suffix, chunk in zip(("aa", "ab", "ac"), _split(lzma.compress(tar_bytes(TREE)), 3),
                             strict=True):
        (tmp_path / f"mg.tar.xz.part{suffix}").write_bytes(chunk)
    assert file_entries(tmp_path / "mg.tar.xz.partab") == TREE


def test_missing_split_part_is_a_clear_error(tmp_path: Path) -> None:
    chunks = _split(gzip.compress(tar_bytes(TREE), mtime=0), 3)
    (tmp_path / "mg.tar.gz-00").write_bytes(chunks[0])
    (tmp_path / "mg.tar.gz-02").write_bytes(chunks[2])
    with pytest.raises(BadInputError, match=r"missing part\(s\) \[1\]"):
        open_input(tmp_path / "mg.tar.gz-02")


def test_yaml_and_json_dumps_are_one_entry(tmp_path: Path) -> None:
    y = tmp_path / "all.yaml"
    y.write_bytes(b"apiVersion: v1\nkind: List\nitems:\n- " + cm("a").split(b"\n", 1)[1]
                  .replace(b"\n", b"\n  "))
    j = tmp_path / "dump.json"
    j.write_text(json.dumps({"apiVersion": "v1", "kind": "List", "items": []}))
    gz = tmp_path / "dump.yaml.gz"
    gz.write_bytes(gzip.compress(cm("z"), mtime=0))
    for path, fmt, name in ((y, "yaml", "all.yaml"), (j, "json", "dump.json"),
                            (gz, "yaml.gz", "dump.yaml")):
        with open_input(path) as src:
            assert src.info.format == fmt
            entries = list(src.entries())
        assert [e.path for e in entries] == [name]


@pytest.mark.parametrize("body,message", [
    (b"", "empty file"),
    (bytes(range(1, 256)) * 4, "unrecognised"),
    (b"\x1f\x8b\x08\x00", "truncated or corrupt"),
])
def test_unreadable_whole_inputs(tmp_path: Path, body: bytes, message: str) -> None:
    path = tmp_path / "x.bin"
    path.write_bytes(body)
    with pytest.raises(BadInputError, match=message):
        open_input(path)


def test_missing_input(tmp_path: Path) -> None:
    with pytest.raises(BadInputError, match="no such file"):
        open_input(tmp_path / "nope.tar.gz")


def test_entry_read_enforces_max_bytes(tmp_path: Path) -> None:
    write_tree(tmp_path / "in", {"big.yaml": b"a: " + b"x" * 5000})
    with open_input(tmp_path / "in") as src:
        entry = next(iter(src.entries()))
        with pytest.raises(LimitExceeded, match="limit"):
            entry.read(1000)


def test_total_size_limit_stops_the_pass(tmp_path: Path) -> None:
    files = {f"d/{i}.yaml": cm(str(i)) * 20 for i in range(10)}
    path = tmp_path / "b.tar"
    path.write_bytes(tar_bytes(files))
    with open_input(path, limits=Limits(max_total_size=3000)) as src:
        got = [e.path for e in src.entries() if e.type == "file"]
        assert 0 < len(got) < 10
        assert any("max-total-size" in m for _, m in src.errors)


def test_read_members_returns_only_wanted(tmp_path: Path) -> None:
    path = tmp_path / "b.tar.xz"
    path.write_bytes(lzma.compress(tar_bytes(TREE)))
    want = {f"{TOP}/{IMAGE}/version", "not/there.yaml"}
    assert read_members(path, want) == {f"{TOP}/{IMAGE}/version": TREE[f"{TOP}/{IMAGE}/version"]}


@pytest.mark.parametrize("name", ["/etc/passwd", "../x", "a/../../x", "C:/x", "a\x00b",
                                  "x" * 5000])
def test_unsafe_member_names_are_refused(name: str) -> None:
    with pytest.raises(UnsafePath):
        normalize_member(name)


@pytest.mark.parametrize("module", [analyzer.bundle.paths, analyzer.bundle.layout,
                                    analyzer.bundle.sniff])
def test_doctests(module: object) -> None:
    assert doctest.testmod(module).failed == 0  # type: ignore[arg-type]


def test_split_parts_named_separately_are_one_input(tmp_path: Path) -> None:
    from analyzer.bundle import canonical_inputs

    chunks = _split(gzip.compress(tar_bytes(TREE), mtime=0), 3)
    parts = []
    for i, chunk in enumerate(chunks):
        parts.append(tmp_path / f"mg.tar.gz-0{i}")
        parts[-1].write_bytes(chunk)
    other = tmp_path / "dump.yaml"
    other.write_bytes(cm("x"))
    given = [parts[2], other, parts[0], parts[1], other]
    assert canonical_inputs(given) == [parts[0], other]
    assert canonical_inputs([tmp_path]) == [tmp_path]


def test_directory_file_swapped_for_a_symlink_is_not_followed(tmp_path: Path) -> None:
    write_tree(tmp_path / "in", {"a.yaml": cm("a")})
    (tmp_path / "outside.yaml").write_bytes(b"secret: outside\n")
    with open_input(tmp_path / "in") as src:
        entry = next(iter(src.entries()))
        (tmp_path / "in" / "a.yaml").unlink()
        (tmp_path / "in" / "a.yaml").symlink_to(tmp_path / "outside.yaml")
        with pytest.raises(OSError):
            entry.read(1 << 20)


def test_empty_member_names_are_skipped(tmp_path: Path) -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as zf:
        zf.writestr("mg/ok.yaml", cm("ok"))
        zf.writestr("./", b"x")
    path = tmp_path / "b.zip"
    path.write_bytes(out.getvalue())
    with open_input(path) as src:
        assert [e.path for e in src.entries()] == ["mg/ok.yaml"]
