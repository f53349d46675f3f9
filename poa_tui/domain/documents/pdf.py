"""A POA as a PDF, through fpdf2, with a Unicode font embedded (see `fonts`).

An A4 page with the header block, the three sections under headings, lists with hanging
numbers or bullets at every level, bold, italics and clickable links, and "Page 2 of 3" at
the foot of every page. Characters the body font lacks (Japanese, Chinese, Korean) come from
a CJK fallback font, loaded only when the text needs it. No Textual here.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence

from fpdf import FPDF
from fpdf.enums import XPos, YPos

from poa_tui.domain.documents.fonts import CJK_HINT, FontNotFoundError, Fonts, find_fonts, is_cjk
from poa_tui.domain.documents.model import (
    Block,
    Code,
    Document,
    Heading,
    ListBlock,
    Paragraph,
    Quote,
    Rule,
    Run,
    Runs,
    Table,
    runs_text,
)

BODY_SIZE = 10.5
LEADING = 1.45
"""Line height as a multiple of the font size."""
PT = 0.3528
"""Millimetres per point."""
LIST_STEP = 7.0
"""Millimetres each list level is indented by."""
QUOTE_STEP = 6.0
GREY = (90, 90, 90)
LINK = (5, 99, 193)
HEADING_SIZES = {0: 17.0, 1: 13.5, 2: 12.0, 3: 11.0}


def render_pdf(document: Document, fonts: Fonts | None = None) -> bytes:
    """The PDF's bytes. Raises FontNotFoundError when no font can show the text."""
    fonts = fonts or find_fonts()
    writer = _Writer(fonts, _characters(document))
    writer.write(document)
    return bytes(writer.pdf.output())


class _PDF(FPDF):
    def footer(self) -> None:
        self.set_y(-14)
        self.set_font("body", "", 8.5)  # loaded before the first page
        self.set_text_color(*GREY)
        self.cell(0, 5, f"Page {self.page_no()} of {{nb}}", align="C")


