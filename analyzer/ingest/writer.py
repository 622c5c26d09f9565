"""Arrow batch inserts into DuckDB, done by one background thread during the pass.

Row-by-row inserts are unusable at scale; Arrow batches are not. DuckDB releases the GIL while
it inserts (and validates JSON), so a writer thread overlaps that work with reading the bundle.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Sequence
from typing import Any

import duckdb
import pyarrow as pa

JSON_COLUMNS = {"labels", "annotations", "raw"}
_STOP = None


class DbWriter:
    """Serialise every insert of an ingest pass through one thread and one cursor."""

    def __init__(self, con: duckdb.DuckDBPyConnection, max_pending: int = 4) -> None:
        self.cursor = con.cursor()
        self.jobs: queue.Queue[tuple[str, pa.Table] | None] = queue.Queue(max_pending)
        self.error: BaseException | None = None
        self.thread = threading.Thread(target=self._run, name="mgscan-db-writer", daemon=True)
        self.thread.start()

    def submit(self, table: str, data: pa.Table) -> None:
        """Queue an Arrow table for insertion (blocks when the writer is behind)."""
        if self.error is not None:
            raise RuntimeError("database writer failed") from self.error
        if data.num_rows:
            self.jobs.put((table, data))

    def _run(self) -> None:
        while True:
            job = self.jobs.get()
            if job is _STOP:
                return
            if self.error is not None:
                continue
            table, data = job
            try:
                insert_arrow(self.cursor, table, data)
            except BaseException as exc:  # noqa: BLE001 - re-raised in close()
                self.error = exc

    def abandon(self) -> None:
        """Drop queued inserts (the ingest failed; its database is being thrown away)."""
        self.error = self.error or RuntimeError("ingest abandoned")
        while True:
            try:
                self.jobs.get_nowait()
            except queue.Empty:
                return

    def close(self) -> None:
        """Wait for every queued insert; re-raise the first failure."""
        self.jobs.put(_STOP)
        self.thread.join()
        self.cursor.close()
        if self.error is not None:
            raise RuntimeError(f"database writer failed: {self.error}") from self.error


def insert_arrow(con: duckdb.DuckDBPyConnection, table: str, data: pa.Table) -> None:
    """Insert an Arrow table whose column names match ``table``'s (JSON columns cast)."""
    cols = data.column_names
    select = ", ".join(  # Arrow JSON-typed columns arrive as JSON already; text is cast
        f'"{c}"::json' if c in JSON_COLUMNS and not isinstance(data.schema.field(c).type,
                                                                pa.ExtensionType)
        else f'"{c}"' for c in cols)
    quoted = ", ".join(f'"{c}"' for c in cols)
    con.register("_mgscan_batch", data)
    try:
        con.execute(f"insert into {table} ({quoted}) select {select} from _mgscan_batch")
    finally:
        con.unregister("_mgscan_batch")


class TableWriter:
    """Collect small rows for one table and hand them to the writer as Arrow batches."""

    def __init__(self, sink: DbWriter, table: str, columns: Sequence[str],
                 batch_rows: int = 5000) -> None:
        self.sink = sink
        self.table = table
        self.columns = list(columns)
        self.batch_rows = batch_rows
        self.rows: list[tuple[Any, ...]] = []
        self.count = 0

    def add(self, row: tuple[Any, ...]) -> None:
        """Buffer one row; flush when the batch is full."""
        self.rows.append(row)
        if len(self.rows) >= self.batch_rows:
            self.flush()

    def flush(self) -> None:
        """Send the buffered rows to the writer."""
        if not self.rows:
            return
        cols = list(zip(*self.rows, strict=True))
        arrays = [pa.array(list(values)) if any(v is not None for v in values)
                  else pa.nulls(len(values)) for values in cols]
        self.sink.submit(self.table, pa.Table.from_arrays(arrays, names=self.columns))
        self.count += len(self.rows)
        self.rows = []
