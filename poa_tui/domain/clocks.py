"""Clocks, counts and the timeline of a case's appeal history.

Amazon says it answers within about two days; consultants advise chasing after that and
escalating only after five business days of silence. Both figures are settings. An escalation
is never advised on top of an escalation: chasing one waits the escalation's business days.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from poa_tui.domain.case_summary import CaseSummary
from poa_tui.domain.models import Case, Request
from poa_tui.domain.vocab import Channel, Outcome, Status

FOLLOW_UP_DAYS = 2
ESCALATION_BUSINESS_DAYS = 5


def add_business_days(start: date, days: int) -> date:
    """The day `days` Monday-to-Friday days after `start`."""
    day = start
    while days > 0:
        day += timedelta(days=1)
        if day.weekday() < 5:
            days -= 1
    return day


def business_days_between(start: date, end: date) -> int:
    """Whole Monday-to-Friday days after `start` up to and including `end`."""
    if end <= start:
        return 0
    days = (end - start).days
    weeks, rest = divmod(days, 7)
    count = weeks * 5
    for offset in range(1, rest + 1):
        if (start + timedelta(days=weeks * 7 + offset)).weekday() < 5:
            count += 1
    return count


@dataclass(frozen=True)
class Clocks:
    status: Status
    attempts: int
    days_waiting: int | None
    """Days since the last attempt while no decision has come back."""
    follow_up_due: date | None
    follow_up_overdue: bool
    escalation_advised: bool
    deadline: date | None
    days_left: int | None
    """Days until the notice's deadline; negative once it has passed."""
    appeal_limit: int | None
    escalated: bool = False
    """The attempt waiting for an answer was itself an escalation."""
    escalation_from: date | None = None
    """The day escalating becomes advised (the escalation business days after the attempt);
    None when nothing waits, or when the attempt waiting was itself an escalation."""

    @property
    def overdue(self) -> bool:
        return self.days_left is not None and self.days_left < 0 and self.status.needs_action

    @property
    def needs_action(self) -> bool:
        return self.status.needs_action or self.follow_up_overdue

    @property
    def attempts_left(self) -> int | None:
        if self.appeal_limit is None:
            return None
        return max(self.appeal_limit - self.attempts, 0)

    def deadline_text(self) -> str:
        if self.deadline is None or self.days_left is None:
            return ""
        if self.days_left < 0:
            return f"{-self.days_left} d overdue"
        if self.days_left == 0:
            return "today"
        return f"in {self.days_left} d"

    def advice(self) -> list[str]:
        """Plain sentences on what the clocks say, most pressing first."""
        notes: list[str] = []
        if self.overdue:
            notes.append(f"The notice's deadline passed {-self.days_left} day(s) ago.")  # type: ignore[operator]
        elif self.days_left is not None and self.status.needs_action and self.days_left <= 3:
            notes.append(f"The notice's deadline is {self.deadline_text()}.")
        if self.escalation_advised:
            notes.append(f"No answer for {self.days_waiting} days: consider escalating, calmly and "
                         "with your strongest plan.")
        elif self.follow_up_overdue and self.escalated:
            notes.append(f"No answer to the escalation for {self.days_waiting} days: a short, "
                         "polite follow-up on the same thread is due; do not escalate again.")
        elif self.follow_up_overdue:
            notes.append(f"No answer for {self.days_waiting} days: a polite follow-up is due.")
        left = self.attempts_left
        if left is not None and self.status.needs_action:
            if left == 0:
                notes.append(f"The notice allowed {self.appeal_limit} appeal(s) and all are used.")
            elif left == 1:
                notes.append("The notice limits appeals: the next one may be the last.")
        return notes


def compute_clocks(status: Status, attempts: int, last_submitted_at: datetime | None,
                   deadline: date | None, appeal_limit: int | None, today: date, *,
                   last_channel: Channel | None = None,
                   follow_up_days: int = FOLLOW_UP_DAYS,
                   escalation_business_days: int = ESCALATION_BUSINESS_DAYS) -> Clocks:
    """The clocks of a case; `last_channel` is where its last attempt went, when known."""
    waiting = status is Status.AWAITING_REPLY and last_submitted_at is not None
    escalated = waiting and last_channel is Channel.ESCALATION
    sent = last_submitted_at.astimezone().date() if last_submitted_at else None
    days_waiting = (today - sent).days if waiting and sent else None
    follow_up_due = escalation_from = None
    if waiting and sent:
        follow_up_due = (add_business_days(sent, escalation_business_days) if escalated
                         else sent + timedelta(days=follow_up_days))
        if not escalated:
            escalation_from = add_business_days(sent, escalation_business_days)
    return Clocks(
        status=status,
        attempts=attempts,
        days_waiting=days_waiting,
        follow_up_due=follow_up_due,
        follow_up_overdue=bool(follow_up_due and today > follow_up_due),
        # The same as `business_days_between(sent, today) >= escalation_business_days`.
        escalation_advised=bool(escalation_from and today >= escalation_from),
        deadline=deadline,
        days_left=(deadline - today).days if deadline else None,
        appeal_limit=appeal_limit,
        escalated=escalated,
        escalation_from=escalation_from,
    )


