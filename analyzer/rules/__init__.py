"""Rule engine: catalogue, coverage, runner, evidence and report assembly (docs/architecture.md §3).

Public API used by the CLI: :func:`load_catalog`, :meth:`Catalog.select`, :func:`run_rules`,
:func:`compute_coverage`, :func:`resolve_evidence`, :func:`build_report_dict`,
:func:`collect_commands`, :func:`rules_list_rows`, :func:`rule_show_text`.
"""

from analyzer.rules.catalog import Catalog, CatalogError, load_catalog, queries_dir
from analyzer.rules.collect import collect_commands, must_gather_command
from analyzer.rules.coverage import compute_coverage, missing_kinds
from analyzer.rules.evidence import resolve_evidence
from analyzer.rules.model import (
    Evidence,
    Finding,
    Group,
    Outcome,
    Rule,
    RuleResult,
    Severity,
)
from analyzer.rules.results import build_report_dict, verdict_of
from analyzer.rules.runner import RunParams, run_rules

_DOCS_NAMES = ("render_markdown", "rule_show_text", "rules_list_rows")


def __getattr__(name: str) -> object:
    """Import the docs helpers lazily, so ``python -m analyzer.rules.docs`` runs cleanly."""
    if name in _DOCS_NAMES:
        from analyzer.rules import docs

        return getattr(docs, name)
    raise AttributeError(f"module 'analyzer.rules' has no attribute {name!r}")

__all__ = [
    "Catalog",
    "CatalogError",
    "Evidence",
    "Finding",
    "Group",
    "Outcome",
    "Rule",
    "RuleResult",
    "RunParams",
    "Severity",
    "build_report_dict",
    "collect_commands",
    "compute_coverage",
    "load_catalog",
    "missing_kinds",
    "must_gather_command",
    "queries_dir",
    "render_markdown",
    "resolve_evidence",
    "rule_show_text",
    "rules_list_rows",
    "run_rules",
    "verdict_of",
]
