"""Timing a headless Textual app from the outside: when did a keystroke reach the screen?

`FrameProbe` wraps the app's `_display` (called once per compositor update, after every widget
involved has rendered its lines; headless mode only skips turning them into escape codes) and
stamps each frame. `settle` waits until the app has gone quiet: no new frame and almost no CPU
for a short while, so follow-up frames (a word count, a scroll) are counted in. The CPU counted
is the event loop's thread only: a worker thread (the start-up backup) is not the UI being busy.
"""

from __future__ import annotations

import asyncio
import bisect
import time
from dataclasses import dataclass
from typing import Any, Callable

from textual import events
from textual.app import App

QUIET = 0.03
"""Seconds without a frame and without CPU use that count as idle."""
BUSY = 0.25
"""CPU seconds of the event loop's thread per wall second above which the app is working."""


class FrameProbe:
    """Time stamps of the frames an app draws."""

    def __init__(self, app: App[Any]) -> None:
        self.frames: list[float] = []
        self._watches: list[tuple[Callable[[], bool], list[float]]] = []
        original = app._display

        def display(screen: Any, renderable: Any) -> None:
            original(screen, renderable)
            if renderable is not None:
                now = time.perf_counter()
                self.frames.append(now)
                for condition, seen in self._watches:
                    if not seen and condition():
                        seen.append(now)
                self._watches = [watch for watch in self._watches if not watch[1]]

        app._display = display  # type: ignore[method-assign]

    def when(self, condition: Callable[[], bool]) -> list[float]:
        """A list that gets the time of the first frame drawn while `condition()` holds
        (checked as each frame is drawn, so it is what that frame shows)."""
        seen: list[float] = []
        self._watches.append((condition, seen))
        return seen

    def last_after(self, moment: float) -> float | None:
        return self.frames[-1] if self.frames and self.frames[-1] > moment else None

    def first_after(self, moment: float) -> float | None:
        index = bisect.bisect_right(self.frames, moment)
        return self.frames[index] if index < len(self.frames) else None


class CallStamps:
    """When a method of one object was entered and left (it is wrapped on the instance)."""

    def __init__(self, owner: object, name: str) -> None:
        self.entered: list[float] = []
        self.left: list[float] = []
        original = getattr(owner, name)

        def wrapper(*args: Any, **kwargs: Any) -> Any:
            self.entered.append(time.perf_counter())
            try:
                return original(*args, **kwargs)
            finally:
                self.left.append(time.perf_counter())

        setattr(owner, name, wrapper)


async def settle(probe: FrameProbe, since: float, *, need_frame: bool = False,
                 limit: float = 30.0) -> float | None:
    """Wait until the app is idle; return the time of the last frame drawn after `since`.

    With `need_frame` it keeps waiting (up to `limit`) until at least one frame came.
    """
    end = time.perf_counter() + limit
    while time.perf_counter() < end:
        count = len(probe.frames)
        cpu, wall = time.thread_time(), time.perf_counter()
        await asyncio.sleep(QUIET)
        busy = (time.thread_time() - cpu) / max(time.perf_counter() - wall, 1e-9)
        drawn = probe.last_after(since) is not None
        if len(probe.frames) == count and busy < BUSY and (drawn or not need_frame):
            break
    return probe.last_after(since)


def send_key(app: App[Any], key: str, char: str | None) -> None:
    """What a keypress from the terminal becomes (as Textual's own pilot sends it)."""
    event = events.Key(key, char)
    event.set_sender(app)
    assert app._driver is not None
    app._driver.send_message(event)


async def timed_key(app: App[Any], probe: FrameProbe, key: str,
                    char: str | None = None) -> tuple[float, float]:
    """Press `key` on an idle app; return (seconds to the last frame it caused, CPU seconds)."""
    await settle(probe, time.perf_counter())
    cpu, start = time.thread_time(), time.perf_counter()
    send_key(app, key, char if char is not None else (key if len(key) == 1 else None))
    last = await settle(probe, start, need_frame=True, limit=10)
    if last is None:
        raise RuntimeError(f"pressing {key!r} drew nothing within 10 s")
    return last - start, time.thread_time() - cpu


@dataclass
class KeyTiming:
    echo: float
    """Seconds from the key to the first frame after it."""
    handled: float
    """Seconds from the key to the stamped call starting (a debounce shows here)."""
    total: float
    """Seconds from the key to the last frame the stamped call caused."""


async def timed_key_until(app: App[Any], probe: FrameProbe, key: str, char: str | None,
                          stamps: CallStamps, limit: float = 10.0) -> KeyTiming:
    """Press `key` on an idle app, wait for the stamped call it leads to, then for its frames."""
    await settle(probe, time.perf_counter())
    before = len(stamps.left)
    start = time.perf_counter()
    send_key(app, key, char)
    await wait_for(app, lambda: len(stamps.left) > before, f"{key!r} to be handled", limit)
    handled = stamps.entered[before]
    last = await settle(probe, handled, need_frame=True, limit=limit)
    if last is None:
        raise RuntimeError(f"pressing {key!r} drew nothing within {limit:.0f} s")
    echo = probe.first_after(start) or last
    return KeyTiming(echo - start, handled - start, last - start)


async def workers_done(app: App[Any]) -> None:
    """Wait for the app's background workers (the start-up backup) before timing anything."""
    try:
        await app.workers.wait_for_complete()
    except Exception:  # a failed worker is the app's business, not the benchmark's
        pass


async def wait_for(app: App[Any], condition: Any, what: str, limit: float = 60.0,
                   poll: float = 0.02) -> None:
    """Poll `condition()` until it is true; give up at once if the app has crashed."""
    end = time.perf_counter() + limit
    while not condition():
        if app._exception is not None:
            raise RuntimeError(f"the app failed while waiting for {what}") from app._exception
        if time.perf_counter() > end:
            raise RuntimeError(f"gave up waiting for {what}")
        await asyncio.sleep(poll)
