"""Property tests: JSON pointers resolve to the line of their node, in YAML and in JSON."""

from __future__ import annotations

import json
from typing import Any

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from analyzer.rules.evidence import excerpt, locate

KEYS = st.text(alphabet="abcxyz/~.-", min_size=1, max_size=6)
LEAVES = st.one_of(st.integers(-5, 5), st.booleans(), st.text(alphabet="pqr ", max_size=5))
TREES = st.recursive(
    LEAVES,
    lambda children: st.one_of(st.lists(children, min_size=1, max_size=3),
                               st.dictionaries(KEYS, children, min_size=1, max_size=3)),
    max_leaves=12,
)


def pointers(node: Any, prefix: str = "") -> list[tuple[str, Any]]:
    out: list[tuple[str, Any]] = []
    if isinstance(node, dict):
        for key, value in node.items():
            token = key.replace("~", "~0").replace("/", "~1")
            out.append((f"{prefix}/{token}", value))
            out.extend(pointers(value, f"{prefix}/{token}"))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            out.append((f"{prefix}/{index}", value))
            out.extend(pointers(value, f"{prefix}/{index}"))
    return out


def value_at(doc: Any, pointer: str) -> Any:
    for token in pointer.lstrip("/").split("/"):
        token = token.replace("~1", "/").replace("~0", "~")
        doc = doc[int(token)] if isinstance(doc, list) else doc[token]
    return doc


@settings(max_examples=60, deadline=None)
@given(st.dictionaries(KEYS, TREES, min_size=1, max_size=4))
def test_every_pointer_lands_on_its_node(tree: dict[str, Any]) -> None:
    for text in (yaml.safe_dump(tree, sort_keys=True), json.dumps(tree, indent=1)):
        lines = text.splitlines()
        for pointer, _ in pointers(tree):
            line = locate(text, pointer)
            assert line is not None and 1 <= line <= len(lines)
            key = pointer.rsplit("/", 1)[1].replace("~1", "/").replace("~0", "~")
            parent = value_at(tree, pointer.rsplit("/", 1)[0]) if pointer.count("/") > 1 \
                else tree
            if text.startswith("{") and isinstance(parent, dict):
                assert lines[line - 1].lstrip().startswith(json.dumps(key) + ":")
        assert locate(text, "/no-such-key-here") == 1


@given(st.integers(1, 30), st.integers(0, 4))
def test_excerpt_window_is_clamped(line: int, context: int) -> None:
    text = "\n".join(f"k{i}: v{i}" for i in range(1, 21))
    shown = excerpt(text, min(line, 20), context).splitlines()
    numbers = [int(s.split()[0]) for s in shown]
    assert numbers == list(range(max(1, min(line, 20) - context),
                                 min(20, min(line, 20) + context) + 1))
