"""Record Amazon's answer to one attempt: the pasted text, when it came, and what it decided."""

from __future__ import annotations

from datetime import datetime
from typing import Callable

from textual.app import ComposeResult
from textual.containers import Grid
from textual.content import Content
from textual.events import Resize
from textual.widgets import Input, Label, Select, Static, TextArea

from poa_tui.domain.language import language_name
from poa_tui.domain.models import Reply, Submission, utcnow
from poa_tui.domain.replies import Classification, classify_reply
from poa_tui.domain.reply_dates import ReplyDate, reply_date
from poa_tui.domain.textsafety import strip_controls
from poa_tui.domain.vocab import Outcome
from poa_tui.tui.dialogs.submission_form import FormError, RecordForm, local_stamp, read_moment
from poa_tui.tui.widgets.request_list import RequestPicker

Classifier = Callable[[str], "Outcome | None"]
"""Reads a reply's text and names the outcome it most likely states, or None when unsure."""

SURE = 0.5
"""From this confidence the reading is stated plainly, below it as a guess."""


def reading_text(reading: Classification) -> Content:
    """What the classifier made of the reply, and the words that decided it."""
    written = f" Written in {language_name(reading.language)}." if reading.language else ""
    if reading.outcome is None:
        return Content.styled(f"Could not tell what Amazon decided: {reading.reason}. Choose the "
                              f"outcome yourself.{written}", "$text-warning")
    lead = "Reads as" if reading.confidence >= SURE else "Probably"
    parts = [Content(f"{lead} “"), Content.styled(reading.outcome.label, "bold"), Content("”")]
    if reading.evidence:
        quoted = ", ".join(f"“{strip_controls(phrase)}”" for phrase in reading.evidence[:3])
        parts.append(Content(f", from {quoted}"))
    parts.append(Content(f". Change the outcome if Amazon meant otherwise.{written}"))
    return Content("").join(parts)


class ReplyTextArea(TextArea):
    """The pasted reply; control characters and escape sequences are removed as it arrives."""

    def on_paste(self, event) -> None:
        event.prevent_default()
        event.stop()
        start, end = self.selection
        self.replace(strip_controls(event.text), start, end, maintain_selection_offset=False)


