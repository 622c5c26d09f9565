"""Streaming decompression that never loses the data before a truncation point.

``gzip.GzipFile``/``LZMAFile`` read through a ``BufferedReader``: one large ``read()`` that meets
the end of a truncated stream raises and drops everything it had decoded. Reading in large
blocks is what makes ingest fast, so this reader drives the decompressor objects directly,
returns every byte that can be decoded, and only then reports the truncation. Output per step
is bounded (``max_length``), so a decompression bomb is inflated a block at a time.

Nothing a reference tool accepts is refused: concatenated gzip members, xz streams and bzip2
streams are all read, with the zero padding the xz format allows between and after streams;
and when the fast inflater (ISA-L) refuses the start of a gzip member (it fails on a header whose
FEXTRA/FNAME/FCOMMENT fields cross its input block), that member is decoded again by zlib.
"""

from __future__ import annotations

import bz2
import contextlib
import lzma
import queue
import threading
import zlib
from collections.abc import Callable
from typing import IO, Any

STEP = 1 << 20  # bytes of output per decompress call
READ = 1 << 15  # compressed bytes per raw read: small, so a stream error costs little output
HEAD_KEEP = 1 << 20  # compressed bytes of a member kept until it yields output (for the retry)


def _gzip_factory() -> Any:
    try:
        from isal import isal_zlib

        return isal_zlib.decompressobj(16 + isal_zlib.MAX_WBITS)
    except ImportError:  # pragma: no cover - isal is a dependency
        return zlib.decompressobj(16 + zlib.MAX_WBITS)


def _gzip_reference() -> Any:
    return zlib.decompressobj(16 + zlib.MAX_WBITS)


FACTORIES: dict[str, Callable[[], Any]] = {
    "gz": _gzip_factory,
    "xz": lzma.LZMADecompressor,
    "bz2": bz2.BZ2Decompressor,
}


class DecompressReader:
    """A read-only binary stream over a compressed one (gzip, xz, bz2; multi-member aware)."""

    def __init__(self, raw: IO[bytes], kind: str) -> None:
        self.raw = raw
        self.factory = FACTORIES[kind]
        self.dec = self.factory()
        self.zlib_like = hasattr(self.dec, "unconsumed_tail")
        self.tail = b""
        self.buf = bytearray()
        self.done = False
        self.error: BaseException | None = None
        self.started = False
        self.kind = kind
        self.head = bytearray()  # compressed bytes of the current member while it yields nothing
        self.member_out = 0

    def _step(self) -> bytes:
        """Decode one block of output (``b""`` when a step yields none, or at the end)."""
        dec = self.dec
        if dec.eof:
            rest = dec.unused_data.lstrip(b"\0")
            while not rest:  # zero padding between or after streams is skipped
                more = self.raw.read(READ)
                if not more:
                    self.done = True
                    return b""
                rest = more.lstrip(b"\0")
            self.dec = self.factory()  # concatenated member/stream
            self.tail = b""
            self.head.clear()
            self.member_out = 0
            return self._feed(rest, fresh=True)
        fresh = True
        if self.zlib_like:
            fresh = not self.tail
            data = self.tail or self.raw.read(READ)
        else:
            data = b"" if not dec.needs_input else self.raw.read(READ)
        if not data and (self.zlib_like or dec.needs_input):
            if not self.started and not self.buf:
                self.done = True  # empty input
                return b""
            raise EOFError("compressed stream ended before its end-of-stream marker "
                           "(truncated)")
        return self._feed(data, fresh)

    def _feed(self, data: bytes, fresh: bool) -> bytes:
        self.started = True
        keep = self.kind == "gz" and self.member_out == 0 and len(self.head) < HEAD_KEEP
        if keep and fresh:
            self.head += data
        try:
            out: bytes = self.dec.decompress(data, STEP)
        except Exception:
            if not keep or isinstance(self.dec, type(_gzip_reference())):
                raise
            # The fast inflater refused a member before producing anything: zlib decodes it.
            self.dec = _gzip_reference()
            out = self.dec.decompress(bytes(self.head), STEP)
        if self.zlib_like:
            self.tail = self.dec.unconsumed_tail
        self.member_out += len(out)
        return out

    def _fail(self, exc: Exception) -> EOFError:
        """Remember a stream error (reported once the output before it is consumed)."""
        self.error = exc if isinstance(exc, EOFError) else EOFError(f"corrupt stream: {exc}")
        self.done = True
        return self.error

    def read_chunk(self) -> bytes:
        """Return the next block of output as the decompressor produced it (no copy).

        Up to :data:`STEP` bytes; ``b""`` only at the end. A stream error is raised once every
        byte decoded before it has been returned, as :meth:`read` does.
        """
        if self.buf:
            out = bytes(self.buf)
            self.buf.clear()
            return out
        if self.error is not None:
            raise self.error
        try:
            while not self.done:
                out = self._step()
                if out:
                    return out
        except Exception as exc:  # noqa: BLE001 - zlib/isal/lzma/bz2 errors differ by library
            raise self._fail(exc) from exc
        return b""

    def read(self, n: int = -1) -> bytes:
        """Read up to ``n`` bytes (all remaining when ``n`` < 0); truncation is raised last."""
        if self.error is not None and not self.buf:
            raise self.error
        want = n if n is not None and n >= 0 else 1 << 62
        try:
            while len(self.buf) < want and not self.done:
                self.buf += self._step()
        except Exception as exc:  # noqa: BLE001 - zlib/isal/lzma/bz2 errors differ by library
            error = self._fail(exc)
            if not self.buf:
                raise error from exc
        if len(self.buf) <= want:
            out = bytes(self.buf)
            self.buf.clear()
            return out
        with memoryview(self.buf) as view:
            out = bytes(view[:want])
        del self.buf[:want]
        return out

    def readable(self) -> bool:
        """Report readability (io protocol)."""
        return True

    def close(self) -> None:
        """Close the underlying stream."""
        self.raw.close()


