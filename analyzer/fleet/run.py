"""``mgscan fleet`` end to end: plan (skip unchanged bundles), run, write, summarise."""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from analyzer.fleet.dataset import (
    connect_dataset,
    forget_stale,
    prepare_out_dir,
    unchanged,
    write_bundle,
    write_duckdb,
)
from analyzer.fleet.inputs import BundleRef, expand_inputs
from analyzer.fleet.worker import Job
from analyzer.limits import Limits

Status = Callable[[str, str, int, int], None]  # (bundle, status text, done, total)


@dataclass
class FleetOptions:
    """Everything ``mgscan fleet`` needs."""

    inputs: Sequence[str]
    out_dir: Path
    target_version: str = "3.3.2"
    jobs: int = 1
    engine: str = "local"
    ray_address: str | None = None
    limits: Limits = field(default_factory=Limits)
    analyzed_at: str = ""
    timer: Callable[[], float] = time.perf_counter


@dataclass
class FleetRun:
    """What a run did: counts, timing and the files it wrote."""

    bundles: int = 0
    analyzed: int = 0
    skipped: int = 0
    failed: int = 0
    seconds: float = 0.0
    written: list[Path] = field(default_factory=list)

    @property
    def per_minute(self) -> float:
        """Bundles handled per minute of wall time."""
        return 60.0 * self.bundles / self.seconds if self.seconds > 0 else 0.0


def _plan(refs: Sequence[BundleRef], opts: FleetOptions, rules_sha256: str,
          status: Status) -> tuple[list[Job], int]:
    from analyzer.bundle.opener import input_fingerprint

    jobs, skipped = [], 0
    for ref in refs:
        try:
            sha = input_fingerprint(ref.path, opts.limits)
        except Exception:  # noqa: BLE001 - an unreadable bundle is analyzed into its error row
            sha = ""
        if sha and unchanged(opts.out_dir, ref.slug, sha, rules_sha256, opts.target_version):
            skipped += 1
            status(ref.name, "skipped (unchanged)", skipped, len(refs))
            continue
        jobs.append(Job(path=str(ref.path.resolve()), bundle=ref.name, slug=ref.slug,
                        sha256=sha, target_version=opts.target_version,
                        rules_sha256=rules_sha256, analyzed_at=opts.analyzed_at,
                        limits=opts.limits))
    return jobs, skipped


def _engine(jobs: list[Job], opts: FleetOptions) -> Any:
    from analyzer.fleet import engines

    if opts.engine == "ray":
        return engines.run_ray(jobs, opts.ray_address, opts.jobs)
    if opts.jobs > 1 and len(jobs) > 1:
        return engines.run_pool(jobs, opts.jobs)
    return engines.run_sequential(jobs)


def _status_text(result: dict[str, Any]) -> tuple[str, bool]:
    rows = result["tables"]["clusters"].to_pylist()
    failed = any(r["status"] != "ok" for r in rows)
    parts = [r["verdict"] if r["status"] == "ok" else f"{r['status']}: {r['error']}"
             for r in rows]
    return ", ".join(str(p) for p in parts) or "no cluster", failed


def run_fleet(opts: FleetOptions, status: Status) -> FleetRun:
    """Analyze every input bundle into ``opts.out_dir``; return what was done."""
    from analyzer.fleet.summary import write_summary
    from analyzer.rules.catalog import load_catalog

    started = opts.timer()
    prepare_out_dir(opts.out_dir)
    refs = expand_inputs(opts.inputs, opts.out_dir)
    rules_sha256 = load_catalog().rules_sha256
    run = FleetRun(bundles=len(refs))
    jobs, run.skipped = _plan(refs, opts, rules_sha256, status)
    done = run.skipped
    for job, result in _engine(jobs, opts):
        write_bundle(opts.out_dir, job.slug, result)
        text, failed = _status_text(result)
        del result  # nothing of a written bundle stays in the driver
        run.analyzed += 1
        run.failed += int(failed)
        done += 1
        status(job.bundle, text, done, len(refs))
    forget_stale(opts.out_dir, {r.slug for r in refs})
    con = connect_dataset(opts.out_dir)
    try:
        run.written = write_summary(con, opts.out_dir)
    finally:
        con.close()
    run.written.append(write_duckdb(opts.out_dir))
    run.seconds = opts.timer() - started
    return run
