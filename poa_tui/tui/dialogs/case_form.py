"""The form for a case's details: new case, or edit the details of an existing one.

The form returns a `CaseDetails` (or None when cancelled); the caller writes it to the store,
so a refused field never loses what was typed and a save conflict can be retried on a fresh
copy of the case.
"""

from __future__ import annotations

from copy import copy
from dataclasses import dataclass
from datetime import date

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.suggester import SuggestFromList
from textual.widgets import Button, Input, Label, Select, Static, TextArea

from poa_tui.domain.evidence_changes import follow_violation, follow_violation_note
from poa_tui.domain.models import YEARS_MESSAGE, Case, usable_year, word_count
from poa_tui.domain.notice import ParsedNotice
from poa_tui.domain.readable import readable_text
from poa_tui.domain.textsafety import strip_controls
from poa_tui.domain.vocab import Scope, ViolationType
from poa_tui.tui.dialogs.confirm import ConfirmScreen
from poa_tui.tui.dialogs.form_keeping import keep_form, restore_form
from poa_tui.tui.dialogs.notice_review import NoticeReviewScreen, apply_notice_details, case_facts
from poa_tui.tui.widgets.case_table import MARKETPLACES

NOT_CHOSEN = "Not chosen"
"""What the Violation field shows on a new case until one is picked; it is saved as Other."""
NOTICE_HINT = Content.from_markup("paste it here, then [b]ctrl+r[/b] fills in the fields below")
UNCHOSEN_NOTE = ("No violation was chosen, so this case is filed under Other, with general "
                 "writing hints and checklist. Press e on the case list to choose one.")


@dataclass
class CaseDetails:
    """What the form edits: everything about a case except its draft and its history."""

    title: str = ""
    seller: str = ""
    marketplace: str = ""
    violation_type: ViolationType = ViolationType.OTHER
    scope: Scope = Scope.ACCOUNT
    received: date | None = None
    deadline: date | None = None
    notice_text: str = ""
    read: ParsedNotice | None = None
    """What the notice review confirmed, when it ran: its ids, figures and appeal limit are
    saved with the details (the form has no fields for them)."""

    @classmethod
    def of(cls, case: Case) -> CaseDetails:
        return cls(case.title, case.seller, case.marketplace, case.violation_type, case.scope,
                   case.notice.received, case.notice.deadline, case.notice.text)

    def apply_to(self, case: Case) -> Case:
        """Copy these details onto `case` (its draft and attempts stay as they are)."""
        case.title = self.title
        case.seller = self.seller
        case.marketplace = self.marketplace
        case.evidence = follow_violation(case.evidence, case.violation_type, self.violation_type)
        case.violation_type = self.violation_type
        case.scope = self.scope
        case.notice.received = self.received
        case.notice.deadline = self.deadline
        case.notice.text = self.notice_text
        if self.read is not None:
            apply_notice_details(self.read, case.notice)
        return case


class FieldError(ValueError):
    """A field the form cannot accept; `field_id` is the widget to put the cursor back in."""

    def __init__(self, field_id: str, message: str) -> None:
        super().__init__(message)
        self.field_id = field_id


def normalise_marketplace(text: str) -> str:
    """"Amazon.DE" and "www.amazon.de" become "amazon.de"; anything else is kept as typed."""
    cleaned = text.strip()
    domain = cleaned.lower().removeprefix("https://").removeprefix("www.").rstrip("/")
    return domain if domain in MARKETPLACES else cleaned


def read_date(field_id: str, label: str, text: str) -> date | None:
    """An ISO date from a field; empty means no date."""
    text = text.strip()
    if not text:
        return None
    try:
        day = date.fromisoformat(text)
    except ValueError:
        raise FieldError(field_id, f"{label}: “{text}” is not a date. Write it as YYYY-MM-DD, "
                                   f"for example 2025-03-14.") from None
    if not usable_year(day):
        raise FieldError(field_id, f"{label}: {text} is out of range; {YEARS_MESSAGE}.")
    return day


