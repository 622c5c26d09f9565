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

import contextlib
import os
import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import orjson
import yaml

from analyzer.ingest.yamldepth import TooDeep, refuse_deep, refuse_deep_for_c_loader

try:
    import ryml
except ImportError:  # pragma: no cover - rapidyaml is a dependency
    ryml = None


# Anchors (``&a``) and bare ``~`` scalars need the careful loader (see the module docstring).
_ANCHOR = re.compile(rb"&[A-Za-z0-9_.\-/]+(?:[ \t]|\r?$)", re.M)
_TILDE = re.compile(rb"~[ \t]*(?:[,\]}]|#|\r?$)", re.M)
_QUOTED = re.compile(r"'[^']*'|\"[^\"]*\"")  # quoted values in parser messages
_RYML_PARSE_ERROR = re.compile(rb"line=(\d+) col=\d+ \(\d+B\): ERROR: \[parse\]")
RETRY_FULL_BELOW = 4 * 1024 * 1024  # bytes: smaller truncated files get every retry
# Bigger files cut short at the end are retried with rapidyaml first (PyYAML needs about a
# second per megabyte); smaller ones keep PyYAML's more precise error description.
FAST_RETRY_ABOVE = 1024 * 1024
# The careful loader builds Python objects for every node (~40x the file in memory, ~0.5 s per
# MiB): larger files that need it are refused with a limit error instead of costing gigabytes.
SLOW_MAX_BYTES = 8 * 1024 * 1024


class Yaml12Loader(yaml.SafeLoader):
    """PyYAML safe loader restricted to the YAML 1.2 core schema (no yes/no, no dates)."""


class Yaml12CLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """The same schema on libyaml (about 10x faster); the one ``parse_documents`` uses."""


_CORE_RESOLVERS = [
    ("tag:yaml.org,2002:merge", r"^(?:<<)$", ["<"]),  # Go's YAML libraries honour merge keys
    ("tag:yaml.org,2002:null", r"^(?:~|null|Null|NULL|)$", ["~", "n", "N", ""]),
    ("tag:yaml.org,2002:bool", r"^(?:true|True|TRUE|false|False|FALSE)$", list("tTfF")),
    ("tag:yaml.org,2002:int", r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$",
     list("-+0123456789")),
    ("tag:yaml.org,2002:float",
     r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)"
     r"|\.(?:nan|NaN|NAN))$", list("-+.0123456789")),
]


def _needs_slow(data: bytes) -> bool:
    """Tell whether ``data`` has an anchor (``&a``) or a bare ``~`` scalar.

    Each candidate must follow a line start or an indicator (``:``, ``-``, ``[``, ``{``, ``,``)
    and blanks, so ``a && b`` in a shell script does not count. The literal-first patterns keep
    this check far cheaper than the parse.

    >>> _needs_slow(b"a: &x 1\\nb: *x\\n"), _needs_slow(b"cmd: a && b ~/x\\n")
    (True, False)
    """
    for pattern, before in ((_ANCHOR, b":-[{,"), (_TILDE, b":-[,")):
        if pattern is _ANCHOR and b"&" not in data or pattern is _TILDE and b"~" not in data:
            continue
        for m in pattern.finditer(data):
            start = m.start()
            line_start = data.rfind(b"\n", 0, start) + 1
            prefix = data[line_start:start].rstrip(b" \t")
            if not prefix or prefix[-1:] in (bytes([c]) for c in before):
                return True
    return False


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


def _lenient(tag: str, regexp: str) -> Any:
    """A constructor for an explicit core tag that never fails and never echoes the value.

    ``!!bool hunter2`` or ``!!float <base64>`` would otherwise raise an error quoting the
    scalar (a Secret value in an ingest error). A scalar that does not fit its tag stays the
    plain string, so the object is built and redacted like any other.
    """
    pattern = re.compile(regexp)
    strict = yaml.SafeLoader.yaml_constructors[tag]

    def construct(loader: Any, node: Any) -> Any:
        if not isinstance(node, yaml.ScalarNode):
            return _construct_untagged(loader, node)
        raw = loader.construct_scalar(node)
        if not pattern.match(str(raw)):
            return raw
        try:
            return strict(loader, node)
        except (ValueError, KeyError, TypeError, yaml.YAMLError):
            return raw

    return construct


for _loader in (Yaml12Loader, Yaml12CLoader):
    _loader.yaml_implicit_resolvers = {}
    for _tag, _regexp, _first in _CORE_RESOLVERS:
        _loader.add_implicit_resolver(_tag, re.compile(_regexp), _first)
        if _tag.rsplit(":", 1)[-1] in ("bool", "float", "null"):
            _loader.add_constructor(_tag, _lenient(_tag, _regexp))
    _loader.add_constructor("tag:yaml.org,2002:int", _construct_int)
    _loader.add_constructor("tag:yaml.org,2002:str", _construct_untagged)
    _loader.add_constructor(None, _construct_untagged)
    for _name in ("binary", "timestamp", "set", "omap", "pairs"):
        _loader.add_constructor(f"tag:yaml.org,2002:{_name}", _construct_untagged)


class ParseError(Exception):
    """A structured file could not be parsed; the message says why and where."""


