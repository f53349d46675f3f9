"""The submission log and its forms: record what was sent and Amazon's reply, view, copy, export."""

from __future__ import annotations

from datetime import date, datetime, timezone
from pathlib import Path

from editor_support import TODAY, editor_app, eventually, open_editor, written_case
from textual import events
from textual.widgets import Input, Select, TextArea

from poa_tui.domain.models import Case, Reply, Sections, Submission
from poa_tui.domain.vocab import Channel, Outcome, Section, Status
from poa_tui.tui.dialogs.confirm import ConfirmScreen
from poa_tui.tui.dialogs.export_form import ExportFormScreen
from poa_tui.tui.dialogs.reply_form import ReplyFormScreen
from poa_tui.tui.dialogs.submission_form import SubmissionFormScreen
from poa_tui.tui.dialogs.text_view import TextViewScreen
from poa_tui.tui.screens.submission_log import SubmissionLogScreen, attempt_details
from poa_tui.tui.widgets.attempt_table import AttemptTable, days_waited


def noon(day: str) -> datetime:
    return datetime.fromisoformat(f"{day}T12:00:00+00:00")


def case_with_attempt() -> Case:
    case = written_case()
    case.record_submission(Channel.EMAIL, when=noon("2025-03-12"), note="Sent to seller-performance")
    return case


async def open_log(app, pilot) -> SubmissionLogScreen:
    editor = await open_editor(app, pilot)
    await pilot.press("f6")
    await pilot.pause()
    log = app.screen
    assert isinstance(log, SubmissionLogScreen) and log.session is editor.session
    return log


async def test_record_a_submission_then_a_reply(tmp_path: Path) -> None:
    app = editor_app(tmp_path, written_case())
    async with app.run_test(size=(80, 24)) as pilot:
        log = await open_log(app, pilot)
        assert log.has_class("-empty") and log.query_one("#empty-log").region.height > 0
        await pilot.press("s")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, SubmissionFormScreen)
        form.query_one("#channel", Select).value = Channel.ESCALATION
        form.query_one("#when", Input).value = "2025-03-18 09:30"
        form.query_one("#note", Input).value = "  Escalated   to the  account team "
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is log
        stored = app.store.load(1)
        (attempt,) = stored.submissions
        assert attempt.channel == Channel.ESCALATION and attempt.note == "Escalated to the account team"
        assert attempt.sections == written_case().sections
        assert attempt.submitted_at.astimezone().strftime("%Y-%m-%d %H:%M") == "2025-03-18 09:30"
        assert stored.status == Status.AWAITING_REPLY
        table = log.query_one(AttemptTable)
        assert [(r.number, r.outcome, r.waited) for r in table.rows_shown] == [(1, "no reply yet", "2 d so far")]

        await pilot.press("r")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, ReplyFormScreen)
        reply_area = form.query_one("#reply-text", TextArea)
        reply_area.post_message(events.Paste("We reviewed\x1b[1m your plan.\x07 It is not enough."))
        await pilot.pause()
        form.query_one("#received", Input).value = "2025-03-19"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ReplyFormScreen)  # no outcome chosen yet
        assert "Choose what Amazon decided" in str(form.query_one("#form-error").content)
        form.query_one("#outcome", Select).value = Outcome.INSUFFICIENT_POA
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is log
        reply = app.store.load(1).submissions[0].reply
        assert reply is not None and reply.outcome == Outcome.INSUFFICIENT_POA
        assert reply.text == "We reviewed your plan. It is not enough."
        assert app.store.load(1).status == Status.NEEDS_REVISION
        assert [(r.outcome, r.waited) for r in table.rows_shown] == [("Plan not detailed enough", "1 d")]
        assert "We reviewed your plan." in str(log.query_one("#reply-text").content)


async def test_what_was_sent_never_changes_after_later_edits(tmp_path: Path) -> None:
    app = editor_app(tmp_path, case_with_attempt())
    async with app.run_test(size=(80, 24)) as pilot:
        editor = await open_editor(app, pilot)
        editor.editor(Section.ROOT_CAUSE).insert("A later thought. ")
        await eventually(pilot, lambda: not editor.unsaved)
        stored = app.store.load(1)
        assert stored.sections.root_cause.startswith("A later thought. ")
        assert stored.submissions[0].sections == written_case().sections
        await pilot.press("f6")
        await pilot.pause()
        log = app.screen
        sent = str(log.query_one("#sent-text").content)
        assert "Our carrier stopped weekend pickups" in sent and "A later thought" not in sent
        await pilot.press("v")
        await pilot.pause()
        view = app.screen
        assert isinstance(view, TextViewScreen) and "A later thought" not in view.text
        assert view.text.startswith("Root Cause\nOur carrier stopped weekend pickups")
        await pilot.press("escape")
        copied = []
        app.copy_text = lambda text, what: copied.append((text, what))  # type: ignore[method-assign]
        await pilot.press("c")
        assert copied and copied[0][1] == "Attempt 1 as sent"
        assert "**" not in copied[0][0] and "4 March" in copied[0][0]


