"""``report.yaml``: the same document as report.json, as YAML (rhai-cli's ``-o yaml``)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import yaml

from analyzer.report.json_out import canonical_report
from analyzer.safetext import has_unsafe, json_safe


class _Dumper(yaml.SafeDumper):
    """Safe dumper whose strings holding control or bidi characters are double-quoted."""


def _str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = '"' if has_unsafe(value) else ("|" if "\n" in value else None)
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _str)


def dump_yaml(data: Any) -> str:
    r"""Serialise plain data as block YAML, every control or bidi character as an escape.

    Such strings are emitted double-quoted, where ``\uXXXX`` is a valid escape, so the parsed
    value is unchanged while nothing invisible reaches the reader's screen.

    >>> dump_yaml({"name": "a\u202eb"})
    'name: "a\\u202eb"\n'
    >>> yaml.safe_load(dump_yaml({"name": "a\u202eb"}))["name"] == "a\u202eb"
    True
    """
    text = yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True,
                     default_flow_style=False, width=2**31 - 1)
    return json_safe(text)


def render_yaml(report: Mapping[str, Any]) -> str:
    """Serialise the report as ``report.yaml`` (contract key order, like report.json)."""
    return dump_yaml(canonical_report(report))
