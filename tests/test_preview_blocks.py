"""The preview's block index on its own, without Textual: how a Markdown text splits into
top-level blocks, which blocks an edit re-parses, and which carry over to the next render."""

from __future__ import annotations

from editor_support import long_sections
from markdown_it import MarkdownIt

from poa_tui.domain.assembly import assemble
from poa_tui.domain.models import Sections
from poa_tui.domain.vocab import Section
from poa_tui.tui.preview_blocks import (
    Block,
    BlockIndex,
    diff_blocks,
    heading_block,
    shape,
    split_blocks,
)

DOC = """# Plan of Action

We traced the late orders to one carrier.

- first step
- second step

1. one
2. two

```python
print("hi")
```

## Root Cause

The last paragraph."""


def new_index() -> BlockIndex:
    return BlockIndex(MarkdownIt("gfm-like"))


def summary(blocks: list[Block]) -> list[tuple[str, int, int]]:
    return [(b.key, b.start, b.end) for b in blocks]


def full_parse(text: str) -> list[tuple[str, int, int]]:
    return summary(new_index().update(text))


def kinds(blocks: list[Block]) -> list[str]:
    return [b.key.split("\x00", 1)[0] for b in blocks]


# -- splitting --------------------------------------------------------------------------------


def test_a_document_splits_into_its_top_level_blocks_with_their_lines() -> None:
    blocks = new_index().update(DOC)
    assert kinds(blocks) == ["heading_open", "paragraph_open", "bullet_list_open",
                             "ordered_list_open", "fence", "heading_open", "paragraph_open"]
    lines = DOC.split("\n")
    # Each block's lines are its source, without the blank line after it.
    assert [lines[b.start:b.end] for b in blocks] == [
        ["# Plan of Action"],
        ["We traced the late orders to one carrier."],
        ["- first step", "- second step"],
        ["1. one", "2. two"],
        ["```python", 'print("hi")', "```"],
        ["## Root Cause"],
        ["The last paragraph."],
    ]
    # Every token of a list stays with its list: nothing of it leaks into the next block.
    bullets = blocks[2]
    assert bullets.tokens[0].type == "bullet_list_open"
    assert bullets.tokens[-1].type == "bullet_list_close"
    assert sum(t.type == "list_item_open" for t in bullets.tokens) == 2


def test_a_key_holds_the_kind_the_fence_info_and_the_source() -> None:
    blocks = new_index().update(DOC)
    assert blocks[0].key == "heading_open\x00\x00# Plan of Action"
    assert blocks[4].key == 'fence\x00python\x00```python\nprint("hi")\n```'
    # The same words as a heading and as a paragraph are different blocks.
    heading, paragraph = new_index().update("# Words\n\nWords")
    assert heading.key != paragraph.key


def test_equal_blocks_have_equal_keys_wherever_they_sit() -> None:
    a = new_index().update("Same paragraph.\n\n\n\nOther.")
    b = new_index().update("Intro.\n\nSame paragraph.")
    assert a[0].key == b[1].key
    assert (a[0].end - a[0].start) == (b[1].end - b[1].start) == 1


def test_split_blocks_counts_lines_from_the_offset_given() -> None:
    lines = ["ignored", "ignored", "A paragraph", "", "- item"]
    tokens = MarkdownIt("gfm-like").parse("\n".join(lines[2:]), {})
    blocks = split_blocks(tokens, lines, offset=2)
    assert [(b.start, b.end) for b in blocks] == [(2, 3), (4, 5)]
    assert blocks[1].tokens[0].map == [4, 5]


def test_empty_and_blank_text_have_no_blocks() -> None:
    index = new_index()
    assert index.update("") == []
    assert index.update("\n\n   \n") == []
    assert index.update("Now some words.") != []
    assert index.update("") == []


def test_windows_line_endings_read_like_unix_ones() -> None:
    assert full_parse("# Title\r\n\r\nWords here.\r\n") == full_parse("# Title\n\nWords here.\n")
    assert full_parse("one\rtwo") == full_parse("one\ntwo")


