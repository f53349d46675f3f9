"""`poa-tui --demo` in a real terminal: it shows the sample case and removes its store on exit."""

from __future__ import annotations

import fcntl
import os
import select
import signal
import struct
import subprocess
import sys
import termios
import time
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow


class Terminal:
    """A program on its own pseudo-terminal, 80x24, its screen output collected as bytes."""

    def __init__(self, command: list[str], env: dict[str, str], stderr: int | None = None) -> None:
        self.master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
        self.process = subprocess.Popen(command, stdin=slave, stdout=slave,
                                        stderr=slave if stderr is None else stderr,
                                        env={**env, "TERM": "xterm-256color"},
                                        start_new_session=True)
        os.close(slave)
        self.output = b""

    def read(self, seconds: float) -> None:
        deadline = time.monotonic() + seconds
        while (left := deadline - time.monotonic()) > 0:
            ready, _, _ = select.select([self.master], [], [], left)
            if not ready:
                return
            try:
                chunk = os.read(self.master, 65536)
            except OSError:  # the program has gone and closed its side
                return
            if not chunk:
                return
            self.output += chunk

    def wait_for(self, text: bytes, seconds: float = 30) -> None:
        deadline = time.monotonic() + seconds
        while text not in self.output and time.monotonic() < deadline:
            self.read(0.2)
        assert text in self.output, f"{text!r} never appeared; last output: {self.output[-400:]!r}"

    def send(self, keys: bytes) -> None:
        os.write(self.master, keys)

    def wait_exit(self, seconds: float = 30) -> int:
        deadline = time.monotonic() + seconds
        while self.process.poll() is None and time.monotonic() < deadline:
            self.read(0.2)
        return self.process.wait(timeout=1)

    def close(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()
        os.close(self.master)


@pytest.fixture
def demo(tmp_path: Path, cli_env):
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    terminal = Terminal([sys.executable, "-m", "poa_tui", "--demo"],
                        cli_env(TMPDIR=str(scratch)))
    yield terminal, scratch
    terminal.close()


def test_demo_shows_the_sample_case_and_cleans_up_on_quit(demo) -> None:
    terminal, scratch = demo
    terminal.wait_for(b"Marlow Kitchen")
    (store,) = scratch.iterdir()
    assert (store / "cases" / "1.json").exists()
    terminal.send(b"\x11")  # ctrl+q
    assert terminal.wait_exit() == 0
    assert list(scratch.iterdir()) == []


def test_demo_store_is_removed_when_the_connection_drops(demo) -> None:
    terminal, scratch = demo
    terminal.wait_for(b"Marlow Kitchen")
    terminal.process.send_signal(signal.SIGHUP)
    assert terminal.wait_exit() == 128 + signal.SIGHUP
    assert list(scratch.iterdir()) == []


def test_with_errors_sent_to_a_file_the_app_refuses_to_draw_there(tmp_path: Path, cli_env) -> None:
    # Textual draws on stderr: `poa-tui 2>log` would put the whole screen in the log.
    log = tmp_path / "log"
    with open(log, "wb") as handle:
        terminal = Terminal([sys.executable, "-m", "poa_tui", "--db", str(tmp_path / "store")],
                            cli_env(), stderr=handle.fileno())
        try:
            assert terminal.wait_exit() == 2
        finally:
            terminal.close()
    message = log.read_text(encoding="utf-8")
    assert message.startswith("poa-tui: the app needs a terminal") and message.count("\n") == 1
