"""Read-only SQL over ingested tables, and collect-commands (functions behind thin commands)."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from pathlib import Path

from analyzer.ingest.guard import check_select_text, run_select_typed
from analyzer.limits import Limits
from analyzer.safetext import csv_cell, json_safe, visible


def run_query(bundles: Sequence[Path], db: Path | None, sql: str, fmt: str,
              limits: Limits, wide: bool = True) -> str:
    """Run one SELECT over ``db`` or freshly ingested bundles, behind the SQL guard.

    The statement is checked by DuckDB's parser before anything is opened or ingested, and
    runs on a locked-down connection (``analyzer.ingest.guard``): no host file, no write.
    """
    from analyzer.app import open_database

    check_select_text(sql)
    con, _ = open_database(list(bundles), db, limits)
    try:
        cols, types, rows = run_select_typed(con, sql)
    finally:
        con.close()
    return format_rows(cols, rows, fmt, wide, types)


def _nested(value: object, column_type: str) -> object:
    """A cell of a JSON column as nested data (DuckDB hands JSON over as text)."""
    if column_type == "JSON" and isinstance(value, str):
        try:
            return json.loads(value)
        except ValueError:
            return value
    return value


def format_rows(cols: list[str], rows: list[tuple[object, ...]], fmt: str,
                wide: bool = True, types: Sequence[str] = ()) -> str:
    """Render rows as an aligned table, CSV, JSON or YAML.

    Control and bidi characters are shown as escapes in the table and CSV (and escaped in
    JSON/YAML syntax); CSV cells that would start a spreadsheet formula are neutralised.
    ``wide=False`` clips table cells to 80 characters (an interactive terminal without --wide).
    """
    if fmt in ("json", "yaml"):
        kinds = list(types) or [""] * len(cols)
        doc = json.dumps([{c: _nested(v, t) for c, v, t in zip(cols, r, kinds, strict=True)}
                          for r in rows], default=str, ensure_ascii=False, indent=2)
        if fmt == "yaml":
            from analyzer.report.yaml_out import dump_yaml

            return dump_yaml(json.loads(doc)) if rows else "[]\n"
        return json_safe(doc) + "\n"
    if fmt == "csv":
        buf = io.StringIO()
        writer = csv.writer(buf, lineterminator="\n")
        writer.writerow([csv_cell(visible(c, keep_breaks=True)) for c in cols])
        writer.writerows([["" if v is None else csv_cell(visible(str(v), keep_breaks=True))
                           for v in r] for r in rows])
        return buf.getvalue()
    limit = None if wide else 80
    text = [[_cell(v, limit) for v in r] for r in rows]
    heads = [visible(c) for c in cols]
    widths = [max([len(c)] + [len(t[i]) for t in text]) for i, c in enumerate(heads)]
    lines = ["  ".join(c.ljust(w) for c, w in zip(heads, widths, strict=True)).rstrip()]
    lines.append("  ".join("-" * w for w in widths))
    for t in text:
        lines.append("  ".join(v.ljust(w) for v, w in zip(t, widths, strict=True)).rstrip())
    lines.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(lines) + "\n"


def _cell(value: object, limit: int | None) -> str:
    text = visible("" if value is None else str(value).replace("\n", " "))
    return text if limit is None or len(text) <= limit else text[: limit - 1] + "…"


def collect_commands_for(bundles: Sequence[Path], limits: Limits, fmt: str = "list") -> str:
    """The oc commands that gather what the catalogue needs; given bundles, only what is missing.

    ``fmt`` is ``list`` (one command a line) or ``script`` (a commented POSIX sh script that
    ends with the archive to attach to the support case).
    """
    from analyzer import __version__
    from analyzer.rules.collect import collect_commands
    from analyzer.rules.collect_script import collect_script
    from analyzer.rules.coverage import compute_coverage

    coverage = None
    facts: dict[str, object] = {}
    if bundles:
        from analyzer.app import cluster_facts, open_database

        con, _ = open_database(list(bundles), None, limits)
        try:
            coverage = compute_coverage(con)
            facts = cluster_facts(con)
        finally:
            con.close()
    version = str(facts["rhoai_version"]) if facts.get("rhoai_version") else None
    namespace = str(facts["app_namespace"]) if facts.get("app_namespace") else None
    if fmt == "script":
        return collect_script(coverage, rhoai_version=version, app_namespace=namespace,
                              tool_version=__version__)
    return "".join(f"{c}\n" for c in collect_commands(coverage, rhoai_version=version,
                                                      app_namespace=namespace))
