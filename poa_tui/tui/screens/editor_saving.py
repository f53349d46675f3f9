"""`EditorSaving`: how the case editor shows what its `CaseSession` does with the case.

The session (`poa_tui.editing.session`) owns the case: the editing lock, the base version, the
merge with other writers and the one retry loop. This helper only decides *when* to save and
*how to say* what happened: it saves `settings.autosave_delay` seconds after the last keystroke
(never inside one) in the session's writer thread, so the screen never waits for the disk; it
keeps a save the disk refused on screen and tries it again every `RETRY_SECONDS` with the
reason in the `#save-problem` strip, says in the `#lock-banner` why a case is read-only, and
tells the user what a merge took from another session. Saving on ctrl+s, on leaving and on
quit writes at once, after any background write in flight.

It talks to the screen through `SavingView`, so it imports no screen.
"""

from __future__ import annotations

import asyncio
import contextvars
from concurrent.futures import Future
from typing import Any, Callable, Protocol, TypeVar

from textual.content import Content
from textual.timer import Timer
from textual.widgets import Static

from poa_tui.domain.errors import StoreError
from poa_tui.domain.models import Sections
from poa_tui.domain.vocab import Section
from poa_tui.editing.session import CaseSession, SaveResult
from poa_tui.tui.typing_pause import TypingPause

T = TypeVar("T")

RETRY_SECONDS = 5.0
"""How often a save the disk refused is tried again."""


class SectionText(Protocol):
    """A section editor, as saving sees it."""

    section: Section
    text: str
    unsaved: bool
    read_only: bool

    def mark_saved(self, text: str) -> None: ...
    def replace_text(self, text: str, *, saved: bool) -> None: ...


class SavingView(Protocol):
    """What of the editor screen saving needs: its section editors and a few redraws."""

    @property
    def editors(self) -> list[SectionText]: ...
    def draft_sections(self) -> Sections: ...
    def show_tabs(self) -> None: ...
    def show_heading(self) -> None: ...
    def case_replaced(self) -> None: ...
    def query_one(self, selector: str, expect_type: Any = ...) -> Any: ...
    def notify(self, message: str, **kwargs: Any) -> None: ...
    def set_interval(self, interval: float, callback: Callable[[], object], *,
                     name: str | None = ...) -> Timer: ...
    def call_later(self, callback: Callable[[], object]) -> bool: ...


