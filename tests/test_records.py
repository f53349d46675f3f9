"""Every record is checked against the model on its way in; one bad case file is a damaged row
and never takes the rest of the store down. Real store folders, files as the store writes them."""

from __future__ import annotations

import json
import os
import threading
from pathlib import Path
from typing import Any

import pytest

from poa_tui.domain.clocks import clocks_for
from poa_tui.domain.errors import CorruptFileError, UnreadableFileError
from poa_tui.domain.models import Case, RecordError, Sections
from poa_tui.storage.store import CaseStore


def write_case_file(store: CaseStore, case_id: int, doc: Any) -> Path:
    """A case file as the store writes it (TinyDB's table `case`, document 1), holding `doc`."""
    path = store.case_path(case_id)
    path.write_text(json.dumps({"case": {"1": doc}}), encoding="utf-8")
    return path


def sound_doc(case_id: int, **changes: Any) -> dict[str, Any]:
    doc = Case(id=case_id, title=f"case {case_id}",
               sections=Sections(root_cause="We shipped late.")).to_dict()
    doc["schema"] = 2
    doc.update(changes)
    return doc


def attempt(number: Any, **changes: Any) -> dict[str, Any]:
    return {"number": number, "submitted_at": "2025-03-01T10:00:00+00:00",
            "channel": "account_health", "sections": {}, **changes}


WRONG_SHAPES = [
    ({"sections": 7}, "`sections` should be an object, not a number"),
    ({"notice": "a notice"}, "`notice` should be an object, not text"),
    ({"evidence": {"label": "x"}}, "`evidence` should be a list"),
    ({"title": ["a"]}, "`title` should be text, not a list"),
    ({"archived": "false"}, "`archived` should be true or false, not text"),
    ({"notice": {"appeal_limit": "three"}}, "`notice.appeal_limit` should be a whole number"),
    ({"notice": {"deadline": "9999-12-31"}}, "outside the years 1900 to 2999"),
    ({"submissions": [attempt(1, submitted_at="9999-12-31T23:59:59+00:00")]},
     "`submissions[0].submitted_at`"),
    ({"submissions": [attempt(1, submitted_at="0001-01-01T00:00:00+00:00")]},
     "outside the years"),
    ({"submissions": [attempt(-2)]}, "`submissions[0].number` should be between 1"),
    ({"submissions": [attempt(1), attempt(1)]}, "number attempt 1 more than once"),
    ({"submissions": [attempt(1, reply="denied")]}, "`submissions[0].reply` should be an object"),
    ({"revision": 1.5}, "`revision` should be a whole number"),
]


@pytest.mark.parametrize("change, reason", WRONG_SHAPES)
def test_the_model_refuses_values_of_the_wrong_type_or_range(change, reason) -> None:
    with pytest.raises(RecordError) as caught:
        Case.from_dict(sound_doc(1, **change))
    assert reason in str(caught.value)


def test_a_sound_case_reads_back_as_written() -> None:
    doc = sound_doc(3, submissions=[attempt(1, reply={"received_at": "2025-03-04T09:00:00Z",
                                                       "text": "no", "outcome": "denied"})])
    case = Case.from_dict(doc)
    assert Case.from_dict(case.to_dict()) == case


@pytest.mark.parametrize("change, reason", WRONG_SHAPES + [
    ({"schema": 0}, "data version (0)"),
    ({"schema": "2"}, "data version (2)"),
    ({"id": 5}, "it holds case 5, not case 2"),
])
def test_a_bad_case_is_a_damaged_row_and_the_others_still_work(store: CaseStore, change,
                                                                reason) -> None:
    store.create(Case(title="sound one"))
    path = write_case_file(store, 2, sound_doc(2, **change))
    store.create(Case(title="sound two"))
    rows = {row.id: row for row in store.summaries(include_archived=True)}
    assert sorted(rows) == [1, 2, 3]
    assert reason in rows[2].damaged
    assert rows[2].title == ("case 2" if "title" not in change else "")
    assert not rows[1].damaged and not rows[3].damaged
    with pytest.raises(CorruptFileError) as caught:
        store.load(2)
    assert "case 2" in str(caught.value) and reason in str(caught.value)
    assert [problem.path for problem in store.problems] == [path]
    clocks_for(rows[2], rows[2].updated_at.date())  # no date in the row can overflow
    assert store.load(3).title == "sound two"


