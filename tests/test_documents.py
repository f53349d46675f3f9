"""Word, PDF and HTML exports, each read back: the structure and the exact text survive."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from datetime import date, datetime, timezone
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn

from poa_tui.domain.assembly import assemble
from poa_tui.domain.documents import FontNotFoundError, Letter, build_document, render
from poa_tui.domain.documents.fonts import find_fonts
from poa_tui.domain.models import Case, Notice, Sections
from poa_tui.domain.vocab import Channel

TODAY = date(2026, 3, 14)

ROOT = """\
Our supplier, **Müller GmbH**, sent “genuine” stock that cost 12 € a unit.

販売した商品は正規品ではありませんでした。仕入先の確認を怠りました。

1. **No check.** We never asked for the brand's letter.
2. Mixed stock:
   - one SKU for two suppliers
   - no batch labels
3. See [Amazon's policy](https://sellercentral.amazon.com/help/policy).
"""
REMEDY = """\
- Closed the listings on 3 March.
- Refunded 3 buyers.
  1. order 202-1
  2. order 202-2
"""
CHANGES = """\
### Suppliers

5. Every supplier is checked.
6. Every invoice is filed.
"""


@pytest.fixture
def case() -> Case:
    case = Case(id=7, title="Inauthentic: Korvan knives", seller="Zoë Kitchen Ltd",
                marketplace="amazon.de",
                notice=Notice(asins=["B0C7K2MQ4R", "B09XWT3N6L"], order_ids=["202-4817365-0093721"],
                              case_ids=["1234567890"], complaint_ids=["CX-77"]),
                sections=Sections(ROOT, REMEDY, CHANGES))
    case.record_submission(Channel.ACCOUNT_HEALTH,
                           when=datetime(2026, 3, 2, 9, 30, tzinfo=timezone.utc))
    case.sections = Sections(ROOT + "\nRevised after the first answer.\n", REMEDY, CHANGES)
    return case


def _docx(case: Case, **options) -> docx.document.Document:
    data = render(build_document(case, today=TODAY, **options), "docx")
    return docx.Document(io.BytesIO(data))


def _body(word: docx.document.Document) -> list[tuple[str, str]]:
    return [(p.style.name, p.text) for p in word.paragraphs]


def test_word_has_a_header_block_and_the_three_sections_as_headings(case) -> None:
    body = _body(_docx(case))
    assert body[0] == ("Title", "Plan of Action: Inauthentic: Korvan knives")
    assert [text for _, text in body[1:9]] == [
        "Seller: Zoë Kitchen Ltd", "Marketplace: amazon.de", "Amazon case ID: 1234567890",
        "Notice ID: CX-77", "ASINs: B0C7K2MQ4R, B09XWT3N6L", "Order: 202-4817365-0093721",
        "Date: 2026-03-14", "Attempt: 2 (draft, not sent yet)"]
    headings = [(style, text) for style, text in body if style.startswith("Heading")]
    assert headings == [("Heading 1", "Root Cause"), ("Heading 1", "Immediate Remedy"),
                        ("Heading 1", "Systematic Changes"), ("Heading 2", "Suppliers")]
    texts = [text for _, text in body]
    assert "Our supplier, Müller GmbH, sent “genuine” stock that cost 12 € a unit." in texts
    assert "販売した商品は正規品ではありませんでした。仕入先の確認を怠りました。" in texts


def _numbering(word: docx.document.Document) -> tuple[dict[str, str], dict[str, list[str]]]:
    """numId -> abstractNumId, and abstractNumId -> the numFmt of each level."""
    root = word.part.numbering_part.element
    nums = {n.get(qn("w:numId")): n.find(qn("w:abstractNumId")).get(qn("w:val"))
            for n in root.findall(qn("w:num"))}
    formats = {a.get(qn("w:abstractNumId")):
               [lvl.find(qn("w:numFmt")).get(qn("w:val")) for lvl in a.findall(qn("w:lvl"))]
               for a in root.findall(qn("w:abstractNum"))}
    return nums, formats


def _list_items(word: docx.document.Document) -> list[tuple[str, int, str, str]]:
    """(text, level, numFmt, numId) of every numbered or bulleted paragraph, in order."""
    nums, formats = _numbering(word)
    items = []
    for paragraph in word.paragraphs:
        numbering = paragraph._p.find(f"{qn('w:pPr')}/{qn('w:numPr')}")
        if numbering is None:
            continue
        num_id = numbering.find(qn("w:numId")).get(qn("w:val"))
        level = int(numbering.find(qn("w:ilvl")).get(qn("w:val")))
        items.append((paragraph.text, level, formats[nums[num_id]][level], num_id))
    return items


def _start(word: docx.document.Document, num_id: str) -> int:
    root = word.part.numbering_part.element
    for num in root.findall(qn("w:num")):
        if num.get(qn("w:numId")) == num_id:
            return int(num.find(f"{qn('w:lvlOverride')}/{qn('w:startOverride')}").get(qn("w:val")))
    raise AssertionError(num_id)


def test_word_lists_are_real_numbering_with_nesting_and_no_typed_digits(case) -> None:
    word = _docx(case)
    items = _list_items(word)
    assert [(text, level, fmt) for text, level, fmt, _ in items] == [
        ("No check. We never asked for the brand's letter.", 0, "decimal"),
        ("Mixed stock:", 0, "decimal"),
        ("one SKU for two suppliers", 1, "bullet"),
        ("no batch labels", 1, "bullet"),
        ("See Amazon's policy (https://sellercentral.amazon.com/help/policy).", 0, "decimal"),
        ("Closed the listings on 3 March.", 0, "bullet"),
        ("Refunded 3 buyers.", 0, "bullet"),
        ("order 202-1", 1, "decimal"),
        ("order 202-2", 1, "decimal"),
        ("Every supplier is checked.", 0, "decimal"),
        ("Every invoice is filed.", 0, "decimal"),
    ]
    # Each list counts on its own, from its own first number.
    ids = [num_id for *_, num_id in items]
    assert len({ids[0], ids[2], ids[5], ids[7], ids[9]}) == 5
    assert ids[0] == ids[1] == ids[4] and ids[9] == ids[10]
    assert _start(word, ids[0]) == 1 and _start(word, ids[9]) == 5
    assert all(p.style.name == "List Paragraph" for p in word.paragraphs
               if p._p.find(f"{qn('w:pPr')}/{qn('w:numPr')}") is not None)


def test_word_keeps_bold_and_links_and_numbers_its_pages(case) -> None:
    word = _docx(case)
    first = next(p for p in word.paragraphs if p.text.startswith("No check."))
    assert [(r.text, bool(r.bold)) for r in first.runs] == [
        ("No check.", True), (" We never asked for the brand's letter.", False)]
    link = next(p for p in word.paragraphs if p.text.startswith("See "))
    anchors = link._p.findall(qn("w:hyperlink"))
    assert len(anchors) == 1
    target = link.part.rels[anchors[0].get(qn("r:id"))].target_ref
    assert target == "https://sellercentral.amazon.com/help/policy"
    footer = word.sections[0].footer.paragraphs[0]._p.xml
    assert " PAGE " in footer and " NUMPAGES " in footer


def test_an_attempt_exports_exactly_what_it_sent(case) -> None:
    sent = _body(_docx(case, attempt=1))
    assert ("Normal", "Revised after the first answer.") not in sent
    assert "Attempt: 1, sent via Account Health" in [t for _, t in sent]
    assert "Date: 2026-03-02" in [t for _, t in sent]
    assert ("Normal", "Revised after the first answer.") in _body(_docx(case))
    with pytest.raises(KeyError):
        build_document(case, attempt=3)


def test_the_letter_frame_is_off_unless_asked_for(case) -> None:
    plain = [t for _, t in _body(_docx(case))]
    assert not any(t.startswith("Dear") for t in plain)
    framed = [t for _, t in _body(_docx(case, letter=Letter("Dear team,", "Regards,")))]
    assert framed[9] == "Dear team,"
    assert framed[-1] == "Regards,\nZoë Kitchen Ltd"


# -- PDF --------------------------------------------------------------------------------------

needs_poppler = pytest.mark.skipif(shutil.which("pdftotext") is None,
                                   reason="pdftotext (poppler-utils) is not installed")


def _pdf_text(data: bytes, tmp_path: Path) -> str:
    path = tmp_path / "plan.pdf"
    path.write_bytes(data)
    return subprocess.run(["pdftotext", "-layout", "-enc", "UTF-8", str(path), "-"],
                          capture_output=True, text=True, check=True).stdout


def _words(text: str) -> list[str]:
    return text.split()


@needs_poppler
def test_pdf_text_is_the_plain_text_export_with_its_header(case, tmp_path) -> None:
    document = build_document(case, today=TODAY)
    text = _pdf_text(render(document, "pdf"), tmp_path)
    pages = re.findall(r"^\s*Page (\d+) of (\d+)\s*$", text, flags=re.M)
    assert pages and pages[0] == ("1", str(len(pages)))
    body = re.sub(r"^\s*Page \d+ of \d+\s*$", "", text, flags=re.M)
    # The page shows bullets where the plain text has "-"; nothing else differs but spacing.
    body = re.sub(r"(?m)^(\s*)•(\s)", r"\1-\2", body)
    expected = "\n".join(document.header_lines()) + "\n" + assemble(case.sections, "text")
    assert _words(body) == _words(expected)
    for sample in ("Müller", "“genuine”", "12 €", "販売した商品は正規品ではありませんでした。"):
        assert sample in body


def test_pdf_without_a_font_says_what_to_install(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("POA_TUI_FONT_PATH", str(tmp_path))
    with pytest.raises(FontNotFoundError, match="fonts-dejavu-core"):
        find_fonts()


@needs_poppler
def test_pdf_with_japanese_but_no_cjk_font_is_refused_and_without_it_is_fine(case,
                                                                             tmp_path) -> None:
    from poa_tui.domain.documents.pdf import render_pdf

    fonts = find_fonts()
    latin = type(fonts)(fonts.body, fonts.mono, {})
    with pytest.raises(FontNotFoundError, match="fonts-noto-cjk"):
        render_pdf(build_document(case), latin)
    case.sections.root_cause = "Zoë’s supplier was not authorised."
    assert "Zoë’s supplier" in _pdf_text(render_pdf(build_document(case), latin), tmp_path)


# -- HTML -------------------------------------------------------------------------------------

def test_html_is_self_contained_and_escapes_the_text(case) -> None:
    case.sections.systematic_changes = CHANGES + (
        "\nSee <script>alert(1)</script> & [click](javascript:alert(1)) "
        "[ok](https://example.com/?a=1&b=2)\n")
    page = render(build_document(case, today=TODAY), "html").decode("utf-8")
    assert "<script>" not in page and "See &lt;script&gt;alert(1)&lt;/script&gt; &amp;" in page
    assert 'href="javascript' not in page
    assert '<a href="https://example.com/?a=1&amp;b=2">ok</a>' in page
    assert not re.search(r"""(src|rel=.stylesheet|@import|url\()""", page)
    assert "<h2>Root Cause</h2>" in page and "<ol start=\"5\">" in page
    assert "<strong>Müller GmbH</strong>" in page