class _Writer:
    def __init__(self, fonts: Fonts, characters: set[str]) -> None:
        pdf = _PDF(format="A4", unit="mm")
        pdf.set_margins(22, 20, 22)
        pdf.set_auto_page_break(True, margin=20)
        self.pdf = pdf
        self.left = pdf.l_margin
        self.fonts = fonts
        self.loaded: set[tuple[str, str]] = set()
        self.use("body", "")
        missing = {c for c in characters if ord(c) not in pdf.fonts["body"].cmap}
        if any(is_cjk(c) for c in missing):
            if not fonts.cjk:
                sample = "".join(sorted(c for c in missing if is_cjk(c))[:5])
                raise FontNotFoundError(
                    f"the plan holds Japanese, Chinese or Korean text ({sample}...) and no font "
                    f"for it was found: {CJK_HINT}")
            # Each face of a CJK collection takes about a second to read: two at most.
            for style, path in fonts.cjk.items():
                pdf.add_font("cjk", style, str(path))
            pdf.set_fallback_fonts(["cjk"], exact_match=False)

    def use(self, family: str, style: str) -> None:
        """Load a face the first time the text needs it (reading one takes ~0.1 s)."""
        face = style.replace("U", "").replace("S", "")
        if (family, face) in self.loaded:
            return
        path = self.fonts.mono if family == "mono" else self.fonts.body[face]
        self.pdf.add_font(family, face, str(path))
        self.loaded.add((family, face))

    def font(self, family: str, style: str, size: float) -> None:
        self.use(family, style)
        self.pdf.set_font(family, style, size)

    def write(self, document: Document) -> None:
        pdf = self.pdf
        pdf.set_title(document.title)
        pdf.set_lang(document.language)
        pdf.set_creator("poa-tui")
        pdf.add_page()
        self.heading(document.title, 0)
        for label, value in document.facts:
            self.runs((Run(f"{label}: ", bold=True), Run(value)), size=9.5)
            pdf.ln(self.line(9.5))
        pdf.ln(3)
        self.rule()
        if document.greeting:
            self.paragraph((Run(document.greeting),))
        for part in document.parts:
            self.heading(part.heading, 1)
            self.blocks(part.blocks)
        if document.sign_off:
            pdf.ln(2)
            self.paragraph((Run(document.sign_off),))

    # -- blocks ---------------------------------------------------------------------------------

    def blocks(self, blocks: Sequence[Block], *, tight: bool = False) -> None:
        for block in blocks:
            self.block(block, tight=tight)

    def block(self, block: Block, *, tight: bool = False) -> None:
        if isinstance(block, Paragraph):
            self.paragraph(block.runs, gap=0.8 if tight else 2.2)
        elif isinstance(block, Heading):
            self.heading(runs_text(block.runs), min(block.level + 1, 3), block.runs)
        elif isinstance(block, ListBlock):
            self.list(block)
        elif isinstance(block, Quote):
            self.quote(block)
        elif isinstance(block, Code):
            self.code(block.text)
        elif isinstance(block, Rule):
            self.rule()
        elif isinstance(block, Table):
            self.table(block)

    def paragraph(self, runs: Runs, *, gap: float = 2.2, size: float = BODY_SIZE,
                  colour: tuple[int, int, int] | None = None, italic: bool = False) -> None:
        self.runs(runs, size=size, colour=colour, italic=italic)
        self.pdf.ln(self.line(size))
        self.pdf.ln(gap)

    def heading(self, text: str, level: int, runs: Runs | None = None) -> None:
        size = HEADING_SIZES[level]
        pdf = self.pdf
        if level and pdf.get_y() > pdf.h - pdf.b_margin - 25:
            pdf.add_page()  # keep a heading with the text under it
        pdf.ln(4 if level == 1 else 2 if level else 0)
        bold = tuple(Run(r.text, True, r.italic, r.code, r.strike, r.href)
                     for r in (runs or (Run(text),)))
        self.runs(bold, size=size)
        pdf.ln(self.line(size))
        pdf.ln(2.5 if level <= 1 else 1.2)

    def list(self, block: ListBlock) -> None:
        pdf = self.pdf
        outer = pdf.l_margin
        labels = [block.label(i) if block.ordered else "•" for i in range(len(block.items))]
        self.font("body", "", BODY_SIZE)
        gutter = max(LIST_STEP, max(pdf.get_string_width(label) for label in labels) + 2.5)
        inner = self.indented(outer, gutter)
        for label, item in zip(labels, block.items):
            pdf.set_left_margin(inner)
            pdf.set_x(inner - gutter)
            self.font("body", "", BODY_SIZE)
            pdf.cell(gutter - 2, self.line(BODY_SIZE), label, align="R",
                     new_x=XPos.RIGHT, new_y=YPos.TOP)
            pdf.set_x(inner)
            self.blocks(item, tight=block.tight)
            pdf.set_left_margin(outer)
        pdf.set_left_margin(outer)
        pdf.set_x(outer)
        if block.tight:
            pdf.ln(1.4)

    def quote(self, block: Quote) -> None:
        pdf = self.pdf
        outer = pdf.l_margin
        page, top = pdf.page, pdf.get_y()
        inner = self.indented(outer, QUOTE_STEP)
        pdf.set_left_margin(inner)
        pdf.set_x(inner)
        for child in block.blocks:
            if isinstance(child, Paragraph):
                self.paragraph(child.runs, colour=GREY, italic=True)
            else:
                self.block(child)
        pdf.set_left_margin(outer)
        pdf.set_x(outer)
        if pdf.page == page:
            pdf.set_draw_color(180, 180, 180)
            pdf.set_line_width(0.6)
            pdf.line(inner - QUOTE_STEP + 1.5, top, inner - QUOTE_STEP + 1.5, pdf.get_y() - 2.2)

    def indented(self, outer: float, step: float) -> float:
        """Where text one level in starts: `step` right of `outer`, but never past the middle
        of the page, so a list or quote nested forty deep still leaves room for its words."""
        pdf = self.pdf
        return min(outer + step, self.left + (pdf.w - self.left - pdf.r_margin) / 2)

    def code(self, text: str) -> None:
        pdf = self.pdf
        self.font("mono", "", 9)
        pdf.set_text_color(0, 0, 0)
        pdf.write(self.line(9), text.expandtabs(4))  # the fonts have no glyph for a tab
        pdf.ln(self.line(9))
        pdf.ln(2.2)

    def rule(self) -> None:
        pdf = self.pdf
        pdf.set_draw_color(170, 170, 170)
        pdf.set_line_width(0.3)
        y = pdf.get_y() + 1
        pdf.line(pdf.l_margin, y, pdf.w - pdf.r_margin, y)
        pdf.ln(4)

    def table(self, block: Table) -> None:
        pdf = self.pdf
        self.font("body", "B", 9.5)  # the header row
        self.font("body", "", 9.5)
        pdf.set_text_color(0, 0, 0)
        pdf.set_draw_color(170, 170, 170)
        pdf.set_line_width(0.2)
        with pdf.table(line_height=self.line(9.5), first_row_as_headings=True) as table:
            for row in block.rows:
                cells = table.row()
                for runs in row:
                    cells.cell(runs_text(runs))
        pdf.ln(2.2)

    # -- text -----------------------------------------------------------------------------------

    def runs(self, runs: Runs, *, size: float = BODY_SIZE,
             colour: tuple[int, int, int] | None = None, italic: bool = False) -> None:
        pdf = self.pdf
        height = self.line(size)
        for run in runs:
            style = ("B" if run.bold else "") + ("I" if run.italic or italic else "")
            if run.strike:
                style += "S"
            if run.href:
                style += "U"
            family = "mono" if run.code else "body"
            if family == "mono":
                style = style.replace("B", "").replace("I", "")
            self.font(family, style, size - (0.8 if run.code else 0))
            pdf.set_text_color(*(LINK if run.href else colour or (0, 0, 0)))
            pdf.write(height, run.text.replace("\t", "    "), link=run.href or "")
        pdf.set_text_color(0, 0, 0)

    @staticmethod
    def line(size: float) -> float:
        return size * PT * LEADING


def _characters(document: Document) -> set[str]:
    """Every character the document shows, to decide whether the CJK font is needed."""
    texts: list[str] = [document.title, document.greeting, document.sign_off]
    texts += [f"{label}{value}" for label, value in document.facts]
    for part in document.parts:
        texts.append(part.heading)
        texts.extend(_block_texts(part.blocks))
    return {c for text in texts for c in text if not c.isspace()}


def _block_texts(blocks: Iterable[Block]) -> Iterable[str]:
    for block in blocks:
        if isinstance(block, (Paragraph, Heading)):
            yield runs_text(block.runs)
        elif isinstance(block, ListBlock):
            for item in block.items:
                yield from _block_texts(item)
        elif isinstance(block, Quote):
            yield from _block_texts(block.blocks)
        elif isinstance(block, Code):
            yield block.text
        elif isinstance(block, Table):
            yield from (runs_text(cell) for row in block.rows for cell in row)


# fpdf2 logs every glyph a font lacks; the CJK check above reports what matters in one line.
logging.getLogger("fpdf").setLevel(logging.ERROR)
