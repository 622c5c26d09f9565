"""The terminal summary printed by ``mgscan analyze`` (rich; fine with NO_COLOR and CI logs)."""

from __future__ import annotations

import textwrap
from collections.abc import Mapping
from typing import Any

from rich.console import Console
from rich.markup import escape

from analyzer.report.common import (
    SEVERITIES,
    Report,
    at_or_above,
    blockers_first,
    check_line,
    confirmation_items,
    finding_severity,
    incomplete_headline,
    object_ref,
    results_by_outcome,
    unverified_checks,
    worst_severity,
)
from analyzer.report.plan_text import plan_steps, step_refs

VERDICT_STYLES = {
    "PROHIBITED": "bold white on red",
    "FAIL": "bold red",
    "WARNING": "bold yellow",
    "PASS": "bold green",
}
SEVERITY_STYLES = {"prohibited": "bold red", "critical": "red", "warning": "yellow", "info": "cyan"}
_MAX_FINDINGS_PER_RULE = 5


def _out(console: Console, markup: str) -> None:
    """Print one short line of markup without highlighting or hard wrapping (CI-log friendly)."""
    console.print(markup, highlight=False, soft_wrap=True)


def _shorten(word: str, room: int) -> str:
    """``word`` cut in the middle with ``…`` to fit ``room`` columns (a long path or name).

    >>> _shorten("must-gather.local.1234567890/quay-io-image-sha256-abcdef", 30)
    'must-gather.local.1…256-abcdef'
    """
    if len(word) <= room:
        return word
    head = (room - 1) * 2 // 3
    return word[:head] + "…" + word[len(word) - (room - 1 - head):]


def _line(console: Console, text: str, indent: int = 0, hang: int = 0,
          keep_words: bool = False) -> None:
    """Print plain text; on a terminal it wraps at word boundaries to the console width.

    Continuation lines are indented by ``indent + hang`` so a wrapped item stays readable; no
    line is cut mid-word. A word longer than a line (a root path) is shortened in the middle
    with ``…`` (the report has it whole), except with ``keep_words`` (lines that carry a collect
    command): there such a word, a CRD name, gets a line of its own and stays whole, so a copied
    command still runs. Off a terminal (CI logs, pipes) the text stays one line, unchanged.
    """
    if not console.is_terminal:
        console.print(" " * indent + text, highlight=False, markup=False, soft_wrap=True)
        return
    width = max(console.width, indent + hang + 20)
    if not keep_words:
        text = " ".join(_shorten(word, width - indent - hang) for word in text.split(" "))
    for line in textwrap.wrap(text, width, initial_indent=" " * indent,
                              subsequent_indent=" " * (indent + hang),
                              break_long_words=False, break_on_hyphens=False) or [""]:
        console.print(line, highlight=False, markup=False, soft_wrap=True)


def _finding_text(finding: Mapping[str, Any]) -> str:
    """``ref: message``, or the message alone when it already names the object (named once)."""
    message = str(finding.get("message") or "")
    name = str(finding.get("name") or "")
    return message if name and name in message else f"{object_ref(finding)}: {message}"


def _e(value: object) -> str:
    """Escape bundle or rule text for rich markup."""
    return escape("" if value is None else str(value))


def _plain(value: object) -> str:
    return "" if value is None else str(value)


def _cluster_line(report: Report) -> str:
    """``OCP 4.18.20 · RHOAI 2.25.4 (csv) -> 3.3.2 · channel eus-2.25 · AWS``."""
    cluster: Mapping[str, Any] = report.get("cluster") or {}
    source = cluster.get("rhoai_version_source")
    parts = [
        f"OCP {_plain(cluster.get('ocp_version') or 'unknown')}",
        f"RHOAI {_plain(cluster.get('rhoai_version') or 'unknown')}"
        + (f" ({_plain(source)})" if source else "")
        + f" -> {_plain(report.get('target_version'))}",
        f"channel {_plain(cluster.get('channel') or 'unknown')}",
        f"{_plain(cluster.get('platform') or 'platform unknown')}",
    ]
    return " · ".join(parts)


def _identity_line(report: Report) -> str | None:
    """``cluster 96eb6c40-… (rhoai-prod-x) · https://api…:6443 · merged: a (t1), b (t2)``."""
    cluster: Mapping[str, Any] = report.get("cluster") or {}
    parts = []
    if cluster.get("id") or cluster.get("infrastructure_name"):
        name = cluster.get("infrastructure_name")
        parts.append(f"cluster {_plain(cluster.get('id') or name)}"
                     + (f" ({_plain(name)})" if name and cluster.get("id") else ""))
    if cluster.get("api_url"):
        parts.append(_plain(cluster["api_url"]))
    inputs = report.get("inputs") or []
    if len(inputs) > 1:
        parts.append("merged: " + ", ".join(
            f"{_plain(i.get('path'))} ({_plain(i.get('collected_at') or 'time unknown')})"
            for i in inputs))
    return " · ".join(parts) or None


