"""Put text on the clipboard of the person at the keyboard, and say honestly what happened.

Two routes, tried together:
- OSC 52: an escape sequence asking the terminal emulator (on the user's own machine, even over
  SSH) to set its clipboard. The app passes its writer in (`App.copy_to_clipboard`), so this
  module needs no Textual. Terminals never acknowledge it, so the message says "sent", never
  "copied". tmux swallows it unless its `set-clipboard` option is `on` (the default, `external`,
  ignores requests from programs), so inside tmux the option is read and a fix is named.
- The host's own clipboard: wl-copy, xclip, xsel or pbcopy when a display (or macOS) makes one
  plausible, else pyperclip. The tools fork a helper that owns the selection; it would inherit
  the terminal as stdout/stderr and keep an SSH session open after the app quits, so they run
  here with their output sent to /dev/null (stderr to an anonymous file) in a new session.

`copy_text` never raises and returns within about its `timeout`.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from typing import Callable, Mapping

from poa_tui.domain.textsafety import strip_controls

__all__ = [
    "OSC52_MAX_PAYLOAD",
    "OSC52_SAFE_BYTES",
    "CopyResult",
    "TmuxClipboard",
    "copy_text",
    "osc52_payload_length",
]

# Chromium's OSC 52 helpers for hterm cap the whole sequence at 100,000 bytes, the usual rule of
# thumb since; some terminals and multiplexers drop longer ones. Less the 8 bytes of
# "ESC ]52;c;" and BEL that leaves 99,992 base64 characters, which encode 74,994 bytes of UTF-8
# text. Larger copies still go out, with a warning.
OSC52_SAFE_BYTES = 74_994
OSC52_MAX_PAYLOAD = 4 * OSC52_SAFE_BYTES // 3

_TMUX_FIX = "tmux set -g set-clipboard on"


def osc52_payload_length(text: str) -> int:
    """Length of the base64 payload an OSC 52 sequence for `text` carries."""
    return 4 * ((len(text.encode("utf-8")) + 2) // 3)


@dataclass(frozen=True)
class TmuxClipboard:
    """The app runs inside tmux; `set_clipboard` is that server's option (None: unreadable)."""

    set_clipboard: str | None

    @property
    def passes_osc52(self) -> bool:
        """Only `on` lets a program's OSC 52 through; `external` and `off` drop it."""
        return self.set_clipboard == "on"


@dataclass(frozen=True)
class CopyResult:
    """What `copy_text` did, with the sentence to show the user."""

    osc52_sent: bool
    """The OSC 52 writer ran without raising (the terminal never confirms receipt)."""
    host_clipboard: bool
    """A clipboard tool on this host reported success."""
    host_tool: str | None
    """The tool that was used or tried last ("xclip", "pyperclip"...); None if none applied."""
    tmux: TmuxClipboard | None
    """Set when running inside tmux."""
    too_large: bool
    """The OSC 52 payload exceeds what terminals commonly accept."""
    chars: int
    """Characters in `text`."""
    text: str
    """What was actually sent, after control characters were stripped."""
    host_error: str | None = None
    """Why the host clipboard tool failed, when it did."""
    osc52_error: str | None = None
    """Why the OSC 52 writer failed, when it did."""
    host_tried: bool = True
    """False when the caller turned the host clipboard off: the message then leaves it out."""

    @property
    def tmux_drops_osc52(self) -> bool:
        return self.osc52_sent and self.tmux is not None and not self.tmux.passes_osc52

    @property
    def warnings(self) -> list[str]:
        """Sentences about what probably did not reach the user's clipboard."""
        if not self.text:
            return ["Nothing to copy: the text is empty."]
        found: list[str] = []
        if self.tmux_drops_osc52:
            fix = f"Run {_TMUX_FIX}, or view the text (ctrl+p) and copy from there."
            if self.tmux is not None and self.tmux.set_clipboard is None:
                fix = f"tmux may be blocking it (its set-clipboard option could not be read). {fix}"
            found.append(fix)
        if self.osc52_sent and self.too_large:
            found.append(
                f"It is {len(self.text.encode('utf-8')):,} bytes, more than the"
                f" {OSC52_SAFE_BYTES:,} many terminals take by OSC 52: if the paste comes up"
                " empty, export to a file instead."
            )
        if not self.osc52_sent and not self.host_clipboard:
            found.append("Nothing reached a clipboard: view the text or export it to a file.")
        return found

    @property
    def severity(self) -> str:
        """Notification severity: "warning" when something probably went wrong."""
        return "warning" if self.warnings else "information"

    @property
    def message(self) -> str:
        """One or two lines for a notification: what happened, then any warnings."""
        if not self.text:
            return self.warnings[0]
        return "\n".join(filter(None, [self._summary(), " ".join(self.warnings)]))

    def _summary(self) -> str:
        count = f"{self.chars:,} character{'' if self.chars == 1 else 's'}"
        if self.osc52_sent and self.tmux is not None and self.tmux.set_clipboard is not None \
                and not self.tmux.passes_osc52:
            terminal = f"tmux blocked the copy of {count} to your terminal's clipboard"
        elif self.osc52_sent:
            terminal = f"Sent {count} to your terminal's clipboard (OSC 52)"
        elif self.osc52_error:
            terminal = f"Could not send {count} to your terminal ({self.osc52_error})"
        else:
            terminal = f"No terminal to send {count} to"
        if self.host_clipboard:
            if self.osc52_sent:
                return f"{terminal} and copied to this host's clipboard ({self.host_tool})."
            return f"Copied {count} to this host's clipboard ({self.host_tool})."
        return f"{terminal}; {self._host_phrase()}." if self.host_tried else f"{terminal}."

    def _host_phrase(self) -> str:
        if self.host_tool is None:
            if self.host_error:
                return f"this host's clipboard could not be reached: {self.host_error}"
            return "this host has no clipboard"
        detail = f": {self.host_error}" if self.host_error else ""
        return f"this host's clipboard did not take it ({self.host_tool}{detail})"


