"""One side of a diff: a report.json, an ingested ``--db`` file, or bundle(s), analyzed alike."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from analyzer.app import AnalyzeOptions
from analyzer.errors import BadInputError
from analyzer.report.load import read_report
from analyzer.safetext import visible

_DUCKDB_MAGIC = b"DUCK"
# report.json keys the diff reads beyond those every report reader checks (report.load)
_DIFF_KEYS = {"roots": list, "target_version": str}


@dataclass
class Side:
    """What a diff compares of one side: its report and (from a bundle or db) its inventory."""

    path: Path
    report: dict[str, Any]
    inventory: list[dict[str, Any]] | None  # None for a report.json: it holds no inventory


def _looks_like_report(path: Path) -> bool:
    if path.suffix.lower() != ".json" or not path.is_file():
        return False
    with path.open("rb") as fh:
        head = fh.read(4096)
    return b'"schema_version"' in head or path.name == "report.json"


def _read_report(path: Path) -> dict[str, Any]:
    """A report.json, checked enough that the diff cannot trip over it; else exit 3."""
    data = read_report(path)
    shown = visible(os.fsdecode(path))
    if data is None:
        raise BadInputError(f"{shown}: not an mgscan report.json "
                            "(no schema_version 1 with results)")
    for key, kind in _DIFF_KEYS.items():
        if not isinstance(data.get(key), kind):
            raise BadInputError(f"{shown}: malformed report.json: "
                                f"report.{key} is missing or not a {kind.__name__}")
    return data


def _is_duckdb(path: Path) -> bool:
    if not path.is_file():
        return False
    with path.open("rb") as fh:
        head = fh.read(12)
    return head[8:12] == _DUCKDB_MAGIC


def load_side(path: Path, base: AnalyzeOptions) -> Side:
    """Read ``path`` as a report.json, a ``--db`` file or a bundle, and analyze when needed."""
    from analyzer.analysis import build_report
    from analyzer.diff.inventory import parity_inventory

    if _looks_like_report(path):
        return Side(path, _read_report(path), None)
    inventory: list[dict[str, Any]] = []
    opts = AnalyzeOptions(
        inputs=[] if _is_duckdb(path) else [path], db=path if _is_duckdb(path) else None,
        target_version=base.target_version, source_version=base.source_version,
        checks=base.checks, limits=base.limits, clock=base.clock, cluster=base.cluster)
    report = build_report(opts, inspect=lambda con: inventory.extend(parity_inventory(con)))
    return Side(path, report, inventory)
