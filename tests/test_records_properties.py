"""Whatever JSON lands in a case file, the index or an import, `list`, `show`, `doctor` and the
app's case list never raise: a bad record is refused or listed as damaged, never a traceback."""

from __future__ import annotations

import asyncio
import json
import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from poa_tui.cli import main
from poa_tui.domain.models import Case, Sections
from poa_tui.storage.store import CaseStore

json_values = st.recursive(
    st.none() | st.booleans() | st.integers(min_value=-2**70, max_value=2**70)
    | st.floats(allow_nan=False, allow_infinity=False) | st.text(max_size=12)
    | st.sampled_from(["", "2025-03-01", "9999-12-31T23:59:59+00:00", "0001-01-01",
                       "draft", "denied", "account_health", "three", "false"]),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner,
                                                                max_size=3),
    max_leaves=12,
)
CASE_KEYS = ["id", "title", "schema", "sections", "notice", "submissions", "evidence",
             "archived", "closed", "created_at", "updated_at", "revision", "scope",
             "violation_type", "notes"]
NESTED = {
    "notice": ["deadline", "received", "appeal_limit", "asins", "metrics", "text"],
    "attempt": ["number", "submitted_at", "channel", "sections", "reply", "note"],
}


@st.composite
def case_docs(draw: st.DrawFn, case_id: int) -> Any:
    """Mostly a sound case with a few fields replaced by arbitrary JSON; now and then any JSON."""
    if draw(st.integers(0, 5)) == 0:
        return draw(json_values)
    doc = Case(id=case_id, title="drawn", sections=Sections(root_cause="x")).to_dict()
    doc["schema"] = 2
    doc["notice"]["deadline"] = "2025-04-01"
    doc["submissions"] = [{"number": 1, "submitted_at": "2025-03-01T10:00:00+00:00",
                           "channel": "account_health", "sections": {}, "reply": None}]
    for key in draw(st.lists(st.sampled_from(CASE_KEYS), max_size=3)):
        doc[key] = draw(json_values)
    for key in draw(st.lists(st.sampled_from(NESTED["notice"]), max_size=2)):
        if isinstance(doc.get("notice"), dict):
            doc["notice"][key] = draw(json_values)
    for key in draw(st.lists(st.sampled_from(NESTED["attempt"]), max_size=2)):
        if isinstance(doc.get("submissions"), list) and doc["submissions"] and isinstance(
                doc["submissions"][0], dict):
            doc["submissions"][0][key] = draw(json_values)
    return doc


def file_shapes(inner: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    """As the store writes a file (TinyDB's table and document), or not at all."""
    return st.one_of(inner.map(lambda doc: {"case": {"1": doc}}), inner)


index_docs = st.one_of(
    json_values,
    st.fixed_dictionaries({"meta": st.one_of(json_values, st.fixed_dictionaries(
        {"1": st.dictionaries(st.sampled_from(["schema_version", "next_id"]), json_values)})),
        "cases": st.one_of(json_values, st.dictionaries(st.sampled_from(["1", "2", "x"]),
                                                        json_values))}),
)


def run(*args: str) -> int:
    code = main(list(args))
    assert code in (0, 2), (args, code)
    return code


def make_store(root: Path) -> CaseStore:
    store = CaseStore(root)
    store.create(Case(title="sound", sections=Sections(root_cause="We checked.")))
    return store


PROPERTY = settings(max_examples=60, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                           HealthCheck.function_scoped_fixture])


@PROPERTY
@given(case_file=file_shapes(case_docs(2)), index=index_docs)
def test_any_case_file_and_index_leave_list_show_and_doctor_working(case_file, index,
                                                                    capsys) -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder) / "store"
        make_store(root)
        (root / "cases" / "2.json").write_text(json.dumps(case_file), encoding="utf-8")
        (root / "poa.json").write_text(json.dumps(index), encoding="utf-8")
        db = ["--db", str(root)]
        run(*db, "list", "--all")
        run(*db, "list", "--json", "--needs-action")
        run(*db, "show", "2")
        assert run(*db, "show", "1") == 0
        run(*db, "doctor")
        assert run(*db, "list") == 0, "doctor leaves a store that lists cleanly"
        assert run(*db, "show", "1") == 0
    capsys.readouterr()


@PROPERTY
@given(payload=st.one_of(json_values, st.lists(case_docs(0), max_size=3)))
def test_whatever_import_accepts_reads_back(payload, capsys) -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder) / "store"
        make_store(root)
        source = Path(folder) / "in.json"
        source.write_text(json.dumps(payload), encoding="utf-8")
        db = ["--db", str(root)]
        imported = run(*db, "import", str(source))
        if imported == 2:
            assert CaseStore(root).case_ids() == [1], "a refused import writes nothing"
        assert run(*db, "list", "--all") == 0
        for case_id in CaseStore(root).case_ids():
            assert run(*db, "show", str(case_id)) == 0
    capsys.readouterr()


@settings(max_examples=8, deadline=None, suppress_health_check=list(HealthCheck))
@given(case_file=file_shapes(case_docs(2)), index=index_docs)
def test_the_apps_case_list_never_raises(case_file, index) -> None:
    from poa_tui.tui.app import make_app
    from poa_tui.tui.screens.case_list import CaseListScreen
    from poa_tui.tui.widgets.case_table import CaseTable

    async def drive(root: Path) -> None:
        app = make_app(store=CaseStore(root), settings_path=root.parent / "settings.toml")
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            assert isinstance(app.screen, CaseListScreen)
            table = app.screen.query_one(CaseTable)
            ids = sorted(row.id for row in table.rows_shown)
            assert 1 in ids
            for row in table.rows_shown:
                table.row_cells(row)  # every cell of every row can be drawn
            await pilot.press("end", "enter")  # open the last row, damaged or not
            await pilot.pause()

    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder) / "store"
        make_store(root)
        (root / "cases" / "2.json").write_text(json.dumps(case_file), encoding="utf-8")
        (root / "poa.json").write_text(json.dumps(index), encoding="utf-8")
        asyncio.run(drive(root))


@pytest.mark.parametrize("change", [{"sections": 7}, {"notice": {"appeal_limit": "three"}}])
async def test_a_damaged_case_is_a_red_row_that_says_why(tmp_path: Path, change) -> None:
    from poa_tui.tui.app import make_app
    from poa_tui.tui.screens.case_list import CaseListScreen
    from poa_tui.tui.widgets.case_table import CaseTable

    store = make_store(tmp_path / "store")
    doc = Case(id=2, title="Broken but named").to_dict()
    doc.update({"schema": 2, **change})
    store.case_path(2).write_text(json.dumps({"case": {"1": doc}}), encoding="utf-8")
    store.create(Case(title="after"))
    app = make_app(store=store, settings_path=tmp_path / "settings.toml")
    async with app.run_test(size=(160, 24)) as pilot:
        await pilot.pause()
        table = app.screen.query_one(CaseTable)
        cells = {row.id: [cell.plain for cell in table.row_cells(row)]
                 for row in table.rows_shown}
        assert sorted(cells) == [1, 2, 3]
        line = " ".join(cells[2])
        assert "Broken but named · damaged: `" in line
        assert "Damaged" in cells[2]
        strip = str(app.screen.query_one("#problems").render())
        assert "1 case is damaged" in strip and "run poa-tui doctor to repair" in strip
        assert f"2.json: {app.store.problems[0].reason}" in strip
        table.move_cursor(row=[row.id for row in table.rows_shown].index(2))
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, CaseListScreen)  # not opened, said why instead
        assert any("Case 2 cannot be opened" in str(n.message) for n in app._notifications)
