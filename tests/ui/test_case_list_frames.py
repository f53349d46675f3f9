"""How the case list reaches the screen: a key typed in the filter in one frame with the
filtered table (a later frame would add 17-35 ms to every keystroke), and the first frame
straight from the index, the case files checked right after."""

from __future__ import annotations

import re
from pathlib import Path

from editor_support import eventually
from shell_support import TODAY, sample_cases, shell_app

from poa_tui.tui.app import make_app
from poa_tui.tui.widgets.case_table import CaseTable

ESCAPES = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]")


def record_frames(app) -> list[str]:
    """The text of every frame the app draws from now on."""
    frames: list[str] = []
    draw = app._display

    def display(screen, renderable) -> None:
        draw(screen, renderable)
        if renderable is not None:
            frames.append(ESCAPES.sub("", "".join(renderable.render_segments(app.console))))

    app._display = display
    return frames


def settled(screen) -> bool:
    """Nothing left to lay out or draw: any frame the key causes has been written."""
    if screen._dirty_widgets or screen._layout_required or screen._repaint_required:
        return False
    return not any(widget._repaint_required or widget._layout_required
                   for widget in screen.walk_children(with_self=False))


async def test_each_filter_key_is_drawn_in_a_single_frame(tmp_path: Path) -> None:
    app = shell_app(tmp_path, seeded=False)
    app.store.import_cases([case for _ in range(50) for case in sample_cases()])  # 400 cases
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.press("slash")
        app.screen.query_one("#filter").cursor_blink = False  # a blink would be a frame too
        await eventually(pilot, lambda: settled(app.screen))
        frames = record_frames(app)
        table = app.screen.query_one(CaseTable)
        for typed in ("k", "ke", "kes"):
            frames.clear()
            await pilot.press(typed[-1])
            count = sum(typed in row.haystack for row in app.screen.all_rows if not row.archived)
            await eventually(pilot, lambda: bool(frames) and settled(app.screen))
            assert len(table.rows_shown) == count < 350
            assert len(frames) == 1, f"{typed!r} drew {len(frames)} frames"
            assert f"{count} of 350 cases" in frames[0], "the filtered table is in that frame"


async def test_a_key_typed_right_after_slash_never_acts_on_the_list(tmp_path: Path) -> None:
    from textual import events

    app = shell_app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        for key, char in (("slash", "/"), ("a", "a")):
            app.post_message(events.Key(key, char))  # both queued before the first is handled
        await pilot.pause()  # until both keys are handled
        await eventually(pilot, lambda: app.focused is app.screen.query_one("#filter"))
    assert not app.store.load(8).archived, "the 'a' did not archive the highlighted case"


async def test_the_first_frame_shows_the_index_and_the_files_are_checked_right_after(
        tmp_path: Path) -> None:
    from poa_tui.domain.models import Case
    from poa_tui.storage.store import CaseStore

    app = shell_app(tmp_path)
    assert len(app.store.summaries()) == 7  # the index now holds every case
    other = CaseStore(app.store.root)
    case = other.load(5)
    case.title = "Renamed while the app was closed"
    other.save(case)
    new_id = other.create(Case(title="Added while the app was closed")).id
    opened = make_app(store=CaseStore(app.store.root), settings_path=tmp_path / "s.toml",
                      today=lambda: TODAY)
    frames = record_frames(opened)
    async with opened.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        table = opened.screen.query_one(CaseTable)
        titles = {row.id: row.title for row in table.rows_shown}
    assert "Used sold as new" in frames[0], "the first frame: the index as last written"
    assert titles[5] == "Renamed while the app was closed", "then the files are checked"
    assert new_id in titles
    assert any("Renamed while the app was closed" in frame for frame in frames[1:])
