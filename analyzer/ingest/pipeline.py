"""One streaming pass per input: files, logs and objects into DuckDB, then roots and dedup."""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import posixpath
import signal
import time
from collections import deque
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa

from analyzer.bundle import (
    InputInfo,
    Root,
    canonical_inputs,
    find_roots,
    open_input,
    root_lookup,
)
from analyzer.errors import LimitExceeded
from analyzer.ingest import schema
from analyzer.ingest.classify import SMALL_FILES, file_type, log_fields, scan_log
from analyzer.ingest.errorlog import ErrorLog
from analyzer.ingest.summary import IngestSummary, Progress
from analyzer.ingest.worker import Batch, ParsedFile, parse_batch, records_table
from analyzer.ingest.writer import DbWriter, TableWriter, insert_arrow
from analyzer.ingest.yaml12 import silence_stderr
from analyzer.limits import Limits

BATCH_BYTES = 4 * 1024 * 1024
BATCH_FILES = 256
Parsed = tuple[list[ParsedFile], pa.Table]


class _Run:
    """State of one ingest: writers, the parse pool and id counters."""

    def __init__(self, con: duckdb.DuckDBPyConnection, limits: Limits, workers: int,
                 progress: Progress | None) -> None:
        self.con = con
        self.limits = limits
        self.workers = workers
        self.progress = progress
        self.sink = DbWriter(con)
        self.object_count = 0
        self.files = TableWriter(self.sink, "files", ["input_id", "root_id", "path", "size",
                                                      "type", "parse_status", "objects"])
        self.logs = TableWriter(self.sink, "logs", ["input_id", "root_id", "path", "namespace",
                                                    "pod", "container", "log_type", "bytes",
                                                    "gzip", "first_ts", "last_ts"])
        self.errors = ErrorLog(self.sink)
        self.discovery: list[tuple[Any, ...]] = []
        self.pool: ProcessPoolExecutor | None = None
        self.pending: deque[tuple[Future[Parsed], Batch]] = deque()
        self.next_object_id = 1
        self.file_rows: list[list[Any]] = []

    def submit(self, batch: Batch, input_id: int) -> None:
        args = (batch, input_id, self.limits.max_depth, self.limits.max_docs)
        if self.workers <= 1:
            self.collect(parse_batch(*args), input_id)
            return
        # Even a one-batch input is parsed in a worker (~30 ms to start): a parser crash on a
        # hostile file then costs that file, never the whole run.
        if self.pool is None:
            self.pool = _new_pool(self.workers)
        self.pending.append((self.pool.submit(parse_batch, *args), batch))
        while len(self.pending) > 2 * self.workers:
            self.collect(self._result(*self.pending.popleft(), input_id), input_id)

    def drain(self, input_id: int) -> None:
        while self.pending:
            self.collect(self._result(*self.pending.popleft(), input_id), input_id)

    def _result(self, future: Future[Parsed], batch: Batch, input_id: int) -> Parsed:
        """The parse of one batch; a crashed parser process costs only the file that crashed it.

        A worker killed by a C-level crash breaks the whole pool: the batch is retried in a new
        pool, and if that breaks too, each of its files is parsed in a process of its own.
        """
        try:
            return future.result()
        except BrokenProcessPool:
            pass
        self._reset_pool()
        args = (input_id, self.limits.max_depth, self.limits.max_docs)
        try:
            with _new_pool(1) as pool:
                return pool.submit(parse_batch, batch, *args).result()
        except BrokenProcessPool:
            pass
        statuses: list[ParsedFile] = []
        tables = []
        for item in batch:
            try:
                with _new_pool(1) as pool:
                    st, table = pool.submit(parse_batch, [item], *args).result()
            except BrokenProcessPool:
                st, table = [(item[0], "error", "the parser process crashed on this file; it "
                              "was not parsed", 0, [])], records_table([])
            statuses.extend(st)
            tables.append(table)
        return statuses, pa.concat_tables(tables)

    def _reset_pool(self) -> None:
        if self.pool is not None:
            self.pool.shutdown(wait=False, cancel_futures=True)
            self.pool = None

    def collect(self, parsed: Parsed, input_id: int) -> None:
        statuses, table = parsed
        for file_idx, status, message, count, discovery in statuses:
            row = self.file_rows[file_idx]
            row[5] = status
            row[6] = count
            if status == "error" or message:
                self.errors.add(input_id, row[2], message or status)
            self.discovery.extend((row[2], *d) for d in discovery)
        if table.num_rows:
            first = self.next_object_id
            ids = pa.array(range(first, first + table.num_rows), type=pa.int64())
            self.sink.submit("objects", table.add_column(0, "object_id", ids))
            self.next_object_id += table.num_rows
            self.object_count += table.num_rows

    def close(self, ok: bool = True) -> None:
        if self.pool is not None:
            if ok:
                self.pool.shutdown(wait=True)
            else:  # interrupted or failed: do not wait for queued parse work
                _terminate(self.pool)
            self.pool = None
        if not ok:
            self.sink.abandon()
            with contextlib.suppress(Exception):  # the original error is what matters
                self.sink.close()
            return
        self.sink.close()


