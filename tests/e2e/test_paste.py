"""Issue 7: pasting through a real terminal: a megabyte at once, and text full of escape codes.

tmux pastes as a terminal does: `paste-buffer -p` wraps the text in bracketed-paste markers
(the app turned that mode on), so the app receives one paste event, not a million keys.
"""

from __future__ import annotations

import fcntl
import os
import re
import select
import struct
import subprocess
import termios
import time
from pathlib import Path

import pytest

from poa_tui.domain.models import Case
from poa_tui.domain.vocab import Outcome
from poa_tui.storage.demo import seed_demo
from tests.support import stop_process, wait_until

from .conftest import (
    APP_ARGV,
    START_TIMEOUT,
    STEP_TIMEOUT,
    Workspace,
    open_case,
    section_on_disk,
    start_app,
    wait_for_section,
    wait_for_toast,
)

pytestmark = pytest.mark.slow

MEGABYTE = 1_000_000
RESPONSIVE_SECONDS = 8.0
"""The longest a keypress right after a 1 MB paste may take to show (about 1.6 s measured on
two busy cores); typing after the paste has settled is held to a tighter bound."""


def megabyte_of_text() -> str:
    line = "Order {:07d} was checked against the supplier invoice and the brand letter ✓\n"
    text, number = [], 0
    size = 0
    while size < MEGABYTE:
        number += 1
        text.append(line.format(number))
        size += len(text[-1])
    return "".join(text)[:MEGABYTE]


def paste(tmux, tmp_path: Path, text: str, name: str = "pasted") -> None:
    """Paste `text` into the pane as a terminal would (bracketed, newlines kept)."""
    source = tmp_path / f"{name}.txt"
    source.write_text(text, encoding="utf-8")
    tmux.run("load-buffer", "-b", name, str(source))
    # -p: bracketed paste when the app asked for it; -r: keep LF (tmux sends CR otherwise).
    tmux.run("paste-buffer", "-p", "-r", "-b", name, "-t", tmux.target)


def test_a_megabyte_paste_stays_responsive_and_is_saved_whole(workspace: Workspace,
                                                              tmp_path: Path) -> None:
    case = workspace.store().create(Case(title="Megabyte case"))
    text = megabyte_of_text()
    with workspace.tmux() as tmux:
        start_app(tmux)
        open_case(tmux, case)
        started = time.monotonic()
        paste(tmux, tmp_path, text)
        tmux.send_text("ZQX")  # the keypress right behind the paste
        tmux.wait_for("ZQX", timeout=60)
        after_paste = time.monotonic() - started
        wait_for_section(workspace, case.id, "root_cause", text + "ZQX", timeout=60)
        tmux.wait_for("✓ saved", timeout=STEP_TIMEOUT)

        started = time.monotonic()
        tmux.send_text("W")
        tmux.wait_for("ZQXW", timeout=STEP_TIMEOUT)
        one_key = time.monotonic() - started
        wait_for_section(workspace, case.id, "root_cause", text + "ZQXW", timeout=60)
    print(f"1 MB paste: next key shown after {after_paste:.2f} s; "
          f"a key after that in {one_key:.2f} s")
    assert after_paste < RESPONSIVE_SECONDS
    assert one_key < 2.0
    assert workspace.show(case.id)["sections"]["root_cause"] == text + "ZQXW"


HOSTILE = (
    "Dear seller,\n"
    "\x1b[2J\x1b[H"                       # clear the screen, cursor home
    "\x1b[41;97mYOUR ACCOUNT\x1b[0m "     # white on red
    "\x1b]0;retitled by a paste\x07"      # set the window title
    "\x1b]52;c;ZXZpbCBjbGlwYm9hcmQ=\x07"  # put "evil clipboard" on the clipboard
    "\x1b[5;1Hmoved cursor\x1b[?25l"      # move the cursor, hide it
    "is under review.\r\n"
    "\x9b31mC1 red\x9b0m and a bell\x07 end."
)
WORDS = ("Dear seller,", "YOUR ACCOUNT", "moved cursor", "is under review.", "C1 re",
         "and a bell", "end.")


def test_escape_codes_in_a_paste_are_inert_on_screen_and_on_disk(workspace: Workspace,
                                                                 tmp_path: Path) -> None:
    case = workspace.store().create(Case(title="Escape codes case"))
    workspace.write_settings(autosave_delay=0.3)
    with workspace.tmux({"set-clipboard": "on"}) as tmux:
        start_app(tmux, width=160, height=48)
        open_case(tmux, case)
        title_before = tmux.run("display", "-p", "#{pane_title}").strip()
        paste(tmux, tmp_path, HOSTILE)
        wait_until(lambda: "end." in (section_on_disk(workspace, case.id, "root_cause") or ""),
                   timeout=STEP_TIMEOUT, describe="the pasted text on disk")
        screen = tmux.wait_for("and a bell", timeout=STEP_TIMEOUT)
        # The app's own screen is all still there: nothing was cleared or moved.
        assert f"Case {case.id} · Escape codes case" in screen
        assert "Root Cause" in screen and "^p Commands" in screen
        coloured = tmux.capture(escapes=True)
        row = next(line for line in coloured.splitlines() if "YOUR ACCOUNT" in line)
        assert not re.search(r"\x1b\[(?:[0-9;]*;)?41(?:;|m)", row)  # no red background
        assert tmux.run("display", "-p", "#{pane_title}").strip() == title_before
        names = tmux.run("list-buffers", "-F", "#{buffer_name}").split()
        assert names == ["pasted"]  # no clipboard buffer came from the pasted OSC 52
    stored = workspace.show(case.id)["sections"]["root_cause"]
    assert "\x1b" not in stored and "\x9b" not in stored and "\x07" not in stored
    for words in WORDS:
        assert words in stored


