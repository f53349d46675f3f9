"""The dates to act on as an iCalendar file (.ics), for any calendar app.

Each date becomes a half-hour event at 09:00 in the user's time zone (the zone the clocks count
days in, so the event falls on the day `poa-tui log` names), with a reminder at its start; a
deadline also reminds a day ahead. The file carries the zone's definition (VTIMEZONE), so a
calendar elsewhere shows the right hour. Every event's UID is fixed by the case, the attempt
and the kind of date, and its SEQUENCE grows with each export, so importing a newer file
updates the events already there. No Textual here.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from icalendar import Alarm, Calendar, Event

from poa_tui.domain.due import DueDate
from poa_tui.domain.textsafety import strip_controls

REMIND_AT = time(9, 0)
LENGTH = timedelta(minutes=30)
_EPOCH = datetime(2024, 1, 1, tzinfo=timezone.utc)


def local_zone_name() -> str:
    """The IANA name of the user's time zone (from $TZ or the system), "UTC" when unknown."""
    try:
        from tzlocal import get_localzone_name

        name = get_localzone_name()
    except Exception:  # noqa: BLE001 (tzlocal raises several kinds on a broken setup)
        name = None
    if not name:
        return "UTC"
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return "UTC"
    return name


def calendar_bytes(dates: Sequence[DueDate], *, zone: str, now: datetime | None = None) -> bytes:
    now = (now or datetime.now(timezone.utc)).astimezone(timezone.utc).replace(microsecond=0)
    tz = ZoneInfo(zone)
    calendar = Calendar()
    calendar.add("prodid", "-//poa-tui//appeal dates//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", "Appeal dates (poa-tui)")
    calendar.add("x-wr-timezone", zone)
    # A later export must win over an earlier one: minutes since 2024 only grow.
    sequence = max(int((now - _EPOCH).total_seconds() // 60), 0)
    for due in dates:
        # iCalendar text may hold no control character, and the file is often read with `cat`.
        title = " ".join(strip_controls(due.title).split())
        summary = f"{due.action}: case {due.case_id}" + (f", {title}" if title else "")
        start = datetime.combine(due.day, REMIND_AT, tzinfo=tz)
        event = Event()
        event.add("uid", due.uid)
        event.add("sequence", sequence)
        event.add("dtstamp", now)
        event.add("dtstart", start)
        event.add("dtend", start + LENGTH)
        event.add("summary", summary)
        event.add("description", f"{due.action} ({due.day.isoformat()}). "
                                 f"`poa-tui log {due.case_id}` shows the case's clocks.")
        event.add("categories", ["poa-tui", due.kind])
        event.add("transp", "TRANSPARENT")
        reminders = [timedelta(0)] + ([timedelta(days=-1)] if due.kind == "deadline" else [])
        for trigger in reminders:
            alarm = Alarm()
            alarm.add("action", "DISPLAY")
            alarm.add("description", summary)
            alarm.add("trigger", trigger)
            event.add_component(alarm)
        calendar.add_component(event)
    if dates:
        calendar.add_missing_timezones()
    return calendar.to_ical()