class ReplyFormScreen(RecordForm):
    """Amazon's reply to attempt `attempt`; dismisses with a `Reply` or None.

    `classify`, when given, pre-selects the outcome from the pasted text until the user picks
    one by hand.
    """

    HELP = """\
## Record Amazon's reply

Paste the whole email or Account Health message, say when it arrived and what Amazon
decided. The case's status follows from the outcome: reinstated, needs revision, documents
needed, and so on.

- **Reply**: paste with your terminal (often ctrl+shift+v or shift+insert). Hidden control
  characters are removed.
- **Received**: filled in from the reply's own `Date:` line when it has one; empty means
  now; or write YYYY-MM-DD (and HH:MM).
- **Outcome**: what the message means for you. It is chosen for you from the reply's
  wording, and the words that decided it are shown; change it whenever you read the message
  differently. "Plan not detailed enough" is Amazon asking for a better plan; "Final
  decision" means Amazon will not look at this again.
- **Amazon asks for**: each thing the reply asks you to send or do. Untick any that is not a
  real request (**space**); the rest become the case's to-do list, ticked off in the log.
"""

    heading = "Record Amazon's reply"
    lost_words = "The reply you pasted will be lost."
    SHORT = 34
    """Below this many rows the reply box shrinks so the outcome and its reasons stay in view."""

    draft_kind = "reply"

    def __init__(self, attempt: Submission, *, classify: Classifier | None = None,
                 case_id: int | None = None) -> None:
        super().__init__()
        self.attempt = attempt
        self.case_id = case_id
        self.draft_attempt = attempt.number
        self.classify = classify
        self._picked_by_hand = attempt.reply is not None
        self._suggested: Outcome | None = None
        """The outcome this form put in the Select itself (its change is not the user's)."""
        self.reading: Classification | None = None
        """What the classifier made of the text last typed or pasted."""
        self.dated: ReplyDate | None = None
        """The reply's own date line, when it has one the form put in Received."""
        self._auto_received = ""
        """What this form last wrote in Received (a different value is the user's)."""

    def fields(self) -> ComposeResult:
        existing = self.attempt.reply
        sent = local_stamp(self.attempt.submitted_at)
        intro = f"The answer to attempt {self.attempt.number}, sent {sent} via {self.attempt.channel.label}."
        if existing is not None:
            intro += f" This replaces the reply recorded on {local_stamp(existing.received_at)}."
        yield Static(Content(intro), id="form-summary")
        area = ReplyTextArea(existing.text if existing else "", id="reply-text", soft_wrap=True,
                             placeholder="Paste Amazon's message here.")
        area.border_title = "Amazon's reply"
        yield area
        # Right under the box, so the outcome read from a paste shows before saving at 80x24.
        with Grid(id="reply-grid"):
            yield Label("Outcome", classes="field-label required")
            yield Select([(o.label, o) for o in Outcome], id="outcome", compact=True,
                         prompt="What did Amazon decide?",
                         value=existing.outcome if existing else Select.NULL)
            yield Label("Received", classes="field-label")
            yield Input(local_stamp(existing.received_at) if existing else "", id="received",
                        compact=True, placeholder="empty: now")
        yield Static("", id="reply-reading", classes="field-help")
        yield Static("", id="outcome-next", classes="field-help")
        yield Label("Amazon asks for (space unticks)", id="reply-requests-label",
                    classes="field-label")
        yield RequestPicker(id="reply-requests")

    def on_mount(self) -> None:
        self.query_one("#reply-text", TextArea).focus()
        self._show_next_step()
        self._show_requests([])

    def on_resize(self, event: Resize) -> None:
        self.set_class(event.size.height < self.SHORT, "-short")

    def _show_requests(self, requests: list) -> None:
        self.query_one(RequestPicker).show(requests)
        self.query_one("#reply-requests-label").display = bool(requests)

    def suggest_outcome(self, text: str) -> Outcome | None:
        """The outcome to pre-select for `text`: from `classify` when given, else from the
        reply classifier when it recognised anything."""
        if not text.strip():
            return None
        if self.classify is not None:
            return self.classify(text)
        reading = self.reading
        return reading.outcome if reading else None

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        text = event.text_area.text
        self.reading = classify_reply(text) if text.strip() else None
        self.query_one("#reply-reading", Static).update(
            reading_text(self.reading) if self.reading else Content(""))
        self._show_requests(self.reading.requests if self.reading else [])
        self._read_date(text)
        if self._picked_by_hand:
            return
        suggestion = self.suggest_outcome(text)
        select = self.query_one("#outcome", Select)
        if suggestion is not None and select.value != suggestion:
            self._suggested = suggestion
            select.value = suggestion

    def on_select_changed(self, event: Select.Changed) -> None:
        if event.select.id == "outcome":
            # Compare values, not a flag: a paste arrives as several changes, and the Select's
            # own messages (one on mount, one per suggestion) come in later and in any order.
            if event.value is not Select.BLANK and event.value != self._suggested:
                self._picked_by_hand = True
            self._show_next_step()

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id == "received":
            self._show_next_step()

    def _read_date(self, text: str) -> None:
        """Put the reply's own date in Received, unless the user wrote one there."""
        received = self.query_one("#received", Input)
        if received.value.strip() and received.value != self._auto_received:
            return
        self.dated = reply_date(text, not_before=self.attempt.submitted_at,
                                now=utcnow()) if text.strip() else None
        if self.dated is None:
            value = ""
        elif self.dated.has_time:
            value = local_stamp(self.dated.moment)
        else:
            value = self.dated.moment.astimezone().date().isoformat()
        self._auto_received = value
        if received.value != value:
            received.value = value
        self._show_next_step()

    def _show_next_step(self) -> None:
        value = self.query_one("#outcome", Select).value
        text = f"Next: {Outcome(value).next_step}" if isinstance(value, Outcome) else ""
        received = self.query_one("#received", Input).value
        if self.dated is not None and received and received == self._auto_received:
            line = self.dated.line if len(self.dated.line) <= 40 else self.dated.line[:39] + "…"
            text += f"{' ' if text else ''}Received: from “{strip_controls(line)}”."
        self.query_one("#outcome-next", Static).update(Content(text))

    def result(self) -> Reply:
        text = strip_controls(self.query_one("#reply-text", TextArea).text).strip()
        if not text:
            raise FormError("reply-text", "Paste Amazon's reply first: it is what the next "
                                          "attempt has to answer.")
        received: datetime | None = read_moment(
            "received", "Received", self.query_one("#received", Input).value,
            today=self.today(), not_before=self.attempt.submitted_at)
        outcome = self.query_one("#outcome", Select).value
        if not isinstance(outcome, Outcome):
            raise FormError("outcome", "Choose what Amazon decided.")
        existing = self.attempt.reply
        if existing is not None and self.reading is None:
            requests = list(existing.requests)  # text untouched: keep the to-do list and ticks
        else:
            requests = self.query_one(RequestPicker).chosen()
            ticked = {r.text for r in existing.requests if r.done} if existing else set()
            for request in requests:
                request.done = request.text in ticked  # a request kept word for word stays done
        return Reply(received_at=received or utcnow(), text=text, outcome=outcome,
                     requests=requests)
