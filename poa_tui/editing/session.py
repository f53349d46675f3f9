"""`CaseSession`: one case open for editing, kept on disk and in step with other writers.

A session owns everything about an open case that is not drawing: the editing lock (or why the
case is read-only), the case as last loaded or saved (`base`, the common ancestor for a merge),
the case as this session has it (`case`), whether anything is unsaved, and `update(change)`,
which applies a change, saves, and on a conflict re-reads, merges and tries again through the
store's one retry loop (`CaseStore.write_retrying`).

The autosave can write in a thread of its own (`save_in_background`): a copy of the case, one
write at a time, in order. Everything else that touches the case (`save`, `update`, `follow`,
`close`) first waits for that write and takes in its outcome, so nothing changes the case
while the copy is on its way and a conflict is merged here, never in the thread.

Screens and widgets receive the session; none of them saves a case any other way. Writers that
hold no session (the CLI, the case list's keys) use `CaseStore.update`, which shares the loop.

No Textual here: the session is tested with two real processes and a real store, and the app
only decides how to show what `SaveResult` says.
"""

from __future__ import annotations

import copy
import os
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Callable, Generic, TypeVar

from poa_tui.domain.errors import ConflictError, StoreError, WriteFailedError
from poa_tui.domain.merge import MergeResult, merge_case
from poa_tui.domain.models import Case
from poa_tui.storage.locks import CaseLockedError, LockHolder, SessionLock
from poa_tui.storage.store import CaseStore

T = TypeVar("T")

__all__ = ["CaseSession", "SaveResult"]


@dataclass
class SaveResult(Generic[T]):
    """What one `update` or `save` did, for the UI to show."""

    saved: bool
    """True when the case is on disk as this session has it."""
    value: T | None = None
    """What the change returned (None when it did not run)."""
    merges: list[MergeResult] = field(default_factory=list)
    """Each merge with another writer's version that the save went through, oldest first."""
    problem: StoreError | None = None
    """Why the case is not on disk; the change stays applied in memory and is saved later."""
    refused: str = ""
    """Why the change was not applied at all (a read-only session)."""

    @property
    def merged(self) -> MergeResult | None:
        return self.merges[-1] if self.merges else None

    @property
    def conflicts(self) -> list[str]:
        return [label for merge in self.merges for label in merge.conflicts]

    @property
    def taken(self) -> list[str]:
        return [label for merge in self.merges for label in merge.taken]


