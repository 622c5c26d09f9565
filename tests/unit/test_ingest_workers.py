"""Parallel parsing: same results as inline parsing, and a crashing parser costs one file."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from analyzer.ingest import ingest_paths, pipeline, worker


def _tree(root: Path, n: int = 12) -> Path:
    core = root / "mg" / "namespaces" / "ns" / "core" / "configmaps"
    core.mkdir(parents=True)
    for i in range(n):
        (core / f"cm{i:02d}.yaml").write_text(
            f"---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm{i:02d}\n"
            f"  namespace: ns\ndata:\n  k: \"{i}\"\n")
    return root / "mg"


def _objects(con: duckdb.DuckDBPyConnection) -> list[tuple]:
    sql = "select object_id, file, name, raw from objects order by object_id"
    return con.execute(sql).fetchall()


def test_workers_give_the_same_tables_as_inline(tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    tree = _tree(tmp_path)
    monkeypatch.setattr(pipeline, "BATCH_FILES", 2)  # many batches: the pool is used
    inline, pooled = duckdb.connect(), duckdb.connect()
    ingest_paths([tree], inline, workers=1)
    ingest_paths([tree], pooled, workers=2)
    assert _objects(pooled) == _objects(inline) and len(_objects(inline)) == 12
    # one files row per member, whether its batch was parsed inline or in the pool
    files = "select * from files order by path"
    assert pooled.execute(files).fetchall() == inline.execute(files).fetchall()
    assert inline.execute("select count(*), count(distinct path) from files").fetchone() == (
        12, 12)


def test_a_crashing_parser_costs_only_its_file(tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    tree = _tree(tmp_path)
    real = worker.parse_documents

    def crash_on_cm05(data: bytes, **kw: int) -> object:
        if b"name: cm05" in data:
            os._exit(139)  # what a segfault in a C parser looks like to the pool
        return real(data, **kw)

    monkeypatch.setattr(pipeline, "BATCH_FILES", 6)  # cm05 is in the very first batch
    monkeypatch.setattr(worker, "parse_documents", crash_on_cm05)  # inherited by forked workers
    con = duckdb.connect()
    summary = ingest_paths([tree], con, workers=2)
    names = [r[0] for r in con.execute("select name from objects order by name").fetchall()]
    assert names == [f"cm{i:02d}" for i in range(12) if i != 5]
    assert any("cm05.yaml" in e["file"] and "crashed" in e["error"] for e in summary.errors)


def test_a_parser_process_does_without_pyarrow_compute() -> None:
    """Importing ``pyarrow.compute`` cost each parser process ~0.07 s of its first batch."""
    code = (
        "import sys\n"
        "from analyzer.ingest.worker import parse_batch\n"
        "data = b'apiVersion: v1\\nkind: ConfigMap\\nmetadata: {name: a, labels: {x: y}}\\n'\n"
        "statuses, table = parse_batch([(0, 'ns/cm.yaml', data)], 1, 128, 100)\n"
        "print(statuses[0][1], table.num_rows, table.column('labels').to_pylist(),\n"
        "      table.schema.field('raw').type, 'pyarrow.compute' in sys.modules)\n")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=False)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.split() == ["ok", "1", "['{\"x\":\"y\"}']", "extension<arrow.json>",
                                   "False"]


def test_json_columns_keep_their_nulls_and_offsets() -> None:
    """The binary-to-string reuse of buffers respects nulls and sliced arrays."""
    import pyarrow as pa

    array = pa.array([b'{"a":1}', None, b'"\xc3\xa9"'], type=pa.binary()).slice(1)
    assert worker._as_string(array).to_pylist() == [None, '"é"']
