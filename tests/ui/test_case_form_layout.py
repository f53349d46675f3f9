"""The case form at 80x24: the notice box (which can fill the other fields) shows without
scrolling, right under the title, and a new case's violation reads "Not chosen" until picked;
saving it unpicked files the case under Other and says so."""

from __future__ import annotations

from pathlib import Path

import pytest
from editor_support import screen_text
from shell_support import shell_app
from test_app_shell import record_notes
from textual.widgets import Input, Select, TextArea

from poa_tui.domain.vocab import ViolationType
from poa_tui.storage.store import CaseStore
from poa_tui.tui.dialogs.case_form import NOT_CHOSEN, CaseFormScreen
from poa_tui.tui.screens.case_list import CaseListScreen


def _opened(app) -> list[int]:
    opened: list[int] = []
    app.open_case = opened.append
    return opened


async def test_the_notice_box_and_its_hint_show_at_80x24(tmp_path: Path) -> None:
    app = shell_app(tmp_path, seeded=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, CaseFormScreen)
        shown = screen_text(app.export_screenshot())
        assert "Amazon's notice" in shown and "ctrl+r fills in the fields below" in shown
        assert "Paste Amazon's email" in shown, "the box itself is in view"
        assert NOT_CHOSEN in shown
        box = form.query_one("#notice", TextArea)
        frame = form.query_one("#form-frame")
        assert box.region.bottom <= frame.region.bottom
        # Title keeps the cursor; enter goes on to the notice.
        assert app.focused is form.query_one("#title", Input)
        await pilot.press("enter")
        assert app.focused is box


@pytest.mark.parametrize("chosen", [None, ViolationType.OTHER], ids=["not-chosen", "other"])
async def test_a_case_without_a_chosen_violation_is_filed_under_other_and_says_so(
        tmp_path: Path, chosen: ViolationType | None) -> None:
    app = shell_app(tmp_path, seeded=False)
    _opened(app)
    notes = record_notes(app)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n")
        form = app.screen
        assert form.query_one("#violation", Select).value is Select.NULL
        form.query_one("#title", Input).value = "Quick start"
        if chosen is not None:
            form.query_one("#violation", Select).value = chosen
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, CaseListScreen)
    assert CaseStore(tmp_path / "store").load(1).violation_type is ViolationType.OTHER
    noted = any("filed under Other" in message for message, _ in notes)
    assert noted is (chosen is None), "only a violation left unchosen gets the note"


async def test_editing_shows_the_stored_violation(tmp_path: Path) -> None:
    app = shell_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("e")
        form = app.screen
        assert isinstance(form, CaseFormScreen)
        assert form.query_one("#violation", Select).value is ViolationType.INAUTHENTIC


async def test_the_notice_review_sees_an_unchosen_violation_as_unknown(tmp_path: Path) -> None:
    app = shell_app(tmp_path, seeded=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n")
        form = app.screen
        assert form._known_now().violation_type is None
        form.query_one("#violation", Select).value = ViolationType.DROP_SHIPPING
        assert form._known_now().violation_type is ViolationType.DROP_SHIPPING
