"""Prerequisite checklist (migration-facts.md §7) from rule results and bundle probes.

Each ``ref_checklist`` row names a probe (a small SQL check of the bundle) and the vendor check
IDs (``aliases``) or mgscan rule IDs (``rule_ids``) whose result decides it. A rule that ran
decides: passed → done, failed → todo, not_evaluated → unknown (unless the probe found evidence
that the item is still to do). Without a deciding rule the probe decides. What a bundle cannot
show is ``confirm``; what was not collected is ``unknown``, never ``done``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import duckdb

from analyzer.assess.inventory import component_state, dsc_count
from analyzer.assess.refs import collected, fetch_dicts, fetch_one, plural

_OUTCOME_STATUS = {"failed": "todo", "not_evaluated": "unknown", "passed": "done"}
_OUTCOME_RANK = {"failed": 0, "not_evaluated": 1, "passed": 2}
_ACTIVE = ("Managed", "Unmanaged")

@dataclass(frozen=True)
class Context:
    """What the probes read besides the database."""

    facts: Mapping[str, Any]
    inventory: Mapping[str, Any]


Probe = Callable[[duckdb.DuckDBPyConnection, Context, Any], tuple[str, str]]


def _subscriptions_collected(con: duckdb.DuckDBPyConnection) -> bool:
    return collected(con, "subscriptions", "operators.coreos.com", "subscriptions",
                     "Subscription")


def _display(con: duckdb.DuckDBPyConnection, key: str) -> str:
    row = fetch_one(con, "select display from ref_operators where key = ?", [key])
    return str(row.get("display") or key)


def _installed(con: duckdb.DuckDBPyConnection, key: str) -> list[str]:
    return [f"{r['name']} ({r['csv']})" if r["csv"] else r["name"]
            for r in fetch_dicts(con, "select name, csv from asm_known_operators where key = ? "
                                      "order by namespace, name", [key])]


def _ocp_version(con: duckdb.DuckDBPyConnection, ctx: Context, minimum: Any) -> tuple[str, str]:
    ocp = ctx.facts.get("ocp_version")
    if not ocp:
        return "unknown", "OpenShift version not collected (ClusterVersion missing)"
    ok = fetch_one(con, "select vkey(?) >= vkey(?) as ok", [ocp, str(minimum)]).get("ok")
    return ("done" if ok else "todo"), f"OpenShift {ocp} (ClusterVersion)"


def _operator_present(con: duckdb.DuckDBPyConnection, _: Context, key: Any) -> tuple[str, str]:
    found = _installed(con, str(key))
    if found:
        return "done", f"Subscription {', '.join(found)} found"
    if not _subscriptions_collected(con):
        return "unknown", "OLM Subscriptions not collected"
    return "todo", f"No {_display(con, str(key))} Subscription found"


def _operator_absent(con: duckdb.DuckDBPyConnection, _: Context, key: Any) -> tuple[str, str]:
    found = _installed(con, str(key))
    if found:
        return "todo", f"{', '.join(found)} installed"
    if not _subscriptions_collected(con):
        return "unknown", "OLM Subscriptions not collected"
    return "done", f"No {_display(con, str(key))} Subscription found"


def _authorino_absent(con: duckdb.DuckDBPyConnection, ctx: Context, key: Any) -> tuple[str, str]:
    status, detail = _operator_absent(con, ctx, key)
    rhcl = _installed(con, "rhcl")
    if status == "todo" and rhcl:
        return "done", f"{detail} as part of {', '.join(rhcl)} (Red Hat Connectivity Link)"
    return status, detail


def _metallb(con: duckdb.DuckDBPyConnection, ctx: Context, key: Any) -> tuple[str, str]:
    platform = ctx.facts.get("platform")
    if not platform:
        return "unknown", "Platform not collected (Infrastructure missing)"
    if platform == "None":
        return "confirm", ("Platform None (user-provisioned): confirm whether Gateway traffic "
                           "needs MetalLB")
    if platform.lower() != "baremetal":
        return "done", f"Platform {platform}: not needed"
    found = _installed(con, str(key))
    if found:
        return "done", f"Platform {platform}; {', '.join(found)} installed"
    if not _subscriptions_collected(con):
        return "unknown", f"Platform {platform}; OLM Subscriptions not collected"
    return "todo", f"Platform {platform} without a MetalLB Operator Subscription"


def _component_removed(con: duckdb.DuckDBPyConnection, _: Context,
                       component: Any) -> tuple[str, str]:
    state = component_state(con, str(component))
    if state is None:
        return "unknown", "DataScienceCluster not collected"
    return ("todo" if state in _ACTIVE else "done"), f"{component}: {state}"


def _rhoai_collected(con: duckdb.DuckDBPyConnection) -> bool:
    """The RHOAI must-gather ran: its discovery would have inspected workload namespaces."""
    return dsc_count(con) > 0


def _models_raw(con: duckdb.DuckDBPyConnection, ctx: Context, _: Any) -> tuple[str, str]:
    models = ctx.inventory["models"]
    need = [m for m in models if m["mode"] in ("ModelMesh", "Serverless")]
    unknown = [m for m in models if m["mode"] == "unknown"]
    shown = need or models
    n_inferred = sum(1 for m in shown if m["inferred"])
    inferred = (f" ({n_inferred} inferred from Deployments, Pods or Knative Services)"
                if n_inferred else "")
    if need:
        verb = "needs" if len(need) == 1 else "need"
        return "todo", f"{len(need)} of {plural(len(models), 'model')} {verb} conversion{inferred}"
    if unknown:
        return "unknown", f"{plural(len(unknown), 'model')} with an unknown deployment mode"
    if models:
        return "done", f"{plural(len(models), 'model')}, all RawDeployment{inferred}"
    if collected(con, "inferenceservices", "serving.kserve.io", "inferenceservices",
                 "InferenceService"):
        return "done", "No InferenceServices"
    if _rhoai_collected(con):
        return "done", "No InferenceServices, Knative Services or model Deployments found"
    return "unknown", "InferenceServices not collected"


def _no_workbenches(con: duckdb.DuckDBPyConnection) -> tuple[str, str]:
    if collected(con, "notebooks", "kubeflow.org", "notebooks", "Notebook"):
        return "done", "No workbenches"
    if _rhoai_collected(con):
        return "done", "No Notebooks or notebook StatefulSets found"
    return "unknown", "Notebooks not collected"


def _workbench_images(con: duckdb.DuckDBPyConnection, ctx: Context, _: Any) -> tuple[str, str]:
    wbs = ctx.inventory["workbenches"]
    custom = [w for w in wbs if w["custom_image"]]
    unknown = [w for w in wbs if w["custom_image"] is None]
    if custom:
        images = len({w["image"] for w in custom})
        verb = "uses" if len(custom) == 1 else "use"
        return "todo", (f"{len(custom)} of {plural(len(wbs), 'workbench')} {verb} "
                        f"{plural(images, 'custom image')}")
    if unknown:
        return "unknown", (f"{plural(len(unknown), 'workbench image')} not compared "
                           "(no out-of-the-box ImageStreams or no image collected)")
    if wbs:
        return "done", f"{plural(len(wbs), 'workbench')}, all on out-of-the-box images"
    return _no_workbenches(con)


def _workbenches_stopped(con: duckdb.DuckDBPyConnection, ctx: Context,
                         _: Any) -> tuple[str, str]:
    wbs = ctx.inventory["workbenches"]
    running = sum(1 for w in wbs if w["state"] == "running")
    waiting = sum(1 for w in wbs if w["state"] == "waiting")
    unknown = sum(1 for w in wbs if w["state"] == "unknown")
    if running or waiting:
        return "todo", (f"{running + waiting} of {plural(len(wbs), 'workbench')} not stopped "
                        f"({running} running, {waiting} waiting)")
    if unknown:
        return "unknown", f"{plural(unknown, 'workbench')} in an unknown state"
    if wbs:
        return "done", f"All {plural(len(wbs), 'workbench')} stopped"
    return _no_workbenches(con)


def _llamastack(con: duckdb.DuckDBPyConnection, _: Context, __: Any) -> tuple[str, str]:
    n = fetch_one(con, "select llamastacks as n from asm_exposure_facts")["n"]
    if n:
        return "todo", (f"{plural(n, 'LlamaStackDistribution')}: archive their data "
                        "(no automated migration from SQLite)")
    if collected(con, "llamastackdistributions", "llamastack.io", "llamastackdistributions",
                 "LlamaStackDistribution"):
        return "done", "No LlamaStackDistributions"
    state = component_state(con, "llamastackoperator")
    if state is not None and state not in _ACTIVE:
        return "done", f"llamastackoperator: {state}"
    return "unknown", "LlamaStackDistributions not collected"


def _confirm(con: duckdb.DuckDBPyConnection, _: Context, key: Any) -> tuple[str, str]:
    if key is None:
        return "confirm", ""
    found = _installed(con, str(key))
    if found:
        return "confirm", f"{', '.join(found)} installed"
    return "confirm", f"No {_display(con, str(key))} Subscription seen"


PROBES: dict[str, Probe] = {
    "authorino_absent": _authorino_absent, "component_removed": _component_removed,
    "confirm": _confirm, "llamastack": _llamastack, "metallb": _metallb,
    "models_raw": _models_raw, "ocp_version": _ocp_version,
    "operator_absent": _operator_absent, "operator_present": _operator_present,
    "workbench_images": _workbench_images, "workbenches_stopped": _workbenches_stopped,
}


def _deciding_result(row: Mapping[str, Any],
                     results: Sequence[Mapping[str, Any]]) -> Mapping[str, Any] | None:
    aliases = set(row.get("aliases") or [])
    ids = set(row.get("rule_ids") or [])
    hits = [r for r in results
            if r.get("outcome") in _OUTCOME_RANK
            and (r.get("rule_id") in ids or aliases & set(r.get("aliases") or []))]
    hits.sort(key=lambda r: (_OUTCOME_RANK[r["outcome"]], str(r["rule_id"])))
    return hits[0] if hits else None


def _result_detail(result: Mapping[str, Any]) -> str:
    findings = result.get("findings") or []
    if result["outcome"] == "failed" and findings and findings[0].get("message"):
        return str(findings[0]["message"])
    return str(result.get("message") or f"{result['rule_id']}: {result['outcome']}")


def build_checklist(con: duckdb.DuckDBPyConnection, ctx: Context,
                    results: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """Build the checklist in ``ref_checklist`` order.

    Raises:
        KeyError: a checklist row names a probe this module does not have.
    """
    out: list[dict[str, Any]] = []
    for row in fetch_dicts(con, 'select * from ref_checklist order by "order", id'):
        status, detail = PROBES[str(row["probe"])](con, ctx, row.get("param"))
        if status == "confirm":
            detail = "; ".join(p for p in (row.get("detail"), detail) if p)
        rule_id = None
        result = None if row["probe"] == "confirm" else _deciding_result(row, results)
        if result is not None:
            decided = _OUTCOME_STATUS[result["outcome"]]
            if decided == "unknown" and status == "todo":
                pass  # the bundle shows the work is still to do, whatever was not collected
            else:
                rule_id = result["rule_id"]
                if decided != status or result["outcome"] == "not_evaluated":
                    detail = _result_detail(result)
                status = decided
        out.append({"id": row["id"], "section": row["section"], "item": row["item"],
                    "status": status, "detail": detail, "rule_id": rule_id})
    return out
