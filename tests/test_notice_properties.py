"""Properties of `parse_notice` on arbitrary text: it never raises, and it never invents ids."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from poa_tui.domain.notice import parse_notice
from poa_tui.domain.vocab import Scope, ViolationType

# Pieces of real notices, so random text often lands on the paths that read ids and dates.
FRAGMENTS = [
    "ASIN:", "ASINs:\n", "ASIN(s): ", "Complaint ID: ", "Case ID ", "case #", "Order ID: ",
    "B07QX4LMN2", "b07qx4lmn2", "B0", "0306406152", "8175257660", "030640615X", "2062661000",
    "112-4839201-7736520", "D01-8830246-1174591", "d01-", "-1234567", "14/10/2024", "03/04/2024",
    "14.10.2024", "2024-10-14", "9 January 2025", "Oct 14, 2024", "Date: ", "Sent: ", "From: ",
    "amazon", "Amazon.co.uk", "amazon.com", "sellercentral-europe.amazon.com", "@amazon.de",
    "within ", "17 days", "72 hours", "seventy-two (72) ", "in the next ", "by ", "before ",
    "business days", "of deactivation", "you", "your account", "has been deactivated",
    "Order Defect Rate: ", "2.13%", " target of ", "1%", "Total orders shipped: ", "34",
    "after two unsuccessful appeals", "counterfeit", "Infringement type: Trademark",
    "\x1b[1m", "\x1b[0m", "\x1b]8;;http://x\x07", "\x1b", "\x00", "\r\n", "\n", "\n\n", " ",
    ",", ".", ":", "-", "\u00a0", "\u0130", "\u212a", "\u2028",
]
texts = st.one_of(
    st.text(),
    st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=8)), max_size=60).map("".join),
)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts, st.one_of(st.none(), st.dates(min_value=date(2000, 1, 1))))
def test_never_raises_and_returns_well_formed_fields(text: str, received: date | None) -> None:
    result = parse_notice(text, received=received)
    data = result.to_dict()
    assert data["violation_type"] is None or ViolationType(data["violation_type"])
    assert data["scope"] is None or Scope(data["scope"])
    assert result.date is not None or received is None
    if result.date and result.deadline:
        assert result.date <= result.deadline <= result.date + timedelta(days=366)
    for key in ("asins", "order_ids", "complaint_ids", "case_ids"):
        assert len(data[key]) == len(set(data[key]))
    assert all(len(asin) == 10 and asin == asin.upper() for asin in result.asins)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts)
def test_every_id_it_returns_is_in_the_text(text: str) -> None:
    result = parse_notice(text)
    folded = text.lower()
    for found in result.asins + result.order_ids + result.complaint_ids + result.case_ids:
        assert found.isascii()
        assert found.lower() in folded


@settings(max_examples=200, deadline=None)
@given(texts)
def test_the_same_text_gives_the_same_result(text: str) -> None:
    assert parse_notice(text).to_dict() == parse_notice(text).to_dict()
