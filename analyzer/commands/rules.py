"""``mgscan rules``: the rule catalogue (list, show)."""

from __future__ import annotations

import click

from analyzer.options import handle_errors


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
@handle_errors
def rules_list() -> None:
    """List every rule: ID, group, severity, vendor aliases, title; first the vendor build.

    \b
    Example:
      mgscan rules list
    """
    from analyzer.rules.catalog import load_catalog
    from analyzer.rules.docs import rules_list_rows
    from analyzer.rules.vendor import vendor_build, vendor_build_label

    catalog = load_catalog()
    click.echo(f"# matches {vendor_build_label(vendor_build(catalog.root))}")
    for row in rules_list_rows(catalog):
        click.echo("  ".join(row))


@rules.command("show")
@click.argument("rule_id")
@handle_errors
def rules_show(rule_id: str) -> None:
    """Show one rule's metadata and SQL.

    \b
    Example:
      mgscan rules show components.kserve.serverless-removal
    """
    from analyzer.rules.catalog import load_catalog
    from analyzer.rules.docs import rule_show_text

    click.echo(rule_show_text(load_catalog(), rule_id))
