"""The assessment's facts as SQL views: ``queries/_assessment/<name>.sql`` → ``asm_<name>``.

Each file is one ``SELECT`` under a header comment saying what fact it holds. The views are
created TEMP, once per connection, after the ``ref_*`` tables they read: nothing is ever written
into the database being analyzed (a read-only ``analyze --db`` file works). A view may read
another (``asm_serving`` from ``asm_models``…); they are created in dependency order.

The parsed files (name, header, body, order) are kept in the precompiled cache
(:mod:`analyzer.precompiled`), keyed by the files' bytes and this module's source, like the rule
catalogue and the reference tables.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path
from typing import Any

import duckdb

from analyzer.rules.catalog import queries_dir

PREFIX = "asm_"
FOLDER = "_assessment"
_NAME_RE = re.compile(r"^[a-z][a-z0-9_]*$")
_REF_RE = re.compile(r"\basm_([a-z][a-z0-9_]*)\b")


class AssessmentViewError(ValueError):
    """A file of ``queries/_assessment`` is malformed (no header, bad name, a cycle)."""


def _header(text: str) -> str:
    lines = []
    for line in text.splitlines():
        if not line.startswith("--"):
            break
        lines.append(line.removeprefix("--").strip())
    return " ".join(p for p in lines if p)


def _parse(folder: Path) -> list[dict[str, Any]]:
    """Read every view file; return them in creation order (a view after those it reads)."""
    views: dict[str, dict[str, Any]] = {}
    for path in sorted(folder.glob("*.sql")):
        name = path.stem
        if not _NAME_RE.match(name):
            raise AssessmentViewError(f"{path}: the file name must be lower_snake_case")
        text = path.read_text(encoding="utf-8")
        header = _header(text)
        if not header:
            raise AssessmentViewError(f"{path}:1: start with a comment saying what fact the "
                                      "view holds")
        deps = sorted({d for d in _REF_RE.findall(text) if d != name})
        views[name] = {"name": name, "header": header, "sql": text.rstrip().rstrip(";"),
                       "deps": deps}
    order: list[str] = []
    visiting: set[str] = set()

    def visit(name: str) -> None:
        if name in order:
            return
        if name in visiting:
            raise AssessmentViewError(f"{folder}: views read each other in a cycle ({name})")
        visiting.add(name)
        for dep in views[name]["deps"]:
            if dep not in views:
                raise AssessmentViewError(f"{folder}/{name}.sql: reads {PREFIX}{dep}, which "
                                          "no file defines")
            visit(dep)
        visiting.discard(name)
        order.append(name)

    for name in views:
        visit(name)
    return [views[n] for n in order]


def load_views(root: Path | None = None) -> list[dict[str, Any]]:
    """Return the parsed view files of ``<root>/_assessment`` in creation order (cached).

    Raises:
        AssessmentViewError: a file has no header comment, a bad name, or the views form a
            cycle or read a view no file defines.
    """
    from analyzer import precompiled

    folder = (root or queries_dir()) / FOLDER
    digest = hashlib.sha256()
    for path in sorted(folder.glob("*.sql")):
        for part in (path.name.encode(), path.read_bytes()):
            digest.update(len(part).to_bytes(8, "big") + part)
    salt = precompiled.source_digest("assess/views.py")
    return list(precompiled.cached("assessment-views", [digest.hexdigest().encode(), salt],
                                   lambda: _parse(folder)))


def _existing(con: duckdb.DuckDBPyConnection) -> set[str]:
    rows = con.execute("select view_name from duckdb_views() where temporary "
                       "and starts_with(view_name, ?)", [PREFIX]).fetchall()
    return {str(r[0]) for r in rows}


def create_views(con: duckdb.DuckDBPyConnection, root: Path | None = None) -> None:
    """Create every ``asm_*`` view on ``con`` (TEMP), unless this connection already has them.

    The ``ref_*`` tables they read must exist (:func:`analyzer.assess.refs.
    ensure_reference_tables`).
    """
    views = load_views(root)
    if {PREFIX + v["name"] for v in views} <= _existing(con):
        return
    for view in views:
        con.execute(f"create or replace temp view {PREFIX}{view['name']} as\n{view['sql']}\n")
