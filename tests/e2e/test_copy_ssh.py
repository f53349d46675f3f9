"""Issue 4 over real SSH: F7 on the server puts the POA on the clipboard of the machine in front.

The "local machine" is a tmux server with `set-clipboard on` (what the person's terminal does
with OSC 52 is what tmux does: it keeps the text as a paste buffer). In its pane `ssh -t` logs
in to a private sshd on 127.0.0.1 and runs `poa-tui`, either directly or, as many people do,
inside a tmux on the server whose client is that SSH session. The OUTER buffer is what counts.
"""

from __future__ import annotations

import shlex
import subprocess
from pathlib import Path

import pytest

from poa_tui.domain.models import Case, Sections
from poa_tui.storage.demo import seed_demo
from tests.support import require_program
from tests.support.sshd import SshServer

from .conftest import (
    START_TIMEOUT,
    STEP_TIMEOUT,
    Workspace,
    filler_sections,
    open_case,
    remote_app,
    wait_for_toast,
)

pytestmark = pytest.mark.slow


class RemoteTmux:
    """A tmux on the "server" side, on its own socket, killed when the test ends."""

    def __init__(self, folder: Path) -> None:
        self.program = require_program("tmux")
        self.socket = folder / "inner.sock"
        self.config = folder / "inner.conf"
        # What people put in the server's ~/.tmux.conf so copies reach their own machine.
        self.config.write_text("set -g set-clipboard on\n", encoding="utf-8")

    def wrap(self, argv: list[str]) -> str:
        """Shell code that runs `argv` inside this tmux, attached to the SSH terminal."""
        return shlex.join([self.program, "-S", str(self.socket), "-f", str(self.config),
                           "new-session", "-s", "remote", "--", *argv])

    def buffer(self) -> str:
        done = subprocess.run([self.program, "-S", str(self.socket), "save-buffer", "-"],
                              capture_output=True, text=True, timeout=10)
        return done.stdout if done.returncode == 0 else ""

    def kill(self) -> None:
        subprocess.run([self.program, "-S", str(self.socket), "kill-server"],
                       capture_output=True, timeout=10)


def make_case(workspace: Workspace, size: str) -> Case:
    if size == "demo":
        return seed_demo(workspace.store())
    total = int(size.rstrip("k")) * 1000
    return workspace.store().create(Case(title=f"Plan of {size}",
                                         sections=Sections(**filler_sections(total))))


@pytest.mark.parametrize("size", ["demo", "70k", "700k"])
@pytest.mark.parametrize("route", ["ssh -t", "ssh -t + tmux on the server"])
def test_f7_over_ssh_reaches_the_local_tmux_buffer(workspace: Workspace, tmp_path: Path,
                                                   route: str, size: str) -> None:
    case = make_case(workspace, size)
    expected = workspace.export(case.id)
    inner = RemoteTmux(tmp_path) if "tmux" in route else None
    command = inner.wrap(remote_app()) if inner else shlex.join(remote_app())
    try:
        with SshServer(tmp_path / "sshd", env=workspace.remote_env()) as server, \
                workspace.tmux({"set-clipboard": "on"}) as local:
            local.new_session(server.ssh_argv(command), width=80, height=24)
            try:
                local.wait_for("^p Commands", timeout=START_TIMEOUT)
            except AssertionError as error:
                raise AssertionError(f"{error}\nsshd log:\n{server.log_text()}") from None
            open_case(local, case)
            local.send_keys("F7")
            said = wait_for_toast(local, "Copy: Whole POA", timeout=60)
            assert local.wait_for_buffer(timeout=STEP_TIMEOUT) == expected
            assert "dropping" not in said
            if inner is not None:
                # The server's tmux kept a copy too, on its way through.
                assert inner.buffer() == expected
            if len(expected.encode()) > 74_994:
                assert "export to a file" in said
    finally:
        if inner is not None:
            inner.kill()
