"""`classify-reply`, and `reply` reading the outcome and requests from the text, on the corpus."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from poa_tui.domain.vocab import Outcome

REPLIES = Path(__file__).resolve().parents[1] / "corpus" / "replies"
EXPECTED = json.loads((REPLIES / "expected.json").read_text(encoding="utf-8"))
ONE_PER_CLASS = ["reinstated_02_couk_2023_listing.txt", "insufficient_01_com_2024_odr.txt",
                 "documents_01_in_2019_authenticity.txt", "action_01_com_2022_restricted.txt",
                 "denied_02_com_2023_proof.txt", "final_03_de_2020_decision_final.txt",
                 "acknowledged_06_ca_2023_quoted.txt"]


def reply_path(name: str) -> str:
    return str(REPLIES / name)


@pytest.fixture
def sent(cli, new_case) -> str:
    """A case with one attempt sent and no answer yet."""
    case_id = str(new_case("Hand gel listings"))
    assert cli("edit", case_id, "--section", "root_cause", "--from", "-",
               stdin="We listed hand gel without checking the restricted list.\n").code == 0
    assert cli("submit", case_id).code == 0
    return case_id


def test_the_sample_covers_every_outcome() -> None:
    assert {EXPECTED[name]["class"] for name in ONE_PER_CLASS} == {o.value for o in Outcome}


@pytest.mark.parametrize("name", ONE_PER_CLASS)
def test_classify_reply_json_matches_the_labelled_corpus(cli, unchanged, name) -> None:
    with unchanged():
        result = cli("classify-reply", reply_path(name), "--json")
    assert result.code == 0, result.err
    got = result.json()
    assert list(got) == ["class", "reason", "language", "evidence", "requests", "listings"]
    assert got["class"] == EXPECTED[name]["class"] and got["reason"] is None
    assert got["requests"] == EXPECTED[name]["requests"]
    assert got["evidence"] and all(isinstance(phrase, str) for phrase in got["evidence"])
    flat = " ".join((REPLIES / name).read_text(encoding="utf-8").split()).lower()
    assert all(phrase.lower() in flat for phrase in got["evidence"])


def test_classify_reply_summary_names_the_class_next_step_reasons_and_requests(cli) -> None:
    result = cli("classify-reply", "-",
                 stdin=(REPLIES / "documents_01_in_2019_authenticity.txt").read_text("utf-8"))
    assert result.code == 0, result.err
    out = result.out
    assert out.startswith("Class      Documents requested (documents_requested)\n")
    assert f"Next step  {Outcome.DOCUMENTS_REQUESTED.next_step}" in out
    assert 'Because    "not submitted required documents"' in out
    assert "Requests\n  - Invoices (document)\n  - Letter of authorization (document)\n" in out
    assert "guess" not in out
    assert all(len(line) <= 80 for line in out.splitlines())


def test_classify_reply_says_when_it_cannot_tell(cli) -> None:
    result = cli("classify-reply", "-", stdin="Hello, thanks for the update. Regards, Sam")
    assert result.code == 0
    assert "Class      could not tell (null)" in result.out
    assert "--outcome CLASS" in result.out and "Language   English" in result.out


def test_reply_that_cannot_be_placed_is_not_recorded_without_an_outcome(cli, sent) -> None:
    result = cli("reply", sent, "--from", "-", stdin="Hello, thanks for the update. Regards")
    assert result.code != 0
    assert "could not tell what this reply decided" in result.err


def test_reply_without_outcome_uses_the_reading_and_stores_the_requests(cli, sent) -> None:
    result = cli("reply", sent, "--from", reply_path("action_01_com_2022_restricted.txt"))
    assert result.code == 0, result.err
    assert result.out.splitlines() == [
        f"Attempt 1: Action required. {Outcome.ACTION_REQUIRED.next_step}",
        "Amazon asks for:",
        "  - Close or delete the following listings: B08XY1234Z, B09ZZ5678Q (action)",
    ]
    (line,) = result.err.splitlines()
    assert line.startswith("Read the reply as Action required (action_required) because of "
                           '"found restricted product listings"')
    assert "--outcome CLASS" in line

    case = cli("show", sent, "--json").json()
    assert case["status"] == "action_required"
    reply = case["submissions"][0]["reply"]
    assert reply["outcome"] == "action_required"
    assert reply["requests"] == [{"text": "Close or delete the following listings: B08XY1234Z, "
                                          "B09ZZ5678Q", "kind": "action", "done": False}]


def test_reply_with_outcome_keeps_the_users_class_and_still_extracts_requests(cli, sent) -> None:
    result = cli("reply", sent, "--from", "-", "--outcome", "denied",
                 stdin=(REPLIES / "insufficient_01_com_2024_odr.txt").read_text("utf-8"))
    assert result.code == 0, result.err
    assert result.out.startswith("Attempt 1: Denied.")
    assert "Recorded as Denied (denied), as you asked; the text reads like Plan not detailed " \
           "enough (insufficient_poa)" in result.err
    reply = cli("show", sent, "--json").json()["submissions"][0]["reply"]
    assert reply["outcome"] == "denied"
    assert [r["text"] for r in reply["requests"]] == \
        [r["text"] for r in EXPECTED["insufficient_01_com_2024_odr.txt"]["requests"]]
    assert {r["kind"] for r in reply["requests"]} == {"detail"}


def test_reply_with_the_same_outcome_as_the_reading_says_nothing_more(cli, sent) -> None:
    result = cli("reply", sent, "--from", reply_path("reinstated_02_couk_2023_listing.txt"),
                 "--outcome", "reinstated")
    assert result.code == 0, result.err
    assert result.err == ""
    assert result.out == f"Attempt 1: Reinstated. {Outcome.REINSTATED.next_step}\n"


@pytest.mark.parametrize("args, stdin, expected_error", [
    (["classify-reply", "missing.txt"], "", "cannot read missing.txt: there is no such file"),
    (["classify-reply", "-"], "\n \n", "the reply is empty"),
    (["classify-reply", "-", "--jsn"], "Hi", "unrecognized arguments: --jsn"),
    (["reply", "1", "--from", "-"], "  ", "the reply is empty"),
    (["reply", "1", "--from", "missing.txt"], "", "cannot read missing.txt"),
    (["reply", "1", "--from", "-", "--outcome", "won"], "Welcome back.",
     "unknown outcome 'won'"),
    (["reply", "1", "--from", "-", "--attempt", "4"], "Welcome back.",
     "has no attempt 4 (it has 1)"),
])
def test_reply_mistakes_are_one_line_exit_2_and_write_nothing(cli, sent, unchanged, tmp_path,
                                                              args, stdin, expected_error) -> None:
    with unchanged():
        result = cli(*args, stdin=stdin, cwd=tmp_path)
    assert result.code == 2
    assert expected_error in result.error_line
    assert result.out == ""


def test_a_reply_to_a_case_with_no_attempts_is_refused_before_reading_it(cli, new_case,
                                                                          unchanged) -> None:
    case_id = str(new_case())
    with unchanged():
        result = cli("reply", case_id, "--from", reply_path("final_03_de_2020_decision_final.txt"))
    assert result.code == 2
    assert "has no attempts yet" in result.error_line


def test_a_reply_that_does_not_fit_the_case_is_warned_about(cli, tmp_path) -> None:
    notice = tmp_path / "notice.txt"
    notice.write_text("Date: 3 November 2025\n\nYour Amazon.de selling account has been "
                      "deactivated because of inauthentic items.\nASIN: B0AAAA1111\n",
                      encoding="utf-8")
    made = cli("new", "--title", "Counterfeit complaint", "--notice", str(notice))
    assert made.code == 0, made.err
    case_id = made.out.strip()
    assert cli("edit", case_id, "--section", "root_cause", "--from", "-",
               stdin="We bought from an unchecked wholesaler.\n").code == 0
    assert cli("submit", case_id).code == 0
    result = cli("reply", case_id, "--from", "-",
                 stdin="Your Amazon.fr listing for ASIN B0ZZZZ9999 has been reinstated.\n")
    assert result.code == 0, result.err
    assert ("warning: this reply may belong to another case: it is about amazon.fr, but this "
            "case is on amazon.de") in result.err
    assert "it names an ASIN this case does not have: B0ZZZZ9999" in result.err
