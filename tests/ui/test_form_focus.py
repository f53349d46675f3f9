"""A focused Select in a form is painted like a focused Input, so focus never goes missing
(in 256 colours Textual's own focus tint on a compact Select does not show)."""

from __future__ import annotations

from pathlib import Path

from editor_support import editor_app, open_editor, written_case
from textual.widgets import Input, Select
from textual.widgets._select import SelectCurrent

from poa_tui.tui.dialogs.case_form import CaseFormScreen
from poa_tui.tui.dialogs.submission_form import SubmissionFormScreen


async def assert_select_focus_shows(pilot, form, select_id: str, input_id: str) -> None:
    select = form.query_one(f"#{select_id}", Select)
    current = select.query_one(SelectCurrent)
    field = form.query_one(f"#{input_id}", Input)
    field.focus()
    await pilot.pause()
    focused_input, idle_select = field.styles.background, current.styles.background
    select.focus()
    await pilot.pause()
    assert current.styles.background == focused_input
    assert idle_select == field.styles.background != focused_input


async def test_the_submission_form_shows_which_select_has_focus(tmp_path: Path) -> None:
    app = editor_app(tmp_path, written_case())
    async with app.run_test(size=(80, 24)) as pilot:
        await open_editor(app, pilot)
        await pilot.press("f6")
        await pilot.pause()
        await pilot.press("s")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, SubmissionFormScreen)
        await assert_select_focus_shows(pilot, form, "channel", "when")


async def test_the_case_form_shows_which_select_has_focus(tmp_path: Path) -> None:
    app = editor_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        form = CaseFormScreen()
        await app.push_screen(form)
        await pilot.pause()
        subtitle = form.query_one("#form-frame").border_subtitle
        assert subtitle.startswith("ctrl+s or F10 save · escape close")
        selects = list(form.query(Select))
        assert selects
        for select in selects:
            await assert_select_focus_shows(pilot, form, select.id, "title")
