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


def test_log_tail_is_skipped_to_not_read() -> None:
    """A log in a tar is indexed from its head and tail; the result equals a full read."""
    from analyzer.bundle.entries import GuardedStream
    from analyzer.ingest.classify import scan_log

    lines = [f"2026-11-0{1 + i % 9}T10:00:{i % 60:02d}Z line {i} ".encode() + b"x" * 90 + b"\n"
             for i in range(3000)]
    body = b"\n" * 10 + b"".join(lines) + b"trailing text without a time\n"
    logs = (("a/current.log", body), ("a/short.log", lines[0]), ("a/e.log", b""))
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w", format=tarfile.GNU_FORMAT) as tf:
        for name, data in logs:
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tf.addfile(info, io.BytesIO(data))

    class Unseekable(io.BytesIO):
        def seekable(self) -> bool:
            return False

    ts = TarStream(io.BytesIO(buf.getvalue()))
    got = {}
    for m in ts:
        got[m.name] = scan_log(GuardedStream(ts.extractfile(m)), gz=False)  # type: ignore[arg-type]
    want = {name: scan_log(Unseekable(data), gz=False) for name, data in logs}
    assert got == want
    assert want["a/current.log"][0] == len(body) and want["a/current.log"][1] is not None


def test_log_cut_short_in_the_skipped_middle_raises() -> None:
    from analyzer.bundle.entries import GuardedStream
    from analyzer.ingest.classify import scan_log

    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w", format=tarfile.GNU_FORMAT) as tf:
        info = tarfile.TarInfo("a/current.log")
        info.size = 500_000
        tf.addfile(info, io.BytesIO(b"y" * 500_000))
    ts = TarStream(io.BytesIO(buf.getvalue()[:200_000]))
    member = next(iter(ts))
    with pytest.raises(OSError, match="archive ends inside a member"):
        scan_log(GuardedStream(ts.extractfile(member)), gz=False)  # type: ignore[arg-type]


@pytest.mark.parametrize("cut", [False, True])
def test_prefetch_hands_over_the_same_bytes_and_error(cut: bool) -> None:
    """The inflate thread yields what the reader yields, then the same error, every time."""
    import gzip

    from analyzer.bundle.decompress import DecompressReader, Prefetch

    plain = b"".join(b"%d line of a log\n" % i for i in range(400_000))
    packed = gzip.compress(plain, compresslevel=1)
    if cut:
        packed = packed[:len(packed) // 2]

    def drain(reader: DecompressReader | Prefetch) -> tuple[bytes, str | None]:
        out = []
        try:
            while data := reader.read_chunk():
                out.append(data)
        except EOFError as exc:
            with pytest.raises(EOFError):
                reader.read_chunk()  # raised again, as the reader does
            return b"".join(out), str(exc)
        assert reader.read_chunk() == b""
        return b"".join(out), None

    direct = drain(DecompressReader(io.BytesIO(packed), "gz"))
    raw = io.BytesIO(packed)
    ahead = Prefetch(DecompressReader(raw, "gz"), raw.tell, depth=2)
    try:
        threaded = drain(ahead)
        assert ahead.compressed == len(packed)
    finally:
        ahead.close()
    assert threaded == direct
    assert (direct[1] is not None) == cut
    assert plain.startswith(direct[0]) and len(direct[0]) > (len(plain) // 4 if cut else
                                                            len(plain) - 1)
