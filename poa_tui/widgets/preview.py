"""The live preview: the whole POA rendered as Markdown, kept in step with the editors.

Textual's stock `Markdown.update()` parses the whole text and builds every block widget again:
~470 ms for a 1,500-word POA and 1.7 s for 5,000 words, far too slow to follow typing. Here the
document is held as a list of top-level blocks (markdown-it's token `map` gives each block's
lines), each block's widgets keyed by the block's source text. An update re-parses only the few
blocks around the lines that changed and swaps only the widgets whose source differs, so a
keystroke costs the same in a short plan as in a long one. The block widgets are Textual's own,
so the preview looks exactly like the stock widget.
"""

from __future__ import annotations

import asyncio
import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from typing import Callable

from markdown_it import MarkdownIt
from markdown_it.token import Token
from textual.await_complete import AwaitComplete
from textual.containers import ScrollableContainer, VerticalScroll
from textual.geometry import Region, Spacing
from textual.widget import Widget
from textual.widgets import Markdown
from textual.widgets.markdown import MarkdownBlock

from ..models import Sections
from ..poa import assemble
from ..typing_pause import TypingPause
from ..vocab import SECTIONS, Section

PREVIEW_DELAY = 0.3
"""Seconds of quiet typing before the preview catches up."""
PARK_MARGIN = 1.0
"""Blocks within this many screen heights above or below the view keep their widgets."""
SCROLL_SETTLE = 0.08
"""Seconds after scrolling stops before blocks are parked or built."""

_NEWLINES = re.compile(r"\r\n?")
_TEXT_BLOCKS = ("paragraph_open", "h1", "h2", "h3", "h4", "h5", "h6")
"""Block kinds that show one inline run of text (`get_block_class` names)."""


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
    widgets: list[Widget] | None = None
    """None until built; while parked, the `BlockSpacer` its run shares."""
    parked: Parked | None = None
    """Set while the block is parked (far from view)."""
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


