"""`due` and `calendar` through a real process, on cases in every clock state, checked against
`log`: the three must name the same dates."""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta

import icalendar
import pytest

from poa_tui.domain.clocks import add_business_days
from poa_tui.domain.models import Case, Notice, Reply, Sections
from poa_tui.domain.vocab import Channel, Outcome

TODAY = date.today()


def days_ago(days: int) -> datetime:
    return datetime.combine(TODAY - timedelta(days=days), time(12)).astimezone()


def add_case(store, title: str, *, sent_days_ago: int | None = None,
             deadline_in: int | None = None, outcome: Outcome | None = None,
             channel: Channel = Channel.ACCOUNT_HEALTH, archived: bool = False,
             closed: bool = False) -> int:
    case = Case(title=title, sections=Sections("Root.", "Remedy.", "Changes."), archived=archived,
                closed=closed)
    case.notice = Notice(received=TODAY - timedelta(30),
                         deadline=TODAY + timedelta(deadline_in) if deadline_in is not None
                         else None)
    if sent_days_ago is not None:
        attempt = case.record_submission(channel, when=days_ago(sent_days_ago))
        if outcome is not None:
            attempt.reply = Reply(days_ago(sent_days_ago - 1), "Answer.", outcome)
    return store.create(case).id


@pytest.fixture
def every_state(store_at) -> dict[str, int]:
    store = store_at()
    return {
        "drafting, deadline ahead": add_case(store, "Drafting", deadline_in=9),
        "drafting, deadline passed": add_case(store, "Late draft", deadline_in=-2),
        "drafting, no deadline": add_case(store, "No deadline"),
        "just sent": add_case(store, "Just sent", sent_days_ago=0, deadline_in=3),
        "follow-up overdue": add_case(store, "Quiet", sent_days_ago=4),
        "escalation advised": add_case(store, "Silent", sent_days_ago=12, deadline_in=-5),
        "escalated, waiting": add_case(store, "Escalated", sent_days_ago=1,
                                       channel=Channel.ESCALATION),
        "needs revision": add_case(store, "Rejected", sent_days_ago=6, deadline_in=4,
                                   outcome=Outcome.INSUFFICIENT_POA),
        "reinstated": add_case(store, "Won", sent_days_ago=6, deadline_in=4,
                               outcome=Outcome.REINSTATED),
        "closed": add_case(store, "Given up", deadline_in=4, closed=True),
        "archived": add_case(store, "Filed away", sent_days_ago=3, archived=True),
    }


def log_dates(cli, case_id: int) -> dict[str, date]:
    """The deadline, follow-up and escalation dates `poa-tui log` prints for a case."""
    out = cli("log", str(case_id)).out
    found = {}
    patterns = {"deadline": r"^Deadline   (\d{4}-\d\d-\d\d) ",
                "follow-up": r"^Follow up  (?:due after|overdue since) (\d{4}-\d\d-\d\d)$",
                "escalation": r"^Escalate   .*\((?:advised from|since) (\d{4}-\d\d-\d\d)\)$"}
    for kind, pattern in patterns.items():
        match = re.search(pattern, out, flags=re.M)
        if match:
            found[kind] = date.fromisoformat(match.group(1))
    return found


def test_due_lists_every_date_soonest_first_and_exits_1_when_one_passed(cli, every_state) -> None:
    result = cli("due", "--json")
    assert result.code == 1, result.err
    rows = result.json()
    assert [row["date"] for row in rows] == sorted(row["date"] for row in rows)
    got = {(row["case"], row["kind"]): (date.fromisoformat(row["date"]), row["overdue"])
           for row in rows}
    ids = every_state
    sent = lambda days: TODAY - timedelta(days)  # noqa: E731
    assert got == {
        (ids["drafting, deadline ahead"], "deadline"): (TODAY + timedelta(9), False),
        (ids["drafting, deadline passed"], "deadline"): (TODAY - timedelta(2), True),
        (ids["just sent"], "deadline"): (TODAY + timedelta(3), False),
        (ids["just sent"], "follow-up"): (TODAY + timedelta(2), False),
        (ids["just sent"], "escalation"): (add_business_days(TODAY, 5), False),
        (ids["follow-up overdue"], "follow-up"): (sent(4) + timedelta(2), True),
        (ids["follow-up overdue"], "escalation"):
            (add_business_days(sent(4), 5), add_business_days(sent(4), 5) < TODAY),
        # The deadline passed while the appeal waited for Amazon: it was met, not missed.
        (ids["escalation advised"], "deadline"): (TODAY - timedelta(5), False),
        (ids["escalation advised"], "follow-up"): (sent(12) + timedelta(2), True),
        (ids["escalation advised"], "escalation"): (add_business_days(sent(12), 5), True),
        # An escalation is chased after the business days, never escalated again.
        (ids["escalated, waiting"], "follow-up"): (add_business_days(sent(1), 5), False),
        (ids["needs revision"], "deadline"): (TODAY + timedelta(4), False),
    }
    text = cli("due")
    assert text.code == 1
    first = text.out.splitlines()[0]
    assert first.startswith(f"{(TODAY - timedelta(10)).isoformat()}  10 d overdue ")
    assert "Late draft" in text.out and "Won" not in text.out and "Filed away" not in text.out


