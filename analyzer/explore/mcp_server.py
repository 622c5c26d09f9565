"""A read-only Model Context Protocol server over stdio: an assistant can read the bundle.

Tools: ``query`` (one SELECT through the SQL guard, capped rows), ``get``, ``logs``, ``events``,
``findings`` (the analysis results) and ``rules`` (the catalogue). Every answer is bounded in
rows and bytes; nothing writes, and nothing reaches outside the ingested tables.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import duckdb

from analyzer.errors import MgscanError

MAX_ROWS = 200
MAX_BYTES = 256 * 1024


def _cap(text: str) -> str:
    data = text.encode("utf-8")
    if len(data) <= MAX_BYTES:
        return text
    return data[:MAX_BYTES].decode("utf-8", "ignore") + f"\n[truncated at {MAX_BYTES} bytes]"


class BundleTools:
    """The tool implementations over one ingested database (plain functions, testable)."""

    def __init__(self, db: Path, cache: Path | None) -> None:
        self.db = db
        self.cache = cache

    @contextmanager
    def _con(self) -> Iterator[duckdb.DuckDBPyConnection]:
        from analyzer.explore.session import connect

        con = connect(self.db)
        try:
            yield con
        finally:
            con.close()

    def query(self, sql: str) -> str:
        """Run one read-only SELECT; at most MAX_ROWS rows as JSON."""
        from analyzer.ingest.guard import run_select

        with self._con() as con:
            cols, rows = run_select(con, sql)
        out = [dict(zip(cols, r, strict=True)) for r in rows[:MAX_ROWS]]
        note = {"rows": len(out), "truncated": len(rows) > MAX_ROWS}
        return _cap(json.dumps({"columns": cols, "data": out, **note}, default=str))

    def get(self, kind: str, name: str | None = None, namespace: str | None = None,
            selector: str | None = None, output: str = "json") -> str:
        """Objects as collected (``json``/``yaml``), or the ``table`` ``oc get`` prints."""
        from analyzer.explore.get import GetRequest, get

        fmt = None if output == "table" else output
        with self._con() as con:
            return _cap(get(con, GetRequest(kind, name, namespace, namespace is None,
                                            selector, fmt)))

    def logs(self, pod: str, container: str | None = None, namespace: str | None = None,
             previous: bool = False, tail: int = 200, grep: str | None = None) -> str:
        """The last ``tail`` lines (matching ``grep``) of a pod's collected log."""
        from analyzer.explore.logs import find_log, log_chunks, select_lines
        from analyzer.safetext import visible

        with self._con() as con:
            ref = find_log(con, pod, namespace, container, previous)
        data = b"".join(select_lines(log_chunks(ref, self.cache), max(0, min(tail, 5000)),
                                     grep))
        return _cap(visible(data.decode("utf-8", "replace"), keep_breaks=True))

    def events(self, namespace: str | None = None, for_object: str | None = None,
               type: str | None = None) -> str:  # noqa: A002 - the tool's public name
        """Events (newest last) as JSON."""
        from analyzer.explore.events import list_events

        with self._con() as con:
            found = list_events(con, namespace, for_object, type)[-MAX_ROWS:]
        return _cap(json.dumps([vars(e) for e in found]))

    def findings(self, target_version: str = "3.3.2") -> str:
        """The analysis: verdict, completeness and every failed or not-evaluated rule."""
        from analyzer.analysis import build_report
        from analyzer.app import AnalyzeOptions

        report = build_report(AnalyzeOptions(db=self.db, target_version=target_version))
        keep = [{k: r[k] for k in ("rule_id", "aliases", "title", "severity", "outcome",
                                   "message", "remediation")}
                | {"findings": r["findings"][:50]}
                for r in report["results"] if r["outcome"] in ("failed", "not_evaluated",
                                                                 "error")]
        head = {k: report.get(k) for k in ("verdict", "target_version", "cluster",
                                           "completeness", "summary")}
        return _cap(json.dumps({**head, "results": keep}, default=str))

    def rules(self, rule: str | None = None) -> str:
        """The rule catalogue (or one rule by ID or vendor alias) as JSON."""
        from analyzer.rules.catalog import load_catalog

        found = [r for r in load_catalog().rules
                 if rule is None or rule == r.id or rule in r.aliases]
        return _cap(json.dumps([{"id": r.id, "aliases": list(r.aliases), "title": r.title,
                                 "group": r.group, "severity": r.severity} for r in found]))


def _safe(func: Callable[..., str]) -> Callable[..., str]:
    """Report mgscan's own errors to the assistant as text instead of a protocol error."""
    import functools

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> str:
        try:
            return func(*args, **kwargs)
        except MgscanError as exc:
            return f"error: {exc}"

    return wrapper


def serve(db: Path, cache: Path | None) -> None:
    """Serve the tools over stdio until the client closes the connection."""
    from mcp.server.mcpserver import MCPServer
    from mcp.types import ToolAnnotations

    from analyzer import __version__

    tools = BundleTools(db, cache)
    server: Any = MCPServer(name="mgscan", version=__version__, instructions=(
        "Read-only access to one OpenShift AI must-gather bundle: query (one SELECT over "
        "tables such as resources, logs, events), get, logs, events, findings, rules."))
    for name in ("query", "get", "logs", "events", "findings", "rules"):
        method = getattr(tools, name)
        server.add_tool(_safe(method), name=name, description=method.__doc__,
                        annotations=ToolAnnotations(read_only_hint=True))
    server.run("stdio")
