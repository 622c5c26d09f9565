"""Where the CPU of an ingest goes, per stage, and how busy the two cores are over time.

Two measurements of ``mgscan ingest BUNDLE --db …``:

1. ``--stages``: the ingest in ONE process (no parser workers, inserts done inline instead of
   by the writer thread), with a CPU timer (process CPU: DuckDB's threads included) around each
   stage. Times are exclusive (a stage's callees are not counted twice): read and sha256 of the
   compressed input, inflate, rapidyaml parse, JSON emission, ``orjson.loads``, the nesting
   pre-check, rows and their JSON (``build_records``), Arrow batches, DuckDB inserts, log
   indexing, dedup and views, meta and checkpoint; the rest is Python around them (tar framing,
   classification, batching).
2. ``--timeline``: the real ingest (parser workers, writer thread), its process tree's CPU
   sampled from ``/proc`` every ``--every`` seconds: per process and in all, as % of one core.

Usage::

    python scripts/profile_ingest.py bench-out/aws-x3.tar.gz --stages --timeline
"""

from __future__ import annotations

import argparse
import functools
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_fleet import tree_pids  # noqa: E402

TICK = os.sysconf("SC_CLK_TCK")
AROUND = "Python around them (tar framing, batching)"
_stack: list[list[float]] = []  # per open stage: [start cpu, cpu of nested stages]
totals: dict[str, list[float]] = {}


