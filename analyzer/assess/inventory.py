"""Inventory for the assessment: DSC components, models, workbenches and operators.

Models and workbenches come from their custom resources when the bundle holds them, else they
are inferred (``inferred: true``) from what a 2.x must-gather does collect (bundle-format.md
§7.2): Knative Services, predictor and ModelMesh Deployments and Pods labelled
``serving.kserve.io/inferenceservice`` for models; StatefulSets owned by a Notebook, labelled
``notebook-name`` or with Pods labelled ``notebook-name`` for workbenches.
"""

from __future__ import annotations

from typing import Any

import duckdb

from analyzer.assess.refs import fetch_dicts

# The inventory lists, each a plain read of its view (queries/_assessment/<name>.sql).
_LISTS = {
    "components": "select name, state from asm_component_states order by name",
    "models": ("select namespace, name, mode, runtime, inferred from asm_models "
               "order by namespace, name, inferred"),
    "workbenches": ("select namespace, name, image, state, custom_image, inferred "
                    "from asm_workbenches order by namespace, name"),
    "operators": ("select name, namespace, channel, installed_csv from asm_subscriptions "
                  "order by name, namespace"),
}


def inventory_lists(con: duckdb.DuckDBPyConnection) -> dict[str, list[dict[str, Any]]]:
    """Build the ``inventory`` block: components, models, workbenches and operators.

    Reads the ``asm_*`` views, which the caller has created (``refs.prepare_views``).

    Returns:
        ``{"components", "models", "workbenches", "operators"}``, each sorted.
    """
    return {key: fetch_dicts(con, sql) for key, sql in _LISTS.items()}


def component_states(con: duckdb.DuckDBPyConnection) -> dict[str, str] | None:
    """Return every DSC component's managementState, or None without a DataScienceCluster.

    Values are Managed, Unmanaged, Removed, or ``absent`` when unset or unrecognised. The
    ``asm_*`` views must exist (:func:`analyzer.assess.refs.prepare_views`).
    """
    if not dsc_count(con):
        return None
    rows = con.execute("select name, state from asm_component_states").fetchall()
    return {str(name): str(state) for name, state in rows}


def component_state(con: duckdb.DuckDBPyConnection, component: str) -> str | None:
    """Return one DSC component's managementState, or None without a DataScienceCluster.

    A component the DataScienceCluster does not name is ``absent``.
    """
    states = component_states(con)
    return None if states is None else states.get(component, "absent")


def dsc_count(con: duckdb.DuckDBPyConnection) -> int:
    """Return how many DataScienceClusters the bundle holds."""
    row = con.execute("select dscs from asm_bundle_facts").fetchone()
    return int(row[0]) if row else 0


def ootb_catalogue_size(con: duckdb.DuckDBPyConnection) -> int:
    """Return how many OOTB workbench ImageStreams were found."""
    row = con.execute("select count(distinct name) from asm_ootb_images").fetchone()
    return int(row[0]) if row else 0
