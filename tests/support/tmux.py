"""A private tmux server for driving terminal programs in tests.

    with TmuxServer(options={"set-clipboard": "on"}) as tmux:
        tmux.new_session([sys.executable, "-m", "poa_tui"], width=100, height=30,
                         env={"POA_TUI_DB": str(tmp_path / "db")})
        tmux.wait_for("Cases")              # poll the screen until the text shows
        tmux.send_keys("F7")                # key names as tmux knows them: Enter, C-c, F7
        tmux.send_text("literal text")      # typed as is
        assert tmux.wait_for_buffer() == expected   # what OSC 52 put in tmux's paste buffer

or take the `tmux` fixture (`from tests.support.tmux import tmux  # noqa: F401`).

Each server has its own socket (`-L poa-test-<pid>-<random>`) and reads no config
(`-f /dev/null`), so the user's tmux and ~/.tmux.conf never interfere; `kill()` (also run on
leaving the `with` block or the fixture) stops the server and everything running in it.
`options` are set globally before the first program starts, so a program that prints at once
already sees them. Panes stay open after their program exits (`remain-on-exit on`), so the
last screen can still be read and `wait_exit()` returns the exit status.
"""

from __future__ import annotations

import os
import re
import shlex
import signal as signal_module
import subprocess
import uuid
from typing import Iterator, Mapping, Sequence

import pytest

from . import require_program, wait_until

__all__ = ["TmuxError", "TmuxServer", "tmux"]

_EXIT_FORMAT = "#{pane_dead}|#{pane_dead_status}|#{pane_dead_signal}|#{pid}"


class TmuxError(RuntimeError):
    """A tmux command failed; the message holds its arguments and stderr."""