class CaseFormScreen(ModalScreen[CaseDetails | None]):
    """New case, or the details of case `case`; dismisses with the details or None."""

    HELP = """\
## Case details

The facts that identify a case. Only the **title** is required. Paste Amazon's notice into the
box under it and press **ctrl+r**: the violation, marketplace, dates and ids it finds go into
the other fields once you accept them.

- **Title**: a few words you will recognise in the list, such as the brand and the problem.
- **Amazon's notice**: the whole email or Account Health message. Invisible control
  characters are removed as it is pasted. **ctrl+r** shows what it read, each value with the
  words behind it, and nothing changes until you accept. The notice text is kept with the
  case either way.
- **Marketplace**: the Amazon site the notice came from; start typing and a domain is
  suggested (press **right** to accept it).
- **Violation** and **scope**: what Amazon says went wrong and what it blocked. They decide
  which writing hints and evidence checklist the editor offers. A violation left at **Not
  chosen** is saved as **Other**; press **e** on the case list to choose one later.
- **Dates** are written YYYY-MM-DD. The response deadline is the date by which Amazon expects
  your plan; the case list counts the days down to it.

**enter** moves to the next field, **ctrl+s** (or **F10**) saves, **escape** closes: if you
changed something it asks first.
"""

    BINDINGS = [
        Binding("ctrl+s,f10", "save", "Save", id="form.save",
                tooltip="Check the fields and save the case (ctrl+s or F10)."),
        Binding("escape", "cancel", "Cancel", id="form.cancel",
                tooltip="Close the form; asks first when something was changed."),
        Binding("ctrl+r", "review_notice", "Read notice", id="form.read_notice",
                tooltip="Fill in the fields from the pasted notice, after you confirm them."),
    ]

    def __init__(self, case: Case | None = None) -> None:
        super().__init__()
        self.case_id = case.id if case is not None else None
        self.initial = CaseDetails.of(case) if case is not None else CaseDetails()
        self.known = case_facts(case) if case is not None else ParsedNotice()
        """The case's notice facts, as the notice review's fallback for what it cannot find."""
        self.read: ParsedNotice | None = None

    @property
    def heading(self) -> str:
        return "New case" if self.case_id is None else f"Case {self.case_id}: details"

    def compose(self) -> ComposeResult:
        start = self.initial
        # The frame scrolls when the terminal is short; error and buttons are docked to its
        # bottom, so Save stays in view at 80x24.
        with VerticalScroll(id="form-frame") as frame:
            frame.border_title = self.heading
            frame.border_subtitle = "ctrl+s or F10 save · escape close · F1 help"
            with Vertical(id="form-foot"):
                yield Static("", id="form-error")
                with Horizontal(id="form-buttons"):
                    yield Button("Save", id="save", variant="primary", compact=True)
                    yield Button("Cancel", id="cancel", compact=True)
            with Grid(classes="form-grid"):
                yield Label("Title", classes="field-label required")
                yield Input(start.title, id="title", compact=True,
                            placeholder="e.g. Acme blender: inauthentic complaint")
            # The notice comes second: ctrl+r fills most of the fields below it.
            with Horizontal(id="notice-head"):
                yield Label("Amazon's notice", classes="field-label", id="notice-label")
                yield Static(NOTICE_HINT, id="notice-hint")
            yield TextArea(start.notice_text, id="notice", soft_wrap=True,
                           placeholder="Paste Amazon's email or Account Health message here.")
            with Horizontal(id="notice-actions"):
                yield Static("", id="notice-info")
                # Out of the Tab order (ctrl+r does the same): Tab from the notice goes on to
                # Seller, where the user types next, instead of stopping on a button.
                read = Button("Read the notice", id="read-notice", compact=True,
                              action="screen.review_notice")
                read.can_focus = False
                yield read
            with Grid(classes="form-grid", id="form-facts"):
                yield Label("Seller", classes="field-label")
                yield Input(start.seller, id="seller", compact=True,
                            placeholder="Store or legal name")
                yield Label("Marketplace", classes="field-label")
                yield Input(start.marketplace, id="marketplace", compact=True,
                            placeholder="amazon.com, amazon.de…",
                            suggester=SuggestFromList(list(MARKETPLACES), case_sensitive=False))
                yield Label("Violation", classes="field-label")
                yield Select([(v.label, v) for v in ViolationType], id="violation", compact=True,
                             value=Select.NULL if self.case_id is None else start.violation_type,
                             prompt=NOT_CHOSEN)
                yield Label("Scope", classes="field-label")
                yield Select([(s.label, s) for s in Scope], value=start.scope,
                             allow_blank=False, id="scope", compact=True)
                yield Label("Notice received", classes="field-label")
                yield Input(start.received.isoformat() if start.received else "",
                            id="received", compact=True, placeholder="YYYY-MM-DD")
                yield Label("Response deadline", classes="field-label")
                yield Input(start.deadline.isoformat() if start.deadline else "",
                            id="deadline", compact=True, placeholder="YYYY-MM-DD")

    def on_mount(self) -> None:
        self.query_one("#title", Input).focus()
        self.read_notice(self.initial.notice_text)
        self._start_values = self.raw_values()
        self._restore_draft()

    # -- kept when the session ends (SIGHUP, quit): a new case only ----------------------------

    async def flush(self) -> None:
        """Keep a new case's typed fields, to be offered back next time `n` is pressed."""
        if self.case_id is None and self.raw_values() != self._start_values:
            keep_form(self, "new_case")

    def _restore_draft(self) -> None:
        if self.case_id is None:
            restore_form(self, "new_case")

    # -- the notice ----------------------------------------------------------------------------

    @on(TextArea.Changed, "#notice")
    def _notice_changed(self, event: TextArea.Changed) -> None:
        self.read_notice(event.text_area.text)

    def read_notice(self, text: str) -> None:
        """Take in the notice as typed or pasted: clean it and describe it under the field.

        This is where a notice reader can propose the other fields from the text.
        """
        clean = strip_controls(text)
        area = self.query_one("#notice", TextArea)
        if clean != text:
            area.load_text(clean)  # fires Changed again, with the clean text
            self.query_one("#notice-info", Static).update(
                "Control characters from the paste were removed.")
            return
        words = word_count(clean)
        info = (f"{words:,} word{'s' if words != 1 else ''}. ctrl+r reads it and proposes the "
                f"fields below." if words else "Optional, but it helps you answer every point.")
        self.query_one("#notice-info", Static).update(Content(info))

    def action_review_notice(self) -> None:
        """Let the notice reader propose the fields; the user confirms them in the review."""
        text = strip_controls(self.query_one("#notice", TextArea).text).strip()
        if not text:
            self.query_one("#notice-info", Static).update(
                "Paste Amazon's notice into the box first, then press ctrl+r to read it.")
            self.query_one("#notice", TextArea).focus()
            return
        today = self.app.today() if hasattr(self.app, "today") else date.today()
        try:
            received = read_date("received", "Notice received", self._input("received"))
        except FieldError:
            received = None
        self.app.push_screen(NoticeReviewScreen(text, received=received or today,
                                                current=self._known_now(), today=today),
                             self._notice_read)

    def _known_now(self) -> ParsedNotice:
        """What the form holds now, as the review's fallback for fields the notice lacks."""
        known = copy(self.read or self.known)
        known.violation_type = self._violation()
        known.scope = self.query_one("#scope", Select).value  # type: ignore[assignment]
        known.marketplace = self._input("marketplace").strip() or None
        for field_id, name in (("received", "date"), ("deadline", "deadline")):
            try:
                setattr(known, name, read_date(field_id, "", self._input(field_id)))
            except FieldError:
                setattr(known, name, None)
        return known

    def _notice_read(self, facts: ParsedNotice | None) -> None:
        if facts is None:
            return
        self.read = facts
        box = self.query_one("#notice", TextArea)
        readable = readable_text(box.text)
        if readable != box.text:  # a pasted email or HTML page: keep what a person reads
            box.load_text(readable.strip())
        if facts.violation_type is not None:
            self.query_one("#violation", Select).value = facts.violation_type
        if facts.scope is not None:
            self.query_one("#scope", Select).value = facts.scope
        if facts.marketplace:
            self.query_one("#marketplace", Input).value = facts.marketplace
        for field_id, day in (("received", facts.date), ("deadline", facts.deadline)):
            self.query_one(f"#{field_id}", Input).value = day.isoformat() if day else ""
        found = [f"{len(ids)} {noun}{'s' if len(ids) != 1 else ''}"
                 for ids, noun in ((facts.asins, "ASIN"), (facts.order_ids, "order id"),
                                   (facts.complaint_ids, "complaint id")) if ids]
        # On to the first field still empty (the notice box is done with), so what is typed
        # next lands where it belongs.
        for field_id in ("title", "seller", "marketplace", "received", "deadline"):
            field = self.query_one(f"#{field_id}", Input)
            if not field.value.strip():
                self.set_focus(field)
                break
        kept = ", ".join(found) + " kept" if found else "Fields filled in"
        self.query_one("#notice-info", Static).update(Content(
            f"{kept} from the notice; they are saved with the case. Check the fields, then "
            f"ctrl+s."))

    # -- reading and checking -----------------------------------------------------------------

    def details(self) -> CaseDetails:
        """The form's values; raises `FieldError` for the first field that cannot be accepted."""
        value = self._input
        title = " ".join(value("title").split())
        if not title:
            raise FieldError("title", "Give the case a title: a few words you will recognise in "
                                      "the list, such as the brand and the problem.")
        received = read_date("received", "Notice received", value("received"))
        deadline = read_date("deadline", "Response deadline", value("deadline"))
        if received and deadline and deadline < received:
            raise FieldError("deadline", f"The response deadline ({deadline}) is before the "
                                         f"notice was received ({received}).")
        return CaseDetails(
            title=title,
            seller=" ".join(value("seller").split()),
            marketplace=normalise_marketplace(value("marketplace")),
            violation_type=self._violation() or ViolationType.OTHER,
            scope=self.query_one("#scope", Select).value,  # type: ignore[arg-type]
            received=received,
            deadline=deadline,
            notice_text=strip_controls(readable_text(self.query_one("#notice", TextArea).text))
            .strip(),
            read=self.read,
        )

    def _violation(self) -> ViolationType | None:
        """The violation picked, or None while the field says "Not chosen"."""
        value = self.query_one("#violation", Select).value
        return None if value is Select.NULL else value  # type: ignore[return-value]

    def _input(self, field_id: str) -> str:
        return strip_controls(self.query_one(f"#{field_id}", Input).value)

    def raw_values(self) -> tuple[object, ...]:
        """Every field as it stands, checked or not: to tell whether anything was changed."""
        inputs = tuple(field.value for field in self.query(Input))
        selects = tuple(field.value for field in self.query(Select))
        return (*inputs, *selects, self.query_one("#notice", TextArea).text, self.read)

    def show_error(self, message: str) -> None:
        self._error_values = self.raw_values() if message else None
        error = self.query_one("#form-error", Static)
        error.update(Content(message))
        error.set_class(bool(message), "-shown")

    # -- keys and buttons ---------------------------------------------------------------------

    @on(Input.Changed)
    @on(Select.Changed)
    def _edited(self) -> None:
        # Only an edit made after the error clears it (see `RecordForm._edited`).
        if (self.raw_values() != getattr(self, "_error_values", None)
                and self.query_one("#form-error").has_class("-shown")):
            self.show_error("")

    @on(Input.Submitted)
    def _next_field(self, event: Input.Submitted) -> None:
        event.stop()
        self.focus_next()

    @on(Button.Pressed, "#save")
    def _save_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_save()

    @on(Button.Pressed, "#cancel")
    def _cancel_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_cancel()

    def action_save(self) -> None:
        try:
            details = self.details()
        except FieldError as error:
            self.show_error(str(error))
            self.query_one(f"#{error.field_id}").focus()
            return
        if self.case_id is not None and details.violation_type != self.initial.violation_type:
            self.app.notify(follow_violation_note(self.initial.violation_type,
                                                  details.violation_type),
                            title="Evidence checklist", timeout=10)
        if self._violation() is None:
            self.app.notify(UNCHOSEN_NOTE, title="Violation not chosen", timeout=8)
        self.dismiss(details)

    def action_cancel(self) -> None:
        if self.raw_values() == self._start_values:
            self.dismiss(None)
            return

        def answered(discard: bool | None) -> None:
            if discard:
                self.dismiss(None)

        self.app.push_screen(
            ConfirmScreen("Close without saving?", "What you typed in this form will be lost.",
                          yes="Discard", no="Keep editing", danger=True),
            answered,
        )
