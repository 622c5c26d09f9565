"""Bounded cost under a hard memory cap: bombs end with a ``limit``/error row, never a crash.

Each input runs in a subprocess under ``prlimit --as`` (address space, so a MemoryError or a
kill is what an unbounded buffer would get) and a timeout; the README promises this bound.
"""

from __future__ import annotations

import json
import os
import runpy
import shutil
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest

ROOT = Path(__file__).resolve().parents[2]
GEN = SimpleNamespace(**runpy.run_path(str(ROOT / "scripts" / "make_hostile_corpus.py")))

CAP = 2048 * 1024 * 1024  # address space: interpreter, DuckDB, Arrow and thread stacks take ~1 GiB
# glibc reserves 64 MiB of address space per thread arena (DuckDB's threads, the writer and the
# inflate thread each get one): address space, not memory. Without a bound the reservations
# alone reached 2.0-2.1 GiB of VmPeak here at 160 MiB of RSS, so the cap measured arenas, not
# buffers. Two arenas keep the baseline near 1.4 GiB: a buffered bomb still meets the cap.
ARENAS = {"MALLOC_ARENA_MAX": "2"}
MiB = 1024 * 1024
CHILD = """
import json, sys, duckdb
from analyzer.ingest import ingest_paths
con = duckdb.connect(config={"threads": 1, "memory_limit": "512MB"})  # a fixed footprint
ingest_paths([sys.argv[1]], con, workers=1)
print(json.dumps([e for (e,) in con.execute("select error from ingest_errors").fetchall()]))
"""


def _inputs(base: Path) -> dict[str, tuple[Path, str]]:
    ok = GEN.configmap("witness")
    witness = GEN.tar_member("mg/ok.yaml", ok)
    end = bytes(1024)
    cases: dict[str, tuple[bytes, str]] = {
        "pax_bomb.tar.gz": (GEN.gz_parts([witness, GEN.tar_header("././@Ext", 600 * MiB, b"x"),
                                          600 * MiB, end]), "limit: extended header"),
        "longname_bomb.tar.gz": (GEN.gz_parts([witness, GEN.tar_header("././@L", 600 * MiB,
                                                                       b"L"), 600 * MiB, end]),
                                 "limit: extended header"),
        "global_cpu.tar.gz": (GEN.gz(GEN.tar_member("././@PaxHeader", GEN.pax_records(
            [(f"k{i:06d}", "v") for i in range(60_000)]), b"g") + b"".join(
            GEN.tar_member(f"mg/f{i}.log", b"x\n") for i in range(20_000)) + witness + end),
            ""),
        "deep/mg/namespaces/h/core/configmaps.yaml": (
            (b"- " + b"[" * 999 + b"]" * 999 + b"\n") * 3000, "nesting deeper"),
    }
    out = {}
    for name, (body, want) in cases.items():
        path = base / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(body)
        top = base / name.split("/")[0]  # a directory input for the YAML case
        out[name] = (top, want)
    return out


@pytest.mark.skipif(not shutil.which("prlimit"), reason="prlimit (util-linux) not installed")
def test_bombs_stay_within_a_memory_cap(tmp_path: Path) -> None:
    for name, (path, want) in _inputs(tmp_path).items():
        proc = subprocess.run(["prlimit", f"--as={CAP}", sys.executable, "-c", CHILD, str(path)],
                              capture_output=True, text=True, timeout=300,
                              env={**os.environ, **ARENAS})
        assert "Traceback" not in proc.stderr and proc.returncode == 0, (name, proc.stderr[-800:])
        errors = json.loads(proc.stdout.strip().splitlines()[-1])
        assert not any("MemoryError" in e for e in errors), (name, errors)
        if want:
            assert any(want in e for e in errors), (name, errors)
        else:
            assert errors == [], (name, errors)
