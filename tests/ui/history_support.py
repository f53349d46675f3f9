"""A small host app and a fixed case history for the appeal-history components.

`HistoryHost` carries only what the components read from `PoaApp` (`store`, `settings`,
`today()`, the stylesheets), so a failure points at the component and not at the screens around
it. `history_case()` is an inauthentic-goods case with a notice, a rejected first attempt whose
reply asks for three things, an escalation still waiting for an answer, and a draft that reworks
the Root Cause; every date is fixed against `TODAY`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, Callable

from textual.app import App, ComposeResult
from textual.screen import Screen
from textual.widget import Widget

from poa_tui.domain.models import Case, Notice, Reply, Request, Sections
from poa_tui.domain.vocab import Channel, Outcome, ViolationType
from poa_tui.tui.resources import stylesheets

TODAY = date(2025, 3, 20)
"""A Thursday."""

FIRST = Sections(
    root_cause="We bought knife sets from a new wholesaler and did not check its authorisation.",
    immediate_remedy="- We closed the listings.\n- We refunded the buyers who complained.",
    systematic_changes="- We will only buy from authorised suppliers from now on.",
)
DRAFT = Sections(
    root_cause=("On 12 February our purchasing lead bought 140 knife sets from Eastgate Trade, a "
                "wholesaler Korvan has not authorised, and nobody checked its authorisation."),
    immediate_remedy=FIRST.immediate_remedy,
    systematic_changes=("- Since 3 March Helen Marsh approves every new supplier against the "
                        "brand's list of authorised distributors."),
)
REJECTION = """Hello,

We received your submission but do not have enough information to reactivate your account.

To reactivate your account, please send the following:
- Greater detail on the root causes of the complaints.
- Invoices from your supplier covering the last 365 days.
- Delete the remaining inauthentic listings.

Seller Performance Team
"""


def noon(day: str) -> datetime:
    # Noon UTC is the same calendar day in every time zone from UTC-11 to UTC+11.
    return datetime.fromisoformat(f"{day}T12:00:00+00:00")


def history_case(*, escalate: bool = True, appeal_limit: int | None = 2) -> Case:
    case = Case(id=7, title="Korvan knife sets", seller="Marlow Kitchen Supply Ltd",
                marketplace="amazon.co.uk", violation_type=ViolationType.INAUTHENTIC,
                notice=Notice(text="Your account has been deactivated.", received=date(2025, 3, 1),
                              deadline=date(2025, 3, 18), appeal_limit=appeal_limit),
                sections=Sections(**FIRST.to_dict()))
    first = case.record_submission(Channel.ACCOUNT_HEALTH, when=noon("2025-03-03"))
    first.reply = Reply(noon("2025-03-05"), REJECTION, Outcome.INSUFFICIENT_POA, requests=[
        Request("Greater detail on the root causes of the complaints", "detail", done=True),
        Request("Invoices from your supplier covering the last 365 days", "document"),
        Request("Delete the remaining inauthentic listings", "action"),
    ])
    if escalate:
        case.record_submission(Channel.ESCALATION, when=noon("2025-03-12"),
                               note="Sent to the Executive Seller Relations address")
    case.sections = Sections(**DRAFT.to_dict())
    return case


@dataclass
class HostSettings:
    follow_up_days: int = 2
    escalation_business_days: int = 5
    keymap: dict[str, str] = field(default_factory=dict)


class HistoryHost(App[Any]):
    """Mounts `widgets` on a plain screen, or pushes `screen` at start and keeps its result."""

    CSS_PATH = stylesheets()

    def __init__(self, store: Any = None, *, widgets: Callable[[], list[Widget]] | None = None,
                 screen: Callable[[], Screen[Any]] | None = None, today: date = TODAY) -> None:
        super().__init__()
        self.store = store
        self.settings = HostSettings()
        self._widgets = widgets
        self._screen = screen
        self._today = today
        self.results: list[Any] = []
        self.messages: list[Any] = []

    def today(self) -> date:
        return self._today

    def compose(self) -> ComposeResult:
        if self._widgets is not None:
            yield from self._widgets()

    def on_request_list_toggle(self, event: Any) -> None:
        self.messages.append(event)

    def on_mount(self) -> None:
        if self._screen is not None:
            self.push_screen(self._screen(), self.results.append)
