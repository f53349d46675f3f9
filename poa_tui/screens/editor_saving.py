"""`EditorSaving`: the case behind one case editor, kept on disk and in step with other sessions.

The editor screen owns one. It opens the case under the editing lock, or read-only when another
session holds the lock or the data folder cannot be written; a read-only editor follows the other
session's writes and becomes editable by itself once that session lets go.

Saving happens `settings.autosave_delay` seconds after the last keystroke, on leaving and on
quit, never inside a keystroke. The autosave writes in a thread of its own (a copy of the case,
one save at a time, in order), so the screen does not wait for the disk; a save that meets
another session's write is merged back on the UI thread. Saving on leaving, on quit, on ctrl+s
and after recording something first waits for a save in flight, then writes at once. A save that meets another session's write is merged
(`merge.merge_case`); one the disk refuses keeps the text on screen and is retried every
`RETRY_SECONDS`, with the reason in the screen's `#save-problem` strip.

From its screen it uses the section editors (`editors`, `draft_sections()`), the preview, the
`#lock-banner` and `#save-problem` strips, and `show_tabs()`/`show_heading()` to redraw the
saved marks and the case's state after a write.
"""

from __future__ import annotations

import asyncio
import contextvars
import copy
import os
from concurrent.futures import Future, ThreadPoolExecutor
from typing import TYPE_CHECKING, Callable, TypeVar

from textual.content import Content
from textual.timer import Timer
from textual.widgets import Static

from ..errors import ConflictError, StoreError, WriteFailedError
from ..locks import CaseLockedError, LockHolder, SessionLock
from ..merge import MergeResult, merge_case
from ..models import Case
from ..typing_pause import TypingPause

if TYPE_CHECKING:
    from .case_editor import CaseEditorScreen

T = TypeVar("T")

RETRY_SECONDS = 5.0
"""How often a save the disk refused is tried again."""


