"""Issues 7 and 12: hang-ups, terminations, interrupts and dropped SSH connections never lose
typed text.

The app runs as people run it (`python -m poa_tui`, or `poa-tui` over `ssh -t`); afterwards a
separate `poa-tui show --json` reads what reached the disk. Where the point is that the signal
handler itself saved the text, the autosave delay is set to 30 s, so nothing else could have.
"""

from __future__ import annotations

import json
import os
import shlex
import signal
import subprocess
import time
from pathlib import Path

import pytest

from poa_tui.domain.models import Case
from tests.support import wait_until
from tests.support.sshd import SshServer

from .conftest import (
    APP_ARGV,
    START_TIMEOUT,
    STEP_TIMEOUT,
    Workspace,
    open_case,
    process_alive,
    remote_app,
    section_on_disk,
    start_app,
    wait_for_section,
)

pytestmark = pytest.mark.slow

TYPED = "Typed a moment before the end ✓"
SIGNALS = [signal.SIGHUP, signal.SIGTERM, signal.SIGINT]  # SIGINT: `kill -INT`, not the key


def type_root_cause(tmux, text: str = TYPED) -> None:
    """Type into the focused Root Cause and wait until the screen shows it."""
    tmux.send_text(text)
    tmux.wait_for(text, timeout=STEP_TIMEOUT)


@pytest.mark.parametrize("signum", SIGNALS, ids=lambda s: signal.Signals(s).name)
def test_a_signal_right_after_typing_saves_before_the_autosave(workspace: Workspace,
                                                               signum: int) -> None:
    case = workspace.store().create(Case(title="Signal case"))
    workspace.write_settings(autosave_delay=30.0)
    with workspace.tmux() as tmux:
        pid = start_app(tmux)
        open_case(tmux, case)
        type_root_cause(tmux)
        assert section_on_disk(workspace, case.id, "root_cause") == ""
        started = time.monotonic()
        os.kill(pid, signum)
        assert tmux.wait_exit(timeout=STEP_TIMEOUT) == 128 + signum
        took = time.monotonic() - started
    assert workspace.show(case.id)["sections"]["root_cause"] == TYPED
    assert took < 10, f"exiting after {signal.Signals(signum).name} took {took:.1f} s"


@pytest.mark.parametrize("signum", SIGNALS, ids=lambda s: signal.Signals(s).name)
def test_a_signal_a_while_after_typing_keeps_the_text(workspace: Workspace,
                                                      signum: int) -> None:
    # The default autosave (1 s) has had its chance; the handler must not undo or repeat it.
    case = workspace.store().create(Case(title="Signal later case"))
    with workspace.tmux() as tmux:
        pid = start_app(tmux)
        open_case(tmux, case)
        type_root_cause(tmux)
        time.sleep(1.5)  # past the 1 s autosave debounce
        os.kill(pid, signum)
        assert tmux.wait_exit(timeout=STEP_TIMEOUT) == 128 + signum
    shown = workspace.show(case.id)
    assert shown["sections"]["root_cause"] == TYPED
    # Nothing still holds the case: a new session may edit it.
    assert workspace.store().lock_holder(case.id) is None


def test_repeated_sigkill_after_the_saved_mark_loses_nothing(workspace: Workspace) -> None:
    """Five sessions killed outright: what showed as saved is on disk, and the next session
    finds the dead one's lock stale and edits at once."""
    case = workspace.store().create(Case(title="Killed case"))
    workspace.write_settings(autosave_delay=0.2)
    lines: list[str] = []
    for round_number in range(1, 6):
        with workspace.tmux() as tmux:
            pid = start_app(tmux)
            screen = open_case(tmux, case)
            assert "Read-only" not in screen
            line = f"Line {round_number} written before kill {round_number}."
            tmux.send_text(line)
            tmux.send_keys("Enter")
            lines.insert(0, line)
            expected = "\n".join(lines) + "\n"
            wait_for_section(workspace, case.id, "root_cause", expected)
            tmux.wait_for("✓ saved", timeout=STEP_TIMEOUT)
            os.kill(pid, signal.SIGKILL)
            assert tmux.wait_exit(timeout=STEP_TIMEOUT) == -signal.SIGKILL
    assert workspace.show(case.id)["sections"]["root_cause"] == expected


