"""Find, parse and validate the rule files in ``queries/`` (docs/rules-authoring.md).

A rule file is ``queries/<group>/<ID>__<slug>.sql`` starting with a ``/*--- … ---*/`` block of
YAML front-matter. Validation is strict: every error names ``file:line``.
"""

from __future__ import annotations

import fnmatch
import functools
import hashlib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb
import yaml

from analyzer.errors import ExitCode, MgscanError, UsageError
from analyzer.rules.model import (
    GROUP_KEYWORDS,
    GROUP_PREFIX,
    ComponentGate,
    Group,
    Link,
    Rule,
    Severity,
)
from analyzer.rules.versions import parse_specifier

_FRONT_RE = re.compile(r"\A\s*/\*---[ \t]*\n(?P<yaml>.*?)\n---\*/[ \t]*\n?", re.S)
_ID_RE = re.compile(r"^(?P<prefix>[A-Z]{3})-(?P<num>\d{4})$")
_FILE_RE = re.compile(r"^(?P<id>[A-Z]{3}-\d{4})__[a-z0-9][a-z0-9_-]*\.sql$")
_REQUIRED = ("id", "title", "group", "severity", "message")
_OPTIONAL = ("aliases", "applies_to", "upgrade_only", "requires", "component_state",
             "remediation", "links", "effort", "tags", "vendor_commit",
             "severity_reason")
_STATES = ("Managed", "Unmanaged", "Removed")
_COMMIT_RE = re.compile(r"^[0-9a-f]{7,40}$")
_Loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_EFFORTS = ("low", "moderate", "high")


class CatalogError(MgscanError):
    """A rule file or reference file is malformed (an internal defect of the catalogue)."""

    exit_code = ExitCode.INCOMPLETE


def queries_dir() -> Path:
    """Return the ``queries/`` folder: the installed wheel's copy, else the source checkout."""
    here = Path(__file__).resolve().parent.parent
    for candidate in (here / "_data" / "queries", here.parent / "queries"):
        if candidate.is_dir():
            return candidate
    raise CatalogError(f"rule folder not found (looked in {here / '_data' / 'queries'} "
                       f"and {here.parent / 'queries'})")


def coverage_kinds(root: Path) -> set[str]:
    """Return the kinds a rule may ``require``: the keys of ``_reference/collection.yaml``."""
    path = root / "_reference" / "collection.yaml"
    if not path.is_file():
        return set()
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader) or {}  # noqa: S506
    return {str(row["kind"]) for row in data.get("rows", [])}


@dataclass(frozen=True)
class Catalog:
    """All rules, sorted by group then ID, plus the digest of the rule set."""

    rules: tuple[Rule, ...]
    root: Path
    rules_sha256: str
    all_rules: tuple[Rule, ...] = ()  # the whole catalogue a selection was taken from

    @property
    def universe(self) -> tuple[Rule, ...]:
        """Every rule of the catalogue, even when this is a ``--checks`` selection."""
        return self.all_rules or self.rules

    def get(self, rule_id: str) -> Rule:
        """Return the rule with this ID or alias (case-insensitive).

        Raises:
            UsageError: no such rule.
        """
        wanted = rule_id.strip()
        for rule in self.rules:
            if rule.id.lower() == wanted.lower() or wanted in rule.aliases:
                return rule
        raise UsageError(f"unknown rule {rule_id!r}; see `mgscan rules list`")

    def select(self, checks: Sequence[str]) -> Catalog:
        """Return the sub-catalogue picked by ``--checks`` patterns (union of all patterns).

        A pattern is an exact ID or alias, an ``fnmatch`` glob on ID or alias
        (``*notebook*``, ``components.*``), or a group keyword (``component``/``components``).
        An empty sequence or ``*`` selects every rule.

        Raises:
            UsageError: the selection is empty, or a pattern without wildcards matches no rule.
        """
        patterns = [p.strip() for p in checks if p and p.strip()]
        if not patterns:
            return self
        chosen: set[str] = set()
        for pattern in patterns:
            hits = {r.id for r in self.rules if _matches(r, pattern)}
            if not hits and not any(ch in pattern for ch in "*?["):
                raise UsageError(f"--checks {pattern!r} matches no rule ID, alias or group")
            chosen |= hits
        if not chosen:
            raise UsageError(f"--checks {', '.join(patterns)} selects no rule")
        return Catalog(tuple(r for r in self.rules if r.id in chosen), self.root,
                       self.rules_sha256, self.universe)


