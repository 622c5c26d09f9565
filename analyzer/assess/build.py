"""The ``assessment`` block of report.json (docs/architecture.md §5).

Everything the report says beyond rule results: exposure reasons, support window, prerequisite
checklist, effort per component, size and timeline estimate, inventory, strategy and notices.
Its facts are the ``asm_*`` SQL views of ``queries/_assessment/`` (one file per fact, created
TEMP once per connection) over the per-kind views and the ``ref_*`` reference tables
(``queries/_reference/{effort,timeline,checklist,strategy,lifecycle,operators}.yaml``); Python
reads them with plain selects and words the results.

Usage::

    block = build_assessment(con, facts=report["cluster"], results=report["results"],
                             target_version="3.3.2", now=clock())
    report["assessment"] = block
    report["exposure"] = exposure_class(block)
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

import duckdb

from analyzer.assess.checklist import Context, build_checklist
from analyzer.assess.effort import build_effort, build_sizing, build_support, stream_of
from analyzer.assess.exposure import exposure_from_inventory, level_of
from analyzer.assess.inventory import inventory_lists, ootb_catalogue_size
from analyzer.assess.plan import build_plan
from analyzer.assess.refs import fetch_dicts, fetch_one, plural, prepare_views, sentences

__all__ = ["assessment_basis", "build_assessment", "compute_exposure", "exposure_class"]

_FACT_KEYS = ("ocp_version", "rhoai_version", "channel", "platform", "collected_at",
              "app_namespace")


def _facts(con: duckdb.DuckDBPyConnection, facts: Mapping[str, Any]) -> dict[str, Any]:
    """Merge the caller's facts (report ``cluster``, flags) over the ``cluster_facts`` view."""
    base = fetch_one(con, "select * from cluster_facts")
    merged = {k: base.get(k) for k in _FACT_KEYS}
    merged.update({k: v for k, v in facts.items() if v is not None})
    return merged


def _ds_namespaces(con: duckdb.DuckDBPyConnection, inventory: Mapping[str, Any]) -> set[str]:
    names = {r["name"] for r in fetch_dicts(con, "select name from asm_ds_namespaces")}
    names |= {m["namespace"] for m in inventory["models"]}
    names |= {w["namespace"] for w in inventory["workbenches"]}
    return {n for n in names if n}


def _notices(con: duckdb.DuckDBPyConnection, inventory: Mapping[str, Any],
             facts: Mapping[str, Any], target_version: str) -> list[str]:
    out: list[str] = []
    bundle = fetch_one(con, "select obfuscated, dscs from asm_bundle_facts")
    if bundle["obfuscated"]:
        out.append("The bundle is obfuscated (must-gather-clean watermark.txt): names, "
                   "addresses and domains may be replaced by tokens and some files omitted.")
    dscs = bundle["dscs"]
    if dscs == 0:
        out.append("No DataScienceCluster was collected: component states are unknown.")
    elif dscs > 1:
        out.append(f"{dscs} DataScienceClusters were collected; the first by name is used.")
    models = sum(1 for m in inventory["models"] if m["inferred"])
    wbs = sum(1 for w in inventory["workbenches"] if w["inferred"])
    if models or wbs:
        parts = [p for p, n in ((plural(models, "model"), models),
                                (plural(wbs, "workbench"), wbs)) if n]
        verb = "was" if models + wbs == 1 else "were"
        out.append(f"{' and '.join(parts)} {verb} inferred from Pods, Deployments, Knative "
                   "Services or StatefulSets because their custom resources were not collected "
                   "(RHOAI must-gathers before 3.3 omit them); names and modes are best effort.")
    if inventory["workbenches"] and ootb_catalogue_size(con) == 0:
        out.append("No out-of-the-box workbench ImageStreams were found in "
                   f"{facts.get('app_namespace')}: custom images cannot be told apart.")
    source = facts.get("rhoai_version")
    if source and stream_of(source) == stream_of(target_version):
        out.append(f"Source {source} and target {target_version} share a minor release: there "
                   "is nothing to migrate, so the checklist and estimates are for reference only.")
    if not source:
        out.append(f"The RHOAI version was not found; the assessment assumes a migration to "
                   f"{target_version}.")
    return sorted(out)


def compute_exposure(con: duckdb.DuckDBPyConnection, facts: Mapping[str, Any],
                     results: Sequence[Mapping[str, Any]]) -> tuple[str, list[str]]:
    """Return the exposure class and its reasons (migration-facts.md §4).

    Args:
        con: the ingested database (views created).
        facts: cluster facts; not needed for exposure, accepted for a uniform signature.
        results: report.json ``results``; not needed for exposure (the bundle decides).

    Returns:
        ``("minimal" | "moderate" | "high", reasons)``, high reasons first.
    """
    del facts, results
    prepare_views(con)
    return exposure_from_inventory(con, inventory_lists(con))


def exposure_class(assessment_or_inputs: Mapping[str, Any] | Sequence[str]) -> str:
    """Return ``minimal``, ``moderate`` or ``high`` for an assessment block or its reasons.

    Args:
        assessment_or_inputs: a block from :func:`build_assessment` (its
            ``exposure_reasons`` are read) or a list of reason sentences.

    Raises:
        ValueError: a reason is not one the assessment writes.
    """
    if isinstance(assessment_or_inputs, Mapping):
        reasons = assessment_or_inputs.get("exposure_reasons") or []
    else:
        reasons = list(assessment_or_inputs)
    return level_of(reasons)


def assessment_basis(con: duckdb.DuckDBPyConnection,
                     facts: Mapping[str, Any]) -> dict[str, Any]:
    """The part of the assessment that needs no rule result: facts, inventory, exposure.

    :func:`analyzer.analysis.report_from` computes it on the run's connection while the rules
    run on cursors of their own, and hands it to :func:`build_assessment`.
    """
    prepare_views(con)
    inventory = inventory_lists(con)
    level, reasons = exposure_from_inventory(con, inventory)
    return {"facts": _facts(con, facts), "inventory": inventory, "level": level,
            "reasons": reasons}


def build_assessment(con: duckdb.DuckDBPyConnection, *, facts: Mapping[str, Any],
                     results: Sequence[Mapping[str, Any]], target_version: str,
                     now: datetime, basis: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """Build the ``assessment`` block of report.json.

    Args:
        con: the ingested database (``resources`` and the per-kind views).
        facts: the report's ``cluster`` block (values override ``cluster_facts``).
        results: the report's ``results`` entries (rule_id, aliases, outcome, findings, ...).
        target_version: the migration target, e.g. ``3.3.2``.
        now: the injected clock, used only when the bundle's collection time is unknown.
        basis: :func:`assessment_basis` of ``con`` and ``facts``, when already computed.

    Returns:
        The block with the keys ``exposure_reasons, plan, support, checklist, effort, sizing,
        inventory, strategy, notices``; every list sorted deterministically.
    """
    if basis is None:
        basis = assessment_basis(con, facts)
    merged, inventory = basis["facts"], basis["inventory"]
    level, reasons = basis["level"], basis["reasons"]
    checklist = build_checklist(con, Context(merged, inventory), results)
    return {
        "exposure_reasons": reasons,
        "plan": build_plan(con, results, checklist),
        "support": build_support(con, merged, now),
        "checklist": checklist,
        "effort": build_effort(con, inventory, results, checklist),
        "sizing": build_sizing(con, inventory, _ds_namespaces(con, inventory)),
        "inventory": inventory,
        "strategy": sentences(con, "strategy", exposure=level),
        "notices": _notices(con, inventory, merged, target_version),
    }
