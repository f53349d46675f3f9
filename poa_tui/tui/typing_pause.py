"""`TypingPause`: run something once typing has paused, at next to no cost per keystroke.

The section editors, the preview, the checks and the autosave each wait for a pause. A
keystroke only moves a deadline. One asyncio timer handle per pause is alive at a time and
re-arms itself until the deadline has passed; only then does the owner get one callback,
through its own message queue (`call_later`), so the work runs like any other handler of
that widget. A Textual timer per wait would cost each re-arm an asyncio task and a fresh
signature inspection of the wrapped callback, which the keystrokes around it would pay for.
"""

from __future__ import annotations

import asyncio
from typing import Callable, Protocol

_EARLY = 0.002
"""Seconds before the deadline at which a wake-up counts as on time (the loop's clock grain)."""


class Owner(Protocol):
    def call_later(self, callback: Callable[[], object]) -> bool: ...


class TypingPause:
    """Runs `callback` once `delay` seconds pass without another `poke()`."""

    def __init__(self, owner: Owner, delay: float, callback: Callable[[], object]) -> None:
        self.owner = owner
        self.delay = delay
        self.callback = callback
        self._due: float | None = None
        self._handle: asyncio.TimerHandle | None = None
        self._ready = False
        """The deadline passed and the callback is queued on the owner."""

    @property
    def pending(self) -> bool:
        """Typing happened and the callback has not run yet."""
        return self._due is not None or self._ready

    def poke(self, delay: float | None = None) -> None:
        """Typing happened: run the callback `delay` (default `self.delay`) seconds from now."""
        loop = asyncio.get_running_loop()
        due = loop.time() + (self.delay if delay is None else delay)
        self._due = due
        self._ready = False
        if self._handle is not None and self._handle.when() > due:  # a shorter wait than armed
            self._handle.cancel()
            self._handle = None
        if self._handle is None:
            self._handle = loop.call_at(due, self._wake)

    def cancel(self) -> None:
        """Forget the pending run (the work was done some other way)."""
        self._due = None
        self._ready = False
        if self._handle is not None:
            self._handle.cancel()
            self._handle = None

    def _wake(self) -> None:
        self._handle = None
        if self._due is None:
            return
        loop = asyncio.get_running_loop()
        if self._due - loop.time() > _EARLY:
            self._handle = loop.call_at(self._due, self._wake)
            return
        self._due = None
        self._ready = True
        if not self.owner.call_later(self._run):
            self._ready = False  # the owner is closing: nothing left to do the work for

    def _run(self) -> None:
        if not self._ready:  # poked again or cancelled since the deadline passed
            return
        self._ready = False
        self.callback()
