"""A snapshot of each screen this app shows at 80x24 that the editor and list tests do not
cover: the forms, the outcome picker, the help, an empty store.

Each test also reads the words on screen: at 80x24 the key hints, headings and messages must
show whole, and a snapshot of a squashed form would "pass" just as well.
"""

from __future__ import annotations

import re
import time
from pathlib import Path
from typing import Awaitable, Callable

import pytest
from editor_support import TODAY, screen_text
from textual.widgets import TextArea

from poa_tui.storage.demo import seed_demo
from poa_tui.storage.store import CaseStore
from poa_tui.tui.app import make_app

REPLY = """\
Date: Thu, 20 Mar 2025 08:10:00 +0000
From: Amazon Seller Performance <seller-performance@amazon.co.uk>

Hello,

After reviewing your appeal, we have decided not to reinstate your account. This decision
is final and we will not respond to further emails on this matter.
"""


@pytest.fixture(autouse=True)
def _utc(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def _app(tmp_path: Path, *, demo: bool = True):
    store = CaseStore(tmp_path / "store")
    if demo:
        seed_demo(store, today=TODAY)
    return make_app(store=store, settings_path=tmp_path / "settings.toml", today=lambda: TODAY)


def _shot(snap_compare, tmp_path: Path, keys: tuple[str, ...], *, demo: bool = True,
          then: Callable[[object], Awaitable[None]] | None = None, open_case: bool = True):
    shots: list[str] = []

    async def run(pilot) -> None:
        await pilot.pause()
        if open_case:
            pilot.app.open_case(1)
            await pilot.pause()
            await pilot.app.screen.preview.settle()
        for key in keys:
            await pilot.press(key)
            await pilot.pause()
        if then is not None:
            await then(pilot)
        await pilot.pause()
        for area in pilot.app.screen.query(TextArea):
            area.cursor_blink = False
            area.notify_style_update()
        await pilot.pause()
        shots.append(pilot.app.export_screenshot())

    matched = snap_compare(_app(tmp_path, demo=demo), terminal_size=(80, 24), run_before=run)
    return matched, screen_text(shots[0])


def test_reply_form_after_a_paste_80x24(snap_compare, tmp_path: Path) -> None:
    async def paste(pilot) -> None:
        pilot.app.screen.query_one("#reply-text", TextArea).load_text(REPLY)
        await pilot.pause()

    matched, text = _shot(snap_compare, tmp_path, ("f6", "r"), then=paste)
    assert matched
    assert re.search(r"Outcome\s*Final decision", text), text
    assert "Reads as “Final decision”" in text
    assert re.search(r"Received\s*2025-03-20 08:10", text) and "Save" in text
    assert "ctrl+s or F10 save · escape close" in text


def test_outcome_picker_80x24(snap_compare, tmp_path: Path) -> None:
    matched, text = _shot(snap_compare, tmp_path, ("f6", "up", "m"))
    assert matched
    assert "Attempt 1: what Amazon decided" in text and "Now: Plan not detailed enough." in text
    assert "Final decision" in text and "enter choose · escape close" in text


def test_submission_form_80x24(snap_compare, tmp_path: Path) -> None:
    matched, text = _shot(snap_compare, tmp_path, ("f6", "s"))
    assert matched
    assert "Record a submission" in text and "Channel" in text and "Note" in text
    assert "Record" in text and "Cancel" in text


def test_new_case_form_80x24(snap_compare, tmp_path: Path) -> None:
    matched, text = _shot(snap_compare, tmp_path, ("n",), open_case=False)
    assert matched
    assert "New case" in text and "Title" in text and "Amazon's notice" in text
    assert "Save" in text and "ctrl+s or F10 save · escape close · F1 help" in text


def test_empty_store_list_80x24(snap_compare, tmp_path: Path) -> None:
    matched, text = _shot(snap_compare, tmp_path, (), demo=False, open_case=False)
    assert matched
    footer = [line for line in text.splitlines() if "Commands" in line][-1]
    assert "New" in footer
    assert not any(word in footer for word in ("Open", "Edit", "Archive", "Delete"))


def test_editor_help_80x24(snap_compare, tmp_path: Path) -> None:
    matched, text = _shot(snap_compare, tmp_path, ("f1",))
    assert matched
    assert "F6" in text and "F7" in text


def test_editor_with_guidance_80x24(snap_compare, tmp_path: Path) -> None:
    matched, text = _shot(snap_compare, tmp_path, ("ctrl+g",))
    assert matched
    assert "Root Cause · 197 words" in text and "Guidance" in text and "Checks" in text
