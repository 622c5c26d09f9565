"""Where the per-bundle work runs: in this process, a local process pool, or Ray tasks.

Each engine yields ``(job, result)`` as bundles finish, so the caller writes a bundle's files
and drops its result before the next one arrives: nothing accumulates in the driver. A worker
process that dies (out of memory, a crash in native code) costs only its bundle's row.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from typing import Any

from analyzer.errors import UsageError
from analyzer.fleet.tables import add_error, empty_rows, to_tables
from analyzer.fleet.worker import Job, run_job

Done = Iterator[tuple[Job, dict[str, Any]]]


def _crash_result(job: Job, exc: BaseException) -> dict[str, Any]:
    from analyzer import __version__

    rows = empty_rows()
    add_error(rows, job.bundle, job.sha256, "crashed",
              f"worker failed: {type(exc).__name__}: {exc}", job.target_version,
              job.analyzed_at, __version__, job.rules_sha256)
    return {"tables": to_tables(rows), "files": {}}


def run_sequential(jobs: Sequence[Job]) -> Done:
    """One bundle after the other, in this process."""
    for job in jobs:
        yield job, run_job(job)


def run_pool(jobs: Sequence[Job], workers: int) -> Done:
    """A local process pool of ``workers`` processes; at most 2 x workers bundles in flight."""
    pending: dict[Future[dict[str, Any]], Job] = {}
    queue = list(reversed(jobs))
    with ProcessPoolExecutor(max_workers=workers) as pool:
        while queue or pending:
            while queue and len(pending) < 2 * workers:
                job = queue.pop()
                pending[pool.submit(run_job, job)] = job
            done, _ = wait(pending, return_when=FIRST_COMPLETED)
            for future in sorted(done, key=lambda f: pending[f].slug):
                job = pending.pop(future)
                try:
                    result = future.result()
                except Exception as exc:  # noqa: BLE001 - a dead worker is its bundle's row
                    result = _crash_result(job, exc)
                yield job, result


def run_ray(jobs: Sequence[Job], address: str | None, workers: int) -> Done:
    """Ray tasks on the cluster at ``address`` (or a local one); bundles read where Ray runs.

    Results (Arrow tables and rendered report files) travel back through Ray's object store;
    each is fetched, yielded and released before the next.
    """
    try:
        import ray
    except ImportError as exc:
        raise UsageError("--engine ray needs Ray: pip install 'mgscan[ray]'") from exc
    started = not ray.is_initialized()
    if started:
        ray.init(address=address, include_dashboard=False, log_to_driver=False,
                 num_cpus=None if address else workers)
    try:
        task = ray.remote(max_retries=0)(run_job)
        queue = list(reversed(jobs))
        pending: dict[Any, Job] = {}
        while queue or pending:
            while queue and len(pending) < 2 * workers:
                job = queue.pop()
                pending[task.remote(job)] = job
            ready, _ = ray.wait(list(pending), num_returns=1)
            for ref in ready:
                job = pending.pop(ref)
                try:
                    result = ray.get(ref)
                except Exception as exc:  # noqa: BLE001 - a failed task is its bundle's row
                    result = _crash_result(job, exc)
                del ref
                yield job, result
    finally:
        if started:
            ray.shutdown()


def default_jobs() -> int:
    """The default ``--jobs``: the cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)
