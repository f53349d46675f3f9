"""Issue 4 in a real tmux: what the app copies is what lands in tmux's paste buffer.

tmux with `set-clipboard on` stores every OSC 52 a program sends as a paste buffer (and passes
it on to the terminal outside), so `tmux save-buffer -` shows exactly what reached the
clipboard of the person at the keyboard. The expected text always comes from another path:
`poa-tui export` in a separate process, or `poa.assemble` over what the store holds.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from poa_tui.domain.assembly import assemble
from poa_tui.domain.models import Case, Sections
from poa_tui.storage.demo import seed_demo
from poa_tui.system.clipboard import OSC52_SAFE_BYTES
from tests.support import require_program
from tests.support.tmux import TmuxError
from tests.support.xvfb import xvfb  # noqa: F401  (fixture)

from .conftest import (
    STEP_TIMEOUT,
    Workspace,
    filler_sections,
    open_case,
    start_app,
    wait_for_toast,
)

pytestmark = pytest.mark.slow

CLIPBOARD_ON = {"set-clipboard": "on"}


def no_buffer(tmux) -> bool:
    try:
        return tmux.run("list-buffers") == ""
    except TmuxError:
        return False


def test_f7_puts_exactly_the_exported_poa_in_the_tmux_buffer(workspace: Workspace) -> None:
    case = seed_demo(workspace.store())
    expected = workspace.export(case.id)
    assert expected == assemble(workspace.store().load(case.id).sections)
    with workspace.tmux(CLIPBOARD_ON) as tmux:
        start_app(tmux)
        open_case(tmux, case)
        tmux.send_keys("F7")
        assert tmux.wait_for_buffer(timeout=STEP_TIMEOUT) == expected
        said = wait_for_toast(tmux, "Copy: Whole POA")
        assert f"Sent {len(expected):,} characters to your terminal's clipboard" in said
        assert "dropping" not in said  # tmux passes it on: no false warning


def test_palette_copies_one_section_alone(workspace: Workspace) -> None:
    case = seed_demo(workspace.store())
    expected = workspace.export(case.id, "--section", "root_cause")
    with workspace.tmux(CLIPBOARD_ON) as tmux:
        start_app(tmux)
        open_case(tmux, case)
        tmux.send_keys("C-p")
        tmux.send_text("Root Cause only")
        tmux.wait_for("copy: Root Cause only", timeout=STEP_TIMEOUT)
        tmux.send_keys("Enter")
        assert tmux.wait_for_buffer(timeout=STEP_TIMEOUT) == expected
        assert not expected.startswith("Root Cause")  # the text alone, no heading
        wait_for_toast(tmux, "Copy: Root Cause only")


def test_a_past_attempt_is_copied_as_it_was_sent_not_as_the_draft_is_now(
        workspace: Workspace) -> None:
    case = seed_demo(workspace.store())
    first = case.submissions[0]
    expected = assemble(first.sections)
    assert expected != workspace.export(case.id)  # attempt 1 differs from today's draft
    with workspace.tmux(CLIPBOARD_ON) as tmux:
        start_app(tmux)
        open_case(tmux, case)
        tmux.send_keys("F6")
        tmux.wait_for("Attempts", timeout=STEP_TIMEOUT)
        tmux.send_keys("Up")  # the latest attempt is highlighted first; go to attempt 1
        tmux.wait_for("Attempt 1 · sent", timeout=STEP_TIMEOUT)
        tmux.send_keys("c")
        assert tmux.wait_for_buffer(timeout=STEP_TIMEOUT) == expected
        wait_for_toast(tmux, "Attempt 1 as sent")


@pytest.mark.parametrize("setting", ["off", "external"])
def test_when_tmux_drops_osc52_the_notification_names_the_fix(workspace: Workspace,
                                                                setting: str) -> None:
    case = seed_demo(workspace.store())
    with workspace.tmux({"set-clipboard": setting}) as tmux:
        start_app(tmux)
        open_case(tmux, case)
        tmux.send_keys("F7")
        said = wait_for_toast(tmux, "tmux set -g set-clipboard on")
        assert "tmux blocked the copy of" in said and "`" not in said
        assert "copied" not in said.lower()  # nothing claims a copy that did not happen
        # The app writes its OSC 52 before the toast, and tmux reads its pane in order: with
        # the toast on screen, any copy sequence has already been seen by tmux.
        assert no_buffer(tmux)


def tools_path(tmp_path: Path) -> Path:
    """A PATH with tmux (the app asks it about set-clipboard) and `which`, no clipboard tool."""
    folder = tmp_path / "bin"
    folder.mkdir()
    for name in ("tmux", "which", "sh"):
        (folder / name).symlink_to(require_program(name))
    return folder


def test_no_display_and_no_clipboard_tool_gives_the_honest_message(
        workspace: Workspace, tmp_path: Path) -> None:
    case = seed_demo(workspace.store())
    expected = workspace.export(case.id)
    with workspace.tmux(CLIPBOARD_ON, env={"PATH": str(tools_path(tmp_path))}) as tmux:
        pid = start_app(tmux)
        open_case(tmux, case)
        tmux.send_keys("F7")
        said = wait_for_toast(tmux, "this host has no clipboard")
        assert f"Sent {len(expected):,} characters to your terminal's clipboard (OSC 52); " \
               "this host has no clipboard." in said
        assert tmux.wait_for_buffer() == expected  # the terminal's clipboard still gets it
        # Still running and answering keys.
        tmux.send_keys("Escape")
        tmux.wait_for("1 case", timeout=STEP_TIMEOUT)
        assert tmux.pane_pid() == pid and tmux.run("display", "-p", "#{pane_dead}").strip() == "0"


def test_a_display_without_a_clipboard_tool_says_what_to_install(
        workspace: Workspace, tmp_path: Path, xvfb: str) -> None:  # noqa: F811
    case = seed_demo(workspace.store())
    env = {"PATH": str(tools_path(tmp_path)), "DISPLAY": xvfb}
    with workspace.tmux(CLIPBOARD_ON, env=env) as tmux:
        start_app(tmux)
        open_case(tmux, case)
        tmux.send_keys("F7")
        said = wait_for_toast(tmux, "Copy: Whole POA")
        assert "no clipboard tool is installed (it needs xclip or xsel)" in said, said
        assert "copied" not in said.lower()
        assert tmux.wait_for_buffer() == workspace.export(case.id)


def big_case(workspace: Workspace, total_bytes: int) -> tuple[Case, str]:
    case = workspace.store().create(Case(title=f"Large plan {total_bytes}",
                                         sections=Sections(**filler_sections(total_bytes))))
    text = workspace.export(case.id)
    return case, text


def copy_big(workspace: Workspace, total_bytes: int) -> tuple[str, str, str | None]:
    """Open a case with a POA of about `total_bytes`, press F7: (text, notification, buffer)."""
    case, text = big_case(workspace, total_bytes)
    with workspace.tmux(CLIPBOARD_ON) as tmux:
        start_app(tmux)
        open_case(tmux, case)
        tmux.send_keys("F7")
        said = wait_for_toast(tmux, "Copy: Whole POA", timeout=60)
        try:
            buffer = tmux.wait_for_buffer(timeout=10)
        except AssertionError:
            buffer = None
    return text, said, buffer


def test_a_70_kb_poa_arrives_whole_through_osc52(workspace: Workspace) -> None:
    text, said, buffer = copy_big(workspace, 70_000)
    assert 68_000 < len(text.encode()) <= OSC52_SAFE_BYTES
    assert buffer == text
    assert f"Sent {len(text):,} characters" in said and "more than the" not in said


def test_a_700_kb_poa_still_reaches_tmux_and_the_app_warns_about_size(
        workspace: Workspace) -> None:
    text, said, buffer = copy_big(workspace, 700_000)
    assert len(text.encode()) > 690_000
    assert "more than the 74,994 many terminals take by OSC 52" in said
    assert "export to a file" in said
    # tmux 3.x keeps escape sequences up to 1 MiB, so this much base64 still fits.
    assert buffer == text


def test_past_what_tmux_takes_the_clipboard_is_whole_or_untouched(
        workspace: Workspace) -> None:
    text, said, buffer = copy_big(workspace, 900_000)
    assert len(text.encode()) > 890_000  # 1.2 MB of base64: over tmux 3.3's 1 MiB limit
    assert "export to a file" in said
    # Whatever the terminal does with it, a half POA must never be what gets pasted.
    assert buffer is None or buffer == text
