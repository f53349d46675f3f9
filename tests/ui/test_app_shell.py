"""The app around the screens: settings, theme, keymap, help, palette, copy, quit and hang-up."""

from __future__ import annotations

import os
import signal
from pathlib import Path

import pytest
from editor_support import eventually, screen_text
from shell_support import shell_app
from textual.command import CommandList, CommandPalette
from textual.screen import Screen
from textual.widgets import Input

from poa_tui.domain.errors import WriteFailedError
from poa_tui.system.settings import Settings
from poa_tui.tui.app import LATER_SHEETS, PoaApp, make_app
from poa_tui.tui.dialogs.case_form import CaseFormScreen
from poa_tui.tui.dialogs.help import HelpScreen
from poa_tui.tui.resources import styles_dir, stylesheets
from poa_tui.tui.screens.case_list import CaseListScreen
from poa_tui.tui.widgets.case_table import CaseTable


def record_notes(app: PoaApp) -> list[tuple[str, str]]:
    """Collect (message, severity) of every notification the app shows."""
    notes: list[tuple[str, str]] = []
    original = app.notify

    def notify(message: str, **kwargs: object) -> None:
        notes.append((message, str(kwargs.get("severity", "information"))))
        original(message, **kwargs)  # type: ignore[arg-type]

    app.notify = notify  # type: ignore[method-assign]
    return notes


class EditingScreen(Screen[None]):
    """Stands in for a screen holding unsaved text: counts its flushes."""

    def __init__(self, fail_first: bool = False) -> None:
        super().__init__()
        self.flushed = 0
        self.fail_first = fail_first

    async def flush(self) -> None:
        self.flushed += 1
        if self.fail_first and self.flushed == 1:
            raise WriteFailedError(Path("/full/disk/1.json"), OSError(28, "No space left"))


# -- settings ----------------------------------------------------------------------------------

async def test_broken_settings_file_gives_defaults_and_one_notice(tmp_path: Path) -> None:
    app = shell_app(tmp_path, settings="theme = [unclosed\n")
    notes = record_notes(app)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, CaseListScreen)
        assert app.settings == Settings()
        assert app.theme == Settings().theme
        warnings = [m for m, severity in notes if severity == "warning"]
        assert len(warnings) == 1 and "not valid TOML" in warnings[0]
        assert str(app.settings_path) in warnings[0]


async def test_bad_values_and_unknown_theme_are_named(tmp_path: Path) -> None:
    app = shell_app(tmp_path, settings='theme = "no-such-theme"\nfollow_up_days = -3\n')
    notes = record_notes(app)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        text = " ".join(m for m, _ in notes)
        assert "follow_up_days" in text and "no-such-theme" in text
        assert app.theme == "textual-dark"
        assert app.settings.follow_up_days == 2


async def test_theme_choice_persists_and_broken_original_is_kept(tmp_path: Path) -> None:
    app = shell_app(tmp_path, settings="backups_kept = \"many\"\n")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.theme = "nord"
        await pilot.pause()
    saved, problem = Settings.load(app.settings_path)
    assert problem is None and saved.theme == "nord"
    kept = app.settings_path.with_name("settings.toml.invalid")
    assert kept.read_text() == "backups_kept = \"many\"\n"

    again = shell_app(tmp_path / "x", settings=app.settings_path.read_text())
    async with again.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert again.theme == "nord"


def palette_prompts(app: PoaApp) -> list[str]:
    """The first line of each command the open palette lists now."""
    palette = app.screen
    if not isinstance(palette, CommandPalette):
        return []
    return [str(option.prompt).split("\n")[0]
            for option in palette.query_one(CommandList).options]


async def search_palette(app: PoaApp, pilot, text: str, expect: str) -> None:
    """Type `text` into the open palette and wait until it lists `expect` first."""
    app.screen.query_one(Input).value = text
    await eventually(pilot, lambda: palette_prompts(app)[:1] == [expect])


