"""Run the rule catalogue over an ingested DuckDB database.

Per rule, in order: the version gates (``upgrade_only``, ``applies_to``) give
``not_applicable``; the DSC component gate gives ``not_applicable`` (a Removed or missing
component, or no DSC although the RHOAI must-gather ran); a required kind that was not collected
gives ``not_evaluated``; otherwise the SQL runs in its own cursor. A failing rule becomes
``error`` and never stops the others.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

import duckdb

from analyzer.errors import UsageError
from analyzer.ingest.facts import MACROS_SQL
from analyzer.ingest.guard import NotSelectError, parse_statements, statement_kind
from analyzer.rules.catalog import Catalog
from analyzer.rules.coverage import (
    compute_coverage,
    coverage_index,
    create_support_views,
    store_coverage,
)
from analyzer.rules.materialize import RunTables
from analyzer.rules.model import Evidence, Finding, Outcome, Rule, RuleResult, Severity
from analyzer.rules.reference import columns_sql
from analyzer.rules.versions import matches, normalize, same_minor

REQUIRED_COLUMNS = ("kind", "namespace", "name", "evidence_file", "evidence_pointer", "observed")
DEFAULT_APP_NAMESPACE = "redhat-ods-applications"
MULTIPLE_DSC = "*multiple*"  # marker key of _component_states (no component has this name)
SAME_MINOR_NOTICE = ("Source {source} and target {target} share major.minor: this is not an "
                     "upgrade, so no upgrade checks run.")

if TYPE_CHECKING:
    from jinja2 import Template
    from jinja2.sandbox import SandboxedEnvironment

# A message that is plain text with ``{{ column }}`` placeholders renders without Jinja (74 of
# the 91 rules; importing Jinja costs 0.1 s of CPU per run): the same ``str()`` of each value.
_PLACEHOLDER = re.compile(r"\{\{ ?([A-Za-z_][A-Za-z0-9_]*) ?\}\}")
_JINJA_SYNTAX = ("{{", "{%", "{#", "\r")


def __getattr__(name: str) -> Any:
    """``_ENV``, the sandboxed Jinja environment of messages, created on first use."""
    if name == "_ENV":
        return _env()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def _env() -> SandboxedEnvironment:
    env = globals().get("_JINJA_ENV")
    if env is None:
        from jinja2 import StrictUndefined
        from jinja2.sandbox import SandboxedEnvironment

        env = globals()["_JINJA_ENV"] = SandboxedEnvironment(
            undefined=StrictUndefined, autoescape=False, keep_trailing_newline=False)
    return env


class DataNotCollected(Exception):  # noqa: N818 - a signal, not a failure
    """A rule found that its decision needs a kind the bundle lacks (its ``not_collected`` column).

    For data a rule needs only in some situations (e.g. the Service Mesh 3 PackageManifest,
    needed only when a ``servicemeshoperator3`` Subscription exists), which ``requires`` cannot
    say. The rule is then ``not_evaluated``, never failed.
    """

    def __init__(self, kinds: Sequence[str]) -> None:
        super().__init__(", ".join(kinds))
        self.kinds = tuple(kinds)


class RuleSqlError(Exception):
    """A rule's SQL is not a single read-only query or returns the wrong columns."""


@dataclass(frozen=True)
class RunParams:
    """Versions and namespace a run is evaluated for.

    ``source_version`` is None when it could not be detected; rules gated on the source
    version are then ``not_evaluated``.
    """

    source_version: str | None
    target_version: str
    app_namespace: str | None = None
    analysis_date: str | None = None  # ISO date of the run's clock; rules count time from it


def compile_message(rule: Rule) -> Template:
    """Compile the rule's ``message`` template in the sandbox (plain text, StrictUndefined)."""
    return _env().from_string(rule.message)


