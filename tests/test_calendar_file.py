"""The .ics file itself: what a calendar app reads from it."""

from __future__ import annotations

from datetime import date, datetime, timezone

import icalendar

from poa_tui.domain.calendar_file import calendar_bytes
from poa_tui.domain.due import DueDate


def test_a_title_with_terminal_sequences_leaves_no_control_character_in_the_file() -> None:
    # RFC 5545 allows no control character but TAB in a TEXT value, and `cat appeals.ics`
    # would otherwise retitle the terminal and write the clipboard.
    title = "Knife \x1b]0;pwned\x07\x1b]52;c;aGk=\x07sets\x9b2J"
    due = DueDate(case_id=1, title=title, kind="deadline", day=date(2026, 12, 20), attempt=None)
    data = calendar_bytes([due], zone="UTC", now=datetime(2026, 12, 8, tzinfo=timezone.utc))
    text = data.decode("utf-8")
    assert not [c for c in text if (ord(c) < 32 and c not in "\r\n\t") or 0x7f <= ord(c) <= 0x9f]
    event = next(iter(icalendar.Calendar.from_ical(data).walk("VEVENT")))
    assert str(event["summary"]) == "The notice's deadline: case 1, Knife sets"
