"""The appeal history inside the app: pasting a reply pre-selects its outcome and lists its
requests, the log shows the timeline, ticks requests and opens comparisons, a near-repeat of a
rejected attempt asks first, and the case list counts waiting days and puts overdue cases on top.
"""

from __future__ import annotations

from pathlib import Path

from history_support import REJECTION, TODAY, HistoryHost, history_case
from textual.widgets import Select, Static, TextArea

from poa_tui.domain.diffing import repeat_of_rejected
from poa_tui.domain.models import Reply, Sections
from poa_tui.domain.vocab import Outcome
from poa_tui.storage.store import CaseStore
from poa_tui.tui.app import make_app
from poa_tui.tui.dialogs.confirm import ConfirmScreen
from poa_tui.tui.dialogs.reply_form import ReplyFormScreen
from poa_tui.tui.dialogs.submission_form import SubmissionDetails, SubmissionFormScreen
from poa_tui.tui.screens.case_list import CaseListScreen
from poa_tui.tui.screens.diff_view import DRAFT, DiffScreen
from poa_tui.tui.screens.submission_log import SubmissionLogScreen
from poa_tui.tui.widgets.case_table import CaseTable
from poa_tui.tui.widgets.request_list import RequestList, RequestPicker
from poa_tui.tui.widgets.timeline import Timeline, timeline_text


def reply_host(number: int = 2) -> HistoryHost:
    """The reply form for attempt `number` (2, the escalation, is still unanswered)."""
    attempt = history_case().submission(number)
    return HistoryHost(screen=lambda: ReplyFormScreen(attempt))


async def test_pasting_a_reply_preselects_the_outcome_and_lists_requests() -> None:
    app = reply_host()
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        form = app.screen
        form.query_one("#reply-text", TextArea).insert(REJECTION)
        await pilot.pause()
        assert form.query_one("#outcome", Select).value == Outcome.INSUFFICIENT_POA
        reading = str(form.query_one("#reply-reading", Static).render())
        assert "Reads as “Plan not detailed enough”" in reading
        assert "Greater detail on" in reading
        picker = form.query_one(RequestPicker)
        assert [r.kind for r in picker.requests] == ["detail", "document", "action"]
        picker.focus()
        await pilot.press("down", "space")  # drop the invoices request
        await pilot.press("ctrl+s")
        await pilot.pause()
        (reply,) = app.results
        assert isinstance(reply, Reply) and reply.outcome == Outcome.INSUFFICIENT_POA
        assert [r.kind for r in reply.requests] == ["detail", "action"]
        assert not any(r.done for r in reply.requests)


async def test_the_outcome_stays_the_users_choice() -> None:
    app = reply_host()
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        form = app.screen
        form.query_one("#outcome", Select).value = Outcome.DENIED  # picked before pasting
        await pilot.pause()
        form.query_one("#reply-text", TextArea).insert(REJECTION)
        await pilot.pause()
        assert form.query_one("#outcome", Select).value == Outcome.DENIED
        assert "Plan not detailed enough" in str(form.query_one("#reply-reading").render())


async def test_an_unrecognised_reply_leaves_the_choice_to_the_user() -> None:
    app = reply_host()
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        form = app.screen
        form.query_one("#reply-text", TextArea).insert("Thanks, see you at the trade fair.")
        await pilot.pause()
        assert form.query_one("#outcome", Select).value == Select.NULL
        assert "Could not tell what Amazon decided" in str(
            form.query_one("#reply-reading", Static).render())
        assert not form.query_one(RequestPicker).display


async def test_editing_a_reply_keeps_its_ticks() -> None:
    app = reply_host(1)  # answered; one request already done
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+s")  # text untouched: the to-do list stays as it was
        await pilot.pause()
        (reply,) = app.results
        before = history_case().submission(1).reply.requests
        assert [(r.text, r.done) for r in reply.requests] == [(r.text, r.done) for r in before]


def repeat_form() -> HistoryHost:
    case = history_case(escalate=False)
    draft = Sections(**case.submission(1).sections.to_dict())
    draft.root_cause += " Nothing else."
    repeat = repeat_of_rejected(case, draft)
    assert repeat is not None and repeat.attempt == 1
    return HistoryHost(screen=lambda: SubmissionFormScreen(draft, 2, repeat=repeat))


