"""Read a report.json back (``diff``, ``fleet``): any malformed file is one clear error."""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from analyzer.errors import BadInputError
from analyzer.safetext import visible

# The parts of report.json that the commands reading one back rely on: key -> expected type.
_TOP: dict[str, type | tuple[type, ...]] = {"verdict": str, "cluster": dict, "results": list}
_RESULT: dict[str, type | tuple[type, ...]] = {"rule_id": str, "title": str, "outcome": str,
                                               "findings": list}
_FINDING: dict[str, type | tuple[type, ...]] = {"kind": str, "name": str, "severity": str,
                                                "message": str}


def _check(obj: Any, shape: Mapping[str, type | tuple[type, ...]], where: str) -> str | None:
    if not isinstance(obj, dict):
        return f"{where} is not an object"
    for key, kind in shape.items():
        if not isinstance(obj.get(key), kind):
            return f"{where}.{key} is missing or not a {getattr(kind, '__name__', kind)}"
    return None


def report_problem(data: Any) -> str | None:
    """Describe what makes ``data`` unusable as a report.json, or ``None`` when it is fine."""
    problem = _check(data, _TOP, "report")
    if problem:
        return problem
    for i, result in enumerate(data["results"]):
        problem = _check(result, _RESULT, f"results[{i}]")
        if problem:
            return problem
        for j, finding in enumerate(result["findings"]):
            problem = _check(finding, _FINDING, f"results[{i}].findings[{j}]")
            if problem:
                return problem
    coverage = data.get("coverage", [])
    if not isinstance(coverage, list) or not all(
            isinstance(c, dict) and isinstance(c.get("kind"), str) for c in coverage):
        return "report.coverage is not a list of objects with a kind"
    return None


def is_report_json(data: Any) -> bool:
    """True when ``data`` claims to be an mgscan report (schema_version 1 with results)."""
    return isinstance(data, dict) and data.get("schema_version") == 1 and "results" in data


def read_report(path: Path) -> dict[str, Any] | None:
    """The report.json at ``path``; ``None`` when the file is JSON but not a report.

    Raises:
        BadInputError: the file cannot be read, is not JSON, or claims to be a report but is
            malformed (the message names the path and the first problem).
    """
    shown = visible(os.fsdecode(path))
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError, RecursionError) as exc:
        raise BadInputError(f"{shown}: not a readable report.json "
                            f"({visible(str(exc))[:200]})") from exc
    if not is_report_json(data):
        return None
    problem = report_problem(data)
    if problem:
        raise BadInputError(f"{shown}: malformed report.json: {problem}")
    return dict(data)
