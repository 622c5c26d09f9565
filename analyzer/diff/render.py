"""Write and print a diff: ``DIR/diff.json``, ``DIR/diff.html`` and the terminal summary."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.markup import escape

from analyzer import __version__


def diff_json(d: dict[str, Any]) -> str:
    """The diff document as deterministic JSON."""
    return json.dumps(d, indent=2, ensure_ascii=False, sort_keys=False) + "\n"


def diff_html(d: dict[str, Any], generated_at: str) -> str:
    """The diff as one self-contained page in the report's style."""
    from analyzer.report.html import render_standalone

    context = dict(d)
    context.update(tool={"name": "mgscan", "version": __version__}, generated_at=generated_at)
    return render_standalone("diff.html.j2", context)


def write_diff(d: dict[str, Any], out_dir: Path, generated_at: str) -> list[Path]:
    """Write diff.json and diff.html into ``out_dir`` atomically; return the paths."""
    from analyzer.report.atomic import write_atomic

    out_dir.mkdir(parents=True, exist_ok=True)
    return [write_atomic(out_dir / "diff.json", diff_json(d)),
            write_atomic(out_dir / "diff.html", diff_html(d, generated_at))]


def _where(o: dict[str, Any]) -> str:
    return escape(f"{o['namespace']}/{o['name']}" if o.get("namespace") else str(o["name"]))


def print_diff(d: dict[str, Any], console: Console) -> None:
    """The terminal summary: verdicts, counts, each new/resolved/changed finding and object."""
    def out(text: str) -> None:
        console.print(text, highlight=False, soft_wrap=True)

    b, a = d["before"], d["after"]
    cluster = b["cluster"].get("id") or b["cluster"].get("infrastructure_name") or "unknown"
    out(f"[bold]{'REGRESSED' if d['regressed'] else 'no regression'}[/] · verdict "
        f"{escape(str(b['verdict']))} -> {escape(str(a['verdict']))} · cluster {escape(cluster)}")
    if d.get("note"):
        out(escape(d["note"]))
    for title, key in (("new", "new"), ("resolved", "resolved")):
        out(f"{title} findings: {len(d[key])}")
        for f in d[key]:
            out(f"  \\[{f['severity']}] {escape(f['rule_id'])} {escape(str(f['kind']))} "
                f"{_where(f)}")
    out(f"changed severity: {len(d['changed'])}")
    for f in d["changed"]:
        out(f"  {escape(f['rule_id'])} {escape(str(f['kind']))} {_where(f)}: "
            f"{f['before_severity']} -> {f['severity']}")
    out(f"rule outcome changes: {len(d['outcome_changes'])}")
    for o in d["outcome_changes"]:
        out(f"  {escape(o['rule_id'])}: {o['before']} -> {o['after']}")
    inv = d["inventory"]
    if not inv["compared"]:
        out(f"inventory: {escape(inv['note'])}")
    else:
        out(f"inventory: {len(inv['missing'])} missing after, {len(inv['added'])} added, "
            f"{len(inv['changed'])} changed")
        for o in inv["missing"]:
            out(f"  missing: {escape(o['family'])} {_where(o)}")
        for o in inv["changed"]:
            out(f"  changed: {escape(o['family'])} {_where(o)}: {escape(str(o['before']))} -> "
                f"{escape(str(o['after']))}")
