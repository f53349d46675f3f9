"""Reply classification: the labelled corpus, precedence between classes, requests, robustness."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from poa_tui.domain.models import Request
from poa_tui.domain.replies import Classification, classify_reply
from poa_tui.domain.vocab import Outcome

ROOT = Path(__file__).resolve().parent.parent
CORPUS = Path(__file__).parent / "corpus" / "replies"
LABELS: dict[str, dict] = json.loads((CORPUS / "expected.json").read_text(encoding="utf-8"))
EXPECTED = {name: label for name, label in LABELS.items() if "language" not in label}
"""The English replies; those in other languages are tested in test_languages.py."""
PREFIX_CLASS = {
    "reinstated": "reinstated", "insufficient": "insufficient_poa",
    "documents": "documents_requested", "action": "action_required", "denied": "denied",
    "final": "final", "acknowledged": "acknowledged",
}


def flat(text: str) -> str:
    return " ".join(text.split()).lower()


def read(name: str) -> str:
    return (CORPUS / name).read_text(encoding="utf-8")


# --- the corpus itself --------------------------------------------------------------------------

def test_every_corpus_file_is_labelled_and_every_label_has_a_file():
    assert sorted(LABELS) == sorted(p.name for p in CORPUS.glob("*.txt"))


def test_corpus_has_at_least_four_replies_per_class():
    counts = Counter(label["class"] for label in EXPECTED.values())
    assert set(counts) == {outcome.value for outcome in Outcome}
    assert min(counts.values()) >= 4
    assert len(EXPECTED) >= 28


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_file_name_prefix_matches_its_label(name):
    assert PREFIX_CLASS[name.split("_")[0]] == EXPECTED[name]["class"]


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_identifiers_in_the_corpus_have_valid_shapes(name):
    text = read(name)
    for token in re.findall(r"\bB0\w*", text):
        assert re.fullmatch(r"B0[0-9A-Z]{8}", token), token
    for token in re.findall(r"\b\d{3}-\d+-\d+\b", text):
        assert re.fullmatch(r"\d{3}-\d{7}-\d{7}", token), token


# --- classification of the corpus ---------------------------------------------------------------

@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_corpus_reply_is_classified_as_labelled(name):
    result = classify_reply(read(name))
    assert result.outcome.value == EXPECTED[name]["class"], result.evidence


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_corpus_reply_requests_are_the_expected_ones(name):
    result = classify_reply(read(name))
    assert result.to_dict()["requests"] == EXPECTED[name]["requests"]


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_evidence_quotes_the_reply(name):
    text = read(name)
    result = classify_reply(text)
    assert result.evidence, "a corpus reply must be decided by something it says"
    for phrase in result.evidence:
        assert flat(phrase) in flat(text)
    assert 0.5 <= result.confidence <= 1


def test_corpus_has_replies_with_several_requests_of_each_kind():
    kinds = Counter(r["kind"] for label in EXPECTED.values() for r in label["requests"])
    assert kinds["detail"] >= 10 and kinds["document"] >= 10 and kinds["action"] >= 8
    assert sum(len(label["requests"]) >= 3 for label in EXPECTED.values()) >= 5


@pytest.mark.parametrize("name", sorted(n for n, label in EXPECTED.items() if label["requests"]))
def test_requests_read_as_clean_todo_items(name):
    texts = [r.text for r in classify_reply(read(name)).requests]
    assert len({t.lower() for t in texts}) == len(texts)
    for text in texts:
        assert text == text.strip() and "  " not in text and "\n" not in text
        assert not re.match(r"[-\u2013\u2014\u2022*\d(]|please\b", text, re.IGNORECASE), text
        assert not text.endswith((".", ";", ",", ":")), text
        assert text[0].isupper(), text


# --- the JSON shape -----------------------------------------------------------------------------

def test_to_dict_has_the_cli_json_shape():
    result = classify_reply(read("documents_02_com_2024_enough_info.txt"))
    data = json.loads(json.dumps(result.to_dict()))
    assert list(data) == ["class", "reason", "language", "evidence", "requests", "listings"]
    assert data["language"] == "en" and data["reason"] is None
    assert data["class"] == "documents_requested"
    assert data["requests"] == [
        {"text": "Invoices issued within the last 365 days for ASIN B0C7Q2LZ9X", "kind": "document"},
        {"text": "Letter of authorization from the brand owner", "kind": "document"},
    ]
    assert all(isinstance(p, str) for p in data["evidence"])


def test_classification_holds_model_requests():
    result = classify_reply(read("action_02_couk_2019_not_implemented.txt"))
    assert isinstance(result, Classification)
    assert all(isinstance(r, Request) for r in result.requests)
    assert [r.kind for r in result.requests] == ["action", "action"]


# --- precedence ---------------------------------------------------------------------------------

PRECEDENCE = [
    ("Upon careful consideration, we have decided not to reinstate your selling privileges.",
     Outcome.FINAL),
    ("We may not respond to further emails about this issue.", Outcome.FINAL),
    ("After reviewing your appeal we have decided not to reactivate your account. Your account "
     "remains deactivated.", Outcome.FINAL),
    ("Your account remains deactivated. You may submit new information through Account Health.",
     Outcome.DENIED),
    ("Your account will not be reinstated without proof of compliance with our policies.",
     Outcome.DENIED),
    ("We do not have enough information to reactivate your account at this time. Please send "
     "the following: invoices", Outcome.DOCUMENTS_REQUESTED),
    ("We do not have enough information to reactivate your account at this time. Please send "
     "the following:\n- Greater detail on the root cause\n- Invoices from your supplier",
     Outcome.INSUFFICIENT_POA),
    ("We do not have enough information to reactivate your account at this time.",
     Outcome.INSUFFICIENT_POA),
    ("Your escalation has been received.", Outcome.ACKNOWLEDGED),
    ("We are reviewing your Amazon.com seller account.", Outcome.ACKNOWLEDGED),
    ("Your account will remain deactivated while we review your appeal.", Outcome.ACKNOWLEDGED),
    ("If we need more information, we will contact you.", None),  # only a condition: unplaced
    ("Please close the listings. Once you have closed them, we will reinstate your listing on "
     "your behalf.", Outcome.ACTION_REQUIRED),
    ("If you receive more complaints your account may be permanently deactivated. We have "
     "reinstated your account.", Outcome.REINSTATED),
    ("Your account has been reinstated. The following listings remain deactivated: B0ABCDEFGH.",
     Outcome.REINSTATED),
    ("Thank you for confirming you have implemented your plan of action. However, a review of "
     "your inventory has found restricted product listings that have not been closed or "
     "deleted.", Outcome.ACTION_REQUIRED),
    ("The documents you submitted are invalid. Please close the listings and send invoices.",
     Outcome.DOCUMENTS_REQUESTED),
    ("We are unable to reinstate your account until you provide invoices for ASIN B0ABCDEFGH.",
     Outcome.DOCUMENTS_REQUESTED),
    ("Hello, your plan is not complete. Please delete the listings below.",
     Outcome.INSUFFICIENT_POA),
]


@pytest.mark.parametrize(("text", "outcome"), PRECEDENCE)
def test_precedence_between_classes(text, outcome):
    assert classify_reply(text).outcome is outcome


def test_reinstate_inside_a_refusal_is_not_a_reinstatement():
    result = classify_reply("We have decided not to reinstate your account.")
    assert result.outcome is Outcome.FINAL
    assert result.evidence == ["decided not to reinstate"]


@pytest.mark.parametrize("tld", ["com", "co.uk", "de", "in", "ca", "com.au", "ae", "co.jp"])
def test_marketplace_variants(tld):
    text = f"We have decided to reinstate your selling privileges. Welcome back to Amazon.{tld}."
    assert classify_reply(text).outcome is Outcome.REINSTATED


def test_phrases_match_across_line_breaks_case_and_curly_quotes():
    text = "WE\u2019VE REVIEWED YOUR ACCOUNT AND HAVE DECIDED THAT YOU MAY NO\n   LONGER SELL on Amazon."
    result = classify_reply(text)
    assert result.outcome is Outcome.FINAL
    assert result.evidence == ["DECIDED THAT YOU MAY NO LONGER SELL"]


@pytest.mark.parametrize("name", ["insufficient_01_com_2024_odr.txt", "final_04_in_2023_linebreak.txt",
                                  "action_01_com_2022_restricted.txt"])
def test_case_of_the_text_does_not_change_the_class(name):
    text = read(name)
    expected = EXPECTED[name]["class"]
    assert classify_reply(text.upper()).outcome.value == expected
    assert classify_reply(text.lower()).outcome.value == expected


# --- requests -----------------------------------------------------------------------------------

def test_inline_dash_list_gives_one_request_per_item():
    text = ("To reactivate your account, please send the following: \u2013 Greater detail on the "
            "root causes of the issue \u2013 Greater detail on the actions you have taken")
    result = classify_reply(text)
    assert [(r.kind, r.text) for r in result.requests] == [
        ("detail", "Greater detail on the root causes of the issue"),
        ("detail", "Greater detail on the actions you have taken"),
    ]


def test_inline_list_mixing_detail_and_documents_keeps_them_apart():
    text = ("We do not have enough information. Please send the following: \u2013 Invoices from "
            "your supplier \u2013 Greater detail on the actions you have taken \u2013 a utility "
            "bill, dated this year")
    result = classify_reply(text)
    assert result.outcome is Outcome.INSUFFICIENT_POA
    assert sorted((r.kind, r.text) for r in result.requests) == [
        ("detail", "Greater detail on the actions you have taken"),
        ("document", "Invoices from your supplier"),
        ("document", "Utility bill, dated this year"),
    ]


def test_documents_listed_in_a_sentence_are_split_between_documents_only():
    text = ("Please provide valid, unaltered invoices and a bank statement showing your name and "
            "address, or a letter of authorization.")
    assert [r.text for r in classify_reply(text).requests] == [
        "Unaltered invoices", "Bank statement showing your name and address",
        "Letter of authorization"]


def test_listed_asins_are_attached_to_the_action_that_names_them():
    text = "Please delete the following listings:\n\n- B0ABCDEFGH\n- b0zyxwvuts Blue mug\n"
    assert [r.text for r in classify_reply(text).requests] == [
        "Delete the following listings: B0ABCDEFGH, B0ZYXWVUTS"]


def test_repeated_requests_are_listed_once():
    text = ("Please send the following:\n- Invoices from your supplier\n- invoices from your "
            "supplier.\n\nPlease send the following:\n* Invoices from your supplier\n")
    assert [r.text for r in classify_reply(text).requests] == ["Invoices from your supplier"]


NOT_REQUESTS = [
    ("Hello,\n\nThank you for your appeal. We are reviewing the information you sent.\n\n"
     "On Tue, 3 Jul 2023 at 10:02, Seller <me@example.com> wrote:\n"
     "We have decided to reinstate our checks. Please delete the old listings.\n",
     Outcome.ACKNOWLEDGED),
    ("We have received your appeal with the following documents:\n- Invoice from Acme Ltd"
     "\n- Letter of authorization\n\nWe will respond within 2 business days.",
     Outcome.ACKNOWLEDGED),
    ("Your appeal has been rejected. If you believe this is wrong, you can provide "
     "additional information such as invoices.", Outcome.DENIED),
]


@pytest.mark.parametrize(("text", "outcome"), NOT_REQUESTS,
                         ids=["quoted-history", "documents-received", "permission-to-send"])
def test_text_that_only_mentions_documents_or_actions_asks_for_nothing(text, outcome):
    result = classify_reply(text)
    assert result.outcome is outcome
    assert result.requests == []


# --- robustness ---------------------------------------------------------------------------------

def test_empty_text_has_no_class_and_says_why():
    result = classify_reply("")
    assert result.outcome is None and result.reason
    assert result.evidence == [] and result.requests == []
    assert result.to_dict()["class"] is None


def test_unrelated_text_is_not_given_a_default_class():
    vague = classify_reply("Hello, this is about your account. Regards, Amazon")
    assert vague.outcome is None and vague.evidence == []
    assert "none of the phrases" in vague.reason


def test_conflicting_signals_lower_the_confidence():
    clean = classify_reply("Unfortunately, we are unable to reactivate your account.")
    mixed = classify_reply("Unfortunately, we are unable to reactivate your account. We have "
                           "decided not to reinstate your selling privileges.")
    assert mixed.outcome is Outcome.FINAL
    assert mixed.confidence < classify_reply("We have decided not to reinstate your selling "
                                             "privileges.").confidence
    assert clean.outcome is Outcome.DENIED


def test_escape_sequences_and_control_characters_do_not_change_the_result():
    text = read("final_01_com_2016_old.txt")
    noisy = ("\x1b[1m" + text.replace("decided not", "decided \x1b[31mnot\x1b[0m")
             .replace("further", "fur\x00ther").replace("\n", "\r\n") + "\x07\x1b]0;title\x07")
    assert classify_reply(noisy).to_dict() == classify_reply(text).to_dict()


@pytest.mark.parametrize("text", ["\x00" * 50, "\x1b[" * 200, "\x1b]" + "x" * 500, "\ud800 \udfff",
                                  "\r\r\r", "-\n-\n- \n1.\n(a)", ":" * 300, "\u2028\u2029\ufeff"])
def test_hostile_text_never_crashes(text):
    result = classify_reply(text)
    assert result.outcome is None or result.outcome in Outcome
    json.dumps(result.to_dict())


def realistic_megabyte() -> str:
    replies = [read(n) for n in sorted(EXPECTED) if "quoted" not in n]
    text = "\n\n".join(replies)
    return (text * (1_000_000 // len(text) + 1))[:1_000_000]


@pytest.mark.parametrize("text", [
    realistic_megabyte(),
    "greater detail on " * 60_000,
    "Please send the following:\n" + "- Greater detail on item\n" * 45_000,
    "please delete " * 80_000,
    "\n" * 1_000_000,
    "if " * 350_000,
], ids=["corpus", "detail-phrase", "bullets", "action-phrase", "newlines", "conditions"])
def test_a_megabyte_of_any_shape_is_classified(text):
    # How long it takes is measured by scripts/bench.py (P15@replies), not here.
    assert len(text) >= 1_000_000
    result = classify_reply(text)
    assert result.reason or result.outcome is not None


def test_a_reply_followed_by_a_megabyte_of_junk_is_still_read():
    text = read("reinstated_01_com_2017_account.txt") + "\n" + "lorem ipsum " * 90_000
    assert classify_reply(text).outcome is Outcome.REINSTATED


# --- the accuracy script ------------------------------------------------------------------------

def run_accuracy(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, str(ROOT / "scripts" / "replies_accuracy.py"), *args],
                          capture_output=True, text=True, timeout=60, check=False)


def test_accuracy_script_passes_on_the_tuning_part():
    done = run_accuracy("--corpus", str(ROOT / "tests" / "corpus" / "replies"))
    assert done.returncode == 0, done.stdout + done.stderr
    for outcome in Outcome:
        assert re.search(rf"^{outcome.value}\s+\d+\s+\d+\s+100%", done.stdout, re.MULTILINE)
    assert "MISCLASSIFIED" not in done.stdout


def test_accuracy_script_fails_on_a_misclassified_file(tmp_path):
    (tmp_path / "a.txt").write_text("We are reviewing your account.", encoding="utf-8")
    (tmp_path / "b.txt").write_text("Welcome back to selling on Amazon.de.", encoding="utf-8")
    (tmp_path / "expected.json").write_text(json.dumps({
        "a.txt": {"class": "acknowledged", "requests": []},
        "b.txt": {"class": "final", "requests": []},
    }), encoding="utf-8")
    done = run_accuracy("--corpus", str(tmp_path))
    assert done.returncode == 1
    assert "MISCLASSIFIED b.txt: expected final, got reinstated" in done.stdout
    assert re.search(r"^final\s+1\s+0\s+0%", done.stdout, re.MULTILINE)
