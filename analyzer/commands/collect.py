"""``mgscan collect-commands``: the oc commands that gather what the analysis needs."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from analyzer.options import bundles_argument, handle_errors, limit_options, limits_from


@click.command("collect-commands")
@bundles_argument()
@click.option("--format", "fmt", type=click.Choice(["list", "script"]), default="list",
              show_default=True,
              help="list: one command a line; script: a commented sh script to hand to the "
              "customer, ending with the archive to attach to the case.")
@limit_options
@handle_errors
def collect_commands(bundles: tuple[Path, ...], fmt: str, **kw: Any) -> None:
    """Print the oc commands that collect what the analysis needs (given a bundle: what it lacks).

    \b
    Example:
      mgscan collect-commands must-gather.tar.gz
      mgscan collect-commands must-gather.tar.gz --format script > collect-rhoai.sh
    """
    from analyzer.query import collect_commands_for

    click.echo(collect_commands_for([Path(b) for b in bundles], limits_from(kw), fmt), nl=False)
