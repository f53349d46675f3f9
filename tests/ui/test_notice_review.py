"""The notice review: what the parser found, with its reasons, for the user to confirm."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from help_panels_support import HostApp
from textual.widgets import Input, Select, Static

from poa_tui.domain.guidance import seed_evidence
from poa_tui.domain.models import Case, Metric
from poa_tui.domain.notice import ParsedNotice, clean_text, parse_notice
from poa_tui.domain.vocab import Scope, ViolationType
from poa_tui.tui.dialogs.notice_review import NoticeReviewScreen, apply_facts, case_facts, quote

CORPUS = Path(__file__).parent.parent / "corpus" / "notices"
NOTICE = (CORPUS / "01_inauthentic_uk_2024.txt").read_text(encoding="utf-8")


def _app(text: str = NOTICE, **kwargs) -> HostApp:
    return HostApp(screen=lambda: NoticeReviewScreen(text, **kwargs))


def _why(app, field_id: str) -> str:
    widget = app.screen.query_one(f"#{field_id}")
    return str(widget.parent.parent.query_one(".review-why", Static).render())


async def test_accepting_at_once_gives_what_the_parser_found() -> None:
    app = _app(today=date(2024, 10, 20))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        headline = str(app.screen.query_one("#review-headline", Static).render())
        assert "Inauthentic / counterfeit" in headline and "3 ASINs" in headline
        assert "11 days from today" in headline
        assert "authenticity" in _why(app, "violation_type")
        assert _why(app, "order_ids") == "Not found in the notice."
        assert _why(app, "asins") == "3 found in the notice."
        await pilot.press("ctrl+s")
        await pilot.pause()
    facts = app.results[0]
    assert facts.to_dict() == parse_notice(NOTICE).to_dict()
    assert facts.violation_type is ViolationType.INAUTHENTIC
    assert facts.deadline == date(2024, 10, 31) and facts.appeal_limit == 2


async def test_edited_fields_are_returned_as_typed_and_checked() -> None:
    app = _app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        screen.query_one("#asins", Input).value = "b07qx4lmn2 B0C2KX7Q4M, B0C2KX7Q4M"
        screen.query_one("#scope", Select).value = Scope.LISTING
        screen.query_one("#order_ids", Input).value = "113-4829301"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.results == []
        error = str(screen.query_one("#review-error", Static).render())
        assert "113-4829301" in error and screen.query_one("#review-error").display
        assert app.focused is screen.query_one("#order_ids", Input)
        screen.query_one("#order_ids", Input).value = "113-4829301-2231907"
        screen.query_one("#deadline", Input).value = "2024-10-01"
        await pilot.press("f10")
        await pilot.pause()
        assert "before the notice date" in str(screen.query_one("#review-error",
                                                                  Static).render())
        screen.query_one("#deadline", Input).value = "2024-11-02"
        await pilot.press("f10")
        await pilot.pause()
    facts = app.results[0]
    assert facts.asins == ["B07QX4LMN2", "B0C2KX7Q4M"]
    assert facts.order_ids == ["113-4829301-2231907"]
    assert facts.scope is Scope.LISTING and facts.deadline == date(2024, 11, 2)


async def test_what_the_notice_does_not_say_keeps_the_cases_value() -> None:
    current = ParsedNotice(violation_type=ViolationType.PRODUCT_SAFETY, marketplace="amazon.de",
                          order_ids=["304-1111111-2222222"],
                          metrics=[Metric("Order Defect Rate", "2%", "1%")])
    app = _app("Amazon: your listing was removed under our policies.", current=current)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert _why(app, "marketplace") == "Not found in the notice; the case's own value is kept."
        assert app.screen.query_one("#marketplace", Input).value == "amazon.de"
        assert "Order Defect Rate: 2% (target 1%)" in str(
            app.screen.query_one("#metrics", Static).render())
        await pilot.press("ctrl+s")
        await pilot.pause()
    facts = app.results[0]
    assert facts.marketplace == "amazon.de"
    assert facts.order_ids == ["304-1111111-2222222"]
    assert facts.violation_type is ViolationType.OTHER


async def test_text_that_is_no_notice_says_so_and_escape_discards() -> None:
    app = _app("Lunch on Friday? Bring the spreadsheet.")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        headline = str(app.screen.query_one("#review-headline", Static).render())
        assert "does not read like an Amazon notice" in headline
        assert app.screen.query_one("#violation_type", Select).value is Select.NULL
        await pilot.press("escape")
        await pilot.pause()
    assert app.results == [None]


def test_facts_apply_to_a_case_without_blanking_unknowns() -> None:
    case = Case(marketplace="amazon.de", violation_type=ViolationType.OTHER,
                evidence=seed_evidence(ViolationType.OTHER))
    case.evidence[0].done = True
    case.notice.text = "kept"
    facts = ParsedNotice(violation_type=ViolationType.IP_TRADEMARK, date=date(2025, 1, 2),
                         asins=["B0C2KX7Q4M"], appeal_limit=2)
    apply_facts(facts, case)
    assert case.marketplace == "amazon.de" and case.scope is Scope.ACCOUNT
    assert case.violation_type is ViolationType.IP_TRADEMARK
    assert case.evidence[0].done and {item.key for item in seed_evidence(
        ViolationType.IP_TRADEMARK)} <= {item.key for item in case.evidence}
    assert case.notice.asins == ["B0C2KX7Q4M"] and case.notice.appeal_limit == 2
    assert case.notice.received == date(2025, 1, 2) and case.notice.text == "kept"
    assert case_facts(case).to_dict() == {**facts.to_dict(), "marketplace": "amazon.de",
                                          "scope": "account"}


async def test_the_buttons_accept_and_discard() -> None:
    for button, accepted in (("#accept", True), ("#discard", False)):
        app = _app()
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            await pilot.click(button)
            await pilot.pause()
        assert (app.results[0] is not None) is accepted


MAIL = """From: Amazon.co.uk <seller-performance@amazon.co.uk>
Date: Mon, 14 Oct 2024 09:12:33 +0000
Subject: Your Amazon.co.uk selling account has been deactivated

