"""The ``mgscan`` command line: a table of contents of the commands in ``analyzer.commands``.

Each command's module is imported only when that command runs (or ``--help`` lists them):
``mgscan analyze`` does not load the explore, fleet, MCP or diff commands.
"""

from __future__ import annotations

import importlib
import sys

import click

from analyzer import __version__
from analyzer.commands.guard import MgscanGroup, guarded, install_signal_handlers
from analyzer.errors import ExitCode

#: command name -> (module under ``analyzer.commands``, attribute), in ``--help`` order
COMMANDS = {
    "analyze": ("analyze", "analyze"),
    "ingest": ("ingest", "ingest"),
    "query": ("query", "query"),
    "rules": ("rules", "rules"),
    "collect-commands": ("collect", "collect_commands"),
    "diff": ("diff", "diff"),
    "fleet": ("fleet", "fleet"),
    "mcp": ("mcp", "mcp"),
    **{name: ("explore", name) for name in ("use", "get", "describe", "logs", "events",
                                            "status", "components", "deps")},
}


class LazyGroup(MgscanGroup):
    """The top-level group: a command's module is imported when the command is looked up."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        """Every command name, sorted (as click lists them)."""
        return sorted({*COMMANDS, *self.commands})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        """The command called ``cmd_name``, its module imported on first use."""
        if cmd_name not in self.commands and cmd_name in COMMANDS:
            module, attr = COMMANDS[cmd_name]
            command = getattr(importlib.import_module(f"analyzer.commands.{module}"), attr)
            self.add_command(command, cmd_name)
        return self.commands.get(cmd_name)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="mgscan")
def cli() -> None:
    """Offline RHOAI 2.x -> 3.x migration readiness from a must-gather bundle.

    \b
    Example:
      mgscan analyze must-gather.tar.gz -o report
    """



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