async def test_an_empty_draft_is_not_recorded(tmp_path: Path) -> None:
    app = editor_app(tmp_path, Case(title="Nothing written"))
    async with app.run_test(size=(80, 24)) as pilot:
        log = await open_log(app, pilot)
        await pilot.press("s")
        await pilot.pause()
        assert app.screen is log
        assert any("All three sections are empty" in n.message for n in app._notifications)
        await pilot.press("r")
        assert any("Record the submission first" in n.message for n in app._notifications)
        assert app.store.load(1).submissions == []


async def test_the_forms_refuse_dates_that_cannot_be_right(tmp_path: Path) -> None:
    app = editor_app(tmp_path, case_with_attempt())
    async with app.run_test(size=(80, 24)) as pilot:
        await open_log(app, pilot)
        await pilot.press("s")
        form = app.screen
        for typed, complaint in (("2025-13-01", "is not a date"), ("last tuesday", "is not a date"),
                                 ("2025-03-21", "is in the future")):
            form.query_one("#when", Input).value = typed
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert app.screen is form
            assert complaint in str(form.query_one("#form-error").content)
            assert app.focused is form.query_one("#when", Input)
        await pilot.press("escape")
        assert isinstance(app.screen, ConfirmScreen)  # a date was typed: asks first
        await pilot.press("y")
        await pilot.press("r")
        form = app.screen
        assert isinstance(form, ReplyFormScreen)
        form.query_one("#reply-text", TextArea).load_text("Your account is reinstated.")
        form.query_one("#outcome", Select).value = Outcome.REINSTATED
        form.query_one("#received", Input).value = "2025-03-01"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "before the attempt was sent" in str(form.query_one("#form-error").content)
        assert app.store.load(1).submissions[0].reply is None


async def test_a_classifier_can_preselect_the_outcome_until_one_is_picked(tmp_path: Path) -> None:
    attempt = Submission(1, noon("2025-03-12"), Channel.ACCOUNT_HEALTH, Sections(root_cause="x"))
    seen: list[str] = []

    def classify(text: str) -> Outcome | None:
        seen.append(text)
        return Outcome.DENIED if "cannot reinstate" in text else None

    app = editor_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        form = ReplyFormScreen(attempt, classify=classify)
        await app.push_screen(form)
        area = form.query_one("#reply-text", TextArea)
        area.load_text("We cannot reinstate your account.")
        await pilot.pause()
        assert form.query_one("#outcome", Select).value == Outcome.DENIED
        assert seen[-1] == "We cannot reinstate your account."
        form.query_one("#outcome", Select).value = Outcome.FINAL
        await pilot.pause()
        area.load_text("We cannot reinstate your account. This decision is final.")
        await pilot.pause()
        assert form.query_one("#outcome", Select).value == Outcome.FINAL


async def test_export_writes_a_file_and_asks_before_replacing_one(tmp_path: Path) -> None:
    app = editor_app(tmp_path, case_with_attempt())
    async with app.run_test(size=(80, 24)) as pilot:
        await open_log(app, pilot)
        await pilot.press("x")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, ExportFormScreen)
        path_field = form.query_one("#path", Input)
        expected = f"~/poa-1-late-shipments-in-march-attempt-1-{TODAY.isoformat()}.txt"
        assert path_field.value == expected
        form.query_one("#format", Select).value = "markdown"
        await pilot.pause()
        assert path_field.value == expected.replace(".txt", ".md")
        form.query_one("#format", Select).value = "text"
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        written = Path(expected).expanduser()
        assert written.read_text(encoding="utf-8").startswith("Root Cause\nOur carrier stopped")
        written.write_text("keep me", encoding="utf-8")

        await pilot.press("x")
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        await pilot.pause()
        assert written.read_text(encoding="utf-8") == "keep me"
        form = app.screen
        assert isinstance(form, ExportFormScreen)
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert written.read_text(encoding="utf-8").startswith("Root Cause\n")


