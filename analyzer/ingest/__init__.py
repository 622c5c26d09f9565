"""Ingest inputs into DuckDB tables with provenance (docs/architecture.md §2)."""

from analyzer.ingest.pipeline import IngestSummary, ingest_paths
from analyzer.ingest.schema import create_empty_database

__all__ = ["IngestSummary", "create_empty_database", "ingest_paths"]