def message_renderer(rule: Rule) -> Callable[[Mapping[str, Any]], str]:
    """A function rendering the rule's ``message`` for one row, as :func:`compile_message` does.

    Plain text with ``{{ column }}`` placeholders is rendered directly (``str`` of each value,
    as Jinja does without autoescape); anything else, and a row lacking a placeholder's column
    (Jinja's StrictUndefined error), goes through the Jinja sandbox.
    """
    parts = _PLACEHOLDER.split(rule.message)
    literals, names = parts[0::2], parts[1::2]
    if any(mark in text for text in literals for mark in _JINJA_SYNTAX):
        template = compile_message(rule)
        return lambda row: template.render(**row)

    def render(row: Mapping[str, Any]) -> str:
        if not all(n in row for n in names):
            return compile_message(rule).render(**row)  # raises Jinja's UndefinedError
        out = [literals[0]]
        for name, text in zip(names, literals[1:], strict=True):
            out += [str(row[name]), text]
        return "".join(out)
    return render


def check_read_only(con: duckdb.DuckDBPyConnection, sql: str) -> None:
    """Raise :class:`RuleSqlError` unless ``sql`` is exactly one SELECT (or WITH … SELECT)."""
    _read_only_statement(con, sql)


def _read_only_statement(con: duckdb.DuckDBPyConnection, sql: str) -> duckdb.Statement:
    """The one SELECT statement of ``sql``, parsed (:func:`check_read_only`).

    Executing the parsed statement saves parsing the rule a second time.
    """
    try:
        statements = parse_statements(con, sql)  # DuckDB's parser, as for user SQL (the guard)
    except NotSelectError as exc:
        raise RuleSqlError(str(exc)) from exc
    kinds = [statement_kind(s) for s in statements]
    if kinds != ["SELECT"]:
        raise RuleSqlError(f"rule SQL must be one SELECT statement, got: "
                           f"{', '.join(kinds) or 'nothing'}")
    return statements[0]


def _component_states(con: duckdb.DuckDBPyConnection) -> dict[str, str] | None:
    """Return the DSC's component managementStates; None without a DSC.

    Several DSCs give ``{MULTIPLE_DSC: "<count>"}`` (the vendor treats that as an error).
    """
    rows = con.execute("select raw -> '/spec/components' from datascienceclusters "
                       "order by name").fetchall()
    if not rows:
        return None
    if len(rows) > 1:
        return {MULTIPLE_DSC: str(len(rows))}
    row = rows[0]
    comps = json.loads(row[0]) if row[0] else {}
    states: dict[str, str] = {}
    if isinstance(comps, dict):
        for name, spec in comps.items():
            if not isinstance(spec, dict):
                continue
            if isinstance(spec.get("managementState"), str):
                states[str(name)] = spec["managementState"]
            for field, sub in spec.items():  # nested: kserve.modelsAsService, kserve.serving
                if isinstance(sub, dict) and isinstance(sub.get("managementState"), str):
                    states[f"{name}.{field}"] = sub["managementState"]
    return states


def _write_params(con: duckdb.DuckDBPyConnection, params: RunParams) -> str:
    app_ns = params.app_namespace
    if not app_ns:
        row = con.execute("select app_namespace from cluster_facts").fetchone()
        app_ns = (row[0] if row else None) or DEFAULT_APP_NAMESPACE
    con.execute("create or replace table mgscan_params (source_version varchar, "
                "target_version varchar, app_namespace varchar, analysis_date date)")
    try:
        source = normalize(params.source_version) if params.source_version else None
        target = normalize(params.target_version)
    except ValueError as exc:
        raise UsageError(str(exc)) from exc
    con.execute("insert into mgscan_params values (?, ?, ?, cast(? as date))",
                [source, target, app_ns, params.analysis_date])
    return app_ns


