"""Completeness: which blocker-level checks could not run, so readiness cannot be confirmed.

A rule of severity ``critical`` or ``prohibited`` whose outcome is ``not_evaluated`` leaves the
analysis incomplete (contract.md "Verdict"): it is listed under ``unverified`` with the data it
lacks and the command that collects it. One exception keeps every report from being incomplete
for a reason no collection can fix: when everything the rule lacks is data that no must-gather
collects (``collected_by: supplementary`` in ``queries/_reference/collection.yaml``, e.g. the
PackageManifests of the OLM catalog or the DataSciencePipelinesApplication CRD), the rule is a
*confirmation item*: listed under ``confirm`` with the reason and the command that confirms it,
and it does not make the analysis incomplete. The same holds when it also lacks the kind its
component gate's ``or_exists`` names (that kind decides only whether the rule applies).

This module aggregates results; it decides nothing a rule should.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from analyzer.rules.catalog import queries_dir
from analyzer.rules.model import Outcome, RuleResult, Severity
from analyzer.rules.reference import read_reference

BLOCKER_SEVERITIES = (Severity.PROHIBITED, Severity.CRITICAL)
NEVER_COLLECTED = "supplementary"  # collection.yaml: no must-gather run collects the kind
CONFIRM_REASON = ("No must-gather collects {kinds}, so this check cannot run from a bundle; "
                  "confirm it on the cluster with the command shown.")


def _collection(root: Path | None) -> dict[str, Mapping[str, Any]]:
    _, rows = read_reference((root or queries_dir()) / "_reference" / "collection.yaml")
    return {str(r["kind"]): r for r in rows}


def _commands(result: RuleResult, kinds: Sequence[str],
              collection: Mapping[str, Mapping[str, Any]],
              hints: Mapping[str, str], app_namespace: str) -> list[str]:
    """The rule's own collect commands, else the coverage hint or catalogue command per kind."""
    commands = list(result.collect)
    for kind in kinds:
        command = hints.get(kind) or str(collection.get(kind, {}).get("command") or "")
        command = command.replace("{app_namespace}", app_namespace)
        if command and not result.collect and command not in commands:
            commands.append(command)
    return commands


def _gate_kind(result: RuleResult) -> str | None:
    """The kind that only decides whether the rule applies (its gate's ``or_exists``).

    Collecting it can only make the rule not_applicable or leave it waiting for the
    never-collected kinds, so it does not turn a confirmation item into an unverified blocker.
    """
    gate = result.rule.component_state
    return gate.or_exists if gate else None


def build_completeness(results: Sequence[RuleResult],
                       coverage: Sequence[Mapping[str, Any]] = (),
                       app_namespace: str | None = None,
                       root: Path | None = None) -> dict[str, Any]:
    """Return report.json's ``completeness`` block.

    ``{"complete": bool, "unverified": [...], "confirm": [...]}``; each item is
    ``{rule_id, aliases, severity, missing, collect, reason}``, sorted by rule ID: ``missing``
    the kinds it lacks, ``collect`` one command (several joined by `` && ``) or None, ``reason``
    why it could not run.
    """
    collection = _collection(root)
    hints = {str(c["kind"]): str(c.get("hint") or "") for c in coverage}
    ns = app_namespace or "redhat-ods-applications"
    unverified: list[dict[str, Any]] = []
    confirm: list[dict[str, Any]] = []
    for result in sorted(results, key=lambda r: r.rule.id):
        rule = result.rule
        if result.outcome is not Outcome.NOT_EVALUATED or rule.severity not in BLOCKER_SEVERITIES:
            continue
        kinds = sorted(set(result.missing_kinds))
        item: dict[str, Any] = {
            "rule_id": rule.id,
            "aliases": list(rule.aliases),
            "severity": rule.severity.value,
            "missing": kinds,
            "collect": " && ".join(_commands(result, kinds, collection, hints, ns)) or None,
        }
        never = [k for k in kinds if collection.get(k, {}).get("collected_by") == NEVER_COLLECTED]
        if kinds and never and all(k in never or k == _gate_kind(result) for k in kinds):
            item["reason"] = CONFIRM_REASON.format(kinds=", ".join(never))
            confirm.append(item)
        else:
            item["reason"] = result.message
            unverified.append(item)
    return {"complete": not unverified, "unverified": unverified, "confirm": confirm}


__all__ = ["BLOCKER_SEVERITIES", "build_completeness"]