class BlockMarkdown(Markdown):
    """A `Markdown` document whose `update` rebuilds only the top-level blocks that changed."""

    def __init__(self, markdown: str | None = None, **kwargs) -> None:
        kwargs.setdefault("open_links", False)
        super().__init__(markdown, **kwargs)
        parser = self._parser_factory() if self._parser_factory else MarkdownIt("gfm-like")
        self.index = BlockIndex(parser)
        self.blocks: list[Block] = []
        """The blocks on screen, in order."""
        self.last_changed: list[MarkdownBlock] = []
        """Widgets the most recent update mounted (empty when nothing changed)."""

    @property
    def block_widgets(self) -> list[MarkdownBlock]:
        return [widget for block in self.blocks for widget in block.widgets or ()]

    def update(self, markdown: str) -> AwaitComplete:
        """Show `markdown`, keeping the widgets of every top-level block whose source is unchanged."""
        return AwaitComplete(self._update(markdown))

    async def _update(self, markdown: str) -> None:
        async with self.lock:
            self._theme = self.app.theme
            old, new = self.blocks, self.index.update(markdown)
            head = _common_head(old, new)
            tail = _common_tail(old[head:], new[head:])
            for before, after in [*zip(old[:head], new), *zip(old[len(old) - tail:], new[len(new) - tail:])]:
                if after is not before:
                    after.widgets, after.shape, after.parked = before.widgets, before.shape, before.parked
            stale_blocks = old[head:len(old) - tail]
            fresh_blocks = new[head:len(new) - tail]
            self._markdown = markdown
            self.blocks = new
            for block in new[len(new) - tail:]:
                for widget in block.widgets or ():
                    if isinstance(widget, MarkdownBlock):
                        widget.source_range = (block.start, block.end)
            if self._retext(stale_blocks, fresh_blocks):
                return
            for block in fresh_blocks:
                block.shape = shape(block.tokens)
                block.widgets = list(self._parse_markdown(block.tokens))
                block.parked = None
            self.last_changed = [w for block in fresh_blocks for w in block.widgets or ()]
            if stale_blocks or fresh_blocks:
                self._table_of_contents = None
                await self._show_blocks()

    def _retext(self, stale: list[Block], fresh: list[Block]) -> bool:
        """Give the widgets on screen their new text in place, when only text changed.

        A keystroke changes the words of one paragraph, heading or list item, not the shape of
        the block (the same items, numbers and nesting): then every paragraph and heading
        widget inside it takes the text of its new inline token, at the cost of one layout
        pass and no mounting. Returns False, changing nothing, when any shape differs.
        """
        if not fresh or len(stale) != len(fresh):
            return False
        plan: list[tuple[Block, Block, list[MarkdownBlock], list[Token]]] = []
        for before, after in zip(stale, fresh):
            if (before.widgets is None or len(before.widgets) != 1 or before.parked is not None
                    or before.shape != shape(after.tokens)):
                return False
            widgets = self._text_widgets(before.widgets[0])
            inlines = [token for token in after.tokens if token.type == "inline"]
            if len(widgets) != len(inlines):
                return False
            plan.append((before, after, widgets, inlines))
        changed: list[MarkdownBlock] = []
        for before, after, widgets, inlines in plan:
            for widget, token in zip(widgets, inlines):
                was = str(widget.content)
                widget.build_from_token(token)
                if str(widget.content) != was:
                    changed.append(widget)
            if isinstance(before.widgets[0], MarkdownBlock):  # type: ignore[index]
                before.widgets[0].source_range = (after.start, after.end)  # type: ignore[index]
            after.widgets, after.shape = before.widgets, before.shape
        self.last_changed = changed or [block.widgets[0] for block in fresh]  # type: ignore[index]
        self._table_of_contents = None
        return True

    def _text_widgets(self, root: MarkdownBlock) -> list[MarkdownBlock]:
        """The paragraph and heading widgets in `root` (itself included), in document order."""
        kinds = {self.get_block_class(name) for name in _TEXT_BLOCKS}
        found = [root] if type(root) in kinds else []
        return found + [w for w in root.query(MarkdownBlock) if type(w) in kinds]


    # -- parking: only blocks near the view keep their widgets --------------------------------
    # A long plan makes hundreds of widgets, and Textual lays out every one of them on each
    # change. Blocks far above or below the view are parked: each run of them is shown as one
    # empty spacer exactly as tall as they were, so scrolling is unchanged and a layout pass
    # costs the same for 5,000 words as for 500.

    def tend(self) -> None:
        """Park the blocks far from view and build those that came near (after a pause)."""
        self.call_later(self._tend)

    async def _tend(self) -> None:
        async with self.lock:
            view = self.parent
            if not isinstance(view, ScrollableContainer) or not self.blocks or not self.is_mounted:
                return
            height = view.scrollable_content_region.height
            if height <= 0 or self.size.width <= 0:
                return  # hidden: nothing to measure (it is tended once shown and scrolled)
            top = view.scroll_y - height * PARK_MARGIN
            bottom = view.scroll_y + height * (1 + PARK_MARGIN)
            width = self.size.width
            changed = False
            for block, region, margin in self._geometry():
                near = region.bottom >= top and region.y <= bottom
                if near and block.parked is not None:
                    block.parked, changed = None, True
                elif not near and block.parked is None:
                    block.parked, changed = Parked(region.height, margin, width), True
            if changed:
                await self._show_blocks()

    def _geometry(self) -> list[tuple[Block, Region, Spacing]]:
        """Where each single-widget block sits in the document now (parked ones included)."""
        where = {p.widget: p for p in self.arrange(self.size).placements}
        found = []
        for block in self.blocks:
            if not block.widgets or len(block.widgets) != 1:
                continue
            placement = where.get(block.widgets[0])
            if placement is None:
                continue
            if block.parked is None:
                found.append((block, placement.region, placement.margin))
                continue
            spacer = block.widgets[0]
            assert isinstance(spacer, BlockSpacer)
            region = spacer.region_of(block, placement.region)
            found.append((block, region, block.parked.margin))
        return found

    async def build_block(self, block: Block) -> None:
        """Give one parked block its widgets back (to scroll to it)."""
        async with self.lock:
            if block.parked is not None:
                block.parked = None
                await self._show_blocks()

    async def build_all(self) -> None:
        """Give every parked block its widgets back (after a width change, or to read it all)."""
        async with self.lock:
            for block in self.blocks:
                block.parked = None
            await self._show_blocks()

    async def _show_blocks(self) -> None:
        """Make the children match `self.blocks`: each live block shows its widgets and each
        run of parked blocks one spacer. Widgets already mounted stay where they are."""
        current = list(self.children)
        spacers = {spacer.key: spacer for spacer in current if isinstance(spacer, BlockSpacer)}
        desired: list[Widget] = []
        run: list[Block] = []

        def close_run() -> None:
            if run:
                spacer = spacers.get(BlockSpacer.key_of(run)) or BlockSpacer(list(run))
                for block in run:
                    block.widgets = [spacer]
                desired.append(spacer)
                run.clear()

        for block in self.blocks:
            if block.parked is not None:
                run.append(block)
                continue
            close_run()
            if block.widgets is None or isinstance(block.widgets[0], BlockSpacer):
                block.widgets = list(self._parse_markdown(block.tokens))
            desired.extend(block.widgets)
        close_run()
        present = set(current)
        waiting: list[Widget] = []
        mounts = []
        last_kept: Widget | None = None
        for widget in desired:
            if widget not in present:
                waiting.append(widget)
                continue
            if waiting:
                mounts.append(self.mount_all(waiting, before=widget))
                waiting = []
            last_kept = widget
        if waiting:
            mounts.append(self.mount_all(waiting, after=last_kept) if last_kept is not None
                          else self.mount_all(waiting))
        wanted = set(desired)
        obsolete = [widget for widget in current if widget not in wanted]
        if not (mounts or obsolete):
            return
        # Start everything before awaiting anything, so the screen lays out once.
        with self.app.batch_update():
            removing = self.remove_children(obsolete) if obsolete else None
            for mounted in mounts:
                await mounted
            if removing is not None:
                await removing

    @property
    def parked(self) -> int:
        """How many blocks are parked now."""
        return sum(1 for block in self.blocks if block.parked is not None)

    def on_resize(self) -> None:
        # Parked heights hold for the width they were measured at.
        width = self.size.width
        if any(b.parked is not None and b.parked.width != width for b in self.blocks):
            self.call_later(self._rebuild_for_width)

    async def _rebuild_for_width(self) -> None:
        await self.build_all()
        self.call_after_refresh(self.tend)


