"""A private OpenSSH server on 127.0.0.1 for tests of the app over SSH.

    with SshServer(tmp_path / "sshd", env={"POA_TUI_DB": str(db)}) as server:
        argv = server.ssh_argv([sys.executable, "-m", "poa_tui"])      # ssh -t -t ... root@...
        tmux.new_session(argv, width=100, height=30)

or take the `sshd` fixture (`from tests.support.sshd import sshd  # noqa: F401`).

Everything lives in the given directory: a throwaway host key and user key from `ssh-keygen`,
`authorized_keys`, the config, the pid file and the log (`server.log_text()` shows it; failures
include it). The server listens on a free port, logs in the user running the tests (root in CI:
`PermitRootLogin yes`), skips PAM and permission checks, and uses `-D -e` so it stays in the
foreground under our control.

Remote commands run through the user's login shell with a small environment. `env` values are
put there with `SetEnv` (defaults: PATH led by this interpreter's bin directory, so the project
venv's programs are found, HOME in the server directory so nothing touches the real home, and
LANG=C.UTF-8); pass absolute paths in commands anyway. `AcceptEnv` lets the client send LANG,
LC_*, COLORTERM, TERM_PROGRAM and POA_TUI_* with `ssh_argv(..., send_env=[...])`.
"""

from __future__ import annotations

import getpass
import os
import shlex
import subprocess
import sys
from pathlib import Path
from typing import Iterator, Mapping, Sequence

import pytest

from . import free_port, require_program, stop_process, wait_until

__all__ = ["SshServer", "sshd"]

_SBIN = "/usr/sbin:/usr/local/sbin:/sbin"
ACCEPTED_ENV = ("LANG", "LC_*", "COLORTERM", "TERM_PROGRAM", "POA_TUI_*")


