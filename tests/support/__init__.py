"""Helpers for tests that drive real programs: an X server, tmux, sshd.

Each helper needs a system program. Locally a missing program skips the test with the package to
install; with `CI` set in the environment it fails instead, because CI installs them all
(`apt-get install -y tmux xclip xvfb openssh-server openssh-client xsel`).

Modules:
- `tests.support.xvfb`: `xvfb_display()` context manager and `xvfb` fixture (a private X server).
- `tests.support.tmux`: `TmuxServer` (a private tmux server on its own socket) and `tmux` fixture.
- `tests.support.sshd`: `SshServer` (a private sshd on 127.0.0.1) and `sshd` fixture.

Fixtures are used by importing them into the test module:
`from tests.support.tmux import tmux  # noqa: F401`.
Everything here polls with a deadline instead of sleeping, and stops what it started even when
the test fails.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import Callable, Mapping, TypeVar

import pytest

__all__ = [
    "REPO_ROOT",
    "child_env",
    "free_port",
    "python_argv",
    "require_program",
    "stop_process",
    "wait_until",
]

REPO_ROOT = Path(__file__).resolve().parents[2]
"""The checkout, put on PYTHONPATH for child Python processes so they import this poa_tui."""

# The Debian package that provides each program, for the skip message.
_PACKAGES = {
    "tmux": "tmux",
    "xclip": "xclip",
    "xsel": "xsel",
    "Xvfb": "xvfb",
    "sshd": "openssh-server",
    "ssh": "openssh-client",
    "ssh-keygen": "openssh-client",
}

T = TypeVar("T")


def require_program(name: str, path: str | None = None) -> str:
    """The absolute path of program `name`; skips the test if missing (fails under CI).

    `path` is searched instead of `$PATH` when given (use it for /usr/sbin programs).
    """
    found = shutil.which(name, path=path)
    if found is not None:
        return found
    package = _PACKAGES.get(name, name)
    reason = f"{name} is not installed (apt-get install -y {package})"
    if os.environ.get("CI"):
        pytest.fail(f"{reason}; CI must provide it", pytrace=False)
    pytest.skip(reason)


def wait_until(
    probe: Callable[[], T],
    *,
    timeout: float = 10.0,
    interval: float = 0.02,
    describe: Callable[[], str] | str = "condition",
) -> T:
    """Call `probe` until it returns something truthy, and return that.

    Raises AssertionError after `timeout` seconds with `describe` (a string, or a callable
    giving the latest state, such as the screen) so a failure shows what was there instead.
    """
    deadline = time.monotonic() + timeout
    while True:
        value = probe()
        if value:
            return value
        if time.monotonic() >= deadline:
            detail = describe() if callable(describe) else describe
            raise AssertionError(f"timed out after {timeout:.1f} s waiting for {detail}")
        time.sleep(interval)


def free_port() -> int:
    """A TCP port on 127.0.0.1 that was free a moment ago (callers retry if it was taken)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def child_env(
    base: Mapping[str, str] | None = None,
    *,
    drop: tuple[str, ...] = (),
    **extra: str,
) -> dict[str, str]:
    """An environment for a child Python that imports this checkout's poa_tui.

    Starts from `base` (default `os.environ`), removes `drop` and `TMUX` (so nothing talks to a
    tmux the tests happen to run in), adds `extra`, and puts the repository on PYTHONPATH.
    """
    env = dict(os.environ if base is None else base)
    for name in (*drop, "TMUX", "TMUX_PANE"):
        env.pop(name, None)
    env.update(extra)
    paths = [str(REPO_ROOT), *filter(None, env.get("PYTHONPATH", "").split(os.pathsep))]
    env["PYTHONPATH"] = os.pathsep.join(dict.fromkeys(paths))
    return env


def python_argv(script: str | Path, *args: str) -> list[str]:
    """argv running a Python file with this test run's interpreter (the project venv)."""
    return [sys.executable, str(script), *args]


def stop_process(process: subprocess.Popen, timeout: float = 5.0) -> None:
    """SIGTERM `process`, then SIGKILL if it is still there after `timeout`; always reaped."""
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