def copy_text(
    text: str,
    *,
    osc52: Callable[[str], None] | None,
    use_host_clipboard: bool = True,
    timeout: float = 2.0,
    env: Mapping[str, str] | None = None,
) -> CopyResult:
    """Strip control characters from `text`, then send it by OSC 52 and to the host clipboard.

    `osc52` writes the escape sequence (the app passes `App.copy_to_clipboard`); None skips
    that route. `env` replaces `os.environ` for detecting tmux and displays and for the tools
    started. Never raises; returns within about `timeout` seconds.
    """
    environ = dict(os.environ if env is None else env)
    deadline = time.monotonic() + timeout
    clean = strip_controls(text)
    if not clean:
        return CopyResult(
            osc52_sent=False, host_clipboard=False, host_tool=None, tmux=None,
            too_large=False, chars=0, text=clean, host_tried=use_host_clipboard,
        )

    osc52_sent, osc52_error = False, None
    if osc52 is not None:
        try:
            osc52(clean)
            osc52_sent = True
        except Exception as error:  # the writer belongs to the caller: report, do not crash
            osc52_error = str(error) or type(error).__name__

    tmux = _read_tmux(environ, timeout / 2) if environ.get("TMUX") else None

    host_ok, host_tool, host_error = False, None, None
    if use_host_clipboard:
        host_ok, host_tool, host_error = _copy_to_host(
            clean, environ, deadline, allow_pyperclip=env is None
        )

    return CopyResult(
        osc52_sent=osc52_sent,
        host_clipboard=host_ok,
        host_tool=host_tool,
        tmux=tmux,
        too_large=osc52_payload_length(clean) > OSC52_MAX_PAYLOAD,
        chars=len(clean),
        text=clean,
        host_error=host_error,
        osc52_error=osc52_error,
        host_tried=use_host_clipboard,
    )


def _read_tmux(environ: dict[str, str], timeout: float) -> TmuxClipboard:
    """Ask the tmux server in `$TMUX` for its set-clipboard option."""
    tmux = shutil.which("tmux", path=environ.get("PATH", os.defpath))
    if tmux is None:
        return TmuxClipboard(None)
    try:
        done = subprocess.run(
            [tmux, "show-options", "-gv", "set-clipboard"],
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            timeout=timeout,
            env=environ,
        )
    except (OSError, subprocess.SubprocessError):
        return TmuxClipboard(None)
    value = done.stdout.strip()
    return TmuxClipboard(value if done.returncode == 0 and value else None)


