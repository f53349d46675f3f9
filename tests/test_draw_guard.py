"""Issue 12: nothing the app draws or is pasted can drive the terminal (`draw_guard`, and the
paste cleaning `paste_guard` adds to every `Input`).

The end-to-end proof, in a real tmux, is `tests/e2e/test_inert_terminal.py`; these tests check
the same through Textual's own rendering, faster, screen by screen.
"""

from __future__ import annotations

import hashlib
import inspect
import re
from pathlib import Path

from editor_support import editor_app, long_sections, open_editor
from hypothesis import given
from hypothesis import strategies as st
from rich.cells import cell_len
from rich.console import Console
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.strip import Strip
from textual.widgets import Input

from poa_tui.domain.models import Case, Notice, Reply, Sections
from poa_tui.domain.textsafety import UNDRAWABLE
from poa_tui.domain.vocab import Channel, Outcome
from poa_tui.storage.store import CaseStore
from poa_tui.tui.app import make_app
from poa_tui.tui.dialogs.case_form import CaseFormScreen
from poa_tui.tui.textual_fixes import draw_guard

TEXTUAL_8_2_8 = "2ba7a4913a72125d28739c6e4186ada18de833b8376b3a72ae227fdaa4ee7f69"

HOSTILE = ("\x1b]0;pwned\x07\x1b]52;c;ZXZpbA==\x07\x1b[2J\x9b31m\u202eevil\u202c"
           "\x85\x1bP+q\x1b\\\rOK")

# What Textual itself never writes, so any of it in the output came from the text.
DRIVES_THE_TERMINAL = re.compile(
    r"\x1b\](?!8;)|\x07|\x1b\[2J|\x1bP|[\x00-\x06\x08-\x09\x0b-\x1a\x1c-\x1f\x7f-\x9f]"
    r"|[\u202a-\u202e\u2066-\u2069]|\x1b\[[0-9;]*J")


def assert_inert(output: str) -> None:
    found = DRIVES_THE_TERMINAL.search(output)
    assert found is None, f"{found[0]!r} in {output[max(0, found.start() - 40):found.end() + 40]!r}"


def screen_output(app) -> str:
    """The characters a full redraw of the current screen sends to the terminal."""
    update = app.screen._compositor.render_full_update()
    return update.render_segments(app.console)


def console() -> Console:
    return Console(color_system="truecolor", force_terminal=True, width=80)


console_ = console()


def test_the_replaced_method_is_still_textuals_8_2_8() -> None:
    """A different Textual may have changed (or fixed) the method: look at this module again."""
    source = inspect.getsource(draw_guard.ORIGINAL)
    assert hashlib.sha256(source.encode()).hexdigest() == TEXTUAL_8_2_8


def test_a_strip_is_drawn_inert_and_as_wide_as_laid_out() -> None:
    draw_guard.install()
    link = Style(link="https://example.com/\x1b]52;c;ZXZpbA==\x07")
    strip = Strip([Segment("Case 1 ", Style(bold=True)), Segment(f"Title{HOSTILE}\tend"),
                   Segment(" more", link)])
    drawn = strip.render(console())
    assert_inert(drawn)
    clean = Strip([Segment("Case 1 ", Style(bold=True)), Segment("Title]0;pwned]52;c;ZXZpbA=="
                                                               "[2J31mevilP+q\\OKend"),
                   Segment(" more", Style(link="https://example.com/]52;c;ZXZpbA=="))])
    assert strip.cell_length == clean.cell_length
    # The same characters as the clean line (link ids differ: they are random per style).
    without_ids = re.compile(r"id=\d+;")
    assert without_ids.sub("", drawn) == without_ids.sub("", draw_guard.ORIGINAL(clean, console()))


def test_a_clean_strip_is_drawn_exactly_as_textual_draws_it() -> None:
    draw_guard.install()
    segments = [Segment("Acme blender: ", Style(color="red")), Segment("inauthentic 🙂 中文"),
                Segment(" \u200fمرحبا\u200e", Style(link="https://example.com/"))]
    assert Strip(segments).render(console()) == draw_guard.ORIGINAL(Strip(segments), console())


def hostile_store(tmp_path: Path) -> CaseStore:
    store = CaseStore(tmp_path / "store")
    case = Case(title=f"Title {HOSTILE}", seller=f"Seller {HOSTILE}",
                marketplace=f"Market {HOSTILE}",
                notice=Notice(text=f"Notice {HOSTILE}", asins=[f"B0{HOSTILE}"]),
                sections=Sections(f"Root {HOSTILE}", f"Remedy {HOSTILE}", f"Changes {HOSTILE}"),
                notes=f"Notes {HOSTILE}")
    attempt = case.record_submission(Channel.ACCOUNT_HEALTH)
    attempt.reply = Reply(attempt.submitted_at, f"Reply {HOSTILE}", Outcome.INSUFFICIENT_POA)
    store.create(case)
    return store


