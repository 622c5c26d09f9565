"""Suite-wide setup: mgscan's caches go to a temporary folder, never the user's home.

mgscan caches the precompiled catalogue and `use` databases under ``$MGSCAN_CACHE_DIR`` (else
``$XDG_CACHE_HOME/mgscan`` or ``~/.cache/mgscan``). A test run, and every CLI it starts as a
subprocess, uses one temporary folder per process instead; tests that need their own folder
still set the variable themselves.
"""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile

if "MGSCAN_CACHE_DIR" not in os.environ:
    _CACHE = tempfile.mkdtemp(prefix="mgscan-test-cache-")
    os.environ["MGSCAN_CACHE_DIR"] = _CACHE
    atexit.register(shutil.rmtree, _CACHE, ignore_errors=True)
