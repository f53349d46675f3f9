"""Every screen whole at 80x24 in a real tmux: nothing hidden, no keystroke lost, no wrong word.

Each test drives `python -m poa_tui` in a private tmux pane of the size a new user over SSH
starts with, and reads the screen as text the way that user reads it.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone
from email.utils import format_datetime
from pathlib import Path

from poa_tui.storage.demo import seed_demo
from tests.e2e.conftest import (
    STEP_TIMEOUT,
    Workspace,
    open_case,
    start_app,
    wait_for_section,
    wait_for_toast,
)
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
    return case, tmux.wait_for("─ Attempts ─", timeout=STEP_TIMEOUT)


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
        _open_log(workspace, tmux)
        # One capture holding the log's heading and footer both, once the log is drawn whole
        # (a busy machine can be caught mid-redraw): then nothing in it may be cut.
        def whole(screen: str) -> bool:
            footer = _footer(screen)
            return (screen.startswith(" Case 1 · ") and "─ Timeline ─" in screen
                    and "F1 Help" in footer and footer.rstrip().endswith("▏^p Commands")
                    and "2 sent" in " ".join(screen.splitlines()[:2]))

        screen = wait_until(lambda: next((s for s in [tmux.capture()] if whole(s)), None),
                            timeout=STEP_TIMEOUT,
                            describe=lambda: f"the whole log; screen:\n{tmux.capture()}")
        assert "…" not in screen.splitlines()[0], screen


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


def test_new_case_form_keeps_every_key_of_a_burst_and_focus_where_typing_goes(
        workspace: Workspace, tmp_path: Path) -> None:
    from poa_tui.storage.demo import demo_case
    workspace.store()
    with workspace.tmux() as tmux:
        start_app(tmux)
        tmux.send_keys("n")
        tmux.wait_for("New case", timeout=STEP_TIMEOUT)
        # Title, then Tab and the first words of the notice in one burst, with a correction.
        tmux.send_keys(*"Blendex", "BSpace", "r", "Tab", *"Dear")
        tmux.wait_for("Dear", timeout=STEP_TIMEOUT)
        paste(tmux, tmp_path, " seller,\n\n" + demo_case().notice.text)
        tmux.wait_for("ctrl+r reads it", timeout=STEP_TIMEOUT)
        tmux.send_keys("C-r")
        tmux.wait_for("Use these", timeout=STEP_TIMEOUT)
        # Accept, and type the seller's name right behind it: it belongs in Seller.
        tmux.send_keys("C-s", *"Marlow")
        tmux.wait_for(" kept from the notice", timeout=STEP_TIMEOUT)
        tmux.wait_for("Marlow", timeout=STEP_TIMEOUT)
        tmux.send_keys("C-s")
        tmux.wait_for("Blender", timeout=STEP_TIMEOUT)
    case = workspace.show(1)
    assert case["title"] == "Blender" and case["seller"] == "Marlow"
    assert case["notice"]["text"].startswith("Dear seller,")


def test_ctrl_g_keeps_the_editor_and_the_letters_typed_next(workspace: Workspace) -> None:
    with workspace.tmux() as tmux:
        case = seed_demo(workspace.store())
        start_app(tmux)
        open_case(tmux, case)
        tmux.send_keys("C-g", *"Zq")
        tmux.wait_for("─ Guidance", timeout=STEP_TIMEOUT)
        tmux.wait_for("│ ZqOn 5 October", timeout=STEP_TIMEOUT)
        assert "Root Cause ·" in tmux.capture()


def test_a_closed_case_is_closed_everywhere_not_overdue(workspace: Workspace) -> None:
    from datetime import date

    from poa_tui.domain.models import Case, Reply
    from poa_tui.domain.vocab import Channel, Outcome
    store = workspace.store()
    case = Case(title="Long lost appeal")
    case.sections["root_cause"] = "We sold units from an unapproved supplier."
    case.notice.deadline = date.today() - timedelta(days=535)
    attempt = case.record_submission(Channel.ACCOUNT_HEALTH,
                                     datetime.now(timezone.utc) - timedelta(days=540))
    attempt.reply = Reply(received_at=datetime.now(timezone.utc) - timedelta(days=536),
                          text="This decision is final.", outcome=Outcome.FINAL)
    case = store.create(case)
    with workspace.tmux() as tmux:
        start_app(tmux)
        listed = tmux.wait_for("Long lost appeal", timeout=STEP_TIMEOUT)
        assert "Closed" in listed and "overdue" not in listed
        screen = open_case(tmux, case)
        heading = screen.splitlines()[0]
        assert "Closed" in heading and "overdue" not in heading, heading
    done = workspace.cli("list")
    assert "overdue" not in done.stdout


def test_an_empty_store_footer_offers_only_what_works(workspace: Workspace) -> None:
    workspace.store()
    with workspace.tmux() as tmux:
        start_app(tmux)
        footer = _footer(tmux.wait_for("New", timeout=STEP_TIMEOUT))
        assert "n New" in footer
        for word in ("Open", "Edit", "Archive", "Delete"):
            assert word not in footer, footer


def test_at_most_two_toasts_show_the_newest_whole(workspace: Workspace) -> None:
    seed_demo(workspace.store())
    with workspace.tmux() as tmux:
        start_app(tmux)
        tmux.wait_for("Marlow Kitchen", timeout=STEP_TIMEOUT)
        tmux.send_keys("u", "u", "u")  # each says which cases the list now shows
        shown = wait_for_toast(tmux, "All cases, most recent activity first.")
        messages = ("Cases that need you come first.", "Only cases that need you are listed.",
                    "All cases, most recent activity first.")
        assert sum(message in shown for message in messages) <= 2, shown


def test_a_pasted_reply_survives_a_hang_up_and_comes_back(workspace: Workspace,
                                                          tmp_path: Path) -> None:
    import os
    import signal
    import stat

    from tests.e2e.conftest import process_alive
    sent = datetime.now(timezone.utc) - timedelta(minutes=7)
    with workspace.tmux() as tmux:
        case = _reply_form(workspace, tmux, tmp_path, sent)
        tmux.wait_for("Reads as", timeout=STEP_TIMEOUT)
        pid = tmux.pane_pid()
        os.kill(pid, signal.SIGHUP)  # the SSH connection drops
        tmux.wait_exit(timeout=STEP_TIMEOUT)
    kept = workspace.store_path / "form-drafts.json"
    assert stat.S_IMODE(kept.stat().st_mode) == 0o600
    assert "will not respond to further emails" in kept.read_text(encoding="utf-8")
    assert not process_alive(pid)
    with workspace.tmux() as tmux:
        start_app(tmux)
        assert "Kept from the last session" in wait_for_toast(tmux, "Kept from the last")
        open_case(tmux, case)
        tmux.send_keys("F6")
        tmux.wait_for("─ Attempts ─", timeout=STEP_TIMEOUT)
        tmux.send_keys("r")
        screen = tmux.wait_for("Reads as “Final decision”", timeout=STEP_TIMEOUT)
        assert "decided not to reinstate" in screen
        tmux.send_keys("F10")
        wait_for_toast(tmux, "recorded")
    assert workspace.show(case.id)["submissions"][-1]["reply"]["outcome"] == "final"
    assert not kept.exists()


def test_a_new_case_form_survives_the_tmux_client_going_away(workspace: Workspace) -> None:
    from tests.e2e.conftest import process_alive
    workspace.store()
    with workspace.tmux() as tmux:
        pid = start_app(tmux)
        tmux.send_keys("n")
        tmux.wait_for("New case", timeout=STEP_TIMEOUT)
        tmux.send_text("Acme blender recall")
        tmux.wait_for("Acme blender recall", timeout=STEP_TIMEOUT)
        tmux.kill()  # the terminal goes away: the app gets SIGHUP
    wait_until(lambda: not process_alive(pid), timeout=STEP_TIMEOUT)
    with workspace.tmux() as tmux:
        start_app(tmux)
        wait_for_toast(tmux, "a new case “Acme blender recall”")
        tmux.send_keys("n")
        tmux.wait_for("Acme blender recall", timeout=STEP_TIMEOUT)



def test_at_160x48_a_long_seller_name_shows_whole(workspace: Workspace) -> None:
    from poa_tui.domain.models import Case
    workspace.store().create(Case(title="Short title", seller="Brightline Housewares UK Limited"))
    with workspace.tmux() as tmux:
        start_app(tmux, width=160, height=48)
        screen = tmux.wait_for("Short title", timeout=STEP_TIMEOUT)
        assert "Brightline Housewares UK Limited" in screen, screen


def test_slash_and_a_title_typed_at_once_filter_the_list(workspace: Workspace) -> None:
    seed_demo(workspace.store())
    from poa_tui.domain.models import Case
    workspace.store().create(Case(title="Another appeal"))
    with workspace.tmux() as tmux:
        start_app(tmux)
        tmux.wait_for("Another appeal", timeout=STEP_TIMEOUT)
        tmux.send_keys("/", *"Marlow")  # one burst: "a" on the list would archive a case
        screen = tmux.wait_for(re.compile(r"\A\s*Marlow\s*\n.* 1 of ", re.S),
                               timeout=STEP_TIMEOUT)
        assert "Another appeal" not in screen
    assert not any(case["archived"] for case in
                   (workspace.show(1), workspace.show(2)))


def test_an_f_key_and_text_typed_at_once_land_in_the_chosen_section(
        workspace: Workspace) -> None:
    from poa_tui.domain.models import Case
    case = workspace.store().create(Case(title="Burst case"))
    with workspace.tmux() as tmux:
        start_app(tmux)
        open_case(tmux, case)
        tmux.send_keys("F3", *"Refundex", "BSpace", "d")
        tmux.wait_for("Refunded", timeout=STEP_TIMEOUT)
        wait_for_section(workspace, case.id, "immediate_remedy", "Refunded")
