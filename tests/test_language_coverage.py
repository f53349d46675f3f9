"""The language of notices and plan sections: kept on the case, shown, and never silent."""

from __future__ import annotations

import re

import pytest

from poa_tui.domain.checks import run_checks, summary_text
from poa_tui.domain.models import Case, Notice, RecordError
from poa_tui.domain.notice import parse_notice
from poa_tui.domain.vocab import Section

GERMAN = ("Wir haben die Ursache gefunden: Unser Lager hat gebrauchte Artikel nicht von neuen "
          "getrennt. Seit dem 3. März prüft jede Sendung ein zweiter Mitarbeiter.")


def test_a_german_notice_is_read_and_keeps_its_language() -> None:
    found = parse_notice("Hallo,\n\nIhr Verkäuferkonto wurde deaktiviert, weil wir Beschwerden "
                         "über gefälschte Artikel erhalten haben.\n\nASIN: B0CX4R7TQL\n")
    assert found.language == "de"
    assert found.violation_type is not None and found.violation_type.value == "inauthentic"
    assert found.marketplace == "amazon.de" and found.scope is not None
    assert found.to_notice("x").language == "de"


def test_a_notice_in_a_language_not_read_says_so() -> None:
    found = parse_notice("您好，您的卖家账户已被停用，因为我们收到了关于假冒商品的投诉。请在十七天内提交行动计划。")
    assert found.language == "zh"
    assert any(item.field == "language" and "Chinese" in item.text for item in found.unread)


def test_the_notice_language_survives_a_save_and_older_files_still_load() -> None:
    assert Notice.from_dict(Notice(text="x", language="fr").to_dict()).language == "fr"
    assert Notice.from_dict({"text": "x"}).language is None
    # A language that is not text is refused like any other field of the wrong type.
    with pytest.raises(RecordError, match="notice.language"):
        Notice.from_dict({"text": "x", "language": 7})


def test_a_section_in_german_names_the_checks_that_did_not_run() -> None:
    case = Case(title="t")
    case.sections[Section.ROOT_CAUSE] = GERMAN
    findings = run_checks(case)
    (note,) = [f for f in findings if f.id == "language_not_checked"]
    assert note.section is Section.ROOT_CAUSE and "German" in note.message
    assert "did not run" in note.message and "vague promises" in note.message
    assert summary_text(findings) != "no problems found"


def test_an_english_section_gets_no_language_note() -> None:
    case = Case(title="t")
    case.sections[Section.ROOT_CAUSE] = ("We found the root cause: our warehouse did not keep "
                                         "used items apart from new ones.")
    assert not [f for f in run_checks(case) if f.id == "language_not_checked"]


def test_parse_notice_says_when_it_does_not_read_the_language() -> None:
    import subprocess
    import sys
    from pathlib import Path
    text = "您好，您的卖家账户已被停用，因为我们收到了关于假冒商品的投诉。请在十七天内提交行动计划。\n"
    out = subprocess.run([sys.executable, "-m", "poa_tui", "parse-notice", "-"], input=text,
                         capture_output=True, text=True, cwd=Path(__file__).parent.parent)
    assert out.returncode == 0, out.stderr
    assert re.search(r"^Language +Chinese$", out.stdout, re.M), out.stdout
    assert "written in Chinese" in out.stderr and "check every field by hand" in out.stderr


def test_the_notice_review_names_the_language_or_says_it_is_not_read() -> None:
    from poa_tui.tui.dialogs.notice_review import NoticeReviewScreen
    german = NoticeReviewScreen("Hallo,\n\nIhr Verkäuferkonto wurde deaktiviert, weil wir "
                                "Beschwerden über gefälschte Artikel erhalten haben.\n")
    assert "in German" in german._headline().plain
    chinese = NoticeReviewScreen("您好，您的卖家账户已被停用，因为我们收到了关于假冒商品的投诉。")
    assert "in Chinese, which poa-tui does not read" in chinese._headline().plain
