"""The guidance carries what Amazon actually asks, type by type."""

from __future__ import annotations

import re

import pytest

from poa_tui.domain.guidance import guidance_for, guidance_markdown
from poa_tui.domain.vocab import ViolationType as V


def everything(violation: V) -> str:
    guide = guidance_for(violation)
    parts = [guide.summary, *guide.notes, *(f"{e.label}. {e.detail}" for e in guide.evidence)]
    return " ".join(parts)


# (type, words that must all appear, case-insensitively, in its notes or evidence)
ASKS = [
    (V.IP_PATENT, ["APEX", "three weeks", "4,000", "optional", "retract"]),
    (V.IP_TRADEMARK, ["dispute", "invoice", "order id", "retract", "directly", "not always"]),
    (V.IP_COPYRIGHT, ["retract", "counter-notice", "not always"]),
    (V.SECTION3_VERIFICATION, ["bank", "credit card", "beneficial owner", "25%", "registry",
                                "authorisation", "legal representative", "video call", "PNG",
                                "TIFF", "PDF", "notarised translation"]),
    (V.INAUTHENTIC, ["365 days", "name and address", "Seller Central", "verify", "prices",
                     "hidden", "altered", "pro forma", "destroyed", "Account Health Assurance",
                     "72 hours"]),
    (V.PRODUCT_SAFETY, ["CPSC", "Children's Product Certificate", "General Product Safety "
                        "Regulation", "responsible person", "lab"]),
    (V.RESTRICTED_PRODUCTS, ["inactive", "suppressed", "stranded", "safety data sheet",
                             "exemption sheet"]),
    (V.OTHER, ["fair pricing", "no plan"]),
    (V.ORDER_DEFECT_RATE, ["process", "not only the orders"]),
    (V.LATE_SHIPMENT_RATE, ["process", "not only the orders", "both"]),
    (V.CANCELLATION_RATE, ["process", "not only the orders"]),
]


@pytest.mark.parametrize(("violation", "words"), ASKS, ids=[a[0].value for a in ASKS])
def test_guidance_covers_what_amazon_asks(violation, words):
    text = everything(violation).lower()
    missing = [w for w in words if w.lower() not in text]
    assert not missing, missing


def test_notes_show_in_the_side_panel():
    text = guidance_markdown(V.IP_PATENT)
    assert "### What Amazon asks" in text and "APEX" in text


@pytest.mark.parametrize("violation", list(V))
def test_notes_are_sentences_in_plain_words(violation):
    for note in guidance_for(violation).notes:
        assert note.endswith(".") and len(note.split()) >= 8, note
        assert not re.search(r"\b(?:we|our|us)\b", note, re.IGNORECASE), note
