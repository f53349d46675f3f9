"""Keep a bracketed paste whole, whatever bytes it carries.

Amazon's emails, copied from some mail clients or terminals, can hold escape sequences and
control characters. Textual 8.2.8's input parser reads an ESC inside a bracketed paste as the
start of a key sequence: the pasted text arrives out of order, and control characters after it
act as keys (a pasted ctrl+q quit the app). `PasteGuardParser` cuts everything between the
terminal's paste brackets out of the stream before Textual's parser sees it and hands it over
as one `Paste` event.

The project's text areas strip the control characters from a paste (`textsafety`), but
Textual's `Input` inserts the pasted text as it is: pasted into the new-case title or the `/`
filter, escape sequences were drawn live and kept in the field. `install` makes every `Input`,
the command palette's included, strip them first as the section editors do.

Textual is pinned exactly, and `test_paste_guard.py` fails if the driver stops using the name
this module replaces. No upstream report of the ESC-in-paste behaviour was found (the
parser is `XTermParser` in textual/_xterm_parser.py; Textualize/textual#564 added paste mode).
"""

from __future__ import annotations

from typing import Iterable

from textual import constants, events
from textual._time import get_time
from textual._xterm_parser import BRACKETED_PASTE_END, BRACKETED_PASTE_START, XTermParser
from textual.message import Message
from textual.widgets import Input

from poa_tui.domain.textsafety import strip_controls


def _partial_suffix(data: str, marker: str) -> int:
    """Length of the longest tail of `data` that is a proper prefix of `marker`."""
    for size in range(min(len(marker) - 1, len(data)), 0, -1):
        if data.endswith(marker[:size]):
            return size
    return 0


class PasteGuardParser(XTermParser):
    """Textual's parser, with bracketed pastes taken out of the byte stream first."""

    def __init__(self, debug: bool = False) -> None:
        super().__init__(debug)
        self._paste: list[str] | None = None
        self._carry = ""
        self._carry_since = 0.0

    def feed(self, data: str) -> Iterable[Message]:
        if not data:
            if self._paste is not None:
                yield self._finish_paste(self._carry)
            elif self._carry:
                yield from super().feed(self._carry)
            self._carry = ""
            yield from super().feed(data)
            return
        data, self._carry = self._carry + data, ""
        while data:
            if self._paste is None:
                start = data.find(BRACKETED_PASTE_START)
                if start == -1:
                    keep = _partial_suffix(data, BRACKETED_PASTE_START)
                    if keep:
                        data, self._carry = data[:-keep], data[-keep:]
                        self._carry_since = get_time()
                    if data:
                        yield from super().feed(data)
                    return
                if start:
                    yield from super().feed(data[:start])
                self._paste = []
                data = data[start + len(BRACKETED_PASTE_START):]
            else:
                end = data.find(BRACKETED_PASTE_END)
                if end == -1:
                    keep = _partial_suffix(data, BRACKETED_PASTE_END)
                    self._paste.append(data[:-keep] if keep else data)
                    self._carry = data[-keep:] if keep else ""
                    return
                yield self._finish_paste(data[:end])
                data = data[end + len(BRACKETED_PASTE_END):]

    def _finish_paste(self, tail: str) -> events.Paste:
        pasted = "".join(self._paste or []) + tail
        self._paste = None
        return events.Paste(pasted.replace("\x00", ""))

    def tick(self) -> Iterable[Message]:
        # A lone ESC (the escape key) looks like the start of a paste bracket. It waits here
        # exactly as long as Textual's parser would wait for the rest of a sequence, and is then
        # the escape key itself: handing it to the parser instead would start that wait again
        # (the key came 100 ms later than in a bare app).
        if self._carry and self._paste is None and (
                get_time() - self._carry_since >= constants.ESCAPE_DELAY):
            carry, self._carry = self._carry, ""
            if carry == "\x1b" and self._timeout_time is None:  # the parser is between keys
                yield events.Key("escape", "\x1b")
            else:
                yield from super().feed(carry)
        yield from super().tick()


ORIGINAL_INPUT_PASTE = Input._on_paste
"""Textual's own `Input._on_paste`, which `install` wraps."""


def _input_paste(self: Input, event: events.Paste) -> None:
    """`Input._on_paste`, with the pasted text's escape sequences and controls stripped first."""
    event.text = strip_controls(event.text)
    ORIGINAL_INPUT_PASTE(self, event)


def install() -> None:
    """Make Textual's terminal driver read input through `PasteGuardParser`, and every `Input`
    strip a paste's control characters (idempotent)."""
    from textual.drivers import linux_driver

    linux_driver.XTermParser = PasteGuardParser  # type: ignore[misc]
    Input._on_paste = _input_paste  # type: ignore[method-assign]
