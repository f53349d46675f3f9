"""`parse-notice`, `new --notice` and `edit --notice` in a real process, on the notice corpus."""

from __future__ import annotations

import json
import re
from datetime import date, timedelta
from pathlib import Path

import pytest

NOTICES = Path(__file__).resolve().parents[1] / "corpus" / "notices"


def notice(name: str) -> Path:
    return NOTICES / f"{name}.txt"


def expected(name: str) -> dict:
    return json.loads((NOTICES / f"{name}.json").read_text(encoding="utf-8"))["expected"]


def stderr_fields(err: str) -> dict[str, str]:
    """The "field: what happened" lines `new`/`edit --notice` print, by field."""
    return dict(line.split(": ", 1) for line in err.splitlines())


@pytest.mark.parametrize("name", ["01_inauthentic_uk_2024", "02_ip_trademark_listing_com",
                                  "08_odr_com", "10_cancellation_sfo_com",
                                  "24_odr_metrics_table_uk", "20_unknown_newsletter"])
def test_parse_notice_json_is_the_contract_shape(cli, unchanged, name) -> None:
    with unchanged():
        result = cli("parse-notice", str(notice(name)), "--json")
    assert result.code == 0, result.err
    got = result.json()
    assert list(got) == ["violation_type", "marketplace", "scope", "date", "deadline", "asins",
                         "order_ids", "complaint_ids", "case_ids", "metrics", "appeal_limit",
                         "deadline_at", "rights_owner", "rights_owner_email",
                         "registration_numbers", "related_accounts", "language", "unread"]
    want = {"deadline_at": None, "rights_owner": None, "rights_owner_email": None,
            "registration_numbers": [], "related_accounts": [], "language": "en",
            "unread": []} | expected(name)
    if name == "20_unknown_newsletter":
        # The corpus gives this one a received date; on its own, nothing is assumed.
        assert (got["violation_type"], got["deadline"], got["asins"]) == (None, None, [])
    else:
        assert got == want


def test_parse_notice_reads_standard_input(cli) -> None:
    text = notice("08_odr_com").read_text(encoding="utf-8")
    result = cli("parse-notice", "-", "--json", stdin=text)
    assert result.code == 0, result.err
    assert result.json()["metrics"][0] == {"name": "Order Defect Rate", "value": "2.13%",
                                           "target": "1%"}


def test_parse_notice_table_shows_each_field_and_the_words_behind_it(cli) -> None:
    result = cli("parse-notice", str(notice("01_inauthentic_uk_2024")))
    assert result.code == 0, result.err
    lines = result.out.splitlines()
    assert lines[0].startswith("Violation type") and "(inauthentic)" in lines[0]
    assert "Inauthentic / counterfeit" in lines[0]
    assert lines[1].strip().startswith('from: "') and "authenticity" in lines[2]
    table = dict(re.split(r"  +", line, maxsplit=1) for line in lines if line[:1].strip())
    assert "Rights owner email" in table  # its value apart from the longest label too
    assert table["Marketplace"] == "amazon.co.uk"
    assert table["Notice date"] == "2024-10-14"
    assert table["Deadline"] == "2024-10-31"
    assert table["Appeal limit"] == "2 appeals"
    assert table["ASINs"] == "B07QX4LMN2, B08ZK3TR71, 0306406152"
    assert table["Order ids"] == "not found"
    assert "17 days" in result.out  # the deadline's evidence
    assert all(len(line) <= 80 for line in lines)


def test_parse_notice_table_lists_metrics_and_flags_a_text_that_is_no_notice(cli) -> None:
    metrics = cli("parse-notice", str(notice("24_odr_metrics_table_uk"))).out
    assert "Metrics             Order Defect Rate 1.84% (target 1%)" in metrics
    assert "\n                    Late Shipment Rate 2.1% (target 4%)" in metrics
    assert "does not read like a policy notice" not in metrics

    newsletter = cli("parse-notice", str(notice("20_unknown_newsletter")))
    assert newsletter.code == 0
    assert "Violation type      not found" in newsletter.out
    assert "does not read like a policy notice from Amazon" in newsletter.out