class TmuxServer:
    """One tmux server on a private socket, with one session named `target`."""

    def __init__(
        self,
        *,
        options: Mapping[str, str] | None = None,
        env: Mapping[str, str] | None = None,
        target: str = "test",
    ) -> None:
        self.program = require_program("tmux")
        self.socket_name = f"poa-test-{os.getpid()}-{uuid.uuid4().hex[:8]}"
        """Name for `tmux -L`; the socket lives in tmux's per-user directory under /tmp."""
        self.target = target
        """The session (and pane) the other methods address."""
        self.options = {"remain-on-exit": "on", **(options or {})}
        """Global options set before the first program starts."""
        base = dict(os.environ if env is None else env)
        for name in ("TMUX", "TMUX_PANE"):
            base.pop(name, None)
        self.env = base
        """Environment of the server, and so the base environment of every pane."""

    def __enter__(self) -> TmuxServer:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.kill()

    def run(self, *args: str, check: bool = True, timeout: float = 10.0) -> str:
        """Run one tmux command against this server and return its stdout.

        Arguments arrive as given: tmux reads a trailing ";" as the end of a command, so one
        is escaped here (`send_text("a;")` types "a;").
        """
        return self._run_commands([list(args)], check=check, timeout=timeout)

    def _run_commands(
        self, commands: list[list[str]], *, check: bool = True, timeout: float = 10.0
    ) -> str:
        """Run several tmux commands in one client call (so nothing happens in between)."""
        args: list[str] = []
        for command in commands:
            if args:
                args.append(";")
            args += [_literal(arg) for arg in command]
        argv = [self.program, "-L", self.socket_name, "-f", "/dev/null", *args]
        done = subprocess.run(
            argv,
            stdin=subprocess.DEVNULL,
            capture_output=True,
            env=self.env,
            timeout=timeout,
        )
        if check and done.returncode != 0:
            error = done.stderr.decode("utf-8", "replace").strip()
            raise TmuxError(f"{shlex.join(args)} failed ({done.returncode}): {error}")
        return done.stdout.decode("utf-8", "replace")

    def new_session(
        self,
        cmd: Sequence[str],
        width: int = 80,
        height: int = 24,
        env: Mapping[str, str] | None = None,
        cwd: str | os.PathLike[str] | None = None,
    ) -> None:
        """Start `cmd` (argv, run without a shell) in a detached session of width x height.

        `env` adds variables to the pane's environment; to remove one, leave it out of the
        server's `env` instead. The pane gets `TMUX` pointing at this server, as in real use.
        """
        if not cmd:
            raise ValueError("new_session needs a command")
        settings = [["set-option", "-g", name, value] for name, value in self.options.items()]
        session = ["new-session", "-d", "-s", self.target, "-x", str(width), "-y", str(height)]
        for name, value in (env or {}).items():
            session += ["-e", f"{name}={value}"]
        if cwd is not None:
            session += ["-c", os.fspath(cwd)]
        # tmux runs a one-word command through `sh -c`; quoting keeps it a single argv entry.
        command = [shlex.quote(cmd[0])] if len(cmd) == 1 else list(cmd)
        self._run_commands([*settings, [*session, "--", *command]])

    def send_keys(self, *keys: str) -> None:
        """Press keys by tmux name ("Enter", "Escape", "C-c", "F7", "Up") or plain characters."""
        self.run("send-keys", "-t", self.target, *keys)

    def send_text(self, text: str) -> None:
        """Type `text` literally (no key-name lookup)."""
        self.run("send-keys", "-t", self.target, "-l", "--", text)

    def capture(
        self, *, join_wrapped: bool = False, escapes: bool = False, scrollback: bool = False
    ) -> str:
        """The visible screen as text, one line per row (trailing blanks trimmed by tmux).

        `join_wrapped` joins rows that a long line wrapped onto; `escapes` keeps colours;
        `scrollback` starts at the oldest line scrolled off the top instead of the top row.
        """
        flags = ["-p", "-t", self.target]
        if join_wrapped:
            flags.append("-J")
        if escapes:
            flags.append("-e")
        if scrollback:
            flags += ["-S", "-"]
        return self.run("capture-pane", *flags)

    def wait_for(
        self, text: str | re.Pattern[str], timeout: float = 10.0, *, scrollback: bool = False
    ) -> str:
        """Poll the screen until `text` (a string or compiled regex) shows; return the screen.

        Wrapped rows are joined first, so a sentence longer than the pane still matches. On
        timeout raises AssertionError with the last screen.
        """
        screen = ""

        def probe() -> bool:
            nonlocal screen
            screen = self.capture(join_wrapped=True, scrollback=scrollback)
            if isinstance(text, re.Pattern):
                return text.search(screen) is not None
            return text in screen

        wait_until(
            probe,
            timeout=timeout,
            describe=lambda: f"{text!r} on the tmux screen; last screen:\n{screen}",
        )
        return screen

    def show_buffer(self) -> str:
        """The newest paste buffer exactly as stored (raises TmuxError when there is none)."""
        return self.run("save-buffer", "-")

    def wait_for_buffer(self, timeout: float = 10.0) -> str:
        """Poll until a paste buffer exists (OSC 52 arrives asynchronously) and return it."""
        wait_until(
            lambda: self.run("list-buffers", "-F", "#{buffer_name}").strip(),
            timeout=timeout,
            describe=lambda: f"a tmux paste buffer; last screen:\n{self.capture()}",
        )
        return self.show_buffer()

    def set_option(self, name: str, value: str, *, global_: bool = True) -> None:
        """`set-option [-g] name value` (server-wide by default, like in ~/.tmux.conf)."""
        scope = ["-g"] if global_ else ["-t", self.target]
        self.run("set-option", *scope, name, value)

    def show_option(self, name: str) -> str:
        """The global value of option `name`."""
        return self.run("show-options", "-gv", name).strip()

    def pane_pid(self) -> int:
        """PID of the program running in the pane."""
        return int(self._format("#{pane_pid}"))

    def wait_exit(self, timeout: float = 10.0) -> int:
        """Wait for the pane's program to exit; its exit status, or -N if signal N killed it.

        tmux then writes a "Pane is dead" line at the bottom, which can scroll the first row
        off the screen: read the program's last output with `capture(scrollback=True)`.
        A program that closes its terminal before exiting (GNU cat does) can be hung up by
        tmux in between and report -1 (SIGHUP); start it as `["sh", "-c", "cat"]` if the
        status matters, so the shell keeps the terminal open until the program is gone.
        """
        # tmux marks the pane dead when the terminal closes, a moment before it reaps the
        # program, so wait for the exit status (or signal) too. A program that exits at once
        # can do so while libutempter's SIGCHLD handler is briefly installed in the server,
        # which then never reaps it (tmux/tmux#311): nudge our own server with a SIGCHLD.
        def ended() -> list[str]:
            dead, status, signal, server = self._format(_EXIT_FORMAT).split("|")
            if dead == "1" and not (status or signal):
                os.kill(int(server), signal_module.SIGCHLD)
            return [status, signal] if dead == "1" and (status or signal) else []

        status, signal = wait_until(
            ended,
            timeout=timeout,
            describe=lambda: f"the pane's program to exit; last screen:\n{self.capture()}",
        )
        return int(status) if status else -int(signal)

    def kill(self) -> None:
        """Stop the server and every program in it; safe to call twice."""
        self.run("kill-server", check=False)

    def _format(self, fmt: str) -> str:
        return self.run("display-message", "-p", "-t", self.target, fmt).strip()


def _literal(arg: str) -> str:
    """Escape a trailing ";" so tmux keeps it instead of ending the command there."""
    return arg[:-1] + "\\;" if arg.endswith(";") else arg


@pytest.fixture
def tmux() -> Iterator[TmuxServer]:
    """A private tmux server for one test (no options beyond `remain-on-exit on`)."""
    with TmuxServer() as server:
        yield server
