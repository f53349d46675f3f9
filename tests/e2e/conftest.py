"""What the end-to-end tests share: a store folder, the app in a tmux pane, the CLI beside it.

    def test_x(workspace: Workspace) -> None:
        case = workspace.store().create(Case(title="Typed case"))
        with workspace.tmux() as tmux:                 # a private tmux server, app env set
            start_app(tmux)                            # `python -m poa_tui` in its pane
            open_case(tmux, case)
            tmux.send_text("typed")
            wait_for_section(workspace, case.id, "root_cause", "typed")
        assert workspace.show(case.id)["sections"]["root_cause"] == "typed"

Everything runs the real program: `python -m poa_tui` with this checkout on PYTHONPATH, in
a real terminal, against a store in `tmp_path`. Waits poll with deadlines sized for a busy
two-core machine (a cold start of the app there can take several seconds); none sleeps for a
fixed time except where a test must let a debounce pass.
"""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Mapping, Sequence

import pytest
import tomli_w

from poa_tui.domain.models import Case
from poa_tui.storage.store import CaseStore
from tests.support import REPO_ROOT, child_env, wait_until
from tests.support.tmux import TmuxServer

APP_ARGV = (sys.executable, "-m", "poa_tui")
"""The program under test, as a user starts it (`poa-tui` is the same entry point)."""

START_TIMEOUT = 60.0
"""Seconds for the app to start and draw its first screen on a loaded machine."""
STEP_TIMEOUT = 30.0
"""Seconds for one step (a screen change, a save) to show."""
TERM = "tmux-256color"
"""What tmux tells programs in its panes, as most people's tmux.conf sets it."""


@dataclass
class Workspace:
    """A store folder, a settings file and the environment the app and CLI run with."""

    root: Path

    @property
    def store_path(self) -> Path:
        return self.root / "store"

    @property
    def settings_path(self) -> Path:
        return self.root / "settings.toml"

    def store(self) -> CaseStore:
        """The store, opened in this process (creates the folder when it is missing)."""
        return CaseStore(self.store_path)

    def write_settings(self, **values: Any) -> None:
        """Write `settings.toml` (e.g. `autosave_delay=30.0`)."""
        self.settings_path.write_text(tomli_w.dumps(values), encoding="utf-8")

    def env(self, **extra: str) -> dict[str, str]:
        """The app's and the CLI's environment: this store and settings, no display."""
        values = {"TERM": TERM, "POA_TUI_DB": str(self.store_path),
                  "POA_TUI_CONFIG": str(self.settings_path), **extra}
        return child_env(drop=("DISPLAY", "WAYLAND_DISPLAY"), **values)

    def remote_env(self) -> dict[str, str]:
        """What an SSH session needs to find this checkout and this store (sshd SetEnv)."""
        return {
            "PYTHONPATH": str(REPO_ROOT),
            "POA_TUI_DB": str(self.store_path),
            "POA_TUI_CONFIG": str(self.settings_path),
        }

    def tmux(self, options: Mapping[str, str] | None = None,
             env: Mapping[str, str] | None = None) -> TmuxServer:
        """A private tmux server whose panes get `env()` (plus `env`)."""
        return TmuxServer(options={"default-terminal": TERM, **(options or {})},
                          env={**self.env(), **(env or {})})

    def cli(self, *args: str, timeout: float = 60.0,
            env: Mapping[str, str] | None = None) -> subprocess.CompletedProcess[str]:
        """Run `python -m poa_tui --db STORE ARGS` and return what it did."""
        return subprocess.run(
            [*APP_ARGV, "--db", str(self.store_path), *args],
            stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=timeout,
            env=dict(env) if env is not None else self.env(),
        )

    def show(self, case_id: int) -> dict[str, Any]:
        """`poa-tui show --json ID`, parsed: the case as a fresh process reads it."""
        done = self.cli("show", "--json", str(case_id))
        assert done.returncode == 0, done.stderr
        return json.loads(done.stdout)

    def export(self, case_id: int, *args: str) -> str:
        """What `poa-tui export ID ARGS` prints, less the newline print adds at the end."""
        done = self.cli("export", str(case_id), *args)
        assert done.returncode == 0, done.stderr
        assert done.stdout.endswith("\n")
        return done.stdout[:-1]

    def case_file(self, case_id: int) -> dict[str, Any] | None:
        """The case document as it is on disk now, read without opening a store.

        Opening a `CaseStore` creates missing folders, which would hide a store the app had
        failed to recreate; this only reads. None when the file is missing or half-written.
        """
        path = self.store_path / "cases" / f"{case_id}.json"
        try:
            return json.loads(path.read_text(encoding="utf-8"))["case"]["1"]
        except (OSError, ValueError, KeyError):
            return None


@pytest.fixture
def workspace(tmp_path: Path) -> Workspace:
    return Workspace(tmp_path)


def remote_app() -> list[str]:
    """The command an SSH session runs: `poa-tui` as installed beside this interpreter, else
    `python -m poa_tui` (a checkout used without `pip install -e`)."""
    script = Path(sys.executable).with_name("poa-tui")
    return [str(script)] if script.exists() else list(APP_ARGV)


