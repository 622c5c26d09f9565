"""Archives built by the reference tools are read entirely (issue: never lose data).

gzip with every header field (FTEXT, FHCRC, FEXTRA crossing ISA-L's 32 KiB input block, FNAME,
FCOMMENT), multi-member gzip, xz streams with the padding the format allows, multi-stream bzip2,
and the same built by the command-line tools when they are installed. Each must yield the same
files as the plain tar, with no error.
"""

from __future__ import annotations

import bz2
import gzip
import io
import lzma
import runpy
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path
from types import SimpleNamespace

import pytest

from analyzer.app import now_utc
from analyzer.bundle import open_input
from analyzer.bundle.split import split_parts
from analyzer.errors import BadInputError, UsageError

ROOT = Path(__file__).resolve().parents[2]
GEN = SimpleNamespace(**runpy.run_path(str(ROOT / "scripts" / "make_hostile_corpus.py")))

TREE = {f"mg/namespaces/ns{i % 7}/core/configmaps/c{i}.yaml": GEN.configmap(
    f"c{i}", payload=GEN.noise(i, 2000)) for i in range(40)}
TAR = GEN.tar_bytes(sorted(TREE.items()))
HALF = len(TAR) // 2


def _py_gzip_all_options(data: bytes) -> bytes:
    out = io.BytesIO()
    with gzip.GzipFile(filename="bundle.tar", mode="wb", fileobj=out, mtime=1,
                       compresslevel=9) as gz:
        gz.write(data)
    return out.getvalue()


BUILDERS: dict[str, tuple[str, Callable[[bytes], bytes]]] = {
    "gzip_all_header_fields": ("b.tar.gz", lambda t: GEN.gzip_all_header_fields(t)),
    "gzip_extra_65k": ("b.tar.gz", lambda t: GEN.gzip_all_header_fields(t, 65_000)),
    "gzip_python_fname_mtime": ("b.tar.gz", _py_gzip_all_options),
    "gzip_multimember": ("b.tar.gz", lambda t: gzip.compress(t[:HALF], mtime=0)
                         + gzip.compress(t[HALF:], mtime=0)),
    "gzip_multimember_fields": ("b.tar.gz", lambda t: GEN.gzip_all_header_fields(t[:HALF], 40_000)
                                + GEN.gzip_all_header_fields(t[HALF:], 33_000)),
    "xz_two_streams_padded": ("b.tar.xz", lambda t: lzma.compress(t[:HALF]) + bytes(8)
                              + lzma.compress(t[HALF:]) + bytes(4)),
    "bz2_two_streams": ("b.tar.bz2", lambda t: bz2.compress(t[:HALF]) + bz2.compress(t[HALF:])),
}


def file_entries(path: Path) -> dict[str, bytes]:
    with open_input(path) as src:
        out = {e.path: e.read(1 << 20) for e in src.entries() if e.type == "file"}
        assert src.errors == []
        return out


@pytest.mark.parametrize("name", sorted(BUILDERS))
def test_archives_the_reference_tools_accept_are_read_entirely(tmp_path: Path, name: str) -> None:
    filename, build = BUILDERS[name]
    path = tmp_path / filename
    path.write_bytes(build(TAR))
    assert file_entries(path) == {k: v for k, v in TREE.items()}


TOOLS = {
    "gzip": (["gzip", "-9", "-N", "-c"], "b.tar.gz"),
    "xz": (["xz", "-c", "--check=sha256"], "b.tar.xz"),
    "bzip2": (["bzip2", "-c"], "b.tar.bz2"),
}


@pytest.mark.parametrize("tool", sorted(TOOLS))
def test_command_line_tools_multi_stream(tmp_path: Path, tool: str) -> None:
    if not shutil.which(tool):
        pytest.skip(f"{tool} not installed")
    argv, filename = TOOLS[tool]
    halves = []
    for i, part in enumerate((TAR[:HALF], TAR[HALF:])):
        src = tmp_path / f"part{i}"
        src.write_bytes(part)
        halves.append(subprocess.run([*argv, str(src)], check=True, capture_output=True).stdout)
    path = tmp_path / filename
    path.write_bytes(halves[0] + (bytes(4) if tool == "xz" else b"") + halves[1])
    subprocess.run([tool, "-t", str(path)], check=True)  # the reference tool accepts it
    assert file_entries(path) == {k: v for k, v in TREE.items()}


def test_split_set_repeating_a_part_names_it(tmp_path: Path) -> None:
    for name in ("b.tar.gz-00", "b.tar.gz-01", "b.tar.gz.01", "b.tar.gz-02"):
        (tmp_path / name).write_bytes(b"x")
    with pytest.raises(BadInputError,
                       match=r"part 01 appears twice .*b\.tar\.gz-01, b\.tar\.gz\.01"):
        split_parts(tmp_path / "b.tar.gz-00")


@pytest.mark.parametrize("epoch", ["99999999999999999999", "253402300800", "9" * 5000])
def test_out_of_range_source_date_epoch_is_a_usage_error(monkeypatch: pytest.MonkeyPatch,
                                                         epoch: str) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch)
    with pytest.raises(UsageError, match="SOURCE_DATE_EPOCH"):
        now_utc()
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "253402300799")
    assert now_utc().year == 9999