def _component_gate(rule: Rule, dsc_status: str, states: dict[str, str] | None,
                    cov: Mapping[str, Mapping[str, Any]]
                    ) -> tuple[Outcome, str, tuple[str, ...]] | None:
    """Return ``not_applicable`` when the DSC says the rule's component is not active.

    Like the vendor tool (``CanApply`` false, or a ``ForComponent`` workload check returning
    nothing), this is decided before coverage: a Removed component needs no data. A component
    missing from the DSC spec counts as Removed. When the RHOAI must-gather ran and found no
    DSC at all, there is no component, so the rule does not apply either (PLT-0020 reports the
    missing DataScienceCluster once). A gate with ``or_exists`` stays open while objects of
    that kind were collected, and undecided while the kind was not (:func:`decide_waiting`).
    None: the gate is open or cannot be decided here.
    """
    gate_ = rule.component_state
    if gate_ is None:
        return None
    if states is None:
        if dsc_status != "absent":
            return None  # the DSC was not collected: coverage decides (not_evaluated)
        return (Outcome.NOT_APPLICABLE, "No DataScienceCluster was found although the RHOAI "
                f"must-gather ran, so component {gate_.component} is not installed and this "
                "check does not apply (PLT-0020 reports the missing DataScienceCluster).", ())
    if MULTIPLE_DSC in states:
        return None
    seen = {comp: states.get(comp, "Removed") for comp in gate_.components}
    if any(state in gate_.states for state in seen.values()):
        return None
    found = " and ".join(f"{comp} is {state}" for comp, state in seen.items())
    when = " or ".join(gate_.states)
    if gate_.or_exists:
        if cov.get(gate_.or_exists, {}).get("status", "not_collected") != "absent":
            return None  # objects exist (the gate is open) or were not collected (unknown)
        return (Outcome.NOT_APPLICABLE, f"Component {found} in the DataScienceCluster and no "
                f"{gate_.or_exists} exist (applies when {when}, or when {gate_.or_exists} "
                "exist).", ())
    return (Outcome.NOT_APPLICABLE, f"Component {found} in the DataScienceCluster "
            f"(applies when {when}).", ())


def decide_waiting(result: RuleResult, waiting: str,
                   cov: Mapping[str, Mapping[str, Any]]) -> RuleResult:
    """The result of a rule whose gate waits for ``waiting`` (not collected) but which ran.

    Whether it applies is unknown, so its findings are not findings: ``not_evaluated``, naming
    the kind. Without findings it passes either way (applies and passes, or does not apply).
    """
    rule = result.rule
    gate_ = rule.component_state
    if gate_ is None or result.outcome is Outcome.NOT_EVALUATED:
        return result
    if result.outcome is Outcome.FAILED:
        return RuleResult(rule, Outcome.NOT_EVALUATED,
                          f"{len(result.findings)} finding(s) would count only if "
                          f"{gate_.component} were {' or '.join(gate_.states)} or {waiting} "
                          f"existed. {not_collected_message([waiting], cov)}", [], (waiting,))
    return replace(result, message=(
        f"{result.message} Whether the check applies is unknown ({waiting} not collected); "
        "it passes either way."))


def _undecided_gate_kind(rule: Rule, states: dict[str, str] | None,
                         cov: Mapping[str, Mapping[str, Any]]) -> str | None:
    """The ``or_exists`` kind a closed component gate still waits for, when not collected."""
    gate_ = rule.component_state
    if gate_ is None or not gate_.or_exists or states is None or MULTIPLE_DSC in states:
        return None
    if any(states.get(comp, "Removed") in gate_.states for comp in gate_.components):
        return None
    status = cov.get(gate_.or_exists, {}).get("status", "not_collected")
    return gate_.or_exists if status == "not_collected" else None


def not_collected_message(kinds: Sequence[str], cov: Mapping[str, Mapping[str, Any]]) -> str:
    """The ``not_evaluated`` message naming each missing kind and the command that collects it."""
    parts = [f"{k} (collect with: {cov.get(k, {}).get('hint') or 'see collect-commands'})"
             for k in kinds]
    return "Not collected in this bundle: " + "; ".join(parts) + "."


