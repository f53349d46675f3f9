"""Amazon's requests as a to-do list: ticking saves through the store and survives another
session's write; the reply form's picker keeps what the user leaves ticked."""

from __future__ import annotations

from pathlib import Path

import pytest
from history_support import HistoryHost, history_case

from poa_tui.domain.models import Request
from poa_tui.storage.store import CaseStore
from poa_tui.tui.widgets.request_list import (
    RequestGone,
    RequestList,
    RequestPicker,
    set_request_done,
)


class SavingHost(HistoryHost):
    """Saves each tick the list posts through `CaseStore.update`, as a screen without an
    editing session would (`HistoryHost`'s own handler counts the messages)."""

    def __init__(self, store: CaseStore, case_id: int) -> None:
        super().__init__(store, widgets=lambda: [RequestList()])
        self.case_id = case_id

    def on_request_list_toggle(self, event: RequestList.Toggle) -> None:
        saved, _ = self.store.update(self.case_id, event.change)
        event.request_list.show(saved, event.request_list.attempt)


def stored_case(tmp_path: Path) -> tuple[CaseStore, int]:
    store = CaseStore(tmp_path / "store")
    case = store.create(history_case())
    return store, case.id


def ready(app: HistoryHost, case) -> RequestList:
    """The host's list, showing `case` and holding the focus."""
    listing = app.query_one(RequestList)
    listing.show(case)
    listing.focus()
    return listing


def test_set_request_done_finds_the_request_by_its_text() -> None:
    case = history_case()
    requests = case.submission(1).reply.requests
    requests.insert(0, Request("Added elsewhere"))
    set_request_done(1, 1, "Invoices from your supplier covering the last 365 days", True)(case)
    assert [r.done for r in requests] == [False, True, True, False]
    with pytest.raises(RequestGone):
        set_request_done(1, 0, "Nothing like this", True)(case)
    with pytest.raises(RequestGone):
        set_request_done(9, 0, "x", True)(case)


async def test_ticking_a_request_saves_it(tmp_path: Path) -> None:
    store, case_id = stored_case(tmp_path)
    app = SavingHost(store, case_id)
    async with app.run_test(size=(80, 24)) as pilot:
        listing = ready(app, store.load(case_id))
        await pilot.pause()
        assert listing.attempt == 1
        assert listing.border_subtitle == "1 of 3 done"
        assert "[✓]" in str(listing.get_option_at_index(0).prompt)
        await pilot.press("down", "space")
        await pilot.pause()
        saved = store.load(case_id).submission(1).reply.requests
        assert [r.done for r in saved] == [True, True, False]
        assert listing.border_subtitle == "2 of 3 done"
        assert listing.highlighted == 1
        assert len(app.messages) == 1
        await pilot.press("enter")  # enter toggles too
        await pilot.pause()
        assert [r.done for r in store.load(case_id).submission(1).reply.requests] == \
            [True, False, False]


async def test_a_tick_lands_on_top_of_another_sessions_write(tmp_path: Path) -> None:
    store, case_id = stored_case(tmp_path)
    app = SavingHost(store, case_id)
    async with app.run_test(size=(80, 24)) as pilot:
        ready(app, store.load(case_id))
        other = CaseStore(tmp_path / "store")
        elsewhere = other.load(case_id)
        elsewhere.notes = "Written in another terminal"
        other.save(elsewhere)
        await pilot.press("end", "space")
        await pilot.pause()
        saved = store.load(case_id)
        assert saved.notes == "Written in another terminal"
        assert saved.submission(1).reply.requests[2].done


async def test_a_read_only_list_posts_no_tick(tmp_path: Path) -> None:
    case = history_case()
    app = HistoryHost(widgets=lambda: [RequestList(read_only=True)])
    async with app.run_test(size=(80, 24)) as pilot:
        ready(app, case)
        await pilot.press("down", "space")
        await pilot.pause()
        assert not case.submission(1).reply.requests[1].done and app.messages == []
        assert any("read-only" in n.message for n in app._notifications)


async def test_empty_states_say_why_the_list_is_empty() -> None:
    case = history_case()
    app = HistoryHost(widgets=lambda: [RequestList()])
    async with app.run_test(size=(80, 24)):
        listing = app.query_one(RequestList)
        listing.show(case, attempt=2)
        assert "No reply recorded yet" in str(listing.get_option_at_index(0).prompt)
        case.submission(1).reply.requests.clear()
        listing.show(case, attempt=1)
        assert "names nothing specific" in str(listing.get_option_at_index(0).prompt)
        assert listing.border_title == "Amazon asks for (attempt 1)"


async def test_picker_keeps_what_is_left_ticked() -> None:
    found = [Request("Invoices for 365 days", "document"), Request("Delete the listings", "action")]
    app = HistoryHost(widgets=lambda: [RequestPicker()])
    async with app.run_test(size=(80, 24)) as pilot:
        picker = app.query_one(RequestPicker)
        picker.show(found)
        picker.focus()
        await pilot.pause()
        assert [r.text for r in picker.chosen()] == ["Invoices for 365 days", "Delete the listings"]
        await pilot.press("space")
        assert [r.text for r in picker.chosen()] == ["Delete the listings"]
        picker.show(list(found))  # the same requests again (another keystroke): ticks stay
        assert [r.text for r in picker.chosen()] == ["Delete the listings"]
        picker.show([])
        assert not picker.display and picker.chosen() == []
