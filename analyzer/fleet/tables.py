"""The fleet dataset's four tables: fixed Arrow schemas and the rows of one analyzed cluster.

Every column name is lower-case ``[a-z_][a-z0-9_]*`` and no SQL reserved word, so Spark, Trino
and DuckDB read the Parquet files without quoting. A table with no rows keeps its schema.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pyarrow as pa

_S, _I, _B = pa.string(), pa.int32(), pa.bool_()
COUNTS = ("rules", "failed", "passed", "not_applicable", "not_evaluated", "rule_errors",
          "prohibited", "critical", "warning", "info")

SCHEMAS: dict[str, pa.Schema] = {
    "clusters": pa.schema(
        [("bundle", _S), ("sha256", _S), ("cluster_id", _S), ("status", _S), ("error", _S),
         ("verdict", _S), ("complete", _B), ("exposure", _S), ("ocp_version", _S),
         ("rhoai_version", _S), ("target_version", _S), ("platform", _S),
         ("infrastructure_name", _S), ("api_url", _S), ("collected_at", _S),
         ("analyzed_at", _S), ("tool_version", _S), ("rules_sha256", _S), ("report", _S)]
        + [(c, _I) for c in COUNTS]),
    "results": pa.schema(
        [("bundle", _S), ("cluster_id", _S), ("rule_id", _S), ("aliases", pa.list_(_S)),
         ("title", _S), ("rule_group", _S), ("severity", _S), ("outcome", _S),
         ("findings", _I)]),
    "findings": pa.schema(
        [("bundle", _S), ("cluster_id", _S), ("rule_id", _S), ("kind", _S), ("namespace", _S),
         ("name", _S), ("severity", _S), ("message", _S), ("file", _S), ("pointer", _S),
         ("line", _I)]),
    "coverage": pa.schema(
        [("bundle", _S), ("cluster_id", _S), ("kind", _S), ("status", _S), ("objects", _I),
         ("hint", _S)]),
}
TABLES = tuple(SCHEMAS)
Rows = dict[str, list[dict[str, Any]]]


def empty_rows() -> Rows:
    """One empty row list per table."""
    return {t: [] for t in TABLES}


def to_tables(rows: Rows) -> dict[str, pa.Table]:
    """Arrow tables with the fixed schemas (columns missing from a row are null)."""
    return {t: pa.Table.from_pylist([{c: r.get(c) for c in SCHEMAS[t].names} for r in rows[t]],
                                    schema=SCHEMAS[t]) for t in TABLES}


def _complete(report: Mapping[str, Any]) -> bool:
    block = report.get("completeness")
    if isinstance(block, Mapping) and "complete" in block:
        return bool(block["complete"])
    return not any(r.get("outcome") == "not_evaluated" and r.get("severity") in
                   ("critical", "prohibited") for r in report["results"])


def add_report(rows: Rows, report: Mapping[str, Any], bundle: str, sha256: str,
               analyzed_at: str, link: str | None) -> None:
    """Append one cluster's rows (clusters, results, findings, coverage) from its report."""
    cluster = report.get("cluster") or {}
    cid = cluster.get("id") or cluster.get("infrastructure_name")
    summary = report.get("summary") or {}
    row: dict[str, Any] = {
        "bundle": bundle, "sha256": sha256, "cluster_id": cid, "status": "ok", "error": None,
        "verdict": report.get("verdict"), "complete": _complete(report),
        "exposure": report.get("exposure"), "target_version": report.get("target_version"),
        "analyzed_at": analyzed_at, "tool_version": report["tool"].get("version"),
        "rules_sha256": report["tool"].get("rules_sha256"), "report": link}
    for key in ("ocp_version", "rhoai_version", "platform", "infrastructure_name", "api_url",
                "collected_at"):
        row[key] = cluster.get(key)
    for key in COUNTS:
        row[key] = int(summary.get("error" if key == "rule_errors" else key, 0))
    rows["clusters"].append(row)
    for result in report["results"]:
        rows["results"].append({
            "bundle": bundle, "cluster_id": cid, "rule_id": result["rule_id"],
            "aliases": list(result.get("aliases") or []), "title": result.get("title"),
            "rule_group": result.get("group"), "severity": result.get("severity"),
            "outcome": result.get("outcome"), "findings": len(result["findings"])})
        for f in result["findings"]:
            ev = (f.get("evidence") or [{}])[0] or {}
            rows["findings"].append({
                "bundle": bundle, "cluster_id": cid, "rule_id": result["rule_id"],
                "kind": f.get("kind"), "namespace": f.get("namespace"), "name": f.get("name"),
                "severity": f.get("severity"), "message": f.get("message"),
                "file": ev.get("file"), "pointer": ev.get("pointer"), "line": ev.get("line")})
    for c in report.get("coverage") or []:
        rows["coverage"].append({"bundle": bundle, "cluster_id": cid, "kind": c.get("kind"),
                                 "status": c.get("status"), "objects": int(c.get("count") or 0),
                                 "hint": c.get("hint")})


def add_error(rows: Rows, bundle: str, sha256: str, status: str, error: str, target: str,
              analyzed_at: str, tool_version: str, rules_sha256: str,
              cluster_id: str | None = None) -> None:
    """Append the clusters row of a bundle (or cluster) that could not be analyzed."""
    row: dict[str, Any] = {c: None for c in SCHEMAS["clusters"].names}
    row.update(bundle=bundle, sha256=sha256, cluster_id=cluster_id, status=status, error=error,
               target_version=target, analyzed_at=analyzed_at, tool_version=tool_version,
               rules_sha256=rules_sha256, complete=False)
    rows["clusters"].append(row)