@dataclass(frozen=True)
class Parked:
    """How a parked block was laid out, so a spacer can take exactly its place."""

    height: int
    margin: Spacing
    width: int
    """The document width it was measured at."""


class BlockSpacer(Widget):
    """Stands in for a run of parked blocks: as tall as they were, nothing inside to lay out."""

    DEFAULT_CSS = """
    BlockSpacer {
        width: 1fr;
    }
    """

    def __init__(self, blocks: list[Block]) -> None:
        super().__init__()
        self.blocks = blocks
        self.key = self.key_of(blocks)
        parked = [block.parked for block in blocks]
        assert all(parked)
        gaps = sum(max(a.margin.bottom, b.margin.top)  # type: ignore[union-attr]
                   for a, b in zip(parked, parked[1:]))
        self.styles.height = sum(p.height for p in parked) + gaps  # type: ignore[union-attr]
        first, last = parked[0], parked[-1]
        self.styles.margin = (first.margin.top, 0, last.margin.bottom, 0)  # type: ignore[union-attr]

    @staticmethod
    def key_of(blocks: list[Block]) -> tuple[int, ...]:
        return tuple(id(block) for block in blocks)

    def region_of(self, block: Block, own: Region) -> Region:
        """Where `block` would be, given where this spacer is."""
        y = own.y
        for index, member in enumerate(self.blocks):
            parked = member.parked
            assert parked is not None
            if member is block:
                return Region(own.x, y, own.width, parked.height)
            following = self.blocks[index + 1].parked if index + 1 < len(self.blocks) else None
            y += parked.height + (max(parked.margin.bottom, following.margin.top) if following else 0)
        return own


def shape(tokens: list[Token]) -> tuple:
    """Everything about a block's tokens except the text of its inline runs.

    Two blocks of the same shape differ only in words, so one can be shown by re-texting the
    other's widgets. Code and HTML keep their content in the shape (they have no inline run).
    """
    return tuple("inline" if t.type == "inline" else
                 (t.type, t.tag, t.nesting, t.info, t.markup, t.hidden, t.content)
                 for t in tokens)


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