async def test_recording_a_repeat_of_a_rejected_attempt_asks_first() -> None:
    app = repeat_form()
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        form = app.screen
        warning = str(form.query_one("#form-repeat", Static).render())
        assert "% the same as attempt 1" in warning and "Plan not detailed enough" in warning
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        assert "the same as attempt 1?" in str(app.screen.query_one("#confirm-question").render())
        await pilot.press("n")  # go back: nothing is recorded
        await pilot.pause()
        assert app.screen is form and app.results == []
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        (details,) = app.results
        assert isinstance(details, SubmissionDetails)


async def test_a_bad_date_is_shown_before_the_repeat_question() -> None:
    app = repeat_form()
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        app.screen.query_one("#when").value = "yesterday"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, SubmissionFormScreen)
        assert "not a date" in str(app.screen.query_one("#form-error").render())


def log_app(tmp_path: Path, case=None):
    store = CaseStore(tmp_path / "store")
    case_id = store.create(case or history_case()).id
    app = make_app(store=store, settings_path=tmp_path / "settings.toml", today=lambda: TODAY)
    return app, store, case_id


async def open_log(app, pilot, case_id: int) -> SubmissionLogScreen:
    await pilot.pause()
    app.open_case(case_id)
    await pilot.pause()
    await pilot.press("f6")
    await pilot.pause()
    assert isinstance(app.screen, SubmissionLogScreen)
    return app.screen


async def test_a_recorded_reply_becomes_the_to_do_list(tmp_path: Path) -> None:
    app, store, case_id = log_app(tmp_path)
    async with app.run_test(size=(100, 40)) as pilot:
        await open_log(app, pilot, case_id)
        await pilot.press("r")  # the highlighted attempt: the escalation, still unanswered
        await pilot.pause()
        app.screen.query_one("#reply-text", TextArea).insert(REJECTION)
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        reply = store.load(case_id).submission(2).reply
        assert reply.outcome == Outcome.INSUFFICIENT_POA and len(reply.requests) == 3

        await pilot.press("o")
        requests = app.screen.query_one(RequestList)
        assert app.focused is requests and requests.attempt == 2
        await pilot.press("space")
        await pilot.pause()
        assert [r.done for r in store.load(case_id).submission(2).reply.requests] == \
            [True, False, False]
        assert requests.border_subtitle == "1 of 3 done"
        assert "asks for 3 (2 open)" in timeline_text(app.screen.query_one(Timeline).rows)


async def test_the_log_reads_as_a_timeline_with_the_escalation_named(tmp_path: Path) -> None:
    app, _, case_id = log_app(tmp_path)
    async with app.run_test(size=(100, 40)) as pilot:
        log = await open_log(app, pilot, case_id)
        text = timeline_text(log.query_one(Timeline).rows)
        assert "escalated  Attempt 2 as an escalation" in text
        assert "answered   Attempt 1 after 2 d: Plan not detailed enough" in text
        # Attempt 2 was itself the escalation: chase it, never escalate it again.
        assert "today       waiting    8 d without an answer · follow up now" in text
        assert "escalation advised" not in text
        heading = str(log.query_one("#log-heading", Static).render())
        assert "waiting 8 d" in heading and "2 of 2 appeals used" in heading
        summary = str(log.query_one("#attempt-summary", Static).render())
        assert summary.startswith("Attempt 2 · escalated")
        await pilot.press("t")
        assert not log.query_one("#timeline-pane").display


async def test_the_log_opens_comparisons(tmp_path: Path) -> None:
    app, _, case_id = log_app(tmp_path)
    async with app.run_test(size=(100, 40)) as pilot:
        log = await open_log(app, pilot, case_id)
        await pilot.press("d")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, DiffScreen)
        assert (screen.left, screen.right) == (2, DRAFT)
        await pilot.press("escape", "p")
        await pilot.pause()
        assert isinstance(app.screen, DiffScreen)
        assert (app.screen.left, app.screen.right) == (1, 2)
        titles = [c.title for c in log.palette_commands()]
        assert "attempt: Compare with draft" in titles
        assert "attempt: Compare two attempts" in titles


