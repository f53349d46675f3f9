"""The received date of a pasted reply comes from its own Date: line."""

from datetime import datetime, timezone

from poa_tui.domain.reply_dates import reply_date

NOW = datetime(2026, 12, 8, 9, 0, tzinfo=timezone.utc)
SENT = datetime(2026, 12, 1, 10, 0, tzinfo=timezone.utc)


def test_email_date_line_gives_day_and_time() -> None:
    text = "From: Amazon <seller-performance@amazon.co.uk>\nDate: Thu, 3 Dec 2026 10:15:00 +0000\n\nHello"
    found = reply_date(text, not_before=SENT, now=NOW)
    assert found is not None and found.has_time
    assert found.moment == datetime(2026, 12, 3, 10, 15, tzinfo=timezone.utc)
    assert found.line.startswith("Date: Thu, 3 Dec 2026")


def test_day_only_line_is_noon_local() -> None:
    found = reply_date("Sent: 4 December 2026\n\nWe reviewed it.", not_before=SENT, now=NOW)
    assert found is not None and not found.has_time
    assert found.moment.astimezone().date().isoformat() == "2026-12-04"


def test_no_date_future_or_before_the_attempt_is_none() -> None:
    assert reply_date("Hello, we reviewed your appeal.", not_before=SENT, now=NOW) is None
    assert reply_date("Date: Mon, 28 Dec 2026 10:00:00 +0000\n", not_before=SENT, now=NOW) is None
    assert reply_date("Date: Mon, 2 Nov 2026 10:00:00 +0000\n", not_before=SENT, now=NOW) is None