class SshServer:
    """sshd on 127.0.0.1:`port`, serving `user` with the key at `user_key`."""

    def __init__(self, directory: Path, *, env: Mapping[str, str] | None = None) -> None:
        self.sshd = require_program("sshd", path=_SBIN)
        self.ssh = require_program("ssh")
        self.keygen = require_program("ssh-keygen")
        self.directory = Path(directory)
        self.user = getpass.getuser()
        self.port = 0
        self.host_key = self.directory / "host_ed25519"
        self.user_key = self.directory / "user_ed25519"
        self.config = self.directory / "sshd_config"
        self.log = self.directory / "sshd.log"
        self.home = self.directory / "home"
        self.env = {
            "PATH": os.pathsep.join(
                [str(Path(sys.executable).parent), "/usr/local/bin", "/usr/bin", "/bin"]
            ),
            "HOME": str(self.home),
            "LANG": "C.UTF-8",
            **(env or {}),
        }
        """Variables every remote command gets (sshd's SetEnv)."""
        self._process: subprocess.Popen | None = None

    def __enter__(self) -> SshServer:
        self.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    def start(self, timeout: float = 10.0) -> None:
        """Make keys and config, start sshd and wait until it listens (three ports tried)."""
        self.directory.mkdir(parents=True, exist_ok=True)
        self.home.mkdir(exist_ok=True)
        _ensure_privsep_dir()
        for key in (self.host_key, self.user_key):
            if not key.exists():
                subprocess.run(
                    [self.keygen, "-q", "-t", "ed25519", "-N", "", "-C", "poa-test",
                     "-f", str(key)],
                    check=True,
                    stdin=subprocess.DEVNULL,
                    capture_output=True,
                    timeout=30,
                )
        (self.directory / "authorized_keys").write_text(
            self.user_key.with_suffix(".pub").read_text()
        )
        for _attempt in range(3):
            self.port = free_port()
            self.config.write_text(self._config_text())
            if self._launch(timeout):
                return
        raise RuntimeError(f"sshd would not start; its log:\n{self.log_text()}")

    def stop(self) -> None:
        """Stop the listening sshd; sessions still open end when their client disconnects."""
        process, self._process = self._process, None
        if process is not None:
            stop_process(process)

    @property
    def pid(self) -> int | None:
        """PID of the listening sshd while it runs."""
        return self._process.pid if self._process is not None else None

    def ssh_argv(
        self,
        remote_cmd: str | Sequence[str],
        tty: bool = True,
        send_env: Sequence[str] = (),
    ) -> list[str]:
        """argv for `ssh` running `remote_cmd` on this server.

        A list is quoted for the remote shell; a string is passed as shell code. `tty=True`
        adds `-t -t` (a remote terminal even when our stdin is not one, as a TUI needs);
        False adds `-T`. `send_env` names local variables to forward (see ACCEPTED_ENV).
        """
        command = remote_cmd if isinstance(remote_cmd, str) else shlex.join(remote_cmd)
        argv = [
            self.ssh, "-F", "/dev/null", "-p", str(self.port), "-i", str(self.user_key),
            "-o", "IdentitiesOnly=yes", "-o", "StrictHostKeyChecking=no",
            "-o", "UserKnownHostsFile=/dev/null", "-o", "BatchMode=yes",
            "-o", "LogLevel=ERROR", "-o", "ConnectTimeout=10",
        ]
        for name in send_env:
            argv += ["-o", f"SendEnv={name}"]
        argv += ["-t", "-t"] if tty else ["-T"]
        return [*argv, f"{self.user}@127.0.0.1", command]

    def log_text(self) -> str:
        """What sshd has logged so far (connections, auth decisions, errors)."""
        try:
            return self.log.read_text(errors="replace")
        except FileNotFoundError:
            return ""

    def _config_text(self) -> str:
        set_env = " ".join(_quote(f"{name}={value}") for name, value in self.env.items())
        lines = [
            f"Port {self.port}",
            "ListenAddress 127.0.0.1",
            f"HostKey {_quote(str(self.host_key))}",
            f"PidFile {_quote(str(self.directory / 'sshd.pid'))}",
            f"AuthorizedKeysFile {_quote(str(self.directory / 'authorized_keys'))}",
            f"AllowUsers {self.user}",
            "StrictModes no",
            "UsePAM no",
            "PermitRootLogin yes",
            "PubkeyAuthentication yes",
            "PasswordAuthentication no",
            "KbdInteractiveAuthentication no",
            "PrintMotd no",
            "PrintLastLog no",
            "X11Forwarding no",
            "LogLevel VERBOSE",
            f"AcceptEnv {' '.join(ACCEPTED_ENV)}",
            f"SetEnv {set_env}",
        ]
        return "\n".join(lines) + "\n"

    def _launch(self, timeout: float) -> bool:
        """Start sshd on the configured port; True once it listens, False if the port was taken."""
        self.log.write_text("")
        with self.log.open("ab") as log:
            self._process = subprocess.Popen(
                [self.sshd, "-D", "-e", "-f", str(self.config)],
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=log,
                start_new_session=True,
            )
        process = self._process

        def listening_or_exited() -> bool:
            return "Server listening on" in self.log_text() or process.poll() is not None

        try:
            wait_until(
                listening_or_exited,
                timeout=timeout,
                describe=lambda: f"sshd to listen; its log:\n{self.log_text()}",
            )
        except AssertionError:
            self.stop()
            raise
        if process.poll() is None:
            return True
        self._process = None
        if "Address already in use" in self.log_text():
            return False
        raise RuntimeError(f"sshd exited with status {process.returncode}:\n{self.log_text()}")


def _quote(value: str) -> str:
    """Quote an sshd_config argument that holds spaces."""
    return f'"{value}"' if any(char.isspace() for char in value) else value


def _ensure_privsep_dir() -> None:
    """sshd running as root refuses to start without /run/sshd (made at boot by systemd)."""
    if os.geteuid() == 0:
        os.makedirs("/run/sshd", mode=0o755, exist_ok=True)


@pytest.fixture
def sshd(tmp_path: Path) -> Iterator[SshServer]:
    """A private sshd for one test, its files under `tmp_path / "sshd"`."""
    with SshServer(tmp_path / "sshd") as server:
        yield server