def test_a_fifo_in_cases_does_not_hang_the_list(store: CaseStore) -> None:
    store.create(Case(title="sound"))
    os.mkfifo(store.cases_dir / "2.json")
    found: list[Any] = []
    reader = threading.Thread(target=lambda: found.append(store.summaries()), daemon=True)
    reader.start()
    reader.join(timeout=20)
    if reader.is_alive():  # let the stuck reader go, then fail
        fd = os.open(store.cases_dir / "2.json", os.O_WRONLY | os.O_NONBLOCK)
        os.close(fd)
        pytest.fail("reading the store hung on a FIFO")
    rows = {row.id: row for row in found[0]}
    assert "named pipe" in rows[2].damaged and not rows[1].damaged


def test_a_folder_named_like_a_case_is_a_damaged_row(store: CaseStore) -> None:
    store.create(Case(title="sound"))
    (store.cases_dir / "2.json").mkdir()
    rows = {row.id: row for row in store.summaries()}
    assert "a folder" in rows[2].damaged


def test_names_that_only_look_like_ids_are_not_cases(store: CaseStore) -> None:
    store.create(Case(title="sound"))
    for name in ("-5.json", "1_0.json", "\u0663.json", "007.json", "1.json\n"):
        write_case_file(store, 1, sound_doc(1)).with_name(name).write_text("{}")
    assert store.case_ids() == [1]
    assert [row.id for row in store.summaries()] == [1]


@pytest.mark.parametrize("index", [
    {"meta": {"1": 7}, "cases": {}},
    {"meta": {"1": {"schema_version": "two", "next_id": 1}}},
    {"meta": {"1": {"schema_version": 2, "next_id": 1}}, "cases": {"1": 5, "2": {"id": "x"}}},
    {"meta": {"1": {"schema_version": 2, "next_id": 1}},
     "cases": {"1": {"id": 1, "_mtime_ns": 0, "_size": 0, "deadline": "9999-12-31",
                     "appeal_limit": "three", "created_at": "0001-01-01T00:00:00+00:00"}}},
])
def test_an_index_of_the_wrong_shape_still_lists_the_cases(store_path: Path, index) -> None:
    CaseStore(store_path).create(Case(title="kept"))
    (store_path / "poa.json").write_text(json.dumps(index), encoding="utf-8")
    store = CaseStore(store_path)
    rows = store.summaries(verify=False) + store.summaries()
    assert {(row.id, row.title, row.damaged) for row in rows} == {(1, "kept", "")}
    for row in rows:
        clocks_for(row, row.updated_at.date())


