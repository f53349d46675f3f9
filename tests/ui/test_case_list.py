"""The case list and the case form, driven by keys against a real store in tmp."""

from __future__ import annotations

import html
import importlib.util
import re
from pathlib import Path

from shell_support import sample_cases, shell_app
from textual.widgets import Input, Select, Static, TextArea

from poa_tui.domain.vocab import Scope, ViolationType
from poa_tui.storage.store import CaseStore
from poa_tui.tui.dialogs.case_form import CaseFormScreen
from poa_tui.tui.dialogs.confirm import ConfirmScreen
from poa_tui.tui.screens.case_list import CaseListScreen
from poa_tui.tui.widgets.case_table import CaseTable

EDITOR_LANDED = importlib.util.find_spec("poa_tui.tui.screens.case_editor") is not None


def shown_ids(app) -> list[int]:
    return [row.id for row in app.screen.query_one(CaseTable).rows_shown]


def record_opens(app) -> list[int]:
    """Replace `app.open_case` so opening is observed without the editor."""
    opened: list[int] = []
    app.open_case = opened.append
    return opened


async def test_lists_cases_newest_first_with_counts(tmp_path: Path) -> None:
    app = shell_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, CaseListScreen)
        assert shown_ids(app) == [8, 7, 6, 5, 4, 3, 2]  # 1 is archived
        table = screen.query_one(CaseTable)
        assert table.border_subtitle == "7 cases · 5 need action · 1 overdue · 1 archived"
        assert screen.sub_title == table.border_subtitle
        assert table.highlighted_id == 8
        assert app.focused is table


async def test_empty_store_explains_how_to_begin(tmp_path: Path) -> None:
    app = shell_app(tmp_path, seeded=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        empty = app.screen.query_one("#empty", Static)
        assert empty.display
        text = str(empty.render())
        assert "A case is one suspension" in text
        assert "Press n" in text and "--demo" in text
        assert not app.screen.query_one(CaseTable).display


async def test_create_a_case_through_the_form(tmp_path: Path) -> None:
    app = shell_app(tmp_path)
    opened = record_opens(app)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n")
        form = app.screen
        assert isinstance(form, CaseFormScreen)
        assert app.focused is form.query_one("#title", Input)
        form.query_one("#title", Input).value = "  Gadget   recall  "
        form.query_one("#seller", Input).value = "Northwind"
        form.query_one("#marketplace", Input).value = "WWW.Amazon.DE"
        form.query_one("#violation", Select).value = ViolationType.PRODUCT_SAFETY
        form.query_one("#scope", Select).value = Scope.LISTING
        form.query_one("#received", Input).value = "2025-03-01"
        form.query_one("#deadline", Input).value = "2025-03-18"
        form.query_one("#notice", TextArea).load_text("Dear seller,\x1b[31m we removed\x07 it.")
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, CaseListScreen)
        assert opened == [9]
        assert app.screen.query_one(CaseTable).highlighted_id == 9
    case = CaseStore(tmp_path / "store").load(9)
    assert case.title == "Gadget recall"
    assert case.seller == "Northwind"
    assert case.marketplace == "amazon.de"
    assert case.violation_type == ViolationType.PRODUCT_SAFETY
    assert case.scope == Scope.LISTING
    assert (case.notice.received.isoformat(), case.notice.deadline.isoformat()) == (
        "2025-03-01", "2025-03-18")
    assert case.notice.text == "Dear seller, we removed it."
    assert case.evidence, "a new case starts with the checklist for its violation"


