"""F1 help: keys written the way the help texts write them, in a fixed order, the keys table in
view at 80x24, and the frame named by the screen's heading."""

from __future__ import annotations

from pathlib import Path

import pytest
from editor_support import editor_app, open_editor, screen_text, written_case
from shell_support import shell_app
from textual.binding import Binding
from textual.widgets import Markdown

from poa_tui.tui.dialogs.case_form import CaseFormScreen
from poa_tui.tui.dialogs.help import HelpPage, HelpScreen, key_label, key_rank, key_rows


@pytest.mark.parametrize(("key", "label"), [
    ("f6", "F6"), ("shift+f8", "shift+F8"), ("ctrl+s", "ctrl+s"), ("escape", "escape"),
    ("enter", "enter"), ("ctrl+q", "ctrl+q"), ("slash", "/"), ("left_square_bracket", "["),
    ("space", "space"), ("delete", "delete"), ("pageup", "pgup"), ("ctrl+home", "ctrl+home"),
    ("up", "up"), ("n", "n"),
])
def test_a_key_is_written_as_the_help_texts_write_it(key: str, label: str) -> None:
    assert key_label(key) == label


def test_rows_go_f_keys_ctrl_letters_movement_escape_quit() -> None:
    keys = [("ctrl+q", "quit"), ("escape", "back"), ("up", "cursor_up"), ("n", "new"),
            ("ctrl+g", "guide"), ("f10", "save"), ("shift+f8", "previous"), ("f8", "next"),
            ("f2", "focus"), ("enter", "open")]
    ordered = sorted(keys, key=lambda pair: key_rank(*pair))
    assert [key for key, _ in ordered] == ["f2", "f8", "shift+f8", "f10", "ctrl+g", "n", "enter",
                                           "up", "escape", "ctrl+q"]


def test_twin_keys_share_a_row_in_the_order_they_are_bound() -> None:
    rows = key_rows([
        Binding("escape", "back", "Back", id="x.back"),
        Binding("ctrl+s", "save", "Save", id="x.save", tooltip="Save now."),
        Binding("f10", "save", "Save", id="x.save", tooltip="Save now."),
        Binding("f3", "third", "Third", id="x.third"),
        Binding("q", "nothing", "No id"),
    ])
    assert rows == [("F3", "Third"), ("ctrl+s / F10", "Save now."), ("escape", "Back")]


def test_the_page_splits_into_heading_opening_and_the_rest() -> None:
    page = HelpPage.of("## Case editor\n\nWrite three parts:\n\n- one\n- two\n\nMore words.\n")
    assert page == HelpPage("Case editor", "Write three parts:\n\n- one\n- two", "More words.")
    assert HelpPage.of("Just one line.") == HelpPage("", "Just one line.", "")


async def test_the_list_help_shows_its_keys_at_80x24_in_order(tmp_path: Path) -> None:
    app = shell_app(tmp_path, settings='[keymap]\n"list.new_case" = "ctrl+n"\n')
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f1")
        await pilot.pause()
        help_screen = app.screen
        assert isinstance(help_screen, HelpScreen)
        frame = help_screen.query_one("#help-frame")
        assert frame.border_title == "Help: Cases"
        keys = [keys for keys, _ in help_screen.rows]
        assert keys[0] == "F1"
        assert keys[-2:] == ["escape", "ctrl+q"]
        assert "ctrl+n" in keys and "n" not in keys, "the keymap override shows"
        assert keys.index("enter") < keys.index("up") < keys.index("escape")
        shown = screen_text(app.export_screenshot())
        assert "Keys on this screen" in shown and "Explain this screen" in shown
        assert "## " not in shown
        intro = help_screen.query_one("#help-intro", Markdown)
        assert "Cases" not in intro.source.splitlines()[0], "no heading repeats the frame title"


async def test_a_dialog_s_help_is_named_by_its_heading(tmp_path: Path) -> None:
    app = shell_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n")
        assert isinstance(app.screen, CaseFormScreen)
        await pilot.press("f1")
        await pilot.pause()
        assert app.screen.query_one("#help-frame").border_title == "Help: New case"
        await pilot.press("escape", "escape", "down", "e", "f1")
        await pilot.pause()
        assert app.screen.query_one("#help-frame").border_title == "Help: Case 7: details"


async def test_the_editor_help_lists_f_keys_first_in_number_order(tmp_path: Path) -> None:
    app = editor_app(tmp_path, written_case())
    async with app.run_test(size=(80, 24)) as pilot:
        await open_editor(app, pilot)
        await pilot.press("f1")
        await pilot.pause()
        help_screen = app.screen
        assert isinstance(help_screen, HelpScreen)
        assert help_screen.query_one("#help-frame").border_title == "Help: Case editor"
        keys = [keys for keys, _ in help_screen.rows]
        f_keys = [key for key in keys if key.startswith("F")]
        assert keys[:len(f_keys)] == f_keys
        numbers = [int(key.split(" ")[0][1:]) for key in f_keys]
        assert numbers == sorted(numbers) and numbers[:3] == [1, 2, 3]
        assert keys[-2:] == ["escape", "ctrl+q"]
        assert "Keys on this screen" in screen_text(app.export_screenshot())
