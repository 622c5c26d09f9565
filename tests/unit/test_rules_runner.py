"""Runner: gates, not_evaluated, errors that never stop other rules, rendering, ordering."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

import duckdb
import pytest

from analyzer.rules.catalog import Catalog, load_catalog, queries_dir
from analyzer.rules.model import Group, Outcome, Rule, Severity
from analyzer.rules.runner import RunParams, run_rules
from analyzer.rules.testing import database

P = RunParams("2.25.4", "3.3.2")
RHOAI_ROOT = {"root_id": 1, "input_id": 0, "path": "mg/quay-io-modh-must-gather-sha256-ab",
              "kind": "image", "product": "red-hat-data-services/must-gather",
              "version": "2.25.4"}
NS_SQL = """select 'Notebook' as kind, namespace, name, file as evidence_file,
    '/metadata/name' as evidence_pointer, name as observed {extra}
from notebooks order by namespace, name"""


def dsc(**components: str) -> dict[str, Any]:
    return {"apiVersion": "datasciencecluster.opendatahub.io/v1", "kind": "DataScienceCluster",
            "metadata": {"name": "default-dsc"},
            "spec": {"components": {k: {"managementState": v} for k, v in components.items()}},
            "_file": "mg/cluster-scoped-resources/dsc/default-dsc.yaml"}


def notebook(ns: str, name: str) -> dict[str, Any]:
    return {"apiVersion": "kubeflow.org/v1", "kind": "Notebook",
            "metadata": {"name": name, "namespace": ns},
            "_file": f"namespaces/{ns}/kubeflow.org/notebooks/{name}.yaml"}


def rule(rid: str = "WRK-0010", *, sql: str = NS_SQL.format(extra=""),
         message: str = "Notebook {{ namespace }}/{{ name }}", **kw: Any) -> Rule:
    base = Rule(id=rid, title="t", group=Group.WORKLOAD, severity=Severity.WARNING,
                message=message, sql=sql, path=Path(f"{rid}__x.sql"))
    return dataclasses.replace(base, **kw)


def run(con: duckdb.DuckDBPyConnection, *rules: Rule, params: RunParams = P) -> list[Any]:
    catalog = Catalog(tuple(rules), queries_dir(), "0" * 64)
    return run_rules(con, catalog, params)


def test_findings_sorted_and_rendered() -> None:
    con = database([dsc(workbenches="Managed"), notebook("b", "z"), notebook("a", "y"),
                    notebook("a", "x")])
    [res] = run(con, rule())
    assert res.outcome is Outcome.FAILED
    assert [(f.namespace, f.name) for f in res.findings] == [("a", "x"), ("a", "y"), ("b", "z")]
    assert res.findings[0].message == "Notebook a/x"
    assert res.findings[0].evidence[0].file == "namespaces/a/kubeflow.org/notebooks/x.yaml"
    assert res.findings[0].evidence[0].input_id == 0
    assert res.message.startswith("3 findings")


def test_passed_when_no_rows() -> None:
    [res] = run(database([dsc()]), rule())
    assert res.outcome is Outcome.PASSED and res.findings == []


def test_same_minor_and_applies_to_are_not_applicable() -> None:
    con = database([notebook("a", "x")])
    [res] = run(con, rule(), params=RunParams("2.25.1", "2.25.4"))
    assert res.outcome is Outcome.NOT_APPLICABLE and "share major.minor" in res.message
    [res] = run(con, rule(upgrade_only=False), params=RunParams("2.25.1", "2.25.4"))
    assert res.outcome is Outcome.FAILED
    [res] = run(con, rule(source_spec=">=3.0"))
    assert res.outcome is Outcome.NOT_APPLICABLE and "2.25.4" in res.message
    [res] = run(con, rule(target_spec="<3.0"))
    assert res.outcome is Outcome.NOT_APPLICABLE


def test_required_kind_not_collected_is_not_evaluated() -> None:
    con = database([dsc()])
    [res] = run(con, rule(requires=("notebooks", "datascienceclusters")))
    assert res.outcome is Outcome.NOT_EVALUATED
    assert res.missing_kinds == ("notebooks",)
    assert "oc adm inspect -A --dest-dir=rhoai-extra notebooks.kubeflow.org" in res.message


def test_required_kind_absent_still_runs() -> None:
    con = database([dsc()], roots=[{**RHOAI_ROOT, "version": "3.3.0"}])
    [res] = run(con, rule(requires=("notebooks",)), params=RunParams("2.25.4", "3.3.2"))
    assert res.outcome is Outcome.PASSED


@pytest.mark.parametrize(("states", "outcome"), [
    ({"workbenches": "Managed"}, Outcome.FAILED),
    ({"workbenches": "Removed"}, Outcome.NOT_APPLICABLE),
    ({}, Outcome.NOT_APPLICABLE),  # a missing field counts as Removed
])
def test_component_gate(states: dict[str, str], outcome: Outcome) -> None:
    from analyzer.rules.model import ComponentGate

    con = database([dsc(**states), notebook("a", "x")])
    [res] = run(con, rule(component_state=ComponentGate(("workbenches",), ("Managed",))))
    assert res.outcome is outcome


@pytest.mark.parametrize("states,outcome", [
    ({"kserve": "Managed", "modelmeshserving": "Removed"}, Outcome.FAILED),
    ({"kserve": "Removed", "modelmeshserving": "Managed"}, Outcome.FAILED),
    ({"kserve": "Unmanaged"}, Outcome.NOT_APPLICABLE),
    ({}, Outcome.NOT_APPLICABLE),
])
def test_component_gate_any_of_several(states: dict[str, str], outcome: Outcome) -> None:
    from analyzer.rules.model import ComponentGate

    con = database([dsc(**states), notebook("a", "x")])
    gate_ = ComponentGate(("kserve", "modelmeshserving"), ("Managed",))
    [res] = run(con, rule(component_state=gate_))
    assert res.outcome is outcome
    if outcome is Outcome.NOT_APPLICABLE:
        assert "kserve is" in res.message and "modelmeshserving is" in res.message


def test_removed_component_beats_missing_data() -> None:
    from analyzer.rules.model import ComponentGate

    con = database([dsc(workbenches="Removed")])
    gated = rule(requires=("notebooks",),
                 component_state=ComponentGate(("workbenches",), ("Managed",)))
    [res] = run(con, gated)
    assert res.outcome is Outcome.NOT_APPLICABLE and res.missing_kinds == ()
    [res] = run(database([dsc(workbenches="Managed")]), gated)
    assert res.outcome is Outcome.NOT_EVALUATED and res.missing_kinds == ("notebooks",)


def test_component_gate_on_a_nested_field() -> None:
    """``kserve.modelsAsService`` reads spec.components.kserve.modelsAsService.managementState;
    a missing field counts as Removed, like a missing component."""
    from analyzer.rules.model import ComponentGate

    gated = rule(component_state=ComponentGate(("kserve.modelsAsService",),
                                               ("Managed", "Unmanaged")))
    nested = dsc(kserve="Managed")
    nested["spec"]["components"]["kserve"]["modelsAsService"] = {"managementState": "Unmanaged"}
    [res] = run(database([nested, notebook("a", "x")]), gated)
    assert res.outcome is Outcome.FAILED
    nested["spec"]["components"]["kserve"]["modelsAsService"] = {"managementState": "Removed"}
    [res] = run(database([nested, notebook("a", "x")]), gated)
    assert res.outcome is Outcome.NOT_APPLICABLE
    assert "kserve.modelsAsService is Removed" in res.message
    [res] = run(database([dsc(kserve="Managed"), notebook("a", "x")]), gated)
    assert res.outcome is Outcome.NOT_APPLICABLE  # the field is missing: Removed


def test_component_gate_or_exists() -> None:
    """Open when the component is Managed or objects of the kind exist; a closed component
    with the kind not collected is not_evaluated for that kind, never not_applicable."""
    from analyzer.rules.model import ComponentGate

    gated = rule(requires=("notebooks",),
                 component_state=ComponentGate(("workbenches",), ("Managed",), "notebooks"))
    [res] = run(database([dsc(workbenches="Removed"), notebook("a", "x")]), gated)
    assert res.outcome is Outcome.FAILED  # the component is Removed, but objects exist
    rhoai_33 = [{**RHOAI_ROOT, "version": "3.3.0"}]  # the image collects notebooks: absent
    [res] = run(database([dsc(workbenches="Removed")], roots=rhoai_33), gated)
    assert res.outcome is Outcome.NOT_APPLICABLE and "no notebooks exist" in res.message
    [res] = run(database([dsc(workbenches="Managed")], roots=rhoai_33), gated)
    assert res.outcome is Outcome.PASSED
    # kind not collected: it only decides whether the rule applies; the rule still runs
    waits = rule(component_state=ComponentGate(("workbenches",), ("Managed",), "dspas"))
    [res] = run(database([dsc(workbenches="Removed"), notebook("a", "x")]), waits)
    assert res.outcome is Outcome.NOT_EVALUATED and res.missing_kinds == ("dspas",)
    assert res.findings == [] and "1 finding(s) would count only if" in res.message
    [res] = run(database([dsc(workbenches="Removed")]), waits)
    assert res.outcome is Outcome.PASSED and "passes either way" in res.message
    [res] = run(database([dsc(workbenches="Managed"), notebook("a", "x")]), waits)
    assert res.outcome is Outcome.FAILED  # the component opens the gate: dspas do not matter
    [res] = run(database([dsc(workbenches="Removed")]), dataclasses.replace(
        waits, requires=("notebooks",)))  # other data missing too: both are named
    assert res.outcome is Outcome.NOT_EVALUATED and res.missing_kinds == ("notebooks", "dspas")


def test_component_gate_without_dsc_in_rhoai_image_is_not_applicable() -> None:
    from analyzer.rules.model import ComponentGate

    con = database([notebook("a", "x")], roots=[{**RHOAI_ROOT, "version": "3.3.0"}])
    [res] = run(con, rule(requires=("notebooks",),
                          component_state=ComponentGate(("workbenches",), ("Managed",))))
    assert res.outcome is Outcome.NOT_APPLICABLE and "No DataScienceCluster" in res.message


def test_component_gate_without_dsc_is_not_evaluated() -> None:
    from analyzer.rules.model import ComponentGate

    con = database([notebook("a", "x")])
    [res] = run(con, rule(component_state=ComponentGate(("workbenches",), ("Managed",))))
    assert res.outcome is Outcome.NOT_EVALUATED and "datascienceclusters" in res.message


def test_errors_are_isolated() -> None:
    con = database([dsc(), notebook("a", "x")])
    broken = rule("WRK-0020", sql="select * from no_such_table")
    ddl = rule("WRK-0030", sql="drop table objects")
    two = rule("WRK-0040", sql="select 1 as kind; drop table objects")
    cols = rule("WRK-0050", sql="select 'x' as kind")
    undefined = rule("WRK-0060", message="{{ nope }}")
    sandbox = rule("WRK-0070", message="{{ name.__class__.__mro__ }}")
    badsev = rule("WRK-0080", sql=NS_SQL.format(extra=", 'fatal' as severity"))
    results = run(con, rule(), broken, ddl, two, cols, undefined, sandbox, badsev)
    outcomes = {r.rule.id: r.outcome for r in results}
    assert outcomes.pop("WRK-0010") is Outcome.FAILED
    assert set(outcomes.values()) == {Outcome.ERROR}
    messages = {r.rule.id: r.message for r in results}
    assert "no_such_table" in messages["WRK-0020"]
    assert "one SELECT" in messages["WRK-0030"] and "one SELECT" in messages["WRK-0040"]
    assert "evidence_file" in messages["WRK-0050"]
    assert "nope" in messages["WRK-0060"]
    assert con.execute("select count(*) from objects").fetchone() == (2,)


def test_row_severity_override_and_inferred() -> None:
    con = database([dsc(), notebook("a", "x"), notebook("a", "y")])
    sql = NS_SQL.format(extra=", case when name = 'x' then 'prohibited' end as severity, "
                              "true as inferred")
    [res] = run(con, rule(sql=sql))
    assert [f.severity for f in res.findings] == [Severity.PROHIBITED, Severity.WARNING]
    assert all(f.inferred for f in res.findings)


def test_params_table_and_results_order() -> None:
    con = database([dsc()])
    later = dataclasses.replace(rule("COL-0010"), group=Group.COLLECTION)
    results = run(con, later, rule("WRK-0020"), rule("WRK-0010"))
    assert [r.rule.id for r in results] == ["WRK-0010", "WRK-0020", "COL-0010"]
    assert con.execute("select * from mgscan_params").fetchall() == [
        ("2.25.4", "3.3.2", "redhat-ods-applications", None)]


def test_whole_catalogue_runs_on_empty_database() -> None:
    con = database()
    results = run_rules(con, load_catalog(), P)
    errors = [(r.rule.id, r.message) for r in results if r.outcome is Outcome.ERROR]
    assert not errors
    assert all(r.outcome is not Outcome.PASSED for r in results if r.rule.requires)


def test_invalid_version_is_a_usage_error() -> None:
    from analyzer.errors import UsageError

    with pytest.raises(UsageError, match="invalid version"):
        run(database(), rule(), params=RunParams("2.25.4", "latest"))



def test_component_gate_with_two_dscs_is_not_evaluated() -> None:
    from analyzer.rules.model import ComponentGate

    second = {**dsc(workbenches="Managed"), "metadata": {"name": "other"}}
    con = database([dsc(workbenches="Managed"), second, notebook("a", "x")])
    [res] = run(con, rule(component_state=ComponentGate(("workbenches",), ("Managed",))))
    assert res.outcome is Outcome.NOT_EVALUATED and res.message.startswith("2 DataScience")


def test_absence_rules_are_not_evaluated_on_obfuscated_bundles() -> None:
    plain = database([dsc(workbenches="Managed"), notebook("a", "x")])
    tagged = rule(tags=("absence",))
    [res] = run(plain, tagged)
    assert res.outcome is not Outcome.NOT_EVALUATED
    cleaned = database([dsc(workbenches="Managed"), notebook("a", "x")],
                       files=[{"input_id": 0, "root_id": None, "path": "watermark.txt",
                               "size": 10, "type": "text", "parse_status": "not_parsed",
                               "objects": 0}])
    [res] = run(cleaned, tagged)
    assert res.outcome is Outcome.NOT_EVALUATED and "must-gather-clean" in res.message
    [res] = run(cleaned, rule())  # untagged rules still run
    assert res.outcome is not Outcome.NOT_EVALUATED


UNVERIFIED_SQL = NS_SQL.format(
    extra=", case when namespace = 'dark' then 'secrets' end as missing, "
          "case when namespace = 'dark' then 'oc adm inspect -n dark secrets' end as collect")


def test_unverified_rows_are_never_findings() -> None:
    con = database([dsc(), notebook("dark", "x"), notebook("lit", "y")])
    [res] = run(con, rule(sql=UNVERIFIED_SQL))
    assert res.outcome is Outcome.FAILED and [f.name for f in res.findings] == ["y"]
    assert "1 more could not be checked" in res.message
    [res] = run(database([dsc(), notebook("dark", "x")]), rule(sql=UNVERIFIED_SQL))
    assert res.outcome is Outcome.NOT_EVALUATED and res.findings == []
    assert res.missing_kinds == ("secrets",) and res.collect == ("oc adm inspect -n dark secrets",)
    assert "Could not be checked from this bundle: Notebook dark/x" in res.message


@pytest.mark.parametrize("workers", [1, 2, 4])
def test_concurrent_rules_give_the_serial_results(monkeypatch: pytest.MonkeyPatch,
                                                  workers: int) -> None:
    """Rules run on a few threads; results, their order and isolated errors do not change."""
    from analyzer.rules import runner

    con = database([dsc(workbenches="Managed"), notebook("b", "z"), notebook("a", "y")])
    rules = [rule(f"WRK-{n:04d}") if n % 3 else rule(f"WRK-{n:04d}", sql="select * from nope")
             for n in range(10, 130, 10)]
    monkeypatch.setattr(runner, "_workers", lambda: workers)
    got = [(r.rule.id, r.outcome, r.message, [(f.namespace, f.name, f.evidence)
                                              for f in r.findings]) for r in run(con, *rules)]
    assert [g[0] for g in got] == [r.id for r in rules]
    assert [g[1] for g in got] == [Outcome.FAILED if n % 3 else Outcome.ERROR
                                   for n in range(10, 130, 10)]
    assert all("nope" in g[2] for g in got if g[1] is Outcome.ERROR)
    assert {str(g[3]) for g in got if g[1] is Outcome.FAILED} == {str([
        ("a", "y", got[0][3][0][2]), ("b", "z", got[0][3][1][2])])}
    assert got[0][3][0][2][0].input_id == 0


def test_an_interrupted_run_drops_the_queued_rules(monkeypatch: pytest.MonkeyPatch) -> None:
    """Ctrl-C (or a failing ``alongside``) while the rules run: queued rules never start."""
    import threading
    import time

    from analyzer.rules import runner

    con = database([dsc(workbenches="Managed"), notebook("a", "y")])
    rules = [rule(f"WRK-{n:04d}") for n in range(10, 410, 10)]  # 40 rules
    started: list[str] = []
    lock = threading.Lock()

    def slow(con: duckdb.DuckDBPyConnection, r: Rule) -> list[Any]:
        with lock:
            started.append(r.id)
        time.sleep(0.05)
        return []

    def interrupted() -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(runner, "_workers", lambda: 2)
    monkeypatch.setattr(runner, "_run_one", slow)
    with pytest.raises(KeyboardInterrupt):
        run_rules(con, Catalog(tuple(rules), queries_dir(), "0" * 64), P, alongside=interrupted)
    assert len(started) < len(rules)  # without cancelling, all 40 would run (2 s) first
