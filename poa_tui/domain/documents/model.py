"""A POA as a document: a header block, then the three sections as blocks of styled text.

Built from markdown-it's token stream with the same parser, rules and link handling as the
plain-text export (`plaintext`), so a Word file, a PDF and an HTML page hold the same words in
the same order as the text the appeal form receives. Each format module (`docx`, `pdf`,
`html`) only lays these blocks out. No Textual here.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Union

from markdown_it.token import Token

from poa_tui.domain.models import Case, Sections
from poa_tui.domain.plaintext import (
    _PARSER,
    _link_tail,
    _match_closers,
    _too_deep,
    markdown_to_text,
)
from poa_tui.domain.vocab import Section

SAFE_SCHEMES = ("http://", "https://", "mailto:")
"""Link addresses a document makes clickable; any other (javascript:, file:...) stays text."""


@dataclass(frozen=True)
class Run:
    """A stretch of text with one style; a "\\n" in `text` is a line break."""

    text: str
    bold: bool = False
    italic: bool = False
    code: bool = False
    strike: bool = False
    href: str | None = None


Runs = tuple[Run, ...]


@dataclass(frozen=True)
class Paragraph:
    runs: Runs


@dataclass(frozen=True)
class Heading:
    level: int
    """1 for a `#` heading inside a section; the section's own heading is above these."""
    runs: Runs


@dataclass(frozen=True)
class ListBlock:
    ordered: bool
    start: int
    items: tuple[tuple[Block, ...], ...]
    tight: bool = True
    marker: str = "."
    """What follows an ordered item's number in the plain text: `.` or `)`."""

    def label(self, index: int) -> str:
        """The marker the plain text shows before item `index` (0-based)."""
        return f"{self.start + index}{self.marker}" if self.ordered else "-"


@dataclass(frozen=True)
class Quote:
    blocks: tuple[Block, ...]


@dataclass(frozen=True)
class Code:
    text: str


@dataclass(frozen=True)
class Rule:
    pass


@dataclass(frozen=True)
class Table:
    rows: tuple[tuple[Runs, ...], ...]
    """The first row is the header row."""


Block = Union[Paragraph, Heading, ListBlock, Quote, Code, Rule, Table]


@dataclass(frozen=True)
class Part:
    """One section of the plan under its heading."""

    heading: str
    blocks: tuple[Block, ...]


@dataclass(frozen=True)
class Document:
    title: str
    facts: tuple[tuple[str, str], ...]
    """The header block: (label, value) lines such as ("Seller", "Marlow Kitchen Supply Ltd")."""
    parts: tuple[Part, ...]
    greeting: str = ""
    sign_off: str = ""
    """Both empty unless the letter frame was asked for."""
    language: str = "en"

    def header_lines(self) -> list[str]:
        """The header block as plain lines, as every format shows it."""
        return [self.title, *(f"{label}: {value}" for label, value in self.facts)]


@dataclass(frozen=True)
class Letter:
    """The optional frame around the plan when it goes by email: greeting and sign-off."""

    greeting: str = "Dear Seller Performance Team,"
    sign_off: str = "Kind regards,"

    def signature(self, seller: str) -> str:
        """The sign-off, then the seller's name unless the sign-off already holds it."""
        seller = " ".join(seller.split())
        if seller and seller not in self.sign_off:
            return f"{self.sign_off.rstrip()}\n{seller}".strip("\n")
        return self.sign_off.strip()


def letter_text(letter: Letter, seller: str, text: str) -> str:
    """A plain-text or Markdown export between the letter's greeting and its sign-off."""
    parts = [letter.greeting.strip(), text.strip("\n"), letter.signature(seller)]
    return "\n\n".join(part for part in parts if part) + "\n"


