"""Edit a piece of text in the user's own editor, named by `$VISUAL` or `$EDITOR`.

The variable is split with `shlex` ("code --wait", "vim -c 'set tw=72'") and run directly,
never through a shell, so a value with `;` or `$(...)` in it cannot run anything else. The
text goes into a private temporary file (mode 0600, `.md` suffix so the editor highlights
Markdown) that is removed afterwards, except when the editor failed after the user changed the
file: then it is kept and its path reported, so no typing is lost.

No Textual here: the caller suspends the app around `edit_text` (`App.suspend()`).
"""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import tempfile
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from poa_tui.domain.textsafety import strip_controls

__all__ = ["EditOutcome", "EditorProblem", "edit_text", "editor_argv", "editor_name"]

EDITOR_VARIABLES = ("VISUAL", "EDITOR")
"""Looked up in this order, as git and most Unix tools do."""

Runner = Callable[[list[str]], int]
"""Runs an argv with the terminal attached and returns its exit status."""


class EditorProblem(Exception):
    """The editor cannot be started; the message says why and what to set."""


@dataclass(frozen=True)
class EditOutcome:
    """What came back from the editor: the new text, or why there is none."""

    text: str | None
    """The edited text; None when the edit failed (the caller keeps the old text)."""
    error: str | None = None
    """A sentence for the user when `text` is None."""
    changed: bool = False
    """True when the text differs from what was sent to the editor."""
    kept_file: Path | None = None
    """A temporary file left in place because it may hold the user's edits."""


def editor_argv(environ: Mapping[str, str] | None = None) -> list[str]:
    """The editor command from `$VISUAL`, else `$EDITOR`, split into arguments.

    Raises `EditorProblem` when neither is set (or both are blank) or the value cannot be
    split (an unclosed quote).
    """
    env = os.environ if environ is None else environ
    for name in EDITOR_VARIABLES:
        value = env.get(name, "").strip()
        if not value:
            continue
        try:
            argv = shlex.split(value)
        except ValueError as error:
            raise EditorProblem(f"${name} is set to {value!r}, which cannot be read as a "
                                f"command ({error}). Check its quotes.") from None
        if argv:
            return argv
    raise EditorProblem("No editor is set. Set $VISUAL or $EDITOR to the command of your "
                        "editor (for example: export EDITOR=nano), then start poa-tui again.")


def editor_name(argv: Sequence[str]) -> str:
    """The editor's program name for messages ("vim", "code")."""
    return Path(argv[0]).name if argv else "the editor"


def _run_attached(argv: list[str]) -> int:
    return subprocess.run(argv, check=False).returncode


def _file_slug(label: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", label.lower()).strip("-")
    return slug[:40] or "text"


def edit_text(text: str, argv: Sequence[str], *, label: str = "text",
              run: Runner = _run_attached) -> EditOutcome:
    """Open `text` in the editor `argv` and return what the user saved.

    `label` names the temporary file ("poa-tui-root-cause-<random>.md"). A final newline the
    editor adds is dropped again when `text` had none. Carriage returns and terminal control
    characters in the result are removed.
    """
    argv = list(argv)
    name = editor_name(argv)
    try:
        fd, raw_path = tempfile.mkstemp(prefix=f"poa-tui-{_file_slug(label)}-", suffix=".md")
    except OSError as error:
        return EditOutcome(None, f"Could not create a temporary file for {name}: "
                                 f"{error.strerror or error}.")
    path = Path(raw_path)
    added_newline = not text.endswith("\n")
    sent = text + "\n" if added_newline else text
    try:
        with os.fdopen(fd, "wb") as handle:
            os.fchmod(handle.fileno(), 0o600)
            handle.write(sent.encode("utf-8"))
    except OSError as error:
        path.unlink(missing_ok=True)
        return EditOutcome(None, f"Could not write the temporary file {path}: "
                                 f"{error.strerror or error}.")
    outcome: EditOutcome | None = None
    try:
        outcome = _edit_file(path, sent, argv, name, added_newline, run)
        return outcome
    finally:
        # Leave the file only while it may hold text the user typed and did not get back.
        if outcome is None or outcome.kept_file != path:
            path.unlink(missing_ok=True)


def _edit_file(path: Path, sent: str, argv: list[str], name: str, added_newline: bool,
               run: Runner) -> EditOutcome:
    try:
        status = run([*argv, str(path)])
    except FileNotFoundError:
        return EditOutcome(None, f"The editor {argv[0]!r} was not found. Check $VISUAL or "
                                 f"$EDITOR; it must name a program on your PATH.")
    except PermissionError:
        return EditOutcome(None, f"The editor {argv[0]!r} could not be run (permission denied).")
    except OSError as error:
        return EditOutcome(None, f"The editor {argv[0]!r} could not be started: "
                                 f"{error.strerror or error}.")
    try:
        raw = path.read_bytes()
    except OSError as error:
        return EditOutcome(None, f"Could not read the text back from {path}: "
                                 f"{error.strerror or error}. The section was left as it was.")
    try:
        back = raw.decode("utf-8")
    except UnicodeDecodeError:
        return EditOutcome(None, f"{name} saved the file in an encoding other than UTF-8, so it "
                                 f"was not read in. The section was left as it was; your "
                                 f"version is kept in {path}.", kept_file=path)
    if status != 0:
        if back != sent:
            return EditOutcome(None, f"{name} ended with an error (exit status {status}), so "
                                     f"its changes were not taken in. They are kept in {path}.",
                               kept_file=path)
        return EditOutcome(None, f"{name} ended with an error (exit status {status}); the "
                                 f"section was left as it was.")
    back = strip_controls(back)
    if added_newline and back.endswith("\n"):
        back = back[:-1]
    original = sent[:-1] if added_newline else sent
    return EditOutcome(back, changed=back != original)
