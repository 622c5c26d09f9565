"""Resolve evidence line numbers and excerpts after a run, for findings only.

Each evidence file is re-read once (``analyzer.bundle.read_members``, one pass per input) and
indexed once (:class:`FileIndex`: its lines, and its nodes composed with PyYAML, which works for
JSON too), so the cost is linear in the files and the findings, however many share a file. The
JSON pointer is walked through mappings by key and sequences by index; when a step is missing,
the line of the nearest existing ancestor is used. Excerpts are a few numbered lines around the
node; no line of a Secret object is ever shown, and lines that look like credentials are
redacted.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

import yaml

from analyzer.bundle import read_members
from analyzer.limits import Limits
from analyzer.rules.model import Evidence, RuleResult

CONTEXT_LINES = 2
REDACTED = "<redacted>"
_CREDENTIAL = re.compile(
    r"(?i)^(\s*-?\s*[\"']?[\w.-]*(password|passwd|secret|token|apikey|api_key|"
    r"access_key|private_key|credentials?)[\w.-]*[\"']?\s*[:=]\s*)(\S.*)$")
_Loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

Excerpts = dict[tuple[str, str], str]


def split_pointer(pointer: str | None) -> list[str]:
    """Split a JSON pointer into unescaped tokens.

    >>> split_pointer("/metadata/annotations/opendatahub.io~1managed")
    ['metadata', 'annotations', 'opendatahub.io/managed']
    >>> split_pointer("") , split_pointer(None)
    ([], [])
    """
    if not pointer:
        return []
    return [t.replace("~1", "/").replace("~0", "~") for t in pointer.lstrip("/").split("/")]


def _child(node: yaml.Node, token: str) -> tuple[yaml.Node, int] | None:
    """Return (child node, 0-based line to report) for one pointer step, or None."""
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            if isinstance(key, yaml.ScalarNode) and key.value == token:
                return value, key.start_mark.line
    elif isinstance(node, yaml.SequenceNode) and token.isdigit():
        index = int(token)
        if index < len(node.value):
            item = node.value[index]
            return item, item.start_mark.line
    return None


class FileIndex:
    """One evidence file, prepared once: its lines, its composed documents, its Secret lines.

    Every finding of the file is resolved against the same index, so the work per file is one
    parse plus a few node steps per finding (linear, however many findings share a List file).
    """

    def __init__(self, text: str) -> None:
        self.lines = text.splitlines()
        try:
            self.docs: tuple[yaml.Node, ...] = tuple(
                d for d in yaml.compose_all(text, Loader=_Loader) if d is not None)
        except yaml.YAMLError:
            self.docs = ()
        self._secret: frozenset[int] | None = None

    @property
    def secret_lines(self) -> frozenset[int]:
        """The 0-based lines of every Secret object (never shown in an excerpt)."""
        if self._secret is None:
            self._secret = _secret_object_lines(self.docs)
        return self._secret


def locate(text: str | FileIndex, pointer: str | None, doc: int | None = None,
           item: int | None = None) -> int | None:
    """Return the 1-based line of ``pointer`` inside document ``doc`` (and List ``item``).

    Falls back to the nearest existing ancestor; None when the text does not parse.

    >>> locate("a:\\n  b:\\n    - x\\n    - y\\n", "/a/b/1")
    4
    >>> locate("a:\\n  b: 1\\n", "/a/zzz")
    1
    """
    docs = (text if isinstance(text, FileIndex) else FileIndex(text)).docs
    if not docs:
        return None
    node: yaml.Node = docs[doc if doc is not None and doc < len(docs) else 0]
    line = node.start_mark.line
    tokens = split_pointer(pointer)
    if item is not None:
        tokens = ["items", str(item), *tokens]
    for token in tokens:
        step = _child(node, token)
        if step is None:
            break
        node, line = step
    return line + 1


def _scalar(node: yaml.Node | None) -> str | None:
    return node.value if isinstance(node, yaml.ScalarNode) else None


def _secret_object_lines(docs: Iterable[yaml.Node]) -> frozenset[int]:
    """Return the 0-based lines of every Secret object: never shown in an excerpt.

    A Secret is a mapping with ``kind: Secret`` or an item of a ``SecretList`` (whose items
    carry no kind), at any depth, whatever its apiVersion, like the redaction at ingest. The
    whole object counts (``data``, ``stringData``, the ``last-applied-configuration``
    annotation that repeats them), so nothing of it reaches a report.
    """
    lines: set[int] = set()
    stack: list[tuple[yaml.Node, bool]] = [(d, False) for d in docs]
    while stack:
        node, is_secret_item = stack.pop()
        if isinstance(node, yaml.MappingNode):
            keys = {k.value: v for k, v in node.value if isinstance(k, yaml.ScalarNode)}
            kind = _scalar(keys.get("kind"))
            if kind == "Secret" or (is_secret_item and kind is None):
                lines.update(range(node.start_mark.line, node.end_mark.line + 1))
                continue
            items = keys.get("items")
            stack.extend((value, kind == "SecretList" and value is items)
                         for _key, value in node.value)
        elif isinstance(node, yaml.SequenceNode):
            stack.extend((item, is_secret_item) for item in node.value)
    return frozenset(lines)


def excerpt(text: str | FileIndex, line: int, context: int = CONTEXT_LINES) -> str | None:
    """Return numbered lines ``line ± context`` (1-based), with secret-looking values redacted.

    None when ``line`` lies inside a Secret object; the lines of a Secret object next to it
    are shown as ``<redacted>``.

    >>> excerpt("a: 1\\npassword: hunter2\\nc: 3\\n", 2, 1)
    '    1  a: 1\\n    2  password: <redacted>\\n    3  c: 3'
    """
    index = text if isinstance(text, FileIndex) else FileIndex(text)
    all_lines = index.lines
    secret = index.secret_lines
    if line - 1 in secret:
        return None
    first, last = max(1, line - context), min(len(all_lines), line + context)
    out = []
    for number in range(first, last + 1):
        body = all_lines[number - 1]
        if number - 1 in secret:
            body = REDACTED
        else:
            body = _CREDENTIAL.sub(lambda m: m.group(1) + REDACTED, body)
        out.append(f"{number:>5}  {body}")
    return "\n".join(out)


def _input_paths(inputs: Iterable[Any]) -> dict[int, Path]:
    paths: dict[int, Path] = {}
    for info in inputs:
        if isinstance(info, Mapping):
            paths[int(info["input_id"])] = Path(str(info["path"]))
        else:
            paths[int(info.input_id)] = Path(str(info.path))
    return paths


def _candidates(ev: Evidence, paths: Mapping[int, Path]) -> list[int]:
    """Inputs that may hold the evidence file: its own, else every input."""
    if ev.input_id is not None and ev.input_id in paths:
        return [ev.input_id]
    return sorted(paths)


def resolve_evidence(results: Sequence[RuleResult], inputs: Iterable[Any],
                     limits: Limits | None = None) -> Excerpts:
    """Fill ``line`` of every finding's evidence in place and return excerpts.

    Args:
        results: rule results (only findings are touched).
        inputs: ``InputInfo`` objects or dicts with ``input_id`` and ``path``.
        limits: reader limits (file size cap).

    Returns:
        ``{(file, pointer): excerpt}`` for every evidence item whose line was found. Objects of
        one List file can share a pointer; the first finding (in result order) wins, and every
        ``Evidence.excerpt`` also holds its own excerpt.
    """
    paths = _input_paths(inputs)
    wanted: dict[int, set[str]] = {}
    for result in results:
        for finding in result.findings:
            for ev in finding.evidence:
                if not ev.file:
                    continue
                for input_id in _candidates(ev, paths):
                    wanted.setdefault(input_id, set()).add(ev.file)
    bodies: dict[tuple[int, str], str] = {}
    for input_id, files in sorted(wanted.items()):
        try:
            found = read_members(paths[input_id], files, limits)
        except Exception:  # noqa: BLE001 - a vanished input only costs the line numbers
            continue
        for name, data in found.items():
            bodies[(input_id, name)] = data.decode("utf-8", "replace")
    # Resolve file by file (one index alive at a time: memory stays that of the largest file),
    # then hand excerpts out in result order so the first finding's excerpt wins.
    slots = [(r, f, e) for r, result in enumerate(results)
             for f, finding in enumerate(result.findings) for e in range(len(finding.evidence))]
    slots.sort(key=lambda s: _file_key(results[s[0]].findings[s[1]].evidence[s[2]], paths))
    resolved: dict[tuple[int, int, int], Evidence] = {}
    indexes: dict[tuple[int, str], FileIndex] = {}
    for slot in slots:
        ev = results[slot[0]].findings[slot[1]].evidence[slot[2]]
        resolved[slot] = _resolve_one(ev, bodies, indexes, paths)
    excerpts: Excerpts = {}
    for r, result in enumerate(results):
        for f, finding in enumerate(result.findings):
            finding.evidence = [resolved[(r, f, e)] for e in range(len(finding.evidence))]
            for ev in finding.evidence:
                if ev.file and ev.excerpt is not None and ev.line is not None:
                    excerpts.setdefault((ev.file, ev.pointer or ""), ev.excerpt)
    return excerpts


def _file_key(ev: Evidence, paths: Mapping[int, Path]) -> tuple[int, str]:
    candidates = _candidates(ev, paths) if ev.file else []
    return (candidates[0] if candidates else -1, ev.file or "")


def _resolve_one(ev: Evidence, bodies: Mapping[tuple[int, str], str],
                 indexes: dict[tuple[int, str], FileIndex], paths: Mapping[int, Path]) -> Evidence:
    """Fill line and excerpt of one evidence item; ``indexes`` keeps only the current file."""
    if not ev.file:
        return ev
    for input_id in _candidates(ev, paths):
        key = (input_id, ev.file)
        text = bodies.get(key)
        if text is None:
            continue
        index = indexes.get(key)
        if index is None:
            indexes.clear()
            index = indexes[key] = FileIndex(text)
        line = locate(index, ev.pointer, ev.doc, ev.item)
        if line is None:
            return ev
        return replace(ev, line=line, excerpt=excerpt(index, line))
    return ev
