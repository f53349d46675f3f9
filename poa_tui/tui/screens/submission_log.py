"""Every attempt sent for a case, what exactly it said, and what Amazon answered.

The log works on the editor's `CaseSession`: recording an attempt, a reply or a tick goes
through the session's one save path (its lock, merge and retry), and an attempt snapshots the
draft exactly as the editor had it, saved or not (the editor puts its text into the session
before it opens the log).
"""

from __future__ import annotations

from typing import Any, Callable, Iterable

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.events import Resize
from textual.screen import Screen
from textual.widgets import DataTable, Static

from poa_tui.domain.assembly import assemble
from poa_tui.domain.diffing import repeat_of_rejected
from poa_tui.domain.models import Case, Reply, Submission
from poa_tui.domain.readiness import Readiness
from poa_tui.domain.reflow import reflow_for_display
from poa_tui.domain.reply_outcome import NoReply, set_outcome
from poa_tui.domain.textsafety import strip_controls
from poa_tui.domain.vocab import Channel, Outcome
from poa_tui.editing.session import CaseSession, SaveResult
from poa_tui.tui.commands import PaletteCommand
from poa_tui.tui.dialogs.confirm import ConfirmScreen
from poa_tui.tui.dialogs.export_form import ExportSource, open_export
from poa_tui.tui.dialogs.outcome_form import OutcomeScreen
from poa_tui.tui.dialogs.reply_form import ReplyFormScreen
from poa_tui.tui.dialogs.submission_form import SubmissionDetails, SubmissionFormScreen, local_stamp
from poa_tui.tui.dialogs.text_view import TextViewScreen
from poa_tui.tui.dialogs.writing_help import confirm_blockers
from poa_tui.tui.screens.diff_view import DRAFT, DiffScreen
from poa_tui.tui.services import services
from poa_tui.tui.widgets.attempt_table import AttemptTable, days_waited
from poa_tui.tui.widgets.clock_badges import clock_line, clocks_in
from poa_tui.tui.widgets.key_footer import KeyFooter
from poa_tui.tui.widgets.request_list import RequestGone, RequestList
from poa_tui.tui.widgets.timeline import Timeline

WIDE_COLUMNS = 140
"""From this width the attempt's text sits beside the table instead of under it."""

EMPTY_LOG = """\
No attempt recorded yet.

When you send the plan to Amazon, press s here (or use "attempt: Record submission" in \
ctrl+p) to keep a copy of exactly what went. Later edits to the draft never change it, so \
when Amazon answers you can see what they were answering. Then press r to record the reply.\
"""


def say_not_saved(host: Screen[Any], result: SaveResult[Any], what: str) -> bool:
    """Tell the user why `result` did not reach the disk; True when it did."""
    if result.refused:
        host.notify(result.refused, severity="warning")
        return False
    if not result.saved and result.problem is not None:
        host.notify(f"{result.problem} It is kept here and saved again by the editor.",
                    title=f"{what} not saved yet", severity="error", timeout=15)
    return True


def record_submission(host: Screen[Any], session: CaseSession,
                      then: Callable[[Submission], None] | None = None) -> None:
    """Ask where and when the draft went, then snapshot it as a new attempt.

    `then` gets the new attempt once it is recorded (the log highlights it, so r answers it).
    """
    case = session.case
    if case is None or session.read_only:
        host.notify("This case is open read-only here, so nothing can be recorded.",
                    severity="warning")
        return
    sections = case.sections
    if sections.is_empty():
        host.notify("All three sections are empty: write the plan before recording that "
                    "it was sent.", title="Nothing to record", severity="warning")
        return
    number = max((s.number for s in case.submissions), default=0) + 1

    def recorded(details: SubmissionDetails | None) -> None:
        if details is None:
            return
        result = session.update(
            lambda case: case.record_submission(details.channel, details.when, details.note))
        attempt = result.value
        if say_not_saved(host, result, "The attempt") and attempt is not None:
            if then is not None:
                then(attempt)
            host.notify(f"Attempt {attempt.number} kept exactly as sent via "
                        f"{attempt.channel.label}. Press r in the log when Amazon answers.",
                        title="Submission recorded")

    ready = Readiness.of(case, getattr(host.app, "settings", None))
    form = SubmissionFormScreen(sections, number, repeat=repeat_of_rejected(case, sections),
                                readiness=ready, case_id=case.id)
    confirm_blockers(host, ready, lambda: host.app.push_screen(form, recorded))


