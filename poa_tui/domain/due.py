"""Every date a seller must act on, across cases: deadlines, follow-ups and escalations.

The dates are the clocks' own (`history.clocks_for`), the ones `poa-tui log` and the case list
show, so `poa-tui due`, the calendar file and the log never disagree:

- **deadline**: the notice's deadline, for every case still open (not reinstated or closed);
  it is overdue once passed while the case waits on the seller, as the case list counts it;
  while an appeal waits for Amazon's answer a passed deadline was met, and is not overdue;
- **follow-up**: the day after which an unanswered attempt is worth a polite follow-up;
- **escalation**: the day from which escalating an unanswered attempt is advised (never
  after an escalation, which is chased instead).

A follow-up or escalation date before today is overdue. No Textual here.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from poa_tui.domain.case_summary import CaseSummary
from poa_tui.domain.clocks import clocks_for
from poa_tui.domain.models import Case
from poa_tui.domain.vocab import Status

KINDS = ("deadline", "follow-up", "escalation")
_SETTLED = frozenset({Status.REINSTATED, Status.CLOSED})


@dataclass(frozen=True)
class DueDate:
    case_id: int
    title: str
    kind: str
    """One of KINDS."""
    day: date
    attempt: int | None
    """The attempt a follow-up or escalation is about."""
    overdue: bool = False
    """Passed while it still asks something of the seller (see the module's docstring)."""

    def days_left(self, today: date) -> int:
        """Days from `today`; negative once the day has passed."""
        return (self.day - today).days

    @property
    def uid(self) -> str:
        """The same for the same date of the same case on every run: a calendar that imports
        the file again updates the event instead of adding a second one."""
        about = f"-attempt-{self.attempt}" if self.attempt is not None else ""
        return f"case-{self.case_id}{about}-{self.kind}@poa-tui"

    @property
    def action(self) -> str:
        """What to do, as a short sentence without the case."""
        if self.kind == "deadline":
            return "The notice's deadline"
        if self.kind == "follow-up":
            return f"Follow up on attempt {self.attempt} if Amazon has not answered"
        return f"Escalate attempt {self.attempt} if Amazon has still not answered"

    def when(self, today: date) -> str:
        """"today", "in 3 d", "2 d overdue"."""
        days = self.days_left(today)
        if days == 0:
            return "today"
        if days > 0:
            return f"in {days} d"
        return f"{-days} d overdue" if self.overdue else f"{-days} d ago"

    def to_dict(self, today: date) -> dict[str, Any]:
        return {"case": self.case_id, "title": self.title, "kind": self.kind,
                "date": self.day.isoformat(), "attempt": self.attempt,
                "days_left": self.days_left(today), "overdue": self.overdue,
                "action": self.action}


def due_dates(items: Iterable[Case | CaseSummary], today: date, *, within: int | None = None,
              **settings: int) -> list[DueDate]:
    """Every date to act on, soonest first; `within` keeps the overdue ones and those at most
    that many days ahead. `settings` are the clock settings (`follow_up_days`...)."""
    found: list[DueDate] = []
    for item in items:
        clocks = clocks_for(item, today, **settings)
        title = " ".join(item.title.split())
        if clocks.deadline is not None and clocks.status not in _SETTLED:
            found.append(DueDate(item.id, title, "deadline", clocks.deadline, None,
                                 overdue=clocks.overdue))
        attempt = clocks.attempts or None
        if clocks.follow_up_due is not None:
            found.append(DueDate(item.id, title, "follow-up", clocks.follow_up_due, attempt,
                                 overdue=clocks.follow_up_overdue))
        if clocks.escalation_from is not None:
            found.append(DueDate(item.id, title, "escalation", clocks.escalation_from, attempt,
                                 overdue=clocks.escalation_from < today))
    if within is not None:
        found = [due for due in found if due.overdue or 0 <= due.days_left(today) <= within]
    return sorted(found, key=lambda due: (due.day, KINDS.index(due.kind), due.case_id))