def session_pid(workspace: Workspace, case_id: int) -> int:
    """The pid recorded in the case's editing lock (the remote app, over SSH)."""
    path = workspace.store_path / "locks" / f"{case_id}.session"
    return int(json.loads(path.read_text(encoding="utf-8"))["pid"])


@pytest.mark.parametrize("how", ["SIGKILL the ssh client", "kill the local tmux pane"])
def test_a_dropped_ssh_connection_saves_the_text(workspace: Workspace, tmp_path: Path,
                                                 how: str) -> None:
    case = workspace.store().create(Case(title="Dropped connection case"))
    workspace.write_settings(autosave_delay=30.0)
    with SshServer(tmp_path / "sshd", env=workspace.remote_env()) as server, \
            workspace.tmux() as local:
        local.new_session(server.ssh_argv(shlex.join(remote_app())))
        local.wait_for("^p Commands", timeout=START_TIMEOUT)
        open_case(local, case)
        type_root_cause(local)
        remote_pid = session_pid(workspace, case.id)
        assert section_on_disk(workspace, case.id, "root_cause") == ""
        if how.startswith("SIGKILL"):
            os.kill(local.pane_pid(), signal.SIGKILL)  # the pane runs ssh itself
        else:
            local.run("kill-pane", "-t", local.target)
        # sshd sees the connection close and hangs up the remote terminal: SIGHUP.
        wait_for_section(workspace, case.id, "root_cause", TYPED)
        wait_until(lambda: not process_alive(remote_pid), timeout=STEP_TIMEOUT,
                   describe="the remote app to exit")
    assert workspace.show(case.id)["sections"]["root_cause"] == TYPED
    assert workspace.store().lock_holder(case.id) is None


def test_ssh_without_a_terminal_says_use_ssh_t_and_exits(workspace: Workspace,
                                                          tmp_path: Path) -> None:
    with SshServer(tmp_path / "sshd", env=workspace.remote_env()) as server:
        started = time.monotonic()
        done = subprocess.run(server.ssh_argv(shlex.join(remote_app()), tty=False),
                              stdin=subprocess.DEVNULL, capture_output=True, text=True,
                              timeout=60)
        took = time.monotonic() - started
    assert done.returncode == 2, done.stderr
    assert "use ssh -t" in done.stderr
    assert done.stdout == ""  # no escape codes in the pipe
    assert took < 20


def test_a_pipe_instead_of_a_terminal_says_so_and_exits(workspace: Workspace) -> None:
    # stdin from /dev/null and stdout into `cat`, typed in a real terminal (stderr is one).
    script = (f"{shlex.join(APP_ARGV)} < /dev/null | cat; "
              "echo \"app exit status: ${PIPESTATUS[0]}\"")
    with workspace.tmux() as tmux:
        tmux.new_session(["bash", "-c", script])
        assert tmux.wait_exit(timeout=START_TIMEOUT) == 0
        screen = tmux.capture(join_wrapped=True, scrollback=True)
    assert "app exit status: 2" in screen
    assert "use ssh -t" in screen and "poa-tui: " in screen


@pytest.mark.parametrize("screen", ["case list", "editor"])
def test_the_app_ends_when_its_terminal_goes_away(workspace: Workspace, screen: str) -> None:
    """Closing the terminal (tmux gone, a window closed, a dropped SSH link) ends the app.

    The hang-up makes Textual's output thread die on its first failed write; the app must
    still exit rather than wait forever to restore a terminal that is gone. Whether Textual
    gets stuck depends on how much it still had to draw, so several sessions are closed.
    """
    case = workspace.store().create(Case(title="Closed terminal case"))
    workspace.write_settings(autosave_delay=30.0)
    typed = ""
    for round_number in range(1, 5):
        with workspace.tmux() as tmux:
            pid = start_app(tmux)
            if screen == "editor":
                open_case(tmux, case)
                line = f"Round {round_number}. "
                type_root_cause(tmux, line)
                typed = line + typed
        # Leaving the `with` killed the tmux server: the app's terminal is gone.
        wait_until(lambda: not process_alive(pid), timeout=STEP_TIMEOUT,
                   describe=f"the app (pid {pid}) to exit after its terminal closed "
                            f"(round {round_number})")
        assert section_on_disk(workspace, case.id, "root_cause") == typed
