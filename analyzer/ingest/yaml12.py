"""YAML parsing with YAML 1.2 core-schema semantics, as Go (sigs.k8s.io/yaml) writes it.

The fast path is rapidyaml (C++): it parses and emits JSON natively, keeps quoted scalars as
strings (``"4.19"`` stays a string) and never turns ``yes``/``on``/dates into booleans or
timestamps. Tags are ignored (nothing is ever constructed from a tag). rapidyaml would emit an
alias as the string ``*name`` and a bare ``~`` as the string ``"~"``, so files with anchors or
bare tildes take the slow path. The slow fallback (those files, and files rapidyaml refuses or
whose JSON does not decode) is PyYAML (libyaml when available) with a core-schema resolver and
a node budget that stops alias bombs, and finally a bounded "cut at the error" retry for
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


# Anchors (``&a``) and bare ``~`` scalars need the careful loader (see the module docstring).
_NEEDS_SLOW = re.compile(
    rb"(?:^|[:\-\[{,])[ \t]*&[A-Za-z0-9_.\-/]+(?:[ \t]|\r?$)"
    rb"|(?:^|[:\-\[,])[ \t]*~[ \t]*(?:[,\]}]|#|\r?$)", re.M)
# The libyaml composer recurses in C without a limit (a 200,000-deep ``[[[`` crashes the
# process), so it is used only when the nesting provably stays shallow; otherwise the pure-Python
# loader runs and stops at Python's recursion limit.
C_LOADER_MAX_NESTING = 1000
_DEEP_INDENT = re.compile(rf"^[ \t?:-]{{{C_LOADER_MAX_NESTING}}}", re.M)
_BRACKETS = re.compile(r"[\[\]{}]")
RETRY_FULL_BELOW = 4 * 1024 * 1024  # bytes: smaller truncated files get every retry


class Yaml12Loader(yaml.SafeLoader):
    """PyYAML safe loader restricted to the YAML 1.2 core schema (no yes/no, no dates)."""


class Yaml12CLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """The same schema on libyaml (about 10x faster), for shallow documents only."""


_CORE_RESOLVERS = [
    ("tag:yaml.org,2002:null", r"^(?:~|null|Null|NULL|)$", ["~", "n", "N", ""]),
    ("tag:yaml.org,2002:bool", r"^(?:true|True|TRUE|false|False|FALSE)$", list("tTfF")),
    ("tag:yaml.org,2002:int", r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$",
     list("-+0123456789")),
    ("tag:yaml.org,2002:float",
     r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)"
     r"|\.(?:nan|NaN|NAN))$", list("-+.0123456789")),
]


def _pick_loader(text: str) -> Any:
    """Return the libyaml loader, refusing nesting that no loader handles safely.

    PyYAML's pure-Python scanner is quadratic in nesting depth and libyaml's composer recurses in
    C without a limit, so a document with ``C_LOADER_MAX_NESTING`` open brackets in a row or that
    many columns of indentation is refused before either sees it (brackets inside quoted strings
    count too: a cheap upper bound that real Kubernetes YAML never approaches).
    """
    if text.count("[") + text.count("{") >= C_LOADER_MAX_NESTING:
        depth = deepest = 0
        for m in _BRACKETS.finditer(text):
            depth = depth + 1 if m.group() in "[{" else max(0, depth - 1)
            deepest = max(deepest, depth)
            if deepest >= C_LOADER_MAX_NESTING:
                raise ParseError(f"nesting deeper than {C_LOADER_MAX_NESTING} levels")
    if _DEEP_INDENT.search(text):
        raise ParseError(f"indentation deeper than {C_LOADER_MAX_NESTING} columns "
                         "(nesting too deep)")
    return Yaml12CLoader


def _construct_untagged(loader: Any, node: Any) -> Any:
    """Build a node as if it had no tag: tags never construct anything (like rapidyaml).

    Used for unknown tags (``!!python/object``, ``!custom``) and for ``!!binary``,
    ``!!timestamp``, ``!!set``, ``!!omap`` and ``!!pairs``, whose Python objects have no JSON
    form.
    """
    if isinstance(node, yaml.MappingNode):
        return loader.construct_mapping(node, deep=True)
    if isinstance(node, yaml.SequenceNode):
        return loader.construct_sequence(node, deep=True)
    return loader.construct_scalar(node)


def _construct_int(loader: Any, node: Any) -> int | str:
    """Core-schema integers: ``017`` is decimal 17 (YAML 1.1 read it as octal 15)."""
    raw = str(loader.construct_scalar(node))
    value = raw.replace("_", "")
    try:
        if value.startswith(("0o", "0x")):
            return int(value[2:], 8 if value[1] == "o" else 16)
        return int(value, 10)
    except ValueError:  # ``!!int hunter2``: keep the text (never echo it in an error message)
        return raw


for _loader in (Yaml12Loader, Yaml12CLoader):
    _loader.yaml_implicit_resolvers = {}
    for _tag, _regexp, _first in _CORE_RESOLVERS:
        _loader.add_implicit_resolver(_tag, re.compile(_regexp), _first)
    _loader.add_constructor("tag:yaml.org,2002:int", _construct_int)
    _loader.add_constructor(None, _construct_untagged)
    for _name in ("binary", "timestamp", "set", "omap", "pairs"):
        _loader.add_constructor(f"tag:yaml.org,2002:{_name}", _construct_untagged)


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
    loader = _pick_loader(text)
    docs = [d for d in yaml.load_all(text, Loader=loader) if d is not None]
    budget = 2 * len(text) + 1000  # more nodes than source characters means alias expansion
    for d in docs:
        budget = _check_shape(d, max_depth, budget)
    return docs


def _check_shape(obj: Any, max_depth: int, budget: int) -> int:
    """Raise ParseError past ``max_depth`` levels or ``budget`` nodes; return the budget left.

    Walks iteratively (no recursion) and counts shared (aliased) nodes once per reference, so a
    "billion laughs" document is refused after ``budget`` steps instead of being expanded.
    """
    stack = [(obj, 0)]
    while stack:
        cur, lvl = stack.pop()
        budget -= 1
        if budget < 0:
            raise ParseError("document expands far beyond its size (YAML alias bomb?)")
        if lvl > max_depth:
            raise ParseError(f"nesting deeper than {max_depth} levels")
        if isinstance(cur, dict):
            stack.extend((v, lvl + 1) for v in cur.values())
        elif isinstance(cur, list):
            stack.extend((v, lvl + 1) for v in cur)
    return budget


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
    if b"\x00" in data[:65536]:
        raise ParseError("binary content (NUL bytes), not YAML or JSON text")
    if data.count(b"\n---") > max_docs:
        raise ParseError(f"more than {max_docs} YAML documents")
    if ryml is not None and not _NEEDS_SLOW.search(data):
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
    except RecursionError as exc:  # retrying a too-deep document is pointless
        raise ParseError(f"nesting deeper than {max_depth} levels (too deep to parse)") from exc
    except (yaml.YAMLError, ValueError, TypeError) as exc:
        first = _describe(exc)
        mark: Any = getattr(exc, "problem_mark", None)
    lines = text.splitlines()
    for keep in _cut_points(len(lines), getattr(mark, "line", None), len(data)):
        try:
            docs = _slow("\n".join(lines[:keep]), max_depth)
        except ParseError:
            raise  # an alias bomb or deep nesting in the kept part: give up at once
        except RecursionError as exc:
            raise ParseError(f"nesting deeper than {max_depth} levels (too deep to parse)") \
                from exc
        except (yaml.YAMLError, ValueError, TypeError):
            continue
        if docs:
            drop = len(lines) - keep
            return docs, f"truncated: {drop} trailing line(s) dropped ({first})"
    raise ParseError(first)


def _cut_points(n_lines: int, error_line: int | None, size: int) -> list[int]:
    """Line counts to keep when retrying a broken file, best first, bounded in number.

    Cutting just before the reported error line keeps the most data; a few cuts before it
    cover errors reported one block late. Small files also get the classic "drop 1..20 trailing
    lines" retries. Big files get only three attempts, so a hostile 60 MB file costs at most a
    few parses.

    >>> _cut_points(100, 97, 10_000_000)
    [97, 96, 95]
    """
    cuts: list[int] = []
    if error_line is not None and 0 < error_line <= n_lines:
        cuts.extend(range(error_line, max(0, error_line - 3), -1))
    if size <= RETRY_FULL_BELOW:
        cuts.extend(range(n_lines - 1, max(0, n_lines - 21), -1))
    return [c for c in dict.fromkeys(cuts) if c > 0]


def _describe(exc: BaseException) -> str:
    if isinstance(exc, yaml.MarkedYAMLError) and exc.problem_mark is not None:
        mark = exc.problem_mark
        return f"YAML error at line {mark.line + 1} column {mark.column + 1}: {exc.problem}"
    if isinstance(exc, RecursionError):
        return "nesting too deep"
    return f"{type(exc).__name__}: {str(exc)[:200]}"
