"""copy_text against real clipboards: xclip/xsel on a private X server, tmux, and tmux over SSH."""

from __future__ import annotations

import base64
import os
import subprocess
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from poa_tui.domain.textsafety import strip_controls
from poa_tui.system.clipboard import (
    OSC52_MAX_PAYLOAD,
    OSC52_SAFE_BYTES,
    CopyResult,
    TmuxClipboard,
    copy_text,
    osc52_payload_length,
)
from tests.support import REPO_ROOT, child_env, python_argv, require_program, wait_until
from tests.support.sshd import SshServer
from tests.support.tmux import TmuxServer
from tests.support.xvfb import xvfb  # noqa: F401  (fixture)

NON_ASCII = "Root cause: größe 中文 😀 مرحبا\n\tsecond line ✓"
BIG = ("Immediate remedy, step ünïcødé 😀 中文. " * 6000)[:200_000]


class Recorder:
    """An OSC 52 writer that remembers what it was given."""

    def __init__(self) -> None:
        self.sent: list[str] = []

    def __call__(self, text: str) -> None:
        self.sent.append(text)


def terminal_only(text: str) -> CopyResult:
    """copy_text through OSC 52 alone, outside tmux."""
    return copy_text(text, osc52=Recorder(), use_host_clipboard=False, env={})


def bin_dir(tmp_path: Path, **scripts: str) -> Path:
    """A directory of executable shell scripts, for a PATH holding only them."""
    folder = tmp_path / "bin"
    folder.mkdir(exist_ok=True)
    for name, body in scripts.items():
        script = folder / name
        script.write_text(f"#!/bin/sh\nPATH=/usr/bin:/bin\n{body}\n")
        script.chmod(0o755)
    return folder


def link_programs(tmp_path: Path, *names: str) -> Path:
    """A PATH directory holding only the named real programs."""
    folder = bin_dir(tmp_path)
    for name in names:
        (folder / name).symlink_to(require_program(name))
    return folder


def read_clipboard(display: str, expected: str, tool: str = "xclip") -> str:
    """The X clipboard's contents, polled until they equal `expected` (or 10 s pass).

    The tools return before their background helper's claim on the selection reaches the X
    server, so for a few milliseconds after a copy the clipboard can still be empty.
    """
    argv = {
        "xclip": ["xclip", "-o", "-selection", "clipboard"],
        "xsel": ["xsel", "--clipboard", "--output"],
    }[tool]
    contents = ""
    env = child_env(DISPLAY=display)

    def matches() -> bool:
        nonlocal contents
        done = subprocess.run(argv, capture_output=True, timeout=10, env=env)
        contents = done.stdout.decode("utf-8", "replace")
        return done.returncode == 0 and contents == expected

    try:
        wait_until(matches, timeout=10, describe="the X clipboard to hold the text")
    except AssertionError:
        pass  # the comparison in the test shows the difference
    return contents


def child_pids() -> set[int]:
    """PIDs whose parent is this process, zombies included (Linux /proc)."""
    found = set()
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        if int(stat.rsplit(")", 1)[1].split()[1]) == os.getpid():
            found.add(int(entry.name))
    return found


# ---- without real parts --------------------------------------------------------------------


def test_controls_are_stripped_before_sending() -> None:
    writer = Recorder()
    raw = "Dear seller,\r\n\x1b[1mplease\x1b[0m reply\x07\x1b]52;c;ZXZpbA==\x07 soon"
    result = copy_text(raw, osc52=writer, use_host_clipboard=False, env={})
    assert writer.sent == ["Dear seller,\nplease reply soon"]
    assert result.text == writer.sent[0]
    assert result.chars == len(result.text)


@settings(max_examples=50, deadline=None)
@given(st.text())
def test_any_text_reaches_the_writer_stripped(text: str) -> None:
    writer = Recorder()
    result = copy_text(text, osc52=writer, use_host_clipboard=False, env={})
    assert result.text == strip_controls(text)
    assert writer.sent == ([result.text] if result.text else [])


def test_osc52_only_says_sent_never_copied() -> None:
    result = terminal_only("hello")
    assert result.message == "Sent 5 characters to your terminal's clipboard (OSC 52)."
    assert result.severity == "information"
    assert result.osc52_sent and not result.host_clipboard and result.tmux is None


