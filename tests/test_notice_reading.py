"""Notices as they really arrive: other languages' date lines, emails, HTML, windows in hours,
optional processes, and what could not be read. Texts here are written for these tests."""

from __future__ import annotations

from datetime import date

import pytest

from poa_tui.domain.notice import parse_notice
from poa_tui.domain.notice_dates import DateReader, find_notice_date, read_date_words

BODY = ("\n\nHello,\n\nYour selling account has been deactivated. Please send a plan of action "
        "within 10 days.\n\nSeller Performance Team\n")


@pytest.mark.parametrize(("header", "market", "expected"), [
    ("Gesendet: Dienstag, 11. November 2025 09:30", "amazon.de", date(2025, 11, 11)),
    ("Date : ven. 7 nov. 2025 à 18:02", "amazon.fr", date(2025, 11, 7)),
    ("Fecha: lunes, 3 de noviembre de 2025 12:00", "amazon.es", date(2025, 11, 3)),
    ("Data: martedì 18 novembre 2025 07:45", "amazon.it", date(2025, 11, 18)),
    ("送信日時: 2025年11月20日 9:15", "amazon.co.jp", date(2025, 11, 20)),
    ("Data: 5 de novembro de 2025 14:00", "amazon.com.br", date(2025, 11, 5)),
    ("Datum: woensdag 12 november 2025 10:10", "amazon.nl", date(2025, 11, 12)),
    ("Wysłano: czwartek, 13 listopada 2025 08:00", "amazon.pl", date(2025, 11, 13)),
    ("Skickat: den 14 november 2025 16:20", "amazon.se", date(2025, 11, 14)),
    ("Tarih: 17 Kasım 2025 Pazartesi 11:11", "amazon.com.tr", date(2025, 11, 17)),
    ("Date: 10/11/2025 11:00", "amazon.co.uk", date(2025, 11, 10)),
    ("Sent: 10/11/2025 11:00 AM", "amazon.com", date(2025, 10, 11)),
    ("Gesendet: 21.11.2025 um 10:00", "amazon.de", date(2025, 11, 21)),
])
def test_date_lines_in_marketplace_languages(header: str, market: str, expected: date) -> None:
    text = f"From: Amazon <seller-performance@{market}>\n{header}\nSubject: Your {market} account"
    found = parse_notice(text + BODY)
    assert found.date == expected, header
    assert found.deadline == date.fromordinal(expected.toordinal() + 10)
    assert found.unread == []


def test_dateparser_is_restricted_to_the_languages_given() -> None:
    assert read_date_words("3. März 2025", ("de",), "dmy") == read_date_words(
        "3. März 2025", ("de",), None)
    assert read_date_words("3. März 2025", ("ja",), "dmy") is None


def test_old_function_names_still_read_a_date_line() -> None:
    text = "Von: Amazon.de <a@amazon.de>\nGesendet: Montag, 3. November 2025 14:10\n\nHallo"
    found = find_notice_date(text, DateReader(text, "amazon.de", None))
    assert found is not None and found[0] == date(2025, 11, 3)
    assert "Gesendet" in found[1]


def test_an_unreadable_date_line_is_reported_not_dropped() -> None:
    text = "From: Amazon <a@amazon.co.uk>\nDate: 30/02/2025 09:00\nSubject: x" + BODY
    found = parse_notice(text, received=date(2025, 3, 2))
    assert found.date == date(2025, 3, 2)
    assert [(u.field, u.text) for u in found.unread] == [("date", "Date: 30/02/2025 09:00")]
    assert found.to_dict()["unread"] == [{"field": "date", "text": "Date: 30/02/2025 09:00"}]


def test_a_window_without_a_notice_date_is_reported() -> None:
    found = parse_notice("Your Amazon.com selling account has been deactivated. Please send a "
                         "plan of action within 17 days.")
    assert found.deadline is None
    assert [u.field for u in found.unread] == ["deadline"]
    assert "within 17 days" in found.unread[0].text


def test_an_hour_window_keeps_the_time_and_zone() -> None:
    text = ("From: Amazon.com <seller-performance@amazon.com>\n"
            "Date: Mon, 3 Nov 2025 22:30:00 -0800\n\nYour account is at risk of deactivation. "
            "Please send a plan of action within 48 hours.")
    found = parse_notice(text)
    assert found.deadline == date(2025, 11, 5)
    assert found.deadline_at == "2025-11-05T22:30-08:00"
    assert found.to_dict()["deadline_at"] == "2025-11-05T22:30-08:00"


def test_a_day_window_has_no_time() -> None:
    text = "Date: Mon, 3 Nov 2025 22:30:00 -0800\n\nPlease reply within 5 days."
    found = parse_notice(text)
    assert (found.deadline, found.deadline_at) == (date(2025, 11, 8), None)