def deny_reading(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Opening `path` fails with EACCES, as for a file of another user (the tests run as root,
    for whom permission bits stop nothing)."""
    denied = str(path)
    real_open = os.open

    def refusing_open(name: Any, flags: int, *args: Any, **kwargs: Any) -> int:
        if os.fspath(name) == denied:
            raise PermissionError(13, "Permission denied", denied)
        return real_open(name, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", refusing_open)


def test_permission_denied_is_not_corruption(store: CaseStore,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    store.create(Case(title="intact"))
    deny_reading(store.case_path(1), monkeypatch)
    with pytest.raises(UnreadableFileError) as caught:
        store.load(1)
    assert "permission denied" in str(caught.value) and "doctor" in str(caught.value)


# -- doctor ------------------------------------------------------------------------------------

def doctor_lines(root: Path) -> list[str]:
    from poa_tui.storage.doctor import run_doctor

    return run_doctor(root).lines()


@pytest.mark.parametrize("content", [
    b"7", b"null", b'"text"', b"[]", b'{"case": 7}', b'{"case": {"1": 7}}',
    b'{"case": {"1": {"schema": 0}}}', b'{"case": {"1": {"schema": [2]}}}',
    b'{"case": {"1": {"notice": 5, "schema": 1}}}', b"[" * 100_000,
])
def test_doctor_sets_any_bad_json_aside_and_never_crashes(store: CaseStore, content) -> None:
    store.create(Case(title="sound"))
    store.case_path(2).write_bytes(content)
    lines = doctor_lines(store.root)
    assert any(line.startswith("fixed case 2: unreadable") for line in lines), lines
    assert "ok    1 case file(s) read fine" in lines
    assert [row.id for row in store.summaries()] == [1]


def make_socket(path: Path) -> None:
    import socket

    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    server.bind(str(path))
    server.close()  # the socket file stays


@pytest.mark.parametrize("make", [os.mkfifo, os.mkdir, make_socket])
def test_doctor_sets_a_special_file_aside(store: CaseStore, make) -> None:
    store.create(Case(title="sound"))
    make(store.cases_dir / "2.json")
    make(store.cases_dir / "2.json.bak")
    make(store.root / "poa.json.tmp")
    lines = doctor_lines(store.root)
    assert any(line.startswith("fixed case 2: unreadable (it is a") for line in lines), lines
    assert any("case 2: no readable previous version" in line for line in lines)
    assert [row.id for row in store.summaries()] == [1]


def test_doctor_sets_aside_an_index_that_is_a_fifo(store: CaseStore) -> None:
    store.create(Case(title="sound"))
    store.index_path.unlink()
    os.mkfifo(store.index_path)
    lines = doctor_lines(store.root)
    assert any(line.startswith("fixed index unreadable (it is a named pipe") for line in lines)
    assert [row.title for row in CaseStore(store.root).summaries()] == ["sound"]


def test_doctor_leaves_a_case_it_may_not_read_where_it_is(
        store: CaseStore, monkeypatch: pytest.MonkeyPatch) -> None:
    case = store.create(Case(title="intact"))
    case.title = "intact, second revision"
    store.save(case)
    before = store.case_path(1).read_bytes()
    deny_reading(store.case_path(1), monkeypatch)
    lines = doctor_lines(store.root)
    monkeypatch.undo()
    assert any(line.startswith("PROBLEM case 1: cannot read 1.json (permission denied)")
               for line in lines), lines
    assert not any("previous version" in line for line in lines)
    assert store.case_path(1).read_bytes() == before
    assert store.load(1).revision == 2


# -- a store that cannot be written (read-only, or a full disk) ----------------------------------

def refuse_writes_under(root: Path, code: int, monkeypatch: pytest.MonkeyPatch) -> None:
    """Make every write under `root` fail with `code` (EROFS, ENOSPC) as the kernel would: the
    tests run as root, for whom permission bits stop nothing."""
    import builtins
    import errno

    inside = str(root)

    def refuse(path: Any) -> None:
        if os.fspath(path).startswith(inside):
            raise OSError(code, os.strerror(code), os.fspath(path))

    def guarded(real: Any, paths: int = 1) -> Any:
        def call(*args: Any, **kwargs: Any) -> Any:
            for path in args[:paths]:
                refuse(path)
            return real(*args, **kwargs)
        return call

    real_open, real_builtin_open = os.open, builtins.open
    writing = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_TRUNC | os.O_APPEND

    def open_(path: Any, flags: int, *args: Any, **kwargs: Any) -> int:
        if flags & writing:
            refuse(path)
        return real_open(path, flags, *args, **kwargs)

    def builtin_open(file: Any, mode: str = "r", *args: Any, **kwargs: Any) -> Any:
        if isinstance(file, (str, Path)) and set(mode) & set("wax+"):
            refuse(file)
        return real_builtin_open(file, mode, *args, **kwargs)

    monkeypatch.setattr(os, "open", open_)
    monkeypatch.setattr(builtins, "open", builtin_open)
    for name in ("mkdir", "unlink", "chmod", "rmdir"):
        monkeypatch.setattr(os, name, guarded(getattr(os, name)))
    for name in ("replace", "rename", "link"):
        monkeypatch.setattr(os, name, guarded(getattr(os, name), paths=2))
    assert code in (errno.EROFS, errno.ENOSPC)


@pytest.fixture
def stale_store(store_path: Path) -> CaseStore:
    """Three cases, one damaged, and an index that has not caught up with any of them."""
    store = CaseStore(store_path)
    store.create(Case(title="first"))
    store.create(Case(title="second"))
    write_case_file(store, 3, sound_doc(3, sections=7))
    (store_path / "cases" / "1.json").chmod(0o644)  # for doctor's permission step to try
    return store


@pytest.mark.parametrize("code", [30, 28])  # EROFS, ENOSPC
def test_list_and_doctor_show_what_they_can_when_nothing_can_be_written(
        stale_store: CaseStore, code: int, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    from poa_tui.cli import main

    refuse_writes_under(stale_store.root, code, monkeypatch)
    reason = os.strerror(code)
    assert main(["--db", str(stale_store.root), "list"]) == 2
    out, err = capsys.readouterr()
    assert "first" in out and "second" in out and "DAMAGED" in out
    assert f"poa.json: {reason}" in err and "case 3" in err
    assert main(["--db", str(stale_store.root), "doctor"]) == 2
    out, err = capsys.readouterr()
    assert "ok    2 case file(s) read fine" in out
    assert f"PROBLEM case 3: unreadable (`sections` should be an object, not a number); " \
           f"could not set it aside: {reason.lower()}" in out
    assert f"PROBLEM could not rebuild the index: " in out
    assert "Traceback" not in err


def test_doctor_clears_folders_left_by_an_interrupted_import_or_snapshot(store: CaseStore) -> None:
    store.create(Case(title="sound"))
    left = [store.cases_dir / ".staging-x1", store.root / "backups" / ".partial-20250101T000000Z-9"]
    for folder in left:
        (folder / "cases").mkdir(parents=True)
        os.utime(folder, (1, 1))
    fresh = store.cases_dir / ".staging-now"  # may belong to an import running right now
    fresh.mkdir()
    lines = doctor_lines(store.root)
    assert any("removed 2 unfinished import, restore or backup folder(s)" in l for l in lines)
    assert not any(folder.exists() for folder in left) and fresh.exists()


def test_the_store_never_writes_a_case_it_would_refuse_to_read(store: CaseStore) -> None:
    from datetime import date

    from poa_tui.domain.errors import StoreError

    case = store.create(Case(title="sound"))
    before = store.case_path(case.id).read_bytes()
    case.notice.deadline = date(9999, 12, 31)  # as a pasted notice could give it
    with pytest.raises(StoreError) as caught:
        store.save(case)
    assert "`notice.deadline`" in str(caught.value) and "Nothing was written" in str(caught.value)
    assert store.case_path(case.id).read_bytes() == before
    assert case.revision == 1


@pytest.mark.parametrize("text", ["9999-12-31", "0001-01-01 00:10"])
def test_the_forms_refuse_dates_near_year_1_or_9999(text: str) -> None:
    from datetime import date

    from poa_tui.tui.dialogs.case_form import FieldError, read_date
    from poa_tui.tui.dialogs.notice_review import ReviewError, read_day
    from poa_tui.tui.dialogs.submission_form import FormError, read_moment

    with pytest.raises(FormError, match="out of range"):
        read_moment("sent", "Sent", text, today=date(2025, 3, 1))
    with pytest.raises(FieldError, match="out of range"):
        read_date("deadline", "Deadline", text[:10])
    with pytest.raises(ReviewError, match="out of range"):
        read_day("deadline", "Deadline", text[:10])