# What a terminal sends for a paste when the app asked for bracketed paste.
PASTE_START, PASTE_END = b"\x1b[200~", b"\x1b[201~"


# Textual 8.2.8's own parser re-sends an escape sequence inside a paste as key presses (text
# out of order, control characters acting as keys); `poa_tui.tui.textual_fixes.paste_guard` keeps the paste whole.
def test_escape_codes_in_a_paste_leave_the_text_in_order(workspace: Workspace) -> None:
    case = workspace.store().create(Case(title="Ordered paste case"))
    workspace.write_settings(autosave_delay=0.3)
    pasted = "Dear seller,\n\x1b[1mYOUR ACCOUNT\x1b[0m is under review."
    with PtyApp(workspace) as app:
        app.send(b"\r")  # open the only case
        app.wait_for(b"Root Cause")
        app.send(PASTE_START + pasted.encode() + PASTE_END)
        wait_until(lambda: section_on_disk(workspace, case.id, "root_cause"),
                   timeout=STEP_TIMEOUT, describe="the pasted text on disk")
    assert section_on_disk(workspace, case.id, "root_cause") == (
        "Dear seller,\nYOUR ACCOUNT is under review.")


class PtyApp:
    """The app on a bare pseudo-terminal, for bytes no terminal emulator rewrites."""

    def __init__(self, workspace: Workspace) -> None:
        self.workspace = workspace
        self.output = b""

    def __enter__(self) -> PtyApp:
        self.master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
        self.process = subprocess.Popen(
            list(APP_ARGV), stdin=slave, stdout=slave, stderr=slave,
            env=self.workspace.env(TERM="xterm-256color"), start_new_session=True)
        os.close(slave)
        self.wait_for(b"Commands")
        return self

    def __exit__(self, *exc_info: object) -> None:
        stop_process(self.process)
        os.close(self.master)

    def send(self, data: bytes) -> None:
        os.write(self.master, data)

    def wait_for(self, text: bytes, timeout: float = START_TIMEOUT) -> None:
        deadline = time.monotonic() + timeout
        while text not in self.output:
            left = deadline - time.monotonic()
            assert left > 0, f"{text!r} never showed; last output: {self.output[-300:]!r}"
            ready, _, _ = select.select([self.master], [], [], min(left, 0.2))
            if ready:
                try:
                    self.output += os.read(self.master, 65536)
                except OSError:
                    raise AssertionError(f"the app ended before showing {text!r}") from None


def styled_row(tmux, text: str) -> str:
    """The screen row holding `text`, with its colours (they change with the focus)."""
    return next((row for row in tmux.capture(escapes=True).splitlines() if text in row), "")


def tab_to(tmux, label: str) -> None:
    """Press Tab and wait until the row of the field labelled `label` is drawn focused."""
    before = styled_row(tmux, label)
    tmux.send_keys("Tab")
    wait_until(lambda: styled_row(tmux, label) != before, timeout=STEP_TIMEOUT,
               describe=lambda: f"the focus on {label!r}; screen:\n{tmux.capture()}")


def test_escape_codes_in_a_pasted_reply_are_inert_and_not_stored(workspace: Workspace,
                                                                 tmp_path: Path) -> None:
    case = seed_demo(workspace.store())
    with workspace.tmux({"set-clipboard": "on"}) as tmux:
        start_app(tmux, width=100, height=40)
        open_case(tmux, case)
        tmux.send_keys("F6")
        tmux.wait_for("Attempts", timeout=STEP_TIMEOUT)
        tmux.send_keys("r")
        tmux.wait_for("Paste Amazon's message here.", timeout=STEP_TIMEOUT)
        paste(tmux, tmp_path, HOSTILE)
        screen = tmux.wait_for("and a bell", timeout=STEP_TIMEOUT)
        assert "Record Amazon's reply" in screen and "^p Commands" in screen
        # The form reads the reply as it arrives; decide only once that reading is on screen,
        # or a suggestion landing mid-way turns the Down below into a step back to blank.
        tmux.wait_for(re.compile(r"Reads as|Probably|Not recognised"), timeout=STEP_TIMEOUT)
        if "What did Amazon decide?" in tmux.capture():  # no outcome read from the text
            tab_to(tmux, "▼")                 # Outcome, right under the reply
            tmux.send_keys("Enter")
            tmux.wait_for("Final decision", timeout=STEP_TIMEOUT)
            tmux.send_keys("Down", "Enter")   # the first outcome
        tmux.wait_for("Next:", timeout=STEP_TIMEOUT)
        tmux.send_keys("F10")
        wait_for_toast(tmux, "Reply to attempt 2 recorded")
        names = tmux.run("list-buffers", "-F", "#{buffer_name}").split()
        assert names == ["pasted"]
    reply = workspace.show(case.id)["submissions"][-1]["reply"]
    assert reply["outcome"] in {outcome.value for outcome in Outcome}
    assert "\x1b" not in reply["text"] and "\x9b" not in reply["text"]
    for words in WORDS:
        assert words in reply["text"]
