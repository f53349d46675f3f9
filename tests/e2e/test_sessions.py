"""Issue 7: two app processes on one store, each in its own terminal, as two SSH logins would be.

Different cases: both edit and save. The same case: the second session is read-only and names
the holder (user, host, process, since); when the holder is killed outright, its lock is
recognised as stale. New cases, made in the other session or by the CLI, show up in the list
without a restart.
"""

from __future__ import annotations

import getpass
import os
import re
import signal
import socket
from datetime import datetime, timedelta

import pytest

from poa_tui.domain.models import Case

from .conftest import (
    STEP_TIMEOUT,
    Workspace,
    open_case,
    section_on_disk,
    start_app,
    wait_for_section,
    wait_for_toast,
)

pytestmark = pytest.mark.slow

# The list and the editor re-read the store every few seconds (`PoaApp.refresh_seconds`).
REFRESH_TIMEOUT = 20.0
WIDE = {"width": 160, "height": 48}


def test_two_sessions_edit_two_cases_and_both_save(workspace: Workspace) -> None:
    store = workspace.store()
    first = store.create(Case(title="First session case"))
    second = store.create(Case(title="Second session case"))
    workspace.write_settings(autosave_delay=0.3)
    with workspace.tmux() as one, workspace.tmux() as two:
        start_app(one)
        start_app(two)
        assert "Read-only" not in open_case(one, first)
        assert "Read-only" not in open_case(two, second)
        one.send_text("Written in session one.")
        two.send_text("Written in session two.")
        wait_for_section(workspace, first.id, "root_cause", "Written in session one.")
        wait_for_section(workspace, second.id, "root_cause", "Written in session two.")
        # Each keeps editing after the other saved: no conflict, nothing merged away.
        one.send_text(" More.")
        wait_for_section(workspace, first.id, "root_cause", "Written in session one. More.")
    assert workspace.show(second.id)["sections"]["root_cause"] == "Written in session two."


def holder_line(screen: str) -> str:
    flat = " ".join(screen.split())
    match = re.search(r"Read-only: (.+?) is editing this case\.", flat)
    assert match, f"no read-only banner on:\n{screen}"
    return match.group(1)


def assert_names_the_holder(screen: str, pid: int) -> None:
    """The banner says who: user@host (process N) since YYYY-MM-DD HH:MM, local time."""
    who = holder_line(screen)
    match = re.fullmatch(r"(.+)@(.+) \(process (\d+)\) since (\d{4}-\d\d-\d\d \d\d:\d\d)", who)
    assert match, who
    user, host, shown_pid, since = match.groups()
    assert (user, host, int(shown_pid)) == (getpass.getuser(), socket.gethostname(), pid)
    opened = datetime.strptime(since, "%Y-%m-%d %H:%M")
    assert abs(datetime.now() - opened) < timedelta(minutes=5)


def test_the_same_case_opens_read_only_naming_the_holder_then_follows_and_takes_over(
        workspace: Workspace) -> None:
    case = workspace.store().create(Case(title="Shared case"))
    workspace.write_settings(autosave_delay=0.3)
    with workspace.tmux() as holder, workspace.tmux() as other:
        holder_pid = start_app(holder, **WIDE)
        start_app(other, **WIDE)
        open_case(holder, case)
        screen = open_case(other, case)
        assert_names_the_holder(other.wait_for("Read-only:", timeout=STEP_TIMEOUT), holder_pid)
        assert "read-only" in screen

        # Typing in the read-only session changes nothing anywhere.
        other.send_text("should not land")
        holder.send_text("The holder's words.")
        wait_for_section(workspace, case.id, "root_cause", "The holder's words.")
        # ... and the holder's saved words show up in the read-only session.
        other.wait_for("The holder's words.", timeout=REFRESH_TIMEOUT)
        assert "should not land" not in other.capture()

        # The holder dies without a chance to clean up.
        os.kill(holder_pid, signal.SIGKILL)
        assert holder.wait_exit(timeout=STEP_TIMEOUT) == -signal.SIGKILL
        wait_for_toast(other, "you can edit it now", timeout=REFRESH_TIMEOUT)
        assert "Read-only:" not in other.capture()
        other.send_text("Taken over. ")
        wait_for_section(workspace, case.id, "root_cause", "Taken over. The holder's words.")


def test_a_killed_holders_lock_is_stale_for_a_session_opening_the_case_later(
        workspace: Workspace) -> None:
    case = workspace.store().create(Case(title="Stale lock case"))
    with workspace.tmux() as holder, workspace.tmux() as later:
        holder_pid = start_app(holder, **WIDE)
        open_case(holder, case)
        start_app(later, **WIDE)
        assert_names_the_holder(open_case(later, case), holder_pid)
        later.send_keys("Escape")  # back to the list, still running
        later.wait_for("Stale lock case", timeout=STEP_TIMEOUT)

        os.kill(holder_pid, signal.SIGKILL)
        assert holder.wait_exit(timeout=STEP_TIMEOUT) == -signal.SIGKILL
        # The lock file still names the dead process; the kernel dropped its flock.
        assert (workspace.store_path / "locks" / f"{case.id}.session").read_text()
        screen = open_case(later, case)
        assert "Read-only" not in screen
        later.send_text("Editable again.")
        wait_for_section(workspace, case.id, "root_cause", "Editable again.")
    assert section_on_disk(workspace, case.id, "root_cause") == "Editable again."


def test_the_list_shows_cases_made_elsewhere_without_a_restart(workspace: Workspace) -> None:
    workspace.store().create(Case(title="Already here"))
    with workspace.tmux() as watcher, workspace.tmux() as maker:
        start_app(watcher, **WIDE)
        start_app(maker, **WIDE)
        watcher.wait_for("Already here", timeout=STEP_TIMEOUT)

        done = workspace.cli("new", "--title", "Made by the command line")
        assert done.returncode == 0, done.stderr
        watcher.wait_for("Made by the command line", timeout=REFRESH_TIMEOUT)

        # The other session makes one through its New case form.
        maker.wait_for("n New", timeout=STEP_TIMEOUT)
        maker.send_keys("n")
        maker.wait_for("New case", timeout=STEP_TIMEOUT)
        maker.send_text("Made in the other session")
        maker.wait_for("Made in the other session", timeout=STEP_TIMEOUT)
        maker.send_keys("F10")  # save (ctrl+s's twin)
        maker.wait_for(re.compile(r"Case \d+ · Made in the other session"),
                       timeout=STEP_TIMEOUT)
        watcher.wait_for("Made in the other session", timeout=REFRESH_TIMEOUT)
        screen = watcher.wait_for("3 cases", timeout=REFRESH_TIMEOUT)
        assert "Already here" in screen and "Made by the command line" in screen
