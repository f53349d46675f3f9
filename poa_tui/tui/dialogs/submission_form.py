"""Record that the plan was sent: where, when, and a note. The draft is snapshotted as it stands.

Also home of `RecordForm`, the small modal form the reply and export forms share: a framed card,
an error line, Save and Cancel, ctrl+s (or F10) to accept and escape to close.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timezone
from typing import TYPE_CHECKING, Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Select, Static, TextArea

from poa_tui.domain.assembly import section_counts
from poa_tui.domain.diffing import Repeat
from poa_tui.domain.models import YEARS_MESSAGE, Sections, usable_year
from poa_tui.domain.vocab import Channel
from poa_tui.tui.dialogs.confirm import ConfirmScreen
from poa_tui.tui.dialogs.form_keeping import keep_form, restore_form

if TYPE_CHECKING:
    from poa_tui.domain.readiness import (
        Readiness,  # the checks load with the editor, not with this form
    )


class FormError(ValueError):
    """A field the form cannot accept; `field_id` is where the cursor goes back to."""

    def __init__(self, field_id: str, message: str) -> None:
        super().__init__(message)
        self.field_id = field_id


def read_moment(field_id: str, label: str, text: str, *, today: date,
                not_before: datetime | None = None) -> datetime | None:
    """A local "YYYY-MM-DD" or "YYYY-MM-DD HH:MM" as a UTC timestamp; empty means now (None).

    Refuses anything that is not a date, a day after `today`, and a moment before `not_before`.
    """
    text = text.strip()
    if not text:
        return None
    try:
        if len(text) <= 10:
            moment = datetime.combine(date.fromisoformat(text), time(12, 0))
        else:
            moment = datetime.fromisoformat(text.replace("T", " "))
    except ValueError:
        raise FormError(field_id, f"{label}: “{text}” is not a date. Write YYYY-MM-DD or "
                                  f"YYYY-MM-DD HH:MM, for example 2025-03-14 09:30.") from None
    if not usable_year(moment):  # near year 1 or 9999 the shift to UTC would overflow
        raise FormError(field_id, f"{label}: {text} is out of range; {YEARS_MESSAGE}.")
    if moment.tzinfo is None:
        moment = moment.astimezone()
    if moment.date() > today:
        raise FormError(field_id, f"{label}: {text} is in the future.")
    moment = moment.astimezone(timezone.utc)
    if not_before is not None and moment < not_before:
        shown = not_before.astimezone().strftime("%Y-%m-%d %H:%M")
        raise FormError(field_id, f"{label}: {text} is before the attempt was sent ({shown}).")
    return moment


def local_stamp(moment: datetime) -> str:
    return moment.astimezone().strftime("%Y-%m-%d %H:%M")


class RecordForm(ModalScreen[Any]):
    """A framed modal form; subclasses fill `fields()` and turn the values into `result()`."""

    BINDINGS = [
        Binding("ctrl+s,f10", "accept", "Save", id="form.save",
                tooltip="Check the fields and save (ctrl+s or F10)."),
        Binding("escape", "cancel", "Cancel", id="form.cancel",
                tooltip="Close the form without saving anything."),
    ]

    heading = ""
    accept_label = "Save"
    lost_words = "What you typed in this form will be lost."
    """What escape says is thrown away when something was typed or pasted."""
    draft_kind: str | None = None
    """Kind of `FormDraft` the form keeps when the session ends with it open (None: none)."""
    case_id: int | None = None
    draft_attempt: int | None = None

    def __init__(self) -> None:
        super().__init__(classes="record-form")

    def fields(self) -> ComposeResult:
        """The form's widgets, inside the scrolling body."""
        yield from ()

    def result(self) -> Any:
        """What the form dismisses with; raises `FormError` for a field it cannot accept."""
        return None

    def compose(self) -> ComposeResult:
        with Vertical(id="form-frame") as frame:
            frame.border_title = self.heading
            # Name the key's twin (ctrl+s is flow control in some terminals) and the button's word.
            frame.border_subtitle = f"ctrl+s or F10 {self.accept_label.lower()} · escape close"
            with VerticalScroll(id="form-body"):
                yield from self.fields()
            yield Static("", id="form-error")
            with Horizontal(id="form-buttons"):
                yield Button(self.accept_label, id="accept", variant="primary", compact=True)
                yield Button("Cancel", id="cancel", compact=True)

    def on_mount(self) -> None:
        # Subclasses' on_mount run too (Textual calls each class's own handler).
        self._start_values = self.typed_values()
        self._restore_draft()

    # -- kept when the session ends (SIGHUP, quit) ---------------------------------------------

    async def flush(self) -> None:
        """Keep what was typed, to be offered back (the app calls this on hang-up and quit)."""
        if self.draft_kind is not None and self.changed():
            keep_form(self, self.draft_kind, self.case_id, self.draft_attempt)

    def _restore_draft(self) -> None:
        if self.draft_kind is not None:
            restore_form(self, self.draft_kind, self.case_id, self.draft_attempt)

    def typed_values(self) -> tuple[object, ...]:
        """What the user can type or paste into: to tell whether escape would lose any."""
        return (*(field.value for field in self.query(Input)),
                *(area.text for area in self.query(TextArea)))

    def changed(self) -> bool:
        return self.typed_values() != getattr(self, "_start_values", ())

    def show_error(self, message: str) -> None:
        self._error_values = self.typed_values() if message else None
        error = self.query_one("#form-error", Static)
        error.update(Content(message))
        error.set_class(bool(message), "-shown")

    def today(self) -> date:
        clock = getattr(self.app, "today", None)
        return clock() if callable(clock) else date.today()

    @on(Input.Changed)
    @on(Select.Changed)
    def _edited(self) -> None:
        # Only an edit made after the error clears it: a change message still queued from
        # before ctrl+s (keys typed in one burst) must not wipe the error ctrl+s just showed.
        if self.typed_values() != getattr(self, "_error_values", None):
            self.show_error("")

    @on(Input.Submitted)
    def _next_field(self, event: Input.Submitted) -> None:
        event.stop()
        self.focus_next()

    @on(Button.Pressed, "#accept")
    def _accept_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_accept()

    @on(Button.Pressed, "#cancel")
    def _cancel_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_cancel()

    def action_accept(self) -> None:
        try:
            value = self.result()
        except FormError as error:
            self.show_error(str(error))
            self.query_one(f"#{error.field_id}").focus()
            return
        self.dismiss(value)

    def action_cancel(self) -> None:
        """Close; when something was typed or pasted, ask before it is thrown away."""
        if not self.changed():
            self.dismiss(None)
            return

        def answered(discard: bool | None) -> None:
            if discard:
                self.dismiss(None)

        self.app.push_screen(ConfirmScreen("Close without saving?", self.lost_words,
                                           yes="Discard", no="Keep editing", danger=True),
                             answered)


