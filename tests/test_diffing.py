"""When a section counts as rewritten (shown whole) and when it keeps its word diff."""

from __future__ import annotations

import pytest

from poa_tui.domain.diffing import (
    KEPT_WHOLE,
    REWRITTEN_BELOW,
    Chunk,
    diff_sections,
    likeness,
    section_diff,
    similarity,
    word_diff,
)
from poa_tui.domain.models import Sections
from poa_tui.domain.vocab import SECTIONS, Section
from poa_tui.storage.demo import demo_case


def words(shared: int, own: str) -> str:
    """Ten words: the first `shared` of a fixed list, then words unique to `own`."""
    return " ".join(["we", "check", "every", "parcel"][:shared]
                    + [f"{own}{n}" for n in range(10 - shared)])


@pytest.mark.parametrize(("shared", "rewritten"), [(3, True), (4, False)])
def test_the_threshold_is_40_percent_alike(shared: int, rewritten: bool) -> None:
    assert REWRITTEN_BELOW == 0.4
    like = likeness(words(shared, "old"), words(shared, "new"))
    assert like.alike == pytest.approx(shared / 10)
    assert like.rewritten is rewritten


def test_the_demo_attempts_are_rewritten_in_every_section() -> None:
    case = demo_case()
    first, second = (attempt.sections for attempt in case.submissions)
    assert similarity(first, second) == pytest.approx(0.11, abs=0.01)
    for diff in diff_sections(first, second):
        assert diff.rewritten is not None and diff.rewritten < REWRITTEN_BELOW, diff.section
        assert diff.chunks == [Chunk("removed", first[diff.section]),
                               Chunk("added", second[diff.section])]
        assert diff.added_removed == (len(second[diff.section].split()),
                                      len(first[diff.section].split()))


def test_similar_versions_keep_the_word_diff() -> None:
    old = "We check the stock weekly and log it in the shared sheet."
    new = "We check the stock every day and log it in the shared sheet."
    diff = section_diff(Section.ROOT_CAUSE, old, new)
    assert diff.rewritten is None and diff.chunks == word_diff(old, new)


def test_text_only_added_to_or_only_cut_is_not_a_rewrite() -> None:
    short = "We closed the two listings."
    longer = short + " " + " ".join(f"Then step {n} was taken by the team." for n in range(12))
    for old, new in ((short, longer), (longer, short)):
        like = likeness(old, new)
        assert like.alike < REWRITTEN_BELOW and like.kept >= KEPT_WHOLE
        assert section_diff(Section.IMMEDIATE_REMEDY, old, new).rewritten is None


def test_an_empty_side_is_a_plain_addition_or_removal() -> None:
    diff = section_diff(Section.SYSTEMATIC_CHANGES, "", "Helen approves every new supplier.")
    assert diff.rewritten is None and diff.added_removed == (5, 0)
    assert likeness("", "").alike == 1.0 and not likeness("", "").rewritten


def test_layout_alone_does_not_make_a_rewrite() -> None:
    text = "- We closed the listings.\n- We refunded the buyers."
    assert likeness(text, text.replace("\n", "\n\n")).alike == 1.0


def test_similarity_over_the_whole_plan_is_unchanged_by_the_per_section_view() -> None:
    assert similarity(Sections(), Sections()) == 1.0
    assert similarity(Sections(root_cause="a b"), Sections()) == 0.0
    plan = Sections(root_cause="a b c", immediate_remedy="d e", systematic_changes="f")
    moved = Sections(root_cause="a b", immediate_remedy="c d e", systematic_changes="f")
    assert similarity(plan, moved) == 1.0
    assert [d.section for d in diff_sections(plan, moved)] == list(SECTIONS)