class Prefetch:
    """Decode ahead in a thread, a few blocks at most, so inflating overlaps tar reading.

    ISA-L, zlib, lzma, bz2 and sha256 all release the GIL, so the thread that reads, hashes and
    inflates the input runs beside the main thread's tar framing. Blocks come out in order and
    a stream error is raised where :class:`DecompressReader` raises it: after every block
    decoded before it, and again on every later call. ``compressed`` is the number of input
    bytes read when the block last handed over was decoded: what the input counter said at
    that point without the thread (so ratio limits trip on the same member).
    """

    def __init__(self, source: DecompressReader, counter: Callable[[], int],
                 depth: int = 4) -> None:
        self.source = source
        self.counter = counter
        self.compressed = 0
        self.blocks: queue.Queue[tuple[bytes, int, BaseException | None]] = queue.Queue(depth)
        self.stopping = threading.Event()
        self.error: BaseException | None = None
        self.ended = False
        self.thread = threading.Thread(target=self._run, name="mgscan-inflate", daemon=True)
        self.thread.start()

    def _run(self) -> None:
        while not self.stopping.is_set():
            try:
                data = self.source.read_chunk()
            except BaseException as exc:  # noqa: BLE001 - handed to the reader in order
                self._put((b"", self.counter(), exc))
                return
            self._put((data, self.counter(), None))
            if not data:
                return

    def _put(self, item: tuple[bytes, int, BaseException | None]) -> None:
        while not self.stopping.is_set():
            try:
                self.blocks.put(item, timeout=0.1)
                return
            except queue.Full:
                continue

    def read_chunk(self) -> bytes:
        """The next decoded block (``b""`` at the end); errors as the source raised them."""
        if self.error is not None:
            raise self.error
        if self.ended:
            return b""
        data, self.compressed, error = self.blocks.get()
        if error is not None:
            self.error = error
            raise error
        if not data:
            self.ended = True
        return data

    def close(self) -> None:
        """Stop the thread (it may be mid-block) and wait for it; the input is then free."""
        self.stopping.set()
        while self.thread.is_alive():
            with contextlib.suppress(queue.Empty):
                while True:
                    self.blocks.get_nowait()
            self.thread.join(0.05)
