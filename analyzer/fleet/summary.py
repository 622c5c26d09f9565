"""Fleet summary from the dataset (read back with DuckDB): ``fleet.json`` and ``fleet.html``."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import duckdb

from analyzer import __version__

VERDICT_ORDER = ("PROHIBITED", "FAIL", "WARNING", "PASS", "ERROR")
BLOCKING = ("prohibited", "critical")


def _rows(con: duckdb.DuckDBPyConnection, sql: str) -> list[dict[str, Any]]:
    cur = con.execute(sql)
    cols = [d[0] for d in cur.description]
    return [dict(zip(cols, row, strict=True)) for row in cur.fetchall()]


def fleet_summary(con: duckdb.DuckDBPyConnection) -> dict[str, Any]:
    """Clusters, verdict counts, top blockers, not-ready reasons and the clusters x rules matrix."""
    clusters = _rows(con, """
        select *, case when status = 'ok' then verdict else 'ERROR' end as shown
        from clusters
        order by case when status = 'ok' then verdict else 'ERROR' end, bundle, cluster_id""")
    rank = {v: i for i, v in enumerate(VERDICT_ORDER)}
    clusters.sort(key=lambda c: (rank.get(c["shown"], 9), c["bundle"], c["cluster_id"] or ""))
    verdicts = [{"verdict": v, "clusters": sum(1 for c in clusters if c["shown"] == v)}
                for v in VERDICT_ORDER]
    blockers = _rows(con, """
        select rule_id, any_value(title) as title, max(severity) as severity,
               count(distinct bundle || '|' || coalesce(cluster_id, '')) as clusters,
               sum(findings) as findings
        from results where outcome = 'failed' and severity in ('prohibited', 'critical')
        group by rule_id order by clusters desc, rule_id""")
    reasons = _rows(con, """
        select bundle, cluster_id,
               list(rule_id order by rule_id) filter (where outcome = 'failed'
                    and severity in ('prohibited', 'critical')) as blocking,
               list(rule_id order by rule_id) filter (where outcome = 'not_evaluated'
                    and severity in ('prohibited', 'critical')) as unverified
        from results group by bundle, cluster_id""")
    why = {(r["bundle"], r["cluster_id"]): r for r in reasons}
    not_ready = []
    for c in clusters:
        r = why.get((c["bundle"], c["cluster_id"]), {})
        if c["status"] != "ok" or c["verdict"] in ("PROHIBITED", "FAIL") or not c["complete"]:
            not_ready.append({"bundle": c["bundle"], "cluster_id": c["cluster_id"],
                              "verdict": c["shown"], "error": c["error"],
                              "blocking": r.get("blocking") or [],
                              "unverified": r.get("unverified") or []})
    matrix_rules = [r["rule_id"] for r in _rows(con, """
        select rule_id from results where outcome in ('failed', 'error')
        group by rule_id order by min(case severity when 'prohibited' then 0 when 'critical'
        then 1 when 'warning' then 2 else 3 end), rule_id""")]
    cells: dict[tuple[str, str | None], dict[str, str]] = {}
    for r in _rows(con, "select bundle, cluster_id, rule_id, outcome, severity from results"):
        if r["rule_id"] in matrix_rules:
            cells.setdefault((r["bundle"], r["cluster_id"]), {})[r["rule_id"]] = (
                r["severity"] if r["outcome"] == "failed" else r["outcome"])
    matrix = [{"bundle": c["bundle"], "cluster_id": c["cluster_id"],
               "cells": [cells.get((c["bundle"], c["cluster_id"]), {}).get(rid, "")
                         for rid in matrix_rules]} for c in clusters]
    return {"tool": {"name": "mgscan", "version": __version__}, "clusters": clusters,
            "verdicts": verdicts, "top_blockers": blockers, "not_ready": not_ready,
            "matrix_rules": matrix_rules, "matrix": matrix}


def _bars(items: list[tuple[str, int, str]], width: int = 520) -> dict[str, Any]:
    """Geometry of a horizontal bar chart: label, value, css class, x/y/width of each bar."""
    top = max((v for _, v, _ in items), default=0) or 1
    bars = [{"label": label, "value": v, "cls": cls, "y": i * 26,
             "w": round((width - 220) * v / top, 1)} for i, (label, v, cls) in enumerate(items)]
    return {"bars": bars, "height": max(26 * len(items), 26), "width": width}


def write_summary(con: duckdb.DuckDBPyConnection, out_dir: Path) -> list[Path]:
    """Write ``fleet.json`` and ``fleet.html``; return their paths."""
    from analyzer.report.atomic import write_atomic
    from analyzer.report.html import render_standalone

    summary = fleet_summary(con)
    json_path = write_atomic(out_dir / "fleet.json", json.dumps(
        {k: v for k, v in summary.items() if k != "matrix"} | {"matrix": summary["matrix"]},
        indent=2, ensure_ascii=False, default=str) + "\n")
    context = dict(summary)
    context["verdict_chart"] = _bars([(v["verdict"], v["clusters"], f"v-{v['verdict']}")
                                      for v in summary["verdicts"]])
    context["blocker_chart"] = _bars([(b["rule_id"], b["clusters"], f"sev-{b['severity']}")
                                      for b in summary["top_blockers"][:10]])
    html = render_standalone("fleet.html.j2", context, script="sortable.js")
    return [json_path, write_atomic(out_dir / "fleet.html", html)]
