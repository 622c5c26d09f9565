"""``mgscan rules``: the rule catalogue (list with filters, show by ID or vendor alias)."""

from __future__ import annotations

import json
import shutil
import sys
from typing import TYPE_CHECKING, Any

import click

from analyzer.options import SEVERITIES, handle_errors

if TYPE_CHECKING:
    from analyzer.rules.model import Rule

GROUPS = ["version", "dependency", "platform", "component", "workload", "collection"]


def terminal_width() -> int | None:
    """The terminal's width when stdout is one, else ``None`` (piped: never wrap or clip)."""
    return shutil.get_terminal_size().columns if sys.stdout.isatty() else None


def _as_dict(rule: Rule) -> dict[str, Any]:
    return {"id": rule.id, "group": rule.group.value, "severity": rule.severity.value,
            "aliases": list(rule.aliases), "title": rule.title,
            "applies_to": {"source": rule.source_spec, "target": rule.target_spec},
            "upgrade_only": rule.upgrade_only, "requires": list(rule.requires),
            "component_state": None if rule.component_state is None else {
                "component": rule.component_state.component,
                "states": list(rule.component_state.states),
                **({"or_exists": rule.component_state.or_exists}
                   if rule.component_state.or_exists else {})}}


@click.group(invoke_without_command=True)
@click.pass_context
def rules(ctx: click.Context) -> None:
    """The rule catalogue, from rule metadata (defaults to `list`).

    \b
    Example:
      mgscan rules show DEP-0020
    """
    if ctx.invoked_subcommand is None:
        ctx.invoke(rules_list)


@rules.command("list")
@click.option("--group", "groups", multiple=True, type=click.Choice(GROUPS),
              help="Only rules of this group (repeatable).")
@click.option("--severity", "severities", multiple=True, type=click.Choice(SEVERITIES),
              help="Only rules of this severity (repeatable).")
@click.option("--vendor", is_flag=True,
              help="Only rules that re-implement a vendor rhai-cli check (carry its ID).")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table",
              show_default=True)
@handle_errors
def rules_list(groups: tuple[str, ...] = (), severities: tuple[str, ...] = (),
               vendor: bool = False, fmt: str = "table") -> None:
    """List the rules: ID, group, severity, title and the vendor checks each re-implements.

    \b
    Example:
      mgscan rules list --group component --severity critical --vendor
    """
    from analyzer.report.textable import render_table
    from analyzer.rules.catalog import load_catalog
    from analyzer.rules.vendor import vendor_build, vendor_build_label

    catalog = load_catalog()
    chosen = [r for r in catalog.rules
              if (not groups or r.group.value in groups)
              and (not severities or r.severity.value in severities)
              and (not vendor or any("." in a for a in r.aliases))]
    if fmt == "json":
        click.echo(json.dumps([_as_dict(r) for r in chosen], indent=2))
        return
    click.echo(f"# matches {vendor_build_label(vendor_build(catalog.root))}")
    rows = [[r.id, r.group.value, r.severity.value, r.title, ", ".join(r.aliases) or "-"]
            for r in chosen]
    for line in render_table(["ID", "GROUP", "SEVERITY", "TITLE", "VENDOR CHECKS"], rows,
                             width=terminal_width(), flex=[3, 4]):
        click.echo(line)
    click.echo(f"({len(rows)} rule{'' if len(rows) == 1 else 's'})")


@rules.command("show")
@click.argument("rule_id")
@handle_errors
def rules_show(rule_id: str) -> None:
    """Show a rule's metadata and SQL; a vendor check ID shows every rule that carries it.

    \b
    Example:
      mgscan rules show components.kserve.serverless-removal
    """
    from analyzer.errors import UsageError
    from analyzer.rules.catalog import load_catalog
    from analyzer.rules.docs import rule_section

    catalog = load_catalog()
    wanted = rule_id.strip()
    matches = [r for r in catalog.rules
               if r.id.lower() == wanted.lower() or wanted in r.aliases]
    if not matches:
        raise UsageError(f"unknown rule {rule_id!r}; see `mgscan rules list`")
    if len(matches) > 1:
        click.echo(f"{len(matches)} rules carry {wanted}: "
                   + ", ".join(r.id for r in matches) + "\n")
    click.echo("\n".join(rule_section(r, catalog).replace("### ", "", 1) + "\nSQL:\n\n"
                         + r.sql + "\n" for r in matches))
