"""The parse step, run in worker processes: bytes in, Arrow ``objects`` rows out."""

from __future__ import annotations

from typing import Any

import pyarrow as pa

from analyzer.ingest.records import Record, build_records
from analyzer.ingest.yaml12 import ParseError, parse_documents

# Columns a worker fills (the pipeline prepends object_id and fills root_id later).
RECORD_COLUMNS = [
    "input_id", "root_id", "file", "doc", "item", "api_version", "group", "version", "kind",
    "namespace", "name", "uid", "resource_version", "labels", "annotations", "raw",
    "is_copied_csv", "had_managed_fields",
]
# labels, annotations and raw arrive as UTF-8 JSON bytes (orjson): binary, cast once to string.
_TYPES: list[pa.DataType] = (
    [pa.int32(), pa.int32(), pa.string(), pa.int32(), pa.int32()] + [pa.string()] * 8
    + [pa.binary()] * 3 + [pa.bool_(), pa.bool_()])
JSON_TYPE = pa.json_(pa.string())
RECORD_SCHEMA = pa.schema([(c, JSON_TYPE if t == pa.binary() else t)
                           for c, t in zip(RECORD_COLUMNS, _TYPES, strict=True)])

# (file index, status, message, object count, discovery rows)
ParsedFile = tuple[int, str, str | None, int, list[tuple[Any, ...]]]
Batch = list[tuple[int, str, bytes]]


def records_table(records: list[Record]) -> pa.Table:
    """Column-wise Arrow table of ``objects`` rows (without object_id)."""
    columns = list(zip(*records, strict=True)) if records else [()] * len(RECORD_COLUMNS)
    arrays = [pa.array(col, type=typ) for col, typ in zip(columns, _TYPES, strict=True)]
    # orjson wrote valid UTF-8 JSON: tag it as Arrow's JSON type, which DuckDB takes as JSON
    # without parsing every document again (about half the insert cost of those columns).
    # The binary buffers are reused as string ones (same layout): ``Array.cast`` would import
    # ``pyarrow.compute``, about 0.07 s of every parser process's first batch.
    arrays = [pa.ExtensionArray.from_storage(JSON_TYPE, _as_string(a))
              if a.type == pa.binary() else a for a in arrays]
    return pa.Table.from_arrays(arrays, schema=RECORD_SCHEMA)


def _as_string(array: pa.Array) -> pa.Array:
    """The same bytes as a UTF-8 string array, without a copy (the caller vouches for UTF-8)."""
    return pa.Array.from_buffers(pa.string(), len(array), array.buffers(),
                                 null_count=array.null_count, offset=array.offset)


def parse_batch(batch: Batch, input_id: int, max_depth: int,
                max_docs: int) -> tuple[list[ParsedFile], pa.Table]:
    """Parse every file of a batch; a broken file yields an ``error`` status, never an exception.

    Returns one status per file and one Arrow table with every object of the batch, in file
    order (the pipeline numbers them in that order, so object ids are deterministic).
    """
    out: list[ParsedFile] = []
    rows: list[Record] = []
    for file_idx, path, data in batch:
        try:
            docs, note = parse_documents(data, max_depth=max_depth, max_docs=max_docs)
        except ParseError as exc:
            out.append((file_idx, "error", str(exc), 0, []))
            continue
        except Exception as exc:  # noqa: BLE001 - one broken file never aborts an ingest
            out.append((file_idx, "error", f"{type(exc).__name__}: {exc}"[:300], 0, []))
            continue
        if not docs:
            out.append((file_idx, "empty", note, 0, []))
            continue
        try:
            records, discovery = build_records(docs, path, input_id)
        except Exception as exc:  # noqa: BLE001
            out.append((file_idx, "error", f"{type(exc).__name__}: {exc}"[:300], 0, []))
            continue
        rows.extend(records)
        out.append((file_idx, "ok", note, len(records), discovery))
    return out, records_table(rows)
