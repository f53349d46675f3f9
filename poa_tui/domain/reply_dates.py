"""When a pasted reply was sent, read from its own header: the `Date:` line of the email.

The line is found as a notice's date is (`notice_dates.find_notice_date`: a header in the block
Amazon sent wins); the time and zone come from the line itself when it is an RFC 5322 date, else
the day alone is known and the moment is taken as noon local time. A reading before the attempt
was sent, or in the future, is not the reply's date (a quoted older message, a typo) and is
dropped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timezone
from email.utils import parsedate_to_datetime

from poa_tui.domain.notice_dates import DateReader, find_notice_date

_VALUE = re.compile(r"^[ \t>]*[A-Za-z][A-Za-z ]{0,30}:[ \t]*(?P<value>.+)$")


@dataclass(frozen=True)
class ReplyDate:
    moment: datetime
    """In UTC."""
    line: str
    """The line it was read from, on one line."""
    has_time: bool
    """False when only the day was readable (the moment is then noon, local time)."""


def reply_date(text: str, *, not_before: datetime | None, now: datetime) -> ReplyDate | None:
    """The moment the reply says it was sent, or None when it says nothing usable."""
    found = find_notice_date(text, DateReader(text, None, now.date()))
    if found is None:
        return None
    day, line = found
    moment, has_time = _exact(line, day), True
    if moment is None:
        moment, has_time = datetime.combine(day, time(12, 0)).astimezone(), False
    moment = moment.astimezone(timezone.utc)
    if moment > now.astimezone(timezone.utc):
        return None
    if not_before is not None and moment < not_before:
        if has_time or day < not_before.astimezone().date():
            return None
        moment = not_before  # the same day as the attempt: no earlier than it
    return ReplyDate(moment, line, has_time)


def _exact(line: str, day: date) -> datetime | None:
    """The header's full date and time when it is an email date of `day`, else None."""
    match = _VALUE.match(line)
    if match is None:
        return None
    try:
        moment = parsedate_to_datetime(match.group("value").strip())
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    if moment.tzinfo is None:
        moment = moment.astimezone()
    return moment if moment.date() == day else None
