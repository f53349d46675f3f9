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
from typing import Any

import bench_switches

FIXES_OFF: tuple[str, ...] = ()
"""The app's fixes to Textual switched off in the programs started here (`bench.py --off`)."""
COLUMNS, ROWS = 120, 36
SCREEN_GAP = 0.05
"""A pause in the output this long after the marker ends the first screen (a frame's bytes
come in 4 KB reads microseconds apart)."""
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
    """From just before the fork to the whole first screen written: the last read before the
    output paused for `SCREEN_GAP`, once the marker had appeared."""
    peak_rss_mb: float
    """The process's peak resident memory (VmHWM) once the screen had settled."""
    marker: float = 0.0
    """From just before the fork to the read that completed the marker (the old end point)."""
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


def _written_until_quiet(fd: int, gap: float, limit: float) -> float | None:
    """Read until the program pauses for `gap` seconds; returns the time of the last read."""
    last = None
    end = time.perf_counter() + limit
    while time.perf_counter() < end:
        ready, _, _ = select.select([fd], [], [], gap)
        if not ready:
            break
        try:
            if not os.read(fd, 65536):
                break
        except OSError:
            break
        last = time.perf_counter()
    return last


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


def _stop(pid: int, fd: int, reader: Any = None) -> None:
    """Ask the program to leave (SIGTERM: the app saves and exits), then make sure it did.
    With `reader` (a thread draining the terminal), wait for it instead of draining here."""
    try:
        os.kill(pid, signal.SIGTERM)
    except ProcessLookupError:
        pass
    end = time.perf_counter() + 10
    while time.perf_counter() < end:
        done, _ = os.waitpid(pid, os.WNOHANG)
        if done:
            break
        if reader is not None:
            time.sleep(0.02)
        elif not _drain(fd, 0.05):
            os.waitpid(pid, 0)
            break
    else:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
    if reader is not None:
        reader.join(timeout=2)  # the closed terminal ends it
    os.close(fd)


def _spawn(argv: list[str], env: dict[str, str], cwd: Path) -> tuple[int, int]:
    """Start `argv` in a fresh pty of `COLUMNS` x `ROWS`; returns (pid, the terminal's fd)."""
    pid, fd = os.forkpty()
    if pid == 0:  # the child: size the terminal, then become the program
        try:
            fcntl.ioctl(1, termios.TIOCSWINSZ,  # fd 1 is the new terminal
                        struct.pack("HHHH", ROWS, COLUMNS, 0, 0))
            os.chdir(cwd)
            os.execve(argv[0], argv, env)
        finally:
            os._exit(127)
    return pid, fd


def launch(argv: list[str], marker: str, env: dict[str, str], cwd: Path,
           timeout: float = 60.0, settle: float = 0.3, until_idle: float = 0.0) -> Launch:
    """Run `argv` in a fresh pty and time it until `marker` is drawn, then stop it.

    With `until_idle` (seconds, at most) it first waits for the process's work after the first
    screen (background checks, say) to finish, so the memory read is the peak of it all.
    """
    start = time.perf_counter()
    pid, fd = _spawn(argv, env, cwd)
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
        drawn = _written_until_quiet(fd, SCREEN_GAP, limit=10) or found
        _settle(fd, settle, limit=10)
        busy = _until_idle(pid, fd, until_idle) if until_idle else 0.0
        memory = peak_rss_mb(pid)
    finally:
        _stop(pid, fd)
    return Launch(seconds=drawn - start, peak_rss_mb=memory, busy_after=busy,
                  marker=found - start)


def launch_app(store: Path, title: str, env: dict[str, str], cwd: Path,
               until_idle: float = 0.0) -> Launch:
    """The real app on `store`, done when the most recent case's `title` is drawn."""
    return launch(bench_switches.app_argv(FIXES_OFF, "--db", str(store)), title, env, cwd,
                  until_idle=until_idle)


def launch_bare(env: dict[str, str], cwd: Path, until_idle: float = 0.0) -> Launch:
    """The baseline: a bare Textual app drawing one static screen."""
    return launch([sys.executable, "-c", BARE_APP], BARE_MARKER, env, cwd, until_idle=until_idle)


# -- a program kept running: keys in, stamped output out (P1's end, P3, P13, P14) -------------

KEYS = {"enter": b"\r", "escape": b"\x1b", "f4": b"\x1bOS", "f5": b"\x1b[15~",
        "pagedown": b"\x1b[6~", "end": b"\x1b[F"}
