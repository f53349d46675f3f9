"""`CaseSession` and `CaseStore.update`: the two ways a case changes, with one retry loop.

No Textual: real stores on disk, and real second processes where another writer or another
editing session is the point.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from poa_tui.domain.errors import StoreError
from poa_tui.domain.models import Case, Sections
from poa_tui.domain.vocab import Section
from poa_tui.editing.session import CaseSession
from poa_tui.storage.store import WRITE_ATTEMPTS, CaseStore


def _case(store: CaseStore, **texts: str) -> Case:
    return store.create(Case(title="Listing removed", sections=Sections(**texts)))


def _in_another_process(store: CaseStore, code: str, *args: str) -> str:
    """Run `code` in a fresh interpreter with `store` as `store`; return what it printed."""
    program = "import sys\nfrom poa_tui.storage.store import CaseStore\n" \
              "store = CaseStore(sys.argv[1])\n" + textwrap.dedent(code)
    done = subprocess.run([sys.executable, "-c", program, str(store.root), *args],
                          capture_output=True, text=True, timeout=60, check=True)
    return done.stdout


def test_an_update_is_on_disk_at_once(store: CaseStore) -> None:
    case_id = _case(store, root_cause="Old").id
    session = CaseSession(store, case_id).open()
    result = session.update(lambda case: setattr(case, "title", "Inauthentic complaint") or 7)
    assert result.saved and result.value == 7 and not session.dirty
    assert store.load(case_id).title == "Inauthentic complaint"
    session.close()


def test_a_write_from_another_process_is_merged_not_lost(store: CaseStore) -> None:
    case_id = _case(store, root_cause="Ours to change", immediate_remedy="Theirs to change").id
    session = CaseSession(store, case_id).open()
    _in_another_process(store, """
        case = store.load(int(sys.argv[2]))
        case.sections.immediate_remedy = "Refunded all 14 orders on 3 May."
        store.save(case)
    """, str(case_id))
    assert session.case is not None
    session.case.sections.root_cause = "Our supplier invoices did not match the ASINs."
    session.mark_dirty()
    result = session.save()
    assert result.saved
    assert result.taken == [Section.IMMEDIATE_REMEDY.label] and result.conflicts == []
    disk = store.load(case_id)
    assert disk.sections.root_cause == "Our supplier invoices did not match the ASINs."
    assert disk.sections.immediate_remedy == "Refunded all 14 orders on 3 May."
    session.close()


def test_both_sides_changing_one_section_keep_both_texts(store: CaseStore) -> None:
    case_id = _case(store, root_cause="First draft").id
    session = CaseSession(store, case_id).open()
    _in_another_process(store, """
        case = store.load(int(sys.argv[2]))
        case.sections.root_cause = "Their version"
        store.save(case)
    """, str(case_id))
    result = session.update(lambda case: setattr(case.sections, "root_cause", "My version"))
    assert result.saved and result.conflicts == [Section.ROOT_CAUSE.label]
    disk = store.load(case_id)
    assert disk.sections.root_cause == "My version"
    assert "Their version" in disk.notes


def test_a_second_session_is_read_only_and_takes_over_when_the_first_closes(
        store: CaseStore) -> None:
    case_id = _case(store).id
    holder = subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent("""
            import sys
            from poa_tui.editing.session import CaseSession
            from poa_tui.storage.store import CaseStore
            session = CaseSession(CaseStore(sys.argv[1]), int(sys.argv[2])).open()
            print("holding", flush=True)
            sys.stdin.readline()
            session.close()
            print("closed", flush=True)
        """), str(store.root), str(case_id)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    assert holder.stdin is not None and holder.stdout is not None
    try:
        assert holder.stdout.readline().strip() == "holding"
        session = CaseSession(store, case_id).open()
        assert session.read_only and session.lock_holder is not None
        assert "is editing this case" in session.read_only_reason()
        refused = session.update(lambda case: setattr(case, "title", "lost?"))
        assert not refused.saved and refused.refused and refused.value is None
        assert store.load(case_id).title == "Listing removed"
        assert session.follow() is False and session.read_only

        holder.stdin.write("\n")
        holder.stdin.flush()
        assert holder.stdout.readline().strip() == "closed"
        session.follow()
        assert not session.read_only and session.holds_lock
        assert session.update(lambda case: setattr(case, "title", "Mine now")).saved
        session.close()
    finally:
        holder.kill()
        holder.wait()


def test_follow_adopts_another_writer_only_when_nothing_is_unsaved(store: CaseStore) -> None:
    case_id = _case(store, root_cause="Start").id
    session = CaseSession(store, case_id).open()
    store.update(case_id, lambda case: setattr(case, "seller", "Acme Goods Ltd"))
    assert session.follow() is True
    assert session.case is not None and session.case.seller == "Acme Goods Ltd"

    session.case.title = "Typed, not saved"
    session.mark_dirty()
    store.update(case_id, lambda case: setattr(case, "seller", "Acme Goods GmbH"))
    assert session.follow() is False
    assert session.case.title == "Typed, not saved"
    assert session.save().saved
    disk = store.load(case_id)
    assert (disk.title, disk.seller) == ("Typed, not saved", "Acme Goods GmbH")
    session.close()


def test_store_update_applies_the_change_again_after_a_conflict(store: CaseStore,
                                                                monkeypatch) -> None:
    case_id = _case(store).id
    calls: list[int] = []
    real_save = CaseStore.save

    def save_after_another_writer(self: CaseStore, case: Case) -> Case:
        if not calls:
            other = self.load(case.id)
            other.notes = "written in between"
            real_save(self, other)
        calls.append(case.revision)
        return real_save(self, case)

    monkeypatch.setattr(CaseStore, "save", save_after_another_writer)
    saved, value = store.update(case_id, lambda case: (setattr(case, "title", "Renamed"), 5)[1])
    assert value == 5 and len(calls) == 2
    disk = store.load(case_id)
    assert (disk.title, disk.notes) == ("Renamed", "written in between")
    assert disk.revision == saved.revision


def test_a_save_that_keeps_meeting_new_revisions_gives_up_and_says_so(store: CaseStore,
                                                                       monkeypatch) -> None:
    case_id = _case(store).id
    session = CaseSession(store, case_id).open()
    real_save = CaseStore.save
    attempts: list[int] = []

    def always_beaten(self: CaseStore, case: Case) -> Case:
        attempts.append(1)
        other = self.load(case.id)
        other.notes += "x"
        real_save(self, other)
        return real_save(self, case)

    monkeypatch.setattr(CaseStore, "save", always_beaten)
    result = session.update(lambda case: setattr(case, "title", "Keeps losing"))
    assert not result.saved and isinstance(result.problem, StoreError)
    assert "keeps changing in another session" in str(result.problem)
    assert len(attempts) == WRITE_ATTEMPTS
    assert session.dirty and session.case is not None and session.case.title == "Keeps losing"
    session.close()


def test_a_disk_that_refuses_keeps_the_change_in_memory(store: CaseStore, monkeypatch) -> None:
    case_id = _case(store).id
    session = CaseSession(store, case_id).open()

    def full_disk(self: CaseStore, case: Case) -> Case:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(CaseStore, "save", full_disk)
    result = session.update(lambda case: setattr(case, "title", "Kept"))
    assert not result.saved and result.problem is not None
    assert "No space left" in str(result.problem)
    assert session.dirty and session.save_problem is result.problem
    monkeypatch.undo()
    assert session.save().saved and store.load(case_id).title == "Kept"
    session.close()


def test_a_missing_case_is_an_open_problem_not_an_exception(store: CaseStore) -> None:
    session = CaseSession(store, 404).open()
    assert session.open_problem is not None and session.case is None
    assert not session.holds_lock
    assert session.update(lambda case: None).refused


def test_the_session_module_imports_no_textual(tmp_path: Path) -> None:
    code = ("import sys, poa_tui.editing.session\n"
            "print(any(m == 'textual' or m.startswith('textual.') for m in sys.modules))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True)
    assert done.stdout.strip() == "False"


@pytest.mark.parametrize("attempts", [1, 2])
def test_update_survives_a_writer_that_beats_it_fewer_than_the_limit(store: CaseStore,
                                                                     monkeypatch,
                                                                     attempts: int) -> None:
    case_id = _case(store).id
    real_save = CaseStore.save
    beaten: list[int] = []

    def beaten_a_few_times(self: CaseStore, case: Case) -> Case:
        if len(beaten) < attempts:
            beaten.append(1)
            other = self.load(case.id)
            other.notes += "n"
            real_save(self, other)
        return real_save(self, case)

    monkeypatch.setattr(CaseStore, "save", beaten_a_few_times)
    saved, _ = store.update(case_id, lambda case: setattr(case, "seller", "Kept seller"))
    assert store.load(case_id).seller == "Kept seller"
    assert store.load(case_id).notes == "n" * attempts


def test_following_an_unchanged_file_does_not_read_the_case(store: CaseStore,
                                                            monkeypatch) -> None:
    case_id = _case(store).id
    session = CaseSession(store, case_id).open()
    loads: list[int] = []
    real_load = CaseStore.load
    monkeypatch.setattr(CaseStore, "load",
                        lambda self, i: (loads.append(i), real_load(self, i))[1])
    for _ in range(5):
        assert session.follow() is False
    assert loads == []
    _in_another_process(store, """
        case = store.load(int(sys.argv[2]))
        case.title = "Changed elsewhere"
        store.save(case)
    """, str(case_id))
    assert session.follow() is True and loads == [case_id]
    assert session.case is not None and session.case.title == "Changed elsewhere"
    assert session.follow() is False and loads == [case_id]
    session.close()
