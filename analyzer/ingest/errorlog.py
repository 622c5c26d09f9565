"""Ingest errors, aggregated per cause so a flood of identical skips stays a few rows.

200,000 symlink members in one archive are one cause: the first :data:`EXAMPLES` are listed
file by file (``count`` 1) and the rest become a single row with ``file`` empty and ``count``
holding how many more there were. Every report reads those rows, so its size no longer grows
with the flood.
"""

from __future__ import annotations

from analyzer.ingest.writer import DbWriter, TableWriter

EXAMPLES = 20  # files named per (input, cause) before the rest are only counted


class ErrorLog:
    """Collect ``ingest_errors`` rows; repeated causes beyond :data:`EXAMPLES` are counted."""

    def __init__(self, sink: DbWriter, examples: int = EXAMPLES) -> None:
        self.table = TableWriter(sink, "ingest_errors", ["input_id", "file", "error", "count"])
        self.examples = examples
        self.seen: dict[tuple[int, str], int] = {}

    def add(self, input_id: int, file: str | None, error: str) -> None:
        """Record one error of ``file``; past the examples of its cause, only count it."""
        key = (input_id, error)
        n = self.seen.get(key, 0) + 1
        self.seen[key] = n
        if n <= self.examples:
            self.table.add((input_id, file, error, 1))

    def flush(self) -> None:
        """Write one summary row per cause that had more than :data:`EXAMPLES` files."""
        for (input_id, error), n in sorted(self.seen.items()):
            if n > self.examples:
                more = n - self.examples
                self.table.add((input_id, "", f"{error} ({more:,} more like this, not listed)",
                                more))
        self.seen = {k: min(n, self.examples) for k, n in self.seen.items()}
        self.table.flush()