class EditorSaving:
    """Saves `session`'s case for `view` at the right moments, and shows the outcome."""

    def __init__(self, view: SavingView, session: CaseSession) -> None:
        self.view = view
        self.session = session
        self.autosave = TypingPause(view, 1.0, self.save_in_background)
        """Saves once typing pauses; the screen sets its delay from the settings."""
        self._retry_timer: Timer | None = None
        self._again = False
        """The draft changed while a background write was on its way: write again after it."""

    # -- opening and closing -------------------------------------------------------------------

    def close(self) -> None:
        """Stop saving by itself and let go of the lock (the screen is leaving)."""
        self._stop_timers()
        self.session.close()

    def show_banner(self) -> None:
        """Say in the lock banner why the case is read-only, or hide it."""
        banner = self.view.query_one("#lock-banner", Static)
        why = self.session.read_only_reason()
        banner.display = bool(why)
        if why:
            banner.update(Content(why))

    # -- saving --------------------------------------------------------------------------------

    def typed(self) -> None:
        """The draft changed on screen: save once typing pauses."""
        if not self.session.read_only:
            self.autosave.poke()

    @property
    def unsaved(self) -> bool:
        return self.session.dirty or any(editor.unsaved for editor in self.view.editors)

    def pull_draft(self) -> None:
        """Put the text on screen into the session's case (before a save or a change)."""
        case = self.session.case
        if case is None or self.session.read_only:
            return
        if any(editor.unsaved for editor in self.view.editors):
            case.sections = self.view.draft_sections()
            self.session.mark_dirty()

    def save(self) -> bool:
        """Write the draft now if it changed; False when the disk refused (the text stays)."""
        self.autosave.cancel()
        self._again = False
        if self.session.read_only or self.session.case is None:
            return True
        waited = self.session.finish_background()
        if waited is not None and not self.show_result(waited):
            return False
        self.pull_draft()
        if not self.session.dirty:
            return True
        return self.show_result(self.session.save())

    def save_in_background(self) -> None:
        """The autosave: the session writes a copy of the case in its writer thread, and the
        outcome is shown on this thread once it is done (`_background_done`)."""
        self.autosave.cancel()
        if self.session.read_only or self.session.case is None:
            return
        self.pull_draft()
        if self.session.in_flight is not None:
            self._again = True
            return
        future = self.session.save_in_background()
        if future is None:
            return
        loop = asyncio.get_running_loop()
        # The outcome is taken in with this context (the active app and screen), which
        # Textual's timers and notifications read; the writer thread has none.
        context = contextvars.copy_context()

        def tell(done: Future[Any]) -> None:  # in the writer thread
            try:
                loop.call_soon_threadsafe(self._background_done, done, context=context)
            except RuntimeError:  # the app has stopped; leaving waited for the write
                pass

        future.add_done_callback(tell)

    def _background_done(self, future: Future[Any]) -> None:
        if self.session.in_flight is not future:
            return  # already taken in by a save that waited for it
        result = self.session.finish_background()
        if result is not None:
            self.show_result(result)
        if self._again:
            self._again = False
            self.save_in_background()

    async def flush(self) -> None:
        """Save pending edits (the app calls this before it exits); raises when that fails."""
        if not self.save() and self.session.save_problem is not None:
            raise self.session.save_problem

    def update(self, change: Callable[[Any], T]) -> T | None:
        """Apply `change` to the case with the current draft in it, and save at once."""
        if self.session.case is None or self.session.read_only:
            self.view.notify("This case is open read-only here, so nothing can be recorded.",
                             severity="warning")
            return None
        self.pull_draft()
        result = self.session.update(change)
        self.show_result(result)
        self.view.show_heading()
        return result.value

    def show_result(self, result: SaveResult[Any]) -> bool:
        """Redraw after a save: editors taken from a merge, saved marks, or the problem."""
        if result.merges:
            self._show_case_text()
            self._tell_merge(result)
        if not result.saved:
            if result.problem is not None:
                self._write_failed(result.problem)
            return False
        on_disk = self.session.base  # what was written (typing may have gone on since)
        assert on_disk is not None
        for editor in self.view.editors:
            editor.mark_saved(on_disk.sections[editor.section])
        self.view.show_tabs()
        self.view.show_heading()
        if self._retry_timer is not None:
            self._retry_timer.stop()
            self._retry_timer = None
            self.view.query_one("#save-problem", Static).display = False
            self.view.notify("Saving works again; everything is on disk.", title="Saved")
        return True

    def _show_case_text(self) -> None:
        """Show in the editors any section the session's case holds that they do not."""
        case = self.session.case
        assert case is not None
        for editor in self.view.editors:
            text = case.sections[editor.section]
            if editor.text != text:
                editor.replace_text(text, saved=False)

    def _tell_merge(self, result: SaveResult[Any]) -> None:
        said = []
        if result.taken:
            said.append(f"Took the other session's {', '.join(result.taken)}.")
        if result.conflicts:
            said.append(f"Both changed {', '.join(result.conflicts)}: your text is kept, and "
                        f"the other version is saved in the case notes.")
        said.append("Everything else you wrote is kept.")
        self.view.notify(" ".join(said),
                         title=f"Case {self.session.case_id} was also changed elsewhere",
                         severity="warning" if result.conflicts else "information", timeout=15)

    def _write_failed(self, error: StoreError) -> None:
        first = self._retry_timer is None
        strip = self.view.query_one("#save-problem", Static)
        strip.update(Content(f"Not saved: {error} Your text stays here; saving is tried again "
                             f"every {RETRY_SECONDS:.0f} s."))
        strip.display = True
        if first:
            self.view.notify(str(error), title="Not saved", severity="error", timeout=15)
            self._retry_timer = self.view.set_interval(RETRY_SECONDS, self.save,
                                                       name="save-retry")

    def _stop_timers(self) -> None:
        self.autosave.cancel()
        if self._retry_timer is not None:
            self._retry_timer.stop()
            self._retry_timer = None

    # -- other sessions ------------------------------------------------------------------------

    def follow(self) -> None:
        """Follow another session's writes, or take over its lock once it lets go."""
        session = self.session
        was_read_only = session.read_only
        if any(editor.unsaved for editor in self.view.editors) and not was_read_only:
            return  # the next save merges
        if not session.follow():
            return
        for editor in self.view.editors:
            editor.replace_text(session.case.sections[editor.section], saved=True)  # type: ignore[union-attr]
        if was_read_only and not session.read_only:
            for editor in self.view.editors:
                editor.read_only = False
            self.show_banner()
            self.view.notify("The other session closed this case: you can edit it now.",
                             title=f"Case {session.case_id}")
        self.view.case_replaced()
