"""The top-level handler: every failure ends as one line on stderr and a contract exit code.

``MgscanError`` (bad input, usage) prints its message and exits with its code (3, or 4 for a
broken catalogue). Any other exception is a defect of mgscan: its traceback is saved to a file
(the output folder when it is known and exists, else ``$XDG_STATE_HOME/mgscan``, else
``~/.local/state/mgscan``) and one line naming that file is printed; the exit code is 5, never
1 (which means "prohibited or critical finding"). Ctrl-C exits 130, SIGTERM 143, and a closed
stdout (``| head``) ends quietly with 141.
"""

from __future__ import annotations

import contextlib
import os
import platform
import signal
import sys
import tempfile
import time
import traceback
from collections.abc import Iterator
from contextvars import ContextVar
from pathlib import Path
from types import FrameType
from typing import Any

import click

from analyzer import __version__
from analyzer.errors import ExitCode, MgscanError
from analyzer.safetext import visible

_OUTPUT_DIR: ContextVar[Path | None] = ContextVar("mgscan_output_dir", default=None)
_MAX_MESSAGE = 300


class Terminated(KeyboardInterrupt):
    """Raised in the main thread when SIGTERM arrives, so every cleanup path runs as for ^C."""


def remember_output_dir(path: Path | None) -> None:
    """Tell the handler where this run writes, so a crash report can be saved beside it."""
    _OUTPUT_DIR.set(path)


def state_dir() -> Path:
    """``$XDG_STATE_HOME/mgscan``, else ``~/.local/state/mgscan``."""
    base = os.environ.get("XDG_STATE_HOME") or str(Path.home() / ".local" / "state")
    return Path(base) / "mgscan"


def _crash_text(exc: BaseException) -> str:
    lines = [f"mgscan {__version__} crashed: {type(exc).__name__}",
             f"command: {' '.join(sys.argv)}",
             f"python {platform.python_version()} on {platform.platform()}", "",
             *traceback.format_exception(exc)]
    return "\n".join(line.rstrip("\n") for line in lines) + "\n"


def save_traceback(exc: BaseException) -> Path | None:
    """Write the traceback to a new file (never overwriting one) and return its path."""
    stamp = time.strftime("%Y%m%dT%H%M%SZ", time.gmtime())
    name = f"mgscan-crash-{stamp}-{os.getpid()}.txt"
    out = _OUTPUT_DIR.get()
    candidates = [out] if out is not None and out.is_dir() else []
    candidates += [state_dir(), Path(tempfile.gettempdir())]
    text = _crash_text(exc)
    for folder in candidates:
        try:
            folder.mkdir(parents=True, exist_ok=True)
            path = folder / name
            with open(path, "x", encoding="utf-8", errors="backslashreplace") as handle:
                handle.write(text)
            return path
        except OSError:
            continue
    return None


def one_line(value: object, limit: int | None = None) -> str:
    """An exception message as one printable line (control characters escaped, clipped)."""
    text = visible(" ".join(str(value).splitlines()))
    return text if limit is None or len(text) <= limit else text[: limit - 1] + "…"


def _say(message: str) -> None:
    """Print to stderr, ignoring a stderr that is itself gone."""
    with contextlib.suppress(OSError, ValueError):
        click.echo(message, err=True)


def _silence_stdout() -> None:
    """After EPIPE, point stdout at /dev/null so the interpreter's final flush stays quiet."""
    with contextlib.suppress(OSError, ValueError, AttributeError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())


def _crash(exc: BaseException) -> None:
    path = save_traceback(exc)
    where = f"traceback saved to {path}" if path else "the traceback could not be saved"
    detail = one_line(exc, _MAX_MESSAGE)
    _say(f"mgscan: internal error: {type(exc).__name__}{': ' + detail if detail else ''} "
         f"({where}; please report it)")
    sys.exit(int(ExitCode.CRASH))


@contextlib.contextmanager
def guarded() -> Iterator[None]:
    """Map every exception raised inside to one line on stderr and its exit code."""
    try:
        yield
    except MgscanError as exc:
        _say(f"mgscan: error: {one_line(exc)}")
        sys.exit(int(exc.exit_code))
    except Terminated:
        _say("mgscan: terminated; no partial output was left behind")
        sys.exit(int(ExitCode.TERMINATED))
    except KeyboardInterrupt:
        _say("mgscan: interrupted; no partial output was left behind")
        sys.exit(int(ExitCode.INTERRUPTED))
    except BrokenPipeError:
        _silence_stdout()
        sys.exit(int(ExitCode.BROKEN_PIPE))
    except (click.exceptions.ClickException, click.exceptions.Exit, click.exceptions.Abort):
        raise
    except Exception as exc:  # noqa: BLE001 - the whole point: no traceback, exit 5
        _crash(exc)


def _on_sigterm(signum: int, frame: FrameType | None) -> Any:
    raise Terminated


def install_signal_handlers() -> None:
    """SIGTERM unwinds like Ctrl-C (temporary files removed), then exits 143."""
    with contextlib.suppress(ValueError):  # not the main thread: leave signals alone
        signal.signal(signal.SIGTERM, _on_sigterm)


class MgscanGroup(click.Group):
    """A click group whose commands all run under :func:`guarded`."""

    def invoke(self, ctx: click.Context) -> Any:
        """Run the selected command under the top-level handler."""
        with guarded():
            return super().invoke(ctx)