VERDICT_WORDS = {
    "ready": "ready to send",
    "needs_work": "needs work: a reviewer would act on the warnings",
    "blocked": "blocked: the plan still has blockers",
}


def verdict_line(readiness: Readiness) -> str:
    """"Checks: needs work: ... (2 warnings). F8 in the editor selects each one." """
    line = f"Checks: {VERDICT_WORDS[readiness.verdict]}"
    if readiness.findings and readiness.summary != "no problems found":
        line += f" ({readiness.summary})"
    if readiness.verdict != "ready":
        line += ". F8 in the editor selects each one"
    return line + "."


@dataclass(frozen=True)
class SubmissionDetails:
    channel: Channel
    when: datetime | None
    """None: now."""
    note: str = ""


class SubmissionFormScreen(RecordForm):
    """Where and when the plan went; dismisses with `SubmissionDetails` or None."""

    HELP = """\
## Record a submission

Keep a copy of the plan exactly as you sent it. The three sections are saved with this
attempt as they are now; later edits to the draft never change it, so you can always see
what Amazon was answering.

- **Channel**: where you sent it (the Account Health appeal form, an email, an escalation).
- **Sent on**: leave it empty for now, or write YYYY-MM-DD (and a time, HH:MM) if you sent
  it earlier.
- **Note**: anything worth remembering, such as a case number Amazon gave you.
"""

    heading = "Record a submission"
    accept_label = "Record"
    draft_kind = "submission"

    def __init__(self, sections: Sections, number: int, *, repeat: Repeat | None = None,
                 readiness: Readiness | None = None, case_id: int | None = None) -> None:
        super().__init__()
        self.sections = sections
        self.number = number
        self.case_id = case_id
        self.draft_attempt = number
        self.repeat = repeat
        """The rejected attempt this draft (nearly) repeats: recording it asks first."""
        self.readiness = readiness
        """What the checks make of the draft: the form shows their verdict."""
        self._repeat_confirmed = False

    def fields(self) -> ComposeResult:
        counts = section_counts(self.sections)
        parts = [f"{section.label} {counts[section].words:,} words" for section, _ in self.sections.items()]
        empty = [section.label for section, text in self.sections.items() if not text.strip()]
        summary = f"Attempt {self.number} keeps the draft as it is now: " + ", ".join(parts) + "."
        if empty:
            summary += f" Still empty: {', '.join(empty)}."
        yield Static(Content(summary), id="form-summary", classes="-warning" if empty else "")
        if self.readiness is not None:
            yield Static(Content(verdict_line(self.readiness)), id="form-checks",
                         classes="" if self.readiness.verdict == "ready" else "-warning")
        if self.repeat is not None:
            yield Static(Content(f"{self.repeat.message()} Compare the two in the log (d) "
                                 f"before sending."), id="form-repeat", classes="-warning")
        with Grid(id="form-grid"):
            yield Label("Channel", classes="field-label required")
            yield Select([(c.label, c) for c in Channel], value=Channel.ACCOUNT_HEALTH,
                         allow_blank=False, id="channel", compact=True)
            yield Label("Sent on", classes="field-label")
            yield Input("", id="when", compact=True, placeholder="empty: now · YYYY-MM-DD HH:MM")
            yield Label("Note", classes="field-label")
            yield Input("", id="note", compact=True, placeholder="e.g. Amazon case 1234567890")

    def on_mount(self) -> None:
        self.query_one("#channel", Select).focus()

    def action_accept(self) -> None:
        """Record; a near-repeat of a rejected attempt is confirmed first."""
        if self.repeat is None or self._repeat_confirmed:
            super().action_accept()
            return
        try:
            self.result()
        except FormError:
            super().action_accept()  # shows what is wrong first
            return

        def answered(yes: bool | None) -> None:
            if yes:
                self._repeat_confirmed = True
                super(SubmissionFormScreen, self).action_accept()

        alike = ("the same as" if self.repeat.similarity >= 0.999
                 else f"{self.repeat.similarity:.0%} the same as")
        self.app.push_screen(ConfirmScreen(
            f"Record a plan {alike} attempt {self.repeat.attempt}?", self.repeat.message(),
            yes="Record anyway", no="Go back"), answered)

    def result(self) -> SubmissionDetails:
        channel = self.query_one("#channel", Select).value
        when = read_moment("when", "Sent on", self.query_one("#when", Input).value,
                           today=self.today())
        note = " ".join(self.query_one("#note", Input).value.split())
        return SubmissionDetails(channel=Channel(channel), when=when, note=note)