Hello,

Your seller account has been deactivated in accordance with section 3 of the Business Solutions
Agreement. Your listings have been removed from the site while we look into this, and the funds
in your account are held until the review is complete and every open complaint has been closed.

Why is this happening?
Customers raised concerns about the authenticity of the items listed below.
"""


@pytest.mark.parametrize(("piece", "shown"), [
    # Widened back to the start of its sentence, past a question that ends the line before.
    ("happening? Customers raised concerns about the authenticity",
     "Why is this happening? Customers raised concerns about the authenticity of the items "
     "listed below."),
    # A header line stands on its own, even though the mail is hard-wrapped.
    ("2024 09:12:33 +0000 Subject: Your Amazon.co.uk selling account",
     "Date: Mon, 14 Oct 2024 09:12:33 +0000 Subject: Your Amazon.co.uk selling account has "
     "been deactivated"),
    # Started inside a word, in a sentence whose start is too far back: the whole word, and "…".
    ("eld until the review is complete",
     "…held until the review is complete and every open complaint has been closed."),
    # The end of the sentence is too far on: the quote stops at a word, and "…".
    ("oved from the site while we look into this",
     "Your listings have been removed from the site while we look into this,…"),
    # Cut by the parser inside a word, with the sentence going on: back to a whole word, "…".
    ("Your listings have been removed from the si\u2026",
     "Your listings have been removed from the…"),
    # A wrapped line break is not the end of a sentence.
    ("section 3 of the Business Solutions",
     "Your seller account has been deactivated in accordance with section 3 of the Business "
     "Solutions Agreement."),
])
def test_a_quote_starts_and_ends_at_words_with_an_ellipsis_where_cut(piece: str,
                                                                      shown: str) -> None:
    assert quote(clean_text(MAIL), piece) == shown


def test_every_quote_from_the_corpus_is_found_and_whole_worded() -> None:
    for path in sorted(CORPUS.glob("*.txt")):
        text = clean_text(path.read_text(encoding="utf-8"))
        flat = " ".join(text.split())
        for field_name, piece in parse_notice(text).evidence.items():
            shown = quote(text, piece)
            body = shown.removeprefix("\u2026").removesuffix("\u2026")
            assert body in flat, (path.name, field_name, shown)
            at = flat.index(body)
            assert at == 0 or flat[at - 1] == " ", (path.name, field_name, shown)
            after = at + len(body)
            assert after == len(flat) or flat[after] == " ", (path.name, field_name, shown)
            assert len(shown) <= 222, (path.name, field_name, shown)


async def test_the_review_quotes_whole_sentences() -> None:
    app = _app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert "“Why is this happening? Customers raised" in _why(app, "violation_type")


async def test_a_date_line_that_cannot_be_read_is_marked() -> None:
    text = ("From: Amazon <seller-performance@amazon.co.uk>\nDate: 30/02/2025 09:00\n\n"
            "Your Amazon.co.uk selling account has been deactivated because of inauthentic "
            "items. Please send a plan of action within 17 days.")
    app = _app(text, received=date(2025, 3, 2))
    async with app.run_test(size=(80, 30)) as pilot:
        await pilot.pause()
        headline = str(app.screen.query_one("#review-headline", Static).render())
        assert "1 field could not be read" in headline
        why = _why(app, "date")
        assert why.startswith("Could not read") and "30/02/2025" in why
        row = app.screen.query_one("#date").parent.parent
        assert row.has_class("review-unread")
        assert not app.screen.query_one("#deadline").parent.parent.has_class("review-unread")


async def test_pasted_html_is_quoted_as_text() -> None:
    html = ("<p>Date:&nbsp;4 November 2025</p><p>Your Amazon.com selling account has been "
            "deactivated because of inauthentic&nbsp;items.</p>")
    app = _app(html)
    async with app.run_test(size=(80, 30)) as pilot:
        await pilot.pause()
        why = _why(app, "violation_type")
        assert "inauthentic items" in why and "<p>" not in why and "&nbsp;" not in why
