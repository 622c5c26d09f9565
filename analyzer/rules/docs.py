"""The rule catalogue as text: ``docs/rules.md`` and the ``mgscan rules`` command.

``python -m analyzer.rules.docs > docs/rules.md`` regenerates the page (``make docs``); a guard
test fails when the committed page is stale.
"""

from __future__ import annotations

import sys

from analyzer.rules.catalog import Catalog, load_catalog
from analyzer.rules.model import Group, Rule

HEADER = """# mgscan rule catalogue

Generated from the rule files in `queries/` by `python -m analyzer.rules.docs` (`make docs`).
Do not edit by hand. See docs/rules-authoring.md for the rule format.
"""


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def _code(items: tuple[str, ...]) -> str:
    return ", ".join(f"`{i}`" for i in items) if items else "—"


def rules_list_rows(catalog: Catalog) -> list[tuple[str, str, str, str, str]]:
    """Return ``(id, group, severity, aliases, title)`` per rule for ``mgscan rules list``.

    Aliases are comma-joined (``-`` when none); rows are sorted by group then ID.
    """
    return [(r.id, r.group.value, r.severity.value, ",".join(r.aliases) or "-", r.title)
            for r in catalog.rules]


def _gates(rule: Rule) -> list[str]:
    lines = []
    if rule.source_spec or rule.target_spec:
        lines.append(f"- Applies to: source `{rule.source_spec or 'any'}`, "
                     f"target `{rule.target_spec or 'any'}`")
    lines.append("- Upgrade only: " + ("yes (skipped when source and target share major.minor)"
                                       if rule.upgrade_only else "no"))
    if rule.component_state:
        lines.append(f"- Component gate: `{rule.component_state.component}` is "
                     + " or ".join(rule.component_state.states)
                     + " in the DataScienceCluster (missing counts as Removed)"
                     + (f", or `{rule.component_state.or_exists}` exist"
                        if rule.component_state.or_exists else ""))
    lines.append(f"- Requires: {_code(rule.requires)}")
    if rule.effort:
        lines.append(f"- Effort: {rule.effort}")
    return lines


def rule_section(rule: Rule, catalog: Catalog) -> str:
    """Return the Markdown section of one rule."""
    rel = rule.path.relative_to(catalog.root.parent).as_posix() \
        if rule.path.is_relative_to(catalog.root.parent) else rule.path.name
    parts = [f"### {rule.id}: {rule.title}", "",
             f"- Group: {rule.group.value}", f"- Severity: {rule.severity.value}",
             f"- Aliases: {_code(rule.aliases)}",
             *([f"- Vendor commit followed: `{rule.vendor_commit}`"] if rule.vendor_commit else []),
             *_gates(rule), f"- File: `{rel}`", "",
             "Message template:", "", "```jinja", rule.message, "```", ""]
    if rule.remediation:
        parts += ["Remediation:", "", rule.remediation, ""]
    if rule.links:
        parts += ["Links:", ""]
        parts += [f"- [{_cell(link.title)}]({link.url})" for link in rule.links]
        parts.append("")
    return "\n".join(parts)


def render_markdown(catalog: Catalog) -> str:
    """Return the whole ``docs/rules.md`` page."""
    out = [HEADER, f"{len(catalog.rules)} rules.", "",
           "| ID | Group | Severity | Aliases | Title | Requires |",
           "|---|---|---|---|---|---|"]
    for rule in catalog.rules:
        out.append(f"| [{rule.id}](#{rule.id.lower()}-{_anchor(rule.title)}) "
                   f"| {rule.group.value} | {rule.severity.value} | {_code(rule.aliases)} "
                   f"| {_cell(rule.title)} | {_code(rule.requires)} |")
    out.append("")
    for group in Group:
        rules = [r for r in catalog.rules if r.group is group]
        if not rules:
            continue
        out += [f"## {group.value.capitalize()} rules", ""]
        out += [rule_section(r, catalog) for r in rules]
    return "\n".join(out).rstrip() + "\n"


def _anchor(title: str) -> str:
    keep = "".join(ch for ch in title.lower() if ch.isalnum() or ch in " -")
    return keep.replace(" ", "-")


def rule_show_text(catalog: Catalog, rule_id: str) -> str:
    """Return the plain-text description of one rule (``mgscan rules show ID``).

    Raises:
        UsageError: no rule has this ID or alias.
    """
    rule = catalog.get(rule_id)
    return rule_section(rule, catalog).replace("### ", "", 1) + "\nSQL:\n\n" + rule.sql + "\n"


def main() -> None:
    """Print ``docs/rules.md`` to stdout."""
    sys.stdout.write(render_markdown(load_catalog()))


if __name__ == "__main__":
    main()
