"""Ingest benchmark (`make bench`): the scale table on the real aws sample and its clones.

For the aws must-gather repacked as ``.tar.gz`` at ×1, ×3, ×10 and ×30 (every namespace
cloned; the bundles are built once and cached in ``bench-out/``) it prints the ``gzip -dc``
floor, the mgscan ingest seconds, their ratio, objects/s, the CPU seconds of the ingest and the
peak memory of its whole process tree (PSS sampled from /proc every 0.1 s, so parser
workers count and pages they share with the parent count once), then the time
of ``mgscan analyze --db`` on each database. Then the whole-process time of ``mgscan analyze``
on two small sample bundles (HTML + JSON, and JSON only) and the naive PyYAML loader as the
reference line.

Each measurement runs ``--repeat`` times and is shown as ``min–max``; the load average of the
machine is printed before and after, since other work on the machine stretches every number.
"""

from __future__ import annotations

import argparse
import compileall
import io
import os
import re
import resource
import subprocess
import sys
import tarfile
from collections.abc import Callable
from pathlib import Path

from bench_fleet import run as run_sampled  # process-tree memory sampler
from bench_fleet import tree_pids

ROOT = Path(__file__).resolve().parent.parent
NS = re.compile(r"^(?P<pre>.*?/namespaces/)(?P<ns>[^/]+)(?P<post>/.*)$")
SMALL = ROOT / "sample_bundles" / "modelmesh-serverless.tar.gz"
QUICK = ROOT / "sample_bundles" / "ready-to-migrate.tar.gz"  # the quick answer


def repack(src_xz: Path, out: Path, copies: int) -> None:
    """Repack the .tar.xz sample as .tar.gz, cloning every namespace ``copies - 1`` times."""
    if out.exists():
        return
    tmp = out.with_suffix(".part")
    with tarfile.open(src_xz, "r:xz") as tin, tarfile.open(tmp, "w:gz", compresslevel=6) as tout:
        for m in tin:
            data = tin.extractfile(m).read() if m.isfile() else None  # type: ignore[union-attr]
            tout.addfile(m, io.BytesIO(data) if data is not None else None)
            match = NS.match(m.name)
            if copies <= 1 or not match:
                continue
            ns = match.group("ns")
            for i in range(1, copies):
                clone = f"{ns}-clone{i}"
                c = tarfile.TarInfo(f"{match.group('pre')}{clone}{match.group('post')}")
                c.mode, c.mtime, c.type = m.mode, m.mtime, m.type
                body = None
                if data is not None:
                    body = data.replace(f"namespace: {ns}\n".encode(),
                                        f"namespace: {clone}\n".encode())
                    c.size = len(body)
                tout.addfile(c, io.BytesIO(body) if body is not None else None)
    tmp.rename(out)


def tree_pss(pid: int) -> int:
    """Proportional set size in bytes of ``pid`` and its descendants.

    PSS splits each shared page between the processes that map it, so forked parser workers
    do not count the parent's pages again (a plain RSS sum would).
    """
    total = 0
    for p in tree_pids(pid):
        try:
            with open(f"/proc/{p}/smaps_rollup") as fh:
                total += next(int(line.split()[1]) * 1024 for line in fh
                              if line.startswith("Pss:"))
        except (OSError, StopIteration, ValueError):
            pass
    return total


def measure(cmd: list[str]) -> tuple[float, float, int, str]:
    """Run ``cmd``: (wall seconds, CPU seconds of its process tree, peak tree PSS MiB, stdout)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    wall, rss, out = run_sampled(cmd, memory=tree_pss, every=0.1)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, rss, out


NAIVE = """
import sys, tarfile, yaml
n = 0
with tarfile.open(sys.argv[1], "r|gz") as tf:
    for m in tf:
        if m.isfile() and m.name.endswith((".yaml", ".yml", ".json")):
            try:
                for d in yaml.load_all(tf.extractfile(m).read(), Loader=yaml.CSafeLoader):
                    n += 1
            except yaml.YAMLError:
                pass
