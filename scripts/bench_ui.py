"""In-process measurements of the real screens, run headless (`App.run_test`).

P2: the preview catching up after a pause in typing, against Textual's stock `Markdown.update`:
    from the preview's catch-up starting (its pause timer fired) to the first frame in which
    the edited paragraph shows its new text, in the preview's view, with no parked block's
    blank rows in view; also from the keystroke itself (the pause included). For the stock
    widget, from `update()` to the first frame after all its blocks are mounted.
P5: a keystroke in the case list's filter with thousands of cases: from the key to the last
    frame of the table's redraw (a debounce, if the screen has one, counts in).

Each function runs its own event loop and returns lists of seconds; `bench.py` takes medians.
Value and baseline apps alternate round by round so the machine's noise hits both.
"""

from __future__ import annotations

import asyncio
import importlib.util
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bench_frames import (
    CallStamps,
    FrameProbe,
    send_key,
    settle,
    timed_key,
    timed_key_until,
    wait_for,
    workers_done,
)
from textual.app import App, ComposeResult
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Markdown, Static, TextArea

from poa_tui.domain.vocab import Section

SIZE = (120, 36)
RUN = {"size": SIZE, "tooltips": True, "notifications": True}
"""Headless, but as in a terminal: `run_test` leaves out the tooltip and the notifications'
layer by default, and without the tooltip Textual pays for a failed lookup (an exception
listing every widget on the screen) on each key."""
FILTER_QUERIES = ("garden", "seller 4", "b00003")
"""Typed into the case list filter: a word, a seller name with a space, an ASIN prefix."""


# -- P5: the case list filter ----------------------------------------------------------------

async def _filter_keys(store: Any, settings: Path,
                       queries: tuple[str, ...]) -> dict[str, list[float]]:
    from poa_tui.tui.app import make_app
    from poa_tui.tui.screens.case_list import CaseListScreen

    app = make_app(store=store, settings_path=settings)
    out: dict[str, list[float]] = {"typed": [], "cleared": [], "echo": [], "handled": []}
    async with app.run_test(**RUN):
        probe = FrameProbe(app)
        await wait_for(app, lambda: isinstance(app.screen, CaseListScreen)
                       and app.screen.table.row_count > 0, "the case list")
        started = time.perf_counter()
        await workers_done(app)
        out["background"] = [time.perf_counter() - started]
        # The table is redrawn by `CaseTable.show`: each keystroke counts until its frames.
        shown = CallStamps(app.screen.table, "show")
        for query in queries:
            await timed_key(app, probe, "slash", "/")
            typing = [("space" if char == " " else char, char) for char in query]
            deleting = [("backspace", None)] * len(query)
            for kind, presses in (("typed", typing), ("cleared", deleting)):
                for key, char in presses:
                    timing = await timed_key_until(app, probe, key, char, shown)
                    out[kind].append(timing.total)
                    if kind == "typed":
                        out["echo"].append(timing.echo)
                        out["handled"].append(timing.handled)
            await timed_key(app, probe, "escape")
            await asyncio.sleep(0.5)  # let any pending redraw of the list pass untimed
    return out


def filter_keystrokes(store: Any, settings: Path, rounds: int) -> dict[str, list[float]]:
    """Seconds from each filter keystroke to the case table redrawn: typing ("typed"), and
    deleting back to the whole list ("cleared"); for typing also the first frame ("echo")
    and the moment the table began to change ("handled"). Timing starts once the screen's
    background work after opening is done ("background": how long that took)."""
    out: dict[str, list[float]] = {}
    for _ in range(rounds):
        for key, values in asyncio.run(_filter_keys(store, settings, FILTER_QUERIES)).items():
            out.setdefault(key, []).extend(values)
    return out


# -- P2 and P3: the case editor, preview open --------------------------------------------------

def editor_available() -> bool:
    return importlib.util.find_spec("poa_tui.tui.screens.case_editor") is not None


@dataclass
class Editing:
    """What the value rounds saw, for the baseline rounds to copy."""

    rows: list[int]
    area: tuple[int, int] = (0, 0)
    """Width and height of the section editor on screen."""
    preview_width: int = 0
    texts: list[str] = field(default_factory=list)
    """The preview's Markdown before the first edit and after each one."""
    from_key: list[float] = field(default_factory=list)
    """P2 from the keystroke (the typing pause included)."""


