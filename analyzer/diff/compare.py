"""Compare two sides: findings by a stable identity, rule outcomes, and inventory parity.

A finding's identity is (rule, kind, namespace, name, evidence pointer). Folder names never
take part: a name that starts with one of its bundle's top folders (``must-gather.local.N/``,
the name of an inspect root) is compared without it, so the same bundle re-collected (or just
renamed) reports nothing.
"""

from __future__ import annotations

from typing import Any

from analyzer.diff.inventory import FAMILIES
from analyzer.diff.load import Side
from analyzer.errors import BadInputError

SEV_RANK = {"info": 0, "warning": 1, "critical": 2, "prohibited": 3}
BLOCKING = ("critical", "prohibited")
Key = tuple[str, str, str, str, str]


def _tops(report: dict[str, Any]) -> list[str]:
    """The first path components of the report's roots, longest first (``must-gather.local.1``)."""
    tops = {str(r.get("path") or "").split("/", 1)[0] for r in report.get("roots") or []}
    return sorted((t for t in tops if t and t != "."), key=lambda t: (-len(t), t))


def _strip(value: str, tops: list[str]) -> str:
    for top in tops:
        if value == top:
            return "."
        if value.startswith(top + "/"):
            return value[len(top) + 1:]
    return value


def findings_by_identity(report: dict[str, Any]) -> dict[Key, dict[str, Any]]:
    """Every finding of ``report`` keyed by its stable identity."""
    tops = _tops(report)
    out: dict[Key, dict[str, Any]] = {}
    for result in report["results"]:
        for f in result["findings"]:
            evidence = f.get("evidence") or [{}]
            pointer = str((evidence[0] or {}).get("pointer") or "")
            name = _strip(str(f["name"]), tops)
            key = (str(result["rule_id"]), str(f.get("kind") or ""),
                   str(f.get("namespace") or ""), name, pointer)
            out[key] = {"rule_id": result["rule_id"], "title": result.get("title", ""),
                        "kind": f.get("kind"), "namespace": f.get("namespace"), "name": name,
                        "pointer": pointer or None, "severity": f["severity"],
                        "message": f.get("message", "")}
    return out


def _identity(report: dict[str, Any]) -> tuple[str, str | None]:
    cluster = report.get("cluster") or {}
    label = cluster.get("id") or cluster.get("infrastructure_name") or cluster.get("api_url")
    return (str(label) if label else "unknown cluster"), label


def check_same_cluster(before: Side, after: Side, force: bool) -> str | None:
    """Refuse two different clusters (exit 3) unless ``force``; return a note when unknown."""
    b_label, b_id = _identity(before.report)
    a_label, a_id = _identity(after.report)
    if b_id and a_id and b_id != a_id:
        if force:
            return f"--force: comparing two different clusters ({b_label} and {a_label})"
        raise BadInputError(
            f"{before.path} is cluster {b_label} but {after.path} is cluster {a_label}: "
            "diff compares two analyses of one cluster (use --force to compare anyway)")
    if not (b_id and a_id):
        return "cluster identity unknown on at least one side: not checked"
    return None


def _inventory(before: Side, after: Side) -> dict[str, Any]:
    if before.inventory is None or after.inventory is None:
        return {"compared": False, "missing": [], "added": [], "changed": [],
                "families": [], "note": "report.json inputs carry no object inventory: "
                                        "give bundles or --db files to compare objects"}
    b = {_inv_key(o): o for o in before.inventory}
    a = {_inv_key(o): o for o in after.inventory}
    missing = [b[k] for k in sorted(b.keys() - a.keys())]
    added = [a[k] for k in sorted(a.keys() - b.keys())]
    changed = []
    for k in sorted(b.keys() & a.keys()):
        if b[k]["detail"] != a[k]["detail"]:
            lost = k[1] == "model" and b[k]["detail"] and not a[k]["detail"]
            changed.append({**a[k], "before": b[k]["detail"], "after": a[k]["detail"],
                            "regression": bool(lost)})
    families = sorted({(k[0], k[1]) for k in b.keys() | a.keys()})
    counts = [{"family": f, "before": sum(1 for k in b if k[1] == f),
               "after": sum(1 for k in a if k[1] == f),
               "missing": sum(1 for o in missing if o["family"] == f)} for _, f in families]
    return {"compared": True, "missing": missing, "added": added, "changed": changed,
            "families": counts, "note": None}


def _inv_key(o: dict[str, Any]) -> tuple[int, str, str, str]:
    """Sort and match key of an inventoried object: family (in report order), namespace, name."""
    rank = FAMILIES.index(o["family"]) if o["family"] in FAMILIES else len(FAMILIES)
    return (rank, o["family"], o["namespace"] or "", o["name"])


def diff_sides(before: Side, after: Side, force: bool = False) -> dict[str, Any]:
    """The diff document (diff.json): verdicts, findings, outcomes, inventory, regressions."""
    note = check_same_cluster(before, after, force)
    fb, fa = findings_by_identity(before.report), findings_by_identity(after.report)
    changed = [{**fa[k], "before_severity": fb[k]["severity"]}
               for k in sorted(fb.keys() & fa.keys()) if fb[k]["severity"] != fa[k]["severity"]]
    new = [fa[k] for k in sorted(fa.keys() - fb.keys())]
    ob = {r["rule_id"]: r.get("outcome") for r in before.report["results"]}
    oa = {r["rule_id"]: r.get("outcome") for r in after.report["results"]}
    inventory = _inventory(before, after)
    regressions = (
        [f"new {f['severity']} finding {f['rule_id']} {f['kind']} {_where(f)}"
         for f in new if f["severity"] in BLOCKING]
        + [f"{f['rule_id']} {f['kind']} {_where(f)} raised to {f['severity']}"
           for f in changed if f["severity"] in BLOCKING
           and SEV_RANK[f["severity"]] > SEV_RANK.get(f["before_severity"], 0)]
        + [f"{o['family']} {_where(o)} missing after" for o in inventory["missing"]]
        + [f"{o['family']} {_where(o)} lost its endpoint" for o in inventory["changed"]
           if o["regression"]])
    return {
        "before": _side_summary(before), "after": _side_summary(after),
        "note": note,
        "new": new,
        "resolved": [fb[k] for k in sorted(fb.keys() - fa.keys())],
        "changed": changed,
        "outcome_changes": [{"rule_id": rid, "before": ob.get(rid), "after": oa.get(rid)}
                            for rid in sorted(ob.keys() | oa.keys())
                            if ob.get(rid) != oa.get(rid)],
        "inventory": inventory,
        "regressions": regressions,
        "regressed": bool(regressions),
    }


def _where(o: dict[str, Any]) -> str:
    return f"{o['namespace']}/{o['name']}" if o.get("namespace") else str(o["name"])


def _side_summary(side: Side) -> dict[str, Any]:
    report = side.report
    cluster = report.get("cluster") or {}
    return {"input": str(side.path), "verdict": report.get("verdict"),
            "target_version": report.get("target_version"),
            "cluster": {k: cluster.get(k) for k in ("id", "infrastructure_name", "api_url",
                                                    "ocp_version", "rhoai_version",
                                                    "collected_at")}}
