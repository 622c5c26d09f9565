"""Markdown escaping: bundle text renders as literal text, code stays code.

Markdown punctuation that could start emphasis, code, links, tables or HTML is
backslash-escaped, control characters are dropped, and table cells lose their newlines.
"""

from __future__ import annotations

import re

from analyzer.report.textfmt import unwrap

_MD_SPECIAL = re.compile(r"([\\`*_\[\]|~<>])")
_ENTITY = re.compile(r"&(?=#?[A-Za-z0-9]+;)")
_LINE_START = re.compile(r"^(\s*)([#+\-=]|\d+[.)])")
_FENCE = re.compile(r"^```[^\n`]*\n(.*?)(?:\n```[ \t]*$|\Z)", re.S | re.M)
_INLINE_CODE = re.compile(r"`([^`\n]+)`")
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def md_escape(value: object) -> str:
    r"""Escape text for inline Markdown (also safe inside a table cell).

    Markdown punctuation that could start emphasis, code, links, tables or HTML is
    backslash-escaped; newlines become spaces.

    >>> md_escape("a|b <script> *x* [l](u)\nnext")
    'a\\|b \\<script\\> \\*x\\* \\[l\\](u) next'
    """
    return _escape_raw("" if value is None else str(value)).strip()


def _escape_raw(text: str) -> str:
    """Backslash-escape Markdown punctuation and flatten newlines; no trimming."""
    text = _CONTROL.sub("", text)
    text = _MD_SPECIAL.sub(r"\\\1", text)
    text = _ENTITY.sub(r"\\&", text)
    return re.sub(r"[ \t]*[\r\n]+[ \t]*", " ", text)


def md_code(value: object, cell: bool = False) -> str:
    r"""Render text as an inline code span that no backtick inside can close.

    Args:
        value: The literal text.
        cell: The span sits in a GFM table cell, where ``|`` must be escaped even in code.

    >>> md_code("a`b"), md_code("x|y", cell=True)
    ('`` a`b ``', '`x\\|y`')
    """
    text = re.sub(r"[\r\n]+", " ", _CONTROL.sub("", "" if value is None else str(value)))
    if cell:
        text = text.replace("|", "\\|")
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if longest or text.startswith(" ") else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def _line(text: str) -> str:
    """Escape one line of prose, keeping `code` spans and escaping block markers."""
    pieces, pos = [], 0
    for match in _INLINE_CODE.finditer(text):
        pieces.append(_escape_raw(text[pos : match.start()]))
        pieces.append(md_code(match.group(1)))
        pos = match.end()
    pieces.append(_escape_raw(text[pos:]))
    joined = "".join(pieces)
    return _LINE_START.sub(lambda m: m.group(1) + "\\" + m.group(2), joined)


def md_flat(value: object) -> str:
    """Escape free text as one line of Markdown, keeping `code` spans."""
    text = "" if value is None else str(value)
    return _line(re.sub(r"\s*[\r\n]+\s*", " ", text).strip())


def _fenced(code: str) -> list[str]:
    """Return a fenced code block that the content cannot close."""
    longest = max((len(run) for run in re.findall(r"`+", code)), default=0)
    fence = "`" * max(3, longest + 1)
    return [fence, *code.split("\n"), fence]


def md_block(value: object) -> list[str]:
    """Render multi-line free text as safe Markdown: prose escaped, code kept literal.

    Fenced blocks and backtick spans stay code (their content is never interpreted);
    everything else is escaped; single newlines are kept as hard line breaks.
    """
    text = "" if value is None else str(value).replace("\r\n", "\n").replace("\r", "\n")
    text = _CONTROL.sub("", text)
    out: list[str] = []
    pos = 0
    for match in _FENCE.finditer(text):
        out += _prose(text[pos : match.start()])
        out += ["", *_fenced(match.group(1)), ""]
        pos = match.end()
    out += _prose(text[pos:])
    while out and not out[0]:
        out.pop(0)
    while out and not out[-1]:
        out.pop()
    return [line for i, line in enumerate(out) if line or (i and out[i - 1])]


def _prose(text: str) -> list[str]:
    """Escape prose; wrapped lines are joined, kept line breaks become hard breaks."""
    lines = [line.strip() for line in unwrap(text).split("\n")]
    out: list[str] = []
    for i, line in enumerate(lines):
        if not line:
            out.append("")
            continue
        nxt = lines[i + 1] if i + 1 < len(lines) else ""
        out.append(_line(line) + ("  " if nxt else ""))
    return out
