"""Run the doctest examples of the report modules (pure helpers: escaping, URIs, levels)."""

from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = [
    "analyzer.report.common",
    "analyzer.report.mdtext",
    "analyzer.report.sarif",
    "analyzer.report.junit",
    "analyzer.report.textfmt",
    "analyzer.report.view",
    "analyzer.report.writers",
]


@pytest.mark.parametrize("name", MODULES)
def test_doctests(name: str) -> None:
    result = doctest.testmod(importlib.import_module(name))
    assert result.attempted > 0
    assert result.failed == 0
