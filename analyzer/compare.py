"""``mgscan diff`` and ``mgscan fleet``: compare two reports, summarise many clusters."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from analyzer.app import AnalyzeOptions
from analyzer.errors import BadInputError

SEV_RANK = {"info": 0, "warning": 1, "critical": 2, "prohibited": 3}


def load_or_analyze(path: Path, base: AnalyzeOptions) -> dict[str, Any]:
    """A report.json as is, or the report of analyzing a bundle."""
    from analyzer.analysis import build_report

    if path.is_file() and path.suffix == ".json":
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError) as exc:
            raise BadInputError(f"{path}: not a readable report.json ({exc})") from exc
        if isinstance(data, dict) and data.get("schema_version") == 1 and "results" in data:
            return data
    opts = AnalyzeOptions(inputs=[path], target_version=base.target_version,
                          source_version=base.source_version, checks=base.checks,
                          limits=base.limits, clock=base.clock)
    return build_report(opts)


def _findings(report: dict[str, Any]) -> dict[tuple[str, str, str, str], dict[str, Any]]:
    out = {}
    for result in report["results"]:
        for f in result["findings"]:
            key = (result["rule_id"], f["kind"], f.get("namespace") or "", f["name"])
            out[key] = {"rule_id": result["rule_id"], "title": result["title"],
                        "kind": f["kind"], "namespace": f.get("namespace"), "name": f["name"],
                        "severity": f["severity"], "message": f["message"]}
    return out


def _inventory(report: dict[str, Any]) -> Counter[str]:
    return Counter({c["kind"]: int(c.get("count") or 0) for c in report.get("coverage", [])})


def diff_reports(before: dict[str, Any], after: dict[str, Any]) -> dict[str, Any]:
    """Findings new / resolved / changed, outcome changes and inventory parity."""
    fb, fa = _findings(before), _findings(after)
    changed = [
        {**fa[k], "before_severity": fb[k]["severity"]}
        for k in sorted(fb.keys() & fa.keys())
        if fb[k]["severity"] != fa[k]["severity"] or fb[k]["message"] != fa[k]["message"]
    ]
    ob = {r["rule_id"]: r["outcome"] for r in before["results"]}
    oa = {r["rule_id"]: r["outcome"] for r in after["results"]}
    outcomes = [{"rule_id": rid, "before": ob.get(rid), "after": oa.get(rid)}
                for rid in sorted(ob.keys() | oa.keys()) if ob.get(rid) != oa.get(rid)]
    ib, ia = _inventory(before), _inventory(after)
    inventory = [{"kind": k, "before": ib.get(k, 0), "after": ia.get(k, 0)}
                 for k in sorted(ib.keys() | ia.keys()) if ib.get(k, 0) != ia.get(k, 0)]
    return {
        "before": {"verdict": before["verdict"], "cluster": before["cluster"]},
        "after": {"verdict": after["verdict"], "cluster": after["cluster"]},
        "new": [fa[k] for k in sorted(fa.keys() - fb.keys())],
        "resolved": [fb[k] for k in sorted(fb.keys() - fa.keys())],
        "changed": changed,
        "outcome_changes": outcomes,
        "inventory_changes": inventory,
    }


def diff_text(d: dict[str, Any]) -> str:
    """Human-readable rendering of :func:`diff_reports`."""
    lines = [f"verdict: {d['before']['verdict']} -> {d['after']['verdict']}"]
    for title, key in (("new", "new"), ("resolved", "resolved"), ("changed", "changed")):
        lines.append(f"{title} findings: {len(d[key])}")
        for f in d[key]:
            where = f"{f['namespace']}/" if f.get("namespace") else ""
            lines.append(f"  [{f['severity']}] {f['rule_id']} {f['kind']} {where}{f['name']}")
    lines.append(f"rule outcome changes: {len(d['outcome_changes'])}")
    for o in d["outcome_changes"]:
        lines.append(f"  {o['rule_id']}: {o['before']} -> {o['after']}")
    lines.append(f"inventory changes: {len(d['inventory_changes'])}")
    for i in d["inventory_changes"]:
        lines.append(f"  {i['kind']}: {i['before']} -> {i['after']}")
    return "\n".join(lines) + "\n"


def fleet_rows(reports: Sequence[tuple[str, dict[str, Any]]]) -> tuple[list[dict[str, Any]],
                                                                      list[dict[str, Any]]]:
    """One row per cluster and one row per finding, for the fleet summary and dataset."""
    clusters, findings = [], []
    for name, rep in reports:
        worst = rep["summary"]
        clusters.append({
            "bundle": name, "verdict": rep["verdict"], "exposure": rep["exposure"],
            "ocp_version": rep["cluster"].get("ocp_version"),
            "rhoai_version": rep["cluster"].get("rhoai_version"),
            "channel": rep["cluster"].get("channel"), "platform": rep["cluster"].get("platform"),
            "prohibited": worst["prohibited"], "critical": worst["critical"],
            "warning": worst["warning"], "not_evaluated": worst["not_evaluated"],
        })
        for result in rep["results"]:
            for f in result["findings"]:
                findings.append({"bundle": name, "rule_id": result["rule_id"],
                                 "group": result["group"], "severity": f["severity"],
                                 "kind": f["kind"], "namespace": f.get("namespace"),
                                 "name": f["name"], "message": f["message"]})
    clusters.sort(key=lambda c: (-SEV_RANK.get(_worst(c), 0), c["bundle"]))
    findings.sort(key=lambda f: (f["bundle"], f["rule_id"], f["namespace"] or "", f["name"]))
    return clusters, findings


def _worst(c: dict[str, Any]) -> str:
    for sev in ("prohibited", "critical", "warning"):
        if c[sev]:
            return sev
    return "info"


def expand_fleet(args: Sequence[Path]) -> list[Path]:
    """Bundles named by ``args``: a directory of archives/bundle folders expands to its entries."""
    from analyzer.bundle.sniff import compression_of

    out: list[Path] = []
    for arg in args:
        if arg.is_dir() and not any((arg / n).exists() for n in (
                "namespaces", "cluster-scoped-resources", "timestamp", "version")):
            children = sorted(p for p in arg.iterdir() if not p.name.startswith("."))
            archives = []
            for p in children:
                if p.is_file():
                    with p.open("rb") as fh:
                        head = fh.read(300)
                    if compression_of(head) or head[257:262] == b"ustar":
                        archives.append(p)
            if archives:
                out.extend(archives + [p for p in children if p.is_dir()])
                continue
        out.append(arg)
    return out


def write_fleet(reports: Sequence[tuple[str, dict[str, Any]]], errors: list[dict[str, str]],
                out_dir: Path) -> list[Path]:
    """Write fleet.json, fleet.md and the Parquet dataset (clusters, findings) atomically."""
    import polars as pl

    from analyzer.report.atomic import write_atomic

    out_dir.mkdir(parents=True, exist_ok=True)
    clusters, findings = fleet_rows(reports)
    written = []
    summary = {"clusters": clusters, "errors": errors,
               "verdicts": dict(sorted(Counter(c["verdict"] for c in clusters).items())),
               "top_rules": _top_rules(findings)}
    path = out_dir / "fleet.json"
    write_atomic(path, json.dumps(summary, indent=2, ensure_ascii=False) + "\n")
    written.append(path)
    lines = ["# mgscan fleet summary", "",
             "| bundle | verdict | exposure | OCP | RHOAI | prohibited | critical | warning "
             "| not evaluated |", "|---|---|---|---|---|---|---|---|---|"]
    for c in clusters:
        lines.append("| " + " | ".join(_md(str(c[k])) for k in (
            "bundle", "verdict", "exposure", "ocp_version", "rhoai_version", "prohibited",
            "critical", "warning", "not_evaluated")) + " |")
    for e in errors:
        lines.append(f"| {_md(e['bundle'])} | ERROR: {_md(e['error'])} |  |  |  |  |  |  |  |")
    lines += ["", "## Most frequent findings", ""]
    lines += [f"- {t['rule_id']} ({t['severity']}): {t['clusters']} cluster(s)"
              for t in summary["top_rules"]]
    path = out_dir / "fleet.md"
    write_atomic(path, "\n".join(lines) + "\n")
    written.append(path)
    for name, rows in (("clusters", clusters), ("findings", findings)):
        path = out_dir / f"{name}.parquet"
        tmp = path.with_name(f".{path.name}.tmp")
        pl.DataFrame(rows, infer_schema_length=None).write_parquet(tmp)
        tmp.replace(path)
        written.append(path)
    return written


def _top_rules(findings: list[dict[str, Any]]) -> list[dict[str, Any]]:
    seen: dict[str, set[str]] = {}
    sev: dict[str, str] = {}
    for f in findings:
        seen.setdefault(f["rule_id"], set()).add(f["bundle"])
        sev[f["rule_id"]] = max(sev.get(f["rule_id"], "info"), f["severity"],
                                key=lambda s: SEV_RANK[s])
    rows = [{"rule_id": r, "severity": sev[r], "clusters": len(b)} for r, b in seen.items()]
    return sorted(rows, key=lambda r: (-r["clusters"], r["rule_id"]))


def _md(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ").replace("<", "&lt;").replace(">", "&gt;")
