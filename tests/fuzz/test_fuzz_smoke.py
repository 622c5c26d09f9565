"""A short fuzz run in CI: 200 seeded mutations always, plus libFuzzer when atheris is present."""

from __future__ import annotations

import base64
import importlib.util
import random
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

HERE = Path(__file__).resolve().parent


def _target() -> ModuleType:
    spec = importlib.util.spec_from_file_location("fuzz_reader", HERE / "fuzz_reader.py")
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def mutate(rnd: random.Random, data: bytes, other: bytes) -> bytes:
    buf = bytearray(data)
    for _ in range(rnd.randint(1, 8)):
        op = rnd.randrange(6)
        pos = rnd.randrange(len(buf) + 1)
        if op == 0 and buf:  # flip a byte
            buf[min(pos, len(buf) - 1)] ^= 1 << rnd.randrange(8)
        elif op == 1:  # insert random bytes
            buf[pos:pos] = bytes(rnd.randrange(256) for _ in range(rnd.randint(1, 16)))
        elif op == 2:  # delete a range
            del buf[pos:pos + rnd.randint(1, 64)]
        elif op == 3:  # truncate
            del buf[pos:]
        elif op == 4 and buf:  # duplicate a chunk
            end = min(len(buf), pos + rnd.randint(1, 256))
            buf[pos:pos] = buf[max(0, pos - 1):end]
        else:  # splice with another seed
            cut = rnd.randrange(len(other) + 1)
            buf[pos:] = other[cut:]
    return bytes(buf) or b"\x00"


def test_seeded_mutations_never_raise_unexpected_exceptions() -> None:
    target = _target()
    seeds = target.seeds()
    rnd = random.Random(0)
    for _ in range(200):
        data = mutate(rnd, rnd.choice(seeds), rnd.choice(seeds))
        target.test_one_input(data)  # any unexpected exception fails the test


def test_unmutated_seeds_are_read() -> None:
    target = _target()
    for seed in target.seeds():
        target.test_one_input(seed)


# Inputs that crashed the reader once (found by atheris), kept as regressions.
CRASHERS = [
    # zip declaring "version needed 10.5": zipfile raised NotImplementedError on open
    "UEsDBBQAAAAIADwKdl19IhfaRgAAAE4AAAAJAAAAbWcvYS55YW1sSyzIDEstKs7Mz7NSKDPkys7MS7FScM7PS8tM90"
    "0s4MpNLUlMSSxJtFKozkvMJrVSSNRRADGKCxKTgby8Wi6obDZQey0XAFBLAQIKa2luAAAIADwKdl19IhfaRgAAAE4A"
    "AAAJAAAAAAAAAAAAAACAAQAAAABtZy9hLnlhbWxQSwUGAAAAAAEAAQA3AAAAbQAAAAAA",
    # zip member with an empty name: ZipInfo.is_dir() raised IndexError
    "UEsDBBQAAAAIANkKdl19IhfaRgAAAE4AAAAJAAAAbWcvYS55YW1sSyzIh0stKs7Mz7NSKDPkys7MS7FScM7PS8tM90"
    "0s4MpNLUlMSSxJtFKozkvMTbVSSNRRADGKCxKTgby8Wi6obDZQey0XAFBLAQIUAxQAAAAIANkKdl19IhfaRgAAAE4A"
    "AAAJAAAAAAAAAEsFBgAAAAABAAEANwAAAG0AAABQSwUGAAAAAAEAAQA3AAAAbQAAAFsAAA==",
    # an anchored flow key on the PyYAML path gave a non-string key: orjson refused the object
    "YXBpVmVyc2lvbjogdjEKa2luZDogQ29uZmlnTWFwCm1ldJWbYXRhOiB7bmFtZTogYSwmbmFtZXNwYWNlOiBufQpk"
    "YXRhOiB7azogdn0K",
]


@pytest.mark.parametrize("blob", CRASHERS)
def test_former_crashers(blob: str) -> None:
    _target().test_one_input(base64.b64decode(blob))


def test_libfuzzer_short_run(tmp_path: Path) -> None:
    pytest.importorskip("atheris")
    proc = subprocess.run(
        [sys.executable, str(HERE / "fuzz_reader.py"), "-runs=2000", "-max_total_time=15",
         f"-artifact_prefix={tmp_path}/"],
        cwd=tmp_path, capture_output=True, text=True, timeout=600, check=False)
    crashes = sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(("crash-", "oom-",
                                                                                "timeout-")))
    assert proc.returncode == 0 and crashes == [], proc.stderr[-3000:]
