"""The timeline and the clocks line: events in order, escalations named, waiting days, follow-up
and escalation advice from the settings, the deadline countdown and the appeal counter."""

from __future__ import annotations

from datetime import date

from history_support import HistoryHost, history_case
from textual.widgets import Static

from poa_tui.domain.clocks import clocks_for
from poa_tui.domain.vocab import Channel, Outcome
from poa_tui.tui.widgets.clock_badges import ERROR, WARNING, ClockBadges, clock_line, clocks_in
from poa_tui.tui.widgets.timeline import Timeline, timeline_rows, timeline_text


def styles_of(content, text: str) -> list[str]:
    return [str(span.style) for span in content.spans
            if content.plain[span.start:span.end] == text]


def test_timeline_reads_as_sent_answered_escalated() -> None:
    case = history_case()
    clocks = clocks_for(case, date(2025, 3, 14))
    text = timeline_text(timeline_rows(case, clocks))
    assert text.splitlines() == [
        "2025-03-01  notice     Amazon's notice received, deadline 2025-03-18",
        "2025-03-03  sent       Attempt 1 via Account Health",
        "2025-03-05  answered   Attempt 1 after 2 d: Plan not detailed enough, asks for 3 (2 open)",
        "2025-03-12  escalated  Attempt 2 as an escalation",
        "today       waiting    2 d without an answer · follow up after 19 Mar · deadline in 4 d "
        "· 2 of 2 appeals used",
    ]


def test_advice_follows_the_settings() -> None:
    case = history_case()
    case.submission(2).channel = Channel.EMAIL  # an ordinary attempt: escalating may be advised
    today = date(2025, 3, 19)  # five business days after Wednesday 12 March
    relaxed = timeline_text(timeline_rows(case, clocks_for(case, today, follow_up_days=10,
                                                           escalation_business_days=10)))
    assert "follow up after 22 Mar" in relaxed and "escalat" not in relaxed.split("today")[1]
    strict = timeline_text(timeline_rows(case, clocks_for(case, today)))
    assert "escalation advised" in strict
    assert "consider escalating" in strict
    case.submission(2).channel = Channel.ESCALATION  # never an escalation on an escalation
    waiting = timeline_text(timeline_rows(case, clocks_for(case, date(2025, 3, 20))))
    assert "escalation advised" not in waiting and "consider escalating" not in waiting
    assert "do not escalate again" in waiting


def test_clock_line_says_overdue_in_words_and_colour() -> None:
    case = history_case(escalate=False)  # the rejected attempt is the latest: seller must act
    line = clock_line(clocks_for(case, date(2025, 3, 21)))
    assert line.plain == ("Needs revision · deadline 3 d overdue · "
                          "1 of 2 appeals used, next may be the last")
    assert styles_of(line, "deadline 3 d overdue") == [ERROR]
    assert styles_of(line, "1 of 2 appeals used, next may be the last") == [WARNING]
    soon = clock_line(clocks_for(case, date(2025, 3, 16)))
    assert "deadline in 2 d" in soon.plain
    assert styles_of(soon, "deadline in 2 d") == [WARNING]


def test_clock_line_after_the_case_is_won() -> None:
    case = history_case()
    case.submission(2).reply = case.submission(1).reply
    case.submission(2).reply.outcome = Outcome.REINSTATED
    line = clock_line(clocks_for(case, date(2025, 3, 30)))
    assert line.plain == "Reinstated · 2 of 2 appeals used"


def test_an_empty_case_says_nothing_happened_yet() -> None:
    case = history_case(escalate=False)
    case.submissions.clear()
    case.notice.received = None
    assert "Nothing yet" in timeline_text(timeline_rows(case))


async def test_widgets_use_the_apps_settings_and_clock() -> None:
    case = history_case()
    app = HistoryHost(widgets=lambda: [ClockBadges(), Timeline()], today=date(2025, 3, 19))
    async with app.run_test(size=(80, 24)) as pilot:
        app.settings.escalation_business_days = 4  # an escalation is chased after 4 business days
        clocks = clocks_in(app, case)
        assert clocks.days_waiting == 7 and not clocks.escalation_advised
        app.query_one(ClockBadges).show(clocks)
        timeline = app.query_one(Timeline)
        timeline.show(case, clocks)
        await pilot.pause()
        rows = timeline.query(".timeline-row")
        assert len(rows) == 6  # five events and today, plus one piece of advice
        assert rows[3].has_class("-escalated")
        cells = [str(cell.render()) for cell in rows[3].query(Static)]
        assert cells[1] == "escalated"
        assert "follow-up on the same thread is due" in str(rows[-1].query(Static)[-1].render())
        badges = str(app.query_one(ClockBadges).render())
        assert "waiting 7 d" in badges and "follow up now" in badges
        timeline.show(case, clocks)  # unchanged: the rows stay as they are
        await pilot.pause()
        assert list(timeline.query(".timeline-row"))[0] is rows[0]