def _new_pool(workers: int) -> ProcessPoolExecutor:
    return ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork"),
                               initializer=_worker_init)


def _terminate(pool: ProcessPoolExecutor) -> None:
    """Stop a pool now: queued work is cancelled and running workers are killed."""
    processes = list(getattr(pool, "_processes", {}).values())
    pool.shutdown(wait=False, cancel_futures=True)
    for proc in processes:
        with contextlib.suppress(Exception):
            proc.terminate()
    for proc in processes:
        with contextlib.suppress(Exception):
            proc.join(5)


def _worker_init() -> None:
    """Pool workers leave Ctrl-C to the parent (which terminates them) and silence stderr.

    SIGTERM gets its default action back: the parent's handler (raise and clean up) is not
    meant for a worker, which the parent stops with SIGTERM.
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    silence_stderr()


def ingest_paths(paths: Sequence[Path | str], con: duckdb.DuckDBPyConnection,
                 limits: Limits | None = None, progress: Progress | None = None,
                 workers: int | None = None,
                 timer: Callable[[], float] = time.perf_counter) -> IngestSummary:
    """Read every input into ``con`` as one cluster and build the dedup table and views.

    Inputs are read in place (never extracted); one broken file or member is recorded in
    ``ingest_errors`` and skipped. Raises ``BadInputError`` only for an input that cannot be
    opened at all.
    """
    started = timer()
    limits = limits or Limits()
    schema.create_tables(con)
    if workers is None:
        workers = min(2, os.cpu_count() or 1)
    run = _Run(con, limits, workers, progress)
    summary = IngestSummary()
    root_id = 0
    # The parts of one split archive named separately are one input (read once).
    inputs = canonical_inputs([Path(p) for p in paths])
    try:
        for input_id, path in enumerate(inputs):
            info, roots = _ingest_one(run, Path(path), input_id, root_id)
            summary.inputs.append(info)
            summary.roots.extend(roots)
            root_id += len(roots)
        for row in run.file_rows:
            run.files.add(tuple(row))
        for writer in (run.files, run.logs, run.errors):
            writer.flush()
    except BaseException:
        run.close(ok=False)
        raise
    run.close()
    _finish(con, run, summary)
    summary.seconds = round(timer() - started, 3)
    return summary


def _ingest_one(run: _Run, path: Path, input_id: int, first_root: int) -> tuple[InputInfo,
                                                                                 list[Root]]:
    limits = run.limits
    small: dict[str, bytes] = {}
    batch: Batch = []
    batch_bytes = 0
    start_row = len(run.file_rows)
    with open_input(path, input_id, limits) as src:
        for entry in src.entries():
            ftype = file_type(entry.path) if entry.type == "file" else entry.type
            row: list[Any] = [input_id, None, entry.path, max(entry.size, 0), ftype,
                              "not_parsed", 0]
            run.file_rows.append(row)
            if entry.type != "file":
                continue
            name = posixpath.basename(entry.path)
            try:
                if name in SMALL_FILES and 0 <= entry.size <= 65536:
                    small[entry.path] = entry.read(65536)
                    row[5] = "ok"
                elif ftype in ("yaml", "json"):
                    data = entry.read(limits.max_file_size)
                    row[3] = len(data)
                    batch.append((len(run.file_rows) - 1, entry.path, data))
                    batch_bytes += len(data)
                    if batch_bytes >= BATCH_BYTES or len(batch) >= BATCH_FILES:
                        run.submit(batch, input_id)
                        batch, batch_bytes = [], 0
                elif ftype == "log":
                    with entry.stream() as fh:
                        size, first, last = scan_log(fh, gz=name.endswith(".gz"))
                    row[3] = size
                    ns, pod, container, kind = log_fields(entry.path)
                    run.logs.add((input_id, None, entry.path, ns, pod, container, kind, size,
                                  name.endswith(".gz"), first, last))
            except LimitExceeded as exc:
                row[5] = "skipped"
                run.errors.add(input_id, entry.path, f"limit: {exc}")
            except (OSError, EOFError, ValueError) as exc:
                row[5] = "error"
                run.errors.add(input_id, entry.path, f"unreadable: {type(exc).__name__}: {exc}")
            if run.progress and len(run.file_rows) % 200 == 0:
                run.progress(str(path), len(run.file_rows), run.next_object_id - 1,
                             src.consumed, src.info.size)
        if batch:
            run.submit(batch, input_id)
        run.drain(input_id)
        for member, message in src.errors:
            run.errors.add(input_id, member, message)
        info = src.info
    rows = run.file_rows[start_row:]
    inspect_roots = find_roots(input_id, [r[2] for r in rows], small, first_root_id=first_root)
    by_path = {r.path: r.root_id for r in inspect_roots}
    inspect_root = root_lookup(by_path)
    dumps = [r[2] for r in rows if r[4] in ("yaml", "json") and inspect_root(r[2]) is None]
    roots = find_roots(input_id, [r[2] for r in rows], small, dumps, first_root_id=first_root)
    root_id = root_lookup({r.path: r.root_id for r in roots})
    for r in rows:
        r[1] = root_id(r[2])
    if run.progress:
        run.progress(str(path), len(run.file_rows), run.next_object_id - 1, info.size, info.size)
    return info, roots


def _finish(con: duckdb.DuckDBPyConnection, run: _Run, summary: IngestSummary) -> None:
    con.execute("""
        create or replace temp table _file_roots as
        select input_id, path, root_id from files where root_id is not null""")
    for table, col in (("objects", "file"), ("logs", "path")):
        con.execute(f"""update {table} t set root_id = f.root_id from _file_roots f
                        where t.input_id = f.input_id and t.{col} = f.path""")
    for root in summary.roots:
        con.execute("insert into roots values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", [
            root.root_id, root.input_id, root.path, root.kind, root.image, root.product,
            root.version, root.parent_root_id, root.ts_first, root.ts_last])
    for info in summary.inputs:
        con.execute("insert into inputs values (?, ?, ?, ?, ?)",
                    [info.input_id, info.path, info.sha256, info.format, info.size])
    file_root = {(r[2]): r[1] for r in run.file_rows}
    disc = [(file_root.get(file), *rest)
            for file, *rest in sorted(run.discovery, key=lambda d: tuple(str(x) for x in d))]
    if disc:
        cols = list(zip(*disc, strict=True))
        insert_arrow(con, "discovery", pa.Table.from_arrays(
            [pa.array(list(c), type=pa.int32() if i == 0 else pa.string())
             for i, c in enumerate(cols)],
            names=["root_id", "group", "version", "resource", "kind", "scope"]))
    schema.create_resources(con)
    schema.create_views(con)
    summary.files = len(run.file_rows)
    summary.objects = run.object_count
    summary.duplicates = con.execute(
        "select coalesce(sum(sources - 1), 0) from resources").fetchone()[0]  # type: ignore[index]
    summary.errors = [{"file": f, "error": e, **({"count": n} if n > 1 else {})}
                      for f, e, n in con.execute(
        "select file, error, count from ingest_errors order by input_id, file, error").fetchall()]
