"""The incremental preview renders what a full render would, and keeps every unchanged widget.

The block index is checked against a full parse over random documents and random edits
(hypothesis); the widget against Textual's stock `Markdown` on the same text.
"""

from __future__ import annotations

import asyncio

from editor_support import eventually, long_sections
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from textual.app import App, ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Markdown, Static

from poa_tui.domain.assembly import assemble
from poa_tui.domain.models import Sections
from poa_tui.tui.preview_blocks import BlockIndex
from poa_tui.tui.widgets.block_markdown import BlockMarkdown, BlockSpacer
from poa_tui.tui.widgets.preview import PoaPreview

# Lines that start, end, continue or interrupt blocks in every way the preview must survive:
# setext underlines, tables, fences, lists (tight and loose), quotes, HTML and indented code.
LINES = ["", "", "Plain words here.", "More text", "# Heading", "## Root Cause", "===", "---",
         "- item", "- other item", "  continued item", "1. step", "2) step", "> quoted",
         "```", "~~~", "    indented code", "| a | b |", "|---|---|", "<div>", "* star",
         "***", "**bold** and _em_", "[link](https://example.com)", "\t tab"]

line_lists = st.lists(st.sampled_from(LINES), max_size=30)


def full_blocks(text: str) -> list[tuple[str, int, int]]:
    index = BlockIndex(MarkdownIt("gfm-like"))
    return [(b.key, b.start, b.end) for b in index.update(text)]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(start=line_lists, edits=st.lists(
    st.tuples(st.integers(0, 40), st.integers(0, 4), line_lists.map(lambda x: x[:4])),
    min_size=1, max_size=6))
def test_window_parse_matches_a_full_parse(start, edits) -> None:
    index = BlockIndex(MarkdownIt("gfm-like"))
    lines = list(start)
    index.update("\n".join(lines))
    for at, cut, insert in edits:
        at = min(at, len(lines))
        lines[at:at + cut] = insert
        text = "\n".join(lines)
        got = [(b.key, b.start, b.end) for b in index.update(text)]
        assert got == full_blocks(text)


def test_an_edit_reparses_a_window_and_keeps_the_other_blocks() -> None:
    text = assemble(long_sections(1500), fmt="markdown")
    index = BlockIndex(MarkdownIt("gfm-like"))
    before = list(index.update(text))
    edited = text.replace("In case 100001,", "In case 100001 (typed),", 1)
    assert edited != text
    after = index.update(edited)
    assert index.full_parses == 1  # only the first update parsed the whole text
    changed = [i for i, (a, b) in enumerate(zip(before, after)) if a is not b]
    assert len(before) == len(after) and len(changed) <= 3
    assert [b.key for b in after] == [key for key, _, _ in full_blocks(edited)]


def test_link_references_make_every_update_a_full_parse() -> None:
    index = BlockIndex(MarkdownIt("gfm-like"))
    index.update("See [the policy][p].\n\n[p]: https://example.com\n")
    index.update("See [the policy][p] again.\n\n[p]: https://example.com\n")
    assert index.full_parses == 2


# -- the widget ------------------------------------------------------------------------------


class TwoDocuments(App[None]):
    """The incremental document beside a stock one, to compare what each renders."""

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            yield BlockMarkdown(id="mine")
        with VerticalScroll():
            yield Markdown(id="stock", open_links=False)


def rendered(document: Markdown) -> list[tuple[str, str]]:
    """Every widget under the document, in order, with the text it shows."""
    shown = []
    for widget in document.query("*"):
        if isinstance(widget, Static):
            shown.append((type(widget).__name__, str(widget.content)))
        elif hasattr(widget, "symbol"):
            shown.append((type(widget).__name__, widget.symbol))
        else:
            shown.append((type(widget).__name__, ""))
    return shown


