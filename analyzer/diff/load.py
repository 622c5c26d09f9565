"""One side of a diff: a report.json, an ingested ``--db`` file, or bundle(s), analyzed alike."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from analyzer.app import AnalyzeOptions
from analyzer.errors import BadInputError

_DUCKDB_MAGIC = b"DUCK"
_REPORT_KEYS = {"schema_version": int, "cluster": dict, "verdict": str, "results": list,
                "roots": list, "target_version": str}


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
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise BadInputError(f"{path}: not a readable report.json ({exc})") from exc
    if not isinstance(data, dict):
        raise BadInputError(f"{path}: not an mgscan report.json (top level is not an object)")
    for key, kind in _REPORT_KEYS.items():
        if not isinstance(data.get(key), kind):
            raise BadInputError(f"{path}: not an mgscan report.json ({key!r} missing or not "
                                f"a {kind.__name__})")
    if data["schema_version"] != 1:
        raise BadInputError(f"{path}: report.json schema_version {data['schema_version']} "
                            "is not supported (expected 1)")
    for i, result in enumerate(data["results"]):
        if not (isinstance(result, dict) and isinstance(result.get("rule_id"), str)
                and isinstance(result.get("findings"), list)
                and all(isinstance(f, dict) and isinstance(f.get("name"), str)
                        and isinstance(f.get("severity"), str) for f in result["findings"])):
            raise BadInputError(f"{path}: not an mgscan report.json (results[{i}] lacks "
                                "rule_id or well-formed findings)")
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