def test_days_waited_counts_to_the_reply_or_to_today() -> None:
    attempt = Submission(1, noon("2025-03-10"), Channel.EMAIL, Sections())
    assert days_waited(attempt, date(2025, 3, 20)) == 10
    attempt.reply = Reply(noon("2025-03-13"), "Thanks", Outcome.ACKNOWLEDGED)
    assert days_waited(attempt, date(2025, 3, 20)) == 3
    assert days_waited(Submission(2, datetime(2025, 3, 20, 12, tzinfo=timezone.utc),
                                  Channel.EMAIL, Sections()), date(2025, 3, 19)) == 0


async def test_a_new_attempt_is_highlighted_and_replacing_a_reply_asks_first(tmp_path: Path) -> None:
    case = case_with_attempt()
    case.submissions[0].reply = Reply(noon("2025-03-14"), "We received your plan.", Outcome.ACKNOWLEDGED)
    app = editor_app(tmp_path, case)
    async with app.run_test(size=(80, 24)) as pilot:
        log = await open_log(app, pilot)
        await pilot.press("s")
        await pilot.pause()
        assert isinstance(app.screen, SubmissionFormScreen)
        frame = app.screen.query_one("#form-frame")
        assert frame.border_subtitle == "ctrl+s or F10 record · escape close"
        await pilot.press("ctrl+s")
        await eventually(pilot, lambda: app.screen is log and len(log.case.submissions) == 2)
        table = log.query_one(AttemptTable)
        await eventually(pilot, lambda: table.selected_number == 2)
        assert log.query_one("#attempt-detail").border_title == "Attempt 2"

        # r answers the attempt just recorded: no question, nothing to replace.
        await pilot.press("r")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, ReplyFormScreen) and form.attempt.number == 2
        assert "replaces" not in str(form.query_one("#form-summary").content)
        await pilot.press("escape")
        await pilot.pause()

        # On attempt 1, which has a reply, r asks before anything can overwrite it.
        await pilot.press("up")
        await eventually(pilot, lambda: table.selected_number == 1)
        await pilot.press("r")
        await pilot.pause()
        question = app.screen
        assert isinstance(question, ConfirmScreen)
        assert question.question.startswith("Replace Amazon's reply of 2025-03-14")
        await pilot.press("n")
        await pilot.pause()
        assert app.screen is log
        await pilot.press("r")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, ReplyFormScreen) and form.attempt.number == 1
        assert app.store.load(1).submissions[0].reply.text == "We received your plan."


async def test_an_empty_log_hides_the_keys_that_need_an_attempt(tmp_path: Path) -> None:
    app = editor_app(tmp_path, written_case())
    async with app.run_test(size=(80, 24)) as pilot:
        log = await open_log(app, pilot)
        keys = log.active_bindings
        # Footers show only keys that do something now: these would do nothing.
        assert not any(key in keys for key in ("v", "c", "d", "m"))
        assert keys["s"].enabled and keys["r"].enabled  # r explains what to do first
        await pilot.press("s")
        await pilot.pause()
        await pilot.press("ctrl+s")
        await eventually(pilot, lambda: app.screen is log and log.case.submissions)
        await pilot.pause()
        assert all(log.active_bindings[key].enabled for key in ("v", "c", "d"))


def test_attempt_details_say_how_long_amazon_has_been_silent() -> None:
    attempt = Submission(1, noon("2025-03-17"), Channel.EMAIL, Sections(root_cause="x"))
    assert "No reply after 3 d." in attempt_details(attempt, date(2025, 3, 20))
    assert "Sent today; no reply yet." in attempt_details(attempt, date(2025, 3, 17))


WRAPPED_REPLY = """Hello,

We reviewed the plan of action you sent, but it does not contain enough
information for us to reinstate your account. Please send a revised plan.

- Greater detail on the root cause of the late shipments, including the
  carrier and the dates.

ASIN: B0C7K2MQ4R

Seller Performance Team
"""


async def test_the_reply_is_shown_reflowed_and_kept_as_pasted(tmp_path: Path) -> None:
    case = case_with_attempt()
    case.submissions[0].reply = Reply(noon("2025-03-14"), WRAPPED_REPLY, Outcome.INSUFFICIENT_POA)
    app = editor_app(tmp_path, case)
    async with app.run_test(size=(80, 24)) as pilot:
        log = await open_log(app, pilot)
        shown = str(log.query_one("#reply-text").content).split("\n")
        assert ("We reviewed the plan of action you sent, but it does not contain enough "
                "information for us to reinstate your account. Please send a revised "
                "plan.") in shown
        assert ("- Greater detail on the root cause of the late shipments, including the carrier "
                "and the dates.") in shown
        assert "ASIN: B0C7K2MQ4R" in shown and "Seller Performance Team" in shown
        assert app.store.load(1).submissions[0].reply.text == WRAPPED_REPLY
