"""The real-parts helpers in tests/support work, fail loudly, and clean up after themselves."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.support import child_env, require_program, wait_until
from tests.support.sshd import SshServer, sshd  # noqa: F401  (fixture)
from tests.support.tmux import TmuxError, TmuxServer, tmux  # noqa: F401  (fixture)
from tests.support.xvfb import xvfb_display

pytestmark = pytest.mark.slow


def alive(pid: int) -> bool:
    """True while `pid` exists and is not a zombie."""
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0] != "Z"
    except FileNotFoundError:
        return False


# ---- shared helpers ------------------------------------------------------------------------


def test_missing_program_skips_locally_and_fails_under_ci(monkeypatch) -> None:
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception, match="apt-get install -y openssh-server"):
        require_program("sshd", path="/nonexistent")
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="CI must provide it"):
        require_program("sshd", path="/nonexistent")
    assert require_program("sh").endswith("/sh")


def test_wait_until_returns_the_value_or_says_what_it_saw() -> None:
    calls = iter([0, "", "ready"])
    assert wait_until(lambda: next(calls), timeout=5, interval=0) == "ready"
    started = time.monotonic()
    with pytest.raises(AssertionError, match="waiting for the door; it was shut"):
        wait_until(lambda: False, timeout=0.2, describe=lambda: "the door; it was shut")
    assert time.monotonic() - started < 1.0


def test_child_env_imports_this_checkout_and_drops_tmux() -> None:
    env = child_env({"TMUX": "/tmp/x,1,0", "DISPLAY": ":5", "PATH": "/usr/bin"}, drop=("DISPLAY",))
    assert "TMUX" not in env and "DISPLAY" not in env
    done = subprocess.run(
        [sys.executable, "-c", "import poa_tui.domain.textsafety as t; print(t.__file__)"],
        capture_output=True, text=True, env=env, cwd="/", check=True, timeout=30,
    )
    assert done.stdout.startswith(str(Path(__file__).resolve().parents[1]))


# ---- Xvfb ----------------------------------------------------------------------------------


def test_xvfb_serves_an_xclip_round_trip_and_goes_away() -> None:
    require_program("xclip")
    with xvfb_display() as display:
        env = child_env(DISPLAY=display)
        subprocess.run(
            ["xclip", "-selection", "clipboard"], input="über ✓".encode(), env=env,
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True, timeout=10,
        )

        def pasted() -> str:
            done = subprocess.run(["xclip", "-o", "-selection", "clipboard"],
                                  capture_output=True, env=env, timeout=10)
            return done.stdout.decode()

        assert wait_until(pasted, timeout=10) == "über ✓"
        socket = Path(f"/tmp/.X11-unix/X{display.lstrip(':')}")
        assert socket.exists()
    assert not socket.exists()
    done = subprocess.run(["xclip", "-o", "-selection", "clipboard"], capture_output=True,
                          env=env, timeout=10)
    assert done.returncode != 0 and b"display" in done.stderr.lower()


def test_two_xvfb_servers_get_different_displays() -> None:
    with xvfb_display() as first, xvfb_display() as second:
        assert first != second


# ---- tmux ----------------------------------------------------------------------------------


def test_tmux_runs_cat_and_echoes_keys(tmux: TmuxServer) -> None:  # noqa: F811
    # Under sh, so the status is cat's own: see TmuxServer.wait_exit.
    tmux.new_session(["sh", "-c", "cat; echo cat ended with $?"], width=60, height=10)
    tmux.send_text("héllo wörld")
    tmux.send_keys("Enter")
    screen = tmux.wait_for("héllo wörld\nhéllo wörld")  # typed line, then cat's echo
    assert screen.splitlines()[:2] == ["héllo wörld", "héllo wörld"]
    assert alive(tmux.pane_pid())
    tmux.send_keys("C-d")
    assert tmux.wait_exit() == 0
    assert "cat ended with 0" in tmux.capture(scrollback=True)


def test_tmux_sizes_env_options_and_exit_status(tmp_path: Path) -> None:
    script = tmp_path / "report.sh"
    script.write_text('echo "size=$(tput cols)x$(tput lines) marker=$MARKER tmux=${TMUX:+yes}"\n'
                      "exit 3\n")
    with TmuxServer(options={"set-clipboard": "on"}) as server:
        server.new_session(["sh", str(script)], width=123, height=17, env={"MARKER": "m1"})
        assert server.show_option("set-clipboard") == "on"
        assert server.wait_exit() == 3
        assert "size=123x17 marker=m1 tmux=yes" in server.capture(scrollback=True)
        server.set_option("set-clipboard", "off")
        assert server.show_option("set-clipboard") == "off"


def test_tmux_takes_trailing_semicolons_literally(tmux: TmuxServer) -> None:  # noqa: F811
    # tmux ends a command at an argument's trailing ";" unless it is escaped.
    tmux.new_session(["sh", "-c", 'echo "env=$X"; cat'], env={"X": "a;"})
    for text in ("one;", ";", "two\\;"):
        tmux.send_text(text)
    tmux.send_keys("Enter")
    assert "env=a;\none;;two\\;\n" in tmux.wait_for("two")


def test_tmux_wait_for_shows_the_screen_on_timeout(tmux: TmuxServer) -> None:  # noqa: F811
    tmux.new_session(["cat"])
    tmux.send_text("what is there")
    with pytest.raises(AssertionError, match="(?s)never shown.*what is there"):
        tmux.wait_for("never shown", timeout=0.3)


def test_tmux_buffers_and_kill(tmux: TmuxServer) -> None:  # noqa: F811
    tmux.new_session(["cat"])
    with pytest.raises(TmuxError):
        tmux.show_buffer()
    tmux.run("set-buffer", "--", "a\nb ✓")
    assert tmux.show_buffer() == "a\nb ✓"
    assert tmux.wait_for_buffer() == "a\nb ✓"
    pid = tmux.pane_pid()
    tmux.kill()
    wait_until(lambda: not alive(pid), timeout=5, describe="the pane's program to end")
    with pytest.raises(TmuxError):
        tmux.run("list-sessions")
    tmux.kill()  # twice is fine


def test_tmux_server_stops_even_when_the_test_fails() -> None:
    with pytest.raises(RuntimeError):
        with TmuxServer() as server:
            server.new_session(["cat"])
            pid = server.pane_pid()
            raise RuntimeError("test body failed")
    wait_until(lambda: not alive(pid), timeout=5, describe="the pane's program to end")


# ---- sshd ----------------------------------------------------------------------------------


def test_sshd_runs_echo_over_ssh(sshd: SshServer) -> None:  # noqa: F811
    done = subprocess.run(sshd.ssh_argv(["echo", "hello there"], tty=False),
                          capture_output=True, text=True, timeout=30)
    assert (done.returncode, done.stdout) == (0, "hello there\n"), done.stderr + sshd.log_text()
    assert "Accepted publickey" in sshd.log_text()


def test_sshd_gives_a_tty_the_venv_and_a_private_home(sshd: SshServer) -> None:  # noqa: F811
    remote = 'tty; echo "home=$HOME"; command -v python; echo "colour=$COLORTERM"'
    done = subprocess.run(sshd.ssh_argv(remote, tty=True, send_env=["COLORTERM"]),
                          stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=30,
                          env={**os.environ, "COLORTERM": "truecolor"})
    lines = done.stdout.replace("\r\n", "\n").splitlines()
    assert done.returncode == 0, done.stderr
    assert lines[0].startswith("/dev/pts/")
    assert lines[1] == f"home={sshd.home}"
    assert lines[2] == str(Path(sys.executable).parent / "python")
    assert lines[3] == "colour=truecolor"


def test_sshd_inside_tmux_and_its_exit_status(tmp_path: Path) -> None:
    with SshServer(tmp_path / "sshd", env={"MARKER": "from sshd"}) as server:
        with TmuxServer() as tmux_server:
            tmux_server.new_session(server.ssh_argv('echo "$MARKER on $(tty)"; exit 7'))
            assert tmux_server.wait_exit(timeout=20) == 7
            assert "from sshd on /dev/pts/" in tmux_server.capture(scrollback=True)


def test_sshd_stop_refuses_new_connections(tmp_path: Path) -> None:
    server = SshServer(tmp_path / "sshd")
    server.start()
    pid = server.pid
    assert pid is not None and alive(pid)
    server.stop()
    assert not alive(pid)
    done = subprocess.run(server.ssh_argv("true", tty=False), capture_output=True, timeout=30)
    assert done.returncode == 255
