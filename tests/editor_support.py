"""Shared helpers for the editor, preview and submission-log tests: sample drafts and a small app.

`long_sections(words)` builds a deterministic POA of about `words` words in the shape real plans
take (short paragraphs, numbered steps, bullet lists, the odd bold phrase), so timings measured on
it mean something. `editor_app` builds the real app over a store in tmp with a fixed clock and a
short autosave delay; `open_editor` opens a case in it.
"""

from __future__ import annotations

import asyncio
import html
import itertools
import re
import time
from datetime import date
from pathlib import Path
from typing import Callable

from poa_tui.domain.models import Case, Sections
from poa_tui.domain.vocab import SECTIONS

_PHRASES = (
    "we traced order 113-4829301-2231907 back to a supplier shipment received on 3 March",
    "the warehouse team skipped the second inspection during the spring sale",
    "**every unit** was photographed before it left the building",
    "our listing for ASIN B07XJ8C8F5 named a brand we are not authorised to use",
    "the stock sync ran every six hours instead of every fifteen minutes",
    "customers who reported a problem were refunded within 24 hours",
    "the returns bench had no written grading criteria",
    "Maria Lopez, operations lead, now signs off each purchase order",
)


def _sentence(counter: itertools.count) -> str:
    n = next(counter)
    phrase = _PHRASES[n % len(_PHRASES)]
    return f"In case {n}, {phrase}, and the record is filed under reference R-{n:05d}."


def section_text(words: int, seed: int = 0) -> str:
    """About `words` words of Markdown: paragraphs, a numbered list and a bullet list in turn."""
    counter = itertools.count(seed * 100_000)
    parts: list[str] = []
    total = 0
    shape = 0
    while total < words:
        if shape % 3 == 0:
            block = " ".join(_sentence(counter) for _ in range(3))
        elif shape % 3 == 1:
            block = "\n".join(f"{i}. {_sentence(counter)}" for i in range(1, 4))
        else:
            block = "\n".join(f"- {_sentence(counter)}" for _ in range(3))
        parts.append(block)
        total += len(block.split())
        shape += 1
    return "\n\n".join(parts)


def long_sections(words: int) -> Sections:
    """A whole POA of about `words` words, split over the three sections."""
    share = words // len(SECTIONS)
    return Sections(**{s.value: section_text(share, seed=i) for i, s in enumerate(SECTIONS)})


def written_case(title: str = "Late shipments in March", **kwargs) -> Case:
    sections = Sections(
        root_cause="Our carrier stopped weekend pickups on **4 March** and nobody noticed.",
        immediate_remedy="1. Switched carrier on 6 March.\n2. Refunded 31 delayed orders.",
        systematic_changes="- A daily report flags any order not picked up within 24 hours.",
    )
    return Case(title=title, sections=sections, **kwargs)


TODAY = date(2025, 3, 20)
AUTOSAVE = 0.2
"""The shortest autosave delay settings allow: keeps the tests quick."""


def editor_app(tmp_path: Path, *cases: Case, settings: str = "", autosave: float = AUTOSAVE):
    """The real app over a new store in `tmp_path` holding `cases` (ids 1, 2, ...)."""
    from poa_tui.storage.store import CaseStore
    from poa_tui.tui.app import make_app

    store = CaseStore(tmp_path / "store")
    for case in cases:
        store.create(case)
    settings_path = tmp_path / "config" / "settings.toml"
    settings_path.parent.mkdir(parents=True, exist_ok=True)
    settings_path.write_text(f"autosave_delay = {autosave}\n{settings}", encoding="utf-8")
    return make_app(store=store, settings_path=settings_path, today=lambda: TODAY)


async def open_editor(app, pilot, case_id: int = 1):
    """Open case `case_id` in the editor and wait until it shows; returns the screen."""
    from poa_tui.tui.screens.case_editor import CaseEditorScreen

    await pilot.pause()
    app.open_case(case_id)
    await pilot.pause()
    screen = app.screen
    assert isinstance(screen, CaseEditorScreen)
    await screen.preview.settle()
    await pilot.pause()
    return screen


async def eventually(pilot, check: Callable[[], bool], timeout: float = 10.0) -> None:
    """Let the app run until `check()` holds; fail after `timeout` seconds.

    Timers (autosave, preview) fire later on a busy machine, so tests poll instead of sleeping
    a fixed time.
    """
    deadline = time.monotonic() + timeout
    while not check():
        assert time.monotonic() < deadline, "the app did not get there in time"
        await asyncio.sleep(0.05)
        await pilot.pause()


def screen_text(svg: str) -> str:
    """The words in a Textual SVG screenshot (tags dropped, entities and nbsp decoded)."""
    return html.unescape(re.sub(r"<[^>]+>", "", svg)).replace("\xa0", " ")