print(n)
"""


def spread(values: list[float], fmt: Callable[[float], str] = "{:.2f}".format) -> str:
    """``min–max`` of repeated measurements (one value when they agree)."""
    lo, hi = fmt(min(values)), fmt(max(values))
    return lo if lo == hi else f"{lo}–{hi}"


def bench(bundle: Path, out_dir: Path, repeat: int) -> dict[str, list[float]]:
    """Measure one bundle ``repeat`` times: floor, ingest, analyze --db."""
    py = sys.executable
    rows: dict[str, list[float]] = {k: [] for k in
                                    ("floor", "ingest", "cpu", "rss", "objects", "analyze",
                                     "analyze_cpu")}
    db = out_dir / (bundle.name + ".duckdb")
    for _ in range(repeat):
        rows["floor"].append(measure(["sh", "-c", f"gzip -dc '{bundle}' > /dev/null"])[0])
        db.unlink(missing_ok=True)
        wall, cpu, rss, text = measure([py, "-m", "analyzer", "ingest", str(bundle), "--db",
                                        str(db)])
        found = re.search(r"([\d,]+) objects", text)
        if not found:
            raise SystemExit(f"ingest of {bundle} failed")
        rows["objects"].append(int(found.group(1).replace(",", "")))
        rows["ingest"].append(wall)
        rows["cpu"].append(cpu)
        rows["rss"].append(rss)
        wall, cpu, _, _ = measure([
            py, "-m", "analyzer", "analyze", "--db", str(db), "--source-version", "2.25.4",
            "-o", str(out_dir / "report"), "--format", "json"])
        rows["analyze"].append(wall)
        rows["analyze_cpu"].append(cpu)
    return rows


def main() -> None:
    """Build the bundles (cached in bench-out/) and print the scale table."""
    ap = argparse.ArgumentParser()
    ap.add_argument("--samples", type=Path, default=ROOT.parent / "shared" / "samples")
    ap.add_argument("--out", type=Path, default=ROOT / "bench-out")
    ap.add_argument("--scales", default="1,3,10,30", help="comma list of clone factors")
    ap.add_argument("--repeat", type=int, default=3, help="runs of every measurement")
    ap.add_argument("--no-naive", action="store_true", help="skip the naive PyYAML line")
    ap.add_argument("--fleet-bundles", type=int, default=40,
                    help="bundles for the fleet throughput table (0: skip it)")
    args = ap.parse_args()
    src = args.samples / "must-gather-aws.tar.xz"
    if not src.exists():
        raise SystemExit(f"{src} not found: pass --samples DIR")
    args.out.mkdir(exist_ok=True)
    # bytecode as an installed mgscan has: without it (PYTHONDONTWRITEBYTECODE=1) every run
    # would compile ~90 modules again (about 0.1 s of CPU per command)
    compileall.compile_dir(ROOT / "analyzer", quiet=1)
    scales = [int(s) for s in args.scales.split(",") if s.strip()]
    load = os.getloadavg()
    print(f"machine: {os.cpu_count()} cores, load average {load[0]:.2f} {load[1]:.2f} "
          f"{load[2]:.2f}; {args.repeat} runs each, shown min–max")
    print(f"\n{'bundle':<30} {'gzip -dc':>10} {'ingest s':>12} {'ratio':>11} {'objects/s':>15} "
          f"{'CPU s':>11} {'peak PSS MiB':>13} {'analyze --db s':>15} {'(CPU s)':>11}")
    for copies in scales:
        path = args.out / f"aws-x{copies}.tar.gz"
        repack(src, path, copies)
        r = bench(path, args.out, args.repeat)
        ratios = [i / f for i, f in zip(r["ingest"], r["floor"], strict=True)]
        rate = [o / i for o, i in zip(r["objects"], r["ingest"], strict=True)]
        label = (f"aws ×{copies} ({path.stat().st_size / 1e6:.0f} MB, "
                 f"{int(r['objects'][0]):,} obj)")
        print(f"{label:<30} {spread(r['floor']):>10} {spread(r['ingest']):>12} "
              f"{spread(ratios, '{:.1f}×'.format):>11} {spread(rate, '{:,.0f}'.format):>15} "
              f"{spread(r['cpu']):>11} {spread(r['rss'], '{:.0f}'.format):>13} "
              f"{spread(r['analyze']):>15} {spread(r['analyze_cpu']):>11}")
    print()
    for bundle, formats in ((SMALL, "html,json"), (QUICK, "json")):
        small = [measure([sys.executable, "-m", "analyzer", "analyze", str(bundle), "-o",
                          str(args.out / "report-small"), "--format", formats])
                 for _ in range(args.repeat)]
        print(f"analyze {bundle.name} (whole process, {formats}): "
              f"{spread([s[0] for s in small])} s wall, {spread([s[1] for s in small])} s CPU")
    if not args.no_naive:
        naive = args.out / f"aws-x{scales[0]}.tar.gz"
        secs = [measure([sys.executable, "-c", NAIVE, str(naive)])[0]]
        print(f"naive PyYAML loader on {naive.name} (reference): {spread(secs)} s")
    load = os.getloadavg()
    print(f"load average after: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}")
    if args.fleet_bundles:
        print()
        subprocess.run([sys.executable, str(ROOT / "scripts" / "bench_fleet.py"), "--out",
                        str(args.out), "--bundles", str(args.fleet_bundles)], check=True)


if __name__ == "__main__":
    main()
