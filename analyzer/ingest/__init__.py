"""Ingest inputs into DuckDB tables with provenance (docs/architecture.md §2).

The names below load on first use, so a command that only reads a database (``get``,
``query``) does not pay for the ingest pipeline's imports (pyarrow, process pools).
"""

from __future__ import annotations

import importlib
from typing import Any

_LAZY = {"IngestSummary": "analyzer.ingest.summary", "ingest_paths": "analyzer.ingest.pipeline",
         "create_empty_database": "analyzer.ingest.schema"}
__all__ = ["IngestSummary", "create_empty_database", "ingest_paths"]


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'analyzer.ingest' has no attribute {name!r}")