class CaseSession:
    """Case `case_id` of `store`, open for editing by this process."""

    def __init__(self, store: CaseStore, case_id: int) -> None:
        self.store = store
        self.case_id = case_id
        self.case: Case | None = None
        """The case as this session has it, with every change applied."""
        self.base: Case | None = None
        """The case as last loaded or saved: the common ancestor for a merge."""
        self.read_only = False
        self.lock_holder: LockHolder | None = None
        """Who holds the editing lock when this session is read-only because of it."""
        self.lock_refused = ""
        """Why the lock could not even be tried (the data folder cannot be written)."""
        self.open_problem: StoreError | None = None
        """Why the case could not be loaded at all."""
        self.save_problem: StoreError | None = None
        """Why the last save failed; None once saving works."""
        self._lock: SessionLock | None = None
        self._dirty = False
        self._changes = 0
        """Counts `mark_dirty` calls: a background write clears `dirty` only if none came since."""
        self._writer: ThreadPoolExecutor | None = None
        self._in_flight: tuple[Future[Case], Case, int] | None = None
        """The background write, the copy of the case it writes, and `_changes` when it began."""
        self._disk_stamp: tuple[int, int, int] | None = None
        """The case file as last read or written here (inode, mtime, size): while it stays
        the same, following other writers costs one `stat`, not a read of the whole case."""

    # -- opening and closing -------------------------------------------------------------------

    def open(self) -> CaseSession:
        """Take the editing lock (or become read-only, saying why) and load the case."""
        lock = self.store.session_lock(self.case_id)
        try:
            self._lock = lock.acquire()
        except CaseLockedError as error:
            self.read_only, self.lock_holder = True, error.holder
        except OSError as error:
            self.read_only = True
            self.lock_refused = f"the data folder cannot be written ({error.strerror or error})"
        try:
            self._disk_stamp = self._stamp()  # before reading: a write after it is noticed
            self.case = self.store.load(self.case_id)
        except StoreError as error:
            self.open_problem = error
            self.close()
            return self
        self.base = copy.deepcopy(self.case)
        return self

    def close(self) -> None:
        """Let go of the editing lock. Unsaved changes stay in `case`; save first to keep them."""
        self.finish_background()  # the lock is let go only once a write in flight is done
        if self._writer is not None:
            self._writer.shutdown(wait=False)
            self._writer = None
        if self._lock is not None:
            self._lock.release()
            self._lock = None

    @property
    def holds_lock(self) -> bool:
        return self._lock is not None

    def read_only_reason(self) -> str:
        """One sentence saying why the case is read-only here ("" when it is not)."""
        if not self.read_only:
            return ""
        if self.lock_refused:
            return f"Read-only: {self.lock_refused}."
        who = self.lock_holder.describe() if self.lock_holder else "another session"
        return (f"Read-only: {who} is editing this case. Their changes show up here; "
                f"it becomes editable once they close it.")

    # -- changing ------------------------------------------------------------------------------

    @property
    def dirty(self) -> bool:
        """Whether the case holds changes that are not on disk yet."""
        return self._dirty

    def mark_dirty(self) -> None:
        """Something changed `case` in place (a keystroke's text is pulled in before saving)."""
        if not self.read_only:
            self._dirty = True
            self._changes += 1

    def update(self, change: Callable[[Case], T]) -> SaveResult[T]:
        """Apply `change` to the case and save at once, merging with any other writer."""
        self.finish_background()
        if self.case is None or self.read_only:
            why = self.read_only_reason() or "the case is not open"
            return SaveResult(saved=False, refused=why)
        value = change(self.case)
        self.mark_dirty()
        result = self.save()
        result.value = value
        return result

    def save(self) -> SaveResult[None]:
        """Write the case if it holds unsaved changes; a refused write keeps them in memory."""
        self.finish_background()
        if self.case is None or self.read_only or not self._dirty:
            return SaveResult(saved=not self._dirty or self.read_only)
        merges: list[MergeResult] = []

        def merge_with(theirs: Case) -> Case:
            assert self.case is not None and self.base is not None
            self._disk_stamp = None
            merged = merge_case(self.base, self.case, theirs)
            merges.append(merged)
            self.case, self.base = merged.case, theirs
            return merged.case

        try:
            self.store.write_retrying(self.case, on_conflict=merge_with)
        except StoreError as error:
            self.save_problem = error
            return SaveResult(saved=False, merges=merges, problem=error)
        except OSError as error:
            return self._refused(error, merges)
        self.base = copy.deepcopy(self.case)
        self._disk_stamp = self._stamp()
        self._dirty = False
        self.save_problem = None
        return SaveResult(saved=True, merges=merges)

    def _refused(self, error: OSError | StoreError,
                 merges: list[MergeResult] | None = None) -> SaveResult[None]:
        problem = error if isinstance(error, StoreError) else \
            WriteFailedError(self.store.case_path(self.case_id), error)
        self.save_problem = problem
        return SaveResult(saved=False, merges=merges or [], problem=problem)

    # -- the autosave's writer thread -------------------------------------------------------

    def save_in_background(self) -> Future[Case] | None:
        """Start writing a copy of the case in the writer thread; None when there is nothing
        to write or a write is already on its way (the next one starts once it is taken in).

        Take the outcome in with `finish_background` on this thread (the caller is told by
        the future's done callback).
        """
        if (self.case is None or self.read_only or not self._dirty
                or self._in_flight is not None):
            return None
        # A shallow copy is enough: until the write is taken in, nothing changes the case in
        # place (every other path waits for it first) and a new draft replaces `sections`.
        written = copy.copy(self.case)
        if self._writer is None:
            self._writer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="autosave")
        future = self._writer.submit(self.store.save, written)
        self._in_flight = future, written, self._changes
        return future

    @property
    def in_flight(self) -> Future[Case] | None:
        """The background write on its way or waiting to be taken in, if any."""
        return self._in_flight[0] if self._in_flight is not None else None

    def finish_background(self) -> SaveResult[None] | None:
        """Wait for the background write, if any, and take in its outcome (None if there was
        none). A write that met another writer's version is merged and saved here."""
        if self._in_flight is None:
            return None
        future, written, changes = self._in_flight
        self._in_flight = None
        error = future.exception()
        if isinstance(error, ConflictError):
            return self.save()
        if isinstance(error, (StoreError, OSError)):
            return self._refused(error)
        if error is not None:
            raise error
        assert self.case is not None
        self.case.revision, self.case.updated_at = written.revision, written.updated_at
        self.base = copy.deepcopy(written)
        self._disk_stamp = self._stamp()
        self.save_problem = None
        if changes == self._changes:
            self._dirty = False
        return SaveResult(saved=True)

    # -- other writers -------------------------------------------------------------------------

    def follow(self) -> bool:
        """Catch up with other writers; True when `case` changed (the UI redraws it).

        A read-only session tries to take the lock over (its holder may have closed the case)
        and shows the case as stored either way. An editable session with nothing unsaved
        adopts another writer's version (a CLI `reply`, say); with unsaved changes it waits:
        the next save merges.
        """
        if self.case is None:
            return False
        self.finish_background()
        if self.read_only and not self.lock_refused:
            try:
                self._lock = self.store.session_lock(self.case_id).acquire()
            except (CaseLockedError, OSError) as error:
                self.lock_holder = getattr(error, "holder", self.lock_holder)
                return self._adopt_disk()
            self.read_only, self.lock_holder = False, None
            self._adopt_disk()
            return True
        if self._dirty or self.save_problem is not None:
            return False
        return self._adopt_disk()

    def _stamp(self) -> tuple[int, int, int] | None:
        """The case file's inode, modification time and size (None if it cannot be read)."""
        try:
            info = os.stat(self.store.case_path(self.case_id))
        except OSError:
            return None
        return info.st_ino, info.st_mtime_ns, info.st_size

    def _adopt_disk(self) -> bool:
        stamp = self._stamp()
        if stamp is not None and stamp == self._disk_stamp:
            return False
        try:
            disk = self.store.load(self.case_id)
        except StoreError:
            return False
        self._disk_stamp = stamp
        if self.case is not None and disk.revision == self.case.revision:
            return False
        self.case, self.base = disk, copy.deepcopy(disk)
        self._dirty = False
        return True