def test_by_a_date_without_a_year_after_an_action_verb() -> None:
    text = "Date: 20 December 2025\n\nTake action by 9 January to avoid deactivation."
    assert parse_notice(text).deadline == date(2026, 1, 9)
    text = "Date: 20 December 2025\n\nPlease complete the verification by 2 January."
    assert parse_notice(text).deadline == date(2026, 1, 2)


@pytest.mark.parametrize("sentence", [
    "If you wish to join the patent evaluation, respond within 21 days.",
    "You may file a counter-notice within 10 days.",
    "To dispute this decision, reply within 14 days.",
])
def test_windows_of_optional_processes_are_not_deadlines(sentence: str) -> None:
    text = f"Date: 3 November 2025\n\nWe removed your listing. {sentence}"
    assert parse_notice(text).deadline is None


def test_a_conditional_opening_still_sets_the_appeal_deadline() -> None:
    text = ("Date: 3 November 2025\n\nIf you would like to sell again, please send a plan of "
            "action within 17 days.")
    assert parse_notice(text).deadline == date(2025, 11, 20)


def test_an_unreadable_by_date_is_reported() -> None:
    text = "Date: 3 November 2025\n\nPlease send your documents by 31 Novembre 2025."
    found = parse_notice(text)
    assert found.deadline is None
    assert [u.field for u in found.unread] == ["deadline"]


# ------------------------------------------------------------------ emails, HTML, tables, parties
def test_a_saved_email_is_read_through_its_encoding() -> None:
    import base64
    body = ("Hello,\n\nYour Amazon.it selling account has been deactivated because of "
            "inauthentic items. Please send a plan of action within 17 days.\n")
    raw = ("From: Amazon.it <seller-performance@amazon.it>\r\nDate: Tue, 4 Nov 2025 "
           "10:00:00 +0100\r\nSubject: =?UTF-8?B?QWNjb3VudA==?=\r\nMIME-Version: 1.0\r\n"
           "Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n"
           + base64.encodebytes(body.encode()).decode())
    found = parse_notice(raw)
    assert (found.violation_type.value, found.marketplace, found.date, found.deadline) == (
        "inauthentic", "amazon.it", date(2025, 11, 4), date(2025, 11, 21))


def test_pasted_html_is_read_as_text() -> None:
    html = ("<p>Date:&nbsp;4 November 2025</p><p>Your Amazon.com selling account has been "
            "deactivated.<br>Order ID: 111-2223334-4445556</p><p>Please reply within 5&nbsp;days"
            " &amp; attach invoices.</p>")
    found = parse_notice(html)
    assert (found.date, found.deadline, found.order_ids) == (
        date(2025, 11, 4), date(2025, 11, 9), ["111-2223334-4445556"])


def test_ids_in_pipe_and_tab_tables_and_a_wrapped_isbn_row() -> None:
    pipe = ("| ASIN | Complaint ID |\n|---|---|\n| 0306406152 | 9988776655 |\n"
            "| B0ZZ11YY22 | 9988776656 |\n")
    found = parse_notice(pipe)
    assert found.asins == ["0306406152", "B0ZZ11YY22"]
    assert found.complaint_ids == ["9988776655", "9988776656"]
    tabs = "Complaint ID\tASIN\tStatus\n123456789\tB0AB12CD34\tListing removed\n"
    found = parse_notice(tabs)
    assert (found.complaint_ids, found.scope.value) == (["123456789"], "listing")
    wrapped = ("ASIN         Title\n0306406152   A very long title that the mail client\n"
               "             wrapped onto a second line\n1861972717   Short title\n")
    assert parse_notice(wrapped).asins == ["0306406152", "1861972717"]


def test_rights_owner_registration_and_related_accounts() -> None:
    text = ("Rights owner: Example Brands, Inc. <legal@example-brands.test>\n"
            "Patent number: US 9,876,543 B1\nCopyright registration number: TX0001234567\n"
            "Related account names: North Shop, LLC; South Shop\n")
    found = parse_notice(text).to_dict()
    assert found["rights_owner"] == "Example Brands, Inc."
    assert found["rights_owner_email"] == "legal@example-brands.test"
    assert found["registration_numbers"] == ["US 9,876,543 B1", "TX0001234567"]
    assert found["related_accounts"] == ["North Shop, LLC", "South Shop"]


def test_both_windows_of_a_metric_are_kept_with_their_periods() -> None:
    text = ("Your account is at risk. 10-day Late Shipment Rate: 7%. 30-day Late Shipment Rate: "
            "5%. Target: under 4%.")
    metrics = [m.to_dict() for m in parse_notice(text).metrics]
    assert metrics == [
        {"name": "Late Shipment Rate", "value": "7%", "target": "4%", "period": "10 days"},
        {"name": "Late Shipment Rate", "value": "5%", "target": "4%", "period": "30 days"}]


