"""The live preview's block index: a Markdown text as a list of top-level blocks.

markdown-it's token `map` gives each top-level block's lines; a block is keyed by its kind and
source lines, so a block whose source did not change can keep what was built from it. An update
re-parses only the few blocks around the lines that changed, and `diff_blocks` works out which
blocks are new, which are gone and which carry over. No Textual here: the preview widget
(`widgets/block_markdown.py`) builds and parks the widgets; this module only says which blocks.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.token import Token

from poa_tui.domain.vocab import SECTIONS, Section

_NEWLINES = re.compile(r"\r\n?")


@dataclass
class Block:
    """One top-level block of the document and the widgets built from it (usually one)."""

    key: str
    """The block's kind and source lines: blocks with equal keys render identically."""
    start: int
    end: int
    """Its lines, `start` included and `end` excluded, counted from 0, without blank lines after."""
    tokens: list[Token]
    """Kept after the widgets are built: a parked block is built again from them."""
    widgets: list[Any] | None = None
    """None until built; while parked, the `BlockSpacer` its run shares."""
    parked: Any = None
    """The widget's `Parked` record while the block is parked (far from view), else None."""
    shape: tuple | None = None
    """`shape(tokens)`, kept when the widgets are built."""


def split_blocks(tokens: list[Token], lines: list[str], offset: int = 0) -> list[Block]:
    """Group a token stream into top-level blocks; `offset` is the first line's number."""
    blocks: list[Block] = []
    group: list[Token] = []
    for token in tokens:
        if offset and token.map is not None:
            token.map = [token.map[0] + offset, token.map[1] + offset]
        group.append(token)
        if token.level != 0 or token.nesting == 1:
            continue
        first = group[0]
        start, end = first.map if first.map is not None else (offset, offset)
        # A block's map takes in the blank lines after it only when more text follows; leave
        # them out so a block compares equal wherever it sits.
        while end > start and not lines[end - 1].strip(" \t"):
            end -= 1
        key = f"{first.type}\x00{first.info}\x00" + "\n".join(lines[start:end])
        blocks.append(Block(key=key, start=start, end=end, tokens=group))
        group = []
    return blocks


class BlockIndex:
    """The top-level blocks of a Markdown text, re-parsed only around what changed.

    Parsing from the start of a top-level block gives the same blocks as parsing the whole text,
    as long as the lines before it are the same; so the window re-parsed starts one block before
    the first changed line and ends one block after the last. When the block closing the window
    comes out different from before (an opened code fence swallowing the rest, say) or the text
    defines link references (which reach across blocks), the whole text is parsed instead.
    """

    def __init__(self, parser: MarkdownIt) -> None:
        self.parser = parser
        self.lines: list[str] = []
        self.blocks: list[Block] = []
        self.full_parses = 0
        """How many updates had to parse the whole text (for tests and tuning)."""

    def _parse(self, lines: list[str], start: int, end: int) -> list[Block]:
        tokens = self.parser.parse("\n".join(lines[start:end]), {})
        return split_blocks(tokens, lines, offset=start)

    def update(self, markdown: str) -> list[Block]:
        """Blocks of `markdown`; blocks outside the re-parsed window are the same objects as before."""
        lines = _NEWLINES.sub("\n", markdown).split("\n")
        blocks = self._window(lines) if self.blocks and "]:" not in markdown else None
        if blocks is None:
            self.full_parses += 1
            blocks = self._parse(lines, 0, len(lines))
        self.lines, self.blocks = lines, blocks
        return blocks

    def _window(self, lines: list[str]) -> list[Block] | None:
        old_lines, old = self.lines, self.blocks
        shortest = min(len(lines), len(old_lines))
        head = 0
        while head < shortest and lines[head] == old_lines[head]:
            head += 1
        if head == len(lines) == len(old_lines):
            return old
        tail = 0
        while tail < shortest - head and lines[-1 - tail] == old_lines[-1 - tail]:
            tail += 1
        first_touched = bisect_right([b.end for b in old], head)
        first = first_touched - 1
        start = old[first].start if first > 0 else 0
        changed_end = len(old_lines) - tail
        last = bisect_left([b.start for b in old], changed_end)
        delta = len(lines) - len(old_lines)
        end = old[last].end + delta if last < len(old) else len(lines)
        window = self._parse(lines, start, end)
        kept_tail = old[last:]
        if kept_tail:
            closing = kept_tail[0]
            if not window or window[-1].key != closing.key or window[-1].end != end:
                return None
            # The block closing the window is unchanged: keep the old object (and its widgets).
            window.pop()
            for block in kept_tail:
                block.start += delta
                block.end += delta
        return old[:max(first, 0)] + window + kept_tail


def shape(tokens: list[Token]) -> tuple:
    """Everything about a block's tokens except the text of its inline runs.

    Two blocks of the same shape differ only in words, so one can be shown by re-texting the
    other's widgets. Code and HTML keep their content in the shape (they have no inline run).
    """
    return tuple("inline" if t.type == "inline" else
                 (t.type, t.tag, t.nesting, t.info, t.markup, t.hidden, t.content)
                 for t in tokens)


@dataclass
class BlockChange:
    """What an update did to the list of blocks on screen."""

    stale: list[Block]
    """Old blocks between the unchanged head and tail: their widgets are no longer wanted."""
    fresh: list[Block]
    """New blocks in their place: they need widgets (or the stale ones re-texted)."""
    tail: list[Block]
    """Unchanged new blocks after the change: their lines may have moved."""


def diff_blocks(old: list[Block], new: list[Block]) -> BlockChange:
    """Match the unchanged blocks at both ends of `old` and `new`.

    Every new block equal to an old one (the same object, or the same key) takes over the old
    block's widgets, shape and parking, so it is not built again.
    """
    head = _common_head(old, new)
    tail = _common_tail(old[head:], new[head:])
    for before, after in [*zip(old[:head], new), *zip(old[len(old) - tail:], new[len(new) - tail:])]:
        if after is not before:
            after.widgets, after.shape, after.parked = before.widgets, before.shape, before.parked
    return BlockChange(stale=old[head:len(old) - tail], fresh=new[head:len(new) - tail],
                       tail=new[len(new) - tail:])


def _common_head(old: list[Block], new: list[Block]) -> int:
    count = 0
    for before, after in zip(old, new):
        if before is not after and before.key != after.key:
            break
        count += 1
    return count


def _common_tail(old: list[Block], new: list[Block]) -> int:
    count = 0
    for before, after in zip(reversed(old), reversed(new)):
        if before is not after and before.key != after.key:
            break
        count += 1
    return count


def heading_block(blocks: list[Block], section: Section) -> Block | None:
    """The block of the heading "## <section label>" the assembled POA puts first.

    The section headings are looked for in their order, so a line in the text that merely reads
    like a later section's heading, before that section starts, is not taken for it.
    """
    labels = [f"## {s.label}" for s in SECTIONS]
    found = 0
    for block in blocks:
        if found < len(labels) and block.key.endswith("\x00" + labels[found]):
            if SECTIONS[found] == section:
                return block
            found += 1
    return None