def build_document(case: Case, *, attempt: int | None = None, only: Section | None = None,
                   today: date | None = None, letter: Letter | None = None) -> Document:
    """The document for the case's draft, or for exactly what attempt `attempt` sent.

    Raises KeyError when the case has no attempt with that number.
    """
    if attempt is None:
        sections: Sections = case.sections
        when = today or date.today()
        which = f"{len(case.submissions) + 1} (draft, not sent yet)"
    else:
        sent = case.submission(attempt)
        sections = sent.sections
        when = sent.submitted_at.astimezone().date()
        which = f"{sent.number}, sent via {sent.channel.label}"
    notice = case.notice
    facts = [
        ("Seller", case.seller),
        ("Marketplace", case.marketplace),
        ("Amazon case ID" + ("s" if len(notice.case_ids) > 1 else ""), ", ".join(notice.case_ids)),
        ("Notice ID" + ("s" if len(notice.complaint_ids) > 1 else ""),
         ", ".join(notice.complaint_ids)),
        ("ASIN" + ("s" if len(notice.asins) > 1 else ""), ", ".join(notice.asins)),
        ("Order" + ("s" if len(notice.order_ids) > 1 else ""), ", ".join(notice.order_ids)),
        ("Date", when.isoformat()),
        ("Attempt", which),
    ]
    chosen = [(s, t) for s, t in sections.items() if only is None or s == Section(only)]
    parts = tuple(Part(section.label, _relevel(markdown_blocks(text))) for section, text in chosen)
    title = "Plan of Action" + (f": {' '.join(case.title.split())}" if case.title.strip() else "")
    signature = letter.signature(case.seller) if letter else ""
    return Document(
        title=xml_safe(title),
        facts=tuple((label, xml_safe(" ".join(value.split()))) for label, value in facts
                    if value.strip()),
        parts=parts,
        greeting=xml_safe(letter.greeting.strip()) if letter else "",
        sign_off=xml_safe(signature.strip()),
    )


def markdown_blocks(markdown: str) -> tuple[Block, ...]:
    """A section's Markdown as blocks; never raises, never drops a word."""
    markdown = xml_safe(markdown)
    try:
        tokens = _PARSER.parse(markdown)
        if not _too_deep(tokens):
            return tuple(_Builder(tokens).blocks(0, len(tokens)))
    except RecursionError:
        pass
    # Nested past the parser's limit: the text as written, one paragraph per block of lines.
    plain = markdown_to_text(markdown)
    return tuple(Paragraph((Run(chunk),)) for chunk in plain.split("\n\n") if chunk.strip())


_NOT_IN_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_safe(text: str) -> str:
    """`text` without the few characters a Word or HTML file cannot hold (C0 controls other
    than tab and line breaks, lone surrogates). Everything else is kept exactly."""
    return _NOT_IN_XML.sub("", text)


def _relevel(blocks: tuple[Block, ...]) -> tuple[Block, ...]:
    """Shift a section's headings so its shallowest one is level 1, just under the section's
    own heading: a writer who used `###` throughout gets no gap in the outline."""
    levels = [h.level for h in _headings(blocks)]
    shift = min(levels, default=1) - 1
    return _shifted(blocks, shift) if shift else blocks


def _headings(blocks: Sequence[Block]) -> list[Heading]:
    found: list[Heading] = []
    for block in blocks:
        if isinstance(block, Heading):
            found.append(block)
        elif isinstance(block, Quote):
            found += _headings(block.blocks)
        elif isinstance(block, ListBlock):
            for item in block.items:
                found += _headings(item)
    return found


def _shifted(blocks: tuple[Block, ...], shift: int) -> tuple[Block, ...]:
    out: list[Block] = []
    for block in blocks:
        if isinstance(block, Heading):
            block = Heading(block.level - shift, block.runs)
        elif isinstance(block, Quote):
            block = Quote(_shifted(block.blocks, shift))
        elif isinstance(block, ListBlock):
            block = ListBlock(block.ordered, block.start,
                              tuple(_shifted(item, shift) for item in block.items),
                              block.tight, block.marker)
        out.append(block)
    return tuple(out)


def safe_href(url: str) -> str | None:
    """The address when a document may make it clickable, else None."""
    return url if url.lower().startswith(SAFE_SCHEMES) else None


@dataclass
class _Style:
    bold: int = 0
    italic: int = 0
    strike: int = 0
    links: list[tuple[Token, int]] = field(default_factory=list)


