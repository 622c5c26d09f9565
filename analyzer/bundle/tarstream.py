"""A small, fast, streaming tar reader (ustar, GNU long names, pax headers).

Python's ``tarfile`` in stream mode costs ~150 µs of header handling per member, which
dominates the ingest of real bundles (tens of thousands of members). This reader parses the
512-byte headers with slicing and keeps the same member API the bundle layer uses (``name``,
``size``, ``linkname``, ``isfile()``/``isdir()``/``issym()``/``islnk()``, ``extractfile``).
Corrupt headers raise :class:`TarCorrupt`; a short read raises :class:`TarTruncated`; an
extended header (pax ``x``/``g``, GNU ``L``/``K``) over :data:`MAX_EXTENDED` raises
:class:`TarLimit`, so a header declaring gigabytes is never buffered. Only the pax keys the reader
uses are kept (a global header of 60,000 records costs one parse, not one copy per member), and
every size must be a non-negative decimal (a negative size could otherwise slip past the limits).
"""

from __future__ import annotations

import re
import tarfile
from collections.abc import Iterator
from typing import IO
from zlib import adler32

BLOCK = 512
ZERO_BLOCK = b"\0" * BLOCK
REGULAR = (b"0", b"\0", b"7")
NO_DATA = (b"1", b"2", b"3", b"4", b"5", b"6")  # links, devices, dirs, fifos carry no body
MAX_EXTENDED = 1 << 20  # bytes of one pax or GNU long-name header (real ones are < 10 kB)
PAX_KEYS = ("path", "linkpath", "size")  # the only pax records this reader uses
_PAX_NAMES = {key.encode(): key for key in PAX_KEYS}
_DECIMAL = re.compile(rb"[0-9]{1,20}")


class TarCorrupt(tarfile.ReadError):
    """A header failed its checksum or holds an unreadable field."""


class TarTruncated(tarfile.ReadError):
    """The stream ended inside a header or a member body."""


class TarLimit(TarCorrupt):
    """An extended header is larger than :data:`MAX_EXTENDED` (never buffered)."""


class TarMember:
    """One member header."""

    __slots__ = ("linkname", "name", "size", "type")

    def __init__(self, name: str, size: int, type_: bytes, linkname: str) -> None:
        self.name = name
        self.size = size
        self.type = type_
        self.linkname = linkname

    def isfile(self) -> bool:
        """Regular file (also contiguous files and old NUL-typed entries)."""
        return self.type in REGULAR

    def isdir(self) -> bool:
        """Directory."""
        return self.type == b"5"

    def issym(self) -> bool:
        """Symbolic link."""
        return self.type == b"2"

    def islnk(self) -> bool:
        """Hard link."""
        return self.type == b"1"


def _cstr(field: bytes) -> bytes:
    end = field.find(b"\0")
    return field if end < 0 else field[:end]


def _number(field: bytes) -> int:
    if field[:1] and field[0] & 0x80:  # GNU base-256 (0xff first: a negative number)
        if field[0] & 0x40:
            raise TarCorrupt("negative number field")
        value = field[0] & 0x3F
        for byte in field[1:]:
            value = (value << 8) | byte
        return value
    text = field.split(b"\0", 1)[0].strip()
    if not text:
        return 0
    if text.strip(b"01234567"):  # int() would also take a sign, '_' or '0o'
        raise TarCorrupt(f"invalid number field {field!r}")
    return int(text, 8)


def _checksum_ok(block: bytes) -> bool:
    field = block[148:156]
    try:
        # The usual field is six octal digits, NUL, space; anything else takes _number.
        stored = (int(field[:6], 8) if field[6:] == b"\0 " and field[:6].isdigit()
                  else _number(field))
    except (TarCorrupt, ValueError):  # int() refuses the digits 8 and 9
        return False
    # The unsigned sum at C speed: the low half of an Adler-32 is 1 + the byte sum mod 65521,
    # exact for 256 bytes (at most 65,280). The checksum field itself counts as 8 spaces.
    unsigned = ((adler32(block[:256]) & 0xFFFF) + (adler32(block[256:]) & 0xFFFF) - 2
                - sum(field) + 256)
    if stored == unsigned:
        return True
    signed = sum(b - 256 if b > 127 else b for b in block[:148] + block[156:]) + 256
    return stored == signed


def _size(block: bytes) -> int:
    """The size field: eleven octal digits and a NUL or space (the usual form) or _number's."""
    field = block[124:136]
    if field[11] in (0, 32) and field[:11].isdigit():
        try:
            return int(field[:11], 8)
        except ValueError:  # an 8 or 9: _number says why
            pass
    return _number(field)


