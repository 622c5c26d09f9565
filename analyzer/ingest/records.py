"""Turn parsed documents into ``objects`` rows: flatten Lists, strip noise, redact Secrets."""

from __future__ import annotations

import base64
import binascii
import re
from collections.abc import Iterator
from typing import Any

import orjson

# YAML keys may be ints, booleans or null on the PyYAML path; JSON needs strings.
_NON_STR = orjson.OPT_NON_STR_KEYS
_SORTED = orjson.OPT_SORT_KEYS | orjson.OPT_NON_STR_KEYS
_ELIDED = re.compile(rb"^(\d+) bytes long$")
SECRET_DROP_ANNOTATIONS = (
    "kubectl.kubernetes.io/last-applied-configuration",
    "openshift.io/token-secret.value",
)

# (input_id, root_id, file, doc, item, api_version, group, version, kind, namespace, name, uid,
#  resource_version, labels, annotations, raw, is_copied_csv, had_managed_fields)
Record = tuple[Any, ...]


def _value_length(value: Any, encoded: bool) -> int:
    """Length in bytes of a Secret value; must-gather's "<n> bytes long" placeholder gives n."""
    if not isinstance(value, str):
        return 0
    if not encoded:
        return len(value.encode("utf-8", "replace"))
    try:
        raw = base64.b64decode(value, validate=False)
    except (binascii.Error, ValueError):
        return len(value)
    m = _ELIDED.match(raw)
    return int(m.group(1)) if m else len(raw)


def redact_secret(obj: dict[str, Any]) -> None:
    """Replace every Secret value by its byte length and drop value-bearing annotations."""
    for key, encoded in (("data", True), ("stringData", False)):
        values = obj.get(key)
        if isinstance(values, dict):
            obj[key] = {k: _value_length(v, encoded) for k, v in values.items()}
        elif values is not None:
            obj[key] = {}
    meta = obj.get("metadata")
    if isinstance(meta, dict) and isinstance(meta.get("annotations"), dict):
        for ann in SECRET_DROP_ANNOTATIONS:
            meta["annotations"].pop(ann, None)


def _flatten(doc: Any) -> Iterator[tuple[int | None, dict[str, Any]]]:
    """Yield (item index, object) for a document; ``kind: List``/``<Kind>List`` are opened."""
    if isinstance(doc, list):  # a bare JSON array of objects (Insights, some dumps)
        for i, item in enumerate(doc):
            if isinstance(item, dict):
                yield i, item
        return
    if not isinstance(doc, dict):
        return
    kind = doc.get("kind")
    items = doc.get("items")
    if isinstance(kind, str) and kind.endswith("List") and isinstance(items, list):
        item_kind = kind[:-4] if kind != "List" else None
        api = doc.get("apiVersion")
        for i, item in enumerate(items):
            if not isinstance(item, dict):
                continue
            if item_kind and "kind" not in item:
                item["kind"] = item_kind
            if api and "apiVersion" not in item:
                item["apiVersion"] = api
            if isinstance(item.get("kind"), str) and item["kind"].endswith("List") and \
                    isinstance(item.get("items"), list):
                for j, sub in _flatten(item):  # nested list: keep the outer index
                    del j
                    yield i, sub
                continue
            yield i, item
        return
    yield None, doc


def _str(value: Any) -> str | None:
    if value is None:
        return None
    return value if isinstance(value, str) else str(value)


def build_records(docs: list[Any], file: str, input_id: int) -> tuple[list[Record], list[tuple]]:
    """Return the ``objects`` rows and ``discovery`` rows for one file's documents."""
    records: list[Record] = []
    discovery: list[tuple] = []
    insights_cv = file.endswith("config/version.json")
    for doc_index, doc in enumerate(docs):
        if insights_cv and isinstance(doc, dict) and "kind" not in doc:
            doc = {"apiVersion": "config.openshift.io/v1", "kind": "ClusterVersion", **doc}
            doc.setdefault("metadata", {"name": "version"})
        for item, obj in _flatten(doc):
            kind = obj.get("kind")
            api = obj.get("apiVersion")
            if not isinstance(kind, str) or not isinstance(api, str):
                continue
            if kind == "APIGroupDiscoveryList" or kind == "APIGroupDiscovery":
                discovery.extend(discovery_rows(obj))
            meta = obj.get("metadata")
            if not isinstance(meta, dict):
                meta = {}
            had_mf = meta.pop("managedFields", None) is not None
            if kind == "Secret":  # any group: a hostile or odd apiVersion must not leak values
                redact_secret(obj)
            group, _, version = api.rpartition("/")
            raw_labels = meta.get("labels")
            labels: dict[str, Any] = raw_labels if isinstance(raw_labels, dict) else {}
            annotations = (meta.get("annotations")
                           if isinstance(meta.get("annotations"), dict) else {})
            raw_status = obj.get("status")
            status: dict[str, Any] = raw_status if isinstance(raw_status, dict) else {}
            copied = kind == "ClusterServiceVersion" and (
                "olm.copiedFrom" in labels or status.get("reason") == "Copied")
            records.append((
                input_id, None, file, doc_index, item, api, group, version, kind,
                _str(meta.get("namespace")), _str(meta.get("name")), _str(meta.get("uid")),
                _str(meta.get("resourceVersion")),
                orjson.dumps(labels, option=_SORTED),  # bytes: UTF-8 JSON, no round trip
                orjson.dumps(annotations, option=_SORTED),
                orjson.dumps(obj, option=_NON_STR), copied, had_mf,
            ))
    return records, discovery


def discovery_rows(obj: dict[str, Any]) -> list[tuple]:
    """Rows (group, version, resource, kind, scope) of an aggregated discovery document."""
    groups = obj.get("items") if obj.get("kind") == "APIGroupDiscoveryList" else [obj]
    rows = []
    for grp in groups or []:
        if not isinstance(grp, dict):
            continue
        name = (grp.get("metadata") or {}).get("name") or ""
        for ver in grp.get("versions") or []:
            if not isinstance(ver, dict):
                continue
            for res in ver.get("resources") or []:
                if not isinstance(res, dict):
                    continue
                rk = res.get("responseKind") or {}
                rows.append((_str(name), _str(ver.get("version")), _str(res.get("resource")),
                             _str(rk.get("kind")), _str(res.get("scope"))))
    return rows
