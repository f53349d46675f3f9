"""The clocks of a case in one line: status, days waiting, follow-up, deadline, appeals used.

Every warning is written in words ("3 d overdue", "follow up now"), and colour only repeats it,
so the line reads the same in 256 colours, in monochrome and to a screen reader.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from textual.content import Content
from textual.widgets import Static

from poa_tui.domain.case_summary import CaseSummary
from poa_tui.domain.clocks import ESCALATION_BUSINESS_DAYS, FOLLOW_UP_DAYS, Clocks, clocks_for
from poa_tui.domain.models import Case
from poa_tui.domain.vocab import Status

ERROR = "bold $text-error"
WARNING = "$text-warning"
SUCCESS = "$text-success"
MUTED = "$text-muted"
SEPARATOR = Content.styled(" · ", MUTED)


def clock_settings(app: Any) -> dict[str, int]:
    """The follow-up and escalation settings of `app` (the defaults when it has none)."""
    settings = getattr(app, "settings", None)
    return {
        "follow_up_days": int(getattr(settings, "follow_up_days", FOLLOW_UP_DAYS)),
        "escalation_business_days": int(getattr(settings, "escalation_business_days",
                                                ESCALATION_BUSINESS_DAYS)),
    }


def app_today(app: Any) -> date:
    """The app's clock (tests fix it), else the real date."""
    clock = getattr(app, "today", None)
    return clock() if callable(clock) else date.today()


def clocks_in(app: Any, item: Case | CaseSummary) -> Clocks:
    """`clocks_for(item)` on the app's today with the user's follow-up and escalation settings."""
    return clocks_for(item, app_today(app), **clock_settings(app))


def status_style(status: Status) -> str:
    if status is Status.REINSTATED:
        return SUCCESS
    if status is Status.CLOSED:
        return MUTED
    if status.needs_action and status is not Status.DRAFTING:
        return WARNING
    return ""


def waiting_badge(clocks: Clocks) -> tuple[str, str] | None:
    """"waiting 3 d" with its urgency, while an attempt has no answer yet."""
    if clocks.days_waiting is None:
        return None
    text = f"waiting {clocks.days_waiting} d"
    if clocks.escalation_advised:
        return text, ERROR
    if clocks.follow_up_overdue:
        return text, WARNING
    return text, ""


def follow_up_badge(clocks: Clocks) -> tuple[str, str] | None:
    if clocks.escalation_advised:
        return "escalation advised", ERROR
    if clocks.follow_up_overdue:
        return "follow up now", WARNING
    if clocks.follow_up_due is not None:
        return f"follow up after {clocks.follow_up_due:%d %b}", MUTED
    return None


def deadline_badge(clocks: Clocks) -> tuple[str, str] | None:
    """The notice's deadline as a countdown; "overdue" only while the case waits on the seller."""
    if clocks.deadline is None or clocks.days_left is None:
        return None
    if clocks.status in (Status.REINSTATED, Status.CLOSED):
        return None
    if not clocks.status.needs_action:
        if clocks.days_left < 0:
            return f"deadline passed {clocks.deadline:%d %b}", MUTED
        return f"deadline {clocks.deadline_text()}", MUTED
    text = f"deadline {clocks.deadline_text()}"
    if clocks.days_left <= 0:
        return text, ERROR
    if clocks.days_left <= 3:
        return text, WARNING
    return text, ""


def attempts_badge(clocks: Clocks) -> tuple[str, str] | None:
    """Attempts sent; against the notice's limit when it gives one."""
    if clocks.appeal_limit is None:
        if not clocks.attempts:
            return None
        return f"{clocks.attempts} sent", ""
    text = f"{clocks.attempts} of {clocks.appeal_limit} appeals used"
    left = clocks.attempts_left
    if left == 0:
        return text, ERROR
    if left == 1:
        return text + ", next may be the last", WARNING
    return text, ""


def waiting_status(clocks: Clocks) -> tuple[str, str] | None:
    """A short status for a case waiting on Amazon, with the days: "Follow up · 3 d"."""
    if clocks.days_waiting is None:
        return None
    days = f"{clocks.days_waiting} d"
    if clocks.escalation_advised:
        return f"Escalate · {days}", ERROR
    if clocks.follow_up_overdue:
        return f"Follow up · {days}", WARNING
    return f"Waiting {days}", ""


def urgency(clocks: Clocks) -> tuple[int, int]:
    """Sort key, most pressing first: deadline passed, escalation due, deadline within three
    days, follow-up due, anything else waiting on the seller, then the rest; sooner deadlines
    first within each."""
    if clocks.overdue:
        rank = 0
    elif clocks.escalation_advised:
        rank = 1
    elif clocks.status.needs_action and clocks.days_left is not None and clocks.days_left <= 3:
        rank = 2
    elif clocks.follow_up_overdue:
        rank = 3
    elif clocks.needs_action:
        rank = 4
    else:
        rank = 5
    return rank, clocks.days_left if clocks.days_left is not None else 10**6


def clock_line(clocks: Clocks, *, status: bool = True, waiting: bool = True) -> Content:
    """Every clock that applies, most important first, separated by " · "."""
    badges = [(clocks.status.label, status_style(clocks.status))] if status else []
    for badge in (waiting_badge(clocks) if waiting else None, follow_up_badge(clocks),
                  deadline_badge(clocks), attempts_badge(clocks)):
        if badge is not None:
            badges.append(badge)
    return SEPARATOR.join(Content.styled(text, style) for text, style in badges)


class ClockBadges(Static):
    """`clock_line` as a widget; `show(clocks)` redraws it."""

    def show(self, clocks: Clocks) -> None:
        self.update(clock_line(clocks))
