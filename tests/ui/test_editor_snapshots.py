"""Snapshots of the case editor and the submission log at 80x24 and 160x48 (the demo case).

Each test also checks the words on screen, since a snapshot of an empty or squashed widget
would "pass" just as well.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from editor_support import TODAY, screen_text

from poa_tui.storage.demo import seed_demo
from poa_tui.storage.store import CaseStore
from poa_tui.tui.app import make_app
from poa_tui.tui.widgets.section_editor import SectionEditor


@pytest.fixture(autouse=True)
def _utc(monkeypatch: pytest.MonkeyPatch):
    # The log shows local times: pin the zone so the snapshot is the same everywhere.
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def demo_app(tmp_path: Path):
    store = CaseStore(tmp_path / "store")
    seed_demo(store, today=TODAY)
    return make_app(store=store, settings_path=tmp_path / "settings.toml", today=lambda: TODAY)


def snapshot(snap_compare, tmp_path: Path, size: tuple[int, int], keys: tuple[str, ...] = ()):
    shots: list[str] = []

    async def open_case(pilot) -> None:
        await pilot.pause()
        pilot.app.open_case(1)
        await pilot.pause()
        for editor in pilot.app.screen.query(SectionEditor):
            editor.cursor_blink = False
            # Textual 8.2.8's line cache keys the cursor only while it blinks: a line cached
            # before this (unfocused) would be drawn without the cursor, depending on timing.
            editor.notify_style_update()
        await pilot.app.screen.preview.settle()
        for key in keys:
            await pilot.press(key)
            await pilot.pause()
        await pilot.pause()
        shots.append(pilot.app.export_screenshot())

    matched = snap_compare(demo_app(tmp_path), terminal_size=size, run_before=open_case)
    return matched, screen_text(shots[0])


def test_editor_80x24(snap_compare, tmp_path: Path) -> None:
    matched, text = snapshot(snap_compare, tmp_path, (80, 24))
    assert matched
    assert "Marlow Kitchen: UK account" in text
    assert "F2 Root Cause" in text and "F3 Immediate Remedy" in text and "F5 Preview" in text
    assert "Root Cause · 197 words" in text and "✓ saved" in text
    assert "our authorised Korvan distributor" in text
    assert "Log" in text and "Copy" in text


def test_editor_160x48(snap_compare, tmp_path: Path) -> None:
    matched, text = snapshot(snap_compare, tmp_path, (160, 48))
    assert matched
    for title in ("Root Cause · ", "Immediate Remedy · ", "Systematic Changes · ", "Preview"):
        assert title in text
    assert "No authorisation check." in text  # rendered bold in the preview, no asterisks
    assert "Awaiting reply" in text


def test_log_80x24(snap_compare, tmp_path: Path) -> None:
    matched, text = snapshot(snap_compare, tmp_path, (80, 24), keys=("f6",))
    assert matched
    assert "Attempts" in text and "2 attempts" in text
    assert "Plan not detailed enough" in text and "no reply yet" in text
    assert "     Waited " in text  # the heading sits right, over its right-aligned days
    assert "Attempt 2" in text


def test_log_160x48(snap_compare, tmp_path: Path) -> None:
    matched, text = snapshot(snap_compare, tmp_path, (160, 48), keys=("f6", "up"))
    assert matched
    assert "Attempt 1" in text and "Amazon's reply" in text and "Amazon asks for" in text
    assert "Account Health" in text and "Timeline" in text and "follow up after" in text
