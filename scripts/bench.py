"""Ingest benchmark (`make bench`): speed and memory on the real aws sample and its x10 clone.

Prints, for each bundle: the `gzip -dc` floor, mgscan ingest seconds, the ratio to the floor,
objects/s, peak RSS of the ingest process, the time of a naive PyYAML loader on the same bundle,
and the time of a second `mgscan analyze --db` that reuses the ingested database.
"""

from __future__ import annotations

import argparse
import io
import os
import re
import resource
import subprocess
import sys
import tarfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NS = re.compile(r"^(?P<pre>.*?/namespaces/)(?P<ns>[^/]+)(?P<post>/.*)$")


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


def timed(cmd: list[str]) -> tuple[float, int, str]:
    """Run ``cmd``; return (seconds, peak RSS of that child in MiB, stdout)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    t = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True, check=False)
    dt = time.perf_counter() - t
    if proc.returncode not in (0, 1, 2, 3):
        sys.stderr.write(proc.stderr)
        raise SystemExit(f"failed: {' '.join(cmd)}")
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return dt, max(peak, before) // 1024, proc.stdout


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


def bench(bundle: Path, out_dir: Path, naive: bool) -> dict[str, float]:
    """Measure one bundle."""
    py = sys.executable
    floor, _, _ = timed(["sh", "-c", f"gzip -dc '{bundle}' > /dev/null"])
    db = out_dir / (bundle.name + ".duckdb")
    db.unlink(missing_ok=True)
    ingest_s, rss, text = timed([py, "-m", "analyzer", "ingest", str(bundle), "--db", str(db)])
    objects = int(re.search(r"([\d,]+) objects", text).group(1).replace(",", ""))  # type: ignore[union-attr]
    again_s, _, _ = timed([py, "-m", "analyzer", "analyze", "--db", str(db), "--source-version",
                           "2.25.4", "-o", str(out_dir / "report"), "--format", "json"])
    row = {"floor_s": floor, "ingest_s": ingest_s, "ratio": ingest_s / floor,
           "objects": objects, "objects_per_s": objects / ingest_s, "peak_rss_mib": rss,
           "analyze_db_s": again_s}
    if naive:
        row["pyyaml_s"], _, _ = timed([py, "-c", NAIVE, str(bundle)])
    return row


def main() -> None:
    """Build the bundles (cached in bench-out/) and print the measurements."""
    ap = argparse.ArgumentParser()
    ap.add_argument("--samples", type=Path, default=ROOT.parent / "shared" / "samples")
    ap.add_argument("--out", type=Path, default=ROOT / "bench-out")
    ap.add_argument("--copies", type=int, default=10)
    ap.add_argument("--no-naive", action="store_true")
    ap.add_argument("--fleet-bundles", type=int, default=40,
                    help="bundles for the fleet throughput table (0: skip it)")
    args = ap.parse_args()
    src = args.samples / "must-gather-aws.tar.xz"
    if not src.exists():
        raise SystemExit(f"{src} not found: pass --samples DIR")
    args.out.mkdir(exist_ok=True)
    bundles = [(args.out / "aws-x1.tar.gz", 1), (args.out / f"aws-x{args.copies}.tar.gz",
                                                  args.copies)]
    print(f"machine: {os.cpu_count()} cores")
    for path, copies in bundles:
        repack(src, path, copies)
        size = path.stat().st_size / 1e6
        r = bench(path, args.out, naive=not args.no_naive)
        print(f"\n{path.name} ({size:.0f} MB .tar.gz, {r['objects']:,} objects)")
        print(f"  gzip -dc floor      {r['floor_s']:7.2f} s")
        print(f"  mgscan ingest       {r['ingest_s']:7.2f} s   ratio {r['ratio']:.2f}x   "
              f"{r['objects_per_s']:,.0f} objects/s   peak RSS {r['peak_rss_mib']} MiB")
        if "pyyaml_s" in r:
            print(f"  naive PyYAML loader {r['pyyaml_s']:7.2f} s   "
                  f"({r['pyyaml_s'] / r['ingest_s']:.1f}x mgscan)")
        print(f"  analyze --db reuse  {r['analyze_db_s']:7.2f} s")
    if args.fleet_bundles:
        print()
        subprocess.run([sys.executable, str(ROOT / "scripts" / "bench_fleet.py"), "--out",
                        str(args.out), "--bundles", str(args.fleet_bundles)], check=True)


if __name__ == "__main__":
    main()
