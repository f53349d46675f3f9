"""A real app in a real terminal: a hang-up or SIGTERM saves the draft, then the app exits.

The autosave delay is set to a minute, so only the app's signal handler can have written the
text typed a moment before the signal.
"""

from __future__ import annotations

import os
import signal
import sys
from pathlib import Path

import pytest

from poa_tui.domain.models import Case
from poa_tui.storage.store import CaseStore
from tests.support import child_env, wait_until
from tests.support.tmux import TmuxServer

pytestmark = pytest.mark.slow

_LAUNCH = (
    "import sys; from poa_tui.tui.app import make_app; "
    "app = make_app(sys.argv[1], settings_path=sys.argv[2]); app.run(); "
    "sys.exit(app.return_code or 0)"
)
_TYPED = "Typed just before the line dropped"


def _start(tmux: TmuxServer, tmp_path: Path) -> CaseStore:
    store = CaseStore(tmp_path / "store")
    store.create(Case(title="Hang-up case"))
    settings = tmp_path / "settings.toml"
    settings.write_text("autosave_delay = 60.0\n", encoding="utf-8")
    tmux.new_session([sys.executable, "-c", _LAUNCH, str(store.root), str(settings)],
                     width=80, height=24, env=child_env(TERM="xterm-256color"))
    tmux.wait_for("Hang-up case", timeout=20)
    tmux.send_keys("Enter")
    tmux.wait_for("Root Cause", timeout=20)
    tmux.send_text(_TYPED)
    tmux.wait_for(_TYPED)
    return store


def _saved(store: CaseStore) -> bool:
    return _TYPED in store.load(1).sections.root_cause


@pytest.mark.parametrize("signum", [signal.SIGHUP, signal.SIGTERM])
def test_signal_saves_the_draft_and_exits(tmp_path: Path, signum: int) -> None:
    pytest.importorskip("poa_tui.tui.screens.case_editor")
    with TmuxServer() as tmux:
        store = _start(tmux, tmp_path)
        assert not _saved(store), "autosave is a minute away: nothing is written yet"
        os.kill(tmux.pane_pid(), signum)
        assert tmux.wait_exit(timeout=20) == 128 + signum
    assert _saved(store)


def test_closing_the_terminal_saves_the_draft(tmp_path: Path) -> None:
    pytest.importorskip("poa_tui.tui.screens.case_editor")
    with TmuxServer() as tmux:
        store = _start(tmux, tmp_path)
        tmux.kill()  # the terminal goes away, as when an SSH connection drops
        wait_until(lambda: _saved(store), timeout=20, describe="the draft on disk")
