"""Orchestration behind the CLI: ingest, detect versions, run rules, build and write reports."""

from __future__ import annotations

import os
import re
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import duckdb

from analyzer import __version__
from analyzer.errors import BadInputError, ExitCode, UsageError
from analyzer.limits import Limits
from analyzer.rules.version_model import default_model
from analyzer.rules.versions import parse_version, same_minor

if TYPE_CHECKING:  # the ingest stack (pyarrow, process pools) loads only when ingesting
    from analyzer.ingest import IngestSummary
    from analyzer.ingest.identity import ClusterGroup
    from analyzer.ingest.pipeline import Progress

# Bounded: a 5,000-digit "version" is bad input, never a crash (int() refuses > 4,300 digits).
FLAG_VERSION = re.compile(r"^v?\d{1,9}(\.\d{1,9}){1,2}([-+][0-9A-Za-z.-]{1,128})?$")
SEVERITY_RANK = {"info": 0, "warning": 1, "critical": 2, "prohibited": 3}
NO_RHOAI = (
    "no RHOAI version found. mgscan looked at: the RHOAI must-gather image's `version` file, "
    "the rhods-operator ClusterServiceVersion (spec.version), the DataScienceCluster and "
    "DSCInitialization status.release.version, and the rhods-operator Subscription "
    "(status.installedCSV). Collect with `oc adm must-gather --image-stream=openshift/must-gather "
    "--image=quay.io/modh/must-gather:rhoai-2.25`, or pass --source-version X.Y.Z.")


MAX_EPOCH = 253_402_300_799  # 9999-12-31T23:59:59Z, the last second a report date can show


def now_utc() -> datetime:
    """The clock: SOURCE_DATE_EPOCH when set (reproducible runs), else the current time.

    Raises:
        UsageError: SOURCE_DATE_EPOCH is not a time a report can carry (years 1970-9999).
    """
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        if len(epoch) > 12 or int(epoch) > MAX_EPOCH:
            raise UsageError(f"SOURCE_DATE_EPOCH={epoch[:20]}{'…' if len(epoch) > 20 else ''} "
                             "is out of range: give seconds since 1970 before the year 10000 "
                             "(or unset it)")
        return datetime.fromtimestamp(int(epoch), UTC)
    return datetime.now(UTC).replace(microsecond=0)


@dataclass
class AnalyzeOptions:
    """Everything ``mgscan analyze`` needs."""

    inputs: Sequence[Path] = ()
    db: Path | None = None
    target_version: str = "3.3.2"
    source_version: str | None = None
    checks: Sequence[str] = ()
    severity: str = "info"
    fail_on: str = "critical"
    strict: bool = False  # --strict: an incomplete analysis exits 1
    formats: Sequence[str] = ("html", "json")
    out_dir: Path | None = None  # None: ./mgscan-report-<infrastructure name>; Path("-"): stdout
    force: bool = False  # write into a folder holding another cluster's report
    view: str = "summary"  # terminal: summary, or the vendor-style table
    limits: Limits = field(default_factory=Limits)
    cluster: str | None = None  # --cluster: clusterID (or unique prefix) among several
    clock: Callable[[], datetime] = now_utc
    timer: Callable[[], float] = time.perf_counter  # ingest duration (injected in tests)
    tool_version: str = __version__


def open_database(inputs: Sequence[Path], db: Path | None, limits: Limits,
                  progress: Progress | None = None,
                  timer: Callable[[], float] = time.perf_counter,
                  ) -> tuple[duckdb.DuckDBPyConnection, IngestSummary]:
    """Ingest ``inputs`` (into ``db`` unless it already holds exactly them) and connect.

    The connection is locked down (``analyzer.ingest.guard``): a ``--db`` file is attached
    read-only behind an in-memory database that receives the per-run tables, and nothing it
    runs can reach a file outside its databases.
    """
    from analyzer.ingest import ingest_paths
    from analyzer.ingest.database import db_holds, ingest_to_file, summary_from_meta
    from analyzer.ingest.guard import CONNECT_CONFIG, lock_down, open_database_file

    if not inputs and db is None:
        raise UsageError("give at least one BUNDLE or --db FILE")
    if db is not None:
        if inputs and not db_holds(db, inputs, limits):
            ingest_to_file(inputs, db, limits, progress, timer)
        con = open_database_file(db)  # read-only, locked down, schema verified
        try:
            return con, summary_from_meta(con)
        except BaseException:
            con.close()
            raise
    con = duckdb.connect(":memory:", config=dict(CONNECT_CONFIG))
    try:
        summary = ingest_paths(inputs, con, limits, progress, timer=timer)
        return lock_down(con), summary
    except BaseException:
        con.close()
        raise


