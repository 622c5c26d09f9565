"""Fleet throughput: the same N bundles through ``mgscan fleet`` sequentially, with a local
process pool, and on a local Ray cluster; bundles/minute and peak RSS of the whole process
tree (sampled from /proc every 0.2 s, so pool workers and Ray workers count).

Bundles are variants of the committed samples (each gets a distinct clusterID, so the fleet
sees N clusters), built once into ``bench-out/fleet-in``.

Usage: ``python scripts/bench_fleet.py [--bundles 40] [--jobs 2] [--engines seq,pool,ray]``
"""

from __future__ import annotations

import argparse
import io
import os
import shutil
import subprocess
import sys
import tarfile
import threading
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "sample_bundles"


def build_inputs(out: Path, n: int) -> Path:
    """``n`` bundles: the samples in turn, each with its clusterID rewritten to be unique."""
    folder = out / "fleet-in"
    existing = sorted(folder.glob("*.tar.gz")) if folder.exists() else []
    if len(existing) == n:
        return folder
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    samples = sorted(SAMPLES.glob("*.tar.gz"))
    for i in range(n):
        src = samples[i % len(samples)]
        with tarfile.open(src, "r:gz") as tin, \
                tarfile.open(folder / f"b{i:03d}-{src.name}", "w:gz", compresslevel=1) as tout:
            for m in tin.getmembers():
                body = tin.extractfile(m).read() if m.isfile() else None  # type: ignore[union-attr]
                if body is not None and m.name.endswith("clusterversions.yaml"):
                    body = body.replace(b"clusterID: ", f"clusterID: b{i:03d}-".encode())
                    m.size = len(body)
                tout.addfile(m, io.BytesIO(body) if body is not None else None)
    return folder


def tree_pids(pid: int) -> list[int]:
    """``pid`` and all its descendants (from /proc)."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as fh:
                    ppid = int(fh.read().rsplit(")", 1)[1].split()[1])
                children.setdefault(ppid, []).append(int(entry))
            except (OSError, ValueError, IndexError):
                continue
    out, todo, seen = [], [pid], set()
    while todo:
        p = todo.pop()
        if p not in seen:
            seen.add(p)
            out.append(p)
            todo.extend(children.get(p, []))
    return out


def _tree_rss(pid: int) -> int:
    """RSS in bytes of ``pid`` and all its descendants."""
    total = 0
    for p in tree_pids(pid):
        try:
            with open(f"/proc/{p}/statm") as fh:
                total += int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
        except OSError:
            pass
    return total


def run(cmd: list[str], memory: Callable[[int], int] = _tree_rss,
        every: float = 0.2) -> tuple[float, int, str]:
    """Run ``cmd``; return (seconds, peak process-tree ``memory`` in MiB, stdout)."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    peak = 0
    stop = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not stop.is_set():
            peak = max(peak, memory(proc.pid))
            stop.wait(every)  # wakes at once when the command ends

    t = threading.Thread(target=sample, daemon=True)
    t.start()
    out, _ = proc.communicate()
    seconds = time.perf_counter() - start  # before the join: the sampler may be mid-sleep
    stop.set()
    t.join()
    return seconds, peak // (1024 * 1024), out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", type=Path, default=ROOT / "bench-out")
    ap.add_argument("--bundles", type=int, default=40)
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--engines", default="seq,pool,ray")
    args = ap.parse_args()
    folder = build_inputs(args.out, args.bundles)
    modes = {"seq": ["--jobs", "1"], "pool": ["--jobs", str(args.jobs)],
             "ray": ["--engine", "ray", "--jobs", str(args.jobs)]}
    print(f"fleet: {args.bundles} bundles, {os.cpu_count()} cores")
    print(f"{'engine':<22}{'seconds':>9}{'bundles/min':>13}{'peak RSS (tree)':>17}")
    for name in args.engines.split(","):
        dest = args.out / f"fleet-{name}"
        shutil.rmtree(dest, ignore_errors=True)
        seconds, rss, _ = run([sys.executable, "-m", "analyzer", "fleet", str(folder), "-o",
                               str(dest), *modes[name]])
        label = {"seq": "sequential", "pool": f"process pool ({args.jobs})",
                 "ray": f"local Ray ({args.jobs} CPUs)"}[name]
        print(f"{label:<22}{seconds:9.1f}{60 * args.bundles / seconds:13.1f}{rss:>13} MiB")


if __name__ == "__main__":
    main()
