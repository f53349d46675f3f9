"""Issue 12 in a real tmux: stored or pasted text never drives the terminal.

tmux acts on what the app writes as a terminal would: `ESC ] 0 ; ... BEL` sets the pane's title
(`#{pane_title}`), and with `set-clipboard on` every `ESC ] 52 ; ...` becomes a paste buffer. So
the pane's title and tmux's buffers show whether any escape sequence in a case's text, or in
a paste, reached the terminal as one; the screen shows whether one cleared it.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from poa_tui.domain.models import Case, Notice, Sections
from tests.support import wait_until

from .conftest import LIST_KEYS, STEP_TIMEOUT, Workspace, _wait_for_footer, start_app

pytestmark = pytest.mark.slow

# Retitles the pane, writes the clipboard (OSC 52, ended by BEL and by ST), clears the screen,
# and a C1 CSI; "\r" would go back and draw over the start of the line.
HOSTILE = ("\x1b]0;pwned\x07\x1b]2;pwned too\x1b\\\x1b]52;c;ZXZpbA==\x07"
           "\x1b]52;p;ZXZpbA==\x1b\\\x1b[2J\x9b2J\x1b[H\u202eevil\u202c\r")

TMUX_OPTIONS = {"set-clipboard": "on", "allow-rename": "on"}


def buffers(tmux) -> list[str]:
    return tmux.run("list-buffers", "-F", "#{buffer_name}").split()


def pane_title(tmux) -> str:
    return tmux.run("display-message", "-p", "-t", tmux.target, "#{pane_title}").strip()


def assert_terminal_untouched(tmux, title: str) -> None:
    assert pane_title(tmux) == title, "an escape sequence retitled the pane"
    assert buffers(tmux) == [], "an escape sequence wrote the clipboard"
    # The case list's first rows and its footer are all still there: nothing cleared the screen
    # after they were drawn (the filter, then the list's frame, ..., then the footer).
    rows = tmux.capture().splitlines()
    assert rows[0].strip() and "╭" in rows[1] and "^p Commands" in rows[-1], "\n".join(rows)


def test_hostile_stored_text_is_drawn_inert(workspace: Workspace) -> None:
    store = workspace.store()
    for number in range(3):
        store.create(Case(title=f"Kestrel case {number} {HOSTILE} end",
                          seller=f"Seller {HOSTILE}", marketplace=f"amazon.de{HOSTILE}",
                          notice=Notice(text=HOSTILE, asins=[f"B0{HOSTILE}"]),
                          sections=Sections(f"Root {HOSTILE}", HOSTILE, HOSTILE)))
    with workspace.tmux(TMUX_OPTIONS) as tmux:
        start_app(tmux, ready="Kestrel case 2")
        title = pane_title(tmux)
        assert "pwned" not in title
        # Redraw the rows a few times: the highlight moves over each hostile title.
        for key in ("Down", "Down", "Up"):
            tmux.send_keys(key)
        tmux.send_keys("e")  # the case's details, in the form's inputs
        tmux.wait_for(": details", timeout=STEP_TIMEOUT)
        assert pane_title(tmux) == title and buffers(tmux) == []
        tmux.send_keys("Escape")
        tmux.wait_for("filter by title", timeout=STEP_TIMEOUT)
        assert_terminal_untouched(tmux, title)
        assert "␛" not in tmux.capture()  # the app removes them; nothing shows as a box


def paste(tmux, tmp_path: Path, text: str) -> None:
    """Paste `text` as a terminal does (bracketed), deleting the buffer once pasted."""
    source = tmp_path / "pasted.txt"
    source.write_text(text, encoding="utf-8")
    tmux.run("load-buffer", "-b", "pasted", str(source))
    tmux.run("paste-buffer", "-p", "-d", "-b", "pasted", "-t", tmux.target)


def test_pasted_escape_sequences_into_inputs_stay_inert(workspace: Workspace,
                                                         tmp_path: Path) -> None:
    workspace.store().create(Case(title="Kestrel phone cases"))
    with workspace.tmux(TMUX_OPTIONS) as tmux:
        start_app(tmux)
        title = pane_title(tmux)
        _wait_for_footer(tmux, LIST_KEYS, True, "the case list to be ready")
        tmux.send_keys("/")
        _wait_for_footer(tmux, LIST_KEYS, False, "the filter to take the focus")
        paste(tmux, tmp_path, f"Kes{HOSTILE}")
        tmux.wait_for("Kes", timeout=STEP_TIMEOUT)
        wait_until(lambda: "pasted" not in buffers(tmux), timeout=STEP_TIMEOUT,
                   describe="the pasted buffer to be deleted")
        assert_terminal_untouched(tmux, title)
        # One escape clears the filter and gives the list the focus back. (A second one sent
        # at once would still be in the terminal's escape delay when `n` follows, and the two
        # bytes read as alt+n, as in any terminal program.)
        tmux.send_keys("Escape")
        tmux.wait_for("Kestrel phone cases", timeout=STEP_TIMEOUT)
        _wait_for_footer(tmux, LIST_KEYS, True, "the list to take the focus back")
        tmux.send_keys("n")  # the new-case form, its title focused
        tmux.wait_for("New case", timeout=STEP_TIMEOUT)
        paste(tmux, tmp_path, f"Pasted title {HOSTILE} end")
        tmux.wait_for("Pasted title", timeout=STEP_TIMEOUT)
        wait_until(lambda: "pasted" not in buffers(tmux), timeout=STEP_TIMEOUT,
                   describe="the pasted buffer to be deleted")
        assert pane_title(tmux) == title and buffers(tmux) == []
        tmux.send_keys("C-s")
        stored = wait_until(
            lambda: [row["title"] for row in _list(workspace) if "Pasted" in row["title"]],
            timeout=STEP_TIMEOUT, describe="the new case to be saved")
        assert stored == ["Pasted title \u202eevil\u202c"]  # the paste's first line, cleaned
        # The new case opens in the editor, its title drawn without the bidi controls.
        tmux.wait_for(" · Pasted title evil", timeout=STEP_TIMEOUT)
        assert pane_title(tmux) == title and buffers(tmux) == []


def _list(workspace: Workspace) -> list[dict]:
    import json

    done = workspace.cli("list", "--json")
    return json.loads(done.stdout) if done.returncode == 0 else []