def start_app(tmux: TmuxServer, *, width: int = 80, height: int = 24,
              argv: Sequence[str] = APP_ARGV, ready: str = "^p Commands") -> int:
    """Start the app in `tmux`'s pane and wait for its first screen; return its process id."""
    tmux.new_session(list(argv), width=width, height=height)
    tmux.wait_for(ready, timeout=START_TIMEOUT)
    return tmux.pane_pid()


def open_case(tmux: TmuxServer, case: Case) -> str:
    """From the case list, filter to `case` by its title, open it; return the editor screen.

    Each key that moves the focus is followed by a wait for the footer to show it: Textual
    hands keys that arrive in one burst to the widget focused before the first key's binding
    has run, so "/" and a title typed at once can reach the case table, where letters are
    commands (a archives, n starts a new case). With the filter focused the footer hides the
    list's one-letter keys; with the list focused it shows them again.
    """
    # The editor screen lands separately from the shell; without it no case can open.
    pytest.importorskip("poa_tui.tui.screens.case_editor")
    _wait_for_footer(tmux, LIST_KEYS, True, "the case list to be ready")
    tmux.send_keys("/")
    _wait_for_footer(tmux, LIST_KEYS, False, "the filter to take the focus")
    tmux.send_text(case.title)
    tmux.wait_for(" 1 of ", timeout=STEP_TIMEOUT)
    tmux.send_keys("Enter")  # from the filter into the list
    _wait_for_footer(tmux, LIST_KEYS, True, "the list to take the focus back")
    tmux.send_keys("Enter")  # open the highlighted (only) case
    return tmux.wait_for(f"Case {case.id} · ", timeout=STEP_TIMEOUT)


LIST_KEYS = "n New"
"""In the case list's footer while the list (not the filter) has the focus."""


def _wait_for_footer(tmux: TmuxServer, text: str, shown: bool, what: str) -> None:
    def footer() -> str:
        # The app's footer ends in "^p Commands"; a tmux status line may sit below it.
        rows = [row for row in tmux.capture().splitlines() if "^p Commands" in row]
        return rows[-1] if rows else ""

    wait_until(lambda: (text in footer()) == shown, timeout=STEP_TIMEOUT, interval=0.02,
               describe=lambda: f"{what}; screen:\n{tmux.capture()}")


def wait_for_section(workspace: Workspace, case_id: int, section: str, expected: str,
                     timeout: float = STEP_TIMEOUT) -> dict[str, Any]:
    """Poll the case file until `section` holds exactly `expected`; return the document."""
    found: dict[str, Any] = {}

    def saved() -> bool:
        nonlocal found
        found = workspace.case_file(case_id) or {}
        return (found.get("sections") or {}).get(section) == expected

    wait_until(saved, timeout=timeout, interval=0.1,
               describe=lambda: f"{section} of case {case_id} to be saved; on disk: "
                                f"{_clip((found.get('sections') or {}).get(section))!r}")
    return found


def section_on_disk(workspace: Workspace, case_id: int, section: str) -> str | None:
    document = workspace.case_file(case_id) or {}
    return (document.get("sections") or {}).get(section)


def process_alive(pid: int) -> bool:
    """True while `pid` exists and is not a zombie."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state != "Z"


def _clip(text: str | None, limit: int = 200) -> str | None:
    return text if text is None or len(text) <= limit else text[:limit] + f"… ({len(text)} chars)"


def toast_text(screen: str) -> str:
    """The words of the notifications on `screen`, joined into one line.

    Textual draws a notification as a box whose rows start with "▌" at its left edge and
    wraps its text inside that box, so a sentence is spread over several screen rows.
    """
    parts = [line.rsplit("▌", 1)[1] for line in screen.splitlines() if "▌" in line]
    # The pane border drawn to the right of a toast is not part of it.
    words = [" ".join(part.split()).strip(_BORDERS).strip() for part in parts]
    return " ".join(word for word in words if word)


_BORDERS = "│┃─━╭╮╰╯▁▔▏▕ "


def wait_for_toast(tmux: TmuxServer, text: str, timeout: float = STEP_TIMEOUT) -> str:
    """Poll until a notification says `text`; return all the notification text then shown."""
    found = ""

    def shown() -> bool:
        nonlocal found
        found = toast_text(tmux.capture())
        return text in found

    wait_until(shown, timeout=timeout, interval=0.05,
               describe=lambda: f"a notification saying {text!r}; notifications: {found!r}; "
                                f"screen:\n{tmux.capture()}")
    return found


def filler_sections(total_bytes: int) -> dict[str, str]:
    """Three numbered-paragraph sections whose plain-text POA is about `total_bytes` long."""
    paragraph = ("We checked every supplier invoice against the brand's list of authorised "
                 "distributors and removed the units that failed.")
    each = total_bytes // 3
    sections = {}
    for name in ("root_cause", "immediate_remedy", "systematic_changes"):
        lines, size, number = [], 0, 0
        while size < each:
            number += 1
            line = f"{number}. {paragraph}"
            lines.append(line)
            size += len(line) + 2
        sections[name] = "\n\n".join(lines)
    return sections
