"""`PoaApp`: settings, global keys, the one copy path and a clean exit on quit or hang-up.

Screens do the work; the app holds what they share (`store`, `settings`, `today()`,
`copy_text`, `open_case`) and makes sure no typed text is lost however the session ends.
"""

from __future__ import annotations

import asyncio
import os
import re
import signal
import tempfile
import threading
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Iterable

from textual import events
from textual.app import App
from textual.binding import Binding

from poa_tui.domain.errors import StoreError
from poa_tui.storage.store import CaseStore
from poa_tui.system import paths
from poa_tui.system.settings import DEFAULT_THEME, Settings, set_aside
from poa_tui.tui.commands import PaletteCommand, PoaCommands
from poa_tui.tui.resources import stylesheets
from poa_tui.tui.screens.case_list import CaseListScreen
from poa_tui.tui.textual_fixes import collection_pauses as heap
from poa_tui.tui.textual_fixes import draw_guard, paste_guard, render_crop
from poa_tui.tui.textual_fixes.focus_keys import FOCUS_BINDINGS, bind_at_once, keeps_tab

if TYPE_CHECKING:
    from poa_tui.system.clipboard import (
        CopyResult,  # imported on the first copy, not at start (~1 ms)
    )

_EXIT_SIGNALS = (signal.SIGHUP, signal.SIGTERM, signal.SIGINT)
"""Signals that save every draft, then end the app with status 128 + the signal's number.
SIGINT is `kill -INT` (ctrl+c at the keyboard reaches the app as a key, not as this signal)."""
EXIT_GRACE_SECONDS = 5.0
"""How long an exit after one of `_EXIT_SIGNALS` may take, drafts saved, before the process
ends."""


def _end_process_after(seconds: float, return_code: int) -> None:
    """End the process in `seconds` unless it has exited normally by then.

    After a hang-up the terminal is gone. Textual 8's output thread dies on its first failed
    write, and once 30 more writes are queued, restoring the terminal on exit blocks forever:
    about one dropped session in three stayed behind as an orphan process. The drafts are
    saved before this is armed, so cutting that wait short loses nothing.
    """
    timer = threading.Timer(seconds, os._exit, args=(return_code,))
    timer.daemon = True  # a normal exit does not wait for it
    timer.start()


LATER_SHEETS = frozenset({"editor.tcss", "forms.tcss", "help_panels.tcss", "history.tcss",
                          "submissions.tcss"})
"""Sheets only other screens use: read once the case list is drawn, or before another screen
opens if that comes first. Parsing them costs ~12 ms of start-up. A sheet that styles anything
on the case list must not be named here; a new sheet is read at start unless it is added."""


