"""``report.md``: a plain Markdown summary to paste into a support case.

Sections: verdict and cluster, support window, blockers with remediation, warnings, coverage
gaps with the commands that collect them, not-evaluated rules, and the inventory in scope.
All bundle text goes through :mod:`analyzer.report.mdtext`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from analyzer.report.common import (
    Report,
    Result,
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
from analyzer.report.mdtext import md_block, md_code, md_escape, md_flat
from analyzer.report.plan_text import STATUS_WORDS, identity_pairs, plan_steps
from analyzer.report.textfmt import safe_url

_BLOCKER_SEVERITIES = ("prohibited", "critical")


def _header(report: Report) -> list[str]:
    """Verdict and cluster facts."""
    cluster: Mapping[str, Any] = report.get("cluster") or {}
    summary: Mapping[str, Any] = report.get("summary") or {}
    assessment: Mapping[str, Any] = report.get("assessment") or {}
    rhoai = cluster.get("rhoai_version") or "unknown"
    lines = [
        f"# mgscan: {md_escape(report.get('verdict'))} for RHOAI {md_escape(rhoai)} "
        f"\u2192 {md_escape(report.get('target_version'))}",
        "",
        f"**Verdict:** {md_escape(report.get('verdict'))}"
        + (" (readiness cannot be confirmed)  " if incomplete_headline(report) else "  "),
        f"**Exposure:** {md_escape(report.get('exposure'))}"
        + (
            f" ({'; '.join(md_escape(r) for r in assessment.get('exposure_reasons') or [])})"
            if assessment.get("exposure_reasons")
            else ""
        ),
        "",
        "| | |",
        "|---|---|",
        *(f"| {label} | {md_escape(value)} |" for label, value in identity_pairs(report)),
        f"| OpenShift | {md_escape(cluster.get('ocp_version') or 'not found')} |",
        f"| RHOAI | {md_escape(rhoai)} "
        f"(from {md_escape(cluster.get('rhoai_version_source') or 'unknown')}) |",
        f"| Target | {md_escape(report.get('target_version'))} |",
        f"| Channel | {md_escape(cluster.get('channel') or 'unknown')} |",
        f"| Platform | {md_escape(cluster.get('platform') or 'unknown')} |",
        f"| Collected at | {md_escape(cluster.get('collected_at') or 'unknown')} |",
        f"| Rules | {summary.get('rules', 0)} run: {summary.get('failed', 0)} failed, "
        f"{summary.get('passed', 0)} passed, {summary.get('not_applicable', 0)} not applicable, "
        f"{summary.get('not_evaluated', 0)} not evaluated, {summary.get('error', 0)} errors |",
        f"| Findings | {summary.get('prohibited', 0)} prohibited, {summary.get('critical', 0)} "
        f"critical, {summary.get('warning', 0)} warning, {summary.get('info', 0)} info |",
        "",
    ]
    for notice in assessment.get("notices") or []:
        lines += [f"> {md_escape(notice)}", ""]
    return lines + _completeness(report)


def _completeness(report: Report) -> list[str]:
    """The "Readiness cannot be confirmed" headline with each check, and confirmation items."""
    lines: list[str] = []
    headline = incomplete_headline(report)
    if headline:
        lines += [f"## {md_escape(headline)}", ""]
        lines += [f"- {md_escape(check_line(item))}" for item in unverified_checks(report)]
        lines.append("")
    confirm = confirmation_items(report)
    if confirm:
        lines += ["## To confirm on the cluster", "",
                  "No must-gather collects the data these checks need; confirm them on the "
                  "cluster with the command shown.", ""]
        lines += [f"- {md_escape(check_line(item))}" for item in confirm]
        lines.append("")
    return lines


def _rule(result: Result, with_remediation: bool) -> list[str]:
    """One failed rule: heading, message, remediation and a findings table."""
    aliases = ", ".join(md_code(a) for a in result.get("aliases") or [])
    lines = [
        f"### {md_escape(result.get('rule_id'))}: {md_escape(result.get('title'))} "
        f"({md_escape(worst_severity(result))})",
        "",
    ]
    if aliases:
        lines += [f"Vendor check: {aliases}", ""]
    lines += md_block(result.get("message")) + [""]
    if with_remediation and result.get("remediation"):
        lines += ["**Remediation:**", ""] + md_block(result.get("remediation")) + [""]
    for link in result.get("links") or []:
        url = safe_url(link.get("url"))
        shown = f"<{url}>" if url else md_code(link.get("url"))
        lines.append(f"- {md_escape(link.get('title'))}: {shown}")
    if result.get("links"):
        lines.append("")
    lines += ["| Severity | Object | Finding | Evidence | Observed |", "|---|---|---|---|---|"]
    for finding in result.get("findings") or []:
        evidence = finding.get("evidence") or []
        where = "; ".join(
            md_code(
                f"{e.get('file')}{':' + str(e['line']) if e.get('line') is not None else ''}"
                f"{' ' + str(e['pointer']) if e.get('pointer') else ''}",
                cell=True,
            )
            for e in evidence
        )
        observed = "; ".join(md_escape(e.get("observed")) for e in evidence if e.get("observed"))
        lines.append(
            f"| {md_escape(finding_severity(result, finding))} | {md_escape(object_ref(finding))}"
            f"{' (not found)' if finding.get('absent') else ''} "
            f"| {md_escape(finding.get('message'))} | {where} | {observed} |"
        )
    return lines + [""]


def _gaps(report: Report) -> list[str]:
    """Coverage gaps with the commands that collect them, and not-evaluated rules."""
    lines: list[str] = []
    gaps = [c for c in report.get("coverage") or [] if c.get("status") == "not_collected"]
    if gaps:
        lines += ["## Coverage gaps", "", "| Kind | Command to collect |", "|---|---|"]
        for gap in gaps:
            hint = md_code(gap.get("hint"), cell=True) if gap.get("hint") else ""
            lines.append(f"| {md_escape(gap.get('kind'))} | {hint} |")
        lines.append("")
    skipped = results_by_outcome(report, "not_evaluated") + results_by_outcome(report, "error")
    if skipped:
        lines += ["## Not evaluated", ""]
        for result in skipped:
            why = md_flat(result.get("message"))
            how = md_flat(result.get("remediation"))
            outcome = str(result.get("outcome") or "").replace("_", " ")
            lines.append(
                f"- **{md_escape(result.get('rule_id'))}** ({md_escape(outcome)}): "
                f"{md_escape(result.get('title'))}. {why}{' ' + how if how else ''}"
            )
        lines.append("")
    return lines


def _plan(report: Report) -> list[str]:
    """The ordered plan: one numbered item per step, with its objects, findings and reason."""
    steps = plan_steps(report)
    if not steps:
        return []
    lines = ["## Plan: what this cluster needs, in order", ""]
    for step in steps:
        status = STATUS_WORDS.get(str(step.get("status")), str(step.get("status")))
        lines.append(f"{int(step.get('step') or 0)}. **{md_escape(step.get('title'))}** "
                     f"({md_escape(status)})  ")
        objects = [md_code(o) for o in step.get("objects") or []]
        if step.get("more_objects"):
            objects.append(f"and {int(step['more_objects'])} more")
        if objects:
            lines.append(f"   Objects: {', '.join(objects)}  ")
        if step.get("rule_ids"):
            lines.append("   Findings: " + ", ".join(md_escape(r) for r in step["rule_ids"])
                         + "  ")
        if step.get("not_evaluated"):
            lines.append(f"   {int(step['not_evaluated'])} rules not evaluated (see below)  ")
        lines.append(f"   Why here: {md_escape(step.get('why'))}")
    return lines + [""]


def _support(assessment: Mapping[str, Any]) -> list[str]:
    """One line on the support window of the source stream."""
    support = assessment.get("support") or {}
    if not support:
        return []
    stream = md_escape(support.get("stream") or "unknown")
    kind = f" ({md_escape(support.get('release_type'))})" if support.get("release_type") else ""
    if support.get("support_ends"):
        left = support.get("months_left")
        when = f"support ends {md_escape(support['support_ends'])}"
        if left is not None:
            when += f", {left} month{'' if left == 1 else 's'} left"
        if support.get("as_of"):
            when += f" as of the analysis date {md_escape(support['as_of'])}"
        then = support.get("months_left_at_collection")
        if then is not None and support.get("collected_on"):
            when += (f" ({then} month{'' if then == 1 else 's'} as of collection, "
                     f"{md_escape(support['collected_on'])})")
    else:
        when = "end of support not known"
    return [f"**Support:** RHOAI {stream}{kind}: {when}.", ""]


def _inventory(assessment: Mapping[str, Any]) -> list[str]:
    """The components and workloads in scope, compactly (for the support case)."""
    inventory: Mapping[str, Any] = assessment.get("inventory") or {}
    components = inventory.get("components") or []
    models = inventory.get("models") or []
    workbenches = inventory.get("workbenches") or []
    operators = inventory.get("operators") or []
    if not (components or models or workbenches or operators):
        return []
    lines = ["## Inventory in scope", ""]
    if components:
        states = ", ".join(
            f"{md_escape(c.get('name'))} {md_escape(c.get('state'))}" for c in components
        )
        lines += [f"- Components: {states}"]
    if models:
        modes: dict[str, int] = {}
        for model in models:
            mode = str(model.get("mode") or "unknown")
            modes[mode] = modes.get(mode, 0) + 1
        by_mode = ", ".join(f"{n} {md_escape(mode)}" for mode, n in sorted(modes.items()))
        lines += [f"- Models: {len(models)} ({by_mode})"]
    if workbenches:
        custom = sum(bool(w.get("custom_image")) for w in workbenches)
        running = sum(w.get("state") == "running" for w in workbenches)
        lines += [f"- Workbenches: {len(workbenches)} ({running} running, {custom} custom image)"]
    for op in operators:
        lines += [
            f"- Operator {md_escape(op.get('name'))}: {md_escape(op.get('installed_csv'))} "
            f"(channel {md_escape(op.get('channel'))})"
        ]
    return lines + [""]


def render_markdown(report: Report) -> str:
    """Render the report dict as Markdown for a support case.

    Args:
        report: The report dict (contract schema_version 1 plus optional ``assessment``).

    Returns:
        Markdown text ending with a newline.
    """
    failed = blockers_first(report)
    blockers = [r for r in failed if worst_severity(r) in _BLOCKER_SEVERITIES]
    others = [r for r in failed if worst_severity(r) not in _BLOCKER_SEVERITIES]
    lines = _header(report)
    lines += _plan(report)
    lines += _support(report.get("assessment") or {})
    lines += ["## Blockers", ""]
    for result in blockers:
        lines += _rule(result, with_remediation=True)
    if not blockers:
        lines += ["No prohibited or critical finding.", ""]
    lines += ["## Warnings and information", ""]
    for result in others:
        lines += _rule(result, with_remediation=True)
    if not others:
        lines += ["No warning or info finding.", ""]
    lines += _gaps(report)
    lines += _inventory(report.get("assessment") or {})
    tool: Mapping[str, Any] = report.get("tool") or {}
    lines += [
        "---",
        f"Generated {md_escape(report.get('generated_at'))} by {md_escape(tool.get('name'))} "
        f"{md_escape(tool.get('version'))} (rules sha256 {md_code(tool.get('rules_sha256'))}).  ",
    ]
    for item in report.get("inputs") or []:
        digest = md_code(item.get("sha256"))
        lines.append(f"Input: {md_escape(item.get('path'))} sha256 {digest}.  ")
    return "\n".join(lines).rstrip(" \n") + "\n"
