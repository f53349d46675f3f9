"""A Markdown document that rebuilds only the top-level blocks that changed.

Textual's stock `Markdown.update()` parses the whole text and builds every block widget again:
~470 ms for a 1,500-word POA and 1.7 s for 5,000 words, far too slow to follow typing. Here the
document keeps a `BlockIndex` (`poa_tui.tui.preview_blocks`) and each block's widgets, keyed by the
block's source text. An update re-parses only the few blocks around the lines that changed and
swaps only the widgets whose source differs, so a keystroke costs the same in a short plan as in
a long one. The block widgets are Textual's own, so the document looks exactly like the stock
widget. Blocks far from the view are parked behind spacers, so layout stays cheap too.
"""

from __future__ import annotations

from dataclasses import dataclass

from markdown_it import MarkdownIt
from markdown_it.token import Token
from textual.app import RenderResult
from textual.await_complete import AwaitComplete
from textual.containers import ScrollableContainer
from textual.geometry import Region, Spacing
from textual.widget import Widget
from textual.widgets import Markdown
from textual.widgets.markdown import MarkdownBlock

from poa_tui.tui.preview_blocks import Block, BlockIndex, diff_blocks, shape

PARK_MARGIN = 1.0
"""Blocks within this many screen heights above or below the view keep their widgets."""

_TEXT_BLOCKS = ("paragraph_open", "h1", "h2", "h3", "h4", "h5", "h6")
"""Block kinds that show one inline run of text (`get_block_class` names)."""


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
            new = self.index.update(markdown)
            change = diff_blocks(self.blocks, new)
            stale_blocks, fresh_blocks = change.stale, change.fresh
            self._markdown = markdown
            self.blocks = new
            for block in change.tail:
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

    def render(self) -> RenderResult:
        # Blank: a plain Widget draws its class name, and "BlockSpacer" showed for a moment
        # while scrolling onto parked blocks before they were built again.
        return ""

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