def gate(rule: Rule, params: RunParams, cov: Mapping[str, Mapping[str, Any]],
         states: dict[str, str] | None) -> tuple[Outcome, str, tuple[str, ...]] | None:
    """Return the outcome a gate imposes on ``rule`` (with its message), or None to run it.

    Order: version gates, then the DSC component gate (whenever a DSC was collected, or the
    RHOAI must-gather found none), then coverage of the required kinds.
    """
    src, tgt = params.source_version, params.target_version
    if rule.upgrade_only and src and same_minor(src, tgt):
        return Outcome.NOT_APPLICABLE, SAME_MINOR_NOTICE.format(source=src, target=tgt), ()
    if rule.source_spec and not src:
        return (Outcome.NOT_EVALUATED, "The RHOAI source version was not detected; pass "
                "--source-version to evaluate this rule.", ())
    if src and not matches(src, rule.source_spec):
        return (Outcome.NOT_APPLICABLE,
                f"Applies to source versions {rule.source_spec}; the source is {src}.", ())
    if not matches(tgt, rule.target_spec):
        return (Outcome.NOT_APPLICABLE,
                f"Applies to target versions {rule.target_spec}; the target is {tgt}.", ())
    dsc_status = cov.get("datascienceclusters", {}).get("status", "not_collected")
    closed = _component_gate(rule, dsc_status, states, cov)
    if closed is not None:
        return closed
    missing = [k for k in rule.requires if cov.get(k, {}).get("status") == "not_collected"]
    if rule.component_state and states is None and "datascienceclusters" not in missing:
        missing.append("datascienceclusters")
    waiting = _undecided_gate_kind(rule, states, cov)
    if missing and waiting and waiting not in missing:
        missing.append(waiting)  # the gate's kind is missing too (else see decide_waiting)
    if missing:
        return Outcome.NOT_EVALUATED, not_collected_message(missing, cov), tuple(missing)
    if rule.component_state and states is None:
        return (Outcome.NOT_EVALUATED, "No DataScienceCluster was found although the RHOAI "
                "must-gather ran, so the state of component "
                f"{rule.component_state.component} is unknown.", ())
    if rule.component_state and states is not None and MULTIPLE_DSC in states:
        return (Outcome.NOT_EVALUATED, f"{states[MULTIPLE_DSC]} DataScienceClusters were found; "
                "the component gate needs exactly one (like the vendor tool).", ())
    return None


def _text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, str):
        return value
    if isinstance(value, list | dict | tuple):
        return json.dumps(value, sort_keys=True, default=str)
    return str(value)


def execute_rule(con: duckdb.DuckDBPyConnection, rule: Rule,
                 template: Template | None = None) -> list[Finding]:
    """Run one rule's SQL in its own cursor and turn each returned row into a finding.

    A row whose ``missing`` column is set is *unverified*: the rule could not decide for that
    object because the bundle lacks the data named by ``missing`` (a coverage kind), which
    ``collect`` (optional) gathers. Such a finding has ``unverified`` set; :func:`outcome_of`
    never counts it as a failure.

    Raises:
        RuleSqlError: the SQL is not read-only, lacks a required column, or gives a bad severity.
        duckdb.Error: the SQL fails.
        jinja2.TemplateError: ``message`` does not render with a returned row.
    """
    cur = con.cursor()
    try:
        cur.execute(_read_only_statement(cur, rule.sql))
        columns = [d[0] for d in cur.description or ()]
        missing = [c for c in REQUIRED_COLUMNS if c not in columns]
        if missing:
            raise RuleSqlError(f"rule SQL lacks required columns: {', '.join(missing)}")
        rows = [dict(zip(columns, values, strict=True)) for values in cur.fetchall()]
    finally:
        cur.close()
    lacking = sorted({str(r["not_collected"]) for r in rows if r.get("not_collected")})
    if lacking:
        raise DataNotCollected(lacking)
    findings: list[Finding] = []
    if not rows:
        return findings  # most rules pass: their message is never compiled
    render = ((lambda row: template.render(**row)) if template is not None
              else message_renderer(rule))
    for row in rows:
        sev_text = row.get("severity")
        try:
            severity = Severity(sev_text) if sev_text else rule.severity
        except ValueError as exc:
            raise RuleSqlError(f"row severity {sev_text!r} is not a severity") from exc
        input_id = row.get("input_id")
        findings.append(Finding(
            kind=str(row["kind"]),
            namespace=_text(row["namespace"]),
            name=str(row["name"]),
            message=render(row).strip(),
            severity=severity,
            evidence=[Evidence(file=_text(row["evidence_file"]),
                               pointer=_text(row["evidence_pointer"]),
                               observed=_text(row["observed"]),
                               input_id=int(input_id) if input_id is not None else None)],
            inferred=bool(row.get("inferred") or False),
            absent=bool(row.get("absent") or False),
            unverified=_text(row.get("missing")),
            collect=_text(row.get("collect")),
        ))
    findings.sort(key=lambda f: f.sort_key)
    return findings