def _matches(rule: Rule, pattern: str) -> bool:
    group = GROUP_KEYWORDS.get(pattern.lower())
    if group is not None:
        return rule.group is group
    names = (rule.id, *rule.aliases)
    if pattern.upper() == rule.id or pattern in rule.aliases:
        return True
    return any(fnmatch.fnmatchcase(n, pattern) or fnmatch.fnmatchcase(n, pattern.upper())
               for n in names)


def rules_sha256(root: Path) -> str:
    """Return sha256 over sorted (relative path, bytes) of every rule and reference file."""
    digest = hashlib.sha256()
    files = sorted(p for p in root.rglob("*")
                   if p.is_file() and p.suffix in (".sql", ".yaml", ".yml"))
    for path in files:
        rel = path.relative_to(root).as_posix().encode()
        body = path.read_bytes()
        digest.update(len(rel).to_bytes(8, "big") + rel)
        digest.update(len(body).to_bytes(8, "big") + body)
    return digest.hexdigest()


def load_catalog(root: Path | None = None) -> Catalog:
    """Parse and validate every rule under ``root`` (default: :func:`queries_dir`).

    The validated front-matter is kept in the precompiled cache (``analyzer.precompiled``),
    keyed by :func:`rules_sha256` and the parser's own source, so a run whose rule files did
    not change only reads one JSON file.

    Raises:
        CatalogError: a rule is malformed or two rules share an ID; the message lists every
            problem as ``file:line: text``.
    """
    from analyzer import precompiled

    base = root if root is not None else queries_dir()
    sha = rules_sha256(base)
    salt = precompiled.source_digest(*_PARSER_SOURCES) + duckdb.__version__.encode()
    entries = precompiled.cached("catalog", [sha.encode(), salt], lambda: _parse_catalog(base))
    rules = [_build(e["meta"], base / e["file"], e["sql"], e["sql_line"]) for e in entries]
    rules.sort(key=lambda r: r.sort_key)
    return Catalog(tuple(rules), base, sha)


# The code whose output the catalogue cache holds: a change to any of it is a new cache entry.
_PARSER_SOURCES = ("rules/catalog.py", "rules/model.py", "rules/versions.py",
                   "rules/version_model.py", "rules/reference.py")


def _parse_catalog(base: Path) -> list[dict[str, Any]]:
    """Parse and validate every rule file; return each one's front-matter, SQL and SQL line."""
    kinds = coverage_kinds(base)
    entries: list[dict[str, Any]] = []
    rules: list[Rule] = []
    errors: list[str] = []
    for path in sorted(base.glob("*/*.sql")):
        if path.parent.name.startswith("_"):
            continue
        try:
            meta, _, sql, sql_line = _parse_entry(path, kinds, base)
        except CatalogError as exc:
            errors.append(str(exc))
            continue
        rules.append(_build(meta, path, sql, sql_line))
        entries.append({"file": path.relative_to(base).as_posix(), "meta": meta, "sql": sql,
                        "sql_line": sql_line})
    # Several rules may share a vendor alias (one vendor check split into several rules), but
    # an alias may never be another rule's ID.
    seen: dict[str, Path] = {}
    for rule in rules:
        if rule.id in seen:
            errors.append(f"{_rel(rule.path, base)}:1: duplicate rule id {rule.id} "
                          f"(also {_rel(seen[rule.id], base)})")
        seen[rule.id] = rule.path
    for rule in rules:
        errors.extend(f"{_rel(rule.path, base)}:1: alias {alias} is the ID of another rule"
                      for alias in rule.aliases if alias in seen and alias != rule.id)
    errors.extend(_dead_gates(rules, base))
    if errors:
        raise CatalogError("invalid rule catalogue:\n" + "\n".join(sorted(errors)))
    return entries


def _dead_gates(rules: Sequence[Rule], base: Path) -> list[str]:
    """Rules whose ``applies_to`` admits no version of the version model (they could never run)."""
    if not (base / "_reference" / "upgrade_paths.yaml").is_file():
        return []  # a test catalogue without the model
    from analyzer.rules.version_model import load_model  # the model reads reference files

    model = load_model(base)
    return [f"{_rel(rule.path, base)}:1: applies_to.{side} {spec!r} matches no {side} version "
            "of the version model (queries/_reference/upgrade_paths.yaml)"
            for rule in rules
            for side, spec in (("source", rule.source_spec), ("target", rule.target_spec))
            if spec and not model.spec_matches(spec, side)]


def _rel(path: Path, base: Path) -> str:
    try:
        return path.relative_to(base.parent).as_posix()
    except ValueError:
        return path.as_posix()


