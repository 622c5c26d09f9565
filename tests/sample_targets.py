"""The target version each sample bundle is assessed for (3.3.2 unless stated here)."""

from __future__ import annotations

TARGETS = {"upgrade-3.3-to-3.4": "3.4.1", "upgrade-3.4-to-3.5": "3.5.0"}


def target_for(stem: str) -> str:
    """The ``--target-version`` a sample is analysed with."""
    return TARGETS.get(stem, "3.3.2")