class EditorSaving:
    """Loads, locks, saves and merges case `case_id` for `screen`."""

    def __init__(self, screen: CaseEditorScreen, case_id: int) -> None:
        self.screen = screen
        self.case_id = case_id
        self.case: Case | None = None
        """The case as this session has it (the draft text is pulled in before each save)."""
        self.base: Case | None = None
        """The case as last loaded or saved: the common ancestor for a merge."""
        self.read_only = False
        self.lock_holder: LockHolder | None = None
        self.open_problem: StoreError | None = None
        self.save_problem: StoreError | None = None
        """Why the last save failed; None once saving works."""
        self.autosave = TypingPause(screen, 1.0, self.save_in_background)
        """Saves once typing pauses; the screen sets its delay from the settings."""
        self._lock: SessionLock | None = None
        self._lock_refused = ""
        self._retry_timer: Timer | None = None
        self._unsaved_change = False
        self._writer: ThreadPoolExecutor | None = None
        """One thread for the autosave's writes (made on the first one)."""
        self._in_flight: tuple[Future[Case], Case] | None = None
        """The autosave's write in the writer thread, and the copy of the case it writes."""
        self._again = False
        """The draft changed again while a save was in flight: save once it is done."""
        self._disk_stamp: tuple[int, int, int] | None = None
        """The case file as last read or written here (inode, mtime, size): while it stays
        the same, following other sessions costs one `stat`, not a read of the case."""

    # -- opening and closing -------------------------------------------------------------------

    def open(self) -> None:
        """Take the editing lock (or open read-only) and load the case."""
        store = self.screen.app.store  # type: ignore[attr-defined]
        lock = store.session_lock(self.case_id)
        try:
            self._lock = lock.acquire()
        except CaseLockedError as error:
            self.read_only, self.lock_holder = True, error.holder
        except OSError as error:
            self.read_only = True
            self._lock_refused = f"the data folder cannot be written ({error.strerror or error})"
        try:
            self._disk_stamp = self._stamp()  # before reading: a write after it is noticed
            self.case = store.load(self.case_id)
        except StoreError as error:
            self.open_problem = error
            self._release()
            return
        self.base = copy.deepcopy(self.case)

    def close(self) -> None:
        """Stop saving by itself and let go of the lock (the screen is leaving)."""
        self._stop_timers()
        if self._in_flight is not None:  # the lock is let go only once the write is done
            self._in_flight[0].exception()
            self._in_flight = None
        if self._writer is not None:
            self._writer.shutdown(wait=False)
            self._writer = None
        self._release()

    def show_banner(self) -> None:
        """Say in the lock banner why the case is read-only, or hide it."""
        banner = self.screen.query_one("#lock-banner", Static)
        if not self.read_only:
            banner.display = False
            return
        if self._lock_refused:
            why = f"Read-only: {self._lock_refused}."
        else:
            who = self.lock_holder.describe() if self.lock_holder else "another session"
            why = (f"Read-only: {who} is editing this case. Their changes show up here; "
                   f"it becomes editable once they close it.")
        banner.update(Content(why))
        banner.display = True

    # -- saving --------------------------------------------------------------------------------

    def typed(self) -> None:
        """The draft changed on screen: save once typing pauses."""
        if not self.read_only:
            self.autosave.poke()

    @property
    def unsaved(self) -> bool:
        return self._unsaved_change or any(editor.unsaved for editor in self.screen.editors)

    def save(self) -> bool:
        """Write the draft now if it changed; False when the disk refused (the text stays)."""
        self.autosave.cancel()
        self._finish_in_flight()
        if self.read_only or self.case is None or not self.unsaved:
            return True
        self.case.sections = self.screen.draft_sections()
        return self._write()

    async def flush(self) -> None:
        """Save pending edits (the app calls this before it exits); raises when that fails."""
        if not self.save() and self.save_problem is not None:
            raise self.save_problem

    def save_in_background(self) -> None:
        """The autosave: write a copy of the case with the draft in it in the writer thread;
        the screen hears of the outcome on its own thread (`_background_done`)."""
        self.autosave.cancel()
        if self.read_only or self.case is None or not self.unsaved:
            return
        if self._in_flight is not None:
            self._again = True
            return
        self.case.sections = self.screen.draft_sections()
        # A shallow copy is enough: while it is in flight, nothing changes the case in place
        # (recording an attempt, a merge, leaving: each waits for the write first).
        written = copy.copy(self.case)
        store = self.screen.app.store  # type: ignore[attr-defined]
        if self._writer is None:
            self._writer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="autosave")
        future = self._writer.submit(store.save, written)
        self._in_flight = future, written
        loop = asyncio.get_running_loop()
        # The outcome is taken in with this thread's context (the active app and screen), which
        # Textual's timers and notifications read; the writer thread has none.
        context = contextvars.copy_context()

        def tell(done: Future[Case]) -> None:  # in the writer thread
            try:
                loop.call_soon_threadsafe(self._background_done, done, context=context)
            except RuntimeError:  # the app has stopped; leaving waited for the write
                pass

        future.add_done_callback(tell)

    def _background_done(self, future: Future[Case]) -> None:
        if self._in_flight is None or future is not self._in_flight[0]:
            return  # already taken in (`_finish_in_flight`)
        written = self._in_flight[1]
        self._in_flight = None
        error = future.exception()
        if error is None:
            assert self.case is not None
            self.case.revision, self.case.updated_at = written.revision, written.updated_at
            self._written(written)
        elif isinstance(error, ConflictError):
            self._again = False
            self.save()  # merged with the other session's write, here, and written again
            return
        elif isinstance(error, StoreError):
            self._write_failed(error)
        elif isinstance(error, OSError):
            store = self.screen.app.store  # type: ignore[attr-defined]
            self._write_failed(WriteFailedError(store.case_path(self.case_id), error))
        else:
            raise error
        if self._again:
            self._again = False
            self.save_in_background()

    def _finish_in_flight(self) -> None:
        """Wait for the autosave's write in flight, if any, and take in its outcome."""
        if self._in_flight is None:
            return
        future = self._in_flight[0]
        self._again = False  # whoever waits writes the draft as it is now
        future.exception()  # waits; the outcome is taken in below
        self._background_done(future)

    def commit(self, change: Callable[[Case], T]) -> T | None:
        """Apply `change` to the case with the current draft in it, and save at once."""
        self._finish_in_flight()
        if self.case is None or self.read_only:
            self.screen.notify("This case is open read-only here, so nothing can be recorded.",
                               severity="warning")
            return None
        self.case.sections = self.screen.draft_sections()
        result = change(self.case)
        self._unsaved_change = True
        self._write()
        self.screen.show_heading()
        return result

    def _write(self) -> bool:
        assert self.case is not None
        store = self.screen.app.store  # type: ignore[attr-defined]
        for _ in range(3):
            try:
                store.save(self.case)
            except ConflictError:
                try:
                    self._merge_from_disk()
                except StoreError as error:
                    return self._write_failed(error)
                continue
            except StoreError as error:
                return self._write_failed(error)
            except OSError as error:
                return self._write_failed(WriteFailedError(store.case_path(self.case_id), error))
            self._written()
            return True
        return self._write_failed(StoreError(
            f"Case {self.case_id} keeps changing in another session; saving is tried again."))

    def _stamp(self) -> tuple[int, int, int] | None:
        """The case file's inode, modification time and size (None if it cannot be read)."""
        try:
            info = os.stat(self.screen.app.store.case_path(self.case_id))  # type: ignore[attr-defined]
        except OSError:
            return None
        return info.st_ino, info.st_mtime_ns, info.st_size

    def _merge_from_disk(self) -> None:
        assert self.case is not None and self.base is not None
        self._disk_stamp = self._stamp()
        theirs = self.screen.app.store.load(self.case_id)  # type: ignore[attr-defined]
        result = merge_case(self.base, self.case, theirs)
        self.case, self.base = result.case, theirs
        for editor in self.screen.editors:
            text = self.case.sections[editor.section]
            if editor.text != text:
                editor.replace_text(text, saved=False)
        self._tell_merge(result)

    def _tell_merge(self, result: MergeResult) -> None:
        said = []
        if result.taken:
            said.append(f"Took the other session's {', '.join(result.taken)}.")
        if result.conflicts:
            said.append(f"Both changed {', '.join(result.conflicts)}: your text is kept, and "
                        f"the other version is saved in the case notes.")
        said.append("Everything else you wrote is kept.")
        self.screen.notify(" ".join(said), title=f"Case {self.case_id} was also changed elsewhere",
                           severity="warning" if result.conflicts else "information", timeout=15)

    def _written(self, written: Case | None = None) -> None:
        """`written` (the case itself when None, or the copy the writer thread wrote) is on
        disk now."""
        assert self.case is not None
        screen = self.screen
        written = written or self.case
        self.base = copy.deepcopy(written)
        self._disk_stamp = self._stamp()
        self._unsaved_change = False
        for editor in screen.editors:
            editor.mark_saved(written.sections[editor.section])
        screen.show_tabs()
        screen.show_heading()
        if self.save_problem is not None:
            self.save_problem = None
            screen.query_one("#save-problem", Static).display = False
            if self._retry_timer is not None:
                self._retry_timer.stop()
                self._retry_timer = None
            screen.notify("Saving works again; everything is on disk.", title="Saved")

    def _write_failed(self, error: StoreError) -> bool:
        screen = self.screen
        first = self.save_problem is None
        self.save_problem = error
        strip = screen.query_one("#save-problem", Static)
        strip.update(Content(f"Not saved: {error} Your text stays here; saving is tried again "
                             f"every {RETRY_SECONDS:.0f} s."))
        strip.display = True
        if first:
            screen.notify(str(error), title="Not saved", severity="error", timeout=15)
        if self._retry_timer is None:
            self._retry_timer = screen.set_interval(RETRY_SECONDS, self.save, name="save-retry")
        return False

    def _stop_timers(self) -> None:
        self.autosave.cancel()
        if self._retry_timer is not None:
            self._retry_timer.stop()
            self._retry_timer = None

    def _release(self) -> None:
        if self._lock is not None:
            self._lock.release()
            self._lock = None

    # -- other sessions ------------------------------------------------------------------------

    def refresh_from_store(self) -> None:
        """Follow another session's writes, or take over its lock once it lets go."""
        if self.case is None:
            return
        screen = self.screen
        store = screen.app.store  # type: ignore[attr-defined]
        if self.read_only and not self._lock_refused:
            lock = store.session_lock(self.case_id)
            try:
                self._lock = lock.acquire()
            except (CaseLockedError, OSError) as error:
                self.lock_holder = getattr(error, "holder", self.lock_holder)
                self._adopt_disk()
                return
            self.read_only = False
            self._adopt_disk()
            for editor in screen.editors:
                editor.read_only = False
            self.show_banner()
            screen.notify("The other session closed this case: you can edit it now.",
                          title=f"Case {self.case_id}")
        elif not self.unsaved and self.save_problem is None:
            self._adopt_disk()

    def _adopt_disk(self) -> None:
        """Show the case as stored, if another writer changed it."""
        screen = self.screen
        stamp = self._stamp()
        if stamp is not None and stamp == self._disk_stamp:
            return
        try:
            disk = screen.app.store.load(self.case_id)  # type: ignore[attr-defined]
        except StoreError:
            return
        self._disk_stamp = stamp
        if self.case is not None and disk.revision == self.case.revision:
            return
        self.case, self.base = disk, copy.deepcopy(disk)
        for editor in screen.editors:
            editor.replace_text(disk.sections[editor.section], saved=True)
        screen.show_heading()
        screen.show_tabs()
        screen.preview.changed(follow=False)
