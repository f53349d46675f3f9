"""Replies and notices in the marketplace languages: language first, never a default class."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from poa_tui.domain.language import detect_language, language_name
from poa_tui.domain.replies import classify_reply

ROOT = Path(__file__).resolve().parent.parent
PARTS = {"tuning": ROOT / "tests" / "corpus" / "replies",
         "test": ROOT / "tests" / "corpus" / "held_out" / "replies"}
LABELLED = [(part, name, label) for part, folder in PARTS.items()
            for name, label in json.loads((folder / "expected.json").read_text("utf-8")).items()
            if "language" in label]


def test_every_marketplace_language_has_seven_test_replies_one_per_class():
    test = [label for part, _, label in LABELLED if part == "test"]
    for code in ("de", "fr", "es", "it", "ja", "pt", "nl", "pl", "sv", "tr", "ar"):
        classes = {label["class"] for label in test if label["language"] == code}
        assert len(classes - {None}) == 7, code


@pytest.mark.parametrize(("part", "name", "label"), LABELLED, ids=[n for _, n, _ in LABELLED])
def test_reply_language_and_class(part, name, label):
    text = (PARTS[part] / name).read_text(encoding="utf-8")
    result = classify_reply(text)
    assert result.language == label["language"]
    assert (result.outcome.value if result.outcome else None) == label["class"], result.evidence
    if label["class"] is None:
        assert result.reason and result.to_dict()["class"] is None


def test_a_reply_in_a_language_not_read_says_which_language():
    result = classify_reply("您好，感谢您的来信。我们的团队会尽快处理您的请求。谢谢。")
    assert result.outcome is None
    assert "Chinese" in result.reason


def test_a_german_refusal_is_not_read_as_a_reinstatement():
    result = classify_reply("Hallo,\n\nwir können Ihr Konto derzeit nicht wieder aktivieren. "
                            "Ihr Konto bleibt deaktiviert.\n\nAmazon.de")
    assert result.outcome is not None and result.outcome.value == "denied"


def test_short_or_empty_text_has_no_language():
    assert detect_language("") is None
    assert detect_language("B0C4RT6YHW 123-1234567-1234567") is None
    assert language_name(None) == "unknown"


def test_the_detector_stays_off_the_start_up_path():
    code = ("import sys, poa_tui.tui.app, poa_tui.cli, poa_tui.domain.notice, poa_tui.domain.replies; "
            "print('py3langid' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT,
                         check=True)
    assert out.stdout.strip() == "False"


def test_classify_reply_json_gives_null_and_a_reason(tmp_path):
    reply = tmp_path / "reply.txt"
    reply.write_text("Hello, this is about your account. Regards, Amazon", encoding="utf-8")
    out = subprocess.run([sys.executable, "-m", "poa_tui", "classify-reply", str(reply),
                          "--json"], capture_output=True, text=True, cwd=ROOT, check=True)
    data = json.loads(out.stdout)
    assert data["class"] is None and data["reason"] and data["language"] == "en"


def test_the_reply_form_says_it_could_not_tell_and_names_the_language():
    from poa_tui.tui.dialogs.reply_form import reading_text
    unplaced = reading_text(classify_reply("Hallo, Amazon Business bietet Ihnen jetzt neue "
                                           "Rabattstufen für Geschäftskunden an."))
    assert "Could not tell" in unplaced.plain and "German" in unplaced.plain
    placed = reading_text(classify_reply("Hallo,\n\nIhr Konto bleibt deaktiviert."))
    assert "German" in placed.plain


def test_the_accuracy_script_prints_a_row_per_language():
    out = subprocess.run([sys.executable, "scripts/replies_accuracy.py", "--corpus",
                          str(PARTS["test"])], capture_output=True, text=True, cwd=ROOT)
    for code in ("de", "fr", "es", "it", "ja", "pt", "nl", "pl", "sv", "tr", "ar", "en"):
        assert f"language {code}" in out.stdout


def test_a_request_in_another_language_is_kept_as_its_sentence():
    result = classify_reply("Guten Tag,\n\nbitte senden Sie uns gültige Rechnungen Ihres "
                            "Lieferanten, die die Echtheit der Artikel belegen.\n\nAmazon.de")
    assert result.outcome is not None and result.outcome.value == "documents_requested"
    (request,) = result.requests
    assert request.kind == "document" and "Rechnungen" in request.text
    assert not request.text.startswith("Guten Tag")