def _next_steps(report: Report, console: Console) -> None:
    """The plan's steps, numbered, with what each names (the report has the reasons)."""
    steps = plan_steps(report)
    if not steps:
        return
    _out(console, "\n[bold]Next steps[/] (in this order; the report says why)")
    for step in steps:
        refs = step_refs(step)
        _line(console, f"{int(step.get('step') or 0)}. {_plain(step.get('title'))}"
              + (f" ({_plain(refs)})" if refs else ""), indent=2, hang=3)


def _print_completeness(console: Console, report: Report) -> None:
    """The "Readiness cannot be confirmed" headline with each check, and confirmation items."""
    headline = incomplete_headline(report)
    if headline:
        _out(console, f"[bold yellow]{_e(headline)}:[/]")
        for item in unverified_checks(report):
            _line(console, f"- {check_line(item)}", indent=2, hang=2, keep_words=True)
    confirm = confirmation_items(report)
    if confirm:
        _line(console, "To confirm on the cluster (no must-gather collects the data):")
        for item in confirm:
            _line(console, f"- {check_line(item)}", indent=2, hang=2, keep_words=True)


def print_summary(report: Report, console: Console, severity: str = "info") -> None:
    """Print the verdict, cluster, counts and failed rules to the terminal.

    Colour follows the verdict; with ``NO_COLOR`` or a non-terminal ``console`` rich prints
    plain text. All bundle text is markup-escaped.

    Args:
        report: The report dict (contract schema_version 1).
        console: Where to print.
        severity: Minimum severity of the failed rules listed (``--severity``).
    """
    at_or_above(None, severity)  # validates the level
    verdict = str(report.get("verdict") or "PASS")
    summary: Mapping[str, Any] = report.get("summary") or {}
    style = VERDICT_STYLES.get(verdict, "bold")
    _out(console, f"[{style}] {_e(verdict)} [/] exposure {_e(report.get('exposure'))}")
    _print_completeness(console, report)
    _line(console, _cluster_line(report))
    identity = _identity_line(report)
    if identity:
        _line(console, identity)
    _line(
        console,
        f"{summary.get('rules', 0)} rules: {summary.get('failed', 0)} failed, "
        f"{summary.get('passed', 0)} passed, {summary.get('not_applicable', 0)} not applicable, "
        f"{summary.get('not_evaluated', 0)} not evaluated, {summary.get('error', 0)} errors · "
        + ", ".join(f"{summary.get(s, 0)} {s}" for s in SEVERITIES),
    )
    shown = [r for r in blockers_first(report) if at_or_above(worst_severity(r), severity)]
    current = None
    for result in shown:
        worst = worst_severity(result)
        if worst != current:
            current = worst
            _out(console, f"\n[{SEVERITY_STYLES.get(worst, 'bold')}]{_e(worst.upper())}[/]")
        findings = list(result.get("findings") or [])
        _line(
            console,
            f"{result.get('rule_id')} {result.get('title')} "
            f"({len(findings)} finding{'' if len(findings) == 1 else 's'})",
            indent=2, hang=9,
        )
        for finding in findings[:_MAX_FINDINGS_PER_RULE]:
            level = finding_severity(result, finding)
            _line(console, "- " + _finding_text(finding)
                  + ("" if level == worst else f" [{level}]"), indent=4, hang=2)
        if len(findings) > _MAX_FINDINGS_PER_RULE:
            _line(console, f"… {len(findings) - _MAX_FINDINGS_PER_RULE} more in the report",
                  indent=4)
    hidden = len(blockers_first(report)) - len(shown)
    if hidden:
        console.print()
        _line(console, f"{hidden} failed rule{'' if hidden == 1 else 's'} below --severity "
              f"{severity} not shown.")
    not_evaluated = results_by_outcome(report, "not_evaluated")
    if not_evaluated:
        count = len(not_evaluated)
        console.print()
        _line(
            console,
            f"{count} rule{'' if count == 1 else 's'} not evaluated: "
            "the bundle lacks data they need. See the report's coverage section, or run "
            "`mgscan collect-commands BUNDLE` for the oc commands that collect it.",
        )
    _next_steps(report, console)
    errors = results_by_outcome(report, "error")
    if errors:
        _out(
            console,
            f"[bold red]{len(errors)} rule error{'' if len(errors) == 1 else 's'}:[/] "
            + ", ".join(_e(r.get("rule_id")) for r in errors),
        )