def parse_rule_file(path: Path, kinds: Iterable[str] = (), base: Path | None = None) -> Rule:
    """Parse and validate one rule file.

    Args:
        path: the ``.sql`` file.
        kinds: the valid ``requires`` kinds (empty: not checked).
        base: the ``queries/`` folder, for error messages.

    Raises:
        CatalogError: the file is malformed (message ``file:line: problem``).
    """
    return _build(*_parse_entry(path, kinds, base))


def _parse_entry(path: Path, kinds: Iterable[str] = (), base: Path | None = None
                 ) -> tuple[dict[str, Any], Path, str, int]:
    """Validate one rule file; return its front-matter, path, SQL and the SQL's first line."""
    where = _rel(path, base or path.parent.parent)
    text = path.read_text(encoding="utf-8")
    match = _FRONT_RE.match(text)
    if not match:
        raise CatalogError(f"{where}:1: missing /*--- … ---*/ front-matter block")
    first_line = text[: match.start("yaml")].count("\n") + 1
    try:
        node = yaml.compose(match.group("yaml"), Loader=_Loader)
        meta = yaml.load(match.group("yaml"), Loader=_Loader)  # noqa: S506 - a safe loader
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = first_line + (mark.line if mark else 0)
        raise CatalogError(f"{where}:{line}: front-matter is not valid YAML: {exc}") from exc
    if not isinstance(meta, dict) or not isinstance(node, yaml.MappingNode):
        raise CatalogError(f"{where}:{first_line}: front-matter must be a mapping")
    lines = {k.value: first_line + k.start_mark.line for k, _ in node.value}
    sql = text[match.end():].strip()
    sql_line = text[: match.end()].count("\n") + 1
    problems = _validate(meta, path, sql, set(kinds))
    if problems:
        raise CatalogError("\n".join(f"{where}:{lines.get(k, first_line)}: {msg}"
                                     for k, msg in problems))
    return meta, path, sql, sql_line


def _validate(meta: dict[str, Any], path: Path, sql: str, kinds: set[str]) -> list[tuple[str, str]]:
    p: list[tuple[str, str]] = []
    for key in _REQUIRED:
        if not isinstance(meta.get(key), str) or not meta[key].strip():
            p.append((key, f"required field {key!r} is missing or not a non-empty string"))
    for key in sorted(set(meta) - set(_REQUIRED) - set(_OPTIONAL)):
        p.append((key, f"unknown field {key!r}"))
    rid, group = str(meta.get("id", "")), str(meta.get("group", ""))
    file_match = _FILE_RE.match(path.name)
    if not file_match:
        p.append(("id", f"file name {path.name!r} must be <ID>__<slug>.sql"))
    elif file_match.group("id") != rid:
        p.append(("id", f"id {rid!r} does not match the file name prefix "
                        f"{file_match.group('id')!r}"))
    if group not in {g.value for g in Group}:
        p.append(("group", f"group {group!r} is not one of {', '.join(g.value for g in Group)}"))
    else:
        if path.parent.name != group:
            p.append(("group", f"group {group!r} differs from the folder {path.parent.name!r}"))
        id_match = _ID_RE.match(rid)
        if not id_match or id_match.group("prefix") != GROUP_PREFIX[Group(group)]:
            p.append(("id", f"id {rid!r} must be {GROUP_PREFIX[Group(group)]}-NNNN"))
    if meta.get("severity") not in {s.value for s in Severity}:
        p.append(("severity", f"severity {meta.get('severity')!r} is not one of "
                              f"{', '.join(s.value for s in Severity)}"))
    for key in ("aliases", "requires", "tags"):
        value = meta.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
            p.append((key, f"{key!r} must be a list of strings"))
        elif len(set(value)) != len(value):
            p.append((key, f"{key!r} has duplicates"))
    if kinds and isinstance(meta.get("requires"), list):
        for kind in meta["requires"]:
            if kind not in kinds:
                p.append(("requires", f"requires kind {kind!r} is not in "
                                      "_reference/collection.yaml"))
    gate_kind = (meta.get("component_state") or {}).get("or_exists") \
        if isinstance(meta.get("component_state"), dict) else None
    if kinds and isinstance(gate_kind, str) and gate_kind not in kinds:
        p.append(("component_state", f"component_state.or_exists kind {gate_kind!r} is not in "
                                     "_reference/collection.yaml"))
    applies = meta.get("applies_to", {})
    if not isinstance(applies, dict) or set(applies) - {"source", "target"}:
        p.append(("applies_to", "applies_to must be a mapping with only 'source'/'target'"))
    else:
        for side, spec in applies.items():
            try:
                parse_specifier(str(spec))
            except ValueError as exc:
                p.append(("applies_to", f"applies_to.{side}: {exc}"))
    if not isinstance(meta.get("upgrade_only", True), bool):
        p.append(("upgrade_only", "upgrade_only must be true or false"))
    gate = meta.get("component_state")
    if gate is not None and (
        not isinstance(gate, dict) or not {"component", "states"} <= set(gate)
        or not set(gate) <= {"component", "states", "or_exists"}
        or not _component_keys(gate["component"]) or not isinstance(gate["states"], list)
        or not gate["states"] or any(s not in _STATES for s in gate["states"])
        or not isinstance(gate.get("or_exists", ""), str)
    ):
        p.append(("component_state", "component_state needs 'component' (a key or a list of "
                                     f"keys) and a list 'states' of {', '.join(_STATES)}, and "
                                     "optionally 'or_exists' (a coverage kind)"))
    if not isinstance(meta.get("remediation", ""), str):
        p.append(("remediation", "remediation must be a string"))
    if not isinstance(meta.get("severity_reason", ""), str):
        p.append(("severity_reason", "severity_reason must be a string"))
    links = meta.get("links", [])
    if not isinstance(links, list) or not all(
        isinstance(x, dict) and set(x) == {"title", "url"}
        and isinstance(x["title"], str) and x["title"]
        and isinstance(x["url"], str) and x["url"].startswith(("https://", "http://"))
        for x in links
    ):
        p.append(("links", "links must be a list of {title, url} with an http(s) url"))
    commit = meta.get("vendor_commit")
    if commit is not None and not (isinstance(commit, str) and _COMMIT_RE.match(commit)):
        p.append(("vendor_commit", "vendor_commit must be a git commit (7 to 40 hex digits)"))
    if commit is not None and not meta.get("aliases"):
        p.append(("vendor_commit", "vendor_commit needs the vendor check IDs in aliases"))
    if meta.get("effort") is not None and meta["effort"] not in _EFFORTS:
        p.append(("effort", f"effort must be one of {', '.join(_EFFORTS)}"))
    problem = _sql_problem(sql)
    if problem:
        p.append(("id", problem))
    return p