async def test_blank_title_is_refused_and_nothing_is_lost(tmp_path: Path) -> None:
    app = shell_app(tmp_path)
    record_opens(app)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n")
        form = app.screen
        form.query_one("#title", Input).value = "   \t "
        form.query_one("#seller", Input).value = "Kept Seller"
        form.query_one("#notice", TextArea).load_text("Long notice text to keep.")
        await pilot.press("tab", "ctrl+s")
        await pilot.pause()
        assert app.screen is form
        error = form.query_one("#form-error", Static)
        assert error.has_class("-shown")
        assert "title" in str(error.render())
        assert app.focused is form.query_one("#title", Input)
        assert form.query_one("#seller", Input).value == "Kept Seller"
        assert form.query_one("#notice", TextArea).text == "Long notice text to keep."
        await pilot.press("x")
        assert not error.has_class("-shown"), "typing in the field clears the complaint"
    assert len(CaseStore(tmp_path / "store").summaries(include_archived=True)) == 8


async def test_bad_date_is_refused_naming_the_field(tmp_path: Path) -> None:
    app = shell_app(tmp_path)
    record_opens(app)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n")
        form = app.screen
        form.query_one("#title", Input).value = "Dates"
        form.query_one("#received", Input).value = "2025-03-10"
        form.query_one("#deadline", Input).value = "2025-02-30"
        await pilot.press("ctrl+s")
        message = str(form.query_one("#form-error", Static).render())
        assert "Response deadline" in message and "2025-02-30" in message
        assert app.focused is form.query_one("#deadline", Input)
        form.query_one("#deadline", Input).value = "2025-03-01"
        await pilot.press("ctrl+s")
        assert "before the notice was received" in str(form.query_one("#form-error").render())
        assert app.screen is form


async def test_escape_on_a_changed_form_asks_first(tmp_path: Path) -> None:
    app = shell_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n")
        form = app.screen
        await pilot.press("escape")
        assert isinstance(app.screen, CaseListScreen), "an untouched form just closes"
        await pilot.press("n")
        form = app.screen
        form.query_one("#title", Input).value = "Half typed"
        await pilot.press("escape")
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        assert app.screen is form and form.query_one("#title", Input).value == "Half typed"
        await pilot.press("escape", "y")
        assert isinstance(app.screen, CaseListScreen)
    assert len(CaseStore(tmp_path / "store").summaries(include_archived=True)) == 8


async def test_edit_details_of_the_highlighted_case(tmp_path: Path) -> None:
    app = shell_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("down", "e")  # case 7
        form = app.screen
        assert isinstance(form, CaseFormScreen)
        title = form.query_one("#title", Input)
        assert title.value == "Late shipment rate 6.2 % (seller-fulfilled)"
        assert form.query_one("#deadline", Input).value == "2025-03-18"
        title.value = "Late shipment rate: second try"
        await pilot.press("f10")
        await pilot.pause()
        assert isinstance(app.screen, CaseListScreen)
        assert app.screen.query_one(CaseTable).highlighted_id == 7
    case = CaseStore(tmp_path / "store").load(7)
    assert case.title == "Late shipment rate: second try"
    assert len(case.submissions) == 1, "editing details leaves the history alone"


async def test_filter_as_you_type_then_escape(tmp_path: Path) -> None:
    app = shell_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("slash")
        filter_input = app.screen.query_one("#filter", Input)
        assert app.focused is filter_input
        await pilot.press(*"kestrel")
        assert shown_ids(app) == [6]
        assert app.screen.query_one(CaseTable).border_subtitle.startswith("1 of 7 cases")
        filter_input.value = "b07xj8c8f5"  # an ASIN, any case
        await pilot.pause()
        assert shown_ids(app) == [8]
        filter_input.value = "114-3941689"  # part of an order id
        await pilot.pause()
        assert shown_ids(app) == [7]
        filter_input.value = "oak lane"  # seller; the archived case stays hidden
        await pilot.pause()
        assert shown_ids(app) == [3]
        filter_input.value = "nothing like this"
        await pilot.pause()
        assert shown_ids(app) == []
        assert "No case matches" in str(app.screen.query_one("#empty").render())
        await pilot.press("escape")
        assert filter_input.value == ""
        assert shown_ids(app) == [8, 7, 6, 5, 4, 3, 2]
        assert app.focused is app.screen.query_one(CaseTable)


