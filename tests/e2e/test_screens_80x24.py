"""Every screen whole at 80x24 in a real tmux: nothing hidden, no keystroke lost, no wrong word.

Each test drives `python -m poa_tui` in a private tmux pane of the size a new user over SSH
starts with, and reads the screen as text the way that user reads it.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from email.utils import format_datetime
from pathlib import Path

from poa_tui.demo import seed_demo
from tests.e2e.conftest import (STEP_TIMEOUT, Workspace, open_case, start_app, toast_text,
                                wait_for_toast)
from tests.e2e.test_paste import paste
from tests.support import wait_until

FINAL_REPLY = """\
Date: {date}
From: Amazon Seller Performance <seller-performance@amazon.co.uk>

Hello,

After reviewing your appeal, we have decided not to reinstate your account. This decision is
final and we will not respond to further emails on this matter.
"""


def _reply_form(workspace: Workspace, tmux, tmp_path: Path, sent: datetime):
    case = seed_demo(workspace.store())
    start_app(tmux)
    open_case(tmux, case)
    tmux.send_keys("F6")
    tmux.wait_for("Attempts", timeout=STEP_TIMEOUT)
    tmux.send_keys("r")
    tmux.wait_for("Paste Amazon's message here.", timeout=STEP_TIMEOUT)
    paste(tmux, tmp_path, FINAL_REPLY.format(date=format_datetime(sent)))
    return case


def test_reply_form_shows_outcome_reasons_and_date_above_the_fold(workspace: Workspace,
                                                                  tmp_path: Path) -> None:
    sent = (datetime.now(timezone.utc) - timedelta(minutes=20)).replace(second=0, microsecond=0)
    with workspace.tmux() as tmux:
        case = _reply_form(workspace, tmux, tmp_path, sent)
        screen = tmux.wait_for("Next:", timeout=STEP_TIMEOUT)
        print(screen)
        rows = screen.splitlines()
        assert len(rows) <= 24
        # The outcome it read, the words that decided it, the date from the Date: line, Save.
        assert any("Outcome" in row and "Final decision" in row for row in rows), screen
        assert "Reads as “Final decision”" in screen and "decision is" in screen
        stamp = sent.astimezone().strftime("%Y-%m-%d %H:%M")
        assert any("Received" in row and stamp in row for row in rows), screen
        assert "Save" in screen and "Cancel" in screen
        # The date stays editable: Tab, Tab reach it; the user's own value is what is saved.
        mine = sent - timedelta(minutes=3)
        typed = mine.astimezone().strftime("%Y-%m-%d %H:%M")
        tmux.send_keys("Tab", "Tab", "C-u")
        tmux.send_text(typed)
        tmux.wait_for(f"Received  {typed}", timeout=STEP_TIMEOUT)
        tmux.send_keys("F10")
        wait_for_toast(tmux, "recorded")
    reply = workspace.show(case.id)["submissions"][-1]["reply"]
    assert reply["outcome"] == "final"
    assert reply["received_at"].startswith(mine.strftime("%Y-%m-%dT%H:%M"))


def test_escape_in_the_reply_form_asks_before_throwing_the_paste_away(
        workspace: Workspace, tmp_path: Path) -> None:
    sent = datetime.now(timezone.utc) - timedelta(minutes=5)
    with workspace.tmux() as tmux:
        case = _reply_form(workspace, tmux, tmp_path, sent)
        tmux.wait_for("Next:", timeout=STEP_TIMEOUT)
        tmux.send_keys("Escape")
        tmux.wait_for("Close without saving?", timeout=STEP_TIMEOUT)
        assert "The reply you pasted will be lost." in tmux.capture()
        tmux.send_keys("n")  # keep editing: the paste is still there, the cursor in the box
        tmux.wait_for("Reads as", timeout=STEP_TIMEOUT)
        tmux.send_text("PS")
        tmux.wait_for("PS", timeout=STEP_TIMEOUT)
        tmux.send_keys("F10")
        wait_for_toast(tmux, "recorded")
    assert workspace.show(case.id)["submissions"][-1]["reply"]["text"].endswith("PS")


def _footer(screen: str) -> str:
    rows = [row for row in screen.splitlines() if "^p Commands" in row]
    return rows[-1] if rows else ""


def _open_log(workspace: Workspace, tmux, *, width: int = 80, height: int = 24):
    case = seed_demo(workspace.store())
    start_app(tmux, width=width, height=height)
    open_case(tmux, case)
    tmux.send_keys("F6")
    return case, tmux.wait_for("Attempts", timeout=STEP_TIMEOUT)


def test_an_outcome_can_be_changed_from_the_log_and_the_status_follows(
        workspace: Workspace) -> None:
    with workspace.tmux() as tmux:
        case, screen = _open_log(workspace, tmux)
        tmux.send_keys("Up")  # attempt 1, answered "Plan not detailed enough"
        tmux.wait_for("Attempt 1 · sent", timeout=STEP_TIMEOUT)
        wait_until(lambda: "m Outcome" in _footer(tmux.capture()), timeout=STEP_TIMEOUT)
        tmux.send_keys("m")
        tmux.wait_for("what Amazon decided", timeout=STEP_TIMEOUT)
        assert "Now: Plan not detailed enough." in tmux.capture()
        tmux.send_keys("Up")  # Reinstated, just above
        tmux.wait_for("Next: Selling is restored", timeout=STEP_TIMEOUT)
        tmux.send_keys("Enter")
        wait_for_toast(tmux, "Now Reinstated")
    assert workspace.show(case.id)["submissions"][0]["reply"]["outcome"] == "reinstated"


def test_the_log_footer_and_heading_are_whole_at_80x24(workspace: Workspace) -> None:
    with workspace.tmux() as tmux:
        _, screen = _open_log(workspace, tmux)
        footer = _footer(tmux.wait_for("F1 Help", timeout=STEP_TIMEOUT))
        assert footer.rstrip().endswith("▏^p Commands"), footer
        assert "…" not in screen.splitlines()[0]
        assert "2 sent" in " ".join(screen.splitlines()[:2])


def test_no_stale_letter_after_the_terminal_shrinks(workspace: Workspace) -> None:
    with workspace.tmux() as tmux:
        start_app(tmux, width=100, height=30)
        tmux.run("resize-window", "-t", tmux.target, "-x", "64", "-y", "24")
        wait_until(lambda: len(tmux.capture().splitlines()) <= 24
                   and "╮" in tmux.capture().splitlines()[1][:64], timeout=STEP_TIMEOUT)
        wait_until(lambda: _footer(tmux.capture()).rstrip().endswith("^p Commands"),
                   timeout=STEP_TIMEOUT,
                   describe=lambda: f"a clean footer; screen:\n{tmux.capture()}")


def test_at_60x20_the_log_shows_an_attempt_row_with_the_timeline_open(
        workspace: Workspace) -> None:
    with workspace.tmux() as tmux:
        _, screen = _open_log(workspace, tmux, width=60, height=20)
        screen = tmux.wait_for("Timeline", timeout=STEP_TIMEOUT)
        assert "Account Health" in screen.split("Attempts", 1)[1].split("╰", 1)[0], screen
