"""``report.md``: a plain Markdown summary to paste into a support case.

Bundle and rule text is escaped so it renders as the literal text: Markdown punctuation is
backslash-escaped, ``<``/``>``/``&`` become entities, and table cells lose their newlines.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from analyzer.report.common import (
    Report,
    Result,
    blockers_first,
    finding_severity,
    object_ref,
    results_by_outcome,
    worst_severity,
)
from analyzer.report.textfmt import safe_url, unwrap

_MD_SPECIAL = re.compile(r"([\\`*_\[\]|~<>])")
_ENTITY = re.compile(r"&(?=#?[A-Za-z0-9]+;)")
_LINE_START = re.compile(r"^(\s*)([#+\-=]|\d+[.)])")
_FENCE = re.compile(r"^```[^\n`]*\n(.*?)(?:\n```[ \t]*$|\Z)", re.S | re.M)
_INLINE_CODE = re.compile(r"`([^`\n]+)`")
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_BLOCKER_SEVERITIES = ("prohibited", "critical")


def md_escape(value: object) -> str:
    r"""Escape text for inline Markdown (also safe inside a table cell).

    Markdown punctuation that could start emphasis, code, links, tables or HTML is
    backslash-escaped; newlines become spaces.

    >>> md_escape("a|b <script> *x* [l](u)\nnext")
    'a\\|b \\<script\\> \\*x\\* \\[l\\](u) next'
    """
    return _escape_raw("" if value is None else str(value)).strip()


def _escape_raw(text: str) -> str:
    """Backslash-escape Markdown punctuation and flatten newlines; no trimming."""
    text = _CONTROL.sub("", text)
    text = _MD_SPECIAL.sub(r"\\\1", text)
    text = _ENTITY.sub(r"\\&", text)
    return re.sub(r"[ \t]*[\r\n]+[ \t]*", " ", text)


def md_code(value: object, cell: bool = False) -> str:
    r"""Render text as an inline code span that no backtick inside can close.

    Args:
        value: The literal text.
        cell: The span sits in a GFM table cell, where ``|`` must be escaped even in code.

    >>> md_code("a`b"), md_code("x|y", cell=True)
    ('`` a`b ``', '`x\\|y`')
    """
    text = re.sub(r"[\r\n]+", " ", _CONTROL.sub("", "" if value is None else str(value)))
    if cell:
        text = text.replace("|", "\\|")
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if longest or text.startswith(" ") else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def _line(text: str) -> str:
    """Escape one line of prose, keeping `code` spans and escaping block markers."""
    pieces, pos = [], 0
    for match in _INLINE_CODE.finditer(text):
        pieces.append(_escape_raw(text[pos : match.start()]))
        pieces.append(md_code(match.group(1)))
        pos = match.end()
    pieces.append(_escape_raw(text[pos:]))
    joined = "".join(pieces)
    return _LINE_START.sub(lambda m: m.group(1) + "\\" + m.group(2), joined)


def _flat(value: object) -> str:
    """Escape free text as one line of Markdown, keeping `code` spans."""
    text = "" if value is None else str(value)
    return _line(re.sub(r"\s*[\r\n]+\s*", " ", text).strip())


def _fenced(code: str) -> list[str]:
    """Return a fenced code block that the content cannot close."""
    longest = max((len(run) for run in re.findall(r"`+", code)), default=0)
    fence = "`" * max(3, longest + 1)
    return [fence, *code.split("\n"), fence]


def _block(value: object) -> list[str]:
    """Render multi-line free text as safe Markdown: prose escaped, code kept literal.

    Fenced blocks and backtick spans stay code (their content is never interpreted);
    everything else is escaped; single newlines are kept as hard line breaks.
    """
    text = "" if value is None else str(value).replace("\r\n", "\n").replace("\r", "\n")
    text = _CONTROL.sub("", text)
    out: list[str] = []
    pos = 0
    for match in _FENCE.finditer(text):
        out += _prose(text[pos : match.start()])
        out += ["", *_fenced(match.group(1)), ""]
        pos = match.end()
    out += _prose(text[pos:])
    while out and not out[0]:
        out.pop(0)
    while out and not out[-1]:
        out.pop()
    return [line for i, line in enumerate(out) if line or (i and out[i - 1])]


def _prose(text: str) -> list[str]:
    """Escape prose; wrapped lines are joined, kept line breaks become hard breaks."""
    lines = [line.strip() for line in unwrap(text).split("\n")]
    out: list[str] = []
    for i, line in enumerate(lines):
        if not line:
            out.append("")
            continue
        nxt = lines[i + 1] if i + 1 < len(lines) else ""
        out.append(_line(line) + ("  " if nxt else ""))
    return out


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
        f"**Verdict:** {md_escape(report.get('verdict'))}  ",
        f"**Exposure:** {md_escape(report.get('exposure'))}"
        + (
            f" ({'; '.join(md_escape(r) for r in assessment.get('exposure_reasons') or [])})"
            if assessment.get("exposure_reasons")
            else ""
        ),
        "",
        "| | |",
        "|---|---|",
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
    lines += _block(result.get("message")) + [""]
    if with_remediation and result.get("remediation"):
        lines += ["**Remediation:**", ""] + _block(result.get("remediation")) + [""]
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
            f"| {md_escape(finding_severity(result, finding))} | {md_escape(object_ref(finding))} "
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
            why = _flat(result.get("message"))
            how = _flat(result.get("remediation"))
            outcome = str(result.get("outcome") or "").replace("_", " ")
            lines.append(
                f"- **{md_escape(result.get('rule_id'))}** ({md_escape(outcome)}): "
                f"{md_escape(result.get('title'))}. {why}{' ' + how if how else ''}"
            )
        lines.append("")
    return lines


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
    tool: Mapping[str, Any] = report.get("tool") or {}
    lines += [
        "---",
        f"Generated {md_escape(report.get('generated_at'))} by {md_escape(tool.get('name'))} "
        f"{md_escape(tool.get('version'))} (rules sha256 {md_code(tool.get('rules_sha256'))}).",
    ]
    for item in report.get("inputs") or []:
        lines.append(f"Input: {md_escape(item.get('path'))} sha256 {md_code(item.get('sha256'))}.")
    return "\n".join(lines).rstrip("\n") + "\n"
