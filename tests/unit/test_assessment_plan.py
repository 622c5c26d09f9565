"""Support window, size/timeline estimate and effort table."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import duckdb
import pytest
from test_assessment import (
    NOW,
    add,
    dsc,
    finish,
    isvc,
    namespace,
    new_db,
    notebook,
    ootb_imagestream,
    result,
)

from analyzer.assess import build_assessment
from analyzer.assess.refs import ensure_reference_tables


def lifecycle_db() -> duckdb.DuckDBPyConnection:
    """An empty cluster whose ref_lifecycle is test data (not queries/_reference)."""
    con = finish(new_db())
    con.execute("""create table ref_lifecycle as select * from (values
        ('2.25', 'EUS', '2027-04-30', ['eus-2.25'], 't'),
        ('2.16', 'EUS', '2026-06-30', ['eus-2.16'], 't'),
        ('2.16', 'stable', '2025-08-31', ['stable-2.16'], 't'),
        ('2.22', 'stable', '', ['stable-2.22'], 't'))
        as t(version, release_type, support_ends, channels, source)""")
    return con


def support(con: duckdb.DuckDBPyConnection, now: datetime = NOW, **facts: Any) -> dict[str, Any]:
    block = build_assessment(con, facts=facts, results=[], target_version="3.3.2", now=now)
    return dict(block["support"])


def test_months_left_from_the_analysis_date() -> None:
    out = support(lifecycle_db(), now=datetime(2026, 11, 20, tzinfo=UTC),
                  rhoai_version="2.25.4", channel="eus-2.25", collected_at="2026-11-01T08:00:00Z")
    assert out == {
        "stream": "2.25", "channel": "eus-2.25", "release_type": "EUS",
        "support_ends": "2027-04-30", "as_of": "2026-11-20", "months_left": 5,
        "collected_on": "2026-11-01", "months_left_at_collection": None,
        "note": "RHOAI 2.25 EUS support ends April 2027: 5 months left as of the analysis date "
                "(2026-11-20). All new features are 3.x only.",
    }


def test_an_old_bundle_also_states_the_window_as_of_collection() -> None:
    out = support(lifecycle_db(), now=datetime(2027, 2, 10, tzinfo=UTC),
                  rhoai_version="2.25.4", channel="eus-2.25", collected_at="2026-10-14T08:00:00Z")
    assert (out["as_of"], out["months_left"]) == ("2027-02-10", 2)
    assert (out["collected_on"], out["months_left_at_collection"]) == ("2026-10-14", 6)
    assert ("2 months left as of the analysis date (2027-02-10). The bundle was collected on "
            "2026-10-14, 119 days before the analysis: as of collection, 6 months were left."
            ) in out["note"]
    # 30 days or less: the collection date is recent enough, one window only
    recent = support(lifecycle_db(), now=datetime(2026, 11, 13, tzinfo=UTC),
                     rhoai_version="2.25.4", collected_at="2026-10-14")
    assert recent["months_left_at_collection"] is None
    assert "as of collection" not in recent["note"]


def test_months_left_without_a_collection_time_say_so() -> None:
    out = support(lifecycle_db(), now=datetime(2027, 1, 15, tzinfo=UTC),
                  rhoai_version="2.25.4", channel="eus-2.25")
    assert (out["as_of"], out["months_left"], out["collected_on"]) == ("2027-01-15", 3, None)
    assert "The bundle's collection time is unknown." in out["note"]


def test_support_that_already_ended_counts_zero_months() -> None:
    out = support(lifecycle_db(), now=datetime(2027, 6, 20, tzinfo=UTC),
                  rhoai_version="2.25.4", collected_at="2027-06-02")
    assert out["months_left"] == 0
    assert out["note"].startswith("RHOAI 2.25 EUS support ended on 2027-04-30, before the "
                                  "analysis date (2027-06-20)")
    assert "Subscription channel was not collected" in out["note"]
    old = support(lifecycle_db(), now=datetime(2027, 9, 1, tzinfo=UTC),
                  rhoai_version="2.25.4", collected_at="2027-06-02")
    assert old["months_left_at_collection"] == 0
    assert "as of collection, support had already ended." in old["note"]


def test_release_type_follows_the_channel_when_a_stream_has_several() -> None:
    con = lifecycle_db()
    eus = support(con, now=datetime(2026, 1, 1, tzinfo=UTC), rhoai_version="2.16.2",
                  channel="eus-2.16", collected_at="2026-01-01")
    assert (eus["release_type"], eus["support_ends"], eus["months_left"]) == (
        "EUS", "2026-06-30", 5)
    unknown = support(con, rhoai_version="2.16.2", channel="odd", collected_at="2025-01-01")
    assert (unknown["release_type"], unknown["support_ends"]) == ("stable", "2025-08-31")
    assert "the earliest end of support is used" in unknown["note"]


def test_unknown_end_date_and_unknown_streams() -> None:
    con = lifecycle_db()
    out = support(con, rhoai_version="2.22.1", channel="stable-2.22", collected_at="2026-01-01")
    assert (out["release_type"], out["support_ends"], out["months_left"]) == (
        "stable", None, None)
    assert "not known to mgscan" in out["note"]
    assert support(con, rhoai_version="2.99.0")["release_type"] is None
    assert support(con)["stream"] is None


def sized(namespaces: int, custom_images: int, models: int) -> dict[str, Any]:
    con = new_db()
    add(con, ootb_imagestream("s2i-minimal-notebook"))
    for i in range(namespaces):
        add(con, namespace(f"ns-{i}"))
    for i in range(custom_images):
        add(con, notebook(f"nb-{i}", "ns-0", f"quay.io/acme/custom-{i}:1", stopped=True))
    for i in range(models):
        add(con, isvc(f"m-{i}", "ns-0", "RawDeployment"))
    finish(con)
    block = build_assessment(con, facts={}, results=[], target_version="3.3.2", now=NOW)
    return dict(block["sizing"])


@pytest.mark.parametrize(("namespaces", "custom_images", "models", "size"), [
    (1, 0, 3, "small"), (2, 0, 0, "small"), (3, 0, 0, "medium"), (1, 1, 0, "medium"),
    (1, 0, 4, "medium"), (10, 5, 50, "medium"), (11, 0, 0, "large"), (1, 6, 0, "large"),
    (1, 0, 51, "large"),
])
def test_size_thresholds(namespaces: int, custom_images: int, models: int, size: str) -> None:
    out = sized(namespaces, custom_images, models)
    assert out["size"] == size
    assert out["signals"] == {"namespaces": namespaces, "custom_images": custom_images,
                              "models": models, "integrations": 0,
                              "workbenches": custom_images}


def test_sizing_block_carries_timeline_basis_and_note() -> None:
    out = sized(3, 1, 4)
    assert out["basis"] == ("3 data-science namespaces, 1 custom image, 4 models, "
                            "0 data connections (medium: "
                            "data-science namespaces, custom images and models above the "
                            "small profile)")
    assert out["timeline"] == [
        {"phase": "assessment", "estimate": "1–2 weeks"},
        {"phase": "preparation", "estimate": "3–6 weeks"},
        {"phase": "rehearsal", "estimate": "1 week"},
        {"phase": "migration window", "estimate": "1–2 days"},
        {"phase": "stabilization", "estimate": "2–4 weeks"},
    ]
    assert out["total"] == "2–3 months"
    assert out["note"].startswith("Compliance requirements cannot be seen in a bundle")
    assert sized(1, 0, 1)["basis"] == ("1 data-science namespace, 0 custom images, 1 model, "
                                      "0 data connections")


def test_size_limits_are_reference_data() -> None:
    con = new_db()
    add(con, namespace("only"))
    finish(con)
    ensure_reference_tables(con)
    con.execute("update ref_timeline set namespaces_max = 0 where size = 'small'")
    block = build_assessment(con, facts={}, results=[], target_version="3.3.2", now=NOW)
    assert block["sizing"]["size"] == "medium"


def test_effort_rows_show_use_and_evidence() -> None:
    con = new_db()
    add(con, dsc(kserve="Managed", modelmeshserving="Removed", workbenches="Managed",
                 kueue="Removed", ray="Managed"))
    add(con, isvc("a", "ns", "ModelMesh"))
    add(con, isvc("b", "ns", "RawDeployment"))
    add(con, {"apiVersion": "ray.io/v1", "kind": "RayCluster", "metadata": {"name": "rc",
                                                                             "namespace": "ns"}})
    finish(con)
    # the rule that decides models-raw found the ModelMesh model: the work is confirmed
    found = result("WRK-0110", [], "failed", findings=[
        {"kind": "InferenceService", "namespace": "ns", "name": "a", "message": "a: ModelMesh"}])
    block = build_assessment(con, facts={}, results=[found], target_version="3.3.2", now=NOW)
    effort = {row["component"]: row for row in block["effort"]}
    assert [r["component"] for r in block["effort"]][:2] == ["Model serving", "Workbenches"]
    assert effort["Model serving"] == {
        "component": "Model serving", "effort": "High", "in_use": True,
        "action": "convert every model to RawDeployment", "confirmed": True,
        "evidence": "2 InferenceServices (1 ModelMesh); kserve: Managed, "
                    "modelmeshserving: Removed"}
    assert effort["Workbenches"]["in_use"] is True
    assert effort["Workbenches"]["evidence"] == "workbenches: Managed"
    assert effort["Ray training"]["evidence"] == "1 RayCluster; ray: Managed, codeflare: absent"
    assert "Kueue" not in effort and "Llama Stack" not in effort  # not in use: no row


def test_effort_without_a_dsc_says_so() -> None:
    con = finish(new_db())
    block = build_assessment(con, facts={}, results=[], target_version="3.3.2", now=NOW)
    assert block["effort"][0]["evidence"] == "DataScienceCluster not collected"
    assert block["effort"][0]["in_use"] is False
    assert block["effort"][0]["confirmed"] is False


def test_collection_time_may_be_a_datetime() -> None:
    out = support(lifecycle_db(), rhoai_version="2.25.4",
                  collected_at=datetime(2026, 11, 1, 8, 0, tzinfo=UTC))
    assert (out["as_of"], out["months_left"], out["collected_on"]) == (
        "2026-11-20", 5, "2026-11-01")