"""What an xterm sends for the keys the benchmark presses."""
FRAME_GAP = 0.005
"""Output pauses shorter than this are inside one screen update (a frame comes in 4 KB reads)."""


class Session:
    """A program in a fresh pty, its output read by a thread and time-stamped as it comes.

    Keys are written to the terminal as a user's terminal would send them, so they go through
    the program's real input parser; the clock stops on bytes the terminal received.
    """

    def __init__(self, argv: list[str], env: dict[str, str], cwd: Path) -> None:
        import threading

        self.started = time.perf_counter()
        pid, fd = _spawn(argv, env, cwd)
        self.pid, self.fd, self.argv = pid, fd, argv
        self.raw = ""
        self.stamps: list[tuple[float, int]] = []
        """(time, length of `raw` after it) for each read."""
        self.closed = False
        self._lock = threading.Lock()
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        while True:
            try:
                chunk = os.read(self.fd, 65536)
            except OSError:
                chunk = b""
            now = time.perf_counter()
            if not chunk:
                self.closed = True
                return
            with self._lock:
                self.raw += chunk.decode("utf-8", "replace")
                self.stamps.append((now, len(self.raw)))

    def press(self, key: str) -> float:
        """Write one key's bytes; returns when."""
        data = KEYS.get(key) or key.encode()
        now = time.perf_counter()
        os.write(self.fd, data)
        return now

    def text_since(self, offset: int) -> str:
        with self._lock:
            return _ESCAPES.sub("", self.raw[max(0, offset - 512):])

    @property
    def offset(self) -> int:
        with self._lock:
            return len(self.raw)

    def wait_for(self, marker: str, offset: int = 0, timeout: float = 60.0) -> float:
        """Wait until `marker` is drawn after `offset`; returns the time of the read holding it."""
        end = time.perf_counter() + timeout
        while time.perf_counter() < end:
            with self._lock:
                stamps = list(self.stamps)
            if marker in self.text_since(offset):
                for stamp, length in stamps:  # the first read after which the marker is there
                    if length > offset and marker in _ESCAPES.sub(
                            "", self.raw[max(0, offset - 512):length]):
                        return stamp
            if self.closed:
                break
            time.sleep(0.005)
        raise TimeoutError(f"{marker!r} not drawn by {self.argv}:\n"
                           + self.text_since(offset)[-2000:])

    def quiet(self, since: float, gap: float, limit: float = 10.0) -> float | None:
        """Wait for the first pause of `gap` seconds in the output after `since`'s first
        output; returns the time of the last read before it (None: nothing was written)."""
        end = time.perf_counter() + limit
        while time.perf_counter() < end:
            time.sleep(min(gap, 0.005))
            with self._lock:
                after = [stamp for stamp, _ in self.stamps if stamp > since]
            now = time.perf_counter()
            if not after:
                continue
            for before, later in zip(after, after[1:]):
                if later - before >= gap:
                    return before
            if now - after[-1] >= gap:
                return after[-1]
        return None

    def settle(self, gap: float = 0.3, limit: float = 30.0) -> None:
        """Wait until the program has written nothing for `gap` seconds."""
        end = time.perf_counter() + limit
        while time.perf_counter() < end:
            with self._lock:
                last = self.stamps[-1][0] if self.stamps else self.started
            if time.perf_counter() - last >= gap:
                return
            time.sleep(gap / 4)

    def cpu(self) -> float:
        return cpu_seconds(self.pid)

    def idle(self, window: float = 0.3, limit: float = 60.0) -> None:
        """Wait until the program uses under 5 % of a CPU over a whole `window` (its work
        after the last key is done)."""
        end = time.perf_counter() + limit
        used = self.cpu()
        while time.perf_counter() < end:
            time.sleep(window)
            now = self.cpu()
            if now - used < 0.05 * window:
                return
            used = now
        raise TimeoutError(f"{self.argv} still busy after {limit:.0f} s")

    def close(self) -> None:
        _stop(self.pid, self.fd, self._reader)


def app_session(store: Path, env: dict[str, str], cwd: Path) -> Session:
    return Session(bench_switches.app_argv(FIXES_OFF, "--db", str(store)), env, cwd)


def bare_session_file(source: str, argument: Path, env: dict[str, str], cwd: Path) -> Session:
    """A baseline program (`source`) given one file to read."""
    return Session([sys.executable, "-c", source, str(argument)], env, cwd)