def paragraph_rows(text: str, count: int, offset: int) -> list[int]:
    """`count` line numbers of non-empty lines spread through `text`."""
    lines = [number for number, line in enumerate(text.split("\n")) if line.strip()]
    return [lines[(len(lines) * (index + 1) // (count + 1) + offset) % len(lines)]
            for index in range(count)]


class PreviewWatch:
    """Stamps when each of the preview's catch-ups (what its pause timer starts) begins and ends.

    It wraps the preview's `_catch_up` on the instance: the preview offers no public signal
    for either moment yet.
    """

    def __init__(self, preview: Any) -> None:
        self.preview = preview
        self.starts: list[float] = []
        self.ends: list[float] = []
        original = preview._catch_up

        async def catch_up() -> None:
            self.starts.append(time.perf_counter())
            try:
                await original()
            finally:
                self.ends.append(time.perf_counter())

        preview._catch_up = catch_up

    @property
    def settled(self) -> bool:
        return not self.preview.pending and len(self.starts) == len(self.ends)


@dataclass
class EditorSession:
    """The real app with the long case open, the preview showing, Systematic Changes focused."""

    app: Any
    probe: FrameProbe
    screen: Any
    editor: Any
    preview: Any
    watch: PreviewWatch

    async def quiet(self) -> None:
        """Wait for the preview to catch up and the autosave to happen (between timed edits)."""
        await wait_for(self.app, lambda: self.watch.settled,
                       "the preview to catch up (it stays pending)", limit=20)
        await wait_for(self.app, lambda: not getattr(self.screen, "unsaved", False),
                       "the autosave")
        await settle(self.probe, time.perf_counter())


async def _open_editor(app: Any) -> EditorSession:
    """Open the only case (enter), show the preview (F5), write in Systematic Changes (F4)."""
    from poa_tui.tui.screens.case_editor import CaseEditorScreen
    from poa_tui.tui.screens.case_list import CaseListScreen
    from poa_tui.tui.widgets.preview import PoaPreview

    probe = FrameProbe(app)
    await wait_for(app, lambda: isinstance(app.screen, CaseListScreen)
                   and app.screen.table.row_count > 0, "the case list")
    await workers_done(app)
    send_key(app, "enter", None)
    await wait_for(app, lambda: isinstance(app.screen, CaseEditorScreen)
                   and app.screen.is_mounted, "the case editor")
    screen = app.screen
    preview = screen.query_one(PoaPreview)
    watch = PreviewWatch(preview)
    await timed_key(app, probe, "f5")
    await timed_key(app, probe, "f4")
    if getattr(app.focused, "section", None) != Section.SYSTEMATIC_CHANGES:
        send_key(app, "f4", None)  # seen on a loaded machine: the preview kept the focus
        await settle(probe, time.perf_counter())
    editor = app.focused
    if getattr(editor, "section", None) != Section.SYSTEMATIC_CHANGES:
        raise RuntimeError(f"F4 focused {editor!r}, not the Systematic Changes editor")
    editor.cursor_blink = False
    session = EditorSession(app, probe, screen, editor, preview, watch)
    await session.quiet()
    return session


async def _drawn_after(probe: FrameProbe, done: float) -> float:
    """When the first frame after `done` (all blocks mounted) was drawn: the preview settled."""
    await settle(probe, done)
    return probe.first_after(done) or done


def _end_of(editor: Any, row: int) -> tuple[int, int]:
    return row, len(editor.document[row])


def readable(preview: Any, tail: str) -> bool:
    """The edited paragraph (the one holding `tail`) shows its new text in the preview's view,
    and no parked block's blank rows are in view."""
    from poa_tui.tui.widgets.block_markdown import BlockSpacer

    view = preview.content_region
    shown = [widget for changed in preview.document.last_changed if changed.is_attached
             for widget in (changed, *changed.query("*"))
             if tail in str(getattr(widget, "content", ""))]
    if not shown:
        return False
    region = shown[0].region
    if not region or region.intersection(view).height < min(region.height, view.height):
        return False
    return not any(isinstance(child, BlockSpacer) and child.region.overlaps(view)
                   for child in preview.document.children)


async def _preview_round(store: Any, settings: Path, seen: Editing) -> list[float]:
    """P2 in the real editor: seconds from each catch-up starting to the edit readable."""
    from poa_tui.tui.app import make_app

    app = make_app(store=store, settings_path=settings)
    seconds: list[float] = []
    async with app.run_test(**RUN):
        session = await _open_editor(app)
        editor, probe, watch = session.editor, session.probe, session.watch
        seen.area = (editor.outer_size.width, editor.outer_size.height)
        seen.preview_width = session.preview.outer_size.width
        seen.texts = [session.preview.markdown]
        for row in seen.rows:
            editor.move_cursor(_end_of(editor, row))
            tail = editor.document[row][-16:] + "x"
            before = len(watch.ends)
            await settle(probe, time.perf_counter())
            seen_at = probe.when(lambda: len(watch.ends) > before
                                 and readable(session.preview, tail))
            sent = time.perf_counter()
            send_key(app, "x", "x")
            await wait_for(app, lambda: bool(seen_at),
                           "the edited paragraph readable in the preview", limit=30)
            seconds.append(seen_at[0] - watch.starts[before])
            seen.from_key.append(seen_at[0] - sent)
            seen.texts.append(session.preview.markdown)
            await session.quiet()
    return seconds


class StockMarkdownHost(App[None]):
    """P2's baseline: Textual's own Markdown widget, as wide as the editor's preview."""

    def __init__(self, columns: int) -> None:
        super().__init__()
        self.columns = columns

    def compose(self) -> ComposeResult:
        with VerticalScroll() as scroll:
            scroll.styles.width = self.columns
            yield Markdown()


async def _stock_round(seen: Editing) -> list[float]:
    app = StockMarkdownHost(seen.preview_width)
    seconds: list[float] = []
    async with app.run_test(**RUN):
        probe = FrameProbe(app)
        markdown = app.query_one(Markdown)
        await markdown.update(seen.texts[0])
        await settle(probe, time.perf_counter())
        for text in seen.texts[1:]:
            begin = time.perf_counter()
            await markdown.update(text)
            seconds.append(await _drawn_after(probe, time.perf_counter()) - begin)
    return seconds


def preview_catch_ups(store: Any, settings: Path, text: str, rounds: int,
                      edits: int = 3) -> tuple[list[float], list[float], list[float]]:
    """P2: seconds from the preview's pause ending to the edit readable in it, (ours, stock
    Markdown, ours from the keystroke)."""
    ours: list[float] = []
    stock: list[float] = []
    from_key: list[float] = []
    for number in range(rounds):
        seen = Editing(paragraph_rows(text, edits, offset=5 * number))
        ours += asyncio.run(_preview_round(store, settings, seen))
        stock += asyncio.run(_stock_round(seen))
        from_key += seen.from_key
    return ours, stock, from_key


# -- P7 and P8: opening a long case, and its submission log ------------------------------------

class ThreeAreasHost(App[None]):
    """P7's baseline: a screen of text; enter pushes a screen of three TextAreas holding the
    case's sections, ctrl+end moves the first one's cursor (the key that shows it listens)."""

    def __init__(self, texts: list[str]) -> None:
        super().__init__()
        self.texts = texts
        self.handled: list[float] = []

    def compose(self) -> ComposeResult:
        yield Static("cases")

    def key_enter(self) -> None:
        host = self

        class Areas(Screen[None]):
            def compose(self) -> ComposeResult:
                for text in host.texts:
                    yield TextArea(text, soft_wrap=True)

            def on_mount(self) -> None:
                self.query_one(TextArea).focus()

            def key_ctrl_end(self) -> None:
                area = self.query_one(TextArea)
                area.move_cursor(area.document.end)
                host.handled.append(time.perf_counter())

        self.push_screen(Areas())


async def _bare_open(texts: list[str]) -> float:
    app = ThreeAreasHost(texts)
    async with app.run_test(**RUN):
        probe = FrameProbe(app)
        await settle(probe, time.perf_counter())
        start = time.perf_counter()
        send_key(app, "enter", None)
        await wait_for(app, lambda: len(app.screen_stack) > 1, "the bare screen", poll=0.001)
        send_key(app, "ctrl+end", None)
        await wait_for(app, lambda: bool(app.handled), "the bare screen to take the key")
        await settle(probe, app.handled[0], need_frame=True)
        return (probe.first_after(app.handled[0]) or app.handled[0]) - start


async def _open_and_log(store: Any, settings: Path) -> tuple[float, float]:
    """Enter on the case to the first frame after the editor took a key (ctrl+end, sent as
    soon as the editor's screen is there); then F6 to the submission log drawn and the app
    idle."""
    from poa_tui.tui.app import make_app
    from poa_tui.tui.screens.case_list import CaseListScreen
    from poa_tui.tui.screens.submission_log import SubmissionLogScreen
    from poa_tui.tui.widgets.section_editor import SectionEditor

    handled: list[float] = []
    original = SectionEditor.action_document_end

    def document_end(self: Any, select: bool = False) -> None:
        original(self, select)
        handled.append(time.perf_counter())

    app = make_app(store=store, settings_path=settings)
    async with app.run_test(**RUN):
        probe = FrameProbe(app)
        await wait_for(app, lambda: isinstance(app.screen, CaseListScreen)
                       and app.screen.table.row_count > 0, "the case list")
        await workers_done(app)
        await settle(probe, time.perf_counter())
        SectionEditor.action_document_end = document_end  # type: ignore[method-assign]
        try:
            start = time.perf_counter()
            send_key(app, "enter", None)
            await wait_for(app, lambda: not isinstance(app.screen, CaseListScreen),
                           "the case editor", poll=0.001)
            send_key(app, "ctrl+end", None)
            await wait_for(app, lambda: bool(handled), "the editor to take a key")
            await settle(probe, handled[0], need_frame=True)
        finally:
            SectionEditor.action_document_end = original  # type: ignore[method-assign]
        opened = (probe.first_after(handled[0]) or handled[0]) - start
        await asyncio.sleep(2.0)  # the preview and the heap's settling after opening, untimed
        await settle(probe, time.perf_counter())
        start = time.perf_counter()
        send_key(app, "f6", None)
        await wait_for(app, lambda: isinstance(app.screen, SubmissionLogScreen),
                       "the submission log")
        last = await settle(probe, start, need_frame=True)
        return opened, (last or start) - start


def opening(store: Any, settings: Path, texts: list[str],
            rounds: int) -> tuple[list[float], list[float], list[float]]:
    """P7 and P8: (opening the case, the bare three TextAreas, F6 to the log), in seconds."""
    ours: list[float] = []
    bare: list[float] = []
    log: list[float] = []
    for _ in range(rounds):
        opened, logged = asyncio.run(_open_and_log(store, settings))
        ours.append(opened)
        log.append(logged)
        bare.append(asyncio.run(_bare_open(texts)))
    return ours, bare, log


# -- P9 and P11: closing a long case -------------------------------------------------------------

async def _pauses_after(seconds: float, tick: float = 0.005) -> float:
    """The longest the event loop was away (beyond `tick`) over `seconds`."""
    longest = 0.0
    end = time.perf_counter() + seconds
    last = time.perf_counter()
    while last < end:
        await asyncio.sleep(tick)
        now = time.perf_counter()
        longest = max(longest, now - last - tick)
        last = now
    return longest


async def _cycles(store: Any, settings: Path, cycles: int) -> tuple[list[float], list[int]]:
    """Open and close the case `cycles` times: the longest pause in the 5 s after each close
    (no key pressed), and the live objects after each (a full collection first)."""
    import gc

    from poa_tui.tui.app import make_app
    from poa_tui.tui.screens.case_editor import CaseEditorScreen
    from poa_tui.tui.screens.case_list import CaseListScreen

    app = make_app(store=store, settings_path=settings)
    pauses: list[float] = []
    objects: list[int] = []
    async with app.run_test(**RUN):
        probe = FrameProbe(app)
        await wait_for(app, lambda: isinstance(app.screen, CaseListScreen)
                       and app.screen.table.row_count > 0, "the case list")
        await workers_done(app)
        for _ in range(cycles):
            await settle(probe, time.perf_counter())
            send_key(app, "enter", None)
            await wait_for(app, lambda: isinstance(app.screen, CaseEditorScreen)
                           and app.screen.is_mounted, "the case editor")
            await asyncio.sleep(1.5)  # opened, the heap settled
            await settle(probe, time.perf_counter())
            send_key(app, "escape", None)
            await wait_for(app, lambda: isinstance(app.screen, CaseListScreen), "the list")
            pauses.append(await _pauses_after(5.0))
            # Frozen objects (`poa_tui.tui.textual_fixes.collection_pauses`) are left out of `get_objects`: count them all,
            # then freeze again, as the app's own settling does.
            gc.unfreeze()
            gc.collect()
            objects.append(len(gc.get_objects()))
            gc.freeze()
    return pauses, objects


def closing(store: Any, settings: Path, cycles: int) -> tuple[list[float], list[int]]:
    """P9 and P11: see `_cycles`."""
    return asyncio.run(_cycles(store, settings, cycles))
