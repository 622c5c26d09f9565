"""``get``: objects by kind, name, namespace and selector, printed as ``oc get`` prints them."""

from __future__ import annotations

from dataclasses import dataclass

import duckdb

from analyzer.errors import UsageError
from analyzer.explore import render
from analyzer.explore.kinds import resolve_kind
from analyzer.explore.objects import NotFound, Obj, collected_at, fetch, names_in
from analyzer.safetext import visible

OUTPUTS = ("wide", "yaml", "json", "name")


@dataclass(frozen=True)
class GetRequest:
    """What ``mgscan get`` was asked for."""

    kind: str
    name: str | None = None
    namespace: str | None = None
    all_namespaces: bool = False
    selector: str | None = None
    output: str | None = None


def find(con: duckdb.DuckDBPyConnection, req: GetRequest) -> list[Obj]:
    """The objects ``req`` names; a named object that is missing raises NotFound."""
    refs = resolve_kind(con, req.kind)
    ns = None if req.all_namespaces else req.namespace
    objs = fetch(con, refs, req.name, ns, req.selector)
    if req.name is not None and not objs:
        where = f" in namespace {visible(ns)}" if ns else ""
        near = names_in(con, refs[0], ns)
        also = ""
        if ns is None or not near:
            other = fetch(con, refs, req.name, None, None)
            if other:
                spaces = sorted({o.namespace or "" for o in other})
                also = f"; it exists in namespace(s): {visible(', '.join(spaces))}"
        listed = visible(", ".join(near)) if near else "none"
        raise NotFound(f'{refs[0].plural} "{visible(req.name)}" not found{where}{also}; '
                       f"{refs[0].plural} there: {listed}")
    return objs


def get(con: duckdb.DuckDBPyConnection, req: GetRequest) -> str:
    """Render ``mgscan get`` output."""
    out = req.output
    if out and out not in OUTPUTS and not out.startswith("jsonpath="):
        raise UsageError(f"unknown output {out!r}: choose wide, yaml, json, name or "
                         "jsonpath=EXPR")
    objs = find(con, req)
    single = req.name is not None
    if out == "yaml":
        return render.as_yaml(objs, single)
    if out == "json":
        return render.as_json(objs, single)
    if out == "name":
        return render.as_names(objs)
    if out and out.startswith("jsonpath="):
        return render.as_jsonpath(objs, out[len("jsonpath="):], single)
    if not objs:
        scope = "" if req.all_namespaces or not req.namespace else (
            f" in {visible(req.namespace)} namespace")
        return f"No resources found{scope}.\n"
    return render.as_table(objs, collected_at(con), req.all_namespaces, out == "wide")
