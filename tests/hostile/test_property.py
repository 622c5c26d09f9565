"""Property tests: random trees and random bytes never crash the ingest or escape the sandbox.

Invariants for any input: the only exception allowed out of ``ingest_paths`` is
``BadInputError`` (a whole input that is unrecognisable); every file whose ``parse_status`` is
``error`` or ``skipped`` has an ``ingest_errors`` row naming it; nothing is written anywhere in
the sandbox except the DuckDB file in ``out/``.
"""

from __future__ import annotations

import contextlib
import gzip
import io
import os
import tarfile
import tempfile
import zipfile
from pathlib import Path

import duckdb
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analyzer.errors import BadInputError
from analyzer.ingest import ingest_paths
from analyzer.limits import Limits

LIMITS = Limits(max_file_size=256 * 1024, max_total_size=4 * 1024 * 1024, max_ratio=50,
                ratio_floor=1024 * 1024)
SETTINGS = settings(max_examples=60, deadline=None, derandomize=True,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

OUTSIDE = b"apiVersion: v1\nkind: ConfigMap\nmetadata: {name: outside-marker}\n"
FRAGMENTS = [
    "apiVersion: v1\n", "kind: ConfigMap\n", "kind: List\nitems:\n", "metadata:\n",
    "  name: x\n", "  namespace: n\n", "- ", "  ", "\t", "{", "}", "[", "]", ",", ": ", "&a ",
    "*a ", "!!python/object:os.system ", "---\n", "...\n", "~", "\"4.19\"", "yes", "'",
    "\"", "#", "\n", "kind: Secret\ndata:\n  k: aGk=\n", "\ufeff", "é", "\x85", "\r\n",
]
segment = st.text(alphabet=st.sampled_from(list("abcXYZ019-_.: é\n")), min_size=1,
                  max_size=12).filter(lambda s: s not in (".", ".."))
suffix = st.sampled_from([".yaml", ".yml", ".json", ".log", ".gz", ".txt", "", ".tar.gz"])
rel_path = st.builds(lambda parts, sfx: "/".join(parts) + sfx,
                     st.lists(st.one_of(segment, st.sampled_from(
                         ["namespaces", "pods", "logs", "core", "rotated"])),
                              min_size=1, max_size=5), suffix)
yamlish = st.lists(st.sampled_from(FRAGMENTS), max_size=40).map(
    lambda parts: "".join(parts).encode("utf-8", "surrogatepass"))
body = st.one_of(st.binary(max_size=2048), yamlish)
tree = st.dictionaries(rel_path, body, min_size=1, max_size=12)
packing = st.sampled_from(["dir", "tar", "tar.gz", "zip"])


def _snapshot(base: Path) -> set[str]:
    found = set()
    for dirpath, dirnames, filenames in os.walk(base, followlinks=False):
        for name in dirnames + filenames:
            found.add(os.path.relpath(os.path.join(dirpath, name), base))
    return found


def _pack(sandbox: Path, files: dict[str, bytes], how: str, cut: float) -> Path:
    if how == "dir":
        root = sandbox / "in"
        for rel, data in files.items():
            p = root / rel
            try:
                p.parent.mkdir(parents=True, exist_ok=True)
                p.write_bytes(data)
            except (IsADirectoryError, NotADirectoryError, FileExistsError):
                continue  # a path that is both a file and a directory in the random tree
        root.mkdir(exist_ok=True)
        (sandbox / "outside.yaml").write_bytes(OUTSIDE)  # reachable only through links
        for i, target in enumerate(("../outside.yaml", str(sandbox / "outside.yaml"), "..")):
            with contextlib.suppress(OSError):
                (root / f"link{i}.yaml").symlink_to(target)
        return root
    out = io.BytesIO()
    if how == "zip":
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
            for rel, data in files.items():
                zf.writestr(rel, data)
    else:
        with tarfile.open(fileobj=out, mode="w", format=tarfile.GNU_FORMAT) as tf:
            for rel, data in files.items():
                ti = tarfile.TarInfo(rel)
                ti.size = len(data)
                tf.addfile(ti, io.BytesIO(data))
    raw = out.getvalue()
    if how == "tar.gz":
        raw = gzip.compress(raw, mtime=0)
    raw = raw[: max(1, int(len(raw) * cut))]
    path = sandbox / f"input.{how}"
    path.write_bytes(raw)
    return path


def _ingest_checked(sandbox: Path, input_path: Path) -> None:
    out = sandbox / "out"
    out.mkdir()
    before = _snapshot(sandbox)
    outside = b""
    con = duckdb.connect(str(out / "db.duckdb"))
    try:
        ingest_paths([input_path], con, limits=LIMITS, workers=1)
    except BadInputError:
        pass
    else:
        unexplained = con.execute("""
            select f.path from files f
            where f.parse_status in ('error', 'skipped')
              and not exists (select 1 from ingest_errors e where e.file = f.path)
              and not exists (select 1 from ingest_errors e  -- counted past the examples
                              where e.input_id = f.input_id and e.count > 1)""").fetchall()
        assert unexplained == []
        outside = con.execute("select count(*) from objects where name = 'outside-marker'"
                              ).fetchone()[0]
    finally:
        con.close()
    assert not outside, "a symlink was followed out of the input"
    new = _snapshot(sandbox) - before
    assert {p for p in new if not p.startswith("out" + os.sep)} == set()


@SETTINGS
@given(files=tree, how=packing, cut=st.sampled_from([1.0, 1.0, 0.7, 0.3]))
def test_random_trees_never_crash_or_escape(files: dict[str, bytes], how: str,
                                            cut: float) -> None:
    with tempfile.TemporaryDirectory(prefix="mgscan-prop-") as tmp:
        sandbox = Path(tmp)
        _ingest_checked(sandbox, _pack(sandbox, files, how, cut))


@SETTINGS
@given(data=st.one_of(st.binary(min_size=1, max_size=4096), yamlish.filter(bool),
                      st.binary(max_size=600).map(lambda b: gzip.compress(b, mtime=0)[:-3])),
       name=st.sampled_from(["x.yaml", "x.json", "x.tar.gz", "x.zip", "x"]))
def test_random_bytes_as_a_whole_input(data: bytes, name: str) -> None:
    with tempfile.TemporaryDirectory(prefix="mgscan-prop-") as tmp:
        sandbox = Path(tmp)
        path = sandbox / name
        path.write_bytes(data)
        _ingest_checked(sandbox, path)
