"""Reflowing Amazon's hard-wrapped emails for display: what is joined, and what keeps its line."""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from poa_tui.domain.reflow import reflow_for_display
from poa_tui.storage.demo import ASINS, demo_case

CORPUS = Path(__file__).parent / "corpus" / "replies"
REPLIES = sorted(path.name for path in CORPUS.glob("*.txt"))


def read(name: str) -> str:
    return (CORPUS / name).read_text(encoding="utf-8")


def wrapped(text: str, width: int = 72) -> str:
    return textwrap.fill(text, width)


BODY = ("We reviewed the plan of action you sent for your Amazon.com account, but it does not "
        "contain enough information for us to reinstate your account. Your plan should explain "
        "what caused the complaints and what you changed so they do not happen again.")
CLOSING = "Thank you for your cooperation in this matter; we look forward to hearing from you."


def test_the_demo_reply_reads_as_paragraphs_and_whole_list_items() -> None:
    reply = demo_case().submissions[0].reply
    assert reply is not None
    lines = reflow_for_display(reply.text).split("\n")
    assert lines[:3] == ["Hello,", "", "Thank you for your appeal for your Amazon.co.uk selling "
                         "account. We reviewed the information you sent, but we do not have "
                         "enough information to reactivate your account at this time."]
    items = [line for line in lines if line.startswith("- ")]
    assert items == [
        "- Greater detail on the root causes of the complaints, including where the affected "
        "units came from and how that supplier was approved.",
        "- Greater detail on the steps you have taken to prevent these issues, including who "
        "carries out each step and since when.",
    ]
    assert [line for line in lines if line.startswith("ASIN")] == [f"ASIN: {a}" for a in ASINS]
    assert lines[-2:] == ["Seller Performance Team", ""]
    assert lines.count("") == reply.text.split("\n").count("")


def test_a_reply_wrapped_at_72_columns_keeps_every_line_that_means_something() -> None:
    ask = ("Please review the following orders before you send your revised plan of action to us "
           "again:")
    paragraphs = {BODY, ask, CLOSING}
    shown = ["Dear Seller,", "", BODY, "Seller Performance", ask, "",
             "Order ID: 112-1234567-1234567", "Order ID: 112-7654321-7654321", "",
             "Order ID             Date          Reason",
             "112-1234567-1234567  2025-01-02    Not as described", "",
             CLOSING, "Sincerely,", "Seller Performance", "Amazon.com"]
    text = "\n".join(wrapped(line) if line in paragraphs else line for line in shown)
    assert all(wrapped(line).count("\n") >= 1 for line in paragraphs), "wrap them for real"
    assert reflow_for_display(text).split("\n") == shown


def test_a_sentence_broken_mid_line_is_joined_even_beside_long_unwrapped_lines() -> None:
    shown = reflow_for_display(read("final_04_in_2023_linebreak.txt"))
    assert ("we have decided not to reactivate your account. Your account remains deactivated"
            in shown)


def test_indented_lines_continue_their_list_item() -> None:
    shown = reflow_for_display(read("insufficient_04_de_2021_mixed.txt")).split("\n")
    assert ("• Greater detail on the steps you have taken to prevent inauthentic items from "
            "reaching buyers") in shown
    assert "• Invoices from your supplier covering the last 365 days for both ASINs" in shown
    assert "Please send the following:" in shown


def test_numbered_and_lettered_items_keep_their_lines() -> None:
    text = "\n".join([
        wrapped("To continue our review of your account, please send us each of the documents "
                "listed below within seven days:"),
        "a) Your supply agreement with your fulfilment partner",
        "b) Packing slips that name you as the seller of record",
        "1. Invoices from your supplier dated within the last 365 days",
        "2) The supplier's website and phone number",
        "* A letter of authorisation from the brand owner",
    ])
    lines = reflow_for_display(text).split("\n")
    assert len(lines) == 6 and lines[0].endswith("within seven days:")
    assert [line[:2] for line in lines[1:]] == ["a)", "b)", "1.", "2)", "* "]


def test_quotes_separators_and_headings_stay_on_their_lines() -> None:
    shown = reflow_for_display(read("acknowledged_06_ca_2023_quoted.txt")).split("\n")
    assert "-----Original Message-----" in shown
    assert "> Please reinstate our account. We have decided to reinstate our supplier checks" \
        in shown
    assert "We kindly ask you to reinstate our account. We have decided to reinstate our " \
        "supplier checks and have removed the listings. Please delete any remaining complaints " \
        "about ASIN B0F2M4N6P8." in shown
    heading = reflow_for_display(wrapped(BODY) + "\nWhat happens next\n" + wrapped(CLOSING))
    assert heading.split("\n") == [BODY, "What happens next", CLOSING]
    full = ("Your account remains deactivated because the plan you sent does not explain\n"
            "what caused the complaints or what you changed to stop them from happening\n"
            "again, so we cannot reactivate it until you send us a complete plan, thanks.\n"
            "What happens next\n"
            "Seller Performance reviews your plan within two business days.")
    assert reflow_for_display(full).split("\n")[1:] == [
        "What happens next", "Seller Performance reviews your plan within two business days."]


def test_a_word_broken_at_its_hyphen_is_mended() -> None:
    text = ("We have reviewed the documents you provided and found that the supplier is not pre-\n"
            "approved by the brand owner for the products listed on your account.")
    assert "not pre-approved by the brand" in reflow_for_display(text)


@pytest.mark.parametrize("name", ["insufficient_06_de_2022_explain_list.txt",
                                  "documents_06_ca_2020_dropship.txt",
                                  "documents_14_couk_2023_numbered.txt",
                                  "reinstated_01_com_2017_account.txt"])
def test_a_reply_that_was_not_wrapped_is_shown_as_it_is(name: str) -> None:
    assert reflow_for_display(read(name)) == read(name)


@pytest.mark.parametrize("name", REPLIES)
def test_every_corpus_reply_keeps_its_words_blank_lines_items_and_labels(name: str) -> None:
    text = read(name)
    shown = reflow_for_display(text)
    assert "".join(shown.split()) == "".join(text.split())
    assert shown.split("\n").count("") == text.split("\n").count("")
    starts = set(shown.split("\n"))
    for line in text.split("\n"):
        if re.match(r"\s*(?:[-*\u2022\u2013]|\d{1,3}[.)]|[A-Z][A-Za-z ]{0,20}:)\s", line):
            assert any(shown_line.startswith(line.rstrip()) for shown_line in starts), line


WORDS = st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=2, max_size=8)
SENTENCE = st.lists(WORDS, min_size=4, max_size=14).map(lambda w: " ".join(w).capitalize() + ".")


@settings(max_examples=150, deadline=None)
@given(st.lists(SENTENCE, min_size=3, max_size=8), st.integers(70, 80))
def test_any_paragraph_wrapped_by_a_mailer_comes_back_as_one_line(sentences, width) -> None:
    paragraph = " ".join(sentences)
    text = "Hello,\n\n" + textwrap.fill(paragraph, width, break_on_hyphens=False) + \
        "\n\nSeller Performance\n"
    assert reflow_for_display(text) == f"Hello,\n\n{paragraph}\n\nSeller Performance\n"