def _host_commands(environ: dict[str, str]) -> list[list[str]]:
    """Clipboard commands worth trying here, best first (empty: no clipboard to reach)."""
    commands: list[list[str]] = []
    if sys.platform == "darwin":
        commands.append(["pbcopy"])
    if environ.get("WAYLAND_DISPLAY"):
        commands.append(["wl-copy"])
    if environ.get("DISPLAY"):
        commands += [["xclip", "-selection", "clipboard"], ["xsel", "--clipboard", "--input"]]
    return commands


def _copy_to_host(
    text: str, environ: dict[str, str], deadline: float, *, allow_pyperclip: bool
) -> tuple[bool, str | None, str | None]:
    """Try the host clipboard tools in order: (success, tool name, error).

    pyperclip is the last resort, and only with the process's own environment: it reads
    `os.environ` itself, so with another `env` it could pick a tool this function ruled out.
    """
    commands = _host_commands(environ)
    if not commands and sys.platform != "win32":
        return False, None, None
    tried: str | None = None
    error: str | None = None
    for command in commands:
        program = shutil.which(command[0], path=environ.get("PATH", os.defpath))
        if program is None:
            continue
        tried = command[0]
        error = _run_tool([program, *command[1:]], text, environ, deadline)
        if error is None:
            return True, tried, None
    if tried is not None:
        return False, tried, error
    names = [command[0] for command in commands]
    if not allow_pyperclip:
        return False, None, _missing_tools(names)
    return _pyperclip_copy(text, deadline, names)


def _run_tool(argv: list[str], text: str, environ: dict[str, str], deadline: float) -> str | None:
    """Feed `text` to a clipboard tool; None on success, else what went wrong."""
    remaining = deadline - time.monotonic()
    if remaining <= 0:
        return "no time left"
    try:
        # stderr goes to an unlinked file, not a pipe: the forked helper keeps it open for as
        # long as it owns the selection, and reading a pipe would wait for that.
        with tempfile.TemporaryFile() as errors:
            process = subprocess.Popen(
                argv,
                stdin=subprocess.PIPE,
                stdout=subprocess.DEVNULL,
                stderr=errors,
                env=environ,
                start_new_session=True,
            )
            try:
                process.communicate(text.encode("utf-8"), timeout=remaining)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
                return f"no answer within {remaining:.1f} s"
            if process.returncode == 0:
                return None
            errors.seek(0)
            detail = errors.read(500).decode("utf-8", "replace")
    except OSError as error:  # cannot start it, or it quit before reading all the text
        return _short(str(error) or type(error).__name__)
    return _short(detail) if detail.strip() else f"exit status {process.returncode}"


def _pyperclip_copy(
    text: str, deadline: float, tools: list[str]
) -> tuple[bool, str | None, str | None]:
    """pyperclip.copy in a daemon thread, so a stuck backend cannot hang the app.

    Returns like `_copy_to_host`. When pyperclip finds no mechanism either (it raises the bare
    PyperclipException only for that), the tool is None and the error names what would work.
    """
    outcome: list[tuple[bool, str | None, str | None]] = []

    def attempt() -> None:
        try:
            import pyperclip  # deferred: only needed when no clipboard tool was found

            try:
                pyperclip.copy(text)
            except pyperclip.PyperclipException as error:
                if type(error) is not pyperclip.PyperclipException:
                    raise
                outcome.append((False, None, _missing_tools(tools)))
            else:
                outcome.append((True, "pyperclip", None))
        except Exception as error:  # whatever a backend raises: report it, never crash
            outcome.append((False, "pyperclip", _short(str(error) or type(error).__name__)))

    worker = threading.Thread(target=attempt, name="pyperclip-copy", daemon=True)
    worker.start()
    worker.join(max(0.0, deadline - time.monotonic()))
    return outcome[0] if outcome else (False, "pyperclip", "no answer in time")


def _missing_tools(tools: list[str]) -> str:
    wanted = " or ".join(tools) if tools else "a clipboard tool"
    return f"no clipboard tool is installed (it needs {wanted})"


def _short(detail: str, limit: int = 120) -> str:
    """The first line of an error, cut to fit a notification."""
    first = detail.strip().splitlines()[0] if detail.strip() else detail
    return first if len(first) <= limit else first[: limit - 1] + "…"
