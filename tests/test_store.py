"""CaseStore: round trips, layout, permissions, corrupt files, revisions, migration, locks."""

from __future__ import annotations

import json
import os
import stat
from datetime import date, datetime, timezone
from pathlib import Path

import pytest

from poa_tui.domain.errors import (
    CaseNotFoundError,
    ConflictError,
    CorruptFileError,
    NewerSchemaError,
    WriteFailedError,
)
from poa_tui.domain.models import Case, EvidenceItem, Metric, Notice, Reply, Request, Sections
from poa_tui.domain.vocab import Channel, Outcome, Scope, Status, ViolationType
from poa_tui.storage.locks import CaseLockedError
from poa_tui.storage.migrations import SCHEMA_VERSION
from poa_tui.storage.store import CaseStore


def full_case() -> Case:
    case = Case(
        title="Kitchen knives – authenticity",
        seller="Ærø Home Ltd",
        marketplace="amazon.co.uk",
        scope=Scope.ACCOUNT,
        violation_type=ViolationType.INAUTHENTIC,
        notice=Notice(text="Hello,\nWe have deactivated…", received=date(2024, 10, 14),
                      deadline=date(2024, 10, 31), asins=["B0ABCDEFGH"],
                      order_ids=["203-1234567-1234567"], metrics=[Metric("ODR", "2.1%", "1%")],
                      appeal_limit=2),
        sections=Sections(root_cause="We bought **200 units** from 刀具 supplier 🔪.",
                          immediate_remedy="1. Removed stock\n2. Refunded buyers",
                          systematic_changes="- Audit\n  - monthly"),
        notes="Call Tom.",
        evidence=[EvidenceItem("Invoices ≤365 days", done=True, note="from supplier", key="invoices")],
    )
    return case


def test_round_trip_keeps_every_field(store: CaseStore) -> None:
    case = store.create(full_case())
    attempt = case.record_submission(Channel.ACCOUNT_HEALTH,
                                     when=datetime(2024, 10, 20, 9, 30, tzinfo=timezone.utc))
    attempt.reply = Reply(received_at=datetime(2024, 10, 22, tzinfo=timezone.utc),
                          text="We need greater detail.", outcome=Outcome.INSUFFICIENT_POA,
                          requests=[Request("Greater detail on the root cause")])
    store.save(case)
    loaded = CaseStore(store.root).load(case.id)
    assert loaded == case
    assert loaded.status is Status.NEEDS_REVISION
    assert loaded.to_dict() == case.to_dict()


def test_ids_count_up_and_survive_a_lost_index(store: CaseStore) -> None:
    ids = [store.create(Case(title=f"case {n}")).id for n in range(3)]
    assert ids == [1, 2, 3]
    store.index_path.unlink()
    reopened = CaseStore(store.root)
    assert reopened.create(Case(title="four")).id == 4
    assert [s.id for s in reopened.summaries()] == [4, 3, 2, 1]


def test_layout_files_are_private(store: CaseStore) -> None:
    case = store.create(Case(title="x"))
    store.save(case)
    for path in (store.index_path, store.case_path(case.id)):
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
    for folder in (store.root, store.cases_dir, store.locks_dir):
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert store.case_path(case.id).with_name(f"{case.id}.json.bak").exists()


def test_an_existing_folder_keeps_its_mode_and_what_the_store_makes_is_private(
        store_path: Path) -> None:
    # The folder may be shared on purpose; poa-tui changes only what it creates (issue 12).
    store_path.mkdir(mode=0o755)
    os.chmod(store_path, 0o755)
    CaseStore(store_path)
    assert stat.S_IMODE(store_path.stat().st_mode) == 0o755
    assert stat.S_IMODE((store_path / "cases").stat().st_mode) == 0o700


def test_files_are_utf8_json(store: CaseStore) -> None:
    case = store.create(full_case())
    raw = store.case_path(case.id).read_bytes()
    assert "刀具".encode() in raw
    assert json.loads(raw.decode("utf-8"))["case"]["1"]["title"] == case.title


def test_revision_conflict_is_detected(store: CaseStore) -> None:
    mine = store.create(Case(title="t"))
    theirs = store.load(mine.id)
    theirs.sections.root_cause = "from the command line"
    store.save(theirs)
    mine.sections.root_cause = "from the editor"
    with pytest.raises(ConflictError) as caught:
        store.save(mine)
    assert caught.value.found == theirs.revision
    assert store.load(mine.id).sections.root_cause == "from the command line"


@pytest.mark.parametrize("content", [b"", b"{not json", b"\xff\xfe\x00garbage", b"[1, 2]",
                                     b'{"case": {"1": {"scope": "galaxy"}}}'])
def test_corrupt_case_file_is_refused_and_untouched(store: CaseStore, content: bytes) -> None:
    case = store.create(Case(title="fine"))
    path = store.case_path(case.id)
    path.write_bytes(content)
    before = path.read_bytes()
    with pytest.raises(CorruptFileError) as caught:
        store.load(case.id)
    assert str(path) in str(caught.value)
    case.title = "overwrite attempt"
    with pytest.raises(CorruptFileError):
        store.save(case)
    assert path.read_bytes() == before
    (row,) = store.summaries()  # listed as damaged, with the reason
    assert (row.id, row.damaged) == (case.id, store.problems[0].reason)
    assert [p.path for p in store.problems] == [path]
    assert path.read_bytes() == before