async def test_theme_picked_in_the_palette_is_saved(tmp_path: Path) -> None:
    app = shell_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+p")
        assert isinstance(app.screen, CommandPalette)
        await search_palette(app, pilot, "change theme", "app: Change theme")
        await pilot.press("enter")
        await eventually(pilot, lambda: "gruvbox" in palette_prompts(app))
        assert isinstance(app.screen, CommandPalette), "the theme picker is a palette too"
        await search_palette(app, pilot, "gruvbox", "gruvbox")
        await pilot.press("enter")
        await eventually(pilot, lambda: app.theme == "gruvbox")
    assert Settings.load(app.settings_path)[0].theme == "gruvbox"


async def test_keymap_override_by_binding_id(tmp_path: Path) -> None:
    app = shell_app(tmp_path, settings='[keymap]\n"list.new_case" = "ctrl+n"\n')
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n")
        assert isinstance(app.screen, CaseListScreen), "n no longer opens the form"
        await pilot.press("ctrl+n")
        assert isinstance(app.screen, CaseFormScreen)


# -- help and palette --------------------------------------------------------------------------

async def test_help_lists_this_screens_keys_as_mapped(tmp_path: Path) -> None:
    app = shell_app(tmp_path, settings='[keymap]\n"list.archive" = "ctrl+r"\n')
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f1")
        help_screen = app.screen
        assert isinstance(help_screen, HelpScreen)
        assert "## Cases" in help_screen.markdown
        keys = dict(help_screen.rows)
        archive_keys = [k for k, does in keys.items() if does.startswith("Archive the highlighted")]
        assert archive_keys == ["ctrl+r"]
        assert keys["n"].startswith("Start a new case")
        assert keys["F1"].startswith("Explain this screen")
        assert "ctrl+p / F9" in keys
        shown = screen_text(app.export_screenshot())
        assert "ctrl+p / F9" in shown and "Start a new case" in shown
        await pilot.press("escape")
        assert isinstance(app.screen, CaseListScreen)
        assert app.focused is app.screen.query_one(CaseTable)


async def test_help_closes_back_to_the_focused_field(tmp_path: Path) -> None:
    app = shell_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("slash", "k")
        filter_input = app.screen.query_one("#filter", Input)
        await pilot.press("f1")
        assert isinstance(app.screen, HelpScreen)
        # While typing in the filter, letters type: help does not list them as keys.
        assert "n" not in dict(app.screen.rows)
        await pilot.press("q")
        assert app.focused is filter_input and filter_input.value == "k"


async def test_help_for_a_modal_form(tmp_path: Path) -> None:
    app = shell_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n", "f1")
        assert isinstance(app.screen, HelpScreen)
        assert "Case details" in app.screen.markdown
        assert ("ctrl+s / F10", "Check the fields and save the case (ctrl+s or F10).") in \
            app.screen.rows
        await pilot.press("f1")
        assert isinstance(app.screen, CaseFormScreen)


async def test_palette_offers_namespaced_commands_and_runs_them(tmp_path: Path) -> None:
    app = shell_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f9")
        assert isinstance(app.screen, CommandPalette)
        await eventually(pilot, lambda: "app: Help" in palette_prompts(app))
        prompts = palette_prompts(app)
        assert "case: New" in prompts and "app: Change theme" in prompts
        assert not any(p.startswith("copy:") for p in prompts)
        await search_palette(app, pilot, "case: new", "case: New")
        await pilot.press("enter")
        await eventually(pilot, lambda: isinstance(app.screen, CaseFormScreen))


# -- copy, quit, hang-up, refresh --------------------------------------------------------------

async def test_copy_text_strips_controls_and_reports(tmp_path: Path) -> None:
    app = shell_app(tmp_path)
    notes = record_notes(app)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        result = app.copy_text("Root cause\x1b[2J here", "Root Cause")
        assert result.text == "Root cause here"
        assert result.osc52_sent
        assert app.clipboard == "Root cause here"
        assert notes[-1][0] == result.message


async def test_quit_flushes_every_screen_first(tmp_path: Path) -> None:
    app = shell_app(tmp_path)
    editing = EditingScreen()
    async with app.run_test(size=(80, 24)) as pilot:
        await app.push_screen(editing)
        await pilot.press("ctrl+q")
        await pilot.pause()
    assert editing.flushed == 1
    assert app.return_code == 0