def test_due_within_keeps_what_is_overdue_and_what_is_near(cli, store_at) -> None:
    store = store_at()
    near = add_case(store, "Near", deadline_in=2)
    add_case(store, "Far", deadline_in=20)
    result = cli("due", "--within", "7", "--json")
    assert result.code == 0
    assert [row["case"] for row in result.json()] == [near]
    late = add_case(store, "Late", deadline_in=-1)
    result = cli("due", "--within", "0", "--json")
    assert (result.code, [row["case"] for row in result.json()]) == (1, [late])
    assert cli("due", "--within", "-3").code == 2


def test_due_on_an_empty_store_says_so_and_exits_0(cli) -> None:
    result = cli("due")
    assert (result.code, result.out) == (0, "Nothing is due: no case waits on a date.\n")


def _events(path) -> dict[str, icalendar.Event]:
    calendar = icalendar.Calendar.from_ical(path.read_bytes())
    return {str(event["uid"]): event for event in calendar.walk("VEVENT")}


def test_due_calendar_and_log_agree_on_every_date(cli, every_state, tmp_path) -> None:
    target = tmp_path / "dates.ics"
    assert cli("calendar", "-o", str(target), "--all").code == 0
    events = _events(target)
    due = cli("due", "--json").json()
    for name, case_id in every_state.items():
        from_log = log_dates(cli, case_id)
        from_due = {row["kind"]: date.fromisoformat(row["date"]) for row in due
                    if row["case"] == case_id}
        from_calendar = {str(e["categories"].cats[1]): e.decoded("dtstart").date()
                         for e in events.values() if f"case-{case_id}-" in str(e["uid"])}
        if name in ("reinstated", "closed"):
            assert from_due == from_calendar == {}, name
            continue
        if name == "archived":  # only the calendar's --all takes archived cases
            assert from_due == {} and from_calendar == from_log, name
            continue
        assert from_due == from_calendar == from_log, name


def test_calendar_events_have_reminders_a_zone_and_stable_ids(cli, store_at, tmp_path) -> None:
    store = store_at()
    case_id = add_case(store, "Quiet", sent_days_ago=1, deadline_in=6)
    first, second = tmp_path / "one.ics", tmp_path / "two.ics"
    assert cli("calendar", "-o", str(first)).code == 0
    refused = cli("calendar", "-o", str(first))
    assert refused.code == 2 and "add --force" in refused.error_line
    assert cli("calendar", "-o", str(second)).code == 0
    one, two = _events(first), _events(second)
    assert sorted(one) == sorted(two) == [
        f"case-{case_id}-attempt-1-escalation@poa-tui", f"case-{case_id}-attempt-1-follow-up@poa-tui",
        f"case-{case_id}-deadline@poa-tui"]
    for uid, event in one.items():
        start = event.decoded("dtstart")
        assert start.tzinfo is not None and (start.hour, start.minute) == (9, 0)
        assert int(two[uid]["sequence"]) >= int(event["sequence"])
        triggers = sorted(a.decoded("trigger") for a in event.walk("VALARM"))
        expected = [timedelta(days=-1), timedelta(0)] if uid.endswith("-deadline@poa-tui") \
            else [timedelta(0)]
        assert triggers == expected
        assert "Quiet" in str(event["summary"])


def test_calendar_is_in_the_users_time_zone(store_at, db, tmp_path) -> None:
    from tests.cli.conftest import environment, run_cli

    add_case(store_at(), "Tokyo seller", deadline_in=3)
    target = tmp_path / "tokyo.ics"
    result = run_cli("calendar", "-o", str(target), db=db, env=environment(TZ="Asia/Tokyo"))
    assert result.code == 0, result.err
    calendar = icalendar.Calendar.from_ical(target.read_bytes())
    assert [str(tz["tzid"]) for tz in calendar.walk("VTIMEZONE")] == ["Asia/Tokyo"]
    (event,) = calendar.walk("VEVENT")
    assert str(event.decoded("dtstart").tzinfo) == "Asia/Tokyo"
