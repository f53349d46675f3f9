"""The final Plan of Action: the three sections put together for the form, an email or a file.

Sections are written in Markdown. The appeal form takes plain text, so the `text` format (and
every count) goes through `plaintext.markdown_to_text`; `markdown` keeps the seller's markup for
an email or a file. No Textual here: the CLI and the TUI both call these functions.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from poa_tui.domain.models import Sections
from poa_tui.domain.plaintext import markdown_to_text
from poa_tui.domain.vocab import Section

EXPORT_FORMATS: tuple[str, ...] = ("text", "markdown")

_WORD = re.compile(r"\S*\w\S*")
"""A word holds at least one letter or digit, so a lone `-` or `|` left by a list or a table
is not counted."""
_LEADING_BLANK_LINES = re.compile(r"\A(?:[ \t]*\n)+")


@dataclass(frozen=True)
class Counts:
    """How long a text is once it reaches the form."""

    words: int = 0
    characters: int = 0
    """Unicode code points, line breaks included."""

    def __add__(self, other: Counts) -> Counts:
        return Counts(self.words + other.words, self.characters + other.characters)


def assemble(sections: Sections, fmt: str = "text", only: Section | str | None = None,
             title: str | None = None) -> str:
    """The POA as one string, in `fmt` (`text` or `markdown`).

    Whole, each section comes under its label in POA order; a section with no text keeps its
    label so the gap shows. With `only`, that one section's body alone, with no label and no
    title: what goes into a single field of the form. `title`, when given, comes first.
    """
    if fmt not in EXPORT_FORMATS:
        raise ValueError(f"unknown export format {fmt!r}: use one of {', '.join(EXPORT_FORMATS)}")
    markdown = fmt == "markdown"
    render = _tidy_markdown if markdown else markdown_to_text
    if only is not None:
        return render(sections[Section(only)])
    parts = []
    heading = " ".join((title or "").split())
    if heading:
        parts.append(f"# {heading}" if markdown else heading)
    for section, text in sections.items():
        body = render(text)
        label = f"## {section.label}" if markdown else section.label
        # Markdown needs a blank line under a heading; in plain text the label sits on top.
        gap = "\n\n" if markdown else "\n"
        parts.append(f"{label}{gap}{body}" if body else label)
    return "\n\n".join(parts)


def text_counts(markdown: str) -> Counts:
    """Words and characters of one Markdown text as the form receives it (markup not counted)."""
    plain = markdown_to_text(markdown)
    return Counts(words=len(_WORD.findall(plain)), characters=len(plain))


def section_counts(sections: Sections) -> dict[Section, Counts]:
    return {section: text_counts(text) for section, text in sections.items()}


def total_counts(sections: Sections) -> Counts:
    """The sum over the three sections: what the seller wrote, without the labels an export adds."""
    return sum(section_counts(sections).values(), Counts())


def _tidy_markdown(text: str) -> str:
    """A section's Markdown without blank lines around it; the indentation of its first line stays."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _LEADING_BLANK_LINES.sub("", text).rstrip()