async def test_quit_stops_once_when_a_flush_fails(tmp_path: Path) -> None:
    app = shell_app(tmp_path)
    notes = record_notes(app)
    editing = EditingScreen(fail_first=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await app.push_screen(editing)
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert app.is_running and app.screen is editing
        assert any("No space left" in m and severity == "error" for m, severity in notes)
        await pilot.press("ctrl+q")
        await pilot.pause()
    assert editing.flushed == 2


@pytest.mark.parametrize("signum", [signal.SIGHUP, signal.SIGTERM])
async def test_hangup_and_terminate_flush_then_exit(tmp_path: Path, signum: int) -> None:
    app = shell_app(tmp_path)
    editing = EditingScreen()
    async with app.run_test(size=(80, 24)) as pilot:
        await app.push_screen(editing)
        # Only send the signal once the app's handler is there; otherwise it would end pytest.
        assert signal.getsignal(signum) not in (signal.SIG_DFL, signal.SIG_IGN, None)
        os.kill(os.getpid(), signum)
        await eventually(pilot, lambda: not app.is_running)
    assert editing.flushed == 1
    assert app.return_code == 128 + signum
    assert signal.getsignal(signum) == signal.SIG_DFL, "the handler goes with the app"


async def test_refresh_timer_reads_the_store(tmp_path: Path) -> None:
    app = shell_app(tmp_path, refresh_seconds=0.05)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        calls: list[int] = []
        screen = app.screen
        original = screen.refresh_from_store
        screen.refresh_from_store = lambda: calls.append(1) or original()  # type: ignore[method-assign]
        await eventually(pilot, lambda: len(calls) >= 2)


# -- factory and resources ---------------------------------------------------------------------

def test_the_case_list_sheets_are_read_at_start() -> None:
    names = {path.name for path in stylesheets()}
    assert {"app.tcss", "case_list.tcss", "forms.tcss", "tables.tcss"} <= names
    assert {path.name for path in PoaApp.CSS_PATH} == names - LATER_SHEETS
    assert {"app.tcss", "case_list.tcss", "tables.tcss"} <= {p.name for p in PoaApp.CSS_PATH}
    assert styles_dir().is_dir()


def read_sheets(app: PoaApp) -> set[str]:
    return {name for name in (p.name for p in stylesheets())
            if app.stylesheet.has_source(str(styles_dir() / name), "")}


async def test_every_other_sheet_is_read_before_another_screen_opens(tmp_path: Path) -> None:
    app = shell_app(tmp_path)
    app._after_first_frame = lambda: None  # as if the list were not drawn yet
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert read_sheets(app) == {p.name for p in PoaApp.CSS_PATH}
        await pilot.press("n")
        assert isinstance(app.screen, CaseFormScreen)
        assert read_sheets(app) == {p.name for p in stylesheets()}
        frame = app.screen.query_one("#form-frame")
        assert frame.styles.width is not None and frame.styles.width.value == 92, \
            "forms.tcss is applied to the form"


async def test_every_other_sheet_is_read_once_the_list_is_drawn(tmp_path: Path) -> None:
    app = shell_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, CaseListScreen)
        assert read_sheets(app) == {p.name for p in stylesheets()}


async def test_make_app_demo_seeds_a_throwaway_store(tmp_path: Path) -> None:
    pytest.importorskip("poa_tui.storage.demo")
    app = make_app(tmp_path / "demo-store", settings_path=tmp_path / "s.toml", demo=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        rows = app.screen.query_one(CaseTable).rows_shown
        assert len(rows) == 1 and rows[0].attempts == 2
    own = make_app(settings_path=tmp_path / "s.toml", demo=True)
    assert "poa-tui-demo-" in str(own.store.root)
    assert os.environ["POA_TUI_DB"] not in str(own.store.root)


async def test_a_backup_snapshot_is_taken_at_start(tmp_path: Path) -> None:
    from poa_tui.storage.snapshots import list_backups

    app = shell_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        (snapshot,) = list_backups(app.store)
        assert snapshot.cases == len(app.store.case_ids()) > 0
