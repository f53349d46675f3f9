"""`DraftChecks`: what would stop each draft on the case list from going out, for the table's
Checks column. A few drafts are read in the UI thread; many (the first look at a large store)
in a thread, so the list never waits for them. What the thread works out is kept in the store's
index under each case's revision and the rules' version (`readiness.kept_key`): the next launch
takes it from there instead of checking every draft again."""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING, Any, Callable, Protocol

from textual.worker import get_current_worker

from poa_tui.domain.case_summary import CaseSummary
from poa_tui.domain.errors import StoreError

# The readiness checks are imported where first used, after the list is on screen: the checks'
# and the notice reader's patterns are compiled on import (~30 ms of start-up).
if TYPE_CHECKING:
    from poa_tui.domain.readiness import Readiness, ReadinessCache


class ChecksHost(Protocol):
    """The case list as its checks see it: the app (store, settings), the table that shows
    the results, and a way to run a thread."""

    @property
    def app(self) -> Any: ...
    @property
    def table(self) -> Any: ...
    def run_worker(self, work: Callable[[], object], **kwargs: Any) -> object: ...


INLINE_CHECKS = 12
"""Drafts checked in the UI thread when the list changes (a written draft takes ~4 ms to read
and check); when more need it, a thread does the work."""


class DraftChecks:
    """The findings of the drafts `screen` lists, shown in its table as they are known."""

    def __init__(self, screen: ChecksHost) -> None:
        self.screen = screen
        self._readiness: ReadinessCache | None = None
        self._readiness_lock = threading.Lock()
        self._took_kept = False
        """Whether the results kept in the index have been read (once, in the thread)."""

    @property
    def readiness(self) -> ReadinessCache:
        """Findings per draft, read again only when a case's revision moves."""
        if self._readiness is None:
            from poa_tui.domain.readiness import ReadinessCache

            self._readiness = ReadinessCache()
        return self._readiness

    def check(self, rows: list[CaseSummary]) -> None:
        """Check each draft that waits for the seller; the table shows the result.

        Only cases whose revision moved are read again (about 1 ms each, plus the checks), so
        a refresh usually costs a dictionary lookup per case. When many need reading (the first
        look at a large store) it runs in a thread, so the list never waits for it.
        """
        wanted = [(row.id, row.revision) for row in rows
                  if row.status.needs_action and not row.archived]
        settings = self.screen.app.settings
        unread = sum(self.readiness.known(i, r, settings) is None for i, r in wanted)
        if unread <= INLINE_CHECKS:
            self.screen.table.show_checks(self._readiness_of(wanted) or {})
            return
        self.screen.run_worker(lambda: self._readiness_in_thread(wanted), thread=True,
                               exclusive=True, group="readiness")

    def _readiness_in_thread(self, wanted: list[tuple[int, int]]) -> None:
        worker = get_current_worker()
        found = self._readiness_of(wanted, lambda: worker.is_cancelled, keep=True)
        if found is not None and not worker.is_cancelled:
            self.screen.app.call_from_thread(self._show_checked_in_thread, found)

    def _show_checked_in_thread(self, found: dict[int, Readiness]) -> None:
        self.screen.table.show_checks(found)

    def _readiness_of(self, wanted: list[tuple[int, int]],
                      stop: Callable[[], bool] = lambda: False,
                      keep: bool = False) -> dict[int, Readiness] | None:
        """The readiness of each wanted draft. With `keep` (in the thread), results kept in
        the index are taken first, and those worked out now are added to it."""
        from poa_tui.domain.readiness import kept_counts, kept_key

        found: dict[int, Readiness] = {}
        worked_out: dict[int, tuple[list[int], dict[str, int]]] = {}
        app = self.screen.app
        store, settings = app.store, app.settings
        with self._readiness_lock:
            if keep and not self._took_kept:
                self._take_kept(wanted)
            for case_id, revision in wanted:
                if stop():
                    return None
                ready = self.readiness.known(case_id, revision, settings)
                if ready is None:
                    try:
                        ready = self.readiness.for_stored(store, case_id, revision, settings)
                    except StoreError:
                        continue  # an unreadable case is reported by the problems strip
                    worked_out[case_id] = (kept_key(revision, settings), kept_counts(ready))
                found[case_id] = ready
            self.readiness.forget(found)
        if keep and worked_out:
            try:
                store.keep_checks(worked_out, listed=set(found))
            except (StoreError, OSError):
                pass  # a cache: the next launch checks these drafts again
        return found

    def _take_kept(self, wanted: list[tuple[int, int]]) -> None:
        from poa_tui.domain.readiness import kept_key

        self._took_kept = True
        app = self.screen.app
        kept = app.store.kept_checks()
        for case_id, revision in wanted:
            entry = kept.get(case_id)
            if entry is not None and entry[0] == kept_key(revision, app.settings):
                self.readiness.remember(case_id, revision, app.settings, entry[1])
