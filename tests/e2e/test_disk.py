"""Issue 7: a data folder that fills up, turns read-only or vanishes while the app is editing.

Real mounts: a small tmpfs for "disk full", a read-only bind mount for "read-only". They need
root (CI runs as root); elsewhere these tests skip with the reason. In each case the app must
say what went wrong, keep the text in the editor, and save it once writing works again.
"""

from __future__ import annotations

import errno
import os
import shutil
import subprocess
from pathlib import Path
from typing import Iterator

import pytest

from poa_tui.domain.models import Case

from .conftest import (
    STEP_TIMEOUT,
    Workspace,
    open_case,
    section_on_disk,
    start_app,
    wait_for_section,
    wait_for_toast,
)

pytestmark = pytest.mark.slow

# The editor (which owns saving and its retries) lands separately from the shell.
RETRY_SECONDS = pytest.importorskip("poa_tui.tui.screens.case_editor").RETRY_SECONDS

TYPED = "Typed while the disk said no"


class Mounts:
    """Mounts made by one test, undone (innermost first) when it ends."""

    def __init__(self) -> None:
        self.points: list[Path] = []

    def run(self, *args: str) -> None:
        done = subprocess.run(["mount", *args], capture_output=True, text=True, timeout=30)
        if done.returncode != 0:
            raise RuntimeError(f"mount {' '.join(args)} failed: {done.stderr.strip()}")

    def tmpfs(self, point: Path, size: str) -> None:
        point.mkdir(parents=True, exist_ok=True)
        self.run("-t", "tmpfs", "-o", f"size={size},mode=0700", "tmpfs", str(point))
        self.points.append(point)

    def read_only_over(self, folder: Path) -> None:
        """Stack a read-only bind mount of `folder` on itself.

        Remounting the folder's own mount read-only fails while the app holds a file open
        for writing there (its editing lock): the kernel answers "busy". A second mount on
        top holds no open file, so it can be made read-only, and every path the app opens
        from now on goes through it, as on a disk that turned read-only.
        """
        self.run("--bind", str(folder), str(folder))
        self.points.append(folder)
        self.run("-o", "remount,bind,ro", str(folder))

    def undo_last(self) -> None:
        point = self.points.pop()
        subprocess.run(["umount", str(point)], capture_output=True, timeout=30, check=True)

    def undo_all(self) -> None:
        while self.points:
            point = self.points.pop()
            subprocess.run(["umount", "-l", str(point)], capture_output=True, timeout=30)


@pytest.fixture
def mounts() -> Iterator[Mounts]:
    if os.geteuid() != 0:
        pytest.skip("mounting a tmpfs or a read-only bind mount needs root; CI runs as root")
    made = Mounts()
    try:
        yield made
    finally:
        made.undo_all()


def fill(folder: Path) -> Path:
    """Write a file in `folder` until the file system is full; return it."""
    filler = folder / "filler"
    with open(filler, "wb") as handle:
        chunk = b"\0" * 65536
        try:
            while True:
                handle.write(chunk)
                handle.flush()
        except OSError as error:
            assert error.errno == errno.ENOSPC, error
    # What is left is less than a page, and a new file needs one.
    return filler


def type_and_expect_refusal(workspace: Workspace, tmux, case: Case, reason: str) -> None:
    """Type into Root Cause; the app says why it cannot save and keeps the text on screen."""
    tmux.send_text(TYPED)
    said = wait_for_toast(tmux, reason)
    assert "Could not save" in said
    screen = tmux.wait_for("Not saved:", timeout=STEP_TIMEOUT)
    assert TYPED in screen  # still in the editor
    assert f"every {RETRY_SECONDS:.0f} s" in " ".join(screen.split())
    assert section_on_disk(workspace, case.id, "root_cause") == ""


def expect_saved_again(workspace: Workspace, tmux, case: Case) -> None:
    wait_for_section(workspace, case.id, "root_cause", TYPED, timeout=RETRY_SECONDS * 4)
    wait_for_toast(tmux, "Saving works again")
    assert workspace.show(case.id)["sections"]["root_cause"] == TYPED


def test_a_full_disk_keeps_the_text_and_saves_once_there_is_room(
        workspace: Workspace, mounts: Mounts) -> None:
    mounts.tmpfs(workspace.store_path, "1m")
    case = workspace.store().create(Case(title="Full disk case"))
    workspace.write_settings(autosave_delay=0.5)
    with workspace.tmux() as tmux:
        start_app(tmux, width=160, height=48)
        open_case(tmux, case)
        filler = fill(workspace.store_path)
        type_and_expect_refusal(workspace, tmux, case, "No space left on device")
        filler.unlink()
        expect_saved_again(workspace, tmux, case)


def test_a_read_only_folder_keeps_the_text_and_saves_once_writable(
        workspace: Workspace, mounts: Mounts) -> None:
    case = workspace.store().create(Case(title="Read-only case"))
    workspace.write_settings(autosave_delay=0.5)
    with workspace.tmux() as tmux:
        start_app(tmux, width=160, height=48)
        open_case(tmux, case)
        mounts.read_only_over(workspace.store_path)
        type_and_expect_refusal(workspace, tmux, case, "Read-only file system")
        mounts.undo_last()
        expect_saved_again(workspace, tmux, case)


def test_a_deleted_data_folder_is_recreated_by_the_next_save(workspace: Workspace) -> None:
    case = workspace.store().create(Case(title="Vanishing folder case"))
    workspace.write_settings(autosave_delay=0.5)
    with workspace.tmux() as tmux:
        start_app(tmux, width=160, height=48)
        open_case(tmux, case)
        shutil.rmtree(workspace.store_path)
        tmux.send_text(TYPED)
        wait_for_section(workspace, case.id, "root_cause", TYPED)
        assert "Not saved" not in tmux.capture()
        # Back in the list, the case is there: the index is rebuilt from the case files.
        tmux.send_keys("Escape")
        tmux.wait_for("Vanishing folder case", timeout=STEP_TIMEOUT)
    assert workspace.show(case.id)["sections"]["root_cause"] == TYPED


@pytest.mark.parametrize("kind", ["full", "read-only"])
def test_list_and_doctor_show_what_they_can_on_a_store_that_takes_no_writes(
        workspace: Workspace, mounts: Mounts, kind: str) -> None:
    if kind == "full":
        mounts.tmpfs(workspace.store_path, "1m")
    store = workspace.store()
    store.create(Case(title="First case"))
    store.create(Case(title="Second case"))
    (workspace.store_path / "cases" / "3.json").write_text(
        '{"case": {"1": {"id": 3, "title": "Broken case", "sections": 7, "schema": 2}}}',
        encoding="utf-8")
    # The index has no row for any of them yet: listing them has to write it, and cannot.
    if kind == "full":
        fill(workspace.store_path)
        reason = "No space left on device"
    else:
        mounts.read_only_over(workspace.store_path)
        reason = "Read-only file system"
    listed = workspace.cli("list")
    assert listed.returncode == 2, listed.stderr
    assert "First case" in listed.stdout and "Second case" in listed.stdout
    assert "DAMAGED" in listed.stdout and "Broken case" in listed.stdout
    assert f"Could not update the index {workspace.store_path / 'poa.json'}: {reason}" \
        in listed.stderr
    doctor = workspace.cli("doctor")
    assert doctor.returncode == 2
    assert "ok    2 case file(s) read fine" in doctor.stdout
    assert f"PROBLEM could not rebuild the index: {reason.lower()}" in doctor.stdout
    assert "Traceback" not in listed.stderr + doctor.stderr