def test_new_with_a_notice_prints_the_id_alone_and_fills_the_case(cli, db) -> None:
    result = cli("new", "--title", "ODR suspension", "--notice", str(notice("08_odr_com")))
    assert result.code == 0, result.err
    assert result.out == "1\n"
    said = stderr_fields(result.err)
    assert said["violation type"] == "Order defect rate, from the notice"
    assert said["deadline"] == "2024-11-08, from the notice"
    assert said["ASINs"] == "none in the notice"
    assert said["metrics"].startswith("Order Defect Rate 2.13% (target 1%);")
    assert len(said) == 11  # one line per field

    case = cli("show", "1", "--json").json()
    assert (case["violation_type"], case["marketplace"], case["scope"]) == (
        "order_defect_rate", "amazon.com", "account")
    stored = case["notice"]
    assert stored["text"] == notice("08_odr_com").read_text(encoding="utf-8").strip("\n")
    want = expected("08_odr_com")
    assert stored["received"] == want["date"]
    for key in ("deadline", "asins", "order_ids", "complaint_ids", "case_ids", "metrics",
                "appeal_limit"):
        assert stored[key] == want[key], key
    # The evidence checklist is the one for the type the notice gave, as the app would seed it.
    assert case["evidence"] and all(not item["done"] for item in case["evidence"])
    plain = cli("new", "--title", "Plain", "--violation", "order_defect_rate").out
    assert [i["key"] for i in case["evidence"]] == \
        [i["key"] for i in cli("show", plain.strip(), "--json").json()["evidence"]]


def test_new_with_options_keeps_them_over_the_notice(cli) -> None:
    result = cli("new", "--title", "Trademark", "--violation", "ip_copyright", "--scope", "asin",
                 "--notice", str(notice("02_ip_trademark_listing_com")))
    assert result.code == 0, result.err
    said = stderr_fields(result.err)
    assert said["violation type"] == ("kept IP: copyright, as given with --violation; the notice "
                                      "says IP: trademark")
    assert said["scope"].startswith("kept Single ASIN, as given with --scope")
    assert said["marketplace"] == "amazon.com, from the notice"
    case = cli("show", "1", "--json").json()
    assert (case["violation_type"], case["scope"], case["marketplace"]) == (
        "ip_copyright", "asin", "amazon.com")
    assert case["notice"]["complaint_ids"] == ["0306406152", "8815520943"]
    assert case["notice"]["case_ids"] == ["14628930571"]


def test_an_undated_notice_is_received_today_and_its_deadline_counts_from_today(cli) -> None:
    result = cli("new", "--title", "Undated", "--notice", "-",
                 stdin=notice("30_undated_inauthentic_sg").read_text(encoding="utf-8"))
    assert result.code == 0, result.err
    today = date.today()
    assert stderr_fields(result.err)["received"] == \
        f"the notice gives no date; set to today, {today.isoformat()}"
    stored = cli("show", "1", "--json").json()["notice"]
    assert stored["received"] == today.isoformat()
    assert stored["deadline"] == (today + timedelta(days=17)).isoformat()


def test_edit_fills_a_case_still_at_its_defaults(cli, new_case) -> None:
    case_id = str(new_case("Came in by email"))
    result = cli("edit", case_id, "--notice", str(notice("13_related_accounts_au")))
    assert result.code == 0, result.err
    assert result.out == ""
    assert stderr_fields(result.err)["violation type"] == "Related accounts, from the notice"
    case = cli("show", case_id, "--json").json()
    assert (case["violation_type"], case["marketplace"], case["scope"]) == (
        "related_accounts", "amazon.com.au", "account")
    assert case["notice"]["deadline"] == "2024-10-31"
    assert case["title"] == "Came in by email"


def test_edit_keeps_details_the_user_chose_and_facts_the_notice_lacks(cli, new_case) -> None:
    case_id = str(new_case("Chosen by hand", "--violation", "inauthentic", "--marketplace",
                           "amazon.de", "--scope", "listing"))
    first = cli("edit", case_id, "--notice", str(notice("01_inauthentic_uk_2024")))
    assert first.code == 0, first.err
    said = stderr_fields(first.err)
    assert said["marketplace"] == ("kept amazon.de, as it was already set; the notice says "
                                   "amazon.co.uk")
    assert said["scope"].startswith("kept Listing, as it was already set")
    assert said["violation type"] == "kept Inauthentic / counterfeit, as it was already set"

    # A second notice without ASINs or an appeal limit leaves those as the first one set them.
    second = cli("edit", case_id, "--notice", str(notice("17_code_of_conduct_com")),
                 "--violation", "listing_policy")
    assert second.code == 0, second.err
    said = stderr_fields(second.err)
    assert said["ASINs"] == "none in the notice; kept B07QX4LMN2, B08ZK3TR71, 0306406152"
    assert said["appeal limit"] == "none in the notice; kept 2 appeals"
    case = cli("show", case_id, "--json").json()
    assert (case["violation_type"], case["marketplace"], case["scope"]) == (
        "listing_policy", "amazon.de", "listing")
    assert case["notice"]["asins"] == ["B07QX4LMN2", "B08ZK3TR71", "0306406152"]
    assert case["notice"]["text"].startswith(
        notice("17_code_of_conduct_com").read_text(encoding="utf-8")[:40])


