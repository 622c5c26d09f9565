"""``status``, ``components`` and ``deps``: the RHOAI health views, read from the bundle.

They mirror the vendor's live ``status``/``components``/``deps`` commands with what a
must-gather holds: the operator's CSV, the DSCInitialization and DataScienceCluster phases and
conditions, each component's managementState and Ready condition, the workloads of the RHOAI
namespaces that are not ready, recent Warning events, nodes and their GPUs, and the operators
RHOAI depends on (Subscriptions and CSVs).
"""

from __future__ import annotations

import json
from typing import Any

import duckdb
import yaml

from analyzer.explore.columns import dig
from analyzer.explore.events import list_events
from analyzer.explore.objects import age, collected_at
from analyzer.explore.render import table
from analyzer.safetext import visible

RHOAI_NAMESPACES = ("redhat-ods-operator", "redhat-ods-applications", "redhat-ods-monitoring")
GPU_RESOURCES = ("nvidia.com/gpu", "amd.com/gpu", "habana.ai/gaudi", "intel.com/gpu")


def _one(con: duckdb.DuckDBPyConnection, view: str) -> dict[str, Any] | None:
    row = con.execute(f"select raw from {view} order by name limit 1").fetchone()
    return json.loads(row[0]) if row and row[0] else None


def _ready(conds: Any, kind: str) -> str:
    for c in conds or []:
        if isinstance(c, dict) and str(c.get("type", "")).lower() == kind.lower():
            return "True" if c.get("status") == "True" else str(c.get("reason") or "False")
    return "-"


def components(con: duckdb.DuckDBPyConnection) -> list[list[str]]:
    """COMPONENT, MANAGEMENT STATE, READY rows from the DataScienceCluster."""
    dsc = _one(con, "datascienceclusters")
    if dsc is None:
        return []
    spec = dig(dsc, "spec", "components") or {}
    conds = dig(dsc, "status", "conditions") or []
    rows = []
    for name in sorted(spec):
        state = dig(spec, name, "managementState") or "Removed"
        ready = _ready(conds, f"{name}Ready")
        if ready == "-":
            ready = _ready(dig(dsc, "status", "components", name, "conditions"), "Ready")
        rows.append([name, str(state), ready])
    return rows


def dependencies(con: duckdb.DuckDBPyConnection) -> list[list[str]]:
    """DEPENDENCY, SUBSCRIPTION, NAMESPACE, INSTALLED CSV, CHANNEL, PHASE rows."""
    from analyzer.rules.catalog import queries_dir

    ref = yaml.safe_load((queries_dir() / "_reference" / "operators.yaml")
                         .read_text(encoding="utf-8"))
    subs = con.execute("select namespace, name, raw from subscriptions order by 1, 2").fetchall()
    csvs = {(ns, n): json.loads(r) for ns, n, r in con.execute(
        "select namespace, name, raw from csvs").fetchall()}
    rows = []
    for entry in ref["rows"]:
        found = False
        for ns, name, raw in subs:
            sub = json.loads(raw)
            if name in entry["names"] or dig(sub, "spec", "name") in entry["packages"]:
                found = True
                installed = str(dig(sub, "status", "installedCSV") or "")
                phase = dig(csvs.get((ns, installed), {}), "status", "phase") or "-"
                rows.append([entry["display"], name, ns or "", installed or "-",
                             str(dig(sub, "spec", "channel") or "-"), str(phase)])
        if not found:
            rows.append([entry["display"], "-", "-", "not installed", "-", "-"])
    return rows


def _unready(con: duckdb.DuckDBPyConnection, namespaces: list[str]) -> list[list[str]]:
    rows = []
    for kind, view in (("deployment", "deployments"), ("pod", "pods")):
        for ns, name, raw in con.execute(
                f"select namespace, name, raw from {view} where list_contains(?, namespace) "
                "order by 1, 2", [namespaces]).fetchall():
            obj = json.loads(raw)
            if kind == "deployment":
                want, have = dig(obj, "spec", "replicas"), dig(obj, "status", "readyReplicas")
                if (want or 0) != (have or 0):
                    rows.append([ns, f"{kind}/{name}", f"{have or 0}/{want or 0} ready", ""])
                continue
            statuses = dig(obj, "status", "containerStatuses") or []
            restarts = sum(int(dig(s, "restartCount") or 0) for s in statuses)
            phase = dig(obj, "status", "phase")
            if phase == "Succeeded":
                continue
            if phase != "Running" or not all(dig(s, "ready") for s in statuses):
                rows.append([ns, f"{kind}/{name}", str(phase or "Unknown"), str(restarts)])
    return rows