def test_no_display_and_no_tool_is_prompt_and_honest(tmp_path: Path) -> None:
    env = {"PATH": str(bin_dir(tmp_path)), "HOME": str(tmp_path)}
    result = copy_text(NON_ASCII, osc52=Recorder(), env=env)
    assert result.osc52_sent and not result.host_clipboard and result.host_tool is None
    assert "this host has no clipboard" in result.message
    assert "copied" not in result.message.lower()


def test_display_without_any_tool_names_what_to_install(tmp_path: Path) -> None:
    env = {"PATH": str(bin_dir(tmp_path)), "DISPLAY": ":4321"}
    result = copy_text("text", osc52=Recorder(), env=env)
    assert not result.host_clipboard
    assert "no clipboard tool is installed (it needs xclip or xsel)" in result.message
    assert "copied" not in result.message.lower()


def test_wayland_tool_comes_first_and_gets_the_text_on_stdin(tmp_path: Path) -> None:
    record = tmp_path / "received"
    path = bin_dir(
        tmp_path,
        **{
            "wl-copy": f'cat > "{record}.wl"',
            "xclip": f'cat > "{record}.x"',
        },
    )
    env = {"PATH": str(path), "WAYLAND_DISPLAY": "wayland-0", "DISPLAY": ":0"}
    result = copy_text(NON_ASCII, osc52=None, env=env)
    assert result.host_clipboard and result.host_tool == "wl-copy"
    assert Path(f"{record}.wl").read_text(encoding="utf-8") == NON_ASCII
    assert not Path(f"{record}.x").exists()
    assert result.message == (
        f"Copied {len(NON_ASCII)} characters to this host's clipboard (wl-copy)."
    )


def test_a_failing_tool_is_reported_and_the_next_one_tried(tmp_path: Path) -> None:
    record = tmp_path / "received"
    path = bin_dir(
        tmp_path,
        xclip='echo "Error: Can\'t open display: :0" >&2; exit 1',
        xsel=f'cat > "{record}"',
    )
    result = copy_text("abc", osc52=Recorder(), env={"PATH": str(path), "DISPLAY": ":0"})
    assert result.host_tool == "xsel" and result.host_clipboard
    assert record.read_text() == "abc"

    (path / "xsel").unlink()
    # 200 KB that the tool never reads: the broken pipe is a failure to report, not to raise.
    result = copy_text(BIG, osc52=Recorder(), env={"PATH": str(path), "DISPLAY": ":0"})
    assert not result.host_clipboard
    assert result.host_error == "Error: Can't open display: :0"
    assert "did not take it (xclip: Error: Can't open display: :0)" in result.message


def test_a_hanging_tool_cannot_hang_the_copy(tmp_path: Path) -> None:
    path = bin_dir(tmp_path, xclip="exec sleep 30")
    env = {"PATH": str(path), "DISPLAY": ":0"}
    before = child_pids()
    started = time.monotonic()
    result = copy_text("abc", osc52=Recorder(), timeout=0.5, env=env)
    assert time.monotonic() - started < 2.0
    assert not result.host_clipboard and "no answer within" in (result.host_error or "")
    assert child_pids() - before == set()  # killed and reaped, not left as a zombie


def test_a_failing_writer_is_reported_not_raised(tmp_path: Path) -> None:
    def broken(text: str) -> None:
        raise OSError("terminal is gone")

    result = copy_text("abc", osc52=broken, env={"PATH": str(bin_dir(tmp_path))})
    assert not result.osc52_sent and result.osc52_error == "terminal is gone"
    assert result.severity == "warning"
    assert result.message.splitlines() == [
        "Could not send 3 characters to your terminal (terminal is gone); this host has no"
        " clipboard.",
        "Nothing reached a clipboard: view the text or export it to a file.",
    ]


def test_text_that_is_only_escape_codes_sends_nothing() -> None:
    writer = Recorder()
    result = copy_text("\x1b[0m\x1b[2J", osc52=writer, env={})
    assert writer.sent == [] and not result.osc52_sent
    assert result.message == "Nothing to copy: the text is empty."
    assert result.severity == "warning"


