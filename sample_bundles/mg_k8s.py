"""Deterministic Kubernetes object helpers for the synthetic sample bundles.

Everything here is a pure function of its arguments: uids come from uuid5 over
the object's identity, timestamps and resourceVersions from a hash of it, so a
rebuild produces byte-identical files. YAML is emitted the way ``oc`` does:
keys sorted, a leading ``---`` line, Go-style double quotes around strings
that YAML would otherwise read as numbers, booleans or nulls.
"""

from __future__ import annotations

import base64
import hashlib
import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

import yaml

Obj = dict[str, Any]

UID_NAMESPACE = uuid.UUID("0b4f6f2e-6c1e-5a8e-9d3f-2f0d8b7c6a51")
INSTALL_TIME = datetime(2025, 3, 10, 8, 0, 0, tzinfo=UTC)
POD_SUFFIX_ALPHABET = "bcdfghjklmnpqrstvwxz2456789"

CORE_STR = "tag:yaml.org,2002:str"


def digest(*parts: str, n: int = 64) -> str:
    """Return the first ``n`` hex digits of sha256 over ``parts``."""
    return hashlib.sha256("\x00".join(parts).encode()).hexdigest()[:n]


def number(*parts: str, modulo: int) -> int:
    """Return a stable integer in ``[0, modulo)`` derived from ``parts``."""
    return int(digest(*parts, n=15), 16) % modulo


def uid(*parts: str) -> str:
    """Return a uuid5 derived from the object's identity."""
    return str(uuid.uuid5(UID_NAMESPACE, "/".join(parts)))


def rfc3339(moment: datetime) -> str:
    """Format ``moment`` like Kubernetes metav1.Time (seconds, ``Z``)."""
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def rfc3339nano(moment: datetime) -> str:
    """Format ``moment`` with nanoseconds, like kubelet log prefixes."""
    base = moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S")
    return f"{base}.{moment.microsecond:06d}{number(base, modulo=1000):03d}Z"


def created(*parts: str, not_before: datetime = INSTALL_TIME, days: int = 400) -> datetime:
    """Return a stable creation time within ``days`` after ``not_before``."""
    return not_before + timedelta(minutes=number("created", *parts, modulo=days * 24 * 60))


def resource_version(*parts: str) -> str:
    """Return a stable resourceVersion string."""
    return str(100000 + number("rv", *parts, modulo=90_000_000))


def suffix(*parts: str, n: int = 5) -> str:
    """Return a generateName-style suffix such as ``x7k2q``."""
    raw = int(digest("suffix", *parts), 16)
    chars = []
    for _ in range(n):
        raw, idx = divmod(raw, len(POD_SUFFIX_ALPHABET))
        chars.append(POD_SUFFIX_ALPHABET[idx])
    return "".join(chars)


def image(repo: str, *parts: str) -> str:
    """Return a digest-pinned image reference for ``repo``."""
    return f"{repo}@sha256:{digest('image', repo, *parts)}"


def meta(
    kind: str,
    name: str,
    namespace: str | None = None,
    *,
    labels: dict[str, str] | None = None,
    annotations: dict[str, str] | None = None,
    owners: list[Obj] | None = None,
    finalizers: list[str] | None = None,
    generation: int | None = None,
    created_at: datetime | None = None,
) -> Obj:
    """Build ``metadata`` with stable uid, resourceVersion and creationTimestamp."""
    ident = (kind, namespace or "", name)
    out: Obj = {
        "name": name,
        "uid": uid(*ident),
        "resourceVersion": resource_version(*ident),
        "creationTimestamp": rfc3339(created_at or created(*ident)),
    }
    if namespace is not None:
        out["namespace"] = namespace
    if labels:
        out["labels"] = dict(labels)
    if annotations:
        out["annotations"] = dict(annotations)
    if owners:
        out["ownerReferences"] = owners
    if finalizers:
        out["finalizers"] = list(finalizers)
    if generation is not None:
        out["generation"] = generation
    return out


def obj(api_version: str, kind: str, metadata: Obj, **fields: Any) -> Obj:
    """Assemble an object from apiVersion, kind, metadata and top-level fields."""
    out: Obj = {"apiVersion": api_version, "kind": kind, "metadata": metadata}
    out.update({k: v for k, v in fields.items() if v is not None})
    return out


def owner_ref(owner: Obj, *, controller: bool = True) -> Obj:
    """Return an ownerReference pointing at ``owner``."""
    return {
        "apiVersion": owner["apiVersion"],
        "kind": owner["kind"],
        "name": owner["metadata"]["name"],
        "uid": owner["metadata"]["uid"],
        "controller": controller,
        "blockOwnerDeletion": True,
    }


def k8s_list(api_version: str, kind: str, items: list[Obj], rv: str) -> Obj:
    """Wrap ``items`` the way ``oc adm inspect`` writes ``<Kind>List`` files."""
    return {
        "apiVersion": api_version,
        "items": items,
        "kind": f"{kind}List",
        "metadata": {"resourceVersion": rv},
    }


def elide(value: str) -> str:
    """Return what ``oc adm inspect`` writes instead of a secret value."""
    return base64.b64encode(f"{len(value.encode())} bytes long".encode()).decode()


def b64(value: str) -> str:
    """Base64-encode ``value`` (used for certificates inspect keeps)."""
    return base64.b64encode(value.encode()).decode()


def condition(ctype: str, status: str, at: datetime, reason: str = "", message: str = "") -> Obj:
    """Return a metav1.Condition-like dict."""
    out: Obj = {"type": ctype, "status": status, "lastTransitionTime": rfc3339(at)}
    if reason:
        out["reason"] = reason
    if message:
        out["message"] = message
    return out


# ---------------------------------------------------------------------------
# YAML output
# ---------------------------------------------------------------------------


_BaseDumper: Any = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


class GoDumper(_BaseDumper):  # type: ignore[misc]
    """SafeDumper (libyaml's emitter when available) tuned to look like sigs.k8s.io/yaml output."""

    def ignore_aliases(self, data: Any) -> bool:  # noqa: ARG002 - signature fixed by PyYAML
        """Never emit anchors: the same dict may be written twice."""
        return True


def _represent_str(dumper: GoDumper, data: str) -> yaml.ScalarNode:
    style: str | None = None
    if "\n" in data and data == data.rstrip(" ") and "\t" not in data:
        style = "|"
    elif dumper.resolve(yaml.ScalarNode, data, (True, False)) != CORE_STR:
        style = '"'
    node: yaml.ScalarNode = dumper.represent_scalar(CORE_STR, data, style=style)
    return node


GoDumper.add_representer(str, _represent_str)


def go_sorted(value: Any) -> Any:
    """Sort mapping keys recursively, as Go's YAML printer does."""
    if isinstance(value, dict):
        return {k: go_sorted(value[k]) for k in sorted(value)}
    if isinstance(value, list):
        return [go_sorted(v) for v in value]
    return value


def dump(document: Obj, *, separator: bool = True) -> bytes:
    """Serialise one object as ``oc`` does (``---`` first, keys sorted)."""
    text = yaml.dump(
        go_sorted(document),
        Dumper=GoDumper,
        sort_keys=False,
        default_flow_style=False,
        allow_unicode=True,
        width=1_000_000,
    )
    return (("---\n" if separator else "") + text).encode()