def record_reply(host: Screen[Any], session: CaseSession, number: int | None = None) -> None:
    """Ask for Amazon's answer to attempt `number` (default: the latest) and keep it."""
    case = session.case
    if case is None or session.read_only:
        host.notify("This case is open read-only here, so nothing can be recorded.",
                    severity="warning")
        return
    if not case.submissions:
        host.notify("Record the submission first (F6, then s): a reply answers an attempt.",
                    title="No attempt yet", severity="warning")
        return
    attempt = case.submission(number) if number is not None else case.submissions[-1]

    def recorded(reply: Reply | None) -> None:
        if reply is None:
            return

        def keep(case: Case) -> Submission:
            target = case.submission(attempt.number)
            target.reply = reply
            return target

        if say_not_saved(host, session.update(keep), "The reply"):
            host.notify(f"{reply.outcome.label}. Next: {reply.outcome.next_step}",
                        title=f"Reply to attempt {attempt.number} recorded")

    def open_form(replace: bool | None = True) -> None:
        if replace:
            host.app.push_screen(ReplyFormScreen(attempt, case_id=case.id), recorded)

    if attempt.reply is None:
        open_form()
    else:
        # Saving the form overwrites Amazon's earlier answer: make sure that is meant.
        host.app.push_screen(ConfirmScreen(
            f"Replace Amazon's reply of {local_stamp(attempt.reply.received_at)}?",
            f"Attempt {attempt.number} already has a reply ({attempt.reply.outcome.label}). "
            "Recording another one takes its place.",
            yes="Replace it", no="Keep it"), open_form)


def attempt_details(attempt: Submission, today: Any) -> str:
    """The attempt in words: when, where, the note, Amazon's reply (inert text)."""
    if attempt.channel is Channel.ESCALATION:
        lines = [f"Attempt {attempt.number} · escalated {local_stamp(attempt.submitted_at)}"]
    else:
        lines = [f"Attempt {attempt.number} · sent {local_stamp(attempt.submitted_at)} via "
                 f"{attempt.channel.label}"]
    if attempt.note:
        lines.append(f"Note: {attempt.note}")
    reply = attempt.reply
    if reply is None:
        waited = days_waited(attempt, today)
        lines.append("Sent today; no reply yet." if waited <= 0 else f"No reply after {waited} d.")
    else:
        lines.append(f"Reply received {local_stamp(reply.received_at)} "
                     f"({days_waited(attempt, today)} d): {reply.outcome.label}")
        lines.append(f"Next: {reply.outcome.next_step}")
    return "\n".join(lines)


