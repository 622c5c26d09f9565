"""scripts/bench_fleet.py's ``run``: the wall time is the command's, not the sampler's."""

from __future__ import annotations

import sys
import time
from pathlib import Path

SCRIPTS = Path(__file__).resolve().parents[1] / "scripts"


def test_a_slow_sampler_adds_nothing_to_the_measured_time() -> None:
    sys.path.insert(0, str(SCRIPTS))
    try:
        from bench_fleet import run
    finally:
        sys.path.remove(str(SCRIPTS))
    start = time.perf_counter()
    seconds, _, out = run([sys.executable, "-c", "print('done')"], every=60.0)
    # The sampler sleeps 60 s between samples: before, both the result and the return waited
    # for that sleep to end.
    assert out == "done\n"
    assert seconds < 30 and time.perf_counter() - start < 30
