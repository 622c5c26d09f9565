"""Text from a bundle made safe to show: control and bidi characters become visible escapes.

A must-gather is customer data, and any string in it (an object's name, a label, a log line)
can carry terminal escape sequences (ESC ``]0;title BEL``) or Unicode bidi controls
(U+202E RIGHT-TO-LEFT OVERRIDE) that rewrite what a reader sees. Every output shows them as
escapes instead: ``\\x1b``, ``\\u202e``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

# C0 and C1 controls, DEL, bidi embeddings/overrides/isolates and marks, zero-width characters,
# line/paragraph separators and the BOM: none of them has a visible glyph of its own.
_UNSAFE_CLASS = (
    "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f"
    "\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb"
    "\ud800-\udfff"  # lone surrogates: bytes of a file name that is not UTF-8
)
_UNSAFE = re.compile(f"[{_UNSAFE_CLASS}]")
_UNSAFE_OR_BREAK = re.compile(f"[{_UNSAFE_CLASS}\t\n\r]")
_BIDI = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group(0))
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def visible(text: str, *, keep_breaks: bool = False) -> str:
    r"""Return ``text`` with every control, bidi and invisible character as a visible escape.

    With ``keep_breaks`` newlines, carriage returns and tabs stay (multi-line prose); without
    it they are escaped too (one-line contexts such as a table cell or an error message).

    >>> visible("nb\x1b]0;pwned\x07")
    'nb\\x1b]0;pwned\\x07'
    >>> visible("model\u202egnp.exe")
    'model\\u202egnp.exe'
    >>> visible("two\nlines", keep_breaks=True)
    'two\nlines'
    """
    pattern = _UNSAFE if keep_breaks else _UNSAFE_OR_BREAK
    return pattern.sub(_escape, text) if pattern.search(text) else text


def has_unsafe(text: str) -> bool:
    """True when ``text`` holds a control, bidi or invisible character (tab/newline excluded)."""
    return _UNSAFE.search(text) is not None


def has_bidi(text: str) -> bool:
    """True when ``text`` holds a bidi control (a reordering or spoofing risk)."""
    return _BIDI.search(text) is not None


def json_safe(text: str) -> str:
    r"""Escape unsafe characters of serialised JSON text as ``\uXXXX`` (still the same data).

    Valid for JSON produced by :func:`json.dumps`, where such characters can only occur inside
    strings; the parsed value is unchanged.

    >>> json_safe('{"name": "a\u202eb"}')
    '{"name": "a\\u202eb"}'
    """
    if not _UNSAFE.search(text):
        return text
    return _UNSAFE.sub(lambda m: f"\\u{ord(m.group(0)):04x}", text)


def visible_tree(value: Any) -> Any:
    """Return a copy of ``value`` with :func:`visible` applied to every string, keys included.

    Line breaks in prose are kept. Used before rendering the formats people read.
    """
    if isinstance(value, str):
        return visible(value, keep_breaks=True)
    if isinstance(value, Mapping):
        return {visible_tree(k): visible_tree(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [visible_tree(v) for v in value]
    return value


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value: str) -> str:
    """Neutralise a spreadsheet formula (OWASP CSV injection): prefix ``'`` when it starts one.

    >>> csv_cell("=1+2"), csv_cell("ok")
    ("'=1+2", 'ok')
    """
    return "'" + value if value.startswith(_FORMULA_START) else value
