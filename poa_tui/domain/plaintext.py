"""Markdown to plain text, for Seller Central's appeal form (which shows no formatting).

markdown-it-py has no plain-text renderer, and mdit-plain drops list numbers, so this module walks
markdown-it's token stream itself. What the seller wrote must reach the form whole: lists keep
their numbers and nesting, links keep their address, and no word of the text is ever dropped.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from markdown_it import MarkdownIt
from markdown_it.token import Token

_MAX_NESTING = 100
"""How deep block quotes and lists may nest before markdown-it stops parsing (commonmark's 20 is
low enough for a hand-written outline to reach). Past it markdown-it drops the rest of the text,
so such input is returned as written instead (see `_too_deep`)."""


class _Parser(MarkdownIt):
    """A parser that leaves link addresses exactly as written.

    The stock parser percent-encodes them for browsers and punycodes host names, so a reader of
    the form would get `p%C3%A4ge` for `päge`; skipping that also makes a link-heavy text
    parse about 15 % faster.
    """

    def normalizeLink(self, url: str) -> str:  # noqa: N802 (markdown-it's name)
        return url

    def normalizeLinkText(self, link: str) -> str:  # noqa: N802
        return link


# Building the parser compiles every rule's regular expressions: about 1 ms, so do it once.
_PARSER = _Parser("commonmark", {"maxNesting": _MAX_NESTING}).enable(["table", "strikethrough"])

_CONTAINERS = frozenset({"blockquote_open", "list_item_open"})
_LISTS = frozenset({"bullet_list_open", "ordered_list_open"})
_PROSE = frozenset({"paragraph_open", "heading_open"})
_VERBATIM = frozenset({"fence", "code_block", "html_block"})
_RULE = "----------"
"""What a thematic break (`---`) becomes: a visible separator line."""
_BLANK_RUN = re.compile(r"\n{3,}")
_NEWLINE = re.compile(r"\r\n?|\n")


def markdown_to_text(markdown: str) -> str:
    """Render Markdown as plain text: no markup left, every word kept, never raises.

    The result has no trailing whitespace on any line, never two blank lines in a row and no
    blank lines or whitespace at its end.
    """
    try:
        return _render(markdown)
    except RecursionError:
        # Only reachable when called from an already deep stack: the parse itself is bounded
        # by _MAX_NESTING. The text as written is better than no text (and is not cached).
        return _tidy(markdown)


@lru_cache(maxsize=64)
def _render(markdown: str) -> str:
    """Cached: live word counts and exports ask again for the sections that did not change,
    and a 5,000-word text takes 5-30 ms to parse."""
    tokens = _PARSER.parse(markdown)
    if _too_deep(tokens):
        return _tidy(markdown)
    return _tidy(_Walker(tokens).document())


def _too_deep(tokens: Sequence[Token]) -> bool:
    """True when markdown-it hit its nesting limit and skipped the rest of the input."""
    limit = _MAX_NESTING - 1
    return any(t.level >= limit and t.type in _CONTAINERS for t in tokens)


def _tidy(text: str) -> str:
    """Strip trailing whitespace from every line, keep at most one blank line in a row."""
    lines = "\n".join(line.rstrip() for line in _NEWLINE.split(text))
    return _BLANK_RUN.sub("\n\n", lines).strip("\n")


def _prefix(text: str, first: str, rest: str) -> str:
    """Put `first` before the first line of `text` and `rest` before every following line."""
    lines = text.split("\n")
    return "\n".join([first + lines[0], *(rest + line for line in lines[1:])])


class _Walker:
    """Renders one parsed document; each block becomes a string of one or more lines."""

    def __init__(self, tokens: Sequence[Token]) -> None:
        self.tokens = tokens
        self.closer = _match_closers(tokens)

    def document(self) -> str:
        return "\n\n".join(self.blocks(0, len(self.tokens)))

    def blocks(self, start: int, end: int) -> list[str]:
        """Render the sibling blocks between two token indices."""
        out = []
        index = start
        while index < end:
            stop = self.closer.get(index, index)
            out.append(self.block(index, stop))
            index = stop + 1
        return out

    def block(self, index: int, stop: int) -> str:
        token = self.tokens[index]
        kind = token.type
        if kind in _PROSE:
            # An empty image or link can leave a space at the start of a paragraph.
            return self.inline(self.tokens[index + 1].children or []).lstrip(" ")
        if kind in _LISTS:
            return self.list(index, stop)
        if kind == "blockquote_open":
            return _prefix("\n\n".join(self.blocks(index + 1, stop)), "> ", "> ")
        if kind in _VERBATIM:
            return token.content.rstrip("\n")
        if kind == "hr":
            return _RULE
        if kind == "table_open":
            return self.table(index, stop)
        if kind == "inline":
            return self.inline(token.children or [])
        # Any other container (none in commonmark): keep whatever text it holds.
        return "\n\n".join(self.blocks(index + 1, stop)) if stop > index else token.content

    def list(self, index: int, stop: int) -> str:
        opener = self.tokens[index]
        ordered = opener.type == "ordered_list_open"
        number = int(opener.attrs.get("start", 1)) if ordered else 0
        # A tight list (no blank lines between items) hides its paragraphs; keep it tight.
        tight = next(
            (t.hidden for t in self.tokens[index:stop]
             if t.type == "paragraph_open" and t.level == opener.level + 2),
            True,
        )
        gap = "\n" if tight else "\n\n"
        items = []
        item = index + 1
        while item < stop:
            item_end = self.closer[item]
            marker = f"{number}{opener.markup} " if ordered else "- "
            body = gap.join(self.blocks(item + 1, item_end))
            # Continuation lines hang under the item's text, so nested items line up with it.
            items.append(_prefix(body, marker, " " * len(marker)))
            number += 1
            item = item_end + 1
        return gap.join(items)

    def table(self, index: int, stop: int) -> str:
        rows: list[str] = []
        cells: list[str] = []
        for token in self.tokens[index:stop]:
            if token.type == "inline":
                cells.append(self.inline(token.children or []).strip())
            elif token.type == "tr_close":
                rows.append(" | ".join(cells).strip())
                cells = []
        return "\n".join(rows)

    def inline(self, children: Sequence[Token]) -> str:
        parts: list[str] = []
        links: list[tuple[Token, int]] = []
        for token in children:
            kind = token.type
            if kind == "softbreak":
                parts.append(" ")
            elif kind == "hardbreak":
                parts.append("\n")
            elif kind == "image":
                parts.append(self.inline(token.children or []))
            elif kind == "link_open":
                links.append((token, len(parts)))
            elif kind == "link_close" and links:
                opener, start = links.pop()
                parts.append(_link_tail(opener, "".join(parts[start:])))
            else:
                # text, code_inline and html_inline carry their text; emphasis and
                # strikethrough markers carry none.
                parts.append(token.content)
        return "".join(parts)


def _link_tail(opener: Token, text: str) -> str:
    """What follows a link's text: ` (address)`, or nothing when the text is the address."""
    url = str(opener.attrs.get("href") or "")
    shown = text.strip()
    if not url or opener.markup == "autolink" or shown in (url, url.removeprefix("mailto:")):
        return ""
    return f" ({url})" if shown else url


def _match_closers(tokens: Sequence[Token]) -> dict[int, int]:
    """Map the index of every opening block token to the index of its closing token."""
    closer: dict[int, int] = {}
    stack: list[int] = []
    for index, token in enumerate(tokens):
        if token.nesting == 1:
            stack.append(index)
        elif token.nesting == -1 and stack:
            closer[stack.pop()] = index
    return closer
