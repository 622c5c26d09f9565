"""Read any input (directory, archive, split parts, YAML/JSON dump) as a read-only tree."""

from analyzer.bundle.entries import Entry
from analyzer.bundle.layout import Root, find_roots, is_rhoai_image, root_lookup, root_of
from analyzer.bundle.members import read_members
from analyzer.bundle.opener import input_fingerprint, open_input
from analyzer.bundle.sources import InputInfo, Source
from analyzer.bundle.split import canonical_inputs

__all__ = [
    "Entry",
    "InputInfo",
    "Root",
    "Source",
    "canonical_inputs",
    "find_roots",
    "input_fingerprint",
    "is_rhoai_image",
    "open_input",
    "read_members",
    "root_lookup",
    "root_of",
]
