"""``mgscan analyze`` end to end: one function the CLI (and tests) call."""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import duckdb
from rich.console import Console

from analyzer.app import (
    AnalyzeOptions,
    cluster_facts,
    exit_code,
    open_database,
    resolve_versions,
    select_cluster,
)
from analyzer.errors import ExitCode

if TYPE_CHECKING:
    from analyzer.ingest import IngestSummary
    from analyzer.ingest.summary import Progress


def build_report(opts: AnalyzeOptions, progress: Progress | None = None,
                 inspect: Callable[[duckdb.DuckDBPyConnection], None] | None = None,
                 ) -> dict[str, Any]:
    """Ingest (or reuse ``--db``), run the selected rules and return the report.json dict.

    ``inspect`` (diff, fleet) is called with the analyzed cluster's connection, after the
    rules ran, to read more from the same ingest.
    """
    con, summary = open_database(list(opts.inputs), opts.db, opts.limits, progress,
                                 opts.timer)
    try:
        con = select_cluster(con, summary, opts.cluster)
        return report_from(con, summary, opts, inspect)
    finally:
        con.close()


def report_from(con: duckdb.DuckDBPyConnection, summary: IngestSummary, opts: AnalyzeOptions,
                inspect: Callable[[duckdb.DuckDBPyConnection], None] | None = None,
                ) -> dict[str, Any]:
    """The report of the one cluster ``con`` holds (already ingested, already narrowed)."""
    from analyzer.assess import assessment_basis, build_assessment, exposure_class
    from analyzer.assess.completeness import build_completeness
    from analyzer.rules.catalog import load_catalog
    from analyzer.rules.coverage import compute_coverage
    from analyzer.rules.evidence import resolve_evidence
    from analyzer.rules.materialize import freeze_cluster_facts
    from analyzer.rules.results import build_report_dict
    from analyzer.rules.runner import RunParams, run_rules
    from analyzer.rules.vendor import vendor_build

    catalog = load_catalog()
    selected = catalog.select(list(opts.checks)) if opts.checks else catalog
    freeze_cluster_facts(con)  # read by a third of the rules and most assessment queries
    facts = cluster_facts(con)
    source, target = resolve_versions(facts, opts.source_version, opts.target_version,
                                      summary.roots)
    coverage = compute_coverage(con, catalog.root)
    now = opts.clock()
    params = RunParams(source_version=source, target_version=target,
                       app_namespace=facts.get("app_namespace"),
                       analysis_date=now.date().isoformat())
    basis: dict[str, Any] = {}
    # the assessment's inventory and exposure need no rule result: computed on ``con`` while
    # the rule queries run on cursors of their own
    results = run_rules(con, selected, params, coverage,
                        alongside=lambda: basis.update(assessment_basis(con, facts)))
    excerpts = resolve_evidence(results, summary.inputs, opts.limits)
    result_dicts = [r.to_dict() for r in results]
    assessment = build_assessment(con, facts=facts, results=result_dicts,
                                  target_version=target, now=now, basis=basis)
    if inspect is not None:
        inspect(con)
    assessment["excerpts"] = [{"file": f, "pointer": p, "excerpt": text}
                              for (f, p), text in sorted(excerpts.items())]
    return build_report_dict(
        tool_version=opts.tool_version, rules_sha256=catalog.rules_sha256,
        vendor_build=vendor_build(catalog.root),
        generated_at=now.strftime("%Y-%m-%dT%H:%M:%SZ"),
        inputs=summary.inputs, roots=summary.roots, facts=facts, target_version=target,
        results=results, coverage=coverage, ingest=summary, assessment=assessment,
        exposure=exposure_class(assessment),
        completeness=build_completeness(results, coverage, params.app_namespace,
                                        catalog.root))


def analyze(opts: AnalyzeOptions, console: Console, progress: Progress | None = None,
            progress_done: Callable[[], None] | None = None) -> ExitCode:
    """Run the analysis, write the requested reports, print the summary, return the exit code.

    ``console`` receives the summary and the paths written (stderr when ``-o -`` puts the
    report itself on stdout).
    """
    from analyzer.commands.output import check_destination, deliver
    from analyzer.report import print_summary
    from analyzer.safetext import visible, visible_tree

    check_destination(opts.out_dir, opts.formats)  # before any work: a bad -o costs nothing
    report = build_report(opts, progress)
    if progress_done is not None:  # the bar stops before anything else reaches the terminal
        progress_done()
    written = deliver(report, opts.out_dir, opts.formats, opts.fail_on, opts.force)
    if opts.view == "table":
        from analyzer.report.vendor_table import vendor_table

        width = console.width if console.is_terminal else None
        for line in vendor_table(visible_tree(report), width):
            console.print(line, highlight=False, markup=False, soft_wrap=True)
    else:
        print_summary(visible_tree(report), console, opts.severity)
    if written:
        console.print("\nWrote:", highlight=False, markup=False)
        for path in written:
            console.print(f"  {visible(os.fsdecode(path))}", highlight=False, markup=False,
                          soft_wrap=True)
    return exit_code(report, opts.fail_on, opts.strict)
