"""Buffered Arrow batch inserts into DuckDB (row-by-row inserts are unusable at scale)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import duckdb
import pyarrow as pa

JSON_COLUMNS = {"labels", "annotations", "raw"}


class TableWriter:
    """Collect rows for one table and insert them as Arrow batches."""

    def __init__(self, con: duckdb.DuckDBPyConnection, table: str, columns: Sequence[str],
                 batch_rows: int = 5000) -> None:
        self.con = con
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

    def extend(self, rows: Sequence[tuple[Any, ...]]) -> None:
        """Buffer many rows."""
        for row in rows:
            self.add(row)

    def flush(self) -> None:
        """Insert the buffered rows."""
        if not self.rows:
            return
        cols = list(zip(*self.rows, strict=True))
        arrays = {name: pa.array(list(values)) if any(v is not None for v in values)
                  else pa.nulls(len(values)) for name, values in zip(self.columns, cols,
                                                                      strict=True)}
        batch = pa.table(arrays)
        select = ", ".join(f'"{c}"::json' if c in JSON_COLUMNS else f'"{c}"'
                           for c in self.columns)
        quoted = ", ".join(f'"{c}"' for c in self.columns)
        self.con.register("_mgscan_batch", batch)
        try:
            self.con.execute(f"insert into {self.table} ({quoted}) select {select} "
                             "from _mgscan_batch")
        finally:
            self.con.unregister("_mgscan_batch")
        self.count += len(self.rows)
        self.rows = []
