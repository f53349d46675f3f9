"""The live preview: the whole POA rendered as Markdown, kept in step with the editors.

The rendering itself is `BlockMarkdown` (`block_markdown.py`), which rebuilds only the blocks
that changed; this widget decides when to catch up (after a pause in typing, never while
hidden), what to scroll into view, and where each section's heading is.
"""

from __future__ import annotations

import asyncio
from typing import Callable

from textual.containers import VerticalScroll
from textual.message import Message
from textual.widget import Widget
from textual.widgets.markdown import MarkdownBlock

from poa_tui.domain.assembly import assemble
from poa_tui.domain.models import Sections
from poa_tui.domain.vocab import Section
from poa_tui.tui.preview_blocks import Block, heading_block
from poa_tui.tui.typing_pause import TypingPause
from poa_tui.tui.widgets.block_markdown import BlockMarkdown

PREVIEW_DELAY = 0.3
"""Seconds of quiet typing before the preview catches up."""
SCROLL_SETTLE = 0.08
"""Seconds after scrolling stops before blocks are parked or built."""


class PoaPreview(VerticalScroll):
    """The assembled POA as it will read, following the editors after a short pause.

    `source` returns the draft's sections; call `changed()` after each edit. The preview reads
    the source only once typing has paused for `PREVIEW_DELAY` seconds, and not at all while
    it is hidden (it catches up when shown), so a keystroke never waits for it.
    """

    can_focus_children = False
    """Links and code blocks inside must never take focus from the editors."""

    class CaughtUp(Message):
        """The preview shows the draft as it was when its last update began."""

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
        try:
            await self._update_document()
        finally:
            self.post_message(self.CaughtUp())

    async def _update_document(self) -> None:
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
        # At once, and the blocks around the new view are built at once: waiting for the
        # scroll to settle (as after the user's own scrolling) left the edited paragraph
        # among blank rows for a while after it came into view.
        if widget.is_attached:
            self.scroll_to_widget(widget, animate=False, immediate=True)
        self._scrolled.cancel()
        self.document.tend()

    def heading_block(self, section: Section) -> Block | None:
        """The block of the heading "## <section label>" the assembled POA puts first."""
        return heading_block(self.document.blocks, section)

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