def test_a_violation_named_but_not_placed_is_reported() -> None:
    text = ("Your Amazon.com listing has been removed because of a policy violation.\n"
            "Infringement type: Geographic indication\n")
    found = parse_notice(text)
    assert found.violation_type.value == "other"
    assert [(u.field, u.text) for u in found.unread] == [
        ("violation_type", "Infringement type: Geographic indication")]


def test_html_table_rows_stay_one_table() -> None:
    html = ("<p>We removed these listings.</p><table><tr><th>ASIN</th><th>Complaint ID</th></tr>"
            "<tr><td>B0AB12CD34</td><td>5566778899</td></tr>\n"
            "<tr><td>B0AB12CD35</td><td>5566778800</td></tr></table>")
    found = parse_notice(html)
    assert found.complaint_ids == ["5566778899", "5566778800"]


def test_a_window_after_a_requested_invoice_is_the_deadline() -> None:
    text = "Date: 3 November 2025\n\nPlease send us a safety report and an invoice within 10 days."
    assert parse_notice(text).deadline == date(2025, 11, 13)
    bill = "Date: 3 November 2025\n\nSend us a utility bill issued within 90 days."
    assert parse_notice(bill).deadline is None


# ------------------------------------------------------------------ deadlines in other languages
@pytest.mark.parametrize(("market", "sentence", "expected"), [
    ("amazon.de", "Bitte senden Sie uns innerhalb von 17 Tagen einen Aktionsplan.", date(2025, 11, 20)),
    ("amazon.de", "Bitte reichen Sie die Unterlagen bis zum 20. November 2025 ein.", date(2025, 11, 20)),
    ("amazon.fr", "Veuillez nous envoyer un plan d'action dans les 17 jours.", date(2025, 11, 20)),
    ("amazon.fr", "Merci d'envoyer les factures avant le 20 novembre 2025.", date(2025, 11, 20)),
    ("amazon.es", "Envíe un plan de acción en un plazo de 17 días.", date(2025, 11, 20)),
    ("amazon.it", "Invia un piano d'azione entro 17 giorni.", date(2025, 11, 20)),
    ("amazon.it", "Invia i documenti entro il 20 novembre 2025.", date(2025, 11, 20)),
    ("amazon.com.br", "Envie um plano de ação no prazo de 17 dias.", date(2025, 11, 20)),
    ("amazon.nl", "Stuur ons binnen 17 dagen een actieplan.", date(2025, 11, 20)),
    ("amazon.pl", "Prześlij plan działania w ciągu 17 dni.", date(2025, 11, 20)),
    ("amazon.se", "Skicka en åtgärdsplan inom 17 dagar.", date(2025, 11, 20)),
    ("amazon.com.tr", "Lütfen 17 gün içinde bir eylem planı gönderin.", date(2025, 11, 20)),
    ("amazon.co.jp", "17日以内に改善計画書を提出してください。", date(2025, 11, 20)),
    ("amazon.co.jp", "72時間以内に出品を削除してください。", date(2025, 11, 6)),
])
def test_deadline_phrases_in_marketplace_languages(market: str, sentence: str,
                                                   expected: date) -> None:
    text = f"Date: 3 November 2025\nFrom: Amazon <a@{market}>\n\n{sentence}\n"
    found = parse_notice(text)
    assert found.deadline == expected, sentence
    assert found.unread == []


def test_an_evaluation_window_in_another_language_is_not_the_deadline() -> None:
    text = ("Date: 3 November 2025\nFrom: Amazon <a@amazon.de>\n\nWenn Sie an der "
            "Patentbewertung teilnehmen möchten, antworten Sie innerhalb von 21 Tagen.\n")
    assert parse_notice(text).deadline is None


def test_an_order_id_wrapped_after_a_hyphen_is_joined() -> None:
    text = ("Order ID: 111-2223334-\n4445556 and 112-9998887-\n> 6665554 were late.\n"
            "Call 555-1234567-\n\nnext paragraph 7654321")
    assert parse_notice(text).order_ids == ["111-2223334-4445556", "112-9998887-6665554"]


def test_look_alike_numbers_are_never_ids() -> None:
    text = ("VAT number: DE123456789\nCompany number: 12345678\nInvoice no. 2025-0001234\n"
            "Tracking: 1Z999AA10123456784\nPhone: +1 206-266-1000\nISBN-13: 9780306406157\n"
            "FNSKU: X001ABCDEF\nTel. 0800-1234567-89\n")
    found = parse_notice(text)
    assert (found.asins, found.order_ids, found.complaint_ids, found.case_ids) == ([], [], [], [])
