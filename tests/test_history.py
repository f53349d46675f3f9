"""Clocks, the timeline and differences between attempts."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from poa_tui.domain.case_summary import CaseSummary
from poa_tui.domain.clocks import (
    add_business_days,
    business_days_between,
    clocks_for,
    compute_clocks,
    log_dict,
    open_requests,
    timeline,
)
from poa_tui.domain.diffing import diff_sections, repeat_of_rejected, similarity, word_diff
from poa_tui.domain.models import Case, Notice, Reply, Request, Sections
from poa_tui.domain.vocab import Channel, Outcome, Status

UTC = timezone.utc


def sent_case(sent: datetime, **notice) -> Case:
    case = Case(id=7, title="t", notice=Notice(**notice),
                sections=Sections("We sold units from an unverified supplier.", "We removed them.",
                                  "We buy only from the brand."))
    case.record_submission(Channel.ACCOUNT_HEALTH, when=sent)
    return case


@pytest.mark.parametrize(("start", "end", "expected"), [
    (date(2024, 10, 14), date(2024, 10, 21), 5),   # Monday to Monday
    (date(2024, 10, 18), date(2024, 10, 21), 1),   # Friday to Monday
    (date(2024, 10, 19), date(2024, 10, 20), 0),   # Saturday to Sunday
    (date(2024, 10, 21), date(2024, 10, 21), 0),
    (date(2024, 10, 1), date(2024, 10, 31), 22),
])
def test_business_days(start: date, end: date, expected: int) -> None:
    assert business_days_between(start, end) == expected


def test_waiting_follow_up_and_escalation() -> None:
    case = sent_case(datetime(2024, 10, 14, 10, tzinfo=UTC))  # a Monday
    fresh = clocks_for(case, date(2024, 10, 15))
    assert fresh.status is Status.AWAITING_REPLY and fresh.days_waiting == 1
    assert not fresh.follow_up_overdue and not fresh.escalation_advised
    late = clocks_for(case, date(2024, 10, 17))
    assert late.follow_up_overdue and not late.escalation_advised
    assert "follow-up is due" in " ".join(late.advice())
    silent = clocks_for(case, date(2024, 10, 21))
    assert silent.escalation_advised and "escalating" in " ".join(silent.advice())
    assert clocks_for(case, date(2024, 10, 17), follow_up_days=5).follow_up_overdue is False


def test_an_unanswered_escalation_is_never_told_to_escalate() -> None:
    case = sent_case(datetime(2024, 10, 1, 10, tzinfo=UTC))
    case.submissions[0].reply = Reply(datetime(2024, 10, 3, tzinfo=UTC), "no", Outcome.DENIED)
    case.record_submission(Channel.ESCALATION, when=datetime(2024, 10, 14, 10, tzinfo=UTC))
    early = clocks_for(case, date(2024, 10, 17))  # three days: too soon to chase an escalation
    assert early.escalated and not early.follow_up_overdue and early.advice() == []
    assert early.follow_up_due == date(2024, 10, 21)  # five business days after a Monday
    silent = clocks_for(case, date(2024, 10, 28))
    assert silent.status is Status.AWAITING_REPLY and silent.days_waiting == 14
    assert not silent.escalation_advised and silent.follow_up_overdue
    advice = " ".join(silent.advice())
    assert "escalating" not in advice and "do not escalate again" in advice
    assert log_dict(case, date(2024, 10, 28))["escalation_advised"] is False
    relaxed = clocks_for(case, date(2024, 10, 22), escalation_business_days=10)
    assert relaxed.follow_up_due == date(2024, 10, 28) and not relaxed.follow_up_overdue


def test_the_case_list_row_knows_the_last_attempt_was_an_escalation() -> None:
    """The list works from index rows: they carry the last channel, so it says the same."""
    case = sent_case(datetime(2024, 10, 1, 10, tzinfo=UTC))
    case.submissions[0].reply = Reply(datetime(2024, 10, 3, tzinfo=UTC), "no", Outcome.DENIED)
    case.record_submission(Channel.ESCALATION, when=datetime(2024, 10, 14, 10, tzinfo=UTC))
    row = CaseSummary.from_row(CaseSummary.of(case).to_row())
    assert row.last_channel is Channel.ESCALATION
    assert clocks_for(row, date(2024, 10, 28)) == clocks_for(case, date(2024, 10, 28))
    assert not clocks_for(row, date(2024, 10, 28)).escalation_advised
    older = CaseSummary.of(case).to_row()
    del older["last_channel"]  # a row an earlier version wrote
    assert CaseSummary.from_row(older).last_channel is None


def test_an_escalation_that_was_answered_leaves_the_next_attempt_its_own_clock() -> None:
    case = sent_case(datetime(2024, 10, 1, tzinfo=UTC))
    case.record_submission(Channel.ESCALATION, when=datetime(2024, 10, 7, tzinfo=UTC))
    case.submissions[1].reply = Reply(datetime(2024, 10, 9, tzinfo=UTC), "no", Outcome.DENIED)
    case.record_submission(Channel.EMAIL, when=datetime(2024, 10, 14, tzinfo=UTC))
    clocks = clocks_for(case, date(2024, 10, 21))
    assert not clocks.escalated and clocks.escalation_advised
    assert "consider escalating" in " ".join(clocks.advice())


@pytest.mark.parametrize(("start", "days", "expected"), [
    (date(2024, 10, 14), 5, date(2024, 10, 21)),   # Monday + 5 = next Monday
    (date(2024, 10, 18), 1, date(2024, 10, 21)),   # Friday + 1 = Monday
    (date(2024, 10, 19), 1, date(2024, 10, 21)),   # Saturday + 1 = Monday
    (date(2024, 10, 16), 0, date(2024, 10, 16)),
])
def test_add_business_days(start: date, days: int, expected: date) -> None:
    assert add_business_days(start, days) == expected
    assert business_days_between(start, expected) == days


def test_deadline_countdown_and_overdue() -> None:
    case = Case(notice=Notice(deadline=date(2024, 10, 31)))
    assert clocks_for(case, date(2024, 10, 26)).deadline_text() == "in 5 d"
    assert clocks_for(case, date(2024, 10, 31)).deadline_text() == "today"
    overdue = clocks_for(case, date(2024, 11, 3))
    assert overdue.deadline_text() == "3 d overdue" and overdue.overdue
    assert "passed 3 day(s) ago" in overdue.advice()[0]


def test_appeal_limit_warns_before_the_last_attempt() -> None:
    case = sent_case(datetime(2024, 10, 14, tzinfo=UTC), appeal_limit=2)
    case.submissions[0].reply = Reply(datetime(2024, 10, 16, tzinfo=UTC), "no", Outcome.DENIED)
    clocks = clocks_for(case, date(2024, 10, 17))
    assert clocks.attempts_left == 1
    assert any("may be the last" in line for line in clocks.advice())


def test_clocks_from_a_summary_match_the_case() -> None:
    case = sent_case(datetime(2024, 10, 14, tzinfo=UTC), deadline=date(2024, 10, 31))
    today = date(2024, 10, 22)
    assert clocks_for(CaseSummary.of(case), today) == clocks_for(case, today)


def test_timeline_reads_sent_answered_escalated() -> None:
    case = sent_case(datetime(2024, 10, 14, tzinfo=UTC), received=date(2024, 10, 10))
    case.submissions[0].reply = Reply(datetime(2024, 10, 16, tzinfo=UTC), "more detail",
                                      Outcome.INSUFFICIENT_POA,
                                      [Request("Greater detail on the root cause"),
                                       Request("Invoices", kind="document", done=True)])
    case.record_submission(Channel.ESCALATION, when=datetime(2024, 10, 25, tzinfo=UTC))
    kinds = [e.kind for e in timeline(case)]
    assert kinds == ["notice", "sent", "answered", "escalated"]
    assert "after 2 d" in timeline(case)[2].summary
    assert open_requests(case) == []
    case.submissions.pop()
    assert [r.text for r in open_requests(case)] == ["Greater detail on the root cause"]
    doc = log_dict(case, date(2024, 10, 20))
    assert doc["status"] == "needs_revision" and doc["open_requests"][0]["kind"] == "detail"
    assert [e["kind"] for e in doc["timeline"]] == ["notice", "sent", "answered"]


def test_word_diff_marks_added_and_removed_words() -> None:
    chunks = word_diff("We removed the listings.", "We removed all 14 listings.")
    added = "".join(c.text for c in chunks if c.kind == "added")
    removed = "".join(c.text for c in chunks if c.kind == "removed")
    assert "all" in added and "14" in added and "the" in removed
    rebuilt_new = "".join(c.text for c in chunks if c.kind != "removed")
    assert rebuilt_new == "We removed all 14 listings."


def test_diff_sections_reports_only_changes() -> None:
    a = Sections("same", "old text", "x")
    diffs = diff_sections(a, a.with_text("immediate_remedy", "new text"))
    assert [d.changed for d in diffs] == [False, True, False]
    assert diffs[1].added_removed == (1, 1)


def test_repeat_of_a_rejected_attempt_is_found() -> None:
    case = sent_case(datetime(2024, 10, 14, tzinfo=UTC))
    assert repeat_of_rejected(case) is None  # no reply yet
    case.submissions[0].reply = Reply(datetime(2024, 10, 16, tzinfo=UTC), "no", Outcome.DENIED)
    same = repeat_of_rejected(case)
    assert same and same.similarity == 1.0 and "identical to attempt 1" in same.message()
    case.sections.root_cause = case.sections.root_cause.replace("unverified", "unapproved")
    near = repeat_of_rejected(case)
    assert near and 0.9 <= near.similarity < 1.0 and "% the same as attempt 1" in near.message()
    case.sections = Sections("A wholly new analysis of supplier records from March.",
                             "Refunded 14 buyers on 3 May.", "Quarterly audits owned by Priya.")
    assert repeat_of_rejected(case) is None
    assert similarity(Sections(), Sections()) == 1.0


@given(sent=st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 1, 1)),
       waited=st.integers(min_value=0, max_value=40), business_days=st.integers(1, 20))
def test_escalation_is_advised_from_the_day_the_clocks_name(sent, waited, business_days) -> None:
    """`escalation_from`, which `log`, `due` and the calendar show, is the day the advice starts."""
    today = sent + timedelta(days=waited)
    stamp = datetime.combine(sent, datetime.min.time().replace(hour=12)).astimezone()
    clocks = compute_clocks(Status.AWAITING_REPLY, 1, stamp, None, None, today,
                            escalation_business_days=business_days)
    assert clocks.escalation_from == add_business_days(sent, business_days)
    assert clocks.escalation_advised == (business_days_between(sent, today) >= business_days)


@given(received=st.dates(), deadline=st.dates())
@example(received=date.min, deadline=date.max)
@example(received=date.max, deadline=date.min)
def test_the_timeline_and_log_take_any_date_a_case_file_can_hold(received: date,
                                                                deadline: date) -> None:
    # A case file edited by hand, or synced from elsewhere, can hold year 1 or year 9999;
    # `poa-tui log` and the app's timeline must still show the case.
    case = sent_case(datetime(2024, 10, 14, 9, tzinfo=UTC), received=received, deadline=deadline)
    assert [e.kind for e in timeline(case)].count("notice") == 1
    log_dict(case, date(2026, 12, 8))