async def test_the_log_asks_before_recording_a_repeat(tmp_path: Path) -> None:
    case = history_case(escalate=False)
    case.sections = Sections(**case.submission(1).sections.to_dict())
    app, store, case_id = log_app(tmp_path, case)
    async with app.run_test(size=(100, 40)) as pilot:
        await open_log(app, pilot, case_id)
        await pilot.press("s")
        await pilot.pause()
        # The rejected plan names no date, owner or number: the checks block it first.
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("y")
        await pilot.pause()
        assert "identical to attempt 1" in str(app.screen.query_one("#form-repeat").render())
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert isinstance(app.screen, SubmissionLogScreen)
        assert len(store.load(case_id).submissions) == 2


def list_app(tmp_path: Path, settings: str = ""):
    """The app over three cases: one waiting 8 days on an escalation, one past its deadline
    and one being drafted; returns it with their ids."""
    waiting = history_case()  # escalated 12 March, silent since: 8 days
    overdue = history_case(escalate=False)  # rejected, deadline 18 March passed
    overdue.title = "Overdue plan"
    quiet = history_case(escalate=False)
    quiet.title = "Drafting, no deadline"
    quiet.submissions.clear()
    quiet.notice.deadline = None
    store = CaseStore(tmp_path / "store")
    ids = [store.create(case).id for case in (waiting, overdue, quiet)]
    settings_path = tmp_path / "settings.toml"
    settings_path.write_text(settings, encoding="utf-8")
    return make_app(store=store, settings_path=settings_path, today=lambda: TODAY), ids


def cells_of(app, case_id: int) -> list[str]:
    return [str(cell) for cell in app.screen.query_one(CaseTable).get_row(case_id)]


async def test_case_list_shows_waiting_days_and_overdue_deadlines(tmp_path: Path) -> None:
    app, (waiting_id, overdue_id, _) = list_app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, CaseListScreen)
        # The unanswered attempt was the escalation: chase it, never escalate it again.
        assert "Follow up · 8 d" in cells_of(app, waiting_id)
        assert "2 d overdue" in cells_of(app, overdue_id)


async def test_an_escalation_is_chased_after_the_escalation_days_in_the_settings(
        tmp_path: Path) -> None:
    app, (waiting_id, _, _) = list_app(tmp_path, "follow_up_days = 7\n"
                                                 "escalation_business_days = 20\n")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert "Waiting 8 d" in cells_of(app, waiting_id)


async def test_needs_action_first_then_only_those(tmp_path: Path) -> None:
    app, (waiting_id, overdue_id, quiet_id) = list_app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        screen = app.screen
        table = screen.query_one(CaseTable)
        # The escalation waits past the advised 5 business days: it needs action too.
        assert table.border_subtitle == "3 cases · 3 need action · 1 overdue"
        assert [row.id for row in table.rows_shown] == [quiet_id, overdue_id, waiting_id]
        await pilot.press("u")
        assert [row.id for row in table.rows_shown] == [overdue_id, waiting_id, quiet_id]
        assert table.border_title == "Cases, needing action first"
        titles = [c.title for c in screen.palette_commands()]
        assert "view: Needs action only" in titles and "view: Most recent first" in titles
        await pilot.press("u")
        assert table.border_title == "Cases, needing action only"
        await pilot.press("u")
        assert table.border_title == "Cases"
        assert [row.id for row in table.rows_shown] == [quiet_id, overdue_id, waiting_id]


async def test_needs_action_only_explains_an_empty_list(tmp_path: Path) -> None:
    settled = history_case(escalate=False)
    settled.submission(1).reply.outcome = Outcome.REINSTATED
    store = CaseStore(tmp_path / "store")
    store.create(settled)
    app = make_app(store=store, settings_path=tmp_path / "settings.toml", today=lambda: TODAY)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        command = next(c for c in app.screen.palette_commands()
                       if c.title == "view: Needs action only")
        command.callback()
        await pilot.pause()
        assert "Nothing needs you right now" in str(app.screen.query_one("#empty").render())