def _fill_provenance(con: duckdb.DuckDBPyConnection, findings: Sequence[Finding]) -> None:
    """Add input_id, doc and item to evidence, from the object of that file the finding names.

    When the finding names another object, the file's only object is used, if it has one.
    """
    wanted = sorted({e.file for f in findings for e in f.evidence if e.file})
    if not wanted:
        return
    objs = con.execute(
        "select file, kind, coalesce(namespace, ''), name, input_id, doc, item from objects "
        "where file in (select unnest(?::varchar[])) order by object_id", [wanted]).fetchall()
    by_object: dict[tuple[str, str, str, str], tuple[int, int | None, int | None]] = {}
    per_file: dict[str, list[tuple[int, int | None, int | None]]] = {}
    for file, kind, ns, name, input_id, doc, item in objs:
        by_object.setdefault((file, kind, ns, name), (input_id, doc, item))
        per_file.setdefault(file, []).append((input_id, doc, item))
    files = con.execute("select path, min(input_id) from files where path in "
                        "(select unnest(?::varchar[])) group by path", [wanted]).fetchall()
    file_ids = {str(p): int(i) for p, i in files if i is not None}
    for finding in findings:
        updated = []
        for ev in finding.evidence:
            key = (ev.file or "", finding.kind, finding.namespace or "", finding.name)
            only = per_file.get(ev.file or "", [])
            fallback = only[0] if len(only) == 1 else (file_ids.get(ev.file or ""), None, None)
            input_id, doc, item = by_object.get(key, fallback)
            updated.append(replace(ev, input_id=ev.input_id if ev.input_id is not None
                                   else input_id, doc=doc, item=item))
        finding.evidence = updated


def outcome_of(rule: Rule, findings: list[Finding]) -> RuleResult:
    """Return the result of a rule that ran: failed, passed, or not_evaluated.

    Unverified rows are never findings (missing data is never a finding): with real findings
    the rule fails on those alone and its message says how many objects could not be checked;
    with only unverified rows it is ``not_evaluated``, naming what is missing and how to
    collect it.
    """
    real = [f for f in findings if f.unverified is None]
    unknown = [f for f in findings if f.unverified is not None]
    kinds = tuple(sorted({str(f.unverified) for f in unknown}))
    collect = tuple(sorted({f.collect for f in unknown if f.collect}))
    if real:
        message = summary_message(rule, real)
        if unknown:
            message += (f" {len(unknown)} more could not be checked: not collected in this "
                        f"bundle: {', '.join(kinds)}.")
        return RuleResult(rule, Outcome.FAILED, message, real, kinds, collect)
    if unknown:
        details = "; ".join(sorted({f.message for f in unknown}))
        how = f" Collect with: {'; '.join(collect)}." if collect else ""
        return RuleResult(rule, Outcome.NOT_EVALUATED,
                          f"Could not be checked from this bundle: {details}{how}", [], kinds,
                          collect)
    return RuleResult(rule, Outcome.PASSED, summary_message(rule, real))


def summary_message(rule: Rule, findings: Sequence[Finding]) -> str:
    """Return the result-level message of a rule that ran."""
    if not findings:
        return "No offending objects found."
    if len(findings) == 1:
        return findings[0].message
    return f"{len(findings)} findings: {rule.title}."


