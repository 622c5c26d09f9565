"""Exception hierarchy and the exit codes promised by the contract."""

from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    """Exit codes of ``mgscan analyze`` (contract.md, "Exit codes")."""

    PASS = 0
    FAIL = 1  # a prohibited or critical finding
    WARNING = 2  # only warnings, and --fail-on warning
    BAD_INPUT = 3  # unreadable bundle, no OpenShift/RHOAI data, invalid version, usage
    INCOMPLETE = 4  # a rule raised an internal error


class MgscanError(Exception):
    """Base class of every error mgscan reports to the user."""

    exit_code: ExitCode = ExitCode.BAD_INPUT


class BadInputError(MgscanError):
    """An input cannot be read or holds nothing mgscan can use."""


class UsageError(MgscanError):
    """Invalid options, versions or combinations of arguments."""


class LimitExceeded(MgscanError):
    """A configured safety limit (file size, total size, ratio, depth) was hit."""