# -- edits: only a window is re-parsed, the other blocks are kept -----------------------------


def edit_and_compare(before: str, after: str) -> tuple[list[Block], list[Block], BlockIndex]:
    """Update an index from `before` to `after`; the result must equal a fresh full parse."""
    index = new_index()
    old = list(index.update(before))
    new = index.update(after)
    assert summary(new) == full_parse(after)
    return old, new, index


def kept(old: list[Block], new: list[Block]) -> list[int]:
    """Positions in `new` holding the very same object as in `old`."""
    ids = {id(b) for b in old}
    return [i for i, b in enumerate(new) if id(b) in ids]


def test_an_edit_at_the_start_keeps_the_blocks_after_it() -> None:
    old, new, index = edit_and_compare(DOC, DOC.replace("# Plan of Action", "# Our Plan of Action"))
    assert index.full_parses == 1
    assert kept(old, new) == list(range(1, 7))  # the block after the window closes it
    assert new[0].key.endswith("# Our Plan of Action")


def test_an_edit_in_the_middle_keeps_both_ends() -> None:
    old, new, index = edit_and_compare(DOC, DOC.replace("- second step", "- second, longer step"))
    assert index.full_parses == 1
    # The window re-parses from the block before the change (it could be a setext heading now).
    assert kept(old, new) == [0, 3, 4, 5, 6]
    assert new[2].key.endswith("- second, longer step")


def test_an_edit_at_the_end_keeps_everything_before_it() -> None:
    old, new, index = edit_and_compare(DOC, DOC + " And one more sentence.")
    assert index.full_parses == 1
    assert kept(old, new) == list(range(0, 5))
    assert new[-1].key.endswith("And one more sentence.")


def test_blocks_after_added_lines_move_down_and_stay_the_same_objects() -> None:
    old, new, _ = edit_and_compare(DOC, DOC.replace("- second step", "- second step\n- third step"))
    assert len(new) == len(old)
    for before_pos, block in zip(range(4, 7), new[4:]):
        assert block is old[before_pos]
    assert new[-1].start == DOC.split("\n").index("The last paragraph.") + 1


def test_no_change_gives_back_the_same_list() -> None:
    index = new_index()
    first = index.update(DOC)
    assert index.update(DOC) is first
    assert index.full_parses == 1


def test_a_list_item_typed_in_a_list_stays_one_list() -> None:
    _, new, _ = edit_and_compare(DOC, DOC.replace("2. two", "2. two\n3. three"))
    assert kinds(new).count("ordered_list_open") == 1
    assert new[3].key.endswith("2. two\n3. three")


def test_a_line_typed_under_a_paragraph_can_turn_it_into_a_heading() -> None:
    # A setext underline changes the block above it: the window must reach back to it.
    _, new, _ = edit_and_compare(DOC, DOC.replace("carrier.\n", "carrier.\n===\n"))
    assert kinds(new)[1] == "heading_open"


def test_an_opened_fence_swallowing_the_rest_parses_the_whole_text() -> None:
    text = DOC.replace("## Root Cause", "```\n## Root Cause")
    old, new, _ = edit_and_compare(DOC, text)
    assert kinds(new)[-1] == "fence"
    # Closing it again gives the old blocks back.
    _, back, _ = edit_and_compare(text, DOC)
    assert summary(back) == summary(old)


def test_an_edit_inside_a_fence_keeps_the_blocks_around_it() -> None:
    old, new, index = edit_and_compare(DOC, DOC.replace('print("hi")', 'print("hello")'))
    assert index.full_parses == 1
    assert kept(old, new) == [0, 1, 2, 5, 6]


