"""Replies decided by what Amazon decided, requests in prose with their kind and time limit, and
replies that do not fit their case. Texts here are written for these tests."""

from __future__ import annotations

import pytest

from poa_tui.domain.replies import classify_reply, reply_fit
from poa_tui.domain.vocab import Outcome


def test_a_partial_reinstatement_is_reinstated_with_the_listings_named() -> None:
    text = ("Hello,\n\nWe reinstated the following listings:\n\nB0AAAA1111\nB0BBBB2222\n\n"
            "Your listing for ASIN B0CCCC3333 remains inactive.\n")
    result = classify_reply(text)
    assert result.outcome is Outcome.REINSTATED
    assert result.listings == ["B0AAAA1111", "B0BBBB2222"]
    assert result.to_dict()["listings"] == ["B0AAAA1111", "B0BBBB2222"]


@pytest.mark.parametrize(("text", "listings"), [
    ("Thank you for your plan of action. After reviewing it, we have reinstated ASIN B0C7K2MQ4R. "
     "The listing for ASIN B09XWT3N6L remains deactivated, because the invoices you provided do "
     "not cover the units sold.\n\nTo reactivate B09XWT3N6L, please send invoices from your "
     "supplier for the last 365 days.", ["B0C7K2MQ4R"]),
    ("We reviewed your appeal. Some of your listings have been reactivated: B0C7K2MQ4R and "
     "B0D1234567. The remaining listings are still inactive while we review the documents.",
     ["B0C7K2MQ4R", "B0D1234567"]),
    ("Your listing B0C7K2MQ4R was restored. We are unable to reinstate listing B09XWT3N6L at "
     "this time.", ["B0C7K2MQ4R"]),
    ("Your listing B0C7K2MQ4R is reinstated. Listing B09XWT3N6L remains inactive.",
     ["B0C7K2MQ4R"]),
], ids=["reinstated-asin-then-documents", "inline-list-then-still-inactive", "restored-then-unable",
        "is-reinstated-with-asin"])
def test_a_partial_reinstatement_in_prose_names_what_came_back(text: str,
                                                               listings: list[str]) -> None:
    result = classify_reply(text)
    assert result.outcome is Outcome.REINSTATED
    assert result.listings == listings


@pytest.mark.parametrize(("text", "kind", "within"), [
    ("You must reduce the price of ASIN B0AAAA1111 before we reactivate the offer.", "action",
     None),
    ("To finish the check, you need to book a video call with our team within 10 days.",
     "call", "10 days"),
    ("Schedule a phone call with us within 72 hours.", "call", "72 hours"),
    ("To continue, schedule a video call with our verification team in the next 14 days.",
     "call", "14 days"),
    ("Your offer for ASIN B0AAAA1111 will stay inactive until you lower the price to a fair "
     "level.", "action", None),
])
def test_a_demand_to_act_is_action_required(text: str, kind: str, within: str | None) -> None:
    result = classify_reply(text)
    assert result.outcome is Outcome.ACTION_REQUIRED
    assert [(r.kind, r.within) for r in result.requests] == [(kind, within)]


def test_a_refusal_outweighs_talk_of_documents() -> None:
    text = ("We checked the invoices you provided, but they could not be verified. We are "
            "unable to reinstate your account, which remains deactivated.")
    assert classify_reply(text).outcome is Outcome.DENIED


def test_a_refusal_followed_by_a_new_request_is_that_request() -> None:
    text = ("Your account remains deactivated. Please send a bank statement issued in the last "
            "90 days within 5 days.")
    result = classify_reply(text)
    assert result.outcome is Outcome.DOCUMENTS_REQUESTED
    assert [(r.kind, r.within) for r in result.requests] == [("document", "5 days")]
    assert "within 5 days" not in result.requests[0].text


def test_requests_written_in_prose() -> None:
    text = ("We need a letter of authorization from the manufacturer. Please send it within "
            "14 days. The name on the letter must match the name on your account.")
    result = classify_reply(text)
    assert [(r.kind, r.within) for r in result.requests] == [("document", "14 days"),
                                                             ("detail", None)]
    assert "must match" in result.requests[1].text
    assert result.to_dict()["requests"][0]["within"] == "14 days"
    assert "within" not in result.to_dict()["requests"][1]


def test_a_look_back_is_not_a_time_limit() -> None:
    result = classify_reply("Please provide invoices issued within the last 365 days.")
    assert [r.within for r in result.requests] == [None]


def test_a_reply_about_another_marketplace_or_other_ids_does_not_fit() -> None:
    text = "About your Amazon.fr account: please send invoices for ASIN B0ZZZZ9999."
    assert reply_fit(text, "amazon.fr", ["B0ZZZZ9999"], []) == []
    warnings = reply_fit(text, "amazon.de", ["B0AAAA1111"], [])
    assert warnings == ["it is about amazon.fr, but this case is on amazon.de",
                        "it names an ASIN this case does not have: B0ZZZZ9999"]
    orders = "Please send proof of delivery for order 111-2222222-3333333."
    assert reply_fit(orders, None, [], ["444-5555555-6666666"]) == [
        "it names an order this case does not have: 111-2222222-3333333"]
    assert reply_fit(orders, None, [], []) == []
