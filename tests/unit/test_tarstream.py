"""The fast tar reader agrees with tarfile on every header format and fails loudly on damage."""

from __future__ import annotations

import io
import tarfile

import pytest

from analyzer.bundle.tarstream import TarCorrupt, TarStream, TarTruncated


def _archive(fmt: int) -> bytes:
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w", format=fmt) as tf:
        def add(name: str, data: bytes | None = None, kind: bytes = tarfile.REGTYPE,
                link: str = "") -> None:
            info = tarfile.TarInfo(name)
            info.type = kind
            info.linkname = link
            info.size = len(data) if data is not None else 0
            tf.addfile(info, io.BytesIO(data) if data is not None else None)

        add("top", kind=tarfile.DIRTYPE)
        add("top/a.yaml", b"---\nkind: Pod\n")
        add("top/empty.log", b"")
        add("top/" + "long-directory-name/" * 8 + "deep.yaml", b"x" * 1500)
        add("top/caf\u00e9-\u2603.yaml", b"unicode")
        add("top/link", kind=tarfile.SYMTYPE, link="../../etc/passwd")
        add("top/hard", kind=tarfile.LNKTYPE, link="top/a.yaml")
        add("top/big.bin", bytes(range(256)) * 300)
    return buf.getvalue()


def _read_tarfile(data: bytes) -> list[tuple[str, int, bool, bytes]]:
    out = []
    with tarfile.open(fileobj=io.BytesIO(data), mode="r|") as tf:
        for m in tf:
            body = tf.extractfile(m).read() if m.isfile() else b""  # type: ignore[union-attr]
            out.append((m.name, m.size if m.isfile() else 0, m.isfile(), body))
    return out


def _read_fast(data: bytes) -> list[tuple[str, int, bool, bytes]]:
    ts = TarStream(io.BytesIO(data))
    return [(m.name, m.size, m.isfile(), ts.extractfile(m).read() if m.isfile() else b"")
            for m in ts]


@pytest.mark.parametrize("fmt", [tarfile.USTAR_FORMAT, tarfile.GNU_FORMAT, tarfile.PAX_FORMAT])
def test_matches_tarfile(fmt: int) -> None:
    data = _archive(fmt)
    assert _read_fast(data) == _read_tarfile(data)


def test_unread_bodies_are_skipped() -> None:
    data = _archive(tarfile.GNU_FORMAT)
    names = [m.name for m in TarStream(io.BytesIO(data))]
    assert names[-1] == "top/big.bin" and len(names) == 8


def test_links_keep_targets_and_have_no_body() -> None:
    members = {m.name: m for m in TarStream(io.BytesIO(_archive(tarfile.PAX_FORMAT)))}
    assert members["top/link"].issym() and members["top/link"].linkname == "../../etc/passwd"
    assert members["top/hard"].islnk() and members["top/hard"].size == 0


def test_corrupt_header_raises() -> None:
    data = bytearray(_archive(tarfile.GNU_FORMAT))
    second = 512 * 3  # dir header, file header, file body, then this header
    data[second + 10] ^= 0xFF
    with pytest.raises(TarCorrupt):
        list(TarStream(io.BytesIO(bytes(data))))


@pytest.mark.parametrize("cut", [100, 700, 2000])
def test_truncation_raises(cut: int) -> None:
    data = _archive(tarfile.GNU_FORMAT)[:cut]
    ts = TarStream(io.BytesIO(data))
    with pytest.raises(TarTruncated):
        for m in ts:
            if m.isfile():
                ts.extractfile(m).read()


@pytest.mark.slow
@pytest.mark.parametrize("name", ["aws", "metal"])
def test_matches_tarfile_on_real_bundles(name: str) -> None:
    import hashlib
    import lzma
    from pathlib import Path

    path = Path(__file__).resolve().parents[3] / "shared" / "samples" / f"must-gather-{name}.tar.xz"
    if not path.exists():
        pytest.skip("shared samples not present")
    data = lzma.decompress(path.read_bytes())
    digest = [(n, s, f, hashlib.sha256(b).hexdigest()) for n, s, f, b in _read_tarfile(data)]
    fast = [(n, s, f, hashlib.sha256(b).hexdigest()) for n, s, f, b in _read_fast(data)]
    assert fast == digest and len(fast) > 3000