def _write_rules(con: duckdb.DuckDBPyConnection, catalog: Catalog) -> None:
    """Create ``mgscan_rules``: every rule's requirements and gate (collection rules read it)."""
    con.execute('create or replace table mgscan_rules (rule_id varchar, "group" varchar, '
                "severity varchar, requires varchar[], components varchar[], states varchar[], "
                "or_exists varchar)")
    rules = catalog.universe
    gates = [r.component_state for r in rules]
    select, values = columns_sql({  # one round trip: executemany costs one per row
        "rule_id": ("VARCHAR", [r.id for r in rules]),
        "group": ("VARCHAR", [r.group.value for r in rules]),
        "severity": ("VARCHAR", [r.severity.value for r in rules]),
        "requires": ("VARCHAR[]", [list(r.requires) for r in rules]),
        "components": ("VARCHAR[]", [list(g.components) if g else None for g in gates]),
        "states": ("VARCHAR[]", [list(g.states) if g else None for g in gates]),
        "or_exists": ("VARCHAR", [g.or_exists if g else None for g in gates]),
    })
    con.execute(f"insert into mgscan_rules {select}", values)


def prepare_database(con: duckdb.DuckDBPyConnection, catalog: Catalog, params: RunParams,
                     coverage: Sequence[Mapping[str, Any]] | None = None
                     ) -> list[Mapping[str, Any]]:
    """Create what rules read besides the ingest tables; return the coverage rows.

    That is ``mgscan_params``, ``mgscan_rules``, ``mgscan_roots``, the ``ref_*`` tables and
    ``mgscan_coverage`` (computed here unless ``coverage`` is given).
    """
    _write_params(con, params)
    _write_rules(con, catalog)
    create_rule_views(con, catalog.root)
    if coverage is None:
        return list(compute_coverage(con, catalog.root))
    create_support_views(con, catalog.root)
    store_coverage(con, coverage)
    return list(coverage)


def create_rule_views(con: duckdb.DuckDBPyConnection, root: Path) -> None:
    """Run ``queries/_views/*.sql``: views several rules share (after ``mgscan_params``).

    The SQL macros (``vkey``, ``vminor``, ``semver``) are (re)created first, so a database
    ingested by an earlier build still has every helper the rules use.
    """
    con.execute(MACROS_SQL)
    for path in sorted((root / "_views").glob("*.sql")):
        con.execute(path.read_text(encoding="utf-8"))


ABSENCE_TAG = "absence"  # the rule reports something *missing* from the bundle
OBFUSCATED_NOTICE = (
    "The bundle was cleaned by must-gather-clean, which can omit files and replace names, so "
    "the absence this rule looks for cannot be trusted. Confirm it on the cluster or analyze "
    "the original bundle.")
OBFUSCATION_SQL = r"""
select exists(select 1 from files where path = 'watermark.txt' or path like '%/watermark.txt')
    or exists(select 1 from (
        -- one equality filter per kind: DuckDB applies an IN list only after reading every
        -- object's document, an equality filter before (3x less CPU on a large bundle)
        select raw from objects where kind = 'Node'
        union all select raw from objects where kind = 'Infrastructure'
        union all select raw from objects where kind = 'Network')
              where regexp_matches(raw::varchar, 'x-(ipv4|ipv6|mac|domain)-[0-9]{10}-x'))
"""


def bundle_obfuscated(con: duckdb.DuckDBPyConnection) -> bool:
    """Tell whether must-gather-clean touched the bundle (watermark file or its IP/MAC tokens)."""
    row = con.execute(OBFUSCATION_SQL).fetchone()
    return bool(row and row[0])


def _workers() -> int:
    """Threads that run rule queries: one per core, at most :data:`MAX_WORKERS`."""
    return max(1, min(MAX_WORKERS, os.cpu_count() or 1))


MAX_WORKERS = 4  # DuckDB releases the GIL while it binds, optimizes and runs a query