def test_payload_size_is_measured_in_base64() -> None:
    for text in ("", "a", "ab", "abc", NON_ASCII, BIG):
        assert osc52_payload_length(text) == len(base64.b64encode(text.encode("utf-8")))
    # The 100,000-byte sequence limit: ESC ] 5 2 ; c ; payload BEL.
    assert OSC52_MAX_PAYLOAD + len("\x1b]52;c;\a") == 100_000


def test_too_large_warns_just_past_the_limit() -> None:
    at_limit = terminal_only("a" * OSC52_SAFE_BYTES)
    assert not at_limit.too_large and at_limit.severity == "information"

    over = terminal_only("a" * (OSC52_SAFE_BYTES + 1))
    assert over.too_large and over.severity == "warning"
    first, second = over.message.splitlines()
    assert first == "Sent 74,995 characters to your terminal's clipboard (OSC 52)."
    assert "74,995 bytes, more than the 74,994" in second and "export to a file" in second

    # Multi-byte text crosses the limit with fewer characters.
    emoji = terminal_only("😀" * 20_000)
    assert emoji.too_large


def test_tmux_warnings_name_the_fix() -> None:
    base = dict(osc52_sent=True, host_clipboard=False, host_tool=None, too_large=False,
                chars=3, text="abc", host_tried=False)
    dropping = CopyResult(tmux=TmuxClipboard("external"), **base)
    assert dropping.message.splitlines() == [
        "tmux blocked the copy of 3 characters to your terminal's clipboard.",
        "Run tmux set -g set-clipboard on, or view the text (ctrl+p) and copy from there.",
    ]
    assert "`" not in dropping.message and "Sent" not in dropping.message
    unknown = CopyResult(tmux=TmuxClipboard(None), **base)
    assert "could not be read" in unknown.message and unknown.severity == "warning"
    passing = CopyResult(tmux=TmuxClipboard("on"), **base)
    assert passing.message == "Sent 3 characters to your terminal's clipboard (OSC 52)."


# ---- X clipboard on a private Xvfb ---------------------------------------------------------


@pytest.mark.slow
@pytest.mark.parametrize("text", ["plain ascii", NON_ASCII, BIG], ids=["ascii", "unicode", "200k"])
def test_xclip_round_trip(xvfb: str, text: str) -> None:  # noqa: F811
    require_program("xclip")
    result = copy_text(text, osc52=Recorder(), env=child_env(DISPLAY=xvfb))
    assert result.host_clipboard and result.host_tool == "xclip", result.message
    assert "and copied to this host's clipboard (xclip)." in result.message
    assert read_clipboard(xvfb, text) == text


@pytest.mark.slow
def test_xsel_round_trip_when_xclip_is_missing(xvfb: str, tmp_path: Path) -> None:  # noqa: F811
    path = link_programs(tmp_path, "xsel")
    result = copy_text(NON_ASCII, osc52=None, env=child_env(DISPLAY=xvfb, PATH=str(path)))
    assert result.host_clipboard and result.host_tool == "xsel", result.message
    assert read_clipboard(xvfb, NON_ASCII, "xsel") == NON_ASCII


@pytest.mark.slow
def test_an_unreachable_display_is_reported(xvfb: str, tmp_path: Path) -> None:  # noqa: F811
    path = link_programs(tmp_path, "xclip")
    missing = xvfb + "9"  # a display number next to a live one, with no server behind it
    result = copy_text("abc", osc52=Recorder(), env=child_env(DISPLAY=missing, PATH=str(path)))
    assert not result.host_clipboard and result.host_tool == "xclip"
    assert "display" in (result.host_error or "").lower()
    assert "copied" not in result.message.lower()


CHILD_COPY = """
import subprocess, sys
from poa_tui.system.clipboard import copy_text
if sys.argv[1] == "raw":
    # What a plain subprocess (or pyperclip) does: the helper inherits our stdout.
    subprocess.run(["xclip", "-selection", "clipboard"], input=b"raw", check=True)
    print("raw copy done")
else:
    print(copy_text("held open?", osc52=None).message)
"""