@contextmanager
def quiet_stderr(captured: bytearray | None = None) -> Iterator[None]:
    """Silence fd 2 (rapidyaml prints its errors there before raising).

    With ``captured``, up to 64 kB of what was printed is appended to it (through a
    non-blocking pipe: nothing is written to disk, and a chatty parser cannot block).
    """
    try:
        saved = os.dup(2)
    except OSError:  # pragma: no cover - no stderr
        yield
        return
    if captured is None:
        sink, reader = os.open(os.devnull, os.O_WRONLY), None
    else:
        reader, sink = os.pipe()
        os.set_blocking(sink, False)
        os.set_blocking(reader, False)
    try:
        os.dup2(sink, 2)
        yield
    finally:
        os.dup2(saved, 2)
        os.close(saved)
        os.close(sink)
        if reader is not None:
            with contextlib.suppress(OSError):
                captured.extend(os.read(reader, 65536))  # type: ignore[union-attr]
            os.close(reader)


_STDERR_SILENCED = False


def silence_stderr() -> None:
    """Send fd 2 to /dev/null for the rest of this process (used by parse workers).

    rapidyaml prints its errors to fd 2 before raising; a worker silences it once instead of
    redirecting around every file.
    """
    global _STDERR_SILENCED
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 2)
    os.close(devnull)
    _STDERR_SILENCED = True


class _NeedsSlow(Exception):
    """rapidyaml's output shows an alias or a bare ``~`` the core-schema loader must handle."""


_EMIT = threading.local()
_EMIT_KEEP = 8 * 1024 * 1024  # a bigger emit buffer is used once, not kept


def _emit_json(tree: Any, root: int) -> bytes:
    """Emit ``tree`` as JSON through a reused buffer.

    ``ryml.emit_json`` leaks its output buffer (the JSON's size on every call, measured with
    rapidyaml 0.15: +46 MB of RSS per pass over the aws sample's 41 MB of YAML), which adds up
    to gigabytes on a big bundle. The in-place variant writes into memory Python owns.
    """
    buf: bytearray = getattr(_EMIT, "buf", None) or bytearray(64 * 1024)
    try:
        out = ryml.emit_json_in_place(tree, buf, root)
    except IndexError:
        buf = bytearray(ryml.compute_json_length(tree, root) + 1024)
        out = ryml.emit_json_in_place(tree, buf, root)
    if len(buf) <= _EMIT_KEEP:
        _EMIT.buf = buf
    return bytes(out)


def _fast(data: bytes) -> list[Any]:
    tree = ryml.parse_in_arena(data)
    root = tree.root_id()
    text = _emit_json(tree, root)
    # An alias comes out as the string "*name" and a bare ~ as "~": only then is the (costly)
    # anchor/tilde scan of the source worth running. An anchor without an alias is harmless.
    # (A one-byte search is a memchr, far quicker than the two-byte one it usually spares.)
    if ((b"*" in text and b'"*' in text) or (b"~" in text and b'"~"' in text)) and _needs_slow(
            data):
        raise _NeedsSlow
    out = orjson.loads(text)
    if tree.is_stream(root):
        return [d for d in out if d is not None]
    return [out] if out is not None else []


def _slow(text: str, max_depth: int) -> list[Any]:
    docs = [d for d in yaml.load_all(text, Loader=Yaml12CLoader) if d is not None]
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
    try:
        refuse_deep(data, max_depth)
    except TooDeep as exc:
        raise ParseError(str(exc)) from None
    if ryml is not None:
        err = bytearray()
        slow_only = False
        try:
            if _STDERR_SILENCED:  # a parse worker: no per-file fd juggling on the hot path
                return _fast(data), None
            with quiet_stderr(err):
                return _fast(data), None
        except _NeedsSlow:
            slow_only = True
        except Exception:  # noqa: BLE001 - fall back to the careful loaders below
            if _STDERR_SILENCED and len(data) > FAST_RETRY_ABOVE:
                # Once more with capture: rapidyaml's message gives the line to cut at.
                with contextlib.suppress(Exception), quiet_stderr(err):
                    _fast(data)
        cut = (_fast_truncated(data, err) if len(data) > FAST_RETRY_ABOVE and not slow_only
               else None)
        if cut is not None:
            return cut
    if len(data) > SLOW_MAX_BYTES:
        raise ParseError(f"limit: the file needs the careful YAML loader (anchors, aliases or a "
                         f"syntax error), which reads files up to {SLOW_MAX_BYTES >> 20} MiB; "
                         f"this one is {len(data) / (1 << 20):.1f} MiB")
    try:
        refuse_deep_for_c_loader(data)
    except TooDeep as exc:
        raise ParseError(str(exc)) from None
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


def _fast_truncated(data: bytes, err: bytes | bytearray) -> tuple[list[Any], str] | None:
    """Retry rapidyaml without the last lines when its parse error is at the end of the file.

    A file cut short (full disk, interrupted copy) fails on its last line; cutting there with
    rapidyaml costs milliseconds where PyYAML needs seconds per megabyte.
    """
    m = _RYML_PARSE_ERROR.search(err)
    if not m:
        return None
    line = int(m.group(1))
    lines = data.splitlines()
    if line < len(lines) - 1:
        return None  # an error in the middle: the careful loader decides
    for keep in range(min(line - 1, len(lines)), max(0, line - 4), -1):
        try:
            with quiet_stderr():
                docs = _fast(b"\n".join(lines[:keep]))
        except Exception:  # noqa: BLE001 - try a shorter cut
            continue
        if docs:
            return docs, (f"truncated: {len(lines) - keep} trailing line(s) dropped "
                          f"(parse error at line {line})")
    return None


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
    # Never quote input text: the failing scalar can be a Secret value.
    text = _QUOTED.sub("'…'", str(exc))
    return f"{type(exc).__name__}: {text[:200]}"