async def test_the_case_list_form_toast_and_palette_draw_stored_text_inert(tmp_path) -> None:
    app = make_app(store=hostile_store(tmp_path), settings_path=tmp_path / "settings.toml")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        output = screen_output(app)
        assert "Title" in output and "pwned" in output  # the title is drawn, inert
        assert_inert(output)
        app.notify(f"Saved {HOSTILE}", title=HOSTILE, markup=False)
        app.sub_title = HOSTILE
        await pilot.pause()
        assert_inert(screen_output(app))
        await pilot.press("e")  # the case's details in the form's inputs
        await pilot.pause()
        assert isinstance(app.screen, CaseFormScreen)
        assert HOSTILE in app.screen.query_one("#title", Input).value
        assert_inert(screen_output(app))
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"Title")
        await pilot.pause(0.3)
        assert_inert(screen_output(app))


async def test_a_paste_into_any_input_loses_its_escape_sequences(tmp_path) -> None:
    app = make_app(store=CaseStore(tmp_path / "store"), settings_path=tmp_path / "s.toml")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("slash")  # the case list's filter
        await pilot.pause()
        assert isinstance(app.focused, Input)
        app.focused.post_message(events.Paste(f"Kestrel{HOSTILE}"))
        await pilot.pause()
        assert app.focused.value == "Kestrel\u202eevil\u202c"  # the first line, as typed
        await pilot.press("escape", "n")  # the new-case form: its title
        await pilot.pause()
        assert isinstance(app.screen, CaseFormScreen)
        title = app.screen.query_one("#title", Input)
        title.focus()
        await pilot.pause()
        title.post_message(events.Paste(f"Pasted {HOSTILE}\nsecond line"))
        await pilot.pause()
        assert title.value == "Pasted \u202eevil\u202c"
        assert_inert(screen_output(app))


def _drawn_both_ways(app) -> tuple[str, str]:
    """A full redraw of the current screen through Textual's `Strip.render`, then ours."""
    update = app.screen._compositor.render_full_update()
    Strip.render = draw_guard.ORIGINAL
    try:
        theirs = update.render_segments(app.console)
    finally:
        draw_guard.install()
    lines = [[Strip(strip._segments, strip._cell_length) for strip in line]
             for line in update.strips]  # fresh strips: nothing rendered is cached yet
    ours = type(update)(lines, update.region).render_segments(app.console)
    return theirs, ours


async def test_clean_screens_reach_the_terminal_unchanged(tmp_path) -> None:
    """Tabs, links, wide characters and right-to-left text in a real editor: the guard must
    not change a single character of what Textual sends when nothing needs cleaning."""
    sections = long_sections(600)
    sections.root_cause = ("Step\tone: see [the invoice](https://example.com/inv?a=1&b=2).\n\n"
                           "中文 🙂 \u200fمرحبا\u200e B07XYZ1234\n\n" + sections.root_cause)
    app = editor_app(tmp_path, Case(title="Clean case 🙂", sections=sections))
    async with app.run_test(size=(120, 36)) as pilot:
        await open_editor(app, pilot)
        await pilot.press("f5")
        await pilot.pause(0.3)
        theirs, ours = _drawn_both_ways(app)
        assert "Clean case" in theirs and ours == theirs


async def test_the_editor_and_submission_log_draw_stored_text_inert(tmp_path) -> None:
    app = make_app(store=hostile_store(tmp_path), settings_path=tmp_path / "settings.toml")
    async with app.run_test(size=(120, 36)) as pilot:
        await open_editor(app, pilot)
        await pilot.press("f5")
        await pilot.pause(0.3)
        assert "Root" in screen_output(app)
        assert_inert(screen_output(app))
        await pilot.press("f6")
        await pilot.pause(0.3)
        assert "Reply" in screen_output(app) or "reply" in screen_output(app)
        assert_inert(screen_output(app))


@given(st.lists(st.tuples(st.text(), st.booleans(), st.text()), max_size=6))
def test_no_text_or_link_reaches_the_terminal_as_a_control(cells) -> None:
    draw_guard.install()
    segments = [Segment(text, Style(link=f"https://example.com/{link}") if linked else None)
                for text, linked, link in cells]
    strip = Strip(segments)
    drawn = strip.render(console_)
    # What is left once Textual's own link brackets are taken out is the text alone.
    link_brackets = re.compile(r"\x1b\]8;id=\d+;([^\x1b]*)\x1b\\|\x1b\]8;;\x1b\\")
    for address in link_brackets.findall(drawn):
        assert UNDRAWABLE.search(address) is None, repr(address)
    bare = link_brackets.sub("", drawn)
    assert UNDRAWABLE.search(bare) is None, repr(bare)
    assert cell_len(bare) == strip.cell_length
