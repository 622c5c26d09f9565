"""Explore an ingested bundle offline, as ``oc``/``omc`` do: get, describe, logs, events, status."""
