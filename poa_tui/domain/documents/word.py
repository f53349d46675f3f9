"""A POA as a Word document (.docx), through python-docx.

Headings use Word's own heading styles, so the navigation pane and a table of contents see
them. Lists are real Word lists: every list paragraph carries a numbering reference (`numPr`)
to a numbering definition, so Word renumbers them when an item is added; each list starts its
own count (a `startOverride`), nested items sit one level deeper. Page numbers are fields in the
footer ("Page 3 of 5"), which Word fills in. No Textual here.
"""

from __future__ import annotations

import io
from collections.abc import Sequence

import docx
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Pt, RGBColor
from docx.text.paragraph import Paragraph as WordParagraph

from poa_tui.domain.documents.model import (
    Block,
    Code,
    Document,
    Heading,
    ListBlock,
    Paragraph,
    Quote,
    Rule,
    Runs,
    Table,
)

MONOSPACE = "Courier New"
LINK_COLOUR = RGBColor(0x05, 0x63, 0xC1)
INDENT = 720
"""Twentieths of a point per list level: half an inch, Word's own step."""
BULLETS = ("•", "◦", "▪")


def render_docx(document: Document) -> bytes:
    word = docx.Document()
    word.core_properties.title = document.title
    word.core_properties.language = document.language
    _Writer(word).write(document)
    out = io.BytesIO()
    word.save(out)
    return out.getvalue()


