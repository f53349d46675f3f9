"""Any text a seller can type becomes a document that opens, holding every word of it."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from collections import Counter

import docx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from poa_tui.domain.documents import build_document, render
from poa_tui.domain.documents.model import xml_safe
from poa_tui.domain.models import Case, Sections
from poa_tui.domain.plaintext import markdown_to_text

# Markdown's own characters often, so lists, emphasis, links and tables are tried too.
MARKUP = st.sampled_from(list("*_[]()<>#-+.1`|>!\n \t\\") + ["\n\n", "1. ", "- ", "**", "](", "„ü€日本"])
TEXT = st.lists(st.one_of(MARKUP, st.text(max_size=8)), max_size=40).map("".join)


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text)


LIST_NUMBERS = re.compile(r"(?m)^(?:[ \t]*\d+[.)](?=[ \t]|$))+")
"""The plain text's list numbers ("1. ", or "1. 1." for an empty item in an empty item): in a
Word file they are numbering, not text."""


def _plain_words(markdown: str) -> list[str]:
    return _words(LIST_NUMBERS.sub("", xml_safe(markdown_to_text(markdown))))


@settings(max_examples=60, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow])
@given(root=TEXT, remedy=TEXT)
def test_word_and_html_never_fail_and_keep_every_word(root: str, remedy: str) -> None:
    case = Case(id=1, title="T", sections=Sections(root, remedy, ""))
    document = build_document(case)
    word = docx.Document(io.BytesIO(render(document, "docx")))
    shown = "\n".join(p.text for p in word.paragraphs)
    shown += "\n".join(cell.text for table in word.tables for row in table.rows
                       for cell in row.cells)
    expected = _plain_words(root) + _plain_words(remedy)
    # Every word of the plain text, as often as it appears there, is in the document.
    assert not Counter(expected) - Counter(_words(shown))
    page = render(document, "html").decode("utf-8")
    assert page.count("<section>") == 3


NOT_CJK = st.characters(blacklist_categories=("Cs",), max_codepoint=0x2E7F)
LATIN_TEXT = st.lists(st.one_of(MARKUP.filter(lambda s: "日" not in s), st.text(NOT_CJK, max_size=8)),
                      max_size=40).map("".join)


@settings(max_examples=25, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow])
@given(root=LATIN_TEXT)
def test_pdf_never_fails(root: str) -> None:
    data = render(build_document(Case(id=1, title="T", sections=Sections(root, "", ""))), "pdf")
    assert data.startswith(b"%PDF-")


@pytest.mark.parametrize("root", [">*", "> - item\n>\n> after", "> 1. one\n>    > deeper"])
def test_pdf_draws_a_quote_holding_a_list(root: str) -> None:
    # The quote's bar is drawn at its indent; a list inside once replaced that indent.
    data = render(build_document(Case(id=1, title="T", sections=Sections(root, "", ""))), "pdf")
    assert data.startswith(b"%PDF-")


def test_pdf_survives_deep_nesting_long_words_and_tabs(tmp_path) -> None:
    deep = "".join("  " * level + f"- level {level}\n" for level in range(40))
    long_word = "https://example.com/" + "a" * 400
    code = "```\n\tindented\twith tabs\n```\n"
    case = Case(id=1, title="T", sections=Sections(deep, long_word, code))
    data = render(build_document(case), "pdf")
    assert data.startswith(b"%PDF-")
    if shutil.which("pdftotext"):
        path = tmp_path / "deep.pdf"
        path.write_bytes(data)
        text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True,
                              check=True).stdout
        assert text.count("level") == 40 and "indented" in text