def test_corrupt_index_is_reported_and_untouched(store_path: Path) -> None:
    CaseStore(store_path).create(Case(title="x"))
    index = store_path / "poa.json"
    index.write_text('{"meta": {"1": {"schema_version": 2, "next_id"', encoding="utf-8")
    before = index.read_bytes()
    store = CaseStore(store_path)  # the cases are still listed, from their files
    assert [row.title for row in store.summaries()] == ["x"]
    assert ["poa.json" in str(problem) for problem in store.problems] == [True]
    with pytest.raises(CorruptFileError) as caught:  # a new id needs the index
        store.create(Case(title="y"))
    assert "poa.json" in str(caught.value)
    assert index.read_bytes() == before


def test_store_path_that_is_a_file_is_refused(tmp_path: Path) -> None:
    target = tmp_path / "notes.txt"
    target.write_text("mine")
    with pytest.raises(CorruptFileError):
        CaseStore(target)
    assert target.read_text() == "mine"


def test_unknown_case(store: CaseStore) -> None:
    with pytest.raises(CaseNotFoundError):
        store.load(42)
    with pytest.raises(CaseNotFoundError):
        store.delete(42)


def test_delete_moves_to_trash(store: CaseStore) -> None:
    case = store.create(Case(title="gone"))
    target = store.delete(case.id)
    assert target.exists() and target.parent == store.trash_dir
    assert not store.exists(case.id)
    assert store.summaries() == []


def test_summaries_follow_other_writers(store_path: Path) -> None:
    first, second = CaseStore(store_path), CaseStore(store_path)
    case = first.create(Case(title="old title"))
    assert [s.title for s in second.summaries()] == ["old title"]
    case.title = "new title"
    case.archived = True
    first.save(case)
    assert second.summaries() == []
    assert [s.title for s in second.summaries(include_archived=True)] == ["new title"]


def test_summary_filter_matches_asins_and_orders(store: CaseStore) -> None:
    store.create(full_case())
    (row,) = store.summaries()
    assert row.matches("b0abcdefgh") and row.matches("203-1234567") and row.matches("ærø")
    assert not row.matches("zzz")


def test_import_many_at_once(store: CaseStore) -> None:
    ids = store.import_cases(Case.from_dict({"title": f"bulk {n}"}) for n in range(300))
    assert ids == list(range(1, 301))
    assert len(store.summaries()) == 300


def test_newer_schema_is_refused(store_path: Path) -> None:
    store = CaseStore(store_path)
    store.create(Case(title="x"))
    index = json.loads((store_path / "poa.json").read_text())
    index["meta"]["1"]["schema_version"] = SCHEMA_VERSION + 1
    (store_path / "poa.json").write_text(json.dumps(index))
    with pytest.raises(NewerSchemaError):
        CaseStore(store_path)


def test_migration_runs_on_open_after_a_backup(store_path: Path) -> None:
    store = CaseStore(store_path)
    case = store.create(Case(title="old", notice=Notice(received=date(2024, 1, 2))))
    path = store.case_path(case.id)
    data = json.loads(path.read_text())
    doc = data["case"]["1"]
    doc["schema"] = 1
    doc["notice"]["date"] = doc["notice"].pop("received")
    doc.pop("closed")
    path.write_text(json.dumps(data))
    index = json.loads((store_path / "poa.json").read_text())
    index["meta"]["1"]["schema_version"] = 1
    (store_path / "poa.json").write_text(json.dumps(index))
    calls: list[int] = []
    migrated = CaseStore(store_path, before_migration=lambda s: calls.append(s.schema_version))
    assert calls == [1]
    assert migrated.schema_version == SCHEMA_VERSION
    assert json.loads(path.read_text())["case"]["1"]["schema"] == SCHEMA_VERSION
    assert migrated.load(case.id).notice.received == date(2024, 1, 2)


def test_migration_takes_a_backup_by_default(store_path: Path) -> None:
    from poa_tui.storage.snapshots import list_backups

    store = CaseStore(store_path)
    store.create(Case(title="old"))
    index = json.loads((store_path / "poa.json").read_text())
    index["meta"]["1"]["schema_version"] = 1
    (store_path / "poa.json").write_text(json.dumps(index))
    migrated = CaseStore(store_path)
    (snapshot,) = list_backups(migrated)
    assert json.loads((snapshot.path / "poa.json").read_text())["meta"]["1"]["schema_version"] == 1


def test_session_lock_excludes_a_second_session(store: CaseStore) -> None:
    case = store.create(Case(title="x"))
    with store.session_lock(case.id) as held:
        assert store.lock_holder(case.id) == held.holder
        with pytest.raises(CaseLockedError) as caught:
            CaseStore(store.root).session_lock(case.id).acquire()
        assert str(os.getpid()) in str(caught.value)
    assert store.lock_holder(case.id) is None
    store.session_lock(case.id).acquire().release()


@pytest.mark.skipif(os.geteuid() == 0, reason="root ignores file permissions")
def test_read_only_folder_reports_write_failure(store: CaseStore) -> None:  # pragma: no cover
    case = store.create(Case(title="x"))
    os.chmod(store.cases_dir, 0o500)
    try:
        case.notes = "more"
        with pytest.raises(WriteFailedError):
            store.save(case)
    finally:
        os.chmod(store.cases_dir, 0o700)


def test_save_recreates_a_deleted_data_folder(store: CaseStore) -> None:
    import shutil

    case = store.create(Case(title="survivor", sections=Sections(root_cause="text")))
    shutil.rmtree(store.root)
    case.sections.root_cause = "text typed after the folder vanished"
    store.save(case)
    assert CaseStore(store.root).load(case.id).sections.root_cause.endswith("vanished")