class _Builder:
    """Walks one parsed document as `plaintext._Walker` does, keeping the styles."""

    def __init__(self, tokens: Sequence[Token]) -> None:
        self.tokens = tokens
        self.closer = _match_closers(tokens)

    def blocks(self, start: int, end: int) -> list[Block]:
        out: list[Block] = []
        index = start
        while index < end:
            stop = self.closer.get(index, index)
            block = self.block(index, stop)
            if block is not None:
                out.append(block)
            index = stop + 1
        return out

    def block(self, index: int, stop: int) -> Block | None:
        token = self.tokens[index]
        kind = token.type
        if kind == "paragraph_open":
            return Paragraph(_lstrip(self.inline(self.tokens[index + 1].children or [])))
        if kind == "heading_open":
            runs = _lstrip(self.inline(self.tokens[index + 1].children or []))
            return Heading(int(token.tag[1:]), runs)
        if kind in ("bullet_list_open", "ordered_list_open"):
            return self.list(index, stop)
        if kind == "blockquote_open":
            return Quote(tuple(self.blocks(index + 1, stop)))
        if kind in ("fence", "code_block", "html_block"):
            return Code(token.content.rstrip("\n"))
        if kind == "hr":
            return Rule()
        if kind == "table_open":
            return self.table(index, stop)
        if kind == "inline":
            return Paragraph(self.inline(token.children or []))
        inner = self.blocks(index + 1, stop) if stop > index else []
        if inner:
            return Quote(tuple(inner)) if len(inner) > 1 else inner[0]
        return Paragraph((Run(token.content),)) if token.content.strip() else None

    def list(self, index: int, stop: int) -> ListBlock:
        opener = self.tokens[index]
        ordered = opener.type == "ordered_list_open"
        tight = next((t.hidden for t in self.tokens[index:stop]
                      if t.type == "paragraph_open" and t.level == opener.level + 2), True)
        items = []
        item = index + 1
        while item < stop:
            item_end = self.closer[item]
            items.append(tuple(self.blocks(item + 1, item_end)) or (Paragraph(()),))
            item = item_end + 1
        start = int(opener.attrs.get("start", 1)) if ordered else 1
        return ListBlock(ordered, start, tuple(items), tight, opener.markup if ordered else "-")

    def table(self, index: int, stop: int) -> Table:
        rows: list[tuple[Runs, ...]] = []
        cells: list[Runs] = []
        for token in self.tokens[index:stop]:
            if token.type == "inline":
                cells.append(_strip(self.inline(token.children or [])))
            elif token.type == "tr_close":
                rows.append(tuple(cells))
                cells = []
        return Table(tuple(rows))

    def inline(self, children: Sequence[Token]) -> Runs:
        runs: list[Run] = []
        style = _Style()
        self._inline(children, runs, style)
        return _merge(runs)

    def _inline(self, children: Sequence[Token], runs: list[Run], style: _Style) -> None:
        for token in children:
            kind = token.type
            if kind == "strong_open":
                style.bold += 1
            elif kind == "strong_close":
                style.bold -= 1
            elif kind == "em_open":
                style.italic += 1
            elif kind == "em_close":
                style.italic -= 1
            elif kind == "s_open":
                style.strike += 1
            elif kind == "s_close":
                style.strike -= 1
            elif kind == "link_open":
                style.links.append((token, len(runs)))
            elif kind == "link_close" and style.links:
                opener, start = style.links.pop()
                shown = "".join(run.text for run in runs[start:])
                tail = _link_tail(opener, shown)
                if tail:
                    runs.append(self._run(tail, style))
            elif kind == "softbreak":
                runs.append(self._run(" ", style))
            elif kind == "hardbreak":
                runs.append(self._run("\n", style))
            elif kind == "image":
                self._inline(token.children or [], runs, style)
            elif kind == "code_inline":
                runs.append(self._run(token.content, style, code=True))
            elif token.content:
                runs.append(self._run(token.content, style))

    @staticmethod
    def _run(text: str, style: _Style, *, code: bool = False) -> Run:
        href = None
        if style.links:
            href = safe_href(str(style.links[-1][0].attrs.get("href") or ""))
        return Run(text, bold=style.bold > 0, italic=style.italic > 0, code=code,
                   strike=style.strike > 0, href=href)


def _merge(runs: list[Run]) -> Runs:
    """Join neighbouring runs of the same style (markdown-it splits text at every bracket)."""
    merged: list[Run] = []
    for run in runs:
        if not run.text:
            continue
        last = merged[-1] if merged else None
        if last is not None and (last.bold, last.italic, last.code, last.strike, last.href) == (
                run.bold, run.italic, run.code, run.strike, run.href):
            merged[-1] = Run(last.text + run.text, run.bold, run.italic, run.code, run.strike,
                             run.href)
        else:
            merged.append(run)
    return tuple(merged)


def _lstrip(runs: Runs) -> Runs:
    """As the plain text does: an empty image or link can leave a space at the start."""
    if runs and runs[0].text.startswith(" "):
        first = runs[0]
        rest = first.text.lstrip(" ")
        head = (Run(rest, first.bold, first.italic, first.code, first.strike, first.href),) \
            if rest else ()
        return head + runs[1:]
    return runs


def _strip(runs: Runs) -> Runs:
    runs = _lstrip(runs)
    if runs and runs[-1].text.endswith(" "):
        last = runs[-1]
        rest = last.text.rstrip(" ")
        tail = (Run(rest, last.bold, last.italic, last.code, last.strike, last.href),) \
            if rest else ()
        return runs[:-1] + tail
    return runs


def runs_text(runs: Runs) -> str:
    return "".join(run.text for run in runs)