def clocks_for(item: Case | CaseSummary, today: date, **settings: int) -> Clocks:
    if isinstance(item, Case):
        last = item.last_submission
        return compute_clocks(item.status, len(item.submissions),
                              last.submitted_at if last else None, item.notice.deadline,
                              item.notice.appeal_limit, today,
                              last_channel=last.channel if last else None, **settings)
    return compute_clocks(item.status, item.attempts, item.last_submitted_at, item.deadline,
                          item.appeal_limit, today, last_channel=item.last_channel, **settings)


@dataclass(frozen=True)
class Event:
    when: datetime | date
    kind: str
    """`notice`, `sent`, `escalated` or `answered`."""
    attempt: int | None
    summary: str

    def to_dict(self) -> dict[str, Any]:
        return {"when": self.when.isoformat(), "kind": self.kind, "attempt": self.attempt,
                "summary": self.summary}


def timeline(case: Case) -> list[Event]:
    """The case's story in order: the notice, each attempt sent, each answer."""
    events: list[Event] = []
    if case.notice.received:
        events.append(Event(case.notice.received, "notice", None, "Amazon's notice received"))
    for attempt in case.submissions:
        escalated = attempt.channel is Channel.ESCALATION
        events.append(Event(
            attempt.submitted_at, "escalated" if escalated else "sent", attempt.number,
            f"Attempt {attempt.number} {'escalated' if escalated else 'sent'} via "
            f"{attempt.channel.label}",
        ))
        if attempt.reply:
            waited = (attempt.reply.received_at.date() - attempt.submitted_at.date()).days
            events.append(Event(
                attempt.reply.received_at, "answered", attempt.number,
                f"Amazon answered attempt {attempt.number} after {waited} d: "
                f"{attempt.reply.outcome.label}",
            ))
    return sorted(events, key=lambda e: _sort_key(e.when))


def _sort_key(when: datetime | date) -> tuple[date, time]:
    """The local day and time of `when`; a date sorts at the start of its day.

    Kept as a (day, time) pair: a date near year 1 or 9999 in a hand-edited case file cannot be
    turned into a local datetime (`astimezone` raises), yet the timeline must still be shown.
    """
    if not isinstance(when, datetime):
        return when, time.min
    try:
        when = when.astimezone()
    except (OverflowError, ValueError):
        pass  # at the ends of the calendar: sort it by its own clock
    return when.date(), when.time().replace(tzinfo=None)


def open_requests(case: Case) -> list[Request]:
    """What Amazon's latest answer asks for that is not ticked off yet."""
    last = case.last_submission
    if last is None or last.reply is None:
        return []
    return [r for r in last.reply.requests if not r.done]


def last_outcome(case: Case) -> Outcome | None:
    last = case.last_submission
    return last.reply.outcome if last and last.reply else None


def log_dict(case: Case, today: date, **settings: int) -> dict[str, Any]:
    """The `poa-tui log --json` document."""
    clocks = clocks_for(case, today, **settings)
    return {
        "id": case.id,
        "title": case.title,
        "status": clocks.status.value,
        "attempts": clocks.attempts,
        "days_waiting": clocks.days_waiting,
        "follow_up_due": clocks.follow_up_due.isoformat() if clocks.follow_up_due else None,
        "escalation_advised": clocks.escalation_advised,
        "escalation_from": clocks.escalation_from.isoformat() if clocks.escalation_from else None,
        "deadline": clocks.deadline.isoformat() if clocks.deadline else None,
        "days_left": clocks.days_left,
        "appeal_limit": clocks.appeal_limit,
        "advice": clocks.advice(),
        "timeline": [event.to_dict() for event in timeline(case)],
        "open_requests": [request.to_dict() for request in open_requests(case)],
    }
