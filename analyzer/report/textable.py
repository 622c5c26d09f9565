"""Aligned text tables for the terminal: a header, two-space gaps, wrapped flexible columns.

Cells are wrapped at word boundaries (a word longer than its column is the only thing ever
split), so a table fits the terminal width without a line cut mid-word or wrapped by the
terminal itself. Piped output passes ``width=None`` and gets one line per row, never clipped.
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence

GAP = "  "
MIN_FLEX = 12


def _wrap(text: str, width: int) -> list[str]:
    lines: list[str] = []
    for para in text.split("\n"):
        lines.extend(textwrap.wrap(para, width, break_long_words=True, break_on_hyphens=False)
                     or [""])
    return lines


def _widths(natural: list[int], flex: Sequence[int], width: int | None) -> list[int]:
    widths = list(natural)
    if width is None:
        return widths
    spare = width - sum(widths) - len(GAP) * (len(widths) - 1)
    over = [i for i in flex if i < len(widths)]
    while spare < 0 and over:
        widest = max(over, key=lambda i: widths[i])
        if widths[widest] <= MIN_FLEX:
            break
        cut = min(-spare, widths[widest] - MIN_FLEX,
                  max(1, widths[widest] - max((widths[i] for i in over if i != widest),
                                              default=MIN_FLEX)))
        widths[widest] -= cut
        spare += cut
    return widths


def layout(headers: Sequence[str], rows: Sequence[Sequence[str]], *,
           width: int | None = None, flex: Sequence[int] | None = None
           ) -> tuple[list[int], str, list[list[str]]]:
    """Column widths, the header line and each row's lines (see :func:`render_table`)."""
    flex = [len(headers) - 1] if flex is None else list(flex)
    natural = [max([len(h)] + [max((len(part) for part in str(r[i]).split("\n")), default=0)
                               for r in rows]) for i, h in enumerate(headers)]
    widths = _widths(natural, flex, width)
    header = GAP.join(h.ljust(w) for h, w in zip(headers, widths, strict=True)).rstrip()
    grouped = []
    for row in rows:
        cells = [_wrap(str(c), w) if i in flex or len(str(c)) > w or "\n" in str(c)
                 else [str(c)] for i, (c, w) in enumerate(zip(row, widths, strict=True))]
        grouped.append([GAP.join((c[n] if n < len(c) else "").ljust(w)
                                 for c, w in zip(cells, widths, strict=True)).rstrip()
                        for n in range(max(len(c) for c in cells))])
    return widths, header, grouped


def render_table(headers: Sequence[str], rows: Sequence[Sequence[str]], *,
                 width: int | None = None, flex: Sequence[int] | None = None,
                 rule: bool = False) -> list[str]:
    """Lay out ``rows`` under ``headers``; return the lines (no trailing spaces).

    Args:
        headers: Column titles.
        rows: Cells as text (already escaped for the terminal).
        width: Terminal width to fit; ``None`` keeps every row on one line.
        flex: Indexes of the columns that may wrap (default: the last one).
        rule: Add a line of dashes under the header.

    >>> render_table(["A", "MESSAGE"], [["x", "one two three four five six seven"]], width=20)
    ['A  MESSAGE', 'x  one two three', '   four five six', '   seven']
    """
    widths, header, grouped = layout(headers, rows, width=width, flex=flex)
    out = [header]
    if rule:
        out.append(GAP.join("-" * w for w in widths))
    for lines in grouped:
        out.extend(lines)
    return out
