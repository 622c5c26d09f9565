"""Property fuzzing of tar extended headers (pax ``x``/``g``, GNU ``L``/``K``).

Whatever a header declares or holds, the streaming reader either yields members or raises its own
``tarfile.ReadError`` subclasses (corrupt, truncated, limit); it never buffers more than
``MAX_EXTENDED`` bytes of a header, never yields a negative size, and its pax parse keeps only
the keys it uses.
"""

from __future__ import annotations

import io
import runpy
import tarfile
from pathlib import Path
from types import SimpleNamespace

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analyzer.bundle.tarstream import MAX_EXTENDED, PAX_KEYS, TarStream, _pax

GEN = SimpleNamespace(**runpy.run_path(
    str(Path(__file__).resolve().parents[2] / "scripts" / "make_hostile_corpus.py")))


def _header(name: bytes, size_field: bytes, flag: bytes) -> bytes:
    raw = size_field[:12].ljust(12, b"\0")
    return GEN.tar_header(name.decode("latin-1"), 0, flag, raw_size=raw)


def _member(name: bytes, body: bytes, flag: bytes = b"0") -> bytes:
    return GEN.tar_member(name.decode("latin-1"), body, flag)


records = st.lists(st.tuples(st.sampled_from(["path", "linkpath", "size", "comment", "k", ""]),
                             st.text(max_size=40)), max_size=20)
sizes = st.one_of(
    st.integers(0, 2**33).map(lambda n: b"%011o\0" % n if n < 8**11 else b"\x80" + n.to_bytes(
        11, "big")),
    st.binary(min_size=12, max_size=12),
    st.sampled_from([b"\xff" * 12, b"-0000000010\0", b"77777777777\0", b" 12 \0"]))


def _pax_body(items: list[tuple[str, str]], garble: bytes) -> bytes:
    out = b""
    for key, value in items:
        rec = f" {key}={value}\n".encode()
        n = len(rec) + 1
        while len(str(n)) + len(rec) != n:
            n += 1
        out += str(n).encode() + rec
    return out + garble


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(flag=st.sampled_from([b"x", b"g", b"L", b"K"]), items=records,
       garble=st.binary(max_size=64), size_field=st.one_of(st.none(), sizes),
       tail=st.binary(max_size=2048))
def test_extended_headers_are_bounded(flag: bytes, items: list[tuple[str, str]], garble: bytes,
                                      size_field: bytes | None, tail: bytes) -> None:
    body = _pax_body(items, garble)
    if size_field is None:
        ext = _member(b"././@Ext", body, flag)
    else:
        ext = _header(b"././@Ext", size_field, flag) + body + bytes(-len(body) % 512)
    data = _member(b"mg/ok.yaml", b"a: 1\n") + ext + _member(b"mg/b.yaml", b"b: 2\n") + tail
    stream = TarStream(io.BytesIO(data))
    try:
        for member in stream:
            assert member.size >= 0
            assert member.size <= 2**64
            assert len(member.name) <= MAX_EXTENDED + 512
    except tarfile.ReadError:
        pass  # TarCorrupt / TarTruncated / TarLimit: reported as one ingest error


@settings(max_examples=300, deadline=None)
@given(data=st.binary(max_size=4096))
def test_pax_parse_keeps_only_used_keys(data: bytes) -> None:
    try:
        parsed = _pax(data)
    except tarfile.ReadError:
        return
    assert set(parsed) <= set(PAX_KEYS)
