"""CPU seconds per stage of one ``mgscan`` command, measured in-process.

Wraps the functions named in ``STAGES`` with a timer of the process CPU time (all threads,
DuckDB's included) and the wall time, runs the command given after ``--`` in this process, and
prints one line per stage (calls, CPU s, wall s), outermost first. Nested stages are included
in their callers' times. The time before the command starts (interpreter, imports) is printed
as ``startup``. The rule queries run on a few threads: the stages run there (``THREAD_STAGES``)
count their own thread's CPU, and their wall times overlap.

Usage::

    python scripts/profile_stages.py -- analyze --db x.duckdb --source-version 2.25.4 \
        -o /tmp/r --format json
"""

from __future__ import annotations

import functools
import importlib
import sys
import time
from collections.abc import Callable
from typing import Any

START_CPU, START_WALL = time.process_time(), time.perf_counter()

# (module, attribute); methods as "Class.method". Order = print order.
STAGES = [
    ("analyzer.analysis", "build_report"),
    ("analyzer.app", "open_database"),
    ("analyzer.app", "select_cluster"),
    ("analyzer.analysis", "report_from"),
    ("analyzer.rules.catalog", "load_catalog"),
    ("analyzer.app", "cluster_facts"),
    ("analyzer.rules.coverage", "compute_coverage"),
    ("analyzer.rules.runner", "run_rules"),
    ("analyzer.rules.runner", "prepare_database"),
    ("analyzer.rules.runner", "bundle_obfuscated"),
    ("analyzer.rules.runner", "_run_one"),
    ("analyzer.rules.runner", "execute_rule"),
    ("analyzer.rules.runner", "_fill_provenance"),
    ("analyzer.assess.build", "assessment_basis"),
    ("analyzer.rules.evidence", "resolve_evidence"),
    ("analyzer.assess.build", "build_assessment"),
    ("analyzer.assess.completeness", "build_completeness"),
    ("analyzer.rules.results", "build_report_dict"),
    ("analyzer.commands.output", "deliver"),
    ("analyzer.report", "print_summary"),
]

totals: dict[str, list[float]] = {}
# Stages that run on the rule threads: their CPU is the calling thread's (time.thread_time),
# since the process CPU time would also count the other threads. DuckDB runs a small query in
# the thread that asked for it, so this is close to the rule's own cost.
THREAD_STAGES = {"runner._run_one", "runner.execute_rule", "runner._fill_provenance",
                 "build.assessment_basis"}  # the last runs while the rule threads do


def _wrap(name: str, func: Callable[..., Any]) -> Callable[..., Any]:
    clock = time.thread_time if name in THREAD_STAGES else time.process_time

    @functools.wraps(func)
    def timed(*args: Any, **kwargs: Any) -> Any:
        cpu, wall = clock(), time.perf_counter()
        try:
            return func(*args, **kwargs)
        finally:
            row = totals.setdefault(name, [0.0, 0.0, 0.0])
            row[0] += 1
            row[1] += clock() - cpu
            row[2] += time.perf_counter() - wall
    return timed


def _patch() -> None:
    """Replace each stage function, in its module and wherever it was imported by name."""
    for module_name, attr in STAGES:
        try:
            module = importlib.import_module(module_name)
        except ImportError:
            continue
        func = getattr(module, attr, None)
        if func is None:
            continue
        timed = _wrap(f"{module_name.rsplit('.', 1)[-1]}.{attr}", func)
        for mod in list(sys.modules.values()):
            if getattr(mod, "__name__", "").startswith("analyzer") and \
                    getattr(mod, attr, None) is func:
                setattr(mod, attr, timed)


def main() -> None:
    """Run the command after ``--`` with the stage timers in place and print them."""
    argv = sys.argv[sys.argv.index("--") + 1:] if "--" in sys.argv else sys.argv[1:]
    from analyzer.cli import cli

    _patch()  # imports the stages' modules, which the CLI imports only when a command runs
    startup = (time.process_time() - START_CPU, time.perf_counter() - START_WALL)
    cpu0, wall0 = time.process_time(), time.perf_counter()
    code: object = 0
    try:
        cli.main(args=argv, prog_name="mgscan", standalone_mode=False)
    except SystemExit as exc:
        code = exc.code
    cpu, wall = time.process_time() - cpu0, time.perf_counter() - wall0
    out = sys.stderr
    print(f"\n{'stage':<34} {'calls':>6} {'CPU s':>7} {'wall s':>7}", file=out)
    print(f"{'startup (interpreter + imports)':<34} {'':>6} {startup[0]:>7.3f} {startup[1]:>7.3f}",
          file=out)
    order = [f"{m.rsplit('.', 1)[-1]}.{a}" for m, a in STAGES]
    for name in sorted(totals, key=order.index):
        calls, c, w = totals[name]
        print(f"{name:<34} {int(calls):>6} {c:>7.3f} {w:>7.3f}", file=out)
    print(f"{'command total':<34} {'':>6} {cpu:>7.3f} {wall:>7.3f}  (exit {code})", file=out)


if __name__ == "__main__":
    main()
