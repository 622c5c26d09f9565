"""Value types of the rule engine: severities, outcomes, groups, rules, findings and results."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any


class Severity(StrEnum):
    """Severity of a finding, worst first (contract.md "Severities and outcomes")."""

    PROHIBITED = "prohibited"
    CRITICAL = "critical"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        """Return 0 for prohibited (worst) up to 3 for info."""
        return list(Severity).index(self)

    def __lt__(self, other: object) -> bool:
        """Order by badness: ``Severity.INFO < Severity.PROHIBITED``."""
        if not isinstance(other, Severity):
            return NotImplemented
        return self.rank > other.rank

    def __le__(self, other: object) -> bool:
        """Order by badness (see ``__lt__``)."""
        if not isinstance(other, Severity):
            return NotImplemented
        return self.rank >= other.rank

    def __gt__(self, other: object) -> bool:
        """Order by badness (see ``__lt__``)."""
        if not isinstance(other, Severity):
            return NotImplemented
        return self.rank < other.rank

    def __ge__(self, other: object) -> bool:
        """Order by badness (see ``__lt__``)."""
        if not isinstance(other, Severity):
            return NotImplemented
        return self.rank <= other.rank


class Outcome(StrEnum):
    """Outcome of one rule (exactly one per rule)."""

    FAILED = "failed"
    PASSED = "passed"
    NOT_APPLICABLE = "not_applicable"
    NOT_EVALUATED = "not_evaluated"
    ERROR = "error"


class Group(StrEnum):
    """Rule groups in the contract's canonical order."""

    VERSION = "version"
    DEPENDENCY = "dependency"
    PLATFORM = "platform"
    COMPONENT = "component"
    WORKLOAD = "workload"
    COLLECTION = "collection"

    @property
    def order(self) -> int:
        """Return the position of the group in the canonical order."""
        return list(Group).index(self)


# Prefix of rule IDs per group (docs/rules-authoring.md).
GROUP_PREFIX: dict[Group, str] = {
    Group.VERSION: "VER",
    Group.DEPENDENCY: "DEP",
    Group.PLATFORM: "PLT",
    Group.COMPONENT: "CMP",
    Group.WORKLOAD: "WRK",
    Group.COLLECTION: "COL",
}

# Words accepted by ``--checks`` as a whole group (singular, plural, vendor spelling).
GROUP_KEYWORDS: dict[str, Group] = {
    "version": Group.VERSION,
    "versions": Group.VERSION,
    "dependency": Group.DEPENDENCY,
    "dependencies": Group.DEPENDENCY,
    "platform": Group.PLATFORM,
    "platforms": Group.PLATFORM,
    "component": Group.COMPONENT,
    "components": Group.COMPONENT,
    "workload": Group.WORKLOAD,
    "workloads": Group.WORKLOAD,
    "collection": Group.COLLECTION,
    "collections": Group.COLLECTION,
}


@dataclass(frozen=True)
class Link:
    """A documentation link of a rule."""

    title: str
    url: str


@dataclass(frozen=True)
class ComponentGate:
    """DSC gate: the rule applies only when a component's managementState is in ``states``.

    ``components`` holds one or more DSC component keys; any of them in ``states`` opens the
    gate (the vendor's KServe checks run when kserve *or* modelmeshserving is Managed). A key
    ``<component>.<field>`` names a nested managementState (``kserve.modelsAsService``).
    ``or_exists`` (a coverage kind) also opens the gate when objects of that kind were
    collected (the vendor's AI Pipelines checks run when the component is Managed *or* any
    DataSciencePipelinesApplication exists).
    """

    components: tuple[str, ...]
    states: tuple[str, ...]
    or_exists: str | None = None

    @property
    def component(self) -> str:
        """The component keys joined for messages (``kserve or modelmeshserving``)."""
        return " or ".join(self.components)


