"""Issue 12: when the disk is full as the app is told to stop, the typed text is kept elsewhere.

The store is a 1 MB tmpfs filled to the last byte (see `test_disk`); the app's state folder
(`$XDG_STATE_HOME`) is on another file system, as `~/.local/state` usually is when a data
folder lives on its own disk or quota. The autosave waits 30 s, so only the exit could save.
"""

from __future__ import annotations

import os
import signal
import stat

import pytest

from poa_tui.domain.models import Case

from .conftest import STEP_TIMEOUT, Workspace, open_case, section_on_disk, start_app, wait_for_toast
from .test_disk import Mounts, fill, mounts  # noqa: F401  (the fixture)

pytestmark = pytest.mark.slow

TYPED = "Typed while the disk was full, then the session ended"


@pytest.mark.parametrize("how", [signal.SIGTERM, signal.SIGINT, "ctrl+q twice"],
                         ids=lambda how: how if isinstance(how, str) else how.name)
def test_text_that_cannot_be_saved_at_exit_goes_to_a_private_recovery_file(
        workspace: Workspace, mounts: Mounts, how: signal.Signals | str) -> None:
    mounts.tmpfs(workspace.store_path, "1m")
    case = workspace.store().create(Case(title="Full disk at exit"))
    workspace.write_settings(autosave_delay=30.0)
    state = workspace.root / "state"
    with workspace.tmux(options={"remain-on-exit": "on"},
                        env={"XDG_STATE_HOME": str(state)}) as tmux:
        pid = start_app(tmux, width=160, height=48)
        open_case(tmux, case)
        fill(workspace.store_path)
        tmux.send_text(TYPED)
        tmux.wait_for(TYPED, timeout=STEP_TIMEOUT)
        if isinstance(how, str):
            tmux.send_keys("C-q")  # the app says the text is not saved, and stays
            wait_for_toast(tmux, "press ctrl+q again to quit without it")
            tmux.send_keys("C-q")
            assert tmux.wait_exit(timeout=STEP_TIMEOUT) == 0
        else:
            os.kill(pid, how)
            assert tmux.wait_exit(timeout=STEP_TIMEOUT) == 128 + how
        said = " ".join(tmux.capture(scrollback=True, join_wrapped=True).split())
    assert section_on_disk(workspace, case.id, "root_cause") == ""
    kept = list((state / "poa-tui" / "recovery").glob("*"))
    assert len(kept) == 1, kept
    assert stat.S_IMODE(kept[0].stat().st_mode) == 0o600
    assert stat.S_IMODE(kept[0].parent.stat().st_mode) == 0o700
    text = kept[0].read_text(encoding="utf-8")
    assert TYPED in text and "Full disk at exit" in text
    # The way out names where the text went.
    assert str(kept[0]) in said, said
