"""The ``mgscan`` command line: a table of contents of the commands in ``analyzer.commands``."""

from __future__ import annotations

import sys

import click

from analyzer import __version__
from analyzer.commands.analyze import analyze
from analyzer.commands.collect import collect_commands
from analyzer.commands.diff import diff
from analyzer.commands.explore import COMMANDS as EXPLORE_COMMANDS
from analyzer.commands.fleet import fleet
from analyzer.commands.guard import MgscanGroup, guarded, install_signal_handlers
from analyzer.commands.ingest import ingest
from analyzer.commands.mcp import mcp
from analyzer.commands.query import query
from analyzer.commands.rules import rules
from analyzer.errors import ExitCode


@click.group(cls=MgscanGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="mgscan")
def cli() -> None:
    """Offline RHOAI 2.x -> 3.x migration readiness from a must-gather bundle.

    \b
    Example:
      mgscan analyze must-gather.tar.gz -o report
    """


cli.add_command(analyze)
cli.add_command(ingest)
cli.add_command(query)
cli.add_command(rules)
cli.add_command(collect_commands)
cli.add_command(diff)
cli.add_command(fleet)
cli.add_command(mcp)
for _command in EXPLORE_COMMANDS:
    cli.add_command(_command)


def main() -> None:
    """Console entry point: usage errors exit 3 (contract, not click's 2), crashes exit 5."""
    install_signal_handlers()
    with guarded():
        try:
            cli.main(prog_name="mgscan", standalone_mode=False)
        except click.exceptions.Abort:
            click.echo("mgscan: aborted", err=True)
            sys.exit(int(ExitCode.INTERRUPTED))
        except click.ClickException as exc:
            exc.show()
            sys.exit(int(ExitCode.BAD_INPUT))
        sys.stdout.flush()  # a reader that went away (`| head`) is handled here, quietly
    sys.exit(0)


if __name__ == "__main__":
    main()
