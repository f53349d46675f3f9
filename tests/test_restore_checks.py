"""`restore` checks a whole backup before it changes anything, and a snapshot is listed only
once it is complete. Real store folders and real zip files."""

from __future__ import annotations

import json
import os
import zipfile
from pathlib import Path
from typing import Any

import pytest

from poa_tui.domain.errors import StoreError
from poa_tui.domain.models import Case, Sections
from poa_tui.storage import backups as backup
from poa_tui.storage import snapshots
from poa_tui.storage.store import CaseStore


def make_store(path: Path, count: int = 3) -> CaseStore:
    store = CaseStore(path)
    for n in range(count):
        store.create(Case(title=f"case {n + 1}", sections=Sections(root_cause=f"text {n}")))
    return store


def case_bytes(case_id: int, **changes: Any) -> bytes:
    doc = Case(id=case_id, title=f"restored {case_id}").to_dict()
    doc.update({"schema": 2, **changes})
    return json.dumps({"case": {"1": doc}}).encode()


def write_zip(path: Path, entries: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return path


def store_files(store: CaseStore) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(store.cases_dir.iterdir()) if p.is_file()}


@pytest.mark.parametrize("entries, reason", [
    ({"cases/7.json": case_bytes(1)}, "it holds case 1, not case 7"),
    ({"cases/-5.json": case_bytes(5)}, "is not named like a case file"),
    ({"cases/1_0.json": case_bytes(10)}, "is not named like a case file"),
    ({"cases/\u0663.json": case_bytes(3)}, "is not named like a case file"),
    ({"cases/03.json": case_bytes(3)}, "is not named like a case file"),
    ({"cases/sub/3.json": case_bytes(3)}, "is not named like a case file"),
    ({"cases/4.json": case_bytes(4, schema=99)}, "newer poa-tui"),
    ({"cases/4.json": case_bytes(4, schema=0)}, "data version (0)"),
    ({"cases/4.json": case_bytes(4, archived="false")}, "`archived` should be true or false"),
    ({"cases/4.json": case_bytes(4, created_at="9999-01-01T00:00:00+00:00")}, "outside the years"),
    ({"cases/1.json": case_bytes(1), "cases/2.json": b"{not json"}, "it is not valid JSON"),
])
def test_restore_refuses_a_bad_entry_and_changes_nothing(store_path: Path, tmp_path: Path,
                                                         entries, reason) -> None:
    store = make_store(store_path)
    before = store_files(store)
    source = write_zip(tmp_path / "bad.zip", entries)
    with pytest.raises(StoreError) as caught:
        backup.restore(store, source)
    assert reason in str(caught.value)
    assert store_files(store) == before
    assert snapshots.list_backups(store) == []
    assert [p.name for p in store.cases_dir.iterdir() if p.is_dir()] == []


def test_restore_reads_no_more_than_the_cap_whatever_the_zip_holds(store_path: Path,
                                                                  tmp_path: Path) -> None:
    store = make_store(store_path)
    before = store_files(store)
    big = b'{"case": {"1": {"title": "' + b" " * (backup.MAX_ENTRY_BYTES + 1) + b'"}}}'
    source = write_zip(tmp_path / "bomb.zip", {"cases/1.json": big})
    assert source.stat().st_size < 1 << 20  # a small zip...
    with pytest.raises(StoreError) as caught:  # ...whose entry would not fit the cap
        backup.restore(store, source)
    assert "larger than 64 MB" in str(caught.value)
    assert store_files(store) == before


def test_restore_caps_the_total_size(store_path: Path, tmp_path: Path,
                                     monkeypatch: pytest.MonkeyPatch) -> None:
    store = make_store(store_path)
    monkeypatch.setattr(backup, "MAX_TOTAL_BYTES", 1000)
    entries = {f"cases/{n}.json": case_bytes(n, notes="x" * 400) for n in (1, 2, 3)}
    with pytest.raises(StoreError) as caught:
        backup.restore(store, write_zip(tmp_path / "many.zip", entries))
    assert "add up to more than" in str(caught.value)


def test_restore_refuses_a_fifo_in_a_snapshot_folder(store_path: Path,
                                                         tmp_path: Path) -> None:
    store = make_store(store_path)
    snap = snapshots.take_snapshot(store)
    os.mkfifo(snap.path / "cases" / "9.json")
    with pytest.raises(StoreError) as caught:
        backup.restore(store, snap.path)
    assert "cases/9.json cannot be restored: it is a named pipe" in str(caught.value)


def test_a_snapshot_interrupted_half_way_is_never_listed(store_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    store = make_store(store_path, 5)
    whole = snapshots.take_snapshot(store)
    real_link = os.link
    linked: list[str] = []

    def link_then_stop(source: Any, dest: Any, *args: Any, **kwargs: Any) -> None:
        if len(linked) == 3:
            raise KeyboardInterrupt
        linked.append(str(dest))
        real_link(source, dest, *args, **kwargs)

    monkeypatch.setattr(os, "link", link_then_stop)
    with pytest.raises(KeyboardInterrupt):
        snapshots.take_snapshot(store)
    monkeypatch.undo()
    assert [snap.path for snap in snapshots.list_backups(store)] == [whole.path]
    assert list((store_path / "backups").iterdir()) == [whole.path]


def test_a_restore_interrupted_while_replacing_files_puts_the_store_back(
        store_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store = make_store(store_path, 4)
    before = {case_id: store.load(case_id).title for case_id in store.case_ids()}
    source = write_zip(tmp_path / "other.zip",
                       {f"cases/{n}.json": case_bytes(n) for n in (1, 2, 7)})
    real_replace = os.replace
    calls: list[str] = []

    def replace_then_stop(source: Any, dest: Any, *args: Any, **kwargs: Any) -> None:
        if str(dest).endswith("cases/2.json") and ".staging-" in str(source):
            raise KeyboardInterrupt
        calls.append(str(dest))
        real_replace(source, dest, *args, **kwargs)

    monkeypatch.setattr(os, "replace", replace_then_stop)
    with pytest.raises(KeyboardInterrupt):
        backup.restore(store, source)
    monkeypatch.undo()
    assert any(call.endswith("cases/1.json") for call in calls), "stopped part-way"
    assert {case_id: store.load(case_id).title for case_id in store.case_ids()} == before
    assert [p.name for p in store.cases_dir.iterdir() if p.is_dir()] == []
