"""RootScan keeps a fraction of the member list and must find exactly the same roots."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from analyzer.bundle import find_roots, root_of
from analyzer.ingest.classify import file_type
from analyzer.ingest.rootscan import RootScan

IMAGE = "quay-io-x-sha256-" + "c" * 64
PARTS = ["mg", "a", IMAGE, "namespaces", "cluster-scoped-resources", "config", "insights-operator",
         "ns1", "pods", "inspect.local.1"]
NAMES = ["x.yaml", "y.json", "config/version.json", "insights-operator/gathers.json", "config/id",
         "version", "timestamp", "current.log", "namespaces", "z.txt"]
paths = st.builds(lambda d, n: "/".join([*d, n]), st.lists(st.sampled_from(PARTS), max_size=3),
                  st.sampled_from(NAMES))


def whole_list_roots(members: list[str], small: dict[str, bytes]) -> list[object]:
    """What the pipeline computed before RootScan: find_roots over every member."""
    inspect = find_roots(0, members, small, first_root_id=3)
    by_path = {r.path: r.root_id for r in inspect}
    dumps = [p for p in members
             if file_type(p) in ("yaml", "json") and root_of(p, by_path) is None]
    return list(find_roots(0, members, small, dumps, first_root_id=3))


@settings(max_examples=300, deadline=None, derandomize=True)
@given(st.lists(paths, max_size=40))
def test_rootscan_finds_the_roots_of_the_whole_list(members: list[str]) -> None:
    small = {p: b"red-hat-data-services/must-gather\n2.25.4\n" for p in members
             if p.rsplit("/", 1)[-1] == "version"}
    scan = RootScan()
    scan.small.update(small)
    for p in members:
        scan.add(p, file_type(p))
    assert scan.roots(0, 3) == whole_list_roots(members, small)


def test_rootscan_keeps_one_path_per_tree_not_every_member() -> None:
    scan = RootScan()
    for i in range(1000):
        scan.add(f"mg/{IMAGE}/namespaces/ns{i}/core/pods.yaml", "yaml")
        scan.add(f"mg/{IMAGE}/namespaces/ns{i}/pods/p/c/logs/current.log", "log")
    scan.add("mg/loose.yaml", "yaml")  # outside every tree: a dump candidate
    assert scan.paths == [f"mg/{IMAGE}/namespaces/ns0/core/pods.yaml"]
    assert scan.candidates == ["mg/loose.yaml"]
    roots = scan.roots(0, 0)
    assert [(r.path, r.kind) for r in roots] == [(f"mg/{IMAGE}", "image"),
                                                 ("mg/loose.yaml", "dump")]
