"""Reading Amazon notices: the corpus field by field, then dates, deadlines, decoys and ids."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from poa_tui.domain.identifiers import (
    find_asins,
    find_case_ids,
    find_complaint_ids,
    find_marketplace,
    find_order_ids,
    is_isbn10,
)
from poa_tui.domain.models import Metric
from poa_tui.domain.notice import ParsedNotice, clean_text, parse_notice
from poa_tui.domain.vocab import Scope, ViolationType

CORPUS = Path(__file__).parent / "corpus" / "notices"
CORE = ["violation_type", "marketplace", "scope", "date", "deadline", "asins", "order_ids",
        "complaint_ids", "case_ids", "metrics", "appeal_limit"]
"""The fields every corpus notice states; the others default to NEWER when a notice omits them."""
NEWER = {"deadline_at": None, "rights_owner": None, "rights_owner_email": None,
         "registration_numbers": [], "related_accounts": [], "language": None, "unread": []}
FIELDS = CORE + list(NEWER)
D = date(2024, 10, 14)


def _load(stem: str) -> tuple[str, date | None, dict]:
    spec = json.loads((CORPUS / f"{stem}.json").read_text(encoding="utf-8"))
    received = date.fromisoformat(spec["received"]) if spec["received"] else None
    return (CORPUS / f"{stem}.txt").read_bytes().decode("utf-8"), received, spec["expected"]


STEMS = sorted(p.stem for p in CORPUS.glob("*.txt"))
_PARSED: dict[str, dict] = {}


def _parsed(stem: str) -> dict:
    if stem not in _PARSED:
        text, received, _ = _load(stem)
        _PARSED[stem] = parse_notice(text, received=received).to_dict()
    return _PARSED[stem]


# ------------------------------------------------------------------------------------ corpus
@pytest.mark.parametrize("field", FIELDS)
@pytest.mark.parametrize("stem", STEMS)
def test_corpus_field(stem: str, field: str) -> None:
    _, _, expected = _load(stem)
    got = _parsed(stem)[field]
    if field == "unread":
        got = sorted(item["field"] for item in got)
    if field == "language":
        spec = json.loads((CORPUS / f"{stem}.json").read_text(encoding="utf-8"))
        assert got == spec.get("language", "en")
        return
    assert got == expected.get(field, NEWER.get(field))


def test_corpus_is_broad() -> None:
    expected = [_load(stem)[2] for stem in STEMS]
    assert len(STEMS) >= 25
    types = {e["violation_type"] for e in expected}
    assert {t.value for t in ViolationType} <= types
    assert None in types
    markets = {e["marketplace"] for e in expected}
    assert {"amazon.com", "amazon.co.uk", "amazon.de", "amazon.ca", "amazon.in",
            "amazon.com.au"} <= markets
    assert {s.value for s in Scope} <= {e["scope"] for e in expected}
    years = {e["date"][:4] for e in expected if e["date"]}
    assert any(y <= "2018" for y in years) and any(y >= "2019" for y in years)
    for e in expected:
        assert set(CORE) <= set(e) <= set(FIELDS)


def test_corpus_files_come_in_pairs() -> None:
    assert sorted(p.stem for p in CORPUS.glob("*.json")) == STEMS


def test_wrapping_lines_in_colour_codes_changes_nothing() -> None:
    for stem in STEMS:
        text, received, _ = _load(stem)
        coloured = "\x1b[1m" + text.replace("\n", "\x1b[0m\n\x1b[32m") + "\x1b[0m"
        assert parse_notice(coloured, received).to_dict() == _parsed(stem), stem


# ------------------------------------------------------------------------------------ result
def test_to_dict_has_exactly_the_cli_keys() -> None:
    result = parse_notice("")
    assert list(result.to_dict()) == FIELDS
    assert result.to_dict() == {"violation_type": None, "marketplace": None, "scope": None,
                                "date": None, "deadline": None, "asins": [], "order_ids": [],
                                "complaint_ids": [], "case_ids": [], "metrics": [],
                                "appeal_limit": None} | NEWER
    assert result.evidence == {}


def test_to_dict_writes_dates_as_iso_and_metrics_as_dicts() -> None:
    result = ParsedNotice(date=D, deadline=date(2024, 10, 31),
                          metrics=[Metric("Order Defect Rate", "2%", "1%")])
    data = result.to_dict()
    assert data["date"] == "2024-10-14" and data["deadline"] == "2024-10-31"
    assert data["metrics"] == [{"name": "Order Defect Rate", "value": "2%", "target": "1%"}]
    json.dumps(data)


def test_to_notice_carries_what_was_read() -> None:
    text, _, _ = _load("08_odr_com")
    notice = parse_notice(text).to_notice(text)
    assert notice.text == text
    assert notice.received == date(2024, 10, 22) and notice.deadline == date(2024, 11, 8)
    assert notice.appeal_limit == 2 and notice.metrics[0].value == "2.13%"


def test_evidence_quotes_the_notice() -> None:
    text, _, _ = _load("01_inauthentic_uk_2024")
    evidence = parse_notice(text).evidence
    assert set(evidence) == {"violation_type", "marketplace", "scope", "date", "deadline",
                             "appeal_limit"}
    flat = " ".join(text.split())
    for snippet in evidence.values():
        assert snippet.rstrip("\u2026") in flat
    assert "within 17 days" in evidence["deadline"]
    assert evidence["date"] == "Date: Mon, 14 Oct 2024 09:12:33 +0000"


# ------------------------------------------------------------------------------- notice date
@pytest.mark.parametrize("line, expected", [
    ("Date: 2024-10-14", D),
    ("Date: 14/10/2024", D),
    ("Date: 14.10.2024", D),
    ("Date: 9 January 2025", date(2025, 1, 9)),
    ("Date: 9th of January, 2025", date(2025, 1, 9)),
    ("Date: January 9, 2025", date(2025, 1, 9)),
    ("Sent: Oct 14, 2024 4:05 PM", D),
    ("Sent: Sept. 3, 2024", date(2024, 9, 3)),
    ("Date: Mon, 14 Oct 2024 09:12:33 +0000", D),
    ("Date: 14-Oct-2024", D),
    ("Received: 2024-10-14T09:12:33Z", D),
    ("> Date: 14 October 2024", D),
    ("Monday, 14 October 2024", D),
    ("14 October 2024 at 09:12 BST", D),
])
def test_notice_date_formats(line: str, expected: date) -> None:
    assert parse_notice(f"{line}\n\nHello,\nYour account is fine.").date == expected


def test_ambiguous_numeric_date_follows_the_marketplace() -> None:
    body = "\n\nYour {} selling privileges have been removed."
    assert parse_notice("Sent: 03/04/2024" + body.format("Amazon.com")).date == date(2024, 3, 4)
    assert parse_notice("Sent: 03/04/2024" + body.format("Amazon.co.uk")).date == date(2024, 4, 3)
    assert parse_notice("Sent: 03/04/2024" + body.format("Amazon.de")).date == date(2024, 4, 3)


def test_ambiguous_numeric_date_follows_another_date_in_the_text() -> None:
    us_order = "Sent: 03/04/2024\n\nOrders after 12/25/2023 on Amazon.co.uk were checked."
    assert parse_notice(us_order).date == date(2024, 3, 4)
    uk_order = "Sent: 03/04/2024\n\nOrders after 25/12/2023 on Amazon.com were checked."
    assert parse_notice(uk_order).date == date(2024, 4, 3)


def test_ambiguous_numeric_date_without_marketplace_uses_received() -> None:
    text = "Sent: 03/04/2024\n\nHello."
    assert parse_notice(text, received=date(2024, 3, 20)).date == date(2024, 3, 4)
    assert parse_notice(text, received=date(2024, 5, 1)).date == date(2024, 4, 3)
    assert parse_notice(text).date == date(2024, 4, 3)


def test_dotted_numeric_dates_are_always_day_first() -> None:
    assert parse_notice("Date: 03.04.2024\n\nSelling on Amazon.com.").date == date(2024, 4, 3)


def test_forwarded_thread_takes_the_date_of_amazons_message() -> None:
    text = ("From: Me <me@example.com>\nDate: 20 October 2024\n\nSee below.\n\n"
            "From: Amazon Seller Performance <seller-performance@amazon.com>\n"
            "Date: 14 October 2024\nSubject: Your account\n\nHello.")
    assert parse_notice(text).date == D


def test_date_in_a_sentence_is_not_the_notice_date() -> None:
    text = "Hello,\nWe received a complaint on 3 March 2024 about your listing."
    assert parse_notice(text).date is None
    assert parse_notice(text, received=D).date == D


def test_impossible_dates_are_skipped() -> None:
    assert parse_notice("Date: 31/02/2024\n\nHello.").date is None
    assert parse_notice("Date: 2024-13-40\nDate: 1 Feb 2024").date == date(2024, 2, 1)


# ---------------------------------------------------------------------------------- deadlines
def _deadline(sentence: str, received: date = D) -> date | None:
    return parse_notice(f"Hello,\n\n{sentence}\n", received=received).deadline


@pytest.mark.parametrize("sentence, days", [
    ("If you do not submit the information within 17 days, your account will be deactivated.", 17),
    ("Please send us a plan of action within seventeen days.", 17),
    ("Your account is at risk of deactivation within 72 hours.", 3),
    ("Please respond within seventy-two (72) hours.", 3),
    ("Please respond within 36 hours.", 2),
    ("Please respond within 24 hours.", 1),
    ("Send us the documents in the next 7 days.", 7),
    ("You have 10 days to appeal this decision.", 10),
    ("Within the next 5 calendar days, delete the listings and confirm to us.", 5),
    ("Please reply within 14 days of receiving this email.", 14),
    ("We will deactivate your account if you fail to respond within 48 hours.", 2),
    ("If we do not receive a response within 7 days of this notice, we will close the case.", 7),
    ("Amazon may remove your listings unless you send the documents within 10 days.", 10),
    ("You may appeal this decision within 30 days.", 30),
])
def test_relative_deadlines(sentence: str, days: int) -> None:
    assert _deadline(sentence) == date.fromordinal(D.toordinal() + days)


@pytest.mark.parametrize("sentence, expected", [
    ("Please send us your plan of action by 30 October 2024.", date(2024, 10, 30)),
    ("Submit your appeal no later than 25/10/2024.", date(2024, 10, 25)),
    ("You must remove the listings before Friday, 18 October 2024.", date(2024, 10, 18)),
    ("You have until 2024-11-01 to provide the invoices.", date(2024, 11, 1)),
])
def test_explicit_deadlines(sentence: str, expected: date) -> None:
    assert _deadline(sentence) == expected


@pytest.mark.parametrize("sentence", [
    "Your Order Defect Rate is 2.1% over the last 60 days.",
    "More than 4% of your orders shipped late in the 10 and 30 day windows.",
    "Please send invoices from the last 365 days.",
    "Send us invoices dated within the last 365 days.",
    "Funds will be held for 90 days.",
    "Your funds will be released within 90 days.",
    "Please expect a reply to your appeal within two days.",
    "We will review your appeal and respond within 48 hours.",
    "Our team typically responds within 2 business days.",
    "Please respond within 2 business days.",
    "You can request your funds within 60 days of deactivation.",
    "Send us a utility bill issued within 90 days.",
    "If you take part, the patent owner must pay within 21 days.",
    "Orders placed within 30 days are covered.",
    "The review should not exceed 30 days.",
    "Invoices issued before 1 December 2024 were checked.",
    "Please send us your plan by 1 October 2024.",
    "We will reinstate your listing within 24 hours of receiving the retraction.",
    "Customers can return items within 30 days.",
    "Amazon will review your plan and respond within two days.",
    "We typically respond within 3 days.",
    "Our team will reply within 24 hours.",
    "We will dispose of your inventory if you do not create a removal order within 30 days.",
    "We aim to get back to you within 5 days.",
    "You can remove negative feedback within 60 days.",
])
def test_not_deadlines(sentence: str) -> None:
    assert _deadline(sentence) is None


def test_relative_deadline_needs_a_notice_date() -> None:
    assert parse_notice("Please send your plan within 17 days.").deadline is None
    text = "Date: 14 October 2024\n\nPlease send your plan within 17 days."
    assert parse_notice(text).deadline == date(2024, 10, 31)


def test_earliest_deadline_wins() -> None:
    text = ("Please send the invoices within 17 days. Your account is at risk of deactivation "
            "within 72 hours if you do not delete the listings.")
    assert _deadline(text) == date(2024, 10, 17)


def test_explicit_deadline_more_than_a_year_ahead_is_ignored() -> None:
    assert _deadline("Please send your plan by 30 October 2026.") is None


@pytest.mark.parametrize("sentence, limit", [
    ("or after two unsuccessful appeals (whichever occurs sooner)", 2),
    ("after 3 failed attempts your account will be closed", 3),
    ("following one rejected submission", 1),
])
def test_appeal_limit(sentence: str, limit: int) -> None:
    assert parse_notice(sentence).appeal_limit == limit


def test_no_appeal_limit() -> None:
    assert parse_notice("You may appeal this decision as often as you like.").appeal_limit is None


# ---------------------------------------------------------------------------- classification
@pytest.mark.parametrize("text, kind", [
    ("We received complaints that you sold counterfeit products.", "inauthentic"),
    ("Complaint Type: Inauthentic", "inauthentic"),
    ("See help page 201165970 for our policy on this.", "inauthentic"),
    ("A rights owner says your listing infringes their trademark.", "ip_trademark"),
    ("Infringement type: Trademark", "ip_trademark"),
    ("We removed your listing after a copyright complaint (DMCA).", "ip_copyright"),
    ("Infringement type: Copyright", "ip_copyright"),
    ("The patent owner says the product infringes their design patent.", "ip_patent"),
    ("Infringement type: Utility Patent", "ip_patent"),
    ("Buyers reported receiving used items sold as new.", "condition_used_sold_as_new"),
    ("Complaint Type: Condition", "condition_used_sold_as_new"),
    ("We have safety concerns about this product.", "product_safety"),
    ("This item is subject to a recall.", "product_safety"),
    ("See help page 4QUDFLRX8GBFPVV.", "product_safety"),
    ("Your listing makes a pesticide claim.", "restricted_products"),
    ("See help page G200164330.", "restricted_products"),
    ("Your Order Defect Rate exceeds our target.", "order_defect_rate"),
    ("Your ODR is high.", "order_defect_rate"),
    ("See help page 200285170.", "order_defect_rate"),
    ("Your late shipment rate is above target.", "late_shipment_rate"),
    ("Many orders were dispatched late.", "late_shipment_rate"),
    ("Your pre-fulfilment cancel rate is high.", "cancellation_rate"),
    ("Your cancellation rate is above target.", "cancellation_rate"),
    ("Your valid tracking rate is below target.", "valid_tracking_rate"),
    ("This breaks our Customer Product Reviews policy.", "review_manipulation"),
    ("You tried to manipulate the ratings of your products.", "review_manipulation"),
    ("Your account is related to another selling account.", "related_accounts"),
    ("We found multiple seller accounts run by you.", "related_accounts"),
    ("We could not verify your identity.", "section3_verification"),
    ("Complete the seller identity verification.", "section3_verification"),
    ("You appear to be drop shipping from another retailer.", "drop_shipping"),
    ("Your listings break our product detail page rules.", "listing_policy"),
    ("This goes against the Seller Code of Conduct.", "listing_policy"),
    ("Amazon has suspended your account for a policy violation.", "other"),
    ("Amazon removed your offer because its price breaks the fair pricing policy.", "other"),
])
def test_classification(text: str, kind: str) -> None:
    assert parse_notice(text).violation_type == ViolationType(kind)


@pytest.mark.parametrize("text", [
    "", "Hello, here is our November newsletter.", "Your parcel was delivered on Monday.",
    "Amazon.co.uk gift ideas for the holidays.",
])
def test_no_signal_gives_none(text: str) -> None:
    assert parse_notice(text).violation_type is None


def test_every_type_is_reachable() -> None:
    reached = {parse_notice(text).violation_type for text, _ in [
        (p.read_text(encoding="utf-8"), None) for p in CORPUS.glob("*.txt")]}
    assert set(ViolationType) <= reached


def test_the_type_named_most_wins() -> None:
    text = ("Your Order Defect Rate is above target. Order Defect Rate: 2%. Our Order Defect "
            "Rate target is 1%. Your late shipment rate is fine.")
    assert parse_notice(text).violation_type is ViolationType.ORDER_DEFECT_RATE


# ------------------------------------------------------------------------- marketplace, scope
@pytest.mark.parametrize("text, market", [
    ("Your Amazon.co.uk selling privileges have been removed.", "amazon.co.uk"),
    ("Selling on Amazon.com.mx is paused.", "amazon.com.mx"),
    ("https://sellercentral.amazon.de/gp/help/external/521", "amazon.de"),
    ("Your amazon.com.au seller account", "amazon.com.au"),
    ("From: notice@amazon.com\n\nYour Amazon.ca selling account is closed.", "amazon.ca"),
    ("https://sellercentral-europe.amazon.com/help and your Amazon.it account", "amazon.it"),
    ("©2024 Amazon.com, Inc. Your Amazon.fr seller account", "amazon.fr"),
])
def test_marketplace(text: str, market: str) -> None:
    assert parse_notice(text).marketplace == market


@pytest.mark.parametrize("text", [
    "https://sellercentral-europe.amazon.com/performance", "Amazon.com, Inc. or its affiliates",
    "Visit myamazon.company.example", "No marketplace here.",
])
def test_no_marketplace(text: str) -> None:
    assert find_marketplace(text) is None


@pytest.mark.parametrize("text, scope", [
    ("Your seller-fulfilled offers have been deactivated.", "seller_fulfilled_offers"),
    ("We have deactivated your seller fulfilled listings.", "seller_fulfilled_offers"),
    ("Your seller account has been deactivated.", "account"),
    ("We have removed your selling privileges.", "account"),
    ("Your Amazon.de selling privileges were suspended.", "account"),
    ("Your account is at risk of deactivation.", "account_at_risk"),
    ("You are at risk of losing your selling privileges.", "account_at_risk"),
    ("We have removed the following ASINs from the catalogue.", "asin"),
    ("This ASIN has been blocked.", "asin"),
    ("We removed some of your listings.", "listing"),
    ("Your listing has been suppressed.", "listing"),
    ("We deactivated your offer.", "listing"),
])
def test_scope(text: str, scope: str) -> None:
    assert parse_notice(text).scope == Scope(scope)


def test_conditional_threats_set_no_scope() -> None:
    text = ("Further violations could put your account at risk of deactivation, and your "
            "selling privileges may be removed.")
    assert parse_notice(text).scope is None


# ------------------------------------------------------------------------------------ ASINs
@pytest.mark.parametrize("token, valid", [
    ("0306406152", True), ("043942089X", True), ("043942089x", True), ("8175257660", True),
    ("0306406153", False), ("1234567890", False), ("X306406152", False), ("030640615", False),
    ("03064061520", False), ("B07XYZ1234", False), ("\u0660306406152", False),
])
def test_isbn10_checksum(token: str, valid: bool) -> None:
    assert is_isbn10(token) is valid


def test_modern_asins_anywhere_in_order_without_repeats() -> None:
    text = "See B08ZK3TR71 and (B07QX4LMN2), then B08ZK3TR71 again; /dp/B0CZ7TW3QH/ref=x"
    assert find_asins(text) == ["B08ZK3TR71", "B07QX4LMN2", "B0CZ7TW3QH"]


def test_asin_must_stand_alone() -> None:
    assert find_asins("XB07QX4LMN2 B07QX4LMN2X B07QX4LMN") == []


def test_lowercase_asin_only_after_a_label_and_upper_cased() -> None:
    assert find_asins("ASIN: b07qx4lmn2") == ["B07QX4LMN2"]
    assert find_asins("Message-ID: <b07qx4lmn2@mail.example>") == []


def test_isbn_asin_after_a_label() -> None:
    assert find_asins("ASIN: 0306406152") == ["0306406152"]
    assert find_asins("ASINs: B07QX4LMN2, 0306406152 and 8175257660") == [
        "B07QX4LMN2", "0306406152", "8175257660"]
    assert find_asins("ASIN(s): 0306406152") == ["0306406152"]


def test_isbn_asin_in_a_list_under_a_heading() -> None:
    text = "Affected ASINs:\n- 0306406152 Coffee handbook\n\n2. 8175257660\nThank you, 0140449132"
    assert find_asins(text) == ["0306406152", "8175257660"]


def test_isbn_with_a_bad_check_digit_is_never_an_asin() -> None:
    assert find_asins("ASIN: 0306406153") == []


@pytest.mark.parametrize("text", [
    "Complaint ID: 0306406152",
    "Case ID: 0306406152",
    "Call us on 0306406152.",
    "ASIN: B07QX4LMN2 Complaint ID: 0306406152",
    "ASIN: B07QX4LMN2\nComplaint ID: 0306406152",
    "Reference 0306406152 for the ASIN",
])
def test_ten_digit_ids_outside_asin_places_are_not_asins(text: str) -> None:
    assert [a for a in find_asins(text) if not a.startswith("B0")] == []


# ---------------------------------------------------------------------------- other ids
def test_order_ids() -> None:
    text = ("Orders 112-4839201-7736520, d01-8830246-1174591 and 112-4839201-7736520; "
            "not 1112-4839201-7736520 nor 112-4839201-77365201 nor 112-4839201-7736520-1.")
    assert find_order_ids(text) == ["112-4839201-7736520", "D01-8830246-1174591"]


def test_complaint_ids() -> None:
    text = ("Complaint ID: 7730219846 Title: Mug\nComplaint IDs: 6610293847, 6610293848 and "
            "6610293849\nComplaint number 55501\nComplaint ID:\n8815520943\ncomplaint about 12345")
    assert find_complaint_ids(text) == ["7730219846", "6610293847", "6610293848", "6610293849",
                                        "55501", "8815520943"]


def test_case_ids_need_a_case_label() -> None:
    text = ("Case ID: 14628930571, case 1520394817, Case #1520611904, case number 12345678, "
            "your 212 cases, showcase 99999999, case 1234567, case 1234567890123, "
            "phone 2062661000")
    assert find_case_ids(text) == ["14628930571", "1520394817", "1520611904", "12345678"]


# ----------------------------------------------------------------------------------- metrics
def _metrics(text: str) -> list[tuple[str, str, str | None]]:
    return [(m.name, m.value, m.target) for m in parse_notice(text).metrics]


@pytest.mark.parametrize("text, expected", [
    ("Order Defect Rate: 2.1% (target: under 1%)", [("Order Defect Rate", "2.1%", "1%")]),
    ("Your ODR of 2.1% exceeded the 1% target.", [("Order Defect Rate", "2.1%", "1%")]),
    ("Your Order Defect Rate is 2,13 % against a target below 1 %.",
     [("Order Defect Rate", "2.13%", "1%")]),
    ("More than 4% of orders shipped late. Late Shipment Rate: 6.8%",
     [("Late Shipment Rate", "6.8%", "4%")]),
    ("Cancellation rate 3.2% < 2.5%", [("Pre-fulfilment Cancel Rate", "3.2%", "2.5%")]),
    ("Valid tracking rate: 91% (target: 95% or more)", [("Valid Tracking Rate", "91%", "95%")]),
    ("Total orders shipped: 1,034\nTotal defective orders: 5\nDefect rate: 0.5%",
     [("Total orders shipped", "1034", None), ("Total defective orders", "5", None),
      ("Defect rate", "0.5%", None)]),
    ("Account Health Rating: 180", [("Account Health Rating", "180", None)]),
    ("Your Order Defect Rate over the last 60 days is too high.", []),
    ("Keep your valid tracking rate above 95%.", []),
])
def test_metrics(text: str, expected: list) -> None:
    assert _metrics(text) == expected


def test_metric_target_does_not_leak_into_the_next_paragraph() -> None:
    text = "Order Defect Rate: 2.1%\n\nOur target for every seller is under 1%."
    assert _metrics(text) == [("Order Defect Rate", "2.1%", None)]


# -------------------------------------------------------------------------------- robustness
def test_clean_text_turns_controls_into_spaces() -> None:
    raw = "A\x1b[1;31mB\x1b[0m\x1b]8;;http://x\x07C\r\nD\x00E\u00a0F\u2028G"
    assert clean_text(raw) == "A B  C\nD E F\nG"


@pytest.mark.parametrize("text", [
    "\x1b[" * 1000, "\x1b]" + "x" * 5000, "\x00\x01\x02" * 100, "\ud800", "B0" * 50,
    "ASIN:" * 500, "Date:\n" * 100, "within " * 500, "\u0130" * 50 + "ASIN: 0306406152",
    "Complaint ID: " + "1" * 500, "case " + "9" * 500,
])
def test_odd_text_never_crashes(text: str) -> None:
    parse_notice(text, received=D).to_dict()


def test_non_ascii_lookalikes_are_not_ids() -> None:
    # U+212A KELVIN SIGN lowers to an ASCII "k"; ids must still be plain ASCII.
    assert find_asins("ASIN: B07QX\u212aLMN2") == []
    result = parse_notice("\u0130 ASIN: 0306406152 Order 112-4839201-7736520")
    assert result.asins == ["0306406152"] and result.order_ids == ["112-4839201-7736520"]


_BIG = {
    "corpus": "".join(p.read_text(encoding="utf-8") for p in sorted(CORPUS.glob("*.txt"))),
    "digits": "9" * 1000,
    "isbn list": "ASINs:\n" + "0306406152\n" * 20,
    "isbn line": "ASIN: " + "0306406152 " * 20,
    "dates": "Date: 1/2/2024 please send by 3 March 2025 ",
    "colour": "\x1b[1mB07XYZ1234\x1b[0m ",
    "within": "you must send within 5 days ",
    "metrics": "Order Defect Rate 1% target under 2% ",
    "lines": "\n",
    "words": "manipulate seller-fulfilled offers within the case ",
}


@pytest.mark.parametrize("name", sorted(_BIG))
def test_one_megabyte_of_any_shape_is_read(name: str) -> None:
    # How long it takes is measured by scripts/bench.py (P15@notice), not here.
    unit = _BIG[name]
    text = (unit * (1_000_000 // len(unit) + 1))[:1_000_000]
    assert parse_notice(text, received=D) is not None


def _accuracy(*args: str) -> subprocess.CompletedProcess[str]:
    script = Path(__file__).parent.parent / "scripts" / "notice_accuracy.py"
    return subprocess.run([sys.executable, str(script), *args], capture_output=True, text=True,
                          check=False)


def test_accuracy_script_passes_on_the_tuning_part() -> None:
    run = _accuracy(str(Path(__file__).parent / "corpus" / "notices"))
    assert run.returncode == 0, run.stdout
    assert "violation_type" in run.stdout and "100.0%" in run.stdout


def test_accuracy_script_fails_on_a_miss(tmp_path: Path) -> None:
    (tmp_path / "one.txt").write_text("Date: 14 October 2024\n\nYour account is fine.\n")
    expected = dict.fromkeys(CORE) | {"date": "2024-10-15", "asins": [], "order_ids": [],
                                        "complaint_ids": [], "case_ids": [], "metrics": []}
    (tmp_path / "one.json").write_text(json.dumps({"received": None, "expected": expected}))
    run = _accuracy(str(tmp_path))
    assert run.returncode == 1
    assert "one: date: expected '2024-10-15', got '2024-10-14'" in run.stdout


def test_quoted_reply_line_gives_the_date() -> None:
    text = ("Thanks, see below.\n\nOn Mon, 14 Oct 2024 at 09:12, Amazon Seller Performance "
            "<seller-performance@amazon.com> wrote:\n> Hello,\n> Your account is at risk.")
    assert parse_notice(text).date == D
    forwarded = ("On 20 Oct 2024, Jo Smith <jo@example.com> wrote:\n> See this.\n>\n"
                 "> On 14 Oct 2024, Amazon <notice@amazon.co.uk> wrote:\n> > Hello.")
    assert parse_notice(forwarded).date == D
