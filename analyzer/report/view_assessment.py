"""Template views of the cluster facts and the ``assessment`` block.

Every value is normalised (missing keys become ``None``) so templates can run under
``StrictUndefined`` whatever shape of assessment they are given.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from typing import Any

from analyzer.report.common import Report
from analyzer.report.textfmt import clip

_CLUSTER_FACTS = (
    ("OpenShift", "ocp_version", "ocp_version_source", "ClusterVersion"),
    ("RHOAI", "rhoai_version", "rhoai_version_source", None),
    ("Channel", "channel", None, "Subscription spec.channel"),
    ("Platform", "platform", None, "Infrastructure status"),
    ("Collected at", "collected_at", None, "bundle timestamp"),
)
_SOURCE_LABELS = {
    "csv": "ClusterServiceVersion",
    "dsc": "DataScienceCluster status",
    "dsci": "DSCInitialization status",
    "version-file": "must-gather version file",
    "subscription": "Subscription",
    "flag": "--source-version flag",
}
_MODES = ("ModelMesh", "Serverless", "RawDeployment", "unknown")
_SECTIONS = ("Backup", "Platform", "Workloads", "Operator cleanup",
             "Right before the upgrade")
_KEYS = {
    "model": ("namespace", "name", "mode", "runtime", "inferred"),
    "workbench": ("namespace", "name", "image", "state", "custom_image", "inferred"),
    "operator": ("name", "namespace", "channel", "installed_csv"),
    "support": (
        "stream",
        "channel",
        "release_type",
        "support_ends",
        "as_of",
        "months_left",
        "collected_on",
        "months_left_at_collection",
        "note",
    ),
    "check": ("id", "section", "item", "status", "detail", "rule_id"),
    "effort": ("component", "effort", "in_use", "action", "evidence", "confirmed"),
    "sizing": ("size", "basis", "signals", "timeline", "total", "note"),
    "step": ("step", "id", "title", "status", "why", "rule_ids", "objects", "more_objects",
             "checks", "not_evaluated"),
    "phase": ("phase", "estimate"),
    "coverage": ("kind", "status", "count", "hint"),
    "input": ("path", "sha256", "format"),
    "root": ("path", "kind", "image", "product", "version"),
    "error": ("file", "error"),
}


def pick(kind: str, value: object) -> dict[str, Any]:
    """Return ``value``'s keys of ``kind`` (``None`` when missing): safe under StrictUndefined."""
    mapping = value if isinstance(value, Mapping) else {}
    return {key: mapping.get(key) for key in _KEYS[kind]}


def picks(kind: str, values: object) -> list[dict[str, Any]]:
    """Apply :func:`pick` to every item of a list (a non-list gives an empty list)."""
    return [pick(kind, v) for v in values] if isinstance(values, list) else []


Excerpts = Mapping[tuple[str, str], str]


def excerpt_index(assessment: Mapping[str, Any]) -> dict[tuple[str, str], str]:
    """Index ``assessment.excerpts`` (source lines around evidence) by (file, pointer)."""
    out: dict[tuple[str, str], str] = {}
    for item in assessment.get("excerpts") or []:
        if isinstance(item, Mapping) and item.get("file") and item.get("excerpt"):
            key = (str(item["file"]), str(item.get("pointer") or ""))
            out[key] = clip(item["excerpt"], 4000)
    return out


def cluster_view(report: Report) -> list[dict[str, Any]]:
    """Return cluster fact rows: label, value and where it was read from."""
    cluster = report.get("cluster") or {}
    rows = []
    for label, key, source_key, default_source in _CLUSTER_FACTS:
        value = cluster.get(key)
        source = cluster.get(source_key) if source_key else None
        source_text: str
        if source:
            source_text = f"{_SOURCE_LABELS.get(str(source), str(source))} ({source})"
        else:
            source_text = (default_source or "") if value is not None else ""
        rows.append(
            {
                "label": label,
                "value": "not found" if value is None else str(value),
                "missing": value is None,
                "source": source_text or "unknown",
            }
        )
    return rows


def inventory_view(inventory: Mapping[str, Any]) -> dict[str, Any]:
    """Return inventory lists plus the counts behind the inline pictures."""
    models = picks("model", inventory.get("models"))
    mode_counts = Counter(str(m.get("mode") or "unknown") for m in models)
    modes = [m for m in _MODES if mode_counts[m]] + sorted(set(mode_counts) - set(_MODES))
    peak = max(mode_counts.values(), default=0)
    mode_bars = [
        {
            "mode": m,
            "count": mode_counts[m],
            "width": round(100.0 * mode_counts[m] / peak, 3) if peak else 0.0,
        }
        for m in modes
    ]
    workbenches = picks("workbench", inventory.get("workbenches"))
    by_image: dict[str, Counter[str]] = {}
    for wb in workbenches:
        by_image.setdefault(str(wb.get("image") or "unknown"), Counter())[
            str(wb.get("state") or "unknown")
        ] += 1
    images = [
        {
            "image": image,
            "custom": any(
                bool(w.get("custom_image"))
                for w in workbenches
                if str(w.get("image") or "unknown") == image
            ),
            "states": sorted(states.items()),
            "total": sum(states.values()),
        }
        for image, states in sorted(by_image.items())
    ]
    return {
        "components": [
            {"name": str(c.get("name") or ""), "state": str(c.get("state") or "absent")}
            for c in inventory.get("components") or []
        ],
        "models": models,
        "mode_bars": mode_bars,
        "workbenches": workbenches,
        "images": images,
        "operators": picks("operator", inventory.get("operators")),
    }


def checklist_view(checklist: object) -> list[dict[str, Any]]:
    """Group checklist items by section in the fixed section order."""
    checklist = picks("check", checklist)
    sections = [s for s in _SECTIONS if any(i.get("section") == s for i in checklist)]
    sections += sorted({str(i.get("section")) for i in checklist} - set(_SECTIONS))
    return [
        {"section": s, "items": [i for i in checklist if str(i.get("section")) == s]}
        for s in sections
    ]


# Inventory list -> the coverage kinds (table names) whose absence would explain it.
_INVENTORY_SOURCES = {
    "components": ("datascienceclusters",),
    "models": ("inferenceservices",),
    "workbenches": ("notebooks",),
    "operators": ("subscriptions",),
}


def inventory_gaps(coverage: object) -> dict[str, str | None]:
    """Tell, per inventory list, whether its source kind was not collected.

    An empty list then means "not collected", never "none in the cluster".

    Returns:
        For each list name: ``None`` when its kind was collected (or is unknown), else the
        collection hint (possibly empty).
    """
    missing: dict[str, str] = {}
    for item in picks("coverage", coverage):
        if item["status"] == "not_collected":
            missing[str(item["kind"] or "").lower()] = str(item["hint"] or "")
    out: dict[str, str | None] = {}
    for name, kinds in _INVENTORY_SOURCES.items():
        found = [missing[k] for k in kinds if k in missing]
        out[name] = found[0] if found else None
    return out
