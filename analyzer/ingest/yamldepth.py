"""Refuse YAML/JSON nested too deep for the parsers, before any of them runs, at C speed.

libyaml's composer recurses in C without a limit (a 200,000-deep ``[[[`` crashes the process),
PyYAML's pure-Python scanner is quadratic in depth, and rapidyaml crawls on deep flow nesting
repeated many times. Real Kubernetes YAML nests a few dozen levels.

Two estimates, cheapest first, so no real object is ever lost to the check:

- the running sum of every bracket in the file (one ``translate`` and an Arrow cumulative
  sum); when it stays within the limit nothing more is done;
- otherwise the same sum over the file with quoted strings, comments and block-scalar bodies
  removed (brackets in an Event message or an embedded script are text, not nesting),
  floored at zero and restarted at every document. Only this depth refuses the file.

The careful loader (PyYAML on libyaml) keeps the conservative whole-file estimate as its own
guard, since it is the parser a C-level recursion would crash.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

import pyarrow as pa

C_LOADER_MAX_NESTING = 1000  # conservative guard in front of libyaml (see module docstring)
_DEEP_INDENT = re.compile(
    ("^(?:[ \t]|[?:-](?=[ \t\r\n])){" + str(C_LOADER_MAX_NESTING) + "}").encode(), re.M)
_INDENT_CHARS = bytes.maketrans(b" \t?:-", b"\x01" * 5)  # prefilter: runs of these
_INDENT_RUN = b"\x01" * C_LOADER_MAX_NESTING
_NOT_BRACKETS = bytes(b for b in range(256) if b not in b"[]{}")
_NOT_OPENERS = bytes(b for b in range(256) if b not in b"[{")
# Text that cannot nest: quoted scalars (only where a token may start: after a blank or a flow
# indicator) and comments. Each alternative starts with its literal, so the scan runs at C speed.
_QUOTED = re.compile(
    rb""""(?<=[\s\[{,]")(?:[^"\\]|\\.)*"|'(?<=[\s\[{,]')(?:[^']|'')*'|\#(?<=\s\#)[^\n]*""")
# Plain (unquoted) values in block context: ``message: Back-off [x`` holds text, not nesting.
_PLAIN_VALUE = re.compile(
    rb"^([ ]*(?:-[ ]+)*[A-Za-z0-9_./-][^\n:\"'\[\]{}]*:[ ]+)[^\s\"'\[\]{}#&*!|>%@`][^\n]*"
    rb"|^([ ]*-[ ]+)(?![^\n]*:[ ])[^\s\"'\[\]{}#&*!|>%@`-][^\n]*"
    rb"|^[ ]+[A-Za-z(][^\n:]*$", re.M)
# A block scalar header (``key: |``, ``- >-``): the lines after it indented deeper are text.
_BLOCK_HEADER = re.compile(rb"(?<=[ :-])[|>][-+1-9]{0,2}[ \t]*\n")

class TooDeep(ValueError):
    """The nesting exceeds the limit; the message says which."""


@cache
def _compute() -> tuple[Any, pa.Array]:
    """``pyarrow.compute`` and the bracket deltas, on first use.

    Importing ``pyarrow.compute`` costs about 0.1 s of CPU, and most files never get here
    (too few brackets to nest deeply), so a small bundle's ingest does without it.
    """
    import pyarrow.compute as pc

    delta = pa.array([1 if c in b"[{" else -1 if c in b"]}" else 0 for c in range(256)],
                     type=pa.int32())
    return pc, delta


def _deepest(brackets: bytes, floor: bool) -> int:
    """The highest running sum of ``brackets`` (``[{`` +1, ``]}`` -1), optionally floored at 0."""
    if not brackets:
        return 0
    pc, delta = _compute()
    codes = pa.Array.from_buffers(pa.uint8(), len(brackets), [None, pa.py_buffer(brackets)])
    level = pc.cumulative_sum(pc.take(delta, codes))
    if floor:
        level = pc.subtract(level, pc.min_element_wise(pc.cumulative_min(level), 0))
    return int(pc.max(level).as_py())


def flow_depth(data: bytes) -> int:
    """The deepest bracket nesting of ``data``, counting every bracket (an upper bound).

    >>> flow_depth(b'a: [[1], {b: [2]}]'), flow_depth(b'a: "[[["')
    (3, 3)
    """
    return _deepest(data.translate(None, _NOT_BRACKETS), floor=False)


def structural_depth(data: bytes) -> int:
    """The deepest bracket nesting outside quoted strings, comments, plain values, block scalars.

    It may err low, never high: the parsers' own guards cover what it misses.

    >>> structural_depth(b'a: "[[[" # [[\\nb: [[x]]\\nc: |\\n  {{{\\n  [\\nd: {e: 1}\\n')
    2
    """
    text = _strip_block_scalars(_PLAIN_VALUE.sub(rb"\1\2", _QUOTED.sub(b"", b"\n" + data)))
    return max((_deepest(doc.translate(None, _NOT_BRACKETS), floor=True)
                for doc in text.split(b"\n---")), default=0)


def _strip_block_scalars(data: bytes) -> bytes:
    """Drop the body lines of every block scalar (linear: the scan never goes back)."""
    if b"|" not in data and b">" not in data:
        return data
    parts = []
    pos = 0
    for m in _BLOCK_HEADER.finditer(data):
        if m.start() < pos:
            continue  # inside a body already dropped
        line_start = data.rfind(b"\n", 0, m.start()) + 1
        line = data[line_start:m.start()]
        indent = len(line) - len(line.lstrip(b" "))
        parts.append(data[pos:m.end()])
        pos = m.end()
        while pos < len(data):
            eol = data.find(b"\n", pos)
            eol = len(data) if eol < 0 else eol + 1
            body = data[pos:eol]
            stripped = body.lstrip(b" ")
            if stripped.strip() and len(body) - len(stripped) <= indent:
                break
            pos = eol
    parts.append(data[pos:])
    return b"".join(parts)


def _openers(data: bytes) -> int:
    """How many ``[`` and ``{`` ``data`` holds: one pass (two ``count`` calls were two).

    >>> _openers(b'a: [{b: 1}, "["]')
    3
    """
    return len(data.translate(None, _NOT_OPENERS))


def refuse_deep(data: bytes, max_depth: int) -> None:
    """Raise :class:`TooDeep` when ``data`` nests deeper than ``max_depth`` levels.

    Also when it indents deeper than :data:`C_LOADER_MAX_NESTING` columns.
    """
    if (_openers(data) > max_depth and flow_depth(data) > max_depth
            and structural_depth(data) > max_depth):
        raise TooDeep(f"nesting deeper than {max_depth} levels")
    if _INDENT_RUN in data.translate(_INDENT_CHARS) and _DEEP_INDENT.search(data):
        raise TooDeep(f"indentation deeper than {C_LOADER_MAX_NESTING} columns "
                      "(nesting too deep)")


def refuse_deep_for_c_loader(data: bytes) -> None:
    """The conservative guard in front of libyaml: every bracket counts."""
    if (_openers(data) >= C_LOADER_MAX_NESTING
            and flow_depth(data) >= C_LOADER_MAX_NESTING):
        raise TooDeep(f"nesting deeper than {C_LOADER_MAX_NESTING} levels")