def _run_one(con: duckdb.DuckDBPyConnection, rule: Rule) -> list[Finding] | BaseException:
    """Run one rule and fill its evidence provenance, on cursors of its own (any thread).

    Returns the findings, or the exception that stopped the rule (the caller decides).
    """
    cur = con.cursor()  # a connection object is not shared between threads: one per rule
    try:
        findings = execute_rule(cur, rule)
        _fill_provenance(cur, findings)
        return findings
    except Exception as exc:  # noqa: BLE001 - a broken rule must never stop the others
        return exc
    finally:
        cur.close()


def run_rules(con: duckdb.DuckDBPyConnection, catalog: Catalog, params: RunParams,
              coverage: Sequence[Mapping[str, Any]] | None = None,
              alongside: Callable[[], None] | None = None) -> list[RuleResult]:
    """Evaluate every rule of ``catalog``; results sorted by group order then rule ID.

    Prepares the database (:func:`prepare_database`), then gates each rule and runs the
    applicable ones, a few at a time on cursors of their own (DuckDB runs queries of one
    database concurrently). A rule whose SQL fails becomes ``error``; the others still run.
    The results do not depend on the order in which the queries finish.

    ``alongside`` is called in this thread while the rule queries run: read-only work on
    ``con`` that needs no rule result (the assessment's inventory). Once it returns or raises,
    the rules are waited for; what it raises is raised after them.

    Raises:
        UsageError: a version in ``params`` does not parse.
    """
    cov = coverage_index(prepare_database(con, catalog, params, coverage))
    states = _component_states(con)
    obfuscated = bundle_obfuscated(con)
    tables = RunTables(con, catalog.root)  # rule views several queries read: computed once
    rules = sorted(catalog.rules, key=lambda r: r.sort_key)
    outcomes: list[RuleResult | list[Finding] | BaseException | None] = []
    to_run: list[tuple[int, Rule]] = []
    for rule in rules:
        gated = gate(rule, params, cov, states)
        if gated is None and obfuscated and ABSENCE_TAG in rule.tags:
            gated = (Outcome.NOT_EVALUATED, OBFUSCATED_NOTICE, ())
        if gated is not None:
            outcome, message, missing = gated
            outcomes.append(RuleResult(rule, outcome, message, [], missing))
            continue
        try:  # shared views are materialized here, one rule after the other, in rule order
            tables.prepare(rule.sql)
        except Exception as exc:  # noqa: BLE001 - a broken view fails only its rules
            outcomes.append(exc)
            continue
        outcomes.append(None)
        to_run.append((len(outcomes) - 1, rule))
    workers = min(_workers(), len(to_run))
    if workers > 1:
        pool = ThreadPoolExecutor(workers, thread_name_prefix="mgscan-rule")
        try:
            running = pool.map(lambda item: _run_one(con, item[1]), to_run)
            if alongside is not None:
                alongside()
            done = list(running)
        except BaseException:
            # Ctrl-C, SIGTERM or a failing ``alongside``: the queries not yet started are
            # dropped (only the ones running are waited for), so the run stops promptly.
            pool.shutdown(wait=True, cancel_futures=True)
            raise
        pool.shutdown()
    else:
        done = [_run_one(con, rule) for _, rule in to_run]
        if alongside is not None:
            alongside()
    for (index, _), ran in zip(to_run, done, strict=True):
        outcomes[index] = ran
    return [_result(rule, ran, cov, states) for rule, ran in zip(rules, outcomes, strict=True)]


def _result(rule: Rule, ran: RuleResult | list[Finding] | BaseException | None,
            cov: Mapping[str, Mapping[str, Any]], states: dict[str, str] | None) -> RuleResult:
    """The result of one rule from its gate's result, its findings or what stopped it."""
    if isinstance(ran, RuleResult):
        return ran
    if isinstance(ran, DataNotCollected):
        return RuleResult(rule, Outcome.NOT_EVALUATED, not_collected_message(ran.kinds, cov),
                          [], ran.kinds)
    if isinstance(ran, BaseException) or ran is None:
        return RuleResult(rule, Outcome.ERROR, f"{type(ran).__name__}: {ran}".strip())
    result = outcome_of(rule, ran)
    waiting = _undecided_gate_kind(rule, states, cov)
    return decide_waiting(result, waiting, cov) if waiting else result
