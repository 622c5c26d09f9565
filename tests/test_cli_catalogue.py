"""rules list (aligned, filtered, json), rules show by vendor alias, query formats, completion."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from click.testing import CliRunner

from analyzer.cli import cli


def test_rules_list_is_an_aligned_table_with_filters() -> None:
    lines = CliRunner().invoke(cli, ["rules", "list"]).output.splitlines()
    assert lines[0].startswith("# matches rhai-cli")  # the vendor build comes first
    out = lines[1:]
    assert out[0].split()[:4] == ["ID", "GROUP", "SEVERITY", "TITLE"]
    title_at = out[0].index("TITLE")
    assert all(line[title_at - 2:title_at] == "  " for line in out[1:-1])
    crit = CliRunner().invoke(cli, ["rules", "list", "--severity", "critical", "--group",
                                    "component", "--vendor", "--format", "json"])
    rows = json.loads(crit.output)
    assert rows and all(r["severity"] == "critical" and r["group"] == "component"
                        and any("." in a for a in r["aliases"]) for r in rows)
    everything = json.loads(CliRunner().invoke(cli, ["rules", "list", "--format",
                                                     "json"]).output)
    assert len(everything) > len(rows)
    assert any(not r["aliases"] for r in everything)


def test_rules_show_alias_shows_every_rule_carrying_it() -> None:
    result = CliRunner().invoke(cli, ["rules", "show", "workloads.kserve.impacted-workloads"])
    assert result.exit_code == 0
    carriers = [r["id"] for r in json.loads(CliRunner().invoke(
        cli, ["rules", "list", "--format", "json"]).output)
        if "workloads.kserve.impacted-workloads" in r["aliases"]]
    assert len(carriers) > 1
    for rule_id in carriers:
        assert f"\n{rule_id}: " in "\n" + result.output


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_shell_completion_scripts_are_produced(shell: str) -> None:
    proc = subprocess.run([sys.executable, "-c", "from analyzer.cli import main; main()"],
                          env={**os.environ, "_MGSCAN_COMPLETE": f"{shell}_source"},
                          capture_output=True, text=True, check=False)
    assert proc.returncode == 0, proc.stderr
    assert "_MGSCAN_COMPLETE" in proc.stdout and "mgscan" in proc.stdout


def test_completion_completes_commands() -> None:
    proc = subprocess.run([sys.executable, "-c", "from analyzer.cli import main; main()"],
                          env={**os.environ, "_MGSCAN_COMPLETE": "bash_complete",
                               "COMP_WORDS": "mgscan an", "COMP_CWORD": "1"},
                          capture_output=True, text=True, check=False)
    assert "analyze" in proc.stdout


def test_lazy_command_table_names_every_command() -> None:
    """Each entry of the lazy table loads a command of that name; none is left out."""
    import importlib
    import pkgutil

    import click

    import analyzer.commands
    from analyzer.cli import COMMANDS

    for name, (module, attr) in COMMANDS.items():
        command = getattr(importlib.import_module(f"analyzer.commands.{module}"), attr)
        assert command.name == name
    found = [obj for info in pkgutil.iter_modules(analyzer.commands.__path__)
             for obj in vars(importlib.import_module(f"analyzer.commands.{info.name}")).values()
             if isinstance(obj, click.Command)]
    nested = {id(sub) for obj in found if isinstance(obj, click.Group)
              for sub in obj.commands.values()}
    assert {obj.name for obj in found if id(obj) not in nested} == set(COMMANDS)
    assert cli.list_commands(click.Context(cli)) == sorted(COMMANDS)


def test_analyze_does_not_import_the_other_commands(tmp_path: os.PathLike[str]) -> None:
    code = ("import sys; from analyzer.cli import main\n"
            "try:\n    main()\nexcept SystemExit:\n    pass\n"
            "print(sorted(m for m in sys.modules if m.startswith('analyzer.commands.')))")
    proc = subprocess.run([sys.executable, "-c", code, "analyze", "--help"],
                          capture_output=True, text=True, check=False)
    assert proc.returncode == 0, proc.stderr
    loaded = proc.stdout.strip().splitlines()[-1]
    assert "analyzer.commands.analyze" in loaded
    for other in ("explore", "fleet", "mcp", "diff", "ingest", "query", "rules"):
        assert f"analyzer.commands.{other}'" not in loaded