@functools.cache
def _parser() -> duckdb.DuckDBPyConnection:
    """One private in-memory connection used only to parse rule SQL."""
    return duckdb.connect(":memory:")


def _sql_problem(sql: str) -> str | None:
    """Return why ``sql`` is not exactly one SELECT statement, or None (parse only, no bind)."""
    try:
        statements = _parser().extract_statements(sql)
    except duckdb.Error as exc:
        return f"the SQL does not parse: {exc}"
    if len(statements) != 1 or statements[0].type != duckdb.StatementType.SELECT:
        return "the SQL after the front-matter must be exactly one SELECT (or WITH) query"
    return None


def _component_keys(value: Any) -> tuple[str, ...]:
    """A gate's component key(s) as a tuple; empty when malformed."""
    keys = [value] if isinstance(value, str) else value
    if not isinstance(keys, list) or not keys or not all(isinstance(k, str) and k for k in keys):
        return ()
    return tuple(keys)


def _build(meta: dict[str, Any], path: Path, sql: str, sql_line: int) -> Rule:
    applies = meta.get("applies_to") or {}
    gate = meta.get("component_state")
    return Rule(
        id=meta["id"],
        title=meta["title"].strip(),
        group=Group(meta["group"]),
        severity=Severity(meta["severity"]),
        message=meta["message"].strip(),
        sql=sql.rstrip().rstrip(";").rstrip(),
        path=path,
        aliases=tuple(meta.get("aliases") or ()),
        source_spec=str(applies["source"]) if "source" in applies else None,
        target_spec=str(applies["target"]) if "target" in applies else None,
        upgrade_only=bool(meta.get("upgrade_only", True)),
        requires=tuple(meta.get("requires") or ()),
        component_state=(ComponentGate(_component_keys(gate["component"]),
                                       tuple(gate["states"]), gate.get("or_exists"))
                         if gate else None),
        remediation=(meta.get("remediation") or "").strip(),
        severity_reason=" ".join(str(meta.get("severity_reason") or "").split()),
        links=tuple(Link(x["title"], x["url"]) for x in meta.get("links") or ()),
        effort=meta.get("effort"),
        tags=tuple(meta.get("tags") or ()),
        vendor_commit=meta.get("vendor_commit"),
        sql_line=sql_line,
    )
