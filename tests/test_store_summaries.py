"""CaseStore.summaries(): what an unchanged store costs, and that every change is still seen.

The case list calls `summaries()` every few seconds. Between changes it must not read the
index or any case file again; after a change (here or in another process) it must show it.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from poa_tui.domain.case_summary import CaseSummary
from poa_tui.domain.models import Case, Notice
from poa_tui.storage import index as store_module
from poa_tui.storage.store import CaseStore


@pytest.fixture
def filled(store: CaseStore) -> CaseStore:
    store.import_cases(Case(title=f"case {n}", seller="Oak Lane",
                            notice=Notice(asins=[f"B0000000{n:02d}"])) for n in range(12))
    store.summaries()
    return store


def count_reads(store: CaseStore, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Record each case file loaded, each index read and each index row parsed."""
    reads: list[str] = []
    real_load, real_read = store.load, store._read_index
    monkeypatch.setattr(store, "load", lambda case_id: reads.append(f"case {case_id}")
                        or real_load(case_id))
    monkeypatch.setattr(store, "_read_index", lambda: reads.append("index") or real_read())
    real_row = CaseSummary.from_row.__func__  # type: ignore[attr-defined]
    monkeypatch.setattr(CaseSummary, "from_row",
                        classmethod(lambda cls, row: reads.append("row") or real_row(cls, row)))
    return reads


