"""The assessment's facts are SQL views of queries/_assessment/ (issue 11 §9), created TEMP."""

from __future__ import annotations

import ast
import re
import shutil
from pathlib import Path

import duckdb
import pytest
from test_assessment import add, dsc, finish, isvc, new_db

from analyzer import precompiled
from analyzer.assess import views
from analyzer.assess.refs import prepare_views
from analyzer.rules.catalog import queries_dir

ASSESS = Path(views.__file__).resolve().parent
FOLDER = queries_dir() / views.FOLDER


def test_every_view_file_has_a_header_and_is_one_select() -> None:
    files = sorted(FOLDER.glob("*.sql"))
    assert len(files) >= 10
    for path in files:
        text = path.read_text(encoding="utf-8")
        assert text.startswith("-- "), path.name
        statements = duckdb.extract_statements(text)
        assert len(statements) == 1, path.name
        assert statements[0].type == duckdb.StatementType.SELECT, path.name


def test_views_are_temp_and_created_once_per_connection() -> None:
    con = finish(new_db())
    prepare_views(con)
    names = {v["name"] for v in views.load_views()}
    rows = con.execute("select view_name, temporary, database_name from duckdb_views() "
                       "where starts_with(view_name, 'asm_')").fetchall()
    assert {r[0] for r in rows} == {f"asm_{n}" for n in names}
    assert all(r[1] and r[2] == "temp" for r in rows)
    con.execute("create or replace temp view asm_models as select 'marker' as name")
    prepare_views(con)  # already there: nothing is re-created
    assert con.execute("select name from asm_models").fetchall() == [("marker",)]


def test_views_are_ordered_after_the_views_they_read() -> None:
    order = [v["name"] for v in views.load_views()]
    for view in views.load_views():
        for dep in view["deps"]:
            assert order.index(dep) < order.index(view["name"])
    assert order.index("serving") < order.index("models")


def test_a_file_without_header_or_with_a_cycle_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / views.FOLDER
    folder.mkdir()
    (folder / "a.sql").write_text("select 1 as x\n")
    with pytest.raises(views.AssessmentViewError, match="start with a comment"):
        views._parse(folder)
    (folder / "a.sql").write_text("-- a\nselect * from asm_b\n")
    (folder / "b.sql").write_text("-- b\nselect * from asm_a\n")
    with pytest.raises(views.AssessmentViewError, match="cycle"):
        views._parse(folder)
    (folder / "b.sql").write_text("-- b\nselect * from asm_c\n")
    with pytest.raises(views.AssessmentViewError, match="no file defines"):
        views._parse(folder)


def test_parsed_views_are_kept_in_the_precompiled_cache(tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MGSCAN_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv(precompiled.DISABLE_ENV, raising=False)
    root = tmp_path / "queries"
    shutil.copytree(FOLDER, root / views.FOLDER)
    first = views.load_views(root)
    assert len(list((tmp_path / "cache" / "precompiled").glob("assessment-views-*.json"))) == 1
    calls: list[int] = []
    monkeypatch.setattr(views, "_parse", lambda folder: calls.append(1) or [])
    assert views.load_views(root) == first and calls == []  # read back, not parsed
    (root / views.FOLDER / "models.sql").write_text("-- changed\nselect 1 as x\n")
    assert views.load_views(root) == [] and calls == [1]  # other bytes, other entry


def test_views_work_on_a_read_only_database_and_leave_it_unchanged(tmp_path: Path) -> None:
    path = tmp_path / "ro.duckdb"
    con = duckdb.connect(str(path))
    from analyzer.ingest.schema import create_empty_database

    create_empty_database(con)
    add(con, dsc(kserve="Managed"))
    add(con, isvc("a", "ns", "ModelMesh"))
    finish(con).close()
    before = path.read_bytes()
    ro = duckdb.connect(str(path), read_only=True)
    prepare_views(ro)
    assert ro.execute("select mode from asm_models").fetchall() == [("ModelMesh",)]
    assert ro.execute("select count(*) from duckdb_views() where database_name <> 'temp' "
                      "and starts_with(view_name, 'asm_')").fetchone() == (0,)
    ro.close()
    assert path.read_bytes() == before


def test_assessment_python_holds_no_fact_sql() -> None:
    """Python reads the views: no SQL string over the bundle's tables in analyzer/assess."""
    tables = re.compile(r"\bfrom\s+(resources|files|subscriptions|datascienceclusters|"
                        r"dscinitializations|inferenceservices|notebooks|deployments|pods|"
                        r"statefulsets|namespaces|secrets|knative_services|imagestreams|"
                        r"llamastackdistributions|llminferenceservices|configmaps|"
                        r"servicemeshcontrolplanes|_asm_\w+)\b")
    found = []
    for path in sorted(ASSESS.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Constant) and isinstance(node.value, str)
                    and "select" in node.value.lower() and tables.search(node.value)):
                found.append(f"{path.name}: {node.value[:60]!r}")
    assert found == []