def _gpus(con: duckdb.DuckDBPyConnection) -> list[list[str]]:
    rows = []
    for name, raw in con.execute("select name, raw from nodes order by name").fetchall():
        alloc = dig(json.loads(raw), "status", "allocatable") or {}
        gpus = ", ".join(f"{k}={alloc[k]}" for k in GPU_RESOURCES if k in alloc)
        rows.append([name, str(alloc.get("cpu", "")), str(alloc.get("memory", "")), gpus or "-"])
    return rows


def status(con: duckdb.DuckDBPyConnection) -> str:
    """The whole health view as text."""
    facts = dict(zip([d[0] for d in con.execute("select * from cluster_facts").description],
                     con.execute("select * from cluster_facts").fetchone() or (), strict=False))
    now = collected_at(con)
    out = [f"OpenShift {facts.get('ocp_version') or '?'} · RHOAI "
           f"{facts.get('rhoai_version') or '?'} ({facts.get('rhoai_version_source') or '?'}) · "
           f"collected {facts.get('collected_at') or '?'}", ""]
    csv = con.execute("select name, raw from csvs where name like 'rhods-operator%' "
                      "order by name limit 1").fetchone()
    if csv:
        phase = dig(json.loads(csv[1]), "status", "phase") or "?"
        out.append(f"Operator:   {visible(csv[0])} ({visible(str(phase))})")
    else:
        out.append("Operator:   rhods-operator ClusterServiceVersion not collected")
    for label, view in (("DSCI", "dscinitializations"), ("DSC", "datascienceclusters")):
        obj = _one(con, view)
        if obj is None:
            out.append(f"{label + ':':<11} not collected")
            continue
        conds = [c for c in dig(obj, "status", "conditions") or [] if isinstance(c, dict)]
        bad = [f"{c.get('type')}={c.get('status')}" for c in conds
               if c.get("status") != "True" and c.get("reason") != "Removed"
               and c.get("type") not in ("Progressing", "Degraded")
               and not str(c.get("type", "")).endswith("Degraded")]
        out.append(f"{label + ':':<11} {visible(str(dig(obj, 'metadata', 'name')))} phase "
                   f"{visible(str(dig(obj, 'status', 'phase') or '?'))}"
                   + (f"; not true: {visible(', '.join(bad))}" if bad else ""))
    comps = components(con)
    if comps:
        out += ["", "Components:", table(comps, ["COMPONENT", "MANAGEMENT STATE", "READY"])]
    app_ns = facts.get("app_namespace") or "redhat-ods-applications"
    namespaces = sorted({*RHOAI_NAMESPACES, str(app_ns)})
    unready = _unready(con, namespaces)
    out += ["Not ready in the RHOAI namespaces:" + ("" if unready else " none"),
            table(unready, ["NAMESPACE", "OBJECT", "STATE", "RESTARTS"]) if unready else ""]
    warnings = [e for e in list_events(con, None, None, "Warning") if e.namespace in namespaces]
    out.append("Recent Warning events:" + ("" if warnings else " none"))
    if warnings:
        out.append(table([[e.namespace, age(e.when, now), e.reason,
                           f"{e.obj_kind.lower()}/{e.obj_name}", e.message[:100]]
                          for e in warnings[-10:]],
                         ["NAMESPACE", "LAST SEEN", "REASON", "OBJECT", "MESSAGE"]))
    out += ["Nodes:", table(_gpus(con), ["NODE", "CPU", "MEMORY", "GPUS"])]
    return "\n".join(line for line in out if line is not None).rstrip() + "\n"
