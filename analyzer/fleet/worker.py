"""The work of one bundle, run in-process, in a pool process or as a Ray task.

It reads the bundle from a path the worker can see, analyzes each cluster it holds on its own,
and returns plain data: the dataset rows as Arrow tables and each cluster's rendered report
files. Nothing is written here, so a remote worker needs no access to the output folder. Every
failure, expected or not, becomes the bundle's error row.
"""

from __future__ import annotations

import re
import traceback
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from analyzer.fleet.tables import Rows, add_error, add_report, empty_rows, to_tables
from analyzer.limits import Limits

_SAFE = re.compile(r"[^A-Za-z0-9._-]+")
REPORT_FORMATS = ("html", "json")


@dataclass(frozen=True)
class Job:
    """What a worker needs for one bundle (picklable)."""

    path: str
    bundle: str
    slug: str
    sha256: str
    target_version: str
    rules_sha256: str
    analyzed_at: str
    limits: Limits


def _reports(report: dict[str, Any], subdir: str) -> dict[str, bytes]:
    """The cluster's report files, rendered in memory: relative path -> bytes."""
    from analyzer.report.html import render_html
    from analyzer.report.json_out import render_json

    return {f"{subdir}/report.html": render_html(report).encode("utf-8"),
            f"{subdir}/report.json": render_json(report).encode("utf-8")}


def _analyze(job: Job, rows: Rows, files: dict[str, bytes]) -> None:
    from analyzer.analysis import report_from
    from analyzer.app import AnalyzeOptions, narrow_to_cluster, open_database
    from analyzer.ingest.identity import identify_clusters

    path = Path(job.path)
    opts = AnalyzeOptions(inputs=[path], target_version=job.target_version, limits=job.limits)
    con, summary = open_database([path], None, job.limits)
    try:
        clusters, _ = identify_clusters(con)
        if len(clusters) <= 1:
            targets = [(clusters[0] if clusters else None, con, summary)]
        else:
            targets = [(c, *narrow_to_cluster(con, summary, c)) for c in clusters]
        for group, ccon, csummary in targets:
            label = None if group is None else group.label
            subdir = f"reports/{job.slug}" + ("" if len(targets) == 1 else
                                              f"/{_SAFE.sub('_', str(label))[:80]}")
            try:
                report = report_from(ccon, csummary, opts)
                files.update(_reports(report, subdir))
                add_report(rows, report, job.bundle, job.sha256, job.analyzed_at,
                           f"{subdir}/report.html")
            except Exception as exc:  # noqa: BLE001 - one cluster's failure is its row
                add_error(rows, job.bundle, job.sha256, _status(exc), _message(exc),
                          job.target_version, job.analyzed_at, _version(), job.rules_sha256,
                          cluster_id=label)
            finally:
                if ccon is not con:
                    ccon.close()
    finally:
        con.close()


def _status(exc: BaseException) -> str:
    from analyzer.errors import MgscanError

    return "error" if isinstance(exc, MgscanError) else "crashed"


def _message(exc: BaseException) -> str:
    from analyzer.errors import MgscanError

    if isinstance(exc, MgscanError):
        return str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    where = traceback.extract_tb(exc.__traceback__)[-1] if exc.__traceback__ else None
    at = f" at {where.filename.rsplit('/', 1)[-1]}:{where.lineno}" if where else ""
    return f"unexpected {type(exc).__name__}: {exc}{at}"


def _version() -> str:
    from analyzer import __version__

    return __version__


def run_job(job: Job) -> dict[str, Any]:
    """Analyze one bundle; return ``{"tables": {name: pa.Table}, "files": {path: bytes}}``."""
    rows, files = empty_rows(), dict[str, bytes]()
    try:
        _analyze(job, rows, files)
    except Exception as exc:  # noqa: BLE001 - an unexpected exception is this bundle's row
        rows, files = empty_rows(), {}
        add_error(rows, job.bundle, job.sha256, _status(exc), _message(exc),
                  job.target_version, job.analyzed_at, _version(), job.rules_sha256)
    return {"tables": to_tables(rows), "files": files}
