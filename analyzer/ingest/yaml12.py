"""YAML parsing with YAML 1.2 core-schema semantics, as Go (sigs.k8s.io/yaml) writes it.

The fast path is rapidyaml (C++): it parses and emits JSON natively, keeps quoted scalars as
strings (``"4.19"`` stays a string) and never turns ``yes``/``on``/dates into booleans or
timestamps. Anchors are not expanded (no alias bombs) and tags are ignored (nothing is ever
constructed from a tag). The slow fallback (files rapidyaml refuses or whose JSON does not
decode) is PyYAML with a core-schema resolver, and finally a "drop trailing lines" retry for
truncated files.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import orjson
import yaml

try:
    import ryml
except ImportError:  # pragma: no cover - rapidyaml is a dependency
    ryml = None


class Yaml12Loader(yaml.SafeLoader):
    """PyYAML safe loader restricted to the YAML 1.2 core schema (no yes/no, no dates)."""


Yaml12Loader.yaml_implicit_resolvers = {}
for _tag, _regexp, _first in [
    ("tag:yaml.org,2002:null", r"^(?:~|null|Null|NULL|)$", ["~", "n", "N", ""]),
    ("tag:yaml.org,2002:bool", r"^(?:true|True|TRUE|false|False|FALSE)$", list("tTfF")),
    ("tag:yaml.org,2002:int", r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$",
     list("-+0123456789")),
    ("tag:yaml.org,2002:float",
     r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)"
     r"|\.(?:nan|NaN|NAN))$", list("-+.0123456789")),
]:
    Yaml12Loader.add_implicit_resolver(_tag, re.compile(_regexp), _first)


class ParseError(Exception):
    """A structured file could not be parsed; the message says why and where."""


@contextmanager
def quiet_stderr() -> Iterator[None]:
    """Silence fd 2 (rapidyaml prints its errors there before raising)."""
    try:
        saved = os.dup(2)
    except OSError:  # pragma: no cover - no stderr
        yield
        return
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(devnull, 2)
        yield
    finally:
        os.dup2(saved, 2)
        os.close(saved)
        os.close(devnull)


def _fast(data: bytes) -> list[Any]:
    tree = ryml.parse_in_arena(data)
    root = tree.root_id()
    out = orjson.loads(ryml.emit_json(tree, root))
    if tree.is_stream(root):
        return [d for d in out if d is not None]
    return [out] if out is not None else []


def _slow(text: str, max_depth: int) -> list[Any]:
    docs = [d for d in yaml.load_all(text, Loader=Yaml12Loader) if d is not None]
    for d in docs:
        if _depth(d) > max_depth:
            raise ParseError(f"nesting deeper than {max_depth} levels")
    return docs


def _depth(obj: Any, level: int = 0) -> int:
    stack = [(obj, level)]
    deepest = 0
    while stack:
        cur, lvl = stack.pop()
        deepest = max(deepest, lvl)
        if isinstance(cur, dict):
            stack.extend((v, lvl + 1) for v in cur.values())
        elif isinstance(cur, list):
            stack.extend((v, lvl + 1) for v in cur)
    return deepest


def parse_documents(data: bytes, max_depth: int = 128, max_docs: int = 10_000) -> tuple[
        list[Any], str | None]:
    """Parse YAML or JSON bytes into documents.

    Returns ``(documents, note)``: ``note`` says when a fallback was needed (for example
    "truncated: 3 trailing lines dropped"). Raises :class:`ParseError` when nothing parses.
    """
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    if not data.strip():
        return [], None
    if data.count(b"\n---") > max_docs:
        raise ParseError(f"more than {max_docs} YAML documents")
    if ryml is not None:
        try:
            with quiet_stderr():
                return _fast(data), None  # rapidyaml refuses nesting past ~64 levels itself
        except Exception:  # noqa: BLE001 - fall back to the careful loader below
            pass
    text = data.decode("utf-8", "replace")
    note = "invalid UTF-8 replaced" if "\ufffd" in text and b"\xef\xbf\xbd" not in data else None
    try:
        return _slow(text, max_depth), note
    except ParseError:
        raise
    except (yaml.YAMLError, RecursionError, ValueError) as exc:
        first = _describe(exc)
    lines = text.splitlines()
    for drop in range(1, min(50, len(lines))):
        try:
            docs = _slow("\n".join(lines[:-drop]), max_depth)
        except (yaml.YAMLError, RecursionError, ValueError, ParseError):
            continue
        if docs:
            return docs, f"truncated: {drop} trailing line(s) dropped ({first})"
    raise ParseError(first)


def _describe(exc: BaseException) -> str:
    if isinstance(exc, yaml.MarkedYAMLError) and exc.problem_mark is not None:
        mark = exc.problem_mark
        return f"YAML error at line {mark.line + 1} column {mark.column + 1}: {exc.problem}"
    if isinstance(exc, RecursionError):
        return "nesting too deep"
    return f"{type(exc).__name__}: {str(exc)[:200]}"
