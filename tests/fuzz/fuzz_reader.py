"""Fuzz target for the bundle reader and the YAML/JSON parser (atheris / libFuzzer).

Run: ``python tests/fuzz/fuzz_reader.py -max_total_time=600`` (``make fuzz``). Without corpus
directories on the command line a small seed corpus (tar, tar.gz, zip, YAML, JSON) is generated
in a temporary directory. ``test_one_input`` is also imported by ``test_fuzz_smoke.py``.

The target writes the fuzzed bytes to a temporary file, opens it with ``open_input``, reads every
member and parses structured members with ``parse_documents`` + ``build_records``. Expected,
handled outcomes: ``BadInputError`` (unrecognisable input), ``LimitExceeded``/``OSError``/
``EOFError`` from a member read, ``ParseError`` from the parser. Anything else is a bug.
"""

from __future__ import annotations

import atexit
import contextlib
import gzip
import io
import shutil
import sys
import tarfile
import tempfile
import zipfile
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))


def _instrumented() -> Any:
    """Instrument only mgscan's own modules (instrumenting pyarrow/duckdb takes minutes)."""
    if __name__ != "__main__":
        return contextlib.nullcontext()
    import atheris

    return atheris.instrument_imports(include=["analyzer", "tarfile", "zipfile", "yaml"])


with _instrumented():
    from analyzer.bundle import open_input
    from analyzer.errors import BadInputError, LimitExceeded
    from analyzer.ingest.records import build_records
    from analyzer.ingest.yaml12 import ParseError, parse_documents
    from analyzer.limits import Limits

NAMES = ["input", "input.tar.gz-00", "input.partaa", "input.yaml"]
LIMITS = Limits(max_file_size=512 * 1024, max_total_size=8 * 1024 * 1024, max_ratio=50,
                ratio_floor=1024 * 1024)
_DIR = Path(tempfile.mkdtemp(prefix="mgscan-fuzz-"))
atexit.register(shutil.rmtree, _DIR, ignore_errors=True)


def test_one_input(data: bytes) -> None:
    """Exercise reader + parser on ``data``; raise only on an unexpected exception."""
    for old in _DIR.iterdir():
        old.unlink()
    path = _DIR / NAMES[data[0] % len(NAMES)] if data else _DIR / "input"
    path.write_bytes(data)
    _parse(data)
    try:
        src = open_input(path, limits=LIMITS)
    except BadInputError:
        return
    with src:
        for entry in src.entries():
            if entry.type != "file":
                continue
            try:
                body = entry.read(LIMITS.max_file_size)
            except (LimitExceeded, OSError, EOFError):
                continue
            if entry.path.endswith((".yaml", ".yml", ".json")) or src.info.format in (
                    "yaml", "json"):
                _parse(body)


def _parse(body: bytes) -> None:
    try:
        docs, _ = parse_documents(body, max_depth=LIMITS.max_depth, max_docs=LIMITS.max_docs)
    except ParseError:
        return
    build_records(docs, "fuzz.yaml", 0)


def seeds() -> list[bytes]:
    """A small seed corpus covering every reader."""
    cm = b"apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a, namespace: n}\ndata: {k: v}\n"
    tar = io.BytesIO()
    with tarfile.open(fileobj=tar, mode="w") as tf:
        for name, body in (("mg/namespaces/n/core/configmaps/a.yaml", cm),
                           ("mg/namespaces/n/pods/p/c/c/logs/current.log",
                            b"2026-01-01T00:00:00Z x\n"), ("mg/version", b"x/y\n1.0\n")):
            ti = tarfile.TarInfo(name)
            ti.size = len(body)
            tf.addfile(ti, io.BytesIO(body))
    zipped = io.BytesIO()
    with zipfile.ZipFile(zipped, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("mg/a.yaml", cm)
    return [
        cm, b"---\n" + cm + b"---\n" + cm, b'{"apiVersion":"v1","kind":"List","items":[]}',
        b"a: &x [1]\nb: *x\n", tar.getvalue(), gzip.compress(tar.getvalue(), mtime=0),
        zipped.getvalue(),
        b"apiVersion: v1\nkind: SecretList\nitems:\n- metadata: {name: s}\n  data: {k: aGk=}\n",
    ]


def main(argv: list[str]) -> None:
    """Run libFuzzer through atheris (``pip install atheris``)."""
    import atheris

    if not any(not a.startswith("-") for a in argv[1:]):
        corpus = Path(tempfile.mkdtemp(prefix="mgscan-fuzz-corpus-"))
        atexit.register(shutil.rmtree, corpus, ignore_errors=True)
        for i, seed in enumerate(seeds()):
            (corpus / f"seed{i}").write_bytes(seed)
        argv = [*argv, str(corpus)]
    atheris.Setup(argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main(sys.argv)