def _pax(data: bytes) -> dict[str, bytes]:
    """Parse pax records (``"<len> <key>=<value>\\n"``), keeping only :data:`PAX_KEYS`.

    Each record's length must be decimal and land inside the header on a newline, so the parse
    is one linear pass whatever the header holds.
    """
    out: dict[str, bytes] = {}
    pos = 0
    size = len(data)
    while pos < size:
        if data[pos] == 0 and not data[pos:].strip(b"\0"):
            break  # trailing NUL padding
        space = data.find(b" ", pos, pos + 21)
        if space < 0 or not data[pos:space].isdigit():  # ASCII digits only, 1 to 20 of them
            raise TarCorrupt("invalid pax record: no length")
        end = pos + int(data[pos:space])
        if end > size or end <= space + 1 or data[end - 1] != 10:  # 10: the newline
            raise TarCorrupt("invalid pax record length")
        key, sep, value = data[space + 1:end - 1].partition(b"=")
        if not sep:
            raise TarCorrupt("invalid pax record: no '='")
        name = _PAX_NAMES.get(key)
        if name is not None:
            out[name] = value
        pos = end
    return out


def _pax_size(value: bytes) -> int:
    """A pax ``size``: decimal digits only (no sign, no spaces, at most 20 digits)."""
    if not _DECIMAL.fullmatch(value):
        raise TarCorrupt(f"invalid pax size {value[:40]!r} (not a non-negative decimal)")
    return int(value)


class _Body:
    """Reader for the current member's body; it shares the tar stream's position."""

    def __init__(self, stream: TarStream) -> None:
        self._tar = stream

    def read(self, n: int = -1) -> bytes:
        """Read up to ``n`` bytes of the body (all of it when ``n`` < 0)."""
        left = self._tar._body_left
        if left <= 0:
            return b""
        want = left if n is None or n < 0 else min(n, left)
        data = self._tar.fileobj.read(want)
        if len(data) < want and n is not None and n < 0:
            raise TarTruncated("archive ends inside a member")
        self._tar._body_left -= len(data)
        self._tar._pending -= len(data)
        if not data:
            raise TarTruncated("archive ends inside a member")
        return data

    def skip_to_tail(self, keep: int) -> tuple[int, bytes]:
        """Discard the rest of the body but its last ``keep`` bytes: (bytes skipped, tail).

        Nothing skipped is copied (a log is indexed by its head and tail only).
        """
        tar = self._tar
        drop = max(tar._body_left - keep, 0)
        if drop:
            skipped = tar.fileobj.skip(drop)
            tar._body_left -= skipped
            tar._pending -= skipped
            if skipped < drop:
                raise TarTruncated("archive ends inside a member")
        tail = self.read(-1) if tar._body_left > 0 else b""
        return drop, tail

    def readable(self) -> bool:
        """Report readability (io protocol)."""
        return True

    def close(self) -> None:
        """Nothing to release: the tar stream owns the file."""

    def __enter__(self) -> _Body:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class _Buffered:
    """Large reads underneath, small reads on top: decompressor streams pay per call.

    A source with ``read_chunk`` (:class:`~analyzer.bundle.decompress.DecompressReader`) hands
    over each decoded block as it is, so a member body is copied once, out of that block.
    """

    def __init__(self, raw: IO[bytes], chunk: int) -> None:
        self.raw = raw
        self.chunk = chunk
        self.buf = b""
        self.pos = 0
        self.consumed = 0  # bytes taken from ``raw`` so far
        self._chunks = getattr(raw, "read_chunk", None)

    def _fetch(self, need: int) -> bytes:
        data: bytes = self._chunks() if self._chunks is not None else self.raw.read(
            max(self.chunk, need))
        self.consumed += len(data)
        return data

    def tell(self) -> int:
        """Offset of the next byte ``read`` returns, in the underlying stream."""
        return self.consumed - (len(self.buf) - self.pos)

    def read(self, n: int = -1) -> bytes:
        """Read up to ``n`` bytes (fewer only at the end of the stream)."""
        buf, pos = self.buf, self.pos
        if n is None or n < 0:
            rest = [buf[pos:]]
            self.buf, self.pos = b"", 0
            while data := self._fetch(self.chunk):
                rest.append(data)
            return b"".join(rest)
        end = pos + n
        if end <= len(buf):
            self.pos = end
            return buf if pos == 0 and end == len(buf) else buf[pos:end]
        parts: list[bytes | memoryview] = [memoryview(buf)[pos:]] if pos < len(buf) else []
        have = len(buf) - pos
        self.buf, self.pos = b"", 0
        while have < n:
            data = self._fetch(n - have)
            if not data:
                break
            need = n - have
            if len(data) > need:
                parts.append(memoryview(data)[:need])
                self.buf, self.pos = data, need
                have = n
            else:
                parts.append(data)
                have += len(data)
        if len(parts) == 1 and isinstance(parts[0], bytes):
            return parts[0]
        return b"".join(parts)

    def skip(self, n: int) -> int:
        """Discard ``n`` bytes; return how many were really there."""
        avail = len(self.buf) - self.pos
        if n <= avail:
            self.pos += n
            return n
        skipped = avail
        self.buf, self.pos = b"", 0
        while skipped < n:
            data = self._fetch(min(n - skipped, 1 << 24))
            if not data:
                return skipped
            need = n - skipped
            if len(data) > need:
                self.buf, self.pos = data, need
                return n
            skipped += len(data)
        return skipped


