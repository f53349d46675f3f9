"""Bracketed pastes reach the app whole and in order, whatever bytes they hold."""

from __future__ import annotations

import time

import pytest
from textual import events

from poa_tui import paste_guard
from poa_tui.paste_guard import PasteGuardParser

START, END = "\x1b[200~", "\x1b[201~"
HOSTILE = "Dear seller,\n\x1b[1mYOUR ACCOUNT\x1b[0m is under review.\x11\x1b]52;c;aGk=\x07 end\tq"


def run(chunks: list[str]) -> list[object]:
    parser = PasteGuardParser()
    out: list[object] = []
    for chunk in chunks:
        out.extend(parser.feed(chunk))
    time.sleep(paste_guard.CARRY_SECONDS + 0.2)
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


def test_the_driver_still_builds_its_parser_by_this_name() -> None:
    from textual.drivers import linux_driver

    paste_guard.install()
    assert linux_driver.XTermParser is PasteGuardParser