async def test_filter_on_a_long_list_follows_each_key_and_formats_only_visible_rows(
        tmp_path: Path) -> None:
    app = shell_app(tmp_path, seeded=False)
    app.store.import_cases([case for _ in range(50) for case in sample_cases()])  # 400 cases
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert len(shown_ids(app)) == 350
        table = app.screen.query_one(CaseTable)
        formatted: list[int] = []
        real_cells = table.row_cells
        table.row_cells = lambda row: formatted.append(row.id) or real_cells(row)
        await pilot.press("slash")
        for typed in ("k", "ke", "kes"):
            formatted.clear()
            await pilot.press(typed[-1])
            await pilot.pause()
            expected = [row.id for row in app.screen.all_rows
                        if not row.archived and typed in row.title.casefold() + " "
                        + row.seller.casefold()]
            assert shown_ids(app) == expected, f"the list follows {typed!r} at once"
            assert len(expected) > table.size.height
            assert 0 < len(formatted) <= table.size.height, "only rows on screen are formatted"
        assert len(shown_ids(app)) == 50


async def test_archive_restore_and_show_archived(tmp_path: Path) -> None:
    app = shell_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("down", "down")  # case 6
        await pilot.press("a")
        assert 6 not in shown_ids(app)
        assert CaseStore(tmp_path / "store").load(6).archived
        await pilot.press("v")
        # Archiving is activity: case 6 may now sort first, so compare as sets.
        assert sorted(shown_ids(app)) == [1, 2, 3, 4, 5, 6, 7, 8]
        assert app.screen.query_one(CaseTable).border_title == "Cases, archived included"
        table = app.screen.query_one(CaseTable)
        table.move_cursor(row=shown_ids(app).index(6))
        await pilot.press("a")
        assert not CaseStore(tmp_path / "store").load(6).archived
        assert table.highlighted_id == 6
        await pilot.press("v")
        assert sorted(shown_ids(app)) == [2, 3, 4, 5, 6, 7, 8]


async def test_delete_asks_naming_the_case_and_can_be_cancelled(tmp_path: Path) -> None:
    app = shell_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("down", "delete")
        confirm = app.screen
        assert isinstance(confirm, ConfirmScreen)
        assert "7" in confirm.question and "Late shipment rate 6.2 %" in confirm.question
        assert "trash" in confirm.detail
        await pilot.press("enter")  # the safe button has the focus
        assert isinstance(app.screen, CaseListScreen)
        assert 7 in shown_ids(app)
        await pilot.press("delete", "y")
        await pilot.pause()
        assert 7 not in shown_ids(app)
    store = CaseStore(tmp_path / "store")
    assert not store.exists(7)
    assert [p.name.split("-")[0] for p in store.trash_dir.iterdir()] == ["7"]


async def test_a_case_open_elsewhere_is_not_archived_or_deleted(tmp_path: Path) -> None:
    app = shell_app(tmp_path)
    other = CaseStore(tmp_path / "store")
    lock = other.session_lock(8)
    lock.acquire()
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press("a", "delete")
            assert isinstance(app.screen, CaseListScreen), "no confirmation for a locked case"
            assert 8 in shown_ids(app)
    finally:
        lock.release()
    assert not other.load(8).archived


async def test_enter_opens_the_highlighted_case(tmp_path: Path) -> None:
    app = shell_app(tmp_path)
    if not EDITOR_LANDED:
        opened = record_opens(app)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("down", "down", "enter")
        await pilot.pause()
        if EDITOR_LANDED:
            from poa_tui.tui.screens.case_editor import CaseEditorScreen

            assert isinstance(app.screen, CaseEditorScreen)
            assert app.screen.case_id == 6
        else:
            assert opened == [6]