class TarStream:
    """Iterate a tar stream once, in order; ``extractfile`` reads the current member."""

    def __init__(self, fileobj: IO[bytes], chunk: int = 1 << 20) -> None:
        self.fileobj = _Buffered(fileobj, chunk)
        self._pending = 0  # bytes of the current member (body + padding) not yet consumed
        self._body_left = 0

    def _read_exact(self, n: int) -> bytes:
        return self.fileobj.read(n)

    def tell(self) -> int:
        """Offset in the (uncompressed) tar stream of the next byte to be read.

        Right after iteration yields a member, this is where that member's body starts.
        """
        return self.fileobj.tell()

    def _skip_pending(self) -> None:
        if self._pending > 0:
            skipped = self.fileobj.skip(self._pending)
            if skipped < self._pending:
                raise TarTruncated("archive ends inside a member")
            self._pending = 0
        self._body_left = 0

    def _data(self, size: int) -> bytes:
        if size > MAX_EXTENDED:
            raise TarLimit(f"extended header of {size} bytes, over the {MAX_EXTENDED}-byte "
                           "limit")
        padded = -(-size // BLOCK) * BLOCK
        data = self._read_exact(padded)
        if len(data) < padded:
            raise TarTruncated("archive ends inside an extended header")
        return data[:size]

    def extractfile(self, member: TarMember) -> _Body:
        """A reader for ``member``'s body; valid until the iteration moves on."""
        del member
        return _Body(self)

    def __iter__(self) -> Iterator[TarMember]:
        global_pax: dict[str, bytes] = {}
        local: dict[str, bytes] = {}
        fo = self.fileobj
        while True:
            if self._pending > 0:
                self._skip_pending()
            self._body_left = 0
            pos = fo.pos
            if pos + BLOCK <= len(fo.buf):  # the usual case: the header is in the buffer
                block = fo.buf[pos:pos + BLOCK]
                fo.pos = pos + BLOCK
            else:
                block = fo.read(BLOCK)
            if not block or block == ZERO_BLOCK:
                return
            if len(block) < BLOCK:
                raise TarTruncated("archive ends inside a header")
            if not _checksum_ok(block):
                raise TarCorrupt("bad header checksum: unreadable data where a tar header "
                                 "should be")
            size = _size(block)
            typ = block[156:157]
            if typ in (b"x", b"g", b"L", b"K"):
                if typ == b"x":
                    local.update(_pax(self._data(size)))
                elif typ == b"g":
                    global_pax.update(_pax(self._data(size)))
                else:
                    local["path" if typ == b"L" else "linkpath"] = _cstr(self._data(size))
                continue
            name = _cstr(block[:100])
            if block[257:262] == b"ustar":
                prefix = _cstr(block[345:500])
                if prefix and block[257:263] == b"ustar\x00":
                    name = prefix + b"/" + name
            link = _cstr(block[157:257])
            if local or global_pax:
                meta = {**global_pax, **local} if global_pax else local
                local = {}
                name = meta.get("path", name)
                link = meta.get("linkpath", link)
                if "size" in meta:
                    size = _pax_size(meta["size"])
            if typ == b"5":
                name = name.rstrip(b"/")
            body = 0 if typ in NO_DATA else size
            self._body_left = body
            self._pending = -(-body // BLOCK) * BLOCK
            yield TarMember(name.decode("utf-8", "surrogateescape"), body, typ,
                            link.decode("utf-8", "surrogateescape"))