class SubmissionLogScreen(Screen[None]):
    """The attempts of the editor's case; the selected one's text and reply below or beside."""

    HELP = """\
## Submission log

Every attempt sent to Amazon for this case, oldest first, with what Amazon decided and how
many days the answer took (or has taken so far).

- **s** records a new submission: the draft is kept exactly as it is now.
- **r** records Amazon's reply to the highlighted attempt.
- **m** changes what that reply decided (the outcome); the case's status follows.
- **v** (or **enter**) shows exactly what the highlighted attempt sent; **c** copies it.
- **x** exports it to a file.
- **d** compares the highlighted attempt with the draft as it is now, word by word; **p**
  compares it with the attempt before it.
- **o** moves to what Amazon asked for in its reply: **space** ticks a request off once it is
  done. The ticks are saved with the case.
- **t** shows or hides the timeline: each attempt sent, escalated and answered, how long
  Amazon has been silent, and whether a follow-up or an escalation is due.

What an attempt sent never changes, however the draft is edited afterwards. Recording a
draft that is the same, or nearly the same, as an attempt Amazon turned down asks first.
"""

    BINDINGS = [
        Binding("s", "record_submission", "Record sent", id="log.record_submission",
                tooltip="Keep the draft as sent: channel, date and a note."),
        Binding("r", "record_reply", "Reply", id="log.record_reply",
                tooltip="Paste Amazon's answer to the highlighted attempt."),
        Binding("m", "change_outcome", "Outcome", id="log.change_outcome",
                tooltip="Change what Amazon's reply to the highlighted attempt decided."),
        Binding("v", "view_sent", "View", id="log.view_sent",
                tooltip="Show exactly what the highlighted attempt sent."),
        # Copy and Compare are left out of the footer so the rest fits whole at 80 columns;
        # F1 and ctrl+p list them.
        Binding("c", "copy_sent", "Copy", id="log.copy_sent", show=False,
                tooltip="Copy what the highlighted attempt sent, as plain text."),
        Binding("x", "export_sent", "Export", id="log.export_sent", show=False,
                tooltip="Save what the highlighted attempt sent to a file."),
        Binding("d", "compare_draft", "Compare", id="log.compare_draft", show=False,
                tooltip="Compare the highlighted attempt with the draft, word by word."),
        Binding("p", "compare_previous", "Compare previous", id="log.compare_attempts",
                show=False, tooltip="Compare the highlighted attempt with the one before it."),
        Binding("o", "focus_requests", "Requests", id="log.requests", show=False,
                tooltip="Go to what Amazon asked for, to tick requests off."),
        Binding("t", "toggle_timeline", "Timeline", id="log.timeline", show=False,
                tooltip="Show or hide the timeline and its advice."),
        Binding("escape,f6", "back", "Back", id="log.back",
                tooltip="Back to the editor."),
    ]

    def __init__(self, session: CaseSession, today: Callable[[], Any]) -> None:
        super().__init__()
        self.session = session
        self._clock = today

    @property
    def case(self) -> Case:
        assert self.session.case is not None
        return self.session.case

    def compose(self) -> ComposeResult:
        yield Static("", id="log-heading")
        with VerticalScroll(id="timeline-pane", classes="pane") as pane:
            pane.border_title = "Timeline"
            pane.border_subtitle = "d compare · o requests · t hide"
            yield Timeline(id="timeline")
        with Horizontal(id="log-body"):
            table = AttemptTable(id="attempts", classes="pane")
            table.border_title = "Attempts"
            yield table
            with VerticalScroll(id="attempt-detail", classes="pane") as detail:
                detail.border_title = "Attempt"
                yield Static("", id="attempt-summary")
                yield RequestList(read_only=self.session.read_only, id="requests")
                yield Static("", id="reply-label", classes="detail-label")
                yield Static("", id="reply-text", classes="inert-text")
                yield Static("What was sent", id="sent-label", classes="detail-label")
                yield Static("", id="sent-text", classes="inert-text")
            yield Static(Content(EMPTY_LOG), id="empty-log")
        yield KeyFooter(compact=True)

    NEEDS_ATTEMPT = frozenset({"view_sent", "copy_sent", "export_sent", "compare_draft",
                               "compare_previous", "focus_requests"})
    """Actions about the highlighted attempt: out of the footer while there is none."""

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in self.NEEDS_ATTEMPT and not self.case.submissions:
            return False
        if action == "change_outcome":
            attempt = self.selected()
            return attempt is not None and attempt.reply is not None
        return True

    def on_mount(self) -> None:
        self.refresh_log()
        self.query_one(AttemptTable).focus()

    def on_resize(self, event: Resize) -> None:
        self.set_class(event.size.width >= WIDE_COLUMNS, "-wide")

    def on_screen_resume(self) -> None:
        self.refresh_log()

    def _today(self) -> Any:
        return self._clock()

    def refresh_log(self, keep: int | None = None) -> None:
        case = self.case
        table = self.query_one(AttemptTable)
        table.show(case.submissions, self._today(), keep=keep or table.selected_number)
        count = len(case.submissions)
        clocks = clocks_in(self.app, case)
        heading = Content(f"Case {case.id} · {case.title or '(untitled)'} · ") + clock_line(clocks)
        self.query_one("#log-heading", Static).update(heading)
        self.title, self.sub_title = "Submission log", heading.plain
        # The latest events and today's advice matter most: show the end of the story.
        pane = self.query_one("#timeline-pane")
        self.query_one(Timeline).show(case, clocks, then=lambda: pane.scroll_end(animate=False))
        table.border_subtitle = f"{count} attempt{'s' if count != 1 else ''}"
        self.set_class(count == 0, "-empty")
        self.refresh_bindings()
        self._show_selected()

    def selected(self) -> Submission | None:
        number = self.query_one(AttemptTable).selected_number
        return self.case.submission(number) if number is not None else None

    def _show_selected(self) -> None:
        attempt = self.selected()
        if attempt is None:
            return
        self.query_one("#attempt-detail").border_title = f"Attempt {attempt.number}"
        self.query_one("#attempt-summary", Static).update(
            Content(attempt_details(attempt, self._today())))
        requests = self.query_one(RequestList)
        requests.show(self.case, attempt.number)
        requests.display = attempt.reply is not None
        reply = attempt.reply
        self.query_one("#reply-label", Static).update(
            Content("Amazon's reply" if reply else "Amazon's reply: none recorded yet (press r)"))
        # Amazon's emails arrive wrapped at about 75 columns: joined again, they wrap once, at
        # the pane's width. Only the screen sees this; the stored reply is kept as pasted.
        shown = reflow_for_display(strip_controls(reply.text)).rstrip() if reply else ""
        self.query_one("#reply-text", Static).update(Content(shown))
        self.query_one("#reply-text").display = reply is not None
        self.query_one("#sent-text", Static).update(Content(assemble(attempt.sections, fmt="text")))

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self._show_selected()
        self.refresh_bindings()  # m (outcome) only where the attempt has a reply

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        self.action_view_sent()

    # -- actions -------------------------------------------------------------------------------

    # The forms are modals over this screen: `on_screen_resume` redraws the log after them.

    def action_record_submission(self) -> None:
        record_submission(self, self.session, lambda attempt: self.refresh_log(keep=attempt.number))

    def action_record_reply(self) -> None:
        attempt = self.selected()
        record_reply(self, self.session, attempt.number if attempt else None)

    def action_change_outcome(self) -> None:
        attempt = self.selected()
        if attempt is None or attempt.reply is None:
            self.notify("Record Amazon's reply first (r): the outcome is what it decided.",
                        severity="warning")
            return
        number, before = attempt.number, attempt.reply.outcome

        def chosen(outcome: Outcome | None) -> None:
            if outcome is None or outcome is before:
                return
            try:
                result = self.session.update(set_outcome(number, outcome))
            except NoReply as error:
                self.notify(str(error), severity="warning")
                return
            if say_not_saved(self, result, "The outcome"):
                self.notify(f"Now {outcome.label}; the case is {self.case.status.label}.",
                            title=f"Attempt {number}")
            self.refresh_log(keep=number)

        self.app.push_screen(OutcomeScreen(attempt), chosen)

    def _sent(self) -> Submission | None:
        attempt = self.selected()
        if attempt is None:
            self.notify("There is no attempt yet: press s to record one.", severity="warning")
        return attempt

    def action_view_sent(self) -> None:
        attempt = self._sent()
        if attempt is not None:
            self.app.push_screen(TextViewScreen(
                f"Attempt {attempt.number}: exactly what was sent",
                assemble(attempt.sections, fmt="text"), what=f"Attempt {attempt.number}"))

    def action_copy_sent(self) -> None:
        attempt = self._sent()
        if attempt is not None:
            services(self).copy_text(assemble(attempt.sections, fmt="text"),
                               f"Attempt {attempt.number} as sent")

    def action_export_sent(self) -> None:
        attempt = self._sent()
        if attempt is not None:
            open_export(self, ExportSource(attempt.sections, self.case.id, self.case.title,
                                           label=f"attempt {attempt.number}", case=self.case,
                                           attempt=attempt.number))

    def on_request_list_toggle(self, event: RequestList.Toggle) -> None:
        """Save a tick through the session, with its lock and merge."""
        try:
            result = self.session.update(event.change)
        except RequestGone as gone:
            self.notify(str(gone), title="Request list", severity="warning")
            result = None
        if result is None or say_not_saved(self, result, "The tick"):
            self.refresh_log()

    def action_focus_requests(self) -> None:
        attempt = self.selected()
        if attempt is None or attempt.reply is None:
            self.notify("Amazon's requests show once its reply to this attempt is recorded "
                        "(press r).", severity="warning")
            return
        self.query_one(RequestList).focus()

    def action_toggle_timeline(self) -> None:
        pane = self.query_one("#timeline-pane")
        pane.display = not pane.display

    def compare(self, left: int, right: int | str) -> None:
        """Open the comparison of attempt `left` with `right` (an attempt or the draft)."""
        self.app.push_screen(DiffScreen(self.case, left, right,  # type: ignore[arg-type]
                                        draft=self.case.sections))

    def action_compare_draft(self) -> None:
        attempt = self._sent()
        if attempt is not None:
            self.compare(attempt.number, DRAFT)

    def action_compare_previous(self) -> None:
        attempt = self._sent()
        if attempt is None:
            return
        earlier = [s.number for s in self.case.submissions if s.number < attempt.number]
        if earlier:
            self.compare(earlier[-1], attempt.number)
        elif len(self.case.submissions) > 1:
            self.compare(attempt.number, self.case.submissions[1].number)
        else:
            self.notify("There is only one attempt: press d to compare it with the draft.",
                        severity="warning")

    def action_back(self) -> None:
        self.dismiss()

    def palette_commands(self) -> Iterable[PaletteCommand]:
        yield PaletteCommand("attempt: Record submission", "Keep the draft as sent (s)",
                             self.action_record_submission)
        yield PaletteCommand("attempt: Record reply", "Amazon's answer to the highlighted "
                             "attempt (r)", self.action_record_reply)
        yield PaletteCommand("attempt: Change outcome", "What Amazon's reply to the "
                             "highlighted attempt decided; the status follows (m)",
                             self.action_change_outcome)
        yield PaletteCommand("attempt: View what was sent", "Exactly the text of the "
                             "highlighted attempt (v)", self.action_view_sent)
        yield PaletteCommand("attempt: Compare two attempts", "The highlighted attempt against "
                             "the one before it; choose others there (p)",
                             self.action_compare_previous)
        yield PaletteCommand("attempt: Compare with draft", "What changed since the "
                             "highlighted attempt, word by word (d)", self.action_compare_draft)
        yield PaletteCommand("attempt: Tick off Amazon's requests", "What the reply asked for "
                             "(o, then space)", self.action_focus_requests)
        yield PaletteCommand("view: Timeline", "Show or hide sent, answered, escalated and the "
                             "clocks (t)", self.action_toggle_timeline)
        yield PaletteCommand("copy: Attempt as sent", "Copy the highlighted attempt's text (c)",
                             self.action_copy_sent)
        yield PaletteCommand("export: Attempt to file", "Save the highlighted attempt's text, "
                             "or a Word, PDF or HTML document of it (x)",
                             self.action_export_sent)
        yield PaletteCommand("case: Back to the editor", "Close the log (escape)", self.action_back)