class PoaApp(App[None]):
    """The poa-tui application: a case list, and a case editor per case."""

    TITLE = "poa-tui"
    CSS_PATH = [path for path in stylesheets() if path.name not in LATER_SHEETS]
    COMMANDS = {PoaCommands}
    BINDINGS = [
        Binding("ctrl+q", "quit", "Quit", id="app.quit", priority=True,
                tooltip="Save every open draft, then quit."),
        # Priority, so F1 also works in dialogs (whose bindings otherwise hide the app's).
        Binding("f1", "help", "Help", id="app.help", priority=True,
                tooltip="Explain this screen and list its keys; F1 again closes it."),
        # VS Code and some terminals take ctrl+p for themselves: F9 is the twin.
        Binding("ctrl+p,f9", "command_palette", "Commands", id="app.palette", priority=True,
                show=False,
                tooltip="Search every command available here (ctrl+p or F9)."),
        *FOCUS_BINDINGS,
    ]

    refresh_seconds: float = 3.0
    """How often the active screen re-reads the store, to show other sessions' changes."""

    def __init__(self, store: CaseStore, settings_path: Path,
                 today: Callable[[], date] | None = None) -> None:
        super().__init__()
        paste_guard.install()
        render_crop.install()
        draw_guard.install()
        self.store = store
        """Every case; screens read and write through it."""
        self.settings_path = settings_path
        self.settings, self._settings_problem = Settings.load(settings_path)
        """What the user chose in `settings.toml` (defaults where it had problems)."""
        self._today = today or date.today
        self.exit_note: str | None = None
        """Said on standard error once the app has closed: where unsaved text was kept."""
        self._quit_despite_errors = False
        self._all_sheets_read = False
        self._theme_applied = False

    def get_key_display(self, binding: Binding) -> str:
        """Keys in the footer and hints as the help writes them: "F5", not Textual's "f5"."""
        return re.sub(r"\bf(\d{1,2})\b", r"F\1", super().get_key_display(binding))

    def today(self) -> date:
        """The local date; tests replace the clock so day counts stay stable."""
        return self._today()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "move_focus":
            return not keeps_tab(self.focused)
        return True

    async def on_event(self, event: events.Event) -> None:
        # Keys in a burst stay in order (see `bind_at_once`).
        if (isinstance(event, events.Key) and not event.is_forwarded
                and await bind_at_once(self, event)):
            return
        await super().on_event(event)

    MAX_TOASTS = 2
    """Notifications shown at once; a newer one replaces the oldest (at 80x24 three stacked
    covered half the editor, the third cut off mid-sentence)."""

    def _refresh_notifications(self) -> None:
        for old in list(self._notifications)[:-self.MAX_TOASTS]:
            del self._notifications[old]
        super()._refresh_notifications()

    def action_move_focus(self, direction: int) -> None:
        """Tab, shift+tab: at once, so the keys typed next land in the new field."""
        if direction > 0:
            self.screen.focus_next()
        else:
            self.screen.focus_previous()

    # -- start and stop -----------------------------------------------------------------------

    def on_mount(self) -> None:
        problems = [self._settings_problem] if self._settings_problem else []
        if self.settings.theme in self.available_themes:
            self.theme = self.settings.theme
        else:
            problems.append(f"There is no theme called {self.settings.theme!r}; "
                            f"using {DEFAULT_THEME}. Pick one with ctrl+p, Change theme.")
            self.theme = DEFAULT_THEME
        self._theme_applied = True
        self.set_keymap(self.settings.keymap)
        for problem in problems:
            self.notify(problem, title="Settings", severity="warning", timeout=12)
        self._install_signal_handlers()
        self.set_interval(self.refresh_seconds, self._refresh_active_screen)
        self.call_after_refresh(self._after_first_frame)

    def get_default_screen(self) -> CaseListScreen:
        # The case list is the app's first screen itself, rather than pushed over Textual's
        # empty default screen (~3 ms of start-up to build and lay out for nothing).
        return CaseListScreen()

    def _after_first_frame(self) -> None:
        """What waits until the case list is on screen."""
        # `cli.tui.run` pauses Python's cycle collector while the app starts (it would walk
        # every object imported so far, ~30-50 ms at start-up). One collection now, then what
        # is left (the modules, the list's summaries) stays out of later full collections.
        heap.release()
        self.read_all_sheets()
        # The snapshot's thread would otherwise hold the interpreter lock while the list is
        # laid out (~20 ms of start-up at 1,000 cases).
        self.run_worker(self._snapshot_at_start, thread=True, group="backup")

    def read_all_sheets(self) -> None:
        """Read the stylesheets left out of `CSS_PATH` (see `LATER_SHEETS`), once."""
        if self._all_sheets_read:
            return
        self._all_sheets_read = True
        for path in stylesheets():
            if not self.stylesheet.has_source(str(path), ""):
                self.stylesheet.read(path)
        # Only the new sheets are parsed (the others are cached), then every node restyled.
        self.stylesheet.update(self)

    def push_screen(self, *args: Any, **kwargs: Any) -> Any:  # type: ignore[override]
        # Every screen but the case list may need the later sheets: they are read first.
        self.read_all_sheets()
        return super().push_screen(*args, **kwargs)

    def _snapshot_at_start(self) -> None:
        # Hard links, so this costs milliseconds even for thousands of cases; off the UI thread
        # all the same, so the list never waits for the disk.
        from poa_tui.storage.snapshots import take_snapshot

        try:
            take_snapshot(self.store, keep=self.settings.backups_kept)
        except (OSError, StoreError) as error:
            self.call_from_thread(self.notify, f"Could not take the start-up backup: {error}",
                                  title="Backup", severity="warning", timeout=10)

    def on_unmount(self) -> None:
        loop = asyncio.get_running_loop()
        for signum in _EXIT_SIGNALS:
            loop.remove_signal_handler(signum)

    def _install_signal_handlers(self) -> None:
        # Textual handles no SIGHUP: a dropped SSH connection would kill the process with
        # edits still waiting for their autosave. Flush them, then leave.
        loop = asyncio.get_running_loop()
        for signum in _EXIT_SIGNALS:
            try:
                loop.add_signal_handler(signum, self._on_exit_signal, signum)
            except (RuntimeError, ValueError):  # the platform's "not implemented" included
                pass  # not the main thread, or no signals on this platform: nothing to install

    def _on_exit_signal(self, signum: int) -> None:
        self.run_worker(self._flush_and_exit(128 + signum), group="exit", exclusive=True)

    async def _flush_and_exit(self, return_code: int) -> None:
        if await self.flush_all():
            self.keep_unsaved()
        if not self.is_headless:
            # Only a real terminal can wedge the exit; under a test harness the process is
            # the test runner, which must live on.
            _end_process_after(EXIT_GRACE_SECONDS, return_code)
        self.exit(return_code=return_code)

    async def flush_all(self) -> list[str]:
        """Save pending edits on every screen; return what failed (empty when all is safe)."""
        failures: list[str] = []
        for screen in list(self.screen_stack):
            flush = getattr(screen, "flush", None)
            if flush is None:
                continue
            try:
                await flush()
            except StoreError as error:
                failures.append(str(error))
        return failures

    async def action_quit(self) -> None:
        failures = await self.flush_all()
        if failures and not self._quit_despite_errors:
            self._quit_despite_errors = True
            self.notify(" ".join(failures) + " Your text is still on screen: press ctrl+q "
                        "again to quit without it.", title="Not saved", severity="error",
                        timeout=20)
            return
        if failures:
            self.keep_unsaved()
        self.exit()

    def keep_unsaved(self) -> list[str]:
        """Write each draft the store refused to a recovery file; say where, in `exit_note`.

        For the way out only (a signal, or quitting past a failed save): the text on screen
        is about to go, so it must be somewhere the user can find it.
        """
        from poa_tui.system.recovery import keep_draft  # only a failed exit needs it

        notes = []
        for screen in self.screen_stack:
            # A case editor: the case, its draft on screen, and whether that is saved.
            case = getattr(screen, "case", None)
            draft = getattr(screen, "draft_sections", None)
            if case is None or draft is None or not getattr(screen, "unsaved", False):
                continue
            session = getattr(screen, "session", None)
            reason = str(getattr(session, "save_problem", None) or "the save failed")
            try:
                path = keep_draft(case.id, case.title, draft(), reason)
            except OSError as error:
                notes.append(f"case {case.id} could not be saved ({reason}), and no recovery "
                             f"file could be written either ({error}); its text is lost")
            else:
                notes.append(f"case {case.id} could not be saved ({reason}); its text is "
                             f"kept in {path}")
        self.exit_note = "; ".join(notes) or None
        return notes

    def _refresh_active_screen(self) -> None:
        # A screen pushed a moment ago may not be composed yet (it reads the store on mount),
        # and one being taken down as the app stops has lost its widgets already.
        if not self.is_running:
            return
        refresh = getattr(self.screen, "refresh_from_store", None)
        if refresh is not None and self.screen.is_mounted:
            refresh()

    # -- settings -----------------------------------------------------------------------------

    def watch_theme(self, theme: str) -> None:
        # Textual sets its default theme before `on_mount` applies the user's: ignore that.
        if self._theme_applied and theme != self.settings.theme:
            self.settings.theme = theme
            self.save_settings()

    def save_settings(self) -> None:
        """Write the settings, keeping a broken original as `<name>.invalid` the first time."""
        try:
            if self._settings_problem:
                kept = set_aside(self.settings_path)
                self._settings_problem = None
                if kept is not None:
                    self.notify(f"Your earlier settings file is kept as {kept}.",
                                title="Settings")
            self.settings.save(self.settings_path)
        except StoreError as error:
            self.notify(str(error), title="Settings not saved", severity="error")

    # -- what screens share -------------------------------------------------------------------

    def copy_text(self, text: str, what: str) -> CopyResult:
        """Send `text` to the clipboard and say honestly how far it got."""
        from poa_tui.system.clipboard import copy_text

        result = copy_text(text, osc52=self.copy_to_clipboard)
        self.notify(result.message, title=f"Copy: {what}", severity=result.severity,  # type: ignore[arg-type]
                    timeout=8 if result.severity == "warning" else 4)
        return result

    def open_case(self, case_id: int) -> None:
        """Open the case editor for `case_id`."""
        # Imported here: the editor pulls in the preview and Markdown widgets (~40 ms), which
        # the case list does not need at start.
        from poa_tui.tui.screens.case_editor import CaseEditorScreen

        self.push_screen(CaseEditorScreen(case_id))

    def action_help(self) -> None:
        # Imported here: help renders Markdown, whose parser and highlighter (~15 ms) the
        # first screen does not need.
        from poa_tui.tui.dialogs.help import HelpScreen

        if isinstance(self.screen, HelpScreen):
            self.screen.dismiss(None)
        else:
            self.push_screen(HelpScreen(self.screen))

    def palette_commands(self) -> Iterable[PaletteCommand]:
        yield PaletteCommand("app: Help", "Explain this screen and list its keys (F1)",
                             self.action_help)
        yield PaletteCommand("app: Change theme", "Pick colours; the choice is remembered",
                             self.action_change_theme)
        yield PaletteCommand("app: Quit", "Save every open draft, then quit (ctrl+q)",
                             self.action_quit)


def make_app(store_path: str | Path | None = None, *, store: CaseStore | None = None,
             settings_path: str | Path | None = None, demo: bool = False,
             today: Callable[[], date] | None = None) -> PoaApp:
    """Build the app over a store: the one factory for the CLI, tests and screenshot scripts.

    `demo` seeds one complete example case; with no store given it goes into a new temporary
    folder, so the user's own cases are never touched.
    """
    if store is None:
        if demo and store_path is None:
            store_path = tempfile.mkdtemp(prefix="poa-tui-demo-")
        store = CaseStore(paths.resolve_store_path(store_path))
    if demo:
        from poa_tui.storage.demo import seed_demo

        seed_demo(store)
    settings_file = Path(settings_path) if settings_path else paths.settings_path()
    return PoaApp(store, settings_file, today=today)