async def test_refresh_shows_other_sessions_changes_and_keeps_the_cursor(tmp_path: Path) -> None:
    app = shell_app(tmp_path, refresh_seconds=0.1)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("down", "down", "down")
        assert app.screen.query_one(CaseTable).highlighted_id == 5
        other = CaseStore(tmp_path / "store")
        from poa_tui.domain.models import Case

        other.create(Case(title="Written by another terminal"))
        for _ in range(50):  # the timer fires every 0.1 s; allow a slow machine 5 s
            await pilot.pause(0.1)
            if 9 in shown_ids(app):
                break
        assert shown_ids(app)[0] == 9
        assert app.screen.query_one(CaseTable).highlighted_id == 5


async def test_unreadable_case_files_are_named(tmp_path: Path) -> None:
    app = shell_app(tmp_path)
    bad = tmp_path / "store" / "cases" / "42.json"
    bad.write_text("{ not json", encoding="utf-8")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        strip = app.screen.query_one("#problems", Static)
        assert strip.display
        text = str(strip.render())
        assert "42.json" in text and "not valid JSON" in text
        assert shown_ids(app) == [42, 8, 7, 6, 5, 4, 3, 2]  # listed as damaged, changed last


async def test_list_palette_commands_follow_the_highlighted_case(tmp_path: Path) -> None:
    app = shell_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        titles = [c.title for c in app.screen.palette_commands()]
        assert titles[:3] == ["case: New", "case: Open", "case: Edit details"]
        assert "case: Archive" in titles and "case: Delete" in titles
        assert "view: Show archived" in titles
        await pilot.press("v")
        app.screen.query_one(CaseTable).move_cursor(row=7)  # case 1, archived
        await pilot.pause()
        titles = [c.title for c in app.screen.palette_commands()]
        assert "case: Restore" in titles and "view: Hide archived" in titles


def _screen_text(svg: str) -> str:
    """The words in a Textual SVG screenshot (tags dropped, entities and nbsp decoded)."""
    return html.unescape(re.sub(r"<[^>]+>", "", svg)).replace("\xa0", " ")


def _snapshot_with_text(snap_compare, tmp_path: Path, size: tuple[int, int]) -> tuple[bool, str]:
    """Compare the case list with its stored snapshot; also return the words on screen."""
    app = shell_app(tmp_path)
    shots: list[str] = []

    async def capture(pilot) -> None:
        await pilot.pause()
        shots.append(pilot.app.export_screenshot())

    matched = snap_compare(app, terminal_size=size, run_before=capture)
    return matched, _screen_text(shots[0])


def test_snapshot_80x24(snap_compare, tmp_path: Path) -> None:
    matched, text = _snapshot_with_text(snap_compare, tmp_path, (80, 24))
    assert matched
    for title in ("Acme blender: inauthentic", "Late shipment rate 6.2 %", "Order defect rate"):
        assert title in text
    assert "2 d overdue" in text and "today" in text and "in 5 d" in text
    assert "7 cases · 5 need action · 1 overdue · 1 archived" in text
    assert "✖ Acme blender" in text, "no room for the Checks column: a marker instead"


def test_snapshot_160x48(snap_compare, tmp_path: Path) -> None:
    matched, text = _snapshot_with_text(snap_compare, tmp_path, (160, 48))
    assert matched
    for title in ("Acme blender: inauthentic complaint", "Trademark claim on [Kestrel] phone cases",
                  "Pesticide claim on bamboo cutting boards", "Kestrel Mobile"):
        assert title in text
    assert "2025-03-18  2 d overdue" in text
    assert "Checks" in text and "blocked" in text


async def test_archiving_the_last_case_leaves_its_keys_working(tmp_path: Path) -> None:
    store = CaseStore(tmp_path / "store")
    from poa_tui.domain.models import Case

    store.create(Case(title="The only case"))
    app = shell_app(tmp_path, seeded=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("a")
        await pilot.pause()
        assert shown_ids(app) == [] or not app.screen.query_one(CaseTable).display
        assert not isinstance(app.focused, Input)
        await pilot.press("v")  # the message says v shows archived cases: it must not be typed
        await pilot.pause()
        assert app.screen.query_one("#filter", Input).value == ""
        assert shown_ids(app) == [1]