class PoaPreview(VerticalScroll):
    """The assembled POA as it will read, following the editors after a short pause.

    `source` returns the draft's sections; call `changed()` after each edit. The preview reads
    the source only once typing has paused for `PREVIEW_DELAY` seconds, and not at all while
    it is hidden (it catches up when shown), so a keystroke never waits for it.
    """

    can_focus_children = False
    """Links and code blocks inside must never take focus from the editors."""

    def __init__(self, source: Callable[[], Sections], *, id: str | None = None,
                 classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.source = source
        self.document = BlockMarkdown(id="preview-document")
        self._stale = True
        self._shown: str | None = None
        self._pause = TypingPause(self, PREVIEW_DELAY, self._start)
        self._update_task: asyncio.Task[None] | None = None
        self._follow = False
        self._reveal_after: Section | None = None
        self._scrolled = TypingPause(self, SCROLL_SETTLE, self.document.tend)

    def compose(self):
        yield self.document

    def on_mount(self) -> None:
        self.watch(self, "scroll_y", lambda: self._scrolled.poke(), init=False)

    @property
    def markdown(self) -> str:
        """The Markdown on screen now."""
        return self._shown or ""

    @property
    def pending(self) -> bool:
        """An edit has not reached the screen yet."""
        return self._stale

    def changed(self, *, follow: bool = True, delay: float | None = None) -> None:
        """The draft changed: catch up once `delay` (default `PREVIEW_DELAY`) seconds pass
        without another change. With `follow`, the first block that changed is then scrolled
        into view."""
        self._stale = True
        self._follow = follow
        self._pause.poke(delay)

    async def settle(self) -> None:
        """Bring the preview up to date now and wait until it is."""
        self._pause.cancel()
        if self._update_task is not None and not self._update_task.done():
            await self._update_task
        await self._catch_up()

    def _start(self) -> None:
        if not self._visible_now():
            return
        if self._update_task is None or self._update_task.done():
            self._update_task = asyncio.create_task(self._catch_up())

    def _visible_now(self) -> bool:
        return self.is_attached and all(
            node.display for node in self.ancestors_with_self if isinstance(node, Widget))

    def on_show(self) -> None:
        if self._stale:
            self._start()

    async def _catch_up(self) -> None:
        # An edit made while one update ran is picked up by the next round of the loop.
        while self._stale:
            self._stale = False
            wanted = assemble(self.source(), fmt="markdown")
            if wanted == self._shown:
                continue
            await self.document.update(wanted)
            self._shown = wanted
            changed = self.document.last_changed
            if changed and self._follow:
                self.call_after_refresh(self._bring_into_view, changed[0])
            else:
                self.call_after_refresh(self.document.tend)
        if self._reveal_after is not None:
            section, self._reveal_after = self._reveal_after, None
            self.call_after_refresh(self.reveal, section)

    def _bring_into_view(self, widget: MarkdownBlock) -> None:
        if widget.is_attached:
            self.scroll_to_widget(widget, animate=False)
        self._scrolled.poke()

    def heading_block(self, section: Section) -> Block | None:
        """The block of the heading "## <section label>" the assembled POA puts first."""
        labels = [f"## {s.label}" for s in SECTIONS]
        found = 0
        for block in self.document.blocks:
            if found < len(labels) and block.key.endswith("\x00" + labels[found]):
                if SECTIONS[found] == section:
                    return block
                found += 1
        return None

    def section_heading(self, section: Section) -> Widget | None:
        """The heading widget of `section`, once rendered and not parked."""
        block = self.heading_block(section)
        if block is None or not block.widgets or block.parked is not None:
            return None
        return block.widgets[0]

    def reveal(self, section: Section) -> None:
        """Scroll so the heading of `section` sits at the top of the preview (again once the
        preview has caught up, if it is behind: just shown, or the heading not drawn yet)."""
        block = self.heading_block(section)
        if self._stale or block is None:
            self._reveal_after = section
        if block is not None and block.parked is not None:
            self.call_later(self._reveal_parked, block)
        elif block is not None and block.widgets:
            self.scroll_to_widget(block.widgets[0], animate=False, top=True)

    async def _reveal_parked(self, block: Block) -> None:
        await self.document.build_block(block)
        if block.widgets:
            self.call_after_refresh(self.scroll_to_widget, block.widgets[0], animate=False,
                                    top=True)
