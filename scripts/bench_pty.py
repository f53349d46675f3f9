"""Start a program in a real pseudo-terminal and time it until a given text is on screen.

Used by the benchmark for start-up time (P1) and peak memory (P6): the real `poa-tui` process
against a bare Textual app, both in the same kind of terminal (xterm-256color, 120x36).
"""

from __future__ import annotations

import fcntl
import os
import re
import select
import signal
import struct
import sys
import termios
import time
from dataclasses import dataclass
from pathlib import Path

COLUMNS, ROWS = 120, 36
BARE_MARKER = "poa-bench: bare screen drawn"
BARE_APP = f"""\
from textual.app import App
from textual.widgets import Static


class Bare(App):
    def compose(self):
        yield Static({BARE_MARKER!r})


Bare().run()
"""

# Escape sequences Textual writes: CSI (colours, cursor moves, modes), OSC, and two-byte ones.
_ESCAPES = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]"  # CSI
                      r"|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)"  # OSC
                      r"|\x1b[()][0-9A-B]|\x1b[@-_0-9=>]")  # charsets, two-byte codes


@dataclass
class Launch:
    """One start of a program in a pty."""

    seconds: float
    """From just before the fork to the marker appearing in the terminal output."""
    peak_rss_mb: float
    """The process's peak resident memory (VmHWM) once the screen had settled."""
    busy_after: float = 0.0
    """With `until_idle`: how long the process kept working after the marker was drawn."""


def child_env(home: Path, repo: Path) -> dict[str, str]:
    """The environment for a program under test: a private home, a known terminal.

    Byte code is cached under `home` (the warm-up run writes it), as an installed package
    has it: without, every start would compile the app's modules again.
    """
    dropped = ("COLORTERM", "TMUX", "PYTHONDONTWRITEBYTECODE")
    env = {key: value for key, value in os.environ.items()
           if not key.startswith(("TEXTUAL", "POA_TUI", "XDG_")) and key not in dropped}
    env.update(
        PYTHONPYCACHEPREFIX=str(home / "pycache"),
        HOME=str(home), XDG_CONFIG_HOME=str(home / "config"), XDG_DATA_HOME=str(home / "data"),
        XDG_STATE_HOME=str(home / "state"), POA_TUI_CONFIG=str(home / "config" / "settings.toml"),
        TERM="xterm-256color", LANG="C.UTF-8", LC_ALL="C.UTF-8",
        PYTHONPATH=os.pathsep.join(filter(None, [str(repo), os.environ.get("PYTHONPATH")])),
    )
    return env


def peak_rss_mb(pid: int) -> float:
    """VmHWM of a live process, in MiB (0.0 if it has gone)."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return 0.0
    match = re.search(r"^VmHWM:\s+(\d+)\s+kB", status, re.MULTILINE)
    return int(match.group(1)) / 1024 if match else 0.0


def cpu_seconds(pid: int) -> float:
    """User and system CPU time of a live process (0.0 if it has gone)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _until_idle(pid: int, fd: int, limit: float, window: float = 1.0) -> float:
    """Keep reading until the process uses under 5 % of a CPU for a whole `window`
    (its start-up work is done); returns how long that took."""
    start = time.perf_counter()
    used = cpu_seconds(pid)
    while time.perf_counter() - start < limit:
        if not _drain(fd, window):
            break
        now = cpu_seconds(pid)
        if now - used < 0.05 * window:
            break
        used = now
    return time.perf_counter() - start


def _drain(fd: int, seconds: float) -> bool:
    """Read whatever the program writes for `seconds`; False once the terminal closed."""
    end = time.perf_counter() + seconds
    while (left := end - time.perf_counter()) > 0:
        ready, _, _ = select.select([fd], [], [], left)
        if ready:
            try:
                if not os.read(fd, 65536):
                    return False
            except OSError:
                return False
    return True


def _settle(fd: int, quiet: float, limit: float) -> None:
    """Keep reading until the program has written nothing for `quiet` seconds."""
    end = time.perf_counter() + limit
    while time.perf_counter() < end:
        ready, _, _ = select.select([fd], [], [], quiet)
        if not ready:
            return
        try:
            if not os.read(fd, 65536):
                return
        except OSError:
            return


def _stop(pid: int, fd: int) -> None:
    """Ask the program to leave (SIGTERM: the app saves and exits), then make sure it did."""
    try:
        os.kill(pid, signal.SIGTERM)
    except ProcessLookupError:
        pass
    end = time.perf_counter() + 10
    while time.perf_counter() < end:
        done, _ = os.waitpid(pid, os.WNOHANG)
        if done:
            break
        if not _drain(fd, 0.05):
            os.waitpid(pid, 0)
            break
    else:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
    os.close(fd)


def launch(argv: list[str], marker: str, env: dict[str, str], cwd: Path,
           timeout: float = 60.0, settle: float = 0.3, until_idle: float = 0.0) -> Launch:
    """Run `argv` in a fresh pty and time it until `marker` is drawn, then stop it.

    With `until_idle` (seconds, at most) it first waits for the process's work after the first
    screen (background checks, say) to finish, so the memory read is the peak of it all.
    """
    start = time.perf_counter()
    pid, fd = os.forkpty()
    if pid == 0:  # the child: size the terminal, then become the program
        try:
            fcntl.ioctl(1, termios.TIOCSWINSZ,  # fd 1 is the new terminal
                        struct.pack("HHHH", ROWS, COLUMNS, 0, 0))
            os.chdir(cwd)
            os.execve(argv[0], argv, env)
        finally:
            os._exit(127)
    raw = ""
    scanned = 0
    found: float | None = None
    try:
        while found is None:
            left = start + timeout - time.perf_counter()
            if left <= 0:
                raise TimeoutError(f"{marker!r} not drawn within {timeout:.0f} s by {argv}:\n"
                                   + _ESCAPES.sub("", raw)[-2000:])
            ready, _, _ = select.select([fd], [], [], left)
            if not ready:
                continue
            try:
                chunk = os.read(fd, 65536)
            except OSError:
                chunk = b""
            if not chunk:
                raise RuntimeError(f"{argv} ended before drawing {marker!r}:\n"
                                   + _ESCAPES.sub("", raw)[-2000:])
            raw += chunk.decode("utf-8", "replace")
            # Rescan a little of what came before, for a marker split across two reads.
            if marker in _ESCAPES.sub("", raw[max(0, scanned - 512):]):
                found = time.perf_counter()
            scanned = len(raw)
        _settle(fd, settle, limit=10)
        busy = _until_idle(pid, fd, until_idle) if until_idle else 0.0
        memory = peak_rss_mb(pid)
    finally:
        _stop(pid, fd)
    return Launch(seconds=found - start, peak_rss_mb=memory, busy_after=busy)


def launch_app(store: Path, title: str, env: dict[str, str], cwd: Path,
               until_idle: float = 0.0) -> Launch:
    """The real app on `store`, done when the most recent case's `title` is drawn."""
    return launch([sys.executable, "-m", "poa_tui", "--db", str(store)], title, env, cwd,
                  until_idle=until_idle)


def launch_bare(env: dict[str, str], cwd: Path, until_idle: float = 0.0) -> Launch:
    """The baseline: a bare Textual app drawing one static screen."""
    return launch([sys.executable, "-c", BARE_APP], BARE_MARKER, env, cwd, until_idle=until_idle)