@dataclass(frozen=True)
class Rule:
    """One rule file: validated front-matter plus its SQL."""

    id: str
    title: str
    group: Group
    severity: Severity
    message: str
    sql: str
    path: Path
    aliases: tuple[str, ...] = ()
    source_spec: str | None = None
    target_spec: str | None = None
    upgrade_only: bool = True
    requires: tuple[str, ...] = ()
    component_state: ComponentGate | None = None
    remediation: str = ""
    severity_reason: str = ""  # why this severity (required when no vendor check is aliased)
    links: tuple[Link, ...] = ()
    effort: str | None = None
    tags: tuple[str, ...] = ()
    vendor_commit: str | None = None  # the vendor commit this twin follows, when newer
    sql_line: int = 1  # 1-based line of the file where the SQL starts

    @property
    def sort_key(self) -> tuple[int, str]:
        """Key that orders rules by group then ID."""
        return (self.group.order, self.id)


@dataclass(frozen=True)
class Evidence:
    """Where a finding was seen: bundle-relative file, JSON pointer, value, resolved line."""

    file: str | None
    pointer: str | None
    observed: str | None
    input_id: int | None = None
    line: int | None = None
    doc: int | None = None  # document index in a multi-document file (not in report.json)
    item: int | None = None  # index in ``items`` of a List file (not in report.json)
    excerpt: str | None = None  # numbered lines around ``line`` (not in report.json)

    def to_dict(self) -> dict[str, Any]:
        """Return the contract's evidence item."""
        return {"file": self.file, "pointer": self.pointer, "line": self.line,
                "observed": self.observed}


@dataclass
class Finding:
    """One offending object. Mutable only so ``resolve_evidence`` can fill ``line``."""

    kind: str
    namespace: str | None
    name: str
    message: str
    severity: Severity
    evidence: list[Evidence] = field(default_factory=list)
    inferred: bool = False
    absent: bool = False  # the finding is about something missing: kind/name name what is
    unverified: str | None = None  # the kind whose absence kept the rule from deciding
    collect: str | None = None  # the command that collects it

    @property
    def sort_key(self) -> tuple[str, str, str, int, str, str]:
        """Key that orders findings by namespace, kind, name (cluster-scoped first).

        Several findings on one object come worst first, then by evidence pointer and message,
        so the order never depends on how the database happened to return tied rows.
        """
        pointer = self.evidence[0].pointer if self.evidence else None
        return (self.namespace or "", self.kind or "", self.name or "", self.severity.rank,
                pointer or "", self.message)

    def to_dict(self) -> dict[str, Any]:
        """Return the contract's finding object (``absent: true`` only for a missing thing)."""
        out: dict[str, Any] = {
            "kind": self.kind,
            "namespace": self.namespace,
            "name": self.name,
            "message": self.message,
            "severity": self.severity.value,
            "evidence": [e.to_dict() for e in self.evidence],
        }
        if self.absent:
            out["absent"] = True
        return out


@dataclass
class RuleResult:
    """The outcome of one rule with its findings."""

    rule: Rule
    outcome: Outcome
    message: str = ""
    findings: list[Finding] = field(default_factory=list)
    missing_kinds: tuple[str, ...] = ()
    collect: tuple[str, ...] = ()  # commands that collect what an unverified row lacked

    @property
    def sort_key(self) -> tuple[int, str]:
        """Key that orders results by group then rule ID."""
        return self.rule.sort_key

    def to_dict(self) -> dict[str, Any]:
        """Return the contract's result object (key order as in contract.md)."""
        rule = self.rule
        return {
            "rule_id": rule.id,
            "aliases": list(rule.aliases),
            "title": rule.title,
            "group": rule.group.value,
            "severity": rule.severity.value,
            "outcome": self.outcome.value,
            "message": self.message,
            "remediation": rule.remediation,
            "links": [{"title": link.title, "url": link.url} for link in rule.links],
            "findings": [f.to_dict() for f in self.findings],
        }