def test_notice_text_loses_terminal_controls(cli) -> None:
    text = notice("08_odr_com").read_text(encoding="utf-8")
    hostile = text.replace("Hello,", "Hello,\x1b]0;owned\x07\x1b[2J")
    result = cli("new", "--title", "Hostile paste", "--notice", "-", stdin=hostile)
    assert result.code == 0, result.err
    stored = cli("show", "1", "--json").json()["notice"]["text"]
    assert "\x1b" not in stored and "\x07" not in stored
    assert stored == text.strip("\n")


@pytest.mark.parametrize("args, stdin, expected_error", [
    (["parse-notice", "missing.txt"], "", "cannot read missing.txt: there is no such file"),
    (["parse-notice", "-"], " \n\t\n", "the notice is empty"),
    (["parse-notice"], "", "the following arguments are required: FILE"),
    (["new", "--title", "X", "--notice", "missing.txt"], "", "cannot read missing.txt"),
    (["new", "--title", "X", "--notice", "-"], "\n\n", "the notice is empty"),
    (["edit", "1", "--notice", "missing.txt"], "", "cannot read missing.txt"),
    (["edit", "9", "--notice", "-"], "Your account has been deactivated by Amazon.",
     "There is no case 9."),
    (["edit", "1", "--notice", "-", "--violation", "fraud"], "x", "unknown violation type"),
    (["edit", "1", "--notice", "-", "--section", "root_cause", "--from", "-"], "x",
     "cannot both read standard input"),
])
def test_notice_mistakes_are_one_line_exit_2_and_write_nothing(cli, new_case, unchanged, tmp_path,
                                                               args, stdin, expected_error) -> None:
    new_case()
    with unchanged():
        result = cli(*args, stdin=stdin, cwd=tmp_path)
    assert result.code == 2
    assert expected_error in result.error_line
    assert result.out == ""


@pytest.mark.parametrize("verb, rule", [
    ("new", "win over what the notice says"),
    ("edit", "only where the case still has the defaults"),
])
def test_help_explains_how_a_notice_is_applied(cli, verb, rule) -> None:
    result = cli(verb, "--help")
    assert result.code == 0
    assert rule in " ".join(result.out.split())
    assert "--notice" in result.out.split("example:")[1]


def test_parse_notice_reads_a_saved_email_and_warns_of_an_unread_date(cli, tmp_path) -> None:
    import quopri
    body = quopri.encodestring(
        "Hello,\n\nYour Amazon.co.uk selling account has been deactivated \u2013 please send "
        "a plan of action within 17 days.\n".encode()).decode()
    eml = tmp_path / "notice.eml"
    eml.write_text("From: Amazon <seller-performance@amazon.co.uk>\nDate: 30/02/2025 10:00\n"
                   "Subject: Account\nMIME-Version: 1.0\nContent-Type: text/plain; charset=utf-8\n"
                   "Content-Transfer-Encoding: quoted-printable\n\n" + body, encoding="ascii")
    result = cli("parse-notice", str(eml), "--json")
    assert result.code == 0, result.err
    got = result.json()
    assert (got["marketplace"], got["scope"], got["date"]) == ("amazon.co.uk", "account", None)
    assert got["unread"][0] == {"field": "date", "text": "Date: 30/02/2025 10:00"}
    assert got["unread"][1]["field"] == "deadline"
    assert "\u2013 please send a plan of action within 17 days" in got["unread"][1]["text"]
    assert 'warning: the notice date could not be read from "Date: 30/02/2025 10:00"' in result.err


def test_new_with_an_html_notice_keeps_the_readable_text(cli, tmp_path) -> None:
    page = tmp_path / "notice.html"
    page.write_text("<p>Date:&nbsp;4 November 2025</p><p>Your Amazon.de selling account has "
                    "been deactivated because of inauthentic items.<br>Please reply within "
                    "10&nbsp;days.</p>", encoding="utf-8")
    made = cli("new", "--title", "From a page", "--notice", str(page))
    assert made.code == 0, made.err
    shown = cli("show", made.out.strip(), "--json").json()
    assert "<p>" not in shown["notice"]["text"] and "&nbsp;" not in shown["notice"]["text"]
    assert shown["notice"]["deadline"] == "2025-11-14"
