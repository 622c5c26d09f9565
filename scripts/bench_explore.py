"""Explore benchmark (part of `make bench`): `get` and `logs` on the aws x10 bundle after `use`.

Target: each answer in under 1 s (whole process), read from the cache that `mgscan use`
built, with the log read from the .tar.gz in place through its seek-point index.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench import ROOT, repack  # noqa: E402


def _run(args: list[str], env: dict[str, str]) -> tuple[float, bytes]:
    t = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "analyzer", *args], env=env,
                          capture_output=True, check=False)
    dt = time.perf_counter() - t
    if proc.returncode != 0:
        raise SystemExit(f"mgscan {' '.join(args)} failed: {proc.stderr.decode()[:300]}")
    return dt, proc.stdout


def main() -> None:
    """Build (or reuse) the x10 bundle, `use` it, then time get and logs."""
    ap = argparse.ArgumentParser()
    ap.add_argument("--samples", type=Path, default=ROOT.parent / "shared" / "samples")
    ap.add_argument("--out", type=Path, default=ROOT / "bench-out")
    ap.add_argument("--copies", type=int, default=10)
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args()
    args.out.mkdir(exist_ok=True)
    bundle = args.out / f"aws-x{args.copies}.tar.gz"
    repack(args.samples / "must-gather-aws.tar.xz", bundle, args.copies)
    env = {**os.environ, "MGSCAN_CACHE_DIR": str(args.out / "explore-cache")}
    use_s, _ = _run(["use", str(bundle)], env)
    _, pods = _run(["query", "--db", _db(env), "--format", "csv",
                    "select namespace, pod, container, bytes from logs where log_type = "
                    "'current' order by bytes desc limit 1"], env)
    ns, pod, container, size = pods.decode().splitlines()[1].split(",")
    cases = {
        "get pods -A": ["get", "pods", "-A"],
        f"get pod {pod[:24]}… -o yaml": ["get", "pod", pod, "-n", ns, "-o", "yaml"],
        f"logs ({int(size):,} bytes)": ["logs", pod, "-c", container, "-n", ns],
        "logs --tail 100": ["logs", pod, "-c", container, "-n", ns, "--tail", "100"],
    }
    print(f"\nexplore on {bundle.name} ({bundle.stat().st_size / 1e6:.0f} MB): use (ingest + log "
          f"index, once) {use_s:.2f} s")
    for label, cmd in cases.items():
        times = [_run(cmd, env)[0] for _ in range(args.runs)]
        print(f"  {label:<40} median {statistics.median(times):5.2f} s   "
              f"min {min(times):5.2f} s   max {max(times):5.2f} s")


def _db(env: dict[str, str]) -> str:
    import json

    current = Path(env["MGSCAN_CACHE_DIR"]) / "current.json"
    return str(json.loads(current.read_text())["db"])


if __name__ == "__main__":
    main()
