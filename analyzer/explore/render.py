"""Print objects as ``oc get`` does: a table, YAML or JSON, names, or a JSONPath template.

Several objects print as a ``List``. Every cell is escaped: nothing from a bundle reaches a
terminal raw.
"""

from __future__ import annotations

import json
import re
from datetime import datetime
from typing import Any

import yaml

from analyzer.errors import UsageError
from analyzer.explore.columns import columns_for
from analyzer.explore.objects import Obj
from analyzer.safetext import visible

MAX_CELL = 200


def table(rows: list[list[str]], header: list[str]) -> str:
    """Left-aligned columns separated by three spaces, as ``oc`` prints them."""
    cells = [[visible(c)[:MAX_CELL] for c in r] for r in rows]
    widths = [max([len(h)] + [len(r[i]) for r in cells]) for i, h in enumerate(header)]
    lines = ["   ".join(h.ljust(w) for h, w in zip(header, widths, strict=True)).rstrip()]
    lines += ["   ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip()
              for r in cells]
    return "\n".join(lines) + "\n"


def as_table(objs: list[Obj], now: datetime | None, all_namespaces: bool, wide: bool) -> str:
    """The default ``oc get`` table of ``objs`` (one kind or several, grouped per kind)."""
    out: list[str] = []
    kinds = sorted({(o.ref.group, o.ref.kind) for o in objs})
    for group, kind in kinds:
        mine = [o for o in objs if (o.ref.group, o.ref.kind) == (group, kind)]
        cols = columns_for(kind, wide)
        header = [c[0] for c in cols]
        rows = [[fn(o, now) for _, fn in cols] for o in mine]
        if len(kinds) > 1:
            prefix = mine[0].ref.qualified
            rows = [[f"{prefix}/{r[0]}", *r[1:]] for r in rows]
        if all_namespaces and any(o.namespace for o in mine):
            header = ["NAMESPACE", *header]
            rows = [[o.namespace or "", *r] for o, r in zip(mine, rows, strict=True)]
        out.append(table(rows, header))
    return "\n".join(out)


def _document(objs: list[Obj], single: bool) -> dict[str, Any]:
    if single and len(objs) == 1:
        return objs[0].raw
    return {"apiVersion": "v1", "kind": "List", "items": [o.raw for o in objs],
            "metadata": {"resourceVersion": ""}}


def as_yaml(objs: list[Obj], single: bool) -> str:
    """YAML as collected (a ``List`` unless one object was asked for by name)."""
    text = yaml.safe_dump(_document(objs, single), sort_keys=False, allow_unicode=False,
                          width=1 << 16)
    return visible(text, keep_breaks=True)


def as_json(objs: list[Obj], single: bool) -> str:
    """JSON as collected (non-ASCII escaped, so no control character reaches the terminal)."""
    return json.dumps(_document(objs, single), indent=4, ensure_ascii=True) + "\n"


def as_names(objs: list[Obj]) -> str:
    """``kind.group/name`` per line, as ``oc get -o name``."""
    return "".join(f"{o.ref.qualified}/{visible(o.name)}\n" for o in objs)


_TOKEN = re.compile(r"\.([A-Za-z0-9_\-/]+)|\[(\*|-?\d+)\]|\['([^']*)'\]")


def _walk(values: list[Any], path: str) -> list[Any]:
    pos = 0
    path = path.strip()
    if path.startswith("$"):
        path = path[1:]
    while pos < len(path):
        m = _TOKEN.match(path, pos)
        if not m:
            raise UsageError(f"unsupported JSONPath near {path[pos:]!r} (fields, [n], [*])")
        pos = m.end()
        key, index, quoted = m.groups()
        nxt: list[Any] = []
        for v in values:
            if key is not None or quoted is not None:
                field = key if key is not None else quoted
                if isinstance(v, dict) and field in v:
                    nxt.append(v[field])
            elif index == "*":
                nxt.extend(v if isinstance(v, list) else v.values() if isinstance(v, dict)
                           else [])
            elif isinstance(v, list) and -len(v) <= int(index) < len(v):
                nxt.append(v[int(index)])
        values = nxt
    return values


def _text(value: Any) -> str:
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=True)
    return "" if value is None else str(value).lower() if isinstance(value, bool) else str(value)


def as_jsonpath(objs: list[Obj], template: str, single: bool) -> str:
    """A kubectl JSONPath template (``{.metadata.name}``, ``{.items[*].spec.x}``, literals)."""
    root = _document(objs, single)
    out: list[str] = []
    pos = 0
    body = template if "{" in template else "{" + template + "}"
    for m in re.finditer(r"\{([^{}]*)\}", body):
        out.append(body[pos:m.start()])
        expr = m.group(1).strip()
        if expr in ("@", "$", ""):
            out.append(_text(root))
        else:
            out.append(" ".join(_text(v) for v in _walk([root], expr)))
        pos = m.end()
    out.append(body[pos:])
    text = "".join(out).replace("\\n", "\n").replace("\\t", "\t")
    return visible(text, keep_breaks=True) + ("" if text.endswith("\n") else "\n")
