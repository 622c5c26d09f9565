"""Exposure class (migration-facts.md §4): minimal, moderate or high, with the reasons.

- **high**: ModelMesh or Serverless models (CRs, or inferred from Knative Services and
  Deployments), distributed inference (LLMInferenceServices), custom oauth-proxy
  configurations, Service Mesh v2 dependencies (DSCI serviceMesh Managed/Unmanaged, the
  servicemeshoperator Subscription, ServiceMeshControlPlanes);
- **moderate**: custom workbench images, Kueue for batch scheduling, Llama Stack;
- **minimal**: none of these.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import duckdb

from analyzer.assess.inventory import component_state
from analyzer.assess.refs import fetch_dicts, fetch_one, plural

LEVELS = ("minimal", "moderate", "high")

# Every reason this module writes names one of these phrases; exposure_class() reads a
# finished assessment back through them. Moderate phrases never contain a high phrase.
_HIGH_MARKERS = ("ModelMesh", "Serverless", "LLMInferenceService", "oauth-proxy",
                 "Service Mesh v2")
_MODERATE_MARKERS = ("custom image", "Kueue", "Llama Stack")

def _models(inventory: Mapping[str, Any], mode: str, inferred: bool) -> int:
    return sum(1 for m in inventory["models"] if m["mode"] == mode and m["inferred"] == inferred)


def _serving_sources(con: duckdb.DuckDBPyConnection, mode: str) -> str:
    rows = fetch_dicts(con, "select source from asm_inferred_serving_sources where mode = ? "
                            "order by source", [mode])
    return " or ".join(plural(2, r["source"]).removeprefix("2 ") for r in rows)


def _high(con: duckdb.DuckDBPyConnection, inventory: Mapping[str, Any],
          facts: Mapping[str, Any]) -> list[str]:
    out: list[str] = []
    for mode in ("ModelMesh", "Serverless"):
        n = _models(inventory, mode, inferred=False)
        if n:
            out.append(f"{plural(n, mode + ' InferenceService')}")
    n = _models(inventory, "Serverless", inferred=True)
    if n:
        out.append(f"{plural(n, 'Serverless InferenceService')} (inferred from "
                   f"{_serving_sources(con, 'Serverless')})")
    n = _models(inventory, "ModelMesh", inferred=True)
    if n:
        out.append(f"{plural(n, 'ModelMesh model server Deployment')} "
                   "(inferred from Deployments: InferenceServices not collected)")
    llm = facts["llm_isvcs"]
    if llm:
        out.append(f"{plural(llm, 'LLMInferenceService')} (distributed inference)")
    oauth = {r["kind"]: r["n"] for r in fetch_dicts(con, "select kind, n from "
                                                       "asm_custom_oauth_proxy order by kind")}
    if oauth.get("Notebook"):
        out.append(f"{plural(oauth['Notebook'], 'Notebook')} with a custom oauth-proxy "
                   "configuration")
    if oauth.get("StatefulSet"):
        out.append(f"{plural(oauth['StatefulSet'], 'workbench StatefulSet')} with a custom "
                   "oauth-proxy configuration (inferred: Notebooks not collected)")
    if oauth.get("Deployment"):
        out.append(f"{plural(oauth['Deployment'], 'user Deployment')} in data-science "
                   "namespaces with an oauth-proxy container (custom oauth-proxy configuration)")
    mesh = facts["mesh_state"]
    if mesh in ("Managed", "Unmanaged"):
        out.append(f"DSCInitialization serviceMesh managementState is {mesh} (Service Mesh v2)")
    for row in fetch_dicts(con, "select name, csv from asm_known_operators "
                                "where key = 'servicemesh2' order by namespace, name"):
        out.append(f"Service Mesh v2 operator installed ({row['csv'] or row['name']})")
    smcp = facts["smcps"]
    if smcp:
        out.append(f"{plural(smcp, 'ServiceMeshControlPlane')} (Service Mesh v2)")
    return out


def _moderate(con: duckdb.DuckDBPyConnection, inventory: Mapping[str, Any],
              facts: Mapping[str, Any]) -> list[str]:
    out: list[str] = []
    custom = [w for w in inventory["workbenches"] if w["custom_image"]]
    if custom:
        images = len({w["image"] for w in custom})
        verb = "uses" if len(custom) == 1 else "use"
        inferred = " (inferred from StatefulSets)" if all(w["inferred"] for w in custom) else ""
        out.append(f"{plural(len(custom), 'workbench')} {verb} a custom image "
                   f"({plural(images, 'distinct image')}){inferred}")
    state = component_state(con, "kueue")
    if state in ("Managed", "Unmanaged"):
        out.append(f"Kueue is {state} in the DataScienceCluster")
    labelled = {r["kind"]: r["n"] for r in fetch_dicts(con, "select kind, n from "
                                                          "asm_queue_labels order by kind")}
    if labelled:
        total = sum(labelled.values())
        kinds = ", ".join(plural(n, kind) for kind, n in labelled.items())
        out.append(f"{plural(total, 'object')} ({kinds}) carry the Kueue queue label "
                   "kueue.x-k8s.io/queue-name")
    managed_ns = facts["kueue_namespaces"]
    if managed_ns:
        out.append(f"{plural(managed_ns, 'namespace')} labelled Kueue-managed")
    lsd = facts["llamastacks"]
    if lsd:
        out.append(f"{plural(lsd, 'LlamaStackDistribution')} (Llama Stack)")
    return out


def exposure_from_inventory(
    con: duckdb.DuckDBPyConnection, inventory: Mapping[str, Any]
) -> tuple[str, list[str]]:
    """Classify exposure from the bundle and an already built inventory.

    Returns:
        ``(class, reasons)``: high reasons first, then moderate ones, each a short sentence
        with counts.
    """
    facts = fetch_one(con, "select * from asm_exposure_facts")  # one scan serves both levels
    high = _high(con, inventory, facts)
    moderate = _moderate(con, inventory, facts)
    level = "high" if high else "moderate" if moderate else "minimal"
    return level, high + moderate


def classify_reason(reason: str) -> str:
    """Return the exposure level (``high`` or ``moderate``) a reason sentence stands for.

    Raises:
        ValueError: the sentence is not one this module writes.
    """
    if any(marker in reason for marker in _HIGH_MARKERS):
        return "high"
    if any(marker in reason for marker in _MODERATE_MARKERS):
        return "moderate"
    raise ValueError(f"not an exposure reason: {reason!r}")


def level_of(reasons: Sequence[str]) -> str:
    """Return the exposure class that a list of reasons adds up to."""
    levels = {classify_reason(r) for r in reasons}
    return max(levels | {"minimal"}, key=LEVELS.index)