@pytest.mark.slow
def test_xclip_helper_does_not_hold_our_stdout(xvfb: str, tmp_path: Path) -> None:  # noqa: F811
    require_program("xclip")
    script = tmp_path / "child_copy.py"
    script.write_text(CHILD_COPY)
    env = child_env(DISPLAY=xvfb)

    # Control: xclip started the usual way keeps the pipe open after the child exits, which
    # over SSH keeps the session from closing. This proves the check below can fail.
    raw = subprocess.Popen(python_argv(script, "raw"), stdout=subprocess.PIPE, env=env)
    try:
        assert raw.wait(timeout=10) == 0
        with pytest.raises(subprocess.TimeoutExpired):
            raw.communicate(timeout=1.0)
    finally:
        raw.stdout.close()

    ours = subprocess.Popen(
        python_argv(script, "ours"), stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env
    )
    out, err = ours.communicate(timeout=10)  # returns only at EOF on both pipes
    assert ours.returncode == 0, err.decode()
    assert out.decode().strip() == (
        "Copied 10 characters to this host's clipboard (xclip)."
    )
    assert read_clipboard(xvfb, "held open?") == "held open?"


# ---- tmux, and tmux over SSH ---------------------------------------------------------------

PANE_COPY = """
import base64, sys
from poa_tui.system.clipboard import copy_text

def osc52(text):
    payload = base64.b64encode(text.encode("utf-8")).decode("ascii")
    with open("/dev/tty", "w") as tty:
        tty.write("\\x1b]52;c;" + payload + "\\a")

with open(sys.argv[1], encoding="utf-8") as source:
    text = source.read()
result = copy_text(text, osc52=osc52, use_host_clipboard=False)
print(result.message)
print("severity:", result.severity)
"""


def pane_program(tmp_path: Path, text: str) -> list[str]:
    """argv of a program that copies `text` (read byte-exact from a file), printing the result."""
    script = tmp_path / "pane_copy.py"
    script.write_text(PANE_COPY)
    source = tmp_path / "text.txt"
    source.write_text(text, encoding="utf-8")
    return python_argv(script, str(source))


def no_display_env() -> dict[str, str]:
    return child_env(drop=("DISPLAY", "WAYLAND_DISPLAY"))


@pytest.mark.slow
def test_tmux_with_set_clipboard_on_receives_the_text(tmp_path: Path) -> None:
    with TmuxServer(options={"set-clipboard": "on"}, env=no_display_env()) as tmux:
        tmux.new_session(pane_program(tmp_path, NON_ASCII), width=160, height=20)
        assert tmux.wait_exit() == 0, tmux.capture()
        assert tmux.wait_for_buffer() == NON_ASCII
        screen = tmux.capture(join_wrapped=True, scrollback=True)
        assert f"Sent {len(NON_ASCII)} characters to your terminal's clipboard (OSC 52)." in screen
        assert "severity: information" in screen and "tmux blocked" not in screen


@pytest.mark.slow
@pytest.mark.parametrize("setting", ["off", "external"])
def test_tmux_dropping_osc52_names_the_fix(tmp_path: Path, setting: str) -> None:
    with TmuxServer(options={"set-clipboard": setting}, env=no_display_env()) as tmux:
        tmux.new_session(pane_program(tmp_path, "dropped"), width=160, height=20)
        assert tmux.wait_exit() == 0, tmux.capture()
        screen = tmux.wait_for("Run tmux set -g set-clipboard on, or view the text",
                               scrollback=True)
        assert "tmux blocked the copy of" in screen
        assert "severity: warning" in screen
        assert tmux.run("list-buffers") == ""


@pytest.mark.slow
def test_osc52_crosses_ssh_into_the_local_tmux(tmp_path: Path) -> None:
    text = "sent over ssh ✓\nline two"
    program = pane_program(tmp_path, text)
    with SshServer(tmp_path / "sshd", env={"PYTHONPATH": str(REPO_ROOT)}) as server:
        with TmuxServer(options={"set-clipboard": "on"}, env=no_display_env()) as tmux:
            tmux.new_session(server.ssh_argv(program), width=160, height=20)
            assert tmux.wait_exit(timeout=20) == 0, tmux.capture()
            assert tmux.wait_for_buffer() == text
            # The remote side is not inside tmux and has no display: it says only "sent".
            screen = tmux.capture(join_wrapped=True, scrollback=True)
            assert f"Sent {len(text)} characters to your terminal's clipboard (OSC 52)." in screen
            assert "tmux blocked" not in screen