EDITS = [
    lambda t: t.replace("In case 100001,", "In case 100001 (a word typed),", 1),
    lambda t: t.replace("- In case 100007,", "- In case 100007 (typed in a list item),", 1),
    lambda t: t.replace("2. In case 100004,", "7. In case 100004,", 1),
    lambda t: t.replace("- In case 100006", "- In case 100006\n- a new item", 1),
    lambda t: t.replace("## Immediate Remedy", "A paragraph above the heading.\n\n## Immediate Remedy"),
    lambda t: t.replace("## Immediate Remedy", "```\nan open fence swallows the rest"),
    lambda t: t.replace("```\nan open fence swallows the rest", "## Immediate Remedy"),
    lambda t: t.replace("1. In case 100003", "1. In case 100003\n\n   a loose list now", 1),
    lambda t: t + "\n\n| a | b |\n|---|---|\n| 1 | 2 |\n",
    lambda t: t[: len(t) // 2],
    lambda t: "",
    lambda t: assemble(long_sections(600), fmt="markdown"),
]


async def test_incremental_updates_render_the_same_as_a_full_render() -> None:
    app = TwoDocuments()
    async with app.run_test(size=(100, 40)) as pilot:
        mine = app.query_one("#mine", BlockMarkdown)
        stock = app.query_one("#stock", Markdown)
        text = assemble(long_sections(600), fmt="markdown")
        for edit in [lambda t: t, *EDITS]:
            text = edit(text)
            await mine.update(text)
            await stock.update(text)
            await pilot.pause()
            assert rendered(mine) == rendered(stock)
        assert mine.index.full_parses < len(EDITS)


def test_every_edit_in_the_list_changes_the_text() -> None:
    text = assemble(long_sections(600), fmt="markdown")
    for edit in EDITS:
        edited = edit(text)
        assert edited != text
        text = edited


async def test_unchanged_blocks_keep_their_widgets() -> None:
    app = TwoDocuments()
    async with app.run_test(size=(100, 40)) as pilot:
        mine = app.query_one("#mine", BlockMarkdown)
        text = assemble(long_sections(600), fmt="markdown")
        await mine.update(text)
        await pilot.pause()
        before = list(mine.children)

        # A word typed in a paragraph: the same widget shows the new text.
        text = text.replace("In case 100001,", "In case 100001 (typed),", 1)
        await mine.update(text)
        await pilot.pause()
        assert list(mine.children) == before
        assert all(a is b for a, b in zip(mine.children, before))
        changed = mine.last_changed
        assert len(changed) == 1 and "(typed)" in str(changed[0].content)

        # A word typed in a list item: the list keeps its widgets, the item shows the text.
        text = text.replace("- In case 100007,", "- In case 100007 (typed),", 1)
        await mine.update(text)
        await pilot.pause()
        assert all(a is b for a, b in zip(mine.children, before))
        assert "(typed)" in str(mine.last_changed[0].content)

        # An item added to a list: only that list is rebuilt.
        await mine.update(text.replace("- In case 100006", "- In case 100006\n- new item", 1))
        await pilot.pause()
        after = list(mine.children)
        assert len(after) == len(before)
        replaced = [i for i, (a, b) in enumerate(zip(before, after)) if a is not b]
        assert len(replaced) == 1
        assert type(after[replaced[0]]).__name__ == "MarkdownBulletList"


class PreviewApp(App[None]):
    """One preview over a draft the test changes (`app.draft`)."""

    def __init__(self, draft: Sections) -> None:
        super().__init__()
        self.draft = draft

    def compose(self) -> ComposeResult:
        yield PoaPreview(lambda: self.draft, id="preview")


async def test_the_preview_waits_for_a_pause_and_skips_work_while_hidden() -> None:
    app = PreviewApp(Sections(root_cause="First words."))
    async with app.run_test(size=(80, 24)) as pilot:
        preview = app.query_one(PoaPreview)
        preview.changed(delay=0.05)
        await eventually(pilot, lambda: "First words." in preview.markdown)

        app.draft = Sections(root_cause="Second words.")
        preview.changed(delay=0.5)
        await pilot.pause()
        assert "First words." in preview.markdown  # typing goes on: nothing yet
        await eventually(pilot, lambda: "Second words." in preview.markdown)

        preview.display = False
        app.draft = Sections(root_cause="Third words.")
        preview.changed(delay=0.05)
        await asyncio.sleep(0.3)
        await pilot.pause()
        assert "Second words." in preview.markdown and preview.pending
        preview.display = True
        await pilot.pause(0.2)
        await preview.settle()
        assert "Third words." in preview.markdown and not preview.pending


async def test_blocks_far_from_view_are_parked_and_come_back_when_scrolled_to() -> None:
    app = PreviewApp(long_sections(3000))
    async with app.run_test(size=(80, 24)) as pilot:
        preview = app.query_one(PoaPreview)
        document = preview.document
        await preview.settle()
        await pilot.pause()
        await document.build_all()
        await pilot.pause()
        everything = len(list(document.query("*")))
        full_height = preview.virtual_size.height
        document.tend()
        await pilot.pause()
        assert preview.virtual_size.height == full_height  # spacers take exactly the room
        assert document.parked > len(document.blocks) // 2
        assert len(list(document.query("*"))) < everything // 2
        spacers = list(document.query(BlockSpacer))
        assert len(spacers) <= 2  # one run above the view at most, one below
        # A spacer is blank where it shows (scrolled to before its blocks are back): a plain
        # Widget draws its own class name, and "BlockSpacer" flashed by while scrolling.
        for spacer in spacers:
            assert "BlockSpacer" not in "".join(
                segment.text for segment in spacer.render_line(0))
        assert preview.virtual_size.height > 200  # spacers keep the full height to scroll

        last = document.blocks[-1]
        preview.scroll_end(animate=False)

        def last_block_text() -> str:
            built = last.widgets[0]
            return " ".join(str(w.content) for w in [built, *built.query(Static)]
                            if isinstance(w, Static))

        await eventually(pilot, lambda: "R-2" in last_block_text())

        # An edit far from the view still reaches the text, and the parked rest reads the same.
        app.draft = app.draft.with_text(
            "root_cause", app.draft.root_cause.replace("In case 1,", "In case 1 (edited),", 1))
        preview.changed(follow=False)
        await preview.settle()
        await pilot.pause()
        await document.build_all()
        await pilot.pause()
        assert document.parked == 0
        stock_app = TwoDocuments()
        async with stock_app.run_test(size=(80, 24)) as stock_pilot:
            stock = stock_app.query_one("#stock", Markdown)
            await stock.update(preview.markdown)
            await stock_pilot.pause()
            assert rendered(document) == rendered(stock)
            assert any("(edited)" in text for _, text in rendered(stock))


async def test_a_new_width_rebuilds_parked_blocks_at_their_new_height() -> None:
    app = PreviewApp(long_sections(3000))
    async with app.run_test(size=(100, 30)) as pilot:
        preview = app.query_one(PoaPreview)
        document = preview.document
        await preview.settle()
        await eventually(pilot, lambda: document.parked > 0)
        wide_height = preview.virtual_size.height
        await pilot.resize_terminal(60, 30)

        def measured_at_new_width() -> bool:
            parked = [b.parked for b in document.blocks if b.parked is not None]
            return bool(parked) and all(p.width == document.size.width for p in parked)

        await eventually(pilot, measured_at_new_width)
        assert preview.virtual_size.height > wide_height  # the text wraps into more lines
