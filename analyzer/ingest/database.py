"""The ``--db`` file: atomic creation, input fingerprints, reuse without re-reading bundles."""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import time
from collections.abc import Callable, Sequence
from pathlib import Path

import duckdb

from analyzer import __version__
from analyzer.bundle import canonical_inputs, input_fingerprint
from analyzer.bundle.split import split_parts
from analyzer.errors import BadInputError
from analyzer.ingest.guard import is_duckdb_file, mgscan_meta
from analyzer.ingest.summary import IngestSummary, Progress
from analyzer.limits import Limits

SCHEMA_VERSION = "1"
# DuckDB's buffer pool during an ingest. It fills up to the limit on a large bundle (its peaks are
# the automatic checkpoints of the pass), so it is most of what grows with the bundle. Measured
# on the aws ×30 clone (247k objects, process-tree peak PSS): 512MB 1,165 MiB, 256MB 918 MiB,
# 128MB 667-714 MiB, with no more CPU (inserts and the dedup spill beside the target database;
# docs/performance.md §3). At 128MB the ×10 bundle fills it too, so the peak no longer grows.
MEMORY_LIMIT = "128MB"


def input_fingerprints(paths: Sequence[Path | str], limits: Limits | None = None) -> list[str]:
    """Return the sha256 each input would get at ingest (file hash; directory manifest)."""
    return [input_fingerprint(p, limits) for p in canonical_inputs([Path(p) for p in paths])]


def write_meta(con: duckdb.DuckDBPyConnection, summary: IngestSummary) -> None:
    """Record tool version, inputs and the ingest summary in the ``meta`` table."""
    meta = {
        "tool_version": __version__,
        "schema_version": SCHEMA_VERSION,
        "inputs": json.dumps([vars(i) for i in summary.inputs]),
        "ingest": json.dumps({"files": summary.files, "objects": summary.objects,
                              "duplicates": summary.duplicates, "errors": summary.errors,
                              "seconds": summary.seconds}),
        "roots": json.dumps([vars(r) for r in summary.roots]),
    }
    for key, value in meta.items():
        con.execute("insert or replace into meta values (?, ?)", [key, value])


def read_meta(con: duckdb.DuckDBPyConnection) -> dict[str, str]:
    """Return the ``meta`` table as a dict (empty for a database mgscan did not write)."""
    try:
        return dict(con.execute("select key, value from meta").fetchall())
    except duckdb.Error:
        return {}


def db_holds(db_path: Path, paths: Sequence[Path | str], limits: Limits | None = None) -> bool:
    """True when ``db_path`` was ingested by this mgscan version from exactly these inputs."""
    if not db_path.exists():
        return False
    try:
        meta = mgscan_meta(db_path)
    except BadInputError:
        return False
    if meta.get("tool_version") != __version__ or meta.get("schema_version") != SCHEMA_VERSION:
        return False
    stored = [i.get("sha256") for i in json.loads(meta.get("inputs", "[]"))]
    return stored == input_fingerprints(paths, limits)


def _input_files(paths: Sequence[Path | str]) -> list[Path]:
    """Every path the inputs read (split archives: each part)."""
    out: list[Path] = []
    for path in map(Path, paths):
        out.append(path)
        if path.is_file():
            out.extend(Path(p) for p in split_parts(path))
    return out


def check_db_target(db_path: Path, paths: Sequence[Path | str]) -> None:
    """Refuse a ``--db`` path mgscan must not (over)write.

    That is a directory, an input (or a file inside an input directory), and any existing
    file that is not an mgscan database (DuckDB header plus a ``meta`` table).

    Raises:
        BadInputError: one line naming the path and what to do.
    """
    if db_path.is_dir():
        raise BadInputError(f"{db_path}: is a directory, not a database file")
    target = db_path.resolve()
    for src in _input_files(paths):
        real = src.resolve()
        if target == real or (db_path.exists() and src.exists() and os.path.samefile(db_path, src)):
            raise BadInputError(f"{db_path}: --db names an input; choose another database path")
        if src.is_dir() and target.is_relative_to(real):
            raise BadInputError(f"{db_path}: --db lies inside the input {src}; choose a "
                                "database path outside it")
    if db_path.exists() or db_path.is_symlink():
        if not db_path.is_file():
            raise BadInputError(f"{db_path}: exists and is not a regular file; choose another "
                                "database path")
        if not is_duckdb_file(db_path):
            raise BadInputError(f"{db_path}: exists and is not an mgscan database; mgscan never "
                                "replaces a file it did not create: choose another --db path")
        mgscan_meta(db_path)  # not mgscan's, other version or locked: one clear line


def ingest_to_file(paths: Sequence[Path | str], db_path: Path, limits: Limits | None = None,
                   progress: Progress | None = None,
                   timer: Callable[[], float] = time.perf_counter) -> IngestSummary:
    """Ingest into a new database file atomically: built beside the target, then renamed.

    An interrupted run leaves the previous ``db_path`` untouched and removes the partial file.
    """
    db_path = Path(db_path)
    check_db_target(db_path, paths)
    tmp = db_path.with_name(f".{db_path.name}.{os.getpid()}.tmp")
    spill = db_path.with_name(f".{db_path.name}.{os.getpid()}.spill")
    try:
        con = duckdb.connect(str(tmp))
        try:
            # Bounded memory: DuckDB spills beside the target (never outside it) and the
            # buffer pool stays small, so peak RSS does not grow with the bundle.
            con.execute(f"set memory_limit = '{MEMORY_LIMIT}'")
            con.execute("set temp_directory = ?", [str(spill)])
            con.execute("set preserve_insertion_order = false")
            con.execute("set force_compression = 'zstd'")  # JSON text: ~9x smaller, same speed
            from analyzer.ingest.pipeline import ingest_paths  # pyarrow, the pool

            summary = ingest_paths(paths, con, limits, progress, timer=timer)
            write_meta(con, summary)
            con.execute("checkpoint")
        finally:
            con.close()
        os.replace(tmp, db_path)
    finally:
        for leftover in (tmp, tmp.with_name(tmp.name + ".wal")):
            with contextlib.suppress(FileNotFoundError):
                leftover.unlink()
        shutil.rmtree(spill, ignore_errors=True)
    return summary


def summary_from_meta(con: duckdb.DuckDBPyConnection) -> IngestSummary:
    """Rebuild the ingest summary stored in a reused database."""
    from analyzer.bundle import InputInfo, Root

    meta = read_meta(con)
    if not meta:
        raise BadInputError("the database was not written by mgscan ingest (no meta table)")
    ing = json.loads(meta.get("ingest", "{}"))
    return IngestSummary(
        inputs=[InputInfo(**i) for i in json.loads(meta.get("inputs", "[]"))],
        roots=[Root(**r) for r in json.loads(meta.get("roots", "[]"))],
        files=ing.get("files", 0), objects=ing.get("objects", 0),
        duplicates=ing.get("duplicates", 0), errors=ing.get("errors", []),
        seconds=ing.get("seconds", 0.0))
