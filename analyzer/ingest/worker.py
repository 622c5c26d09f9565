"""The parse step, run in worker processes: bytes in, ``objects``/``discovery`` rows out."""

from __future__ import annotations

from typing import Any

from analyzer.ingest.records import Record, build_records
from analyzer.ingest.yaml12 import ParseError, parse_documents

# (file index, status, message, object rows, discovery rows)
ParsedFile = tuple[int, str, str | None, list[Record], list[tuple[Any, ...]]]
Batch = list[tuple[int, str, bytes]]


def parse_batch(batch: Batch, input_id: int, max_depth: int, max_docs: int) -> list[ParsedFile]:
    """Parse every file of a batch; a broken file yields an ``error`` status, never an exception."""
    out: list[ParsedFile] = []
    for file_idx, path, data in batch:
        try:
            docs, note = parse_documents(data, max_depth=max_depth, max_docs=max_docs)
        except ParseError as exc:
            out.append((file_idx, "error", str(exc), [], []))
            continue
        except Exception as exc:  # noqa: BLE001 - one broken file never aborts an ingest
            out.append((file_idx, "error", f"{type(exc).__name__}: {exc}"[:300], [], []))
            continue
        if not docs:
            out.append((file_idx, "empty", note, [], []))
            continue
        try:
            records, discovery = build_records(docs, path, input_id)
        except Exception as exc:  # noqa: BLE001
            out.append((file_idx, "error", f"{type(exc).__name__}: {exc}"[:300], [], []))
            continue
        out.append((file_idx, "ok", note, records, discovery))
    return out
