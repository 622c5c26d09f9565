"""mgscan: offline RHOAI 2.x -> 3.x migration readiness analyzer for must-gather bundles."""

__version__ = "0.1.0"
