"""Keys typed into real processes in a pty, timed on the bytes the terminal receives.

P3:  a keystroke in the case editor (preview showing) against a bare TextArea app holding the
     same text, both through the real input parser: from the key's bytes written to the end of
     the first screen update after it (the output pausing for `bench_pty.FRAME_GAP`). Two
     cadences: bursts (the next key as soon as the last one is drawn) and keys ~0.3 s apart,
     so that the work the app does in a pause (preview, counts, autosave) lands between keys.
P13: escape from the case editor to the case list drawn, against a bare app popping a screen:
     from the escape's byte to the last byte of the redraw (the list's text has appeared and
     the output pauses for `bench_pty.SCREEN_GAP`). Textual's escape delay counts in both.
P14: CPU used by the process while idle with the case open, against the bare TextArea app.

The cursor does not blink in either (the app's section editors do not blink; the baseline's
TextArea is told not to): a blink is a screen update of its own every half second, which would
land inside the timings at random.
"""

from __future__ import annotations

import random
import time
from dataclasses import dataclass, field
from pathlib import Path

import bench_pty

EDITOR_MARKER = "Root Cause ·"
"""In the case editor's first section title: the editor is drawn."""
BARE_EDITOR_MARKER = "poa-bench: bare editor drawn"
BARE_LIST_MARKER = "poa-bench: list screen"
BARE_EDITOR = f"""\
import sys
from textual.app import App
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import Static, TextArea

TEXT = open(sys.argv[1], encoding="utf-8").read()


class Editor(Screen):
    CSS = "TextArea {{ width: 1fr; height: 1fr; }} Static {{ width: 1fr; }}"
    BINDINGS = [("escape", "app.pop_screen", "Back")]

    def compose(self):
        with Horizontal():
            area = TextArea(TEXT)
            area.cursor_blink = False
            yield area
            yield Static({BARE_EDITOR_MARKER!r})


class Bare(App):
    def compose(self):
        lines = [line for line in TEXT.splitlines() if line.strip()]
        yield Static({BARE_LIST_MARKER!r} + "\\n" + "\\n".join(line[:118] for line in lines[:40]))

    def on_mount(self):
        self.push_screen(Editor())


Bare().run()
"""
"""The baseline of P3, P13 and P14: a screen with a TextArea holding the section's text beside
a Static (as the preview sits beside the editor), pushed over a screen of text that escape
brings back."""

BURST = 6
"""Keys per burst; between bursts the app gets time for its pause work, untimed."""
APART = 0.3
"""Seconds between keys in the second cadence (the preview's pause is 0.3 s)."""


@dataclass
class Keys:
    bursts: list[float] = field(default_factory=list)
    apart: list[float] = field(default_factory=list)
    escape: list[float] = field(default_factory=list)
    idle_cpu: list[float] = field(default_factory=list)
    """CPU seconds per idle minute."""


def _type(session: bench_pty.Session, out: Keys, bursts: int, apart: int) -> None:
    """Type into the focused editor, at both cadences."""
    for _ in range(bursts):
        for _ in range(BURST):
            session.settle(gap=0.03)  # the last key's screen updates all written
            sent = session.press("x")
            drawn = session.quiet(sent, bench_pty.FRAME_GAP)
            if drawn is None:
                raise RuntimeError("a keystroke drew nothing within 10 s")
            out.bursts.append(drawn - sent)
        time.sleep(1.2)  # the pause work of that burst (preview, autosave), untimed
        session.idle()
    next_key = time.perf_counter()
    for _ in range(apart):
        while time.perf_counter() < next_key:
            time.sleep(0.001)
        sent = session.press("x")
        next_key = sent + APART
        drawn = session.quiet(sent, bench_pty.FRAME_GAP)
        if drawn is None:
            raise RuntimeError("a keystroke drew nothing within 10 s")
        out.apart.append(drawn - sent)
    time.sleep(1.2)
    session.idle()


def _idle(session: bench_pty.Session, seconds: float) -> float:
    """CPU seconds a minute the process uses over `seconds` of doing nothing."""
    time.sleep(1.5)  # the collection after opening, the last autosave
    session.idle()
    cpu, wall = session.cpu(), time.perf_counter()
    time.sleep(seconds)
    return (session.cpu() - cpu) / (time.perf_counter() - wall) * 60


def _escape(session: bench_pty.Session, marker: str) -> float:
    offset = session.offset
    sent = session.press("escape")
    session.wait_for(marker, offset, timeout=20)
    drawn = session.quiet(sent, bench_pty.SCREEN_GAP, limit=20)
    assert drawn is not None
    return drawn - sent


def _to_text(session: bench_pty.Session) -> None:
    """Down into the text, to the end of a line (the same keys in both programs)."""
    for key in ("pagedown", "pagedown", "end"):
        session.press(key)
        time.sleep(0.15)
    session.idle()


def ours(store: Path, title: str, env: dict[str, str], cwd: Path, out: Keys,
         bursts: int, apart: int, idle: float) -> None:
    session = bench_pty.app_session(store, env, cwd)
    try:
        session.wait_for(title)
        session.idle()  # the list's start-up work
        offset = session.offset
        session.press("enter")
        session.wait_for(EDITOR_MARKER, offset)
        out.idle_cpu.append(_idle(session, idle))
        session.press("f5")
        time.sleep(0.5)
        session.idle()
        session.press("f4")
        time.sleep(0.3)
        _to_text(session)
        _type(session, out, bursts, apart)
        out.escape.append(_escape(session, title))
    finally:
        session.close()


def bare(text_file: Path, env: dict[str, str], cwd: Path, out: Keys,
         bursts: int, apart: int, idle: float) -> None:
    session = bench_pty.bare_session_file(BARE_EDITOR, text_file, env, cwd)
    try:
        session.wait_for(BARE_EDITOR_MARKER)
        out.idle_cpu.append(_idle(session, idle))
        _to_text(session)
        _type(session, out, bursts, apart)
        out.escape.append(_escape(session, BARE_LIST_MARKER))
    finally:
        session.close()


def measure(store: Path, title: str, text: str, env: dict[str, str], cwd: Path, rounds: int,
            bursts: int = 3, apart: int = 12, idle: float = 10.0,
            seed: int = 20) -> tuple[Keys, Keys]:
    """(ours, bare): each round runs both programs once, in a shuffled order."""
    text_file = cwd / "bench-section.txt"
    text_file.write_text(text, encoding="utf-8")
    mine, theirs = Keys(), Keys()
    runners = [lambda: ours(store, title, env, cwd, mine, bursts, apart, idle),
               lambda: bare(text_file, env, cwd, theirs, bursts, apart, idle)]
    rng = random.Random(seed)
    for _ in range(rounds):
        rng.shuffle(runners)
        for runner in runners:
            runner()
    return mine, theirs
