"""The appeal history inside the app: pasting a reply pre-selects its outcome and lists its
requests, the log shows the timeline, ticks requests and opens comparisons, a near-repeat of a
rejected attempt asks first, and the case list counts waiting days and puts overdue cases on top.
"""

from __future__ import annotations

from history_support import REJECTION, HistoryHost, history_case
from textual.widgets import Select, Static, TextArea

from poa_tui.diffing import repeat_of_rejected
from poa_tui.models import Reply, Sections
from poa_tui.screens.confirm import ConfirmScreen
from poa_tui.screens.reply_form import ReplyFormScreen
from poa_tui.screens.submission_form import SubmissionDetails, SubmissionFormScreen
from poa_tui.vocab import Outcome
from poa_tui.widgets.request_list import RequestPicker


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
        assert "Not recognised: choose the outcome" in str(
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
