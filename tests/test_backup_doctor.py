"""Backups, restore and doctor on real store folders."""

from __future__ import annotations

import os
import stat
import zipfile
from pathlib import Path

import pytest

from poa_tui.domain.errors import StoreError
from poa_tui.domain.models import Case, Sections
from poa_tui.storage import backups as backup
from poa_tui.storage import snapshots
from poa_tui.storage.doctor import run_doctor
from poa_tui.storage.store import CaseStore


def make_store(path: Path, count: int = 3) -> CaseStore:
    store = CaseStore(path)
    for n in range(count):
        store.create(Case(title=f"case {n}", sections=Sections(root_cause=f"text {n}")))
    return store


def test_snapshot_keeps_old_versions_after_later_saves(store_path: Path) -> None:
    store = make_store(store_path)
    snap = snapshots.take_snapshot(store)
    case = store.load(1)
    case.sections.root_cause = "changed after the backup"
    store.save(case)
    saved = (snap.path / "cases" / "1.json").read_text(encoding="utf-8")
    assert "text 0" in saved and "changed after" not in saved
    assert snap.cases == 3


def test_snapshots_rotate(store_path: Path) -> None:
    store = make_store(store_path, 1)
    for _ in range(5):
        snapshots.take_snapshot(store, keep=3)
    assert len(snapshots.list_backups(store)) == 3


def test_restore_from_snapshot_keeps_current_state_first(store_path: Path) -> None:
    store = make_store(store_path)
    snap = snapshots.take_snapshot(store)
    store.delete(2)
    case = store.load(1)
    case.title = "renamed later"
    store.save(case)
    store.create(Case(title="made after the backup"))
    safety, restored = backup.restore(store, snap.path)
    assert restored == 3
    assert sorted(s.title for s in store.summaries()) == ["case 0", "case 1", "case 2"]
    assert (safety.path / "cases" / "4.json").exists()


def test_archive_round_trip(store_path: Path, tmp_path: Path) -> None:
    store = make_store(store_path)
    target = tmp_path / "out" / "poa-backup.zip"
    made = backup.write_archive(store, target)
    assert made.cases == 3 and zipfile.is_zipfile(target)
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    with pytest.raises(StoreError):
        backup.write_archive(store, target)
    store.delete(1)
    backup.restore(store, target)
    assert store.load(1).title == "case 0"


def test_restore_refuses_garbage(store_path: Path, tmp_path: Path) -> None:
    store = make_store(store_path)
    junk = tmp_path / "junk.txt"
    junk.write_text("not a backup")
    with pytest.raises(StoreError):
        backup.restore(store, junk)
    assert len(store.summaries()) == 3


def test_restore_refuses_while_a_case_is_being_edited(store_path: Path) -> None:
    store = make_store(store_path)
    snap = snapshots.take_snapshot(store)
    with CaseStore(store_path).session_lock(1):
        with pytest.raises(StoreError, match="open by"):
            backup.restore(store, snap.path)


def test_doctor_quarantines_and_recovers_previous_version(store_path: Path) -> None:
    store = make_store(store_path)
    case = store.load(2)
    case.sections.root_cause = "second version"
    store.save(case)
    store.case_path(2).write_bytes(b"\x00\x01 torn")
    (store_path / "poa.json").write_text("{broken")
    os.chmod(store.case_path(1), 0o644)
    report = run_doctor(store_path)
    text = "\n".join(report.lines())
    assert "case 2: unreadable" in text and "previous version (revision 1) put back" in text
    assert "index unreadable" in text and "permissions tightened" in text
    assert report.healthy
    assert list(store.cases_dir.glob("2.json.corrupt-*"))
    reopened = CaseStore(store_path)
    assert reopened.load(2).sections.root_cause == "text 1"
    assert len(reopened.summaries()) == 3
    assert stat.S_IMODE(store.case_path(1).stat().st_mode) == 0o600


def test_doctor_reports_what_it_cannot_fix(store_path: Path) -> None:
    store = make_store(store_path, 1)
    store.case_path(1).write_text("nope")
    store.case_path(1).with_name("1.json.bak").unlink(missing_ok=True)
    report = run_doctor(store_path)
    assert not report.healthy
    assert any("no readable previous version" in line for line in report.unresolved)


def test_doctor_clears_stale_lock_records(store_path: Path) -> None:
    store = make_store(store_path, 1)
    lock = store.session_lock(1).acquire()
    path = store.session_lock_path(1)
    report = run_doctor(store_path)
    assert any("open for editing" in line for line in report.found)
    lock.release()
    path.write_text('{"user": "gone", "host": "h", "pid": 1, "since": "2024-01-01T00:00:00+00:00"}')
    report = run_doctor(store_path)
    assert any("lock record left" in line for line in report.done)


def test_backup_folders_are_private(store_path: Path) -> None:
    store = make_store(store_path, 1)
    snap = snapshots.take_snapshot(store)
    for folder in (snap.path.parent, snap.path, snap.path / "cases"):
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700