def test_a_5000_word_plan_takes_a_typed_word_by_re_parsing_a_few_blocks() -> None:
    text = assemble(long_sections(5000), fmt="markdown")
    assert len(text.split()) > 4500
    index = new_index()
    old = list(index.update(text))
    assert len(old) > 50
    typed = text.replace("In case 200004,", "In case 200004 (typed),", 1)
    assert typed != text
    new = index.update(typed)
    assert index.full_parses == 1
    assert summary(new) == full_parse(typed)
    # Only the block typed in and the one before it (the window's start) are new objects.
    assert len(new) == len(old) and len(new) - len(kept(old, new)) <= 2


# -- which blocks changed ---------------------------------------------------------------------


def test_diff_blocks_names_the_changed_run_and_carries_the_rest_over() -> None:
    index = new_index()
    old = list(index.update(DOC))
    for position, block in enumerate(old):
        block.widgets, block.shape, block.parked = [f"widget {position}"], ("shape",), None
    old[6].parked = "parked"
    new = index.update(DOC.replace("- second step", "- second step\n- third step"))
    change = diff_blocks(old, new)
    assert change.stale == [old[2]] and change.fresh == [new[2]]
    assert change.tail == new[3:]
    assert new[2].widgets is None  # the changed list is to be built again
    assert [b.widgets for b in new[:2]] == [["widget 0"], ["widget 1"]]
    assert [b.widgets for b in change.tail] == [[f"widget {n}"] for n in range(3, 7)]
    assert new[6].parked == "parked"


def test_diff_blocks_carries_widgets_to_equal_blocks_that_are_new_objects() -> None:
    # A full parse makes new objects for every block; equal keys still keep their widgets.
    old = new_index().update(DOC)
    for block in old:
        block.widgets = [block.key]
    new = new_index().update(DOC.replace("We traced", "We have traced"))
    change = diff_blocks(old, new)
    assert [b.widgets for b in new if b not in change.fresh] == [
        [b.key] for b in new if b not in change.fresh]
    assert len(change.fresh) == len(change.stale) == 1


def test_diff_blocks_from_and_to_nothing() -> None:
    blocks = new_index().update(DOC)
    appear = diff_blocks([], blocks)
    assert appear.stale == [] and appear.fresh == blocks and appear.tail == []
    vanish = diff_blocks(blocks, [])
    assert vanish.stale == blocks and vanish.fresh == [] and vanish.tail == []


def test_the_shape_ignores_words_but_not_structure_or_code() -> None:
    def block_shape(text: str) -> tuple:
        (block,) = new_index().update(text)
        return shape(block.tokens)

    assert block_shape("- one word\n- two") == block_shape("- other words here\n- two")
    assert block_shape("- one\n- two") != block_shape("- one\n- two\n- three")
    assert block_shape("1. one") != block_shape("3. one")
    assert block_shape("```\nx = 1\n```") != block_shape("```\nx = 2\n```")


def test_heading_block_finds_each_section_heading_in_order() -> None:
    sections = Sections(root_cause="Why.", immediate_remedy="Fixed.",
                        systematic_changes="## Root Cause\n\nLooks like a heading, comes late.")
    blocks = new_index().update(assemble(sections, fmt="markdown"))
    root = heading_block(blocks, Section.ROOT_CAUSE)
    remedy = heading_block(blocks, Section.IMMEDIATE_REMEDY)
    changes = heading_block(blocks, Section.SYSTEMATIC_CHANGES)
    assert root is blocks[0] and root.key.endswith("## Root Cause")
    assert remedy is not None and remedy.key.endswith("## Immediate Remedy")
    assert changes is not None and changes.start > remedy.start
    assert heading_block(new_index().update("Just words."), Section.ROOT_CAUSE) is None


def test_heading_block_skips_a_later_heading_written_before_its_section() -> None:
    text = "## Immediate Remedy\n\nToo early.\n\n## Root Cause\n\nWhy.\n\n## Immediate Remedy\n\nFix."
    blocks = new_index().update(text)
    remedy = heading_block(blocks, Section.IMMEDIATE_REMEDY)
    assert remedy is blocks[4]
