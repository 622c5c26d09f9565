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
    CRASH = 5  # mgscan itself failed unexpectedly (a bug): traceback saved, one line on stderr
    INTERRUPTED = 130  # Ctrl-C (SIGINT), 128 + 2
    BROKEN_PIPE = 141  # the reader of stdout went away (`| head`), 128 + 13, quietly
    TERMINATED = 143  # SIGTERM, 128 + 15


class MgscanError(Exception):
    """Base class of every error mgscan reports to the user."""

    exit_code: ExitCode = ExitCode.BAD_INPUT


class BadInputError(MgscanError):
    """An input cannot be read or holds nothing mgscan can use."""


class UsageError(MgscanError):
    """Invalid options, versions or combinations of arguments."""


class LimitExceeded(MgscanError):
    """A configured safety limit (file size, total size, ratio, depth) was hit."""
