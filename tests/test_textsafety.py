"""strip_controls: escape sequences and control characters out, every printable character kept;
for_terminal, for_screen and json_inert: stored text made inert on its way to a terminal."""

from __future__ import annotations

import json
import re
import time

import pytest
from hypothesis import given
from hypothesis import strategies as st
from rich.cells import cell_len

from poa_tui.domain.textsafety import for_screen, for_terminal, json_inert, one_line, strip_controls

# Anything a terminal would act on: C0 except TAB and LF, DEL, C1.
FORBIDDEN = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("a \x1b[1;31mred\x1b[0m word", "a red word"),
        ("\x1b[2J\x1b[Hcleared", "cleared"),
        ("\x1b[?1049hscreen", "screen"),
        ("\x1b]0;new title\x07body", "body"),
        ("\x1b]0;new title\x1b\\body", "body"),
        ("\x1b]8;;https://example.com\x1b\\link\x1b]8;;\x1b\\ text", "link text"),
        ("\x1b]52;c;ZXZpbA==\x07after", "after"),
        ("\x1bPq#0;2;0;0;0#0~~\x1b\\ok", "ok"),
        ("\x1b_hidden app command\x1b\\ok", "ok"),
        ("\x1b(Bplain\x1b[m", "plain"),
        ("\x1bcreset", "reset"),
        ("\x1b7saved\x1b8", "saved"),
        ("\x1bOPf1", "f1"),
        ("\x9b31mC1 colour", "C1 colour"),
        ("\x9d0;title\x9cC1 title", "C1 title"),
        ("bell\x07 back\x08space nul\x00 del\x7f nel\x85", "bell backspace nul del nel"),
        ("windows\r\nline\rold mac\nunix", "windows\nline\nold mac\nunix"),
        ("keep\ttabs\nand newlines", "keep\ttabs\nand newlines"),
        ("ends with escape\x1b", "ends with escape"),
        # An unterminated string keeps its text: losing words silently is worse than a stray "52;".
        ("\x1b]52;c;never closed", "52;c;never closed"),
        ("\x1b[12\nunfinished", "12\nunfinished"),
    ],
)
def test_sequences_and_controls_are_removed(raw: str, clean: str) -> None:
    assert strip_controls(raw) == clean


def test_printable_unicode_is_untouched() -> None:
    text = (
        "Cher vendeur, ¿qué pasó? Привет. 中文. 日本語のテキスト. 🙂👍🏽👨‍👩‍👧\n"
        "\u200fمرحبا\u200e B07XYZ1234 \u202eevil\u202c \u2066iso\u2069 zero\u200bwidth\u00a0nbsp"
    )
    assert strip_controls(text) is text


@given(st.text())
def test_output_never_holds_escape_or_control(text: str) -> None:
    cleaned = strip_controls(text)
    assert FORBIDDEN.search(cleaned) is None
    assert "\x1b" not in cleaned and "\r" not in cleaned


@given(
    st.text(
        alphabet=st.characters(
            blacklist_categories=("Cc", "Cs"), whitelist_characters="\n\t"
        )
    )
)
def test_text_without_controls_is_unchanged(text: str) -> None:
    assert strip_controls(text) == text


@given(st.text())
def test_stripping_twice_changes_nothing_more(text: str) -> None:
    once = strip_controls(text)
    assert strip_controls(once) == once


@given(st.lists(st.text(alphabet=st.characters(blacklist_categories=("Cc", "Cs")))))
def test_words_around_colour_codes_survive(words: list[str]) -> None:
    coloured = "".join(f"\x1b[38;5;{i % 256}m{word}\x1b[0m" for i, word in enumerate(words))
    assert strip_controls(coloured) == "".join(words)


def _best_of(runs: int, function, text: str) -> float:
    best = float("inf")
    for _ in range(runs):
        started = time.perf_counter()
        function(text)
        best = min(best, time.perf_counter() - started)
    return best


def test_a_megabyte_comes_back_clean() -> None:
    clean = ("Root cause: our listing 中文 😀 used the wrong size chart.\n" * 20_000)[:1_000_000]
    dirty = clean.replace("listing", "\x1b[1mlisting\x1b[0m").replace("\n", "\r\n")
    assert strip_controls(clean) is clean  # nothing to take out: not even copied
    assert strip_controls(dirty) == clean


def test_hostile_input_stays_linear() -> None:
    # Introducers that are never terminated must not make each one rescan to the end.
    for hostile in ("\x9da" * 300_000, "\x1b]a" * 300_000, "\x1bP" * 300_000):
        assert _best_of(1, strip_controls, hostile) < 0.5


# -- on the way out: for_terminal, for_screen, json_inert ------------------------------------
# What a terminal must never receive from stored text: FORBIDDEN, plus the bidi embeddings,
# overrides and isolates and lone surrogates.
UNSAFE_OUT = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("\x1b]0;title\x07body", "␛]0;title␇body"),
        ("\x1b]52;c;ZXZpbA==\x1b\\after", "␛]52;c;ZXZpbA==␛\\after"),
        ("\x1b[2Jcleared", "␛[2Jcleared"),
        ("C1 \x9b31m and \x85 next", "C1 \ufffd31m and \ufffd next"),
        ("del\x7f nul\x00", "del␡ nul␀"),
        ("Approved\rDenied", "Approved\nDenied"),
        ("windows\r\nline", "windows\nline"),
        ("keep\ttabs\nand lines", "keep\ttabs\nand lines"),
        ("file\u202efdp.exe", "filefdp.exe"),
        ("\u2066iso\u2069 \u202aembed\u202c", "iso embed"),
        ("\u200fمرحبا\u200e \u061c", "\u200fمرحبا\u200e \u061c"),
        ("lone \ud800 surrogate", "lone \ufffd surrogate"),
    ],
)
def test_for_terminal_shows_controls_as_placeholders(raw: str, shown: str) -> None:
    assert for_terminal(raw) == shown


@given(st.text())
def test_for_terminal_output_is_inert_and_encodable(text: str) -> None:
    shown = for_terminal(text)
    assert UNSAFE_OUT.search(shown) is None and "\r" not in shown
    shown.encode("utf-8")


@given(st.text())
def test_for_screen_keeps_the_width_rich_measures(text: str) -> None:
    drawn = for_screen(text)
    assert UNSAFE_OUT.search(drawn) is None
    assert "\t" not in drawn and "\n" not in drawn and "\r" not in drawn
    assert cell_len(drawn) == cell_len(text.replace("\t", "").replace("\n", ""))


@given(st.recursive(st.text() | st.integers() | st.none(),
                    lambda inner: st.lists(inner) | st.dictionaries(st.text(), inner)))
def test_json_inert_reads_back_the_same_data(data: object) -> None:
    encoded = json_inert(json.dumps(data, ensure_ascii=False))
    assert UNSAFE_OUT.search(encoded) is None
    assert json.loads(encoded) == data


def test_clean_text_is_returned_without_copying() -> None:
    text = "Root cause: the wrong size chart.\n\tStep 1 \u200fمرحبا\u200e 🙂"
    assert for_terminal(text) is text
    line = text.replace("\n", " ").replace("\t", " ")
    assert for_screen(line) is line
    assert json_inert(line) is line


def test_one_line_shows_line_breaks_and_keeps_the_row() -> None:
    assert one_line("a\nb\r\nc\rd\te\x1b]0;x\x07") == "a␤b␤c␤d e␛]0;x␇"
    plain = "Acme blender: inauthentic"
    assert one_line(plain) is plain