class _Writer:
    def __init__(self, word: docx.document.Document) -> None:
        self.word = word
        self.numbering = word.part.numbering_part.element
        self.abstract: dict[str, int] = {}

    def write(self, document: Document) -> None:
        self.word.add_heading(document.title, level=0)
        for label, value in document.facts:
            paragraph = self.word.add_paragraph()
            paragraph.paragraph_format.space_after = Pt(0)
            paragraph.add_run(f"{label}: ").bold = True
            paragraph.add_run(value)
        if document.greeting:
            self.word.add_paragraph(document.greeting).paragraph_format.space_before = Pt(18)
        for part in document.parts:
            self.word.add_heading(part.heading, level=1)
            self.blocks(part.blocks, depth=0, indent=0)
        if document.sign_off:
            self.word.add_paragraph(document.sign_off).paragraph_format.space_before = Pt(18)
        self.page_numbers()

    # -- blocks ---------------------------------------------------------------------------------

    def blocks(self, blocks: Sequence[Block], *, depth: int, indent: int,
               quote: bool = False) -> None:
        for block in blocks:
            self.block(block, depth=depth, indent=indent, quote=quote)

    def block(self, block: Block, *, depth: int, indent: int, quote: bool) -> WordParagraph | None:
        if isinstance(block, Paragraph):
            return self.paragraph(block.runs, indent=indent, quote=quote)
        if isinstance(block, Heading):
            heading = self.word.add_heading(level=min(block.level + 1, 9))
            self.runs(heading, block.runs)
            return heading
        if isinstance(block, ListBlock):
            self.list(block, depth=depth, indent=indent, quote=quote)
        elif isinstance(block, Quote):
            self.blocks(block.blocks, depth=depth, indent=indent, quote=True)
        elif isinstance(block, Code):
            paragraph = self.word.add_paragraph()
            self.indent(paragraph, indent)
            run = paragraph.add_run(block.text)
            run.font.name = MONOSPACE
            run.font.size = Pt(9.5)
            return paragraph
        elif isinstance(block, Rule):
            self.rule()
        elif isinstance(block, Table):
            self.table(block)
        return None

    def paragraph(self, runs: Runs, *, indent: int, quote: bool = False) -> WordParagraph:
        paragraph = self.word.add_paragraph(style="Quote" if quote else None)
        self.indent(paragraph, indent)
        self.runs(paragraph, runs)
        return paragraph

    def list(self, block: ListBlock, *, depth: int, indent: int, quote: bool) -> None:
        level = min(depth, 8)
        num_id = self.new_list(block, level)
        hanging = INDENT * (level + 1)
        for number, item in enumerate(block.items, 1):
            first, *rest = item
            if isinstance(first, Paragraph):
                paragraph = self.paragraph(first.runs, indent=0, quote=quote)
            else:  # an item that starts with a code block, a quote...: an empty numbered line
                paragraph = self.paragraph((), indent=0, quote=quote)
                rest = [first, *rest]
            paragraph.style = self.word.styles["List Paragraph"]
            self.number(paragraph, num_id, level)
            if block.tight:  # close together, with the usual gap after the last item
                paragraph.paragraph_format.space_after = Pt(2 if number < len(block.items) else 8)
            self.blocks(rest, depth=depth + 1, indent=hanging, quote=quote)

    def runs(self, paragraph: WordParagraph, runs: Runs) -> None:
        for piece in runs:
            run = paragraph.add_run(piece.text)
            run.bold = piece.bold or None
            run.italic = piece.italic or None
            run.font.strike = piece.strike or None
            if piece.code:
                run.font.name = MONOSPACE
            if piece.href:
                run.font.color.rgb = LINK_COLOUR
                run.font.underline = True
                link = OxmlElement("w:hyperlink")
                link.set(qn("r:id"), paragraph.part.relate_to(
                    piece.href, RELATIONSHIP_TYPE.HYPERLINK, is_external=True))
                link.append(run._r)
                paragraph._p.append(link)

    @staticmethod
    def indent(paragraph: WordParagraph, twips: int) -> None:
        if twips:
            paragraph.paragraph_format.left_indent = Pt(twips / 20)

    def rule(self) -> None:
        paragraph = self.word.add_paragraph()
        borders = parse_xml(f'<w:pBdr {nsdecls("w")}><w:bottom w:val="single" w:sz="6" '
                            'w:space="1" w:color="999999"/></w:pBdr>')
        paragraph._p.get_or_add_pPr().append(borders)

    def table(self, block: Table) -> None:
        columns = max((len(row) for row in block.rows), default=0)
        if not columns:
            return
        table = self.word.add_table(rows=len(block.rows), cols=columns)
        table.style = self.word.styles["Table Grid"]
        for row_index, row in enumerate(block.rows):
            for column, runs in enumerate(row):
                cell = table.cell(row_index, column).paragraphs[0]
                self.runs(cell, runs)
                if row_index == 0:
                    for run in cell.runs:
                        run.bold = True
        self.word.add_paragraph()

    # -- numbering ------------------------------------------------------------------------------

    def new_list(self, block: ListBlock, level: int) -> int:
        """A numbering instance of its own for this list, starting at its first number."""
        kind = f"ordered{block.marker}" if block.ordered else "bullet"
        abstract_id = self.abstract.get(kind)
        if abstract_id is None:
            abstract_id = self.abstract[kind] = self.add_abstract(kind, block.marker)
        num_id = max((int(n.get(qn("w:numId"))) for n in self.numbering.findall(qn("w:num"))),
                     default=0) + 1
        num = parse_xml(
            f'<w:num {nsdecls("w")} w:numId="{num_id}"><w:abstractNumId w:val="{abstract_id}"/>'
            f'<w:lvlOverride w:ilvl="{level}"><w:startOverride w:val="{block.start}"/>'
            "</w:lvlOverride></w:num>")
        self.numbering.append(num)
        return num_id

    def add_abstract(self, kind: str, marker: str) -> int:
        existing = self.numbering.findall(qn("w:abstractNum"))
        abstract_id = max((int(a.get(qn("w:abstractNumId"))) for a in existing), default=-1) + 1
        levels = []
        for level in range(9):
            if kind == "bullet":
                fmt, text = "bullet", BULLETS[level % len(BULLETS)]
            else:
                fmt, text = "decimal", f"%{level + 1}{marker}"
            levels.append(
                f'<w:lvl w:ilvl="{level}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>'
                f'<w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/>'
                f'<w:pPr><w:ind w:left="{INDENT * (level + 1)}" w:hanging="360"/></w:pPr></w:lvl>')
        element = parse_xml(f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{abstract_id}">'
                            '<w:multiLevelType w:val="hybridMultilevel"/>'
                            + "".join(levels) + "</w:abstractNum>")
        # The schema wants every abstractNum before the first num.
        first_num = self.numbering.find(qn("w:num"))
        if first_num is not None:
            first_num.addprevious(element)
        else:
            self.numbering.append(element)
        return abstract_id

    @staticmethod
    def number(paragraph: WordParagraph, num_id: int, level: int) -> None:
        numbering = paragraph._p.get_or_add_pPr().get_or_add_numPr()
        numbering.get_or_add_ilvl().val = level
        numbering.get_or_add_numId().val = num_id

    # -- page numbers ---------------------------------------------------------------------------

    def page_numbers(self) -> None:
        for section in self.word.sections:
            footer = section.footer.paragraphs[0]
            footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
            footer.add_run("Page ")
            _field(footer, "PAGE", "1")
            footer.add_run(" of ")
            _field(footer, "NUMPAGES", "1")


def _field(paragraph: WordParagraph, instruction: str, shown: str) -> None:
    """A Word field (PAGE, NUMPAGES) that Word computes when it lays the document out."""
    for xml in (f'<w:r {nsdecls("w")}><w:fldChar w:fldCharType="begin"/></w:r>',
                f'<w:r {nsdecls("w")}><w:instrText xml:space="preserve"> {instruction} '
                "</w:instrText></w:r>",
                f'<w:r {nsdecls("w")}><w:fldChar w:fldCharType="separate"/></w:r>',
                f'<w:r {nsdecls("w")}><w:t>{shown}</w:t></w:r>',
                f'<w:r {nsdecls("w")}><w:fldChar w:fldCharType="end"/></w:r>'):
        paragraph._p.append(parse_xml(xml))
