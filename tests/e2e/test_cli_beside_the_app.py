"""Issue 12: a command that would change a case the app has open is refused, naming the session.

Before, `poa-tui edit` on a case open in the app exited 0, and the app's next save moved the
command's text into the case notes. The app runs in a real tmux pane; the commands are
separate processes, as a script or a second login would run them.
"""

from __future__ import annotations

import getpass
import socket

import pytest

from poa_tui.domain.models import Case, Sections
from poa_tui.domain.vocab import Channel

from .conftest import STEP_TIMEOUT, Workspace, open_case, start_app, wait_for_section

pytestmark = pytest.mark.slow

WRITES = {
    "edit": ("edit", "--section", "root_cause", "--from", "{text}"),
    "edit --title": ("edit", "--title", "Renamed from a script"),
    "submit": ("submit",),
    "reply": ("reply", "--from", "{text}", "--outcome", "acknowledged"),
}
FROM_STDIN = "Written by a script while the app had the case open."


def test_commands_that_change_an_open_case_are_refused_naming_the_session(
        workspace: Workspace) -> None:
    store = workspace.store()
    case = Case(title="Open in the app", sections=Sections(root_cause="Draft.",
                                                           immediate_remedy="Fixed.",
                                                           systematic_changes="Checked."))
    case = store.create(case)
    case.record_submission(Channel.ACCOUNT_HEALTH)
    store.save(case)
    workspace.write_settings(autosave_delay=0.3)
    text = workspace.root / "from-a-script.txt"
    text.write_text(FROM_STDIN, encoding="utf-8")
    with workspace.tmux() as tmux:
        pid = start_app(tmux)
        open_case(tmux, case)
        before = workspace.case_file(case.id)
        for name, verb in WRITES.items():
            done = workspace.cli(verb[0], str(case.id),
                                 *(word.format(text=text) for word in verb[1:]))
            assert done.returncode == 2, (name, done.stdout, done.stderr)
            lines = done.stderr.splitlines()
            assert len(lines) == 1 and lines[0].startswith("poa-tui: "), (name, done.stderr)
            assert f"case {case.id} is open in the app by" in lines[0]
            assert f"{getpass.getuser()}@{socket.gethostname()} (process {pid})" in lines[0]
            assert "--force" in lines[0]
            assert workspace.case_file(case.id) == before, f"{name} wrote the case"

        # --force writes anyway; the app takes the change in, and nothing it had is lost.
        forced = workspace.cli("edit", str(case.id), "--section", "immediate_remedy", "--from",
                               str(text), "--force")
        assert forced.returncode == 0, forced.stderr
        tmux.send_text("Typed in the app. ")  # the cursor is at the start of Root Cause
        document = wait_for_section(workspace, case.id, "root_cause", "Typed in the app. Draft.",
                                    timeout=STEP_TIMEOUT)
        assert document["sections"]["immediate_remedy"] == FROM_STDIN

    # With the app gone, the same command simply works.
    done = workspace.cli("edit", str(case.id), "--title", "Renamed once the app closed")
    assert done.returncode == 0, done.stderr
    assert workspace.show(case.id)["title"] == "Renamed once the app closed"
