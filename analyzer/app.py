"""Orchestration behind the CLI: ingest, detect versions, run rules, build and write reports."""

from __future__ import annotations

import os
import re
import time
from collections.abc import Callable, Mapping, Sequence
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
    from analyzer.bundle.layout import Root
    from analyzer.ingest import IngestSummary
    from analyzer.ingest.identity import ClusterGroup
    from analyzer.ingest.summary import Progress

# Bounded: a 5,000-digit "version" is bad input, never a crash (int() refuses > 4,300 digits).
FLAG_VERSION = re.compile(r"^v?\d{1,9}(\.\d{1,9}){1,2}([-+][0-9A-Za-z.-]{1,128})?$")
SEVERITY_RANK = {"info": 0, "warning": 1, "critical": 2, "prohibited": 3}
NO_RHOAI = ("Not found: a RHOAI must-gather `version` file, a rhods-operator "
            "ClusterServiceVersion or Subscription, a DataScienceCluster or DSCInitialization "
            "status.release.version.")
_RHOAI_IMAGE = re.compile(r"rhoai|rhods|odh|data-services|modh", re.IGNORECASE)
_ROOTS_NAMED = 3  # roots named in the "no RHOAI" message; the rest are counted
_ROOT_PATH_CHARS = 90


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
    from analyzer.ingest.database import summary_from_meta
    from analyzer.ingest.guard import CONNECT_CONFIG, lock_down, open_database_file

    if not inputs and db is None:
        raise UsageError("give at least one BUNDLE or --db FILE")
    if db is not None:
        if inputs:  # the ingest stack (pyarrow, the parser pool) loads only when ingesting
            from analyzer.ingest.database import db_holds, ingest_to_file

            if not db_holds(db, inputs, limits):
                ingest_to_file(inputs, db, limits, progress, timer)
        con = open_database_file(db)  # read-only, locked down, schema verified
        try:
            return con, summary_from_meta(con)
        except BaseException:
            con.close()
            raise
    from analyzer.ingest import ingest_paths

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


def resolve_versions(facts: dict[str, Any], source: str | None, target: str,
                     roots: Sequence[Root] = ()) -> tuple[str, str]:
    """Validate the target and pick the source version (flag wins); raise on bad input.

    Without a RHOAI version the error says what the bundle holds instead (``roots``: the
    ingested roots, see :func:`no_rhoai_message`).
    """
    _check_flag("--target-version", target)
    if source:
        _check_flag("--source-version", source)
        facts["rhoai_version"], facts["rhoai_version_source"] = source, "flag"
    src = facts.get("rhoai_version")
    if not src:
        raise BadInputError(no_rhoai_message(facts, roots))
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


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "\u2026"


def _describe_root(root: Root) -> str:
    """``openshift/must-gather 4.0 (must-gather-aws/quay-io-…)``, ``oc adm inspect (dir)``."""
    what = {"inspect": "oc adm inspect", "insights": "Insights archive",
            "dump": "YAML/JSON dump"}.get(root.kind) or root.product or root.image or root.kind
    if root.kind == "image" and root.version:
        what += f" {root.version}"
    return f"{what} ({_clip(root.path or 'top level', _ROOT_PATH_CHARS)})"


def no_rhoai_message(facts: Mapping[str, Any], roots: Sequence[Root] = ()) -> str:
    """The one-line error for a bundle without RHOAI: what it holds and how to collect RHOAI.

    Names the OpenShift version and platform, the cluster, the must-gather images that ran
    (the roots), what was looked for, and the ``oc adm must-gather`` command that collects the
    OpenShift and the RHOAI data in one run.

    >>> no_rhoai_message({}).startswith("no RHOAI version found: the bundle holds no "
    ...                                 "ClusterVersion")
    True
    """
    from analyzer.rules.collect import must_gather_command, rhoai_image

    ocp, platform = (_clip(str(facts.get(k) or ""), 80) for k in ("ocp_version", "platform"))
    if ocp:
        held = f"OpenShift {ocp} on platform {platform or 'unknown'}"
    else:
        held = ("no ClusterVersion (OpenShift version unknown), platform "
                f"{platform or 'unknown'}")
    cluster = _clip(str(facts.get("infrastructure_name") or facts.get("cluster_id") or ""), 80)
    when = str(facts.get("collected_at") or "")[:10]
    extra = ", ".join(p for p in (f"cluster {cluster}" if cluster else "",
                                  f"collected {when}" if when else "") if p)
    held += f" ({extra})" if extra else ""
    ordered = sorted(roots, key=lambda r: (r.input_id, r.path, r.root_id))
    named = "; ".join(_describe_root(r) for r in ordered[:_ROOTS_NAMED])
    if len(ordered) > _ROOTS_NAMED:
        named += f"; and {len(ordered) - _ROOTS_NAMED} more"
    ran = (f"collected by: {named}" if ordered else
           "no must-gather image or inspect folder found")
    rhoai_ran = any(_RHOAI_IMAGE.search(f"{r.product or ''} {r.image or ''}") for r in roots)
    if not rhoai_ran:
        ran += "; no RHOAI must-gather image ran"
    return (f"no RHOAI version found: the bundle holds {held}; {ran}. "
            + NO_RHOAI
            + f" Collect RHOAI as well with `{must_gather_command()}` (RHOAI 3.x: "
            f"--image={rhoai_image('3.0.0').replace('3.0.0', '<version>')}), or pass "
            "--source-version X.Y.Z.")


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


__all__ = ["AnalyzeOptions", "__version__", "cluster_facts", "exit_code", "no_rhoai_message",
           "now_utc", "open_database", "resolve_versions", "same_line"]