def select_cluster(con: duckdb.DuckDBPyConnection, summary: IngestSummary,
                   wanted: str | None) -> duckdb.DuckDBPyConnection:
    """Keep one cluster: refuse several (exit 3, naming each) unless ``wanted`` picks one.

    Returns the connection to analyze: ``con`` itself, or (when the inputs hold more than the
    chosen cluster) a new one holding a copy of the chosen cluster's rows only, with ``con``
    closed; ``summary`` then describes only that cluster. The caller closes what it gets.
    """
    from analyzer.ingest.identity import choose_cluster, identify_clusters

    clusters, unattributed = identify_clusters(con)
    chosen = choose_cluster(clusters, unattributed, wanted)
    if chosen is None or (len(clusters) == 1 and not unattributed):
        return con
    scoped, narrowed = narrow_to_cluster(con, summary, chosen)
    con.close()
    vars(summary).update(vars(narrowed))
    return scoped


def narrow_to_cluster(con: duckdb.DuckDBPyConnection, summary: IngestSummary,
                      chosen: ClusterGroup) -> tuple[duckdb.DuckDBPyConnection, IngestSummary]:
    """A new connection and ingest summary holding only ``chosen``'s rows (``con`` unchanged)."""
    from analyzer.ingest.identity import scoped_connection

    scoped = scoped_connection(con, chosen)
    keep = set(chosen.root_ids)
    roots = [r for r in summary.roots if r.root_id in keep]
    input_ids = {r.input_id for r in roots}
    counts = scoped.execute("""select (select count(*) from files), (select count(*) from objects),
        (select coalesce(sum(sources - 1), 0) from resources)""").fetchone() or (0, 0, 0)
    errors = [{"file": f, "error": e} for f, e in scoped.execute(
        "select file, error from ingest_errors order by input_id, file, error").fetchall()]
    narrowed = replace(summary, inputs=[i for i in summary.inputs if i.input_id in input_ids],
                       roots=roots, files=int(counts[0]), objects=int(counts[1]),
                       duplicates=int(counts[2]), errors=errors)
    return scoped, narrowed


def cluster_facts(con: duckdb.DuckDBPyConnection) -> dict[str, Any]:
    """The single row of the ``cluster_facts`` view as a dict."""
    cur = con.execute("select * from cluster_facts")
    cols = [d[0] for d in cur.description]
    row = cur.fetchone() or (None,) * len(cols)
    return dict(zip(cols, row, strict=True))


def _clipped(value: str) -> str:
    """A version-like value cut for an error message: ``'2.99999…' (5,004 characters)``."""
    return repr(value) if len(value) <= 40 else f"{value[:20]!r}… ({len(value):,} characters)"


def _check_flag(flag: str, value: str) -> None:
    if not FLAG_VERSION.match(value.strip()):
        raise UsageError(f"invalid {flag} {_clipped(value)}: expected X.Y or X.Y.Z (e.g. 3.3.2)")
    parse_version(value)


def resolve_versions(facts: dict[str, Any], source: str | None, target: str) -> tuple[str, str]:
    """Validate the target and pick the source version (flag wins); raise on bad input."""
    _check_flag("--target-version", target)
    if source:
        _check_flag("--source-version", source)
        facts["rhoai_version"], facts["rhoai_version_source"] = source, "flag"
    src = facts.get("rhoai_version")
    if not src:
        raise BadInputError(NO_RHOAI)
    for key, what in (("rhoai_version", "RHOAI"), ("ocp_version", "OpenShift")):
        found = facts.get(key)
        if found and not FLAG_VERSION.match(str(found).strip()):
            where = facts.get(f"{key}_source") or "the bundle"
            raise BadInputError(f"the {what} version found in {where} is not a version "
                                f"({_clipped(str(found))}); pass --source-version X.Y.Z"
                                if key == "rhoai_version" else
                                f"the {what} version found in {where} is not a version "
                                f"({_clipped(str(found))})")
    if parse_version(target) < parse_version(src):
        raise UsageError(f"target {target} is lower than the source {src}: downgrades are not "
                         "supported")
    default_model().check_target(str(src), target)
    return str(src), target


def exit_code(report: dict[str, Any], fail_on: str, strict: bool = False) -> ExitCode:
    """Map a report to the contract's exit code (``strict``: incomplete analysis exits 1)."""
    worst = -1
    for result in report["results"]:
        for finding in result["findings"]:
            worst = max(worst, SEVERITY_RANK[finding["severity"]])
    errors = any(r["outcome"] == "error" for r in report["results"])
    if worst >= SEVERITY_RANK["critical"] and worst >= SEVERITY_RANK[fail_on]:
        return ExitCode.FAIL
    if strict and not (report.get("completeness") or {}).get("complete", True):
        return ExitCode.FAIL
    if errors:
        return ExitCode.INCOMPLETE
    if worst >= SEVERITY_RANK[fail_on]:
        return ExitCode.WARNING
    return ExitCode.PASS


def same_line(source: str, target: str) -> bool:
    """True when source and target share major.minor (nothing to migrate)."""
    return same_minor(source, target)


__all__ = ["AnalyzeOptions", "__version__", "cluster_facts", "exit_code", "now_utc",
           "open_database", "resolve_versions", "same_line"]