def test_an_unchanged_store_is_not_read_again(filled: CaseStore,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    first = filled.summaries(include_archived=True)
    reads = count_reads(filled, monkeypatch)
    again = filled.summaries(include_archived=True)
    assert reads == []
    assert again == first and again is not first
    assert all(a is b for a, b in zip(again, first)), "the same summaries, not copies"
    again.clear()
    assert len(filled.summaries(include_archived=True)) == 12, "callers get their own list"


def test_a_change_by_another_writer_is_seen_and_only_it_is_read(
        filled: CaseStore, monkeypatch: pytest.MonkeyPatch) -> None:
    before = {row.id: row for row in filled.summaries()}
    other = CaseStore(filled.root)
    case = other.load(5)
    case.title = "renamed elsewhere"
    other.save(case)
    reads = count_reads(filled, monkeypatch)
    after = {row.id: row for row in filled.summaries()}
    assert after[5].title == "renamed elsewhere"
    assert reads.count("row") + reads.count("case 5") == 1, "only the changed case is read"
    assert all(after[i] is before[i] for i in before if i != 5)


def test_deleted_and_new_cases_show(filled: CaseStore) -> None:
    filled.summaries()
    other = CaseStore(filled.root)
    other.delete(3)
    created = other.create(Case(title="new elsewhere")).id
    ids = [row.id for row in filled.summaries()]
    assert 3 not in ids and created in ids and len(ids) == 12


def test_the_index_keeps_every_row_after_another_process_emptied_it(filled: CaseStore) -> None:
    filled.summaries()
    CaseStore(filled.root).rebuild_index()  # leaves a full index...
    data = filled._read_index()
    data["cases"] = {key: row for key, row in data["cases"].items() if key != "7"}
    filled._write_index(data)  # ...minus one row, as if a writer stopped half-way
    case = filled.load(2)
    case.notes = "touched"
    filled.save(case)
    filled.summaries()
    assert "7" in filled._read_index()["cases"], "a row this process knew is written back"
    fresh = CaseStore(filled.root)
    assert sorted(row.id for row in fresh.summaries()) == list(range(1, 13))


def test_an_unreadable_file_stays_reported(filled: CaseStore) -> None:
    bad = filled.cases_dir / "99.json"
    bad.write_text("{ not json", encoding="utf-8")
    assert len(filled.summaries()) == 13
    assert [row.id for row in filled.summaries() if row.damaged] == [99]
    assert [Path(str(p.path)).name for p in filled.problems] == ["99.json"]
    filled.summaries()
    assert [Path(str(p.path)).name for p in filled.problems] == ["99.json"], "when unchanged"
    case = filled.load(1)
    case.notes = "touched"
    filled.save(case)
    filled.summaries()
    assert [Path(str(p.path)).name for p in filled.problems] == ["99.json"], "after a change"
    os.unlink(bad)
    filled.summaries()
    assert filled.problems == []


def test_archived_cases_are_left_out_unless_asked(filled: CaseStore) -> None:
    case = filled.load(4)
    case.archived = True
    filled.save(case)
    assert 4 not in [row.id for row in filled.summaries()]
    assert 4 in [row.id for row in filled.summaries(include_archived=True)]
    assert 4 not in [row.id for row in filled.summaries()], "each variant kept apart"


def count_index_parses(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    from poa_tui.storage import files as storage

    parsed: list[str] = []
    real = storage.read_json_file
    monkeypatch.setattr(storage, "read_json_file",
                        lambda path: parsed.append(Path(path).name) or real(path))
    return parsed


def test_opening_and_listing_parse_the_index_once(filled: CaseStore,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    parsed = count_index_parses(monkeypatch)
    reopened = CaseStore(filled.root)
    assert len(reopened.summaries()) == 12
    assert parsed == ["poa.json"]


def test_an_index_changed_after_opening_is_read_again(filled: CaseStore,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    reopened = CaseStore(filled.root)
    CaseStore(filled.root).create(Case(title="while the other was opening"))
    parsed = count_index_parses(monkeypatch)
    titles = [row.title for row in reopened.summaries()]
    assert "while the other was opening" in titles
    assert parsed.count("poa.json") >= 1


@pytest.mark.parametrize("written, read", [
    ("2025-03-01T09:30:00+00:00", "2025-03-01T09:30:00+00:00"),
    ("2025-03-01T09:30:00Z", "2025-03-01T09:30:00+00:00"),
    ("2025-03-01T11:30:00+02:00", "2025-03-01T09:30:00+00:00"),  # another writer's offset
    ("2025-03-01T09:30:00", "2025-03-01T09:30:00+00:00"),  # naive: taken as UTC
])
def test_index_rows_read_every_timestamp_shape_as_utc(written: str, read: str) -> None:
    row = CaseSummary.of(Case(id=3, title="t")).to_row()
    row.update(updated_at=written, created_at=written, last_submitted_at=written,
               status="needs_revision", last_outcome="insufficient_poa")
    summary = CaseSummary.from_row(row)
    for stamp in (summary.updated_at, summary.created_at, summary.last_submitted_at):
        assert stamp is not None and stamp.isoformat() == read
        assert stamp.utcoffset() is not None and not stamp.utcoffset()
    assert (summary.status.value, summary.last_outcome.value) == ("needs_revision",
                                                                  "insufficient_poa")
    assert CaseSummary.from_row(summary.to_row()) == summary


def settle_folder(store: CaseStore, seconds_ago: float = 10.0) -> None:
    """Date `cases/` back, as if nothing had been written there for a while."""
    when = time.time() - seconds_ago
    os.utime(store.cases_dir, (when, when))


def edit_in_place(store: CaseStore, case_id: int, old: str, new: str) -> None:
    """Rewrite a case file without replacing it, as a text editor might (the folder keeps its
    modification time)."""
    path = store.case_path(case_id)
    stamp = os.stat(store.cases_dir)
    path.write_bytes(path.read_bytes().replace(old.encode(), new.encode()))
    os.utime(store.cases_dir, ns=(stamp.st_atime_ns, stamp.st_mtime_ns))


def test_a_settled_folder_is_not_scanned_until_it_changes(
        filled: CaseStore, monkeypatch: pytest.MonkeyPatch) -> None:
    settle_folder(filled)
    filled.summaries()
    scans: list[int] = []
    real_scan = filled._scan_case_files
    monkeypatch.setattr(filled, "_scan_case_files", lambda: scans.append(1) or real_scan())
    filled.summaries()
    assert scans == [], "nothing in cases/ changed: not even a scan"
    other = CaseStore(filled.root)
    case = other.load(4)
    case.title = "written by another session"
    other.save(case)  # a new file replaces the old one: the folder changes
    assert any(row.title == "written by another session" for row in filled.summaries())
    assert scans == [1]


def test_a_file_edited_in_place_shows_within_the_full_scan_period(
        filled: CaseStore, monkeypatch: pytest.MonkeyPatch) -> None:
    settle_folder(filled)
    filled.summaries()
    edit_in_place(filled, 6, '"case 5"', '"edited by hand"')
    assert all(row.title != "edited by hand" for row in filled.summaries())
    later = time.monotonic() + store_module.FULL_SCAN_SECONDS + 1
    monkeypatch.setattr(time, "monotonic", lambda: later)
    assert any(row.title == "edited by hand" for row in filled.summaries())


def test_a_recently_changed_folder_is_scanned_every_time(filled: CaseStore) -> None:
    filled.summaries()  # the folder was written a moment ago: its time is not trusted
    edit_in_place(filled, 6, '"case 5"', '"edited by hand"')
    assert any(row.title == "edited by hand" for row in filled.summaries())


def count_scans(store: CaseStore, monkeypatch: pytest.MonkeyPatch) -> list[int]:
    scans: list[int] = []
    real_scan = store._scan_case_files
    monkeypatch.setattr(store, "_scan_case_files", lambda: scans.append(1) or real_scan())
    return scans


def test_unverified_first_summaries_read_the_index_alone_then_get_checked(
        filled: CaseStore, monkeypatch: pytest.MonkeyPatch) -> None:
    other = CaseStore(filled.root)
    case = other.load(3)
    case.title = "changed while the app was closed"
    other.save(case)  # the case file moves on; the index still has the old row
    opened = CaseStore(filled.root)
    scans = count_scans(opened, monkeypatch)
    first = {row.id: row.title for row in opened.summaries(verify=False)}
    assert scans == [] and len(first) == 12
    assert first[3] == "case 2", "the index as it was written"
    checked = {row.id: row.title for row in opened.summaries()}
    assert scans == [1] and checked[3] == "changed while the app was closed"


def test_without_index_rows_the_first_summaries_look_at_the_files(
        filled: CaseStore, monkeypatch: pytest.MonkeyPatch) -> None:
    data = filled._read_index()
    data["cases"] = {}
    filled._write_index(data)  # as after `rebuild_index` began, or a lost index
    opened = CaseStore(filled.root)
    scans = count_scans(opened, monkeypatch)
    assert len(opened.summaries(verify=False)) == 12
    assert scans == [1]


def test_rows_written_before_the_last_channel_was_kept_are_read_again_once(
        store: CaseStore, monkeypatch: pytest.MonkeyPatch) -> None:
    from poa_tui.domain.vocab import Channel

    case = store.create(Case(title="escalated"))
    case.record_submission(Channel.ESCALATION)
    store.save(case)
    store.summaries()
    data = store._read_index()
    for row in data["cases"].values():
        del row["last_channel"]
    store._write_index(data)
    reopened = CaseStore(store.root)
    reads = count_reads(reopened, monkeypatch)
    assert [row.last_channel for row in reopened.summaries()] == [Channel.ESCALATION]
    assert f"case {case.id}" in reads
    again = CaseStore(store.root)
    reads = count_reads(again, monkeypatch)
    assert [row.last_channel for row in again.summaries()] == [Channel.ESCALATION]
    assert f"case {case.id}" not in reads


def test_kept_check_results_outlive_index_writes_and_drop_unlisted_cases(
        filled: CaseStore) -> None:
    ids = filled.case_ids()
    filled.keep_checks({ids[0]: ([1, 500, 1200, 1], {"blocker": 2, "warning": 0}),
                        ids[1]: ([4, 500, 1200, 1], {"warning": 1})})
    case = filled.load(ids[2])
    case.title += " (renamed)"
    filled.save(case)
    filled.summaries()  # rewrites the index's rows
    again = CaseStore(filled.root)
    assert again.kept_checks() == {ids[0]: ([1, 500, 1200, 1], {"blocker": 2, "warning": 0}),
                                   ids[1]: ([4, 500, 1200, 1], {"warning": 1})}
    again.keep_checks({}, listed={ids[1]})
    assert set(CaseStore(filled.root).kept_checks()) == {ids[1]}


def test_a_damaged_kept_check_result_is_left_out(filled: CaseStore) -> None:
    ids = filled.case_ids()
    filled.keep_checks({ids[0]: ([1, 500, 1200, 1], {"blocker": 2})})
    data = filled._index_db().storage.read()
    data["checks"]["x"] = {"key": 3}
    data["checks"][str(ids[1])] = {"counts": {"blocker": "many"}, "key": [1]}
    filled._index_db().storage.write(data)
    assert CaseStore(filled.root).kept_checks() == {ids[0]: ([1, 500, 1200, 1], {"blocker": 2})}
