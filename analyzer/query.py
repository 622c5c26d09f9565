"""Read-only SQL over ingested tables, and collect-commands (functions behind thin commands)."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from pathlib import Path

from analyzer.ingest.guard import check_select_text, run_select
from analyzer.limits import Limits


def run_query(bundles: Sequence[Path], db: Path | None, sql: str, fmt: str,
              limits: Limits) -> str:
    """Run one SELECT over ``db`` or freshly ingested bundles, behind the SQL guard.

    The statement is checked by DuckDB's parser before anything is opened or ingested, and
    runs on a locked-down connection (``analyzer.ingest.guard``): no host file, no write.
    """
    from analyzer.app import open_database

    check_select_text(sql)
    con, _ = open_database(list(bundles), db, limits)
    try:
        cols, rows = run_select(con, sql)
    finally:
        con.close()
    return format_rows(cols, rows, fmt)


def format_rows(cols: list[str], rows: list[tuple[object, ...]], fmt: str) -> str:
    """Render rows as an aligned table, CSV or JSON."""
    if fmt == "json":
        return json.dumps([dict(zip(cols, r, strict=True)) for r in rows], default=str,
                          ensure_ascii=False, indent=2) + "\n"
    if fmt == "csv":
        buf = io.StringIO()
        writer = csv.writer(buf, lineterminator="\n")
        writer.writerow(cols)
        writer.writerows(rows)
        return buf.getvalue()
    text = [[("" if v is None else str(v)).replace("\n", " ") for v in r] for r in rows]
    widths = [max([len(c)] + [min(len(t[i]), 80) for t in text]) for i, c in enumerate(cols)]
    lines = ["  ".join(c.ljust(w) for c, w in zip(cols, widths, strict=True)).rstrip()]
    lines.append("  ".join("-" * w for w in widths))
    for t in text:
        lines.append("  ".join(v[:80].ljust(w) for v, w in zip(t, widths, strict=True)).rstrip())
    lines.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(lines) + "\n"


def collect_commands_for(bundles: Sequence[Path], limits: Limits) -> list[str]:
    """The oc commands that gather what the catalogue needs; given bundles, only what is missing."""
    from analyzer.rules.collect import collect_commands
    from analyzer.rules.coverage import compute_coverage

    if not bundles:
        return collect_commands(None)
    from analyzer.app import open_database

    con, _ = open_database(list(bundles), None, limits)
    try:
        return collect_commands(compute_coverage(con))
    finally:
        con.close()
