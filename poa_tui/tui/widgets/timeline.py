"""`Timeline`: a case's story in date order, then where its clocks stand and what they advise.

    2025-03-01  notice     Amazon's notice received, deadline 2025-03-18
    2025-03-03  sent       Attempt 1 via Account Health
    2025-03-05  answered   Attempt 1 after 2 d: Plan not detailed enough, asks for 2 (1 open)
    2025-03-12  escalated  Attempt 2 as an escalation
    today       waiting    5 d without an answer · escalation advised · deadline ...
                           No answer for 5 days: consider escalating, calmly and ...

The kind of each event is a word, not only a colour, so the story reads in any terminal.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Callable

from textual.containers import HorizontalGroup, VerticalGroup
from textual.content import Content
from textual.widgets import Static

from poa_tui.domain.clocks import Clocks, Event, timeline
from poa_tui.domain.models import Case, Submission
from poa_tui.domain.textsafety import strip_controls
from poa_tui.domain.vocab import Outcome
from poa_tui.tui.widgets.clock_badges import ERROR, MUTED, SEPARATOR, SUCCESS, WARNING, clock_line

KIND_WIDTH = 9
DATE_WIDTH = 10
KIND_STYLES = {
    "notice": MUTED,
    "sent": "bold $text-primary",
    "escalated": f"reverse {WARNING}",
    "answered": "bold",
    "waiting": WARNING,
}


def outcome_style(outcome: Outcome) -> str:
    if outcome is Outcome.REINSTATED:
        return SUCCESS
    if outcome in (Outcome.DENIED, Outcome.FINAL):
        return ERROR
    if outcome.is_rejection:
        return WARNING
    return ""


def _day(when: datetime | date) -> str:
    if isinstance(when, datetime):
        return when.astimezone().date().isoformat()
    return when.isoformat()


def _attempt_of(case: Case, event: Event) -> Submission | None:
    if event.attempt is None:
        return None
    try:
        return case.submission(event.attempt)
    except KeyError:
        return None


def event_text(case: Case, event: Event) -> Content:
    """What happened, in words, for one event of `case`."""
    attempt = _attempt_of(case, event)
    if event.kind == "notice":
        deadline = case.notice.deadline
        return Content("Amazon's notice received" +
                       (f", deadline {deadline.isoformat()}" if deadline else ""))
    if attempt is None:
        return Content(strip_controls(event.summary))
    if event.kind == "escalated":
        return Content(f"Attempt {attempt.number} as an escalation")
    if event.kind == "sent":
        return Content(f"Attempt {attempt.number} via {attempt.channel.label}")
    reply = attempt.reply
    assert reply is not None
    waited = (reply.received_at.astimezone().date()
              - attempt.submitted_at.astimezone().date()).days
    parts = [Content(f"Attempt {attempt.number} after {max(waited, 0)} d: "),
             Content.styled(reply.outcome.label, outcome_style(reply.outcome))]
    if reply.requests:
        still = sum(not request.done for request in reply.requests)
        asks = f", asks for {len(reply.requests)}"
        parts.append(Content(asks + (f" ({still} open)" if still else " (all done)")))
    return Content("").join(parts)


Row = tuple[str, str, Content]
"""(day, kind, what happened): one line of the timeline."""


def timeline_rows(case: Case, clocks: Clocks | None = None) -> list[Row]:
    """The events of `case`, then (with `clocks`) a row for today and one per piece of advice."""
    rows: list[Row] = [(_day(event.when), event.kind, event_text(case, event))
                       for event in timeline(case)]
    if not rows:
        rows.append(("", "", Content.styled("Nothing yet: no notice date and no attempt sent.",
                                            MUTED)))
    if clocks is not None:
        if clocks.days_waiting is not None:
            silence = Content(f"{clocks.days_waiting} d without an answer")
            rest = clock_line(clocks, status=False, waiting=False)
            line = SEPARATOR.join([silence, rest]) if rest.plain else silence
            rows.append(("today", "waiting", line))
        else:
            rows.append(("today", "", clock_line(clocks)))
        rows.extend(("", "", Content.styled(advice, WARNING)) for advice in clocks.advice())
    return rows


def timeline_text(rows: list[Row]) -> str:
    """The rows as plain text, one line each (for tests and logs)."""
    return "\n".join(f"{day:<{DATE_WIDTH}}  {kind:<{KIND_WIDTH}}  {text.plain}".rstrip()
                     for day, kind, text in rows)


class Timeline(VerticalGroup):
    """The story of one case; `show(case, clocks)` redraws it.

    Each row is three cells, so a long line wraps under its own column instead of under the
    date.
    """

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.rows: list[Row] = []

    def show(self, case: Case, clocks: Clocks | None = None, *,
             then: Callable[[], object] | None = None) -> bool:
        """Redraw when anything changed; True when it did. `then` runs once the new rows are
        laid out (to scroll to the end, say)."""
        rows = timeline_rows(case, clocks)
        if rows == self.rows and self.children:
            return False
        self.rows = rows
        self.remove_children()
        mounted = self.mount_all(
            HorizontalGroup(
                Static(Content.styled(day, MUTED), classes="timeline-day"),
                Static(Content.styled(kind, KIND_STYLES.get(kind, "")), classes="timeline-kind"),
                Static(text, classes="timeline-text"),
                classes=f"timeline-row -{kind or 'note'}",
            )
            for day, kind, text in rows
        )
        if then is not None:
            async def laid_out() -> None:
                await mounted
                self.call_after_refresh(then)

            self.call_next(laid_out)
        return True
