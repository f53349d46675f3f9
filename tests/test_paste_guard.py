"""Bracketed pastes reach the app whole and in order, whatever bytes they hold."""

from __future__ import annotations

import time

import pytest
from textual import constants, events

from poa_tui.tui.textual_fixes import paste_guard
from poa_tui.tui.textual_fixes.paste_guard import PasteGuardParser

START, END = "\x1b[200~", "\x1b[201~"
HOSTILE = "Dear seller,\n\x1b[1mYOUR ACCOUNT\x1b[0m is under review.\x11\x1b]52;c;aGk=\x07 end\tq"


def run(chunks: list[str]) -> list[object]:
    parser = PasteGuardParser()
    out: list[object] = []
    for chunk in chunks:
        out.extend(parser.feed(chunk))
    time.sleep(constants.ESCAPE_DELAY + 0.2)
    out.extend(parser.tick())
    time.sleep(0.3)  # Textual's own wait for the rest of an escape sequence
    out.extend(parser.tick())
    return out


def pastes(tokens: list[object]) -> list[str]:
    return [t.text for t in tokens if isinstance(t, events.Paste)]


def keys(tokens: list[object]) -> list[str]:
    return [t.key for t in tokens if isinstance(t, events.Key)]


def test_escape_codes_inside_a_paste_stay_text_in_order() -> None:
    tokens = run(["a" + START + HOSTILE + END + "b"])
    assert pastes(tokens) == [HOSTILE]
    assert keys(tokens) == ["a", "b"]


@pytest.mark.parametrize("cut", range(1, len(START + HOSTILE + END) + 1, 9))
def test_a_paste_split_across_reads_is_still_one_paste(cut: int) -> None:
    stream = "x" + START + HOSTILE + END + "y"
    tokens = run([stream[:cut], stream[cut:]])
    assert pastes(tokens) == [HOSTILE]
    assert keys(tokens) == ["x", "y"]


def test_the_escape_key_still_works() -> None:
    assert keys(run(["\x1b"])) == ["escape"]
    assert keys(run(["\x1b[A"])) == ["up"]


def test_a_lone_escape_waits_no_longer_than_in_textuals_own_parser(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """The escape key is passed on at the first tick after Textual's escape delay, not handed
    to the parser to wait that delay a second time."""
    import textual._parser

    now = [1000.0]
    monkeypatch.setattr(paste_guard, "get_time", lambda: now[0])
    monkeypatch.setattr(textual._parser, "get_time", lambda: now[0])
    parser = PasteGuardParser()
    assert list(parser.feed("\x1b")) == []
    now[0] += constants.ESCAPE_DELAY / 2
    assert keys(list(parser.tick())) == []
    now[0] = 1000.0 + constants.ESCAPE_DELAY
    assert keys(list(parser.tick())) == ["escape"]
    # alt+key (escape then a letter in the next read) is still one key
    assert list(parser.feed("\x1b")) == []
    tokens = list(parser.feed("x"))
    now[0] += constants.ESCAPE_DELAY
    assert keys(tokens + list(parser.tick())) == ["alt+x"]


def test_the_driver_still_builds_its_parser_by_this_name() -> None:
    """`install` replaces the module global `XTermParser`; that only works while the driver's
    input thread looks the parser up by that name when it starts, as Textual 8.2.8 does."""
    import ast
    import inspect
    import textwrap

    from textual import _xterm_parser
    from textual.drivers import linux_driver

    module = ast.parse(inspect.getsource(linux_driver))
    imported = {(node.module, alias.name, alias.asname) for node in ast.walk(module)
                if isinstance(node, ast.ImportFrom) for alias in node.names}
    assert ("textual._xterm_parser", "XTermParser", None) in imported
    thread = ast.parse(textwrap.dedent(
        inspect.getsource(linux_driver.LinuxDriver.run_input_thread)))
    built = [node for node in ast.walk(thread) if isinstance(node, ast.Call)
             and isinstance(node.func, ast.Name) and node.func.id == "XTermParser"]
    assert len(built) == 1
    paste_guard.install()
    assert linux_driver.XTermParser is PasteGuardParser
    assert PasteGuardParser.__mro__[1] is _xterm_parser.XTermParser
