"""The form for a case's details: new case, or edit the details of an existing one.

The form returns a `CaseDetails` (or None when cancelled); the caller writes it to the store,
so a refused field never loses what was typed and a save conflict can be retried on a fresh
copy of the case.
"""

from __future__ import annotations

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

from ..models import Case, word_count
from ..textsafety import strip_controls
from ..vocab import Scope, ViolationType
from ..widgets.case_table import MARKETPLACES
from .confirm import ConfirmScreen


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

    @classmethod
    def of(cls, case: Case) -> CaseDetails:
        return cls(case.title, case.seller, case.marketplace, case.violation_type, case.scope,
                   case.notice.received, case.notice.deadline, case.notice.text)

    def apply_to(self, case: Case) -> Case:
        """Copy these details onto `case` (its draft and attempts stay as they are)."""
        case.title = self.title
        case.seller = self.seller
        case.marketplace = self.marketplace
        case.violation_type = self.violation_type
        case.scope = self.scope
        case.notice.received = self.received
        case.notice.deadline = self.deadline
        case.notice.text = self.notice_text
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
        return date.fromisoformat(text)
    except ValueError:
        raise FieldError(field_id, f"{label}: “{text}” is not a date. Write it as YYYY-MM-DD, "
                                   f"for example 2025-03-14.") from None


class CaseFormScreen(ModalScreen[CaseDetails | None]):
    """New case, or the details of case `case`; dismisses with the details or None."""

    HELP = """\
## Case details

The facts that identify a case. Only the **title** is required: a few words you will
recognise in the list, such as the brand and the problem.

- **Marketplace**: the Amazon site the notice came from; start typing and a domain is
  suggested (press **right** to accept it).
- **Violation** and **scope**: what Amazon says went wrong and what it blocked. They decide
  which writing hints and evidence checklist the editor offers.
- **Dates** are written YYYY-MM-DD. The response deadline is the date by which Amazon expects
  your plan; the case list counts the days down to it.
- **Amazon's notice**: paste the whole email or Account Health message. Invisible control
  characters are removed as it is pasted.

**enter** moves to the next field, **ctrl+s** (or **F10**) saves, **escape** closes: if you
changed something it asks first.
"""

    BINDINGS = [
        Binding("ctrl+s,f10", "save", "Save", id="form.save",
                tooltip="Check the fields and save the case (ctrl+s or F10)."),
        Binding("escape", "cancel", "Cancel", id="form.cancel",
                tooltip="Close the form; asks first when something was changed."),
    ]

    def __init__(self, case: Case | None = None) -> None:
        super().__init__()
        self.case_id = case.id if case is not None else None
        self.initial = CaseDetails.of(case) if case is not None else CaseDetails()

    @property
    def heading(self) -> str:
        return "New case" if self.case_id is None else f"Case {self.case_id}: details"

    def compose(self) -> ComposeResult:
        start = self.initial
        # The frame scrolls when the terminal is short; error and buttons are docked to its
        # bottom, so Save stays in view at 80x24.
        with VerticalScroll(id="form-frame") as frame:
            frame.border_title = self.heading
            frame.border_subtitle = "ctrl+s save · escape close · F1 help"
            with Vertical(id="form-foot"):
                yield Static("", id="form-error")
                with Horizontal(id="form-buttons"):
                    yield Button("Save", id="save", variant="primary", compact=True)
                    yield Button("Cancel", id="cancel", compact=True)
            with Grid(id="form-grid"):
                yield Label("Title", classes="field-label required")
                yield Input(start.title, id="title", compact=True,
                            placeholder="e.g. Acme blender: inauthentic complaint")
                yield Label("Seller", classes="field-label")
                yield Input(start.seller, id="seller", compact=True,
                            placeholder="Store or legal name")
                yield Label("Marketplace", classes="field-label")
                yield Input(start.marketplace, id="marketplace", compact=True,
                            placeholder="amazon.com, amazon.de…",
                            suggester=SuggestFromList(list(MARKETPLACES), case_sensitive=False))
                yield Label("Violation", classes="field-label")
                yield Select([(v.label, v) for v in ViolationType], value=start.violation_type,
                             allow_blank=False, id="violation", compact=True)
                yield Label("Scope", classes="field-label")
                yield Select([(s.label, s) for s in Scope], value=start.scope,
                             allow_blank=False, id="scope", compact=True)
                yield Label("Notice received", classes="field-label")
                yield Input(start.received.isoformat() if start.received else "",
                            id="received", compact=True, placeholder="YYYY-MM-DD")
                yield Label("Response deadline", classes="field-label")
                yield Input(start.deadline.isoformat() if start.deadline else "",
                            id="deadline", compact=True, placeholder="YYYY-MM-DD")
            yield Label("Amazon's notice", classes="field-label", id="notice-label")
            yield TextArea(start.notice_text, id="notice", soft_wrap=True,
                           placeholder="Paste Amazon's email or Account Health message here.")
            yield Static("", id="notice-info")

    def on_mount(self) -> None:
        self.query_one("#title", Input).focus()
        self.read_notice(self.initial.notice_text)
        self._start_values = self.raw_values()

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
        info = f"{words:,} word{'s' if words != 1 else ''}" if words else (
            "Optional, but worth it: the reviewer's exact words help you answer every point.")
        self.query_one("#notice-info", Static).update(Content(info))

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
            violation_type=self.query_one("#violation", Select).value,  # type: ignore[arg-type]
            scope=self.query_one("#scope", Select).value,  # type: ignore[arg-type]
            received=received,
            deadline=deadline,
            notice_text=strip_controls(self.query_one("#notice", TextArea).text).strip(),
        )

    def _input(self, field_id: str) -> str:
        return strip_controls(self.query_one(f"#{field_id}", Input).value)

    def raw_values(self) -> tuple[object, ...]:
        """Every field as it stands, checked or not: to tell whether anything was changed."""
        inputs = tuple(field.value for field in self.query(Input))
        selects = tuple(field.value for field in self.query(Select))
        return (*inputs, *selects, self.query_one("#notice", TextArea).text)

    def show_error(self, message: str) -> None:
        error = self.query_one("#form-error", Static)
        error.update(Content(message))
        error.set_class(bool(message), "-shown")

    # -- keys and buttons ---------------------------------------------------------------------

    @on(Input.Changed)
    @on(Select.Changed)
    def _edited(self) -> None:
        if self.query_one("#form-error").has_class("-shown"):
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
