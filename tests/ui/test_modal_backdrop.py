"""Dialogs keep a see-through backdrop: the screen behind stays visible under them."""

from __future__ import annotations

from pathlib import Path

import pytest
from editor_support import editor_app, open_editor, written_case

from poa_tui.tui.dialogs.confirm import ConfirmScreen
from poa_tui.tui.dialogs.help import HelpScreen
from poa_tui.tui.dialogs.text_view import TextViewScreen


@pytest.mark.parametrize("make", [
    lambda editor: HelpScreen(editor),
    lambda editor: ConfirmScreen("Delete case 1?", "It goes to the trash.", danger=True),
    lambda editor: TextViewScreen("Final text", "Root Cause\nSome words.", what="POA"),
], ids=["help", "confirm", "text-view"])
async def test_a_dialog_lets_the_screen_behind_show(tmp_path: Path, make) -> None:
    app = editor_app(tmp_path, written_case())
    async with app.run_test(size=(80, 24)) as pilot:
        editor = await open_editor(app, pilot)
        assert editor.styles.background.a == 1
        dialog = make(editor)
        await app.push_screen(dialog)
        await pilot.pause()
        assert app.screen is dialog
        assert 0 < dialog.styles.background.a < 1


async def test_the_text_view_draws_one_frame_even_when_its_text_has_focus(tmp_path: Path) -> None:
    from textual.widgets import TextArea

    app = editor_app(tmp_path, written_case())
    async with app.run_test(size=(80, 24)) as pilot:
        await open_editor(app, pilot)
        view = TextViewScreen("Final text", "Root Cause\nSome words.", what="POA")
        await app.push_screen(view)
        await pilot.pause()
        area = view.query_one(TextArea)
        area.focus()
        await pilot.pause()
        assert app.focused is area
        assert area.styles.border_top[0] in ("", "none")
