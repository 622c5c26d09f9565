"""Control and bidi characters from a bundle are shown as escapes; CSV formulas neutralised."""

from __future__ import annotations

import doctest
import json

import pytest

from analyzer import safetext
from analyzer.safetext import csv_cell, has_bidi, has_unsafe, json_safe, visible


def test_doctests() -> None:
    assert doctest.testmod(safetext).failed == 0


@pytest.mark.parametrize("raw", ["\x1b]0;owned\x07", "\x1b[2J", "a\u202eb", "\u2066x\u2069",
                                 "\x9b31m", "zero\u200bwidth", "bom\ufeff", "nul\x00", "del\x7f"])
def test_every_unsafe_character_is_escaped(raw: str) -> None:
    shown = visible(raw)
    assert not has_unsafe(shown)
    assert shown.isprintable()
    assert json.loads(json_safe(json.dumps(raw, ensure_ascii=False))) == raw
    assert json_safe(json.dumps(raw, ensure_ascii=False)).isascii()


def test_breaks_kept_only_when_asked() -> None:
    assert visible("a\nb\tc") == "a\\x0ab\\x09c"
    assert visible("a\nb\tc", keep_breaks=True) == "a\nb\tc"
    assert visible("ünïcode ✓ 日本") == "ünïcode ✓ 日本"


def test_bidi_detection() -> None:
    assert has_bidi("x\u202ey") and not has_bidi("x\x1by")


@pytest.mark.parametrize("cell,expected", [("=SUM(A1)", "'=SUM(A1)"), ("+1", "'+1"),
                                           ("-1", "'-1"), ("@cmd", "'@cmd"), ("\t=1", "'\t=1"),
                                           ("safe", "safe"), ("", "")])
def test_csv_formula_cells(cell: str, expected: str) -> None:
    assert csv_cell(cell) == expected