def _timed(name: str, func: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        _stack.append([time.process_time(), 0.0])
        try:
            return func(*args, **kwargs)
        finally:
            start, nested = _stack.pop()
            spent = time.process_time() - start
            row = totals.setdefault(name, [0.0, 0.0])
            row[0] += spent - nested
            row[1] += 1
            if _stack:
                _stack[-1][1] += spent
    return wrapper


class _Timed:
    """A proxy timing ``read`` of a file object (or any named methods of a module)."""

    def __init__(self, target: Any, name: str, methods: tuple[str, ...]) -> None:
        self._target = target
        for m in methods:
            if hasattr(target, m):
                setattr(self, m, _timed(name, getattr(target, m)))

    def __getattr__(self, attr: str) -> Any:
        return getattr(self._target, attr)


class _Inline:
    """Stand-in for the inflate thread (``Prefetch``): blocks are decoded when asked.

    The stage timers read process CPU, so inflating in a thread would be counted inside
    whatever stage the main thread is in; inline, it is its own stage.
    """

    def __init__(self, source: Any, counter: Callable[[], int], depth: int = 4) -> None:
        self.read_chunk = source.read_chunk
        self.counter = counter

    @property
    def compressed(self) -> int:
        """Input bytes read so far."""
        return self.counter()

    def close(self) -> None:
        """Nothing runs in the background."""


def _patch() -> None:
    """Wrap each stage (single process, inline inserts)."""
    from analyzer.bundle import entries, sources, tarstream
    from analyzer.ingest import classify, database, pipeline, worker, writer, yaml12

    entries.HashingReader.read = _timed("read + sha256 of the input",  # type: ignore[method-assign]
                                        entries.HashingReader.read)
    init = tarstream._Buffered.__init__

    def buffered_init(self: Any, raw: Any, chunk: int) -> None:
        init(self, _Timed(raw, "inflate", ("read", "read_chunk")), chunk)
    tarstream._Buffered.__init__ = buffered_init  # type: ignore[method-assign]
    sources.Prefetch = _Inline  # type: ignore[assignment,misc]
    yaml12.ryml = _Timed(yaml12.ryml, "rapidyaml parse", ("parse_in_arena",))
    yaml12._emit_json = _timed("rapidyaml JSON emission", yaml12._emit_json)
    yaml12.orjson = _Timed(yaml12.orjson, "orjson.loads", ("loads",))
    yaml12.refuse_deep = _timed("nesting pre-check", yaml12.refuse_deep)
    yaml12._slow = _timed("careful YAML loader", yaml12._slow)
    worker.build_records = _timed("rows and their JSON (build_records)", worker.build_records)
    worker.records_table = _timed("Arrow batches", worker.records_table)
    insert = _timed("DuckDB inserts", writer.insert_arrow)

    def submit(self: Any, table: str, data: Any) -> None:
        if data.num_rows:
            insert(self.cursor, table, data)
    writer.DbWriter.submit = submit  # type: ignore[method-assign]
    classify.scan_log = _timed("log indexing", classify.scan_log)
    pipeline.scan_log = classify.scan_log
    pipeline.insert_arrow = insert
    pipeline._finish = _timed("dedup, views (finish)", pipeline._finish)
    one = functools.partial(pipeline.ingest_paths, workers=1)
    pipeline.ingest_paths = _timed(AROUND, one)  # type: ignore[assignment]
    database.ingest_to_file = _timed("meta, checkpoint, close", database.ingest_to_file)


def stages(bundle: Path) -> None:
    """Ingest ``bundle`` in this process with stage timers; print the table."""
    _patch()
    from analyzer.ingest import database

    with tempfile.TemporaryDirectory() as tmp:
        cpu0, wall0 = time.process_time(), time.perf_counter()
        summary = database.ingest_to_file([bundle], Path(tmp) / "x.duckdb")
        cpu, wall = time.process_time() - cpu0, time.perf_counter() - wall0
    print(f"\n{bundle.name}: {summary.objects:,} objects, one process: {cpu:.2f} s CPU, "
          f"{wall:.2f} s wall, load average {os.getloadavg()[0]:.1f}")
    print(f"{'stage':<44} {'CPU s':>7} {'share':>6}")
    accounted = 0.0
    for name, (spent, _calls) in sorted(totals.items(), key=lambda kv: -kv[1][0]):
        accounted += spent
        print(f"{name:<44} {spent:>7.2f} {spent / cpu:>6.0%}")
    rest = cpu - accounted
    print(f"{'(outside the ingest: opening, imports)':<44} {rest:>7.2f} {rest / cpu:>6.0%}")


def _cpu_ticks(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/stat") as fh:
            fields = fh.read().rsplit(")", 1)[1].split()
        return int(fields[11]) + int(fields[12])  # utime + stime
    except (OSError, IndexError, ValueError):
        return 0


def _pss_mib(pid: int) -> float:
    try:
        with open(f"/proc/{pid}/smaps_rollup") as fh:
            return next(int(line.split()[1]) for line in fh if line.startswith("Pss:")) / 1024
    except (OSError, StopIteration, ValueError):
        return 0.0


def timeline(bundle: Path, every: float) -> None:
    """Run the real ingest; print the process tree's CPU % over time and a summary."""
    with tempfile.TemporaryDirectory() as tmp:
        cmd = [sys.executable, "-m", "analyzer", "ingest", str(bundle), "--db",
               str(Path(tmp) / "x.duckdb")]
        t0 = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        last: dict[int, int] = {}
        role: dict[int, str] = {proc.pid: "main"}
        peak: dict[str, float] = {}  # peak PSS MiB per process and of the tree
        rows: list[tuple[float, dict[str, float]]] = []
        while proc.poll() is None:
            time.sleep(every)
            now = time.perf_counter() - t0
            sample: dict[str, float] = {}
            tree_pss = 0.0
            for pid in tree_pids(proc.pid):
                role.setdefault(pid, f"worker{len(role)}")
                pss = _pss_mib(pid)
                peak[role[pid]] = max(peak.get(role[pid], 0.0), pss)
                tree_pss += pss
                ticks = _cpu_ticks(pid)
                used = (ticks - last.get(pid, 0)) / TICK / every
                last[pid] = ticks
                sample[role[pid]] = sample.get(role[pid], 0.0) + 100 * used
            rows.append((now, sample))
            peak["tree"] = max(peak.get("tree", 0.0), tree_pss)
        wall = time.perf_counter() - t0
    names = sorted({n for _, s in rows for n in s}, key=lambda n: (n != "main", n))
    print(f"\n{bundle.name}: real ingest {wall:.2f} s wall; CPU % of one core per process, "
          f"every {every} s (200% = both cores)")
    print(f"{'t s':>6} " + " ".join(f"{n:>8}" for n in names) + f" {'all':>6}")
    for t, s in rows:
        print(f"{t:>6.1f} " + " ".join(f"{s.get(n, 0):>8.0f}" for n in names)
              + f" {sum(s.values()):>6.0f}")
    totals_pct = [sum(s.values()) for _, s in rows]
    if totals_pct:
        mean = sum(totals_pct) / len(totals_pct)
        both = sum(1 for p in totals_pct if p >= 150) / len(totals_pct)
        print(f"mean {mean:.0f}% of one core ({mean / 2:.0f}% of two); samples with both cores "
              f"busy (>= 150%): {both:.0%}; load average {os.getloadavg()[0]:.1f}")
    # CPU seconds per process over the whole run (the samples' sum): the main process (tar
    # reading, the writer thread, DuckDB) is one serial path, the workers share the parsing.
    cpu = {n: sum(s.get(n, 0.0) for _, s in rows) * every / 100 for n in names}
    total = sum(cpu.values())
    print("CPU s per process: " + ", ".join(f"{n} {v:.2f}" for n, v in cpu.items())
          + f"; all {total:.2f}")
    print("peak PSS MiB (sampled): " + ", ".join(f"{n} {v:.0f}" for n, v in peak.items()))
    floor = max(cpu.get("main", 0.0), total / 2)
    print(f"2-core wall floor for this work: max(main {cpu.get('main', 0.0):.2f}, all/2 "
          f"{total / 2:.2f}) = {floor:.2f} s")


def main() -> None:
    """Parse arguments and run the asked measurements."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("bundle", type=Path)
    ap.add_argument("--stages", action="store_true", help="per-stage CPU, one process")
    ap.add_argument("--timeline", action="store_true", help="CPU %% over time, real ingest")
    ap.add_argument("--every", type=float, default=0.5, help="timeline sampling interval (s)")
    args = ap.parse_args()
    if args.timeline:
        timeline(args.bundle, args.every)
    if args.stages:
        stages(args.bundle)


if __name__ == "__main__":
    main()
