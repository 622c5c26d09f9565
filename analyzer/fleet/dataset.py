"""The fleet output folder: ``dataset/<table>/<bundle>.parquet``, report files, ``fleet.duckdb``.

One Parquet file per bundle and table, written atomically as soon as the bundle is done, so an
interrupted run keeps every finished bundle and a re-run skips the ones that did not change.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq

from analyzer.errors import BadInputError
from analyzer.fleet.tables import SCHEMAS, TABLES

MARKER = ".mgscan-fleet"
OWN = {MARKER, "dataset", "reports", "fleet.html", "fleet.json", "fleet.duckdb"}


def prepare_out_dir(out_dir: Path) -> None:
    """Create ``out_dir`` (or accept one mgscan made); refuse a file or a foreign folder."""
    if out_dir.exists() and not out_dir.is_dir():
        raise BadInputError(f"{out_dir}: -o must be a folder, and this is a file")
    if out_dir.is_dir():
        foreign = sorted(p.name for p in out_dir.iterdir() if p.name not in OWN)
        if not (out_dir / MARKER).exists() and foreign:
            raise BadInputError(f"{out_dir}: folder holds files mgscan did not write "
                                f"({', '.join(foreign[:3])}); choose an empty or new folder")
    try:
        for table in TABLES:
            (out_dir / "dataset" / table).mkdir(parents=True, exist_ok=True)
        (out_dir / MARKER).touch()
    except OSError as exc:
        raise BadInputError(f"{out_dir}: cannot write there ({exc.strerror})") from exc


def _atomic(path: Path, write: Any) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")
    try:
        write(tmp)
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


def write_bundle(out_dir: Path, slug: str, result: dict[str, Any]) -> None:
    """Write one bundle's four Parquet files and its report files (each atomically)."""
    for rel, body in sorted(result["files"].items()):
        _atomic(out_dir / rel, lambda p, b=body: p.write_bytes(b))
    for table in TABLES:
        data: pa.Table = result["tables"][table]
        _atomic(out_dir / "dataset" / table / f"{slug}.parquet",
                lambda p, d=data: pq.write_table(d, p))


def unchanged(out_dir: Path, slug: str, sha256: str, rules_sha256: str, target: str) -> bool:
    """True when the bundle's previous rows were made from the same bytes, rules and target."""
    path = out_dir / "dataset" / "clusters" / f"{slug}.parquet"
    if not path.exists() or not all((out_dir / "dataset" / t / f"{slug}.parquet").exists()
                                    for t in TABLES):
        return False
    try:
        rows = pq.read_table(path, columns=["sha256", "rules_sha256", "target_version",
                                            "status"]).to_pylist()
    except (OSError, pa.ArrowException):
        return False
    return bool(rows) and all(r["sha256"] == sha256 and r["rules_sha256"] == rules_sha256
                              and r["target_version"] == target and r["status"] != "crashed"
                              for r in rows)


def forget_stale(out_dir: Path, keep: set[str]) -> None:
    """Remove dataset files of bundles that are no longer among the inputs."""
    for table in TABLES:
        for path in (out_dir / "dataset" / table).glob("*.parquet"):
            if path.stem not in keep:
                path.unlink()


def connect_dataset(out_dir: Path) -> duckdb.DuckDBPyConnection:
    """An in-memory connection with one view per table over the Parquet files."""
    con = duckdb.connect()
    for table in TABLES:
        _view(con, out_dir, table, absolute=True)
    return con


def _view(con: duckdb.DuckDBPyConnection, out_dir: Path, table: str, absolute: bool) -> None:
    folder = out_dir / "dataset" / table
    glob = (folder.resolve() if absolute else folder) / "*.parquet"
    if any(folder.glob("*.parquet")):
        source = "read_parquet('" + str(glob).replace("'", "''") + "')"
        con.execute(f"create or replace view {table} as select * from {source}")
    else:  # no bundle yet: the same columns, no rows
        cols = ", ".join(f"null::{_duck(t)} as {n}" for n, t in
                         zip(SCHEMAS[table].names, SCHEMAS[table].types, strict=True))
        con.execute(f"create or replace view {table} as select {cols} where false")


def _duck(arrow_type: pa.DataType) -> str:
    if pa.types.is_list(arrow_type):
        return "varchar[]"
    return {"string": "varchar", "int32": "integer", "bool": "boolean"}[str(arrow_type)]


def write_duckdb(out_dir: Path) -> Path:
    """``fleet.duckdb``: views over ``dataset/`` (absolute paths; move the folder, re-run)."""
    path = out_dir / "fleet.duckdb"
    tmp = path.with_name(".fleet.duckdb.tmp")
    tmp.unlink(missing_ok=True)
    con = duckdb.connect(str(tmp))
    try:
        for table in TABLES:
            _view(con, out_dir, table, absolute=True)
    finally:
        con.close()
    os.replace(tmp, path)
    return path
