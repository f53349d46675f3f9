"""Assembling the final POA, whole or one section, and counting what the form receives."""

from __future__ import annotations

import pytest

from poa_tui.domain.assembly import (
    EXPORT_FORMATS,
    Counts,
    assemble,
    section_counts,
    text_counts,
    total_counts,
)
from poa_tui.domain.models import Sections
from poa_tui.domain.vocab import Section


@pytest.fixture
def sections() -> Sections:
    return Sections(
        root_cause="We sold **used** returns as new.\n\n- no grading\n- no photos\n",
        immediate_remedy="1. Removed [the listing](https://example.com/l)\n2. Refunded buyers\n",
        systematic_changes="\n\nEvery return is *graded* before restocking.  \n",
    )


def test_export_formats_are_text_and_markdown():
    assert EXPORT_FORMATS == ("text", "markdown")


def test_text_puts_each_label_on_its_own_line_in_poa_order(sections):
    assert assemble(sections, "text") == (
        "Root Cause\n"
        "We sold used returns as new.\n\n"
        "- no grading\n- no photos\n\n"
        "Immediate Remedy\n"
        "1. Removed the listing (https://example.com/l)\n2. Refunded buyers\n\n"
        "Systematic Changes\n"
        "Every return is graded before restocking."
    )


def test_text_is_the_default_format(sections):
    assert assemble(sections) == assemble(sections, "text")


def test_markdown_gives_a_level_two_heading_per_section(sections):
    assert assemble(sections, "markdown") == (
        "## Root Cause\n\n"
        "We sold **used** returns as new.\n\n- no grading\n- no photos\n\n"
        "## Immediate Remedy\n\n"
        "1. Removed [the listing](https://example.com/l)\n2. Refunded buyers\n\n"
        "## Systematic Changes\n\n"
        "Every return is *graded* before restocking."
    )


@pytest.mark.parametrize("fmt", EXPORT_FORMATS)
def test_empty_sections_keep_their_heading(fmt):
    draft = Sections(immediate_remedy="Refunded every buyer.", systematic_changes="  \n\n ")
    result = assemble(draft, fmt)
    marks = "## " if fmt == "markdown" else ""
    assert result.startswith(f"{marks}Root Cause\n\n{marks}Immediate Remedy\n")
    assert result.endswith(f"Refunded every buyer.\n\n{marks}Systematic Changes")


@pytest.mark.parametrize("fmt", EXPORT_FORMATS)
def test_an_empty_draft_still_lists_all_three_headings(fmt):
    labels = [line.removeprefix("## ") for line in assemble(Sections(), fmt).split("\n\n")]
    assert labels == ["Root Cause", "Immediate Remedy", "Systematic Changes"]


def test_only_gives_one_section_body_without_heading(sections):
    assert assemble(sections, "text", only=Section.IMMEDIATE_REMEDY) == (
        "1. Removed the listing (https://example.com/l)\n2. Refunded buyers"
    )
    assert assemble(sections, "markdown", only=Section.ROOT_CAUSE) == (
        "We sold **used** returns as new.\n\n- no grading\n- no photos"
    )


def test_only_accepts_a_section_id_string(sections):
    assert assemble(sections, only="systematic_changes") == (
        "Every return is graded before restocking."
    )


@pytest.mark.parametrize("fmt", EXPORT_FORMATS)
def test_only_an_empty_section_gives_empty_text(fmt):
    assert assemble(Sections(root_cause="x"), fmt, only=Section.SYSTEMATIC_CHANGES) == ""


def test_only_ignores_the_title(sections):
    assert assemble(sections, only=Section.ROOT_CAUSE, title="Case 7") == (
        assemble(sections, only=Section.ROOT_CAUSE)
    )


def test_title_comes_first(sections):
    text = assemble(sections, "text", title="  Plan of Action:\nSeller  ACME ")
    assert text.startswith("Plan of Action: Seller ACME\n\nRoot Cause\n")
    markdown = assemble(sections, "markdown", title="Plan of Action")
    assert markdown.startswith("# Plan of Action\n\n## Root Cause\n\n")


def test_blank_title_adds_nothing(sections):
    assert assemble(sections, title="  ") == assemble(sections)


def test_markdown_bodies_lose_surrounding_blank_lines_but_keep_indentation():
    draft = Sections(root_cause="\r\n  \n    code line\r\n  \n")
    assert assemble(draft, "markdown", only=Section.ROOT_CAUSE) == "    code line"


def test_unknown_format_is_refused(sections):
    with pytest.raises(ValueError, match="unknown export format 'html'"):
        assemble(sections, "html")


def test_unknown_section_is_refused(sections):
    with pytest.raises(ValueError):
        assemble(sections, only="summary")


# Counts --------------------------------------------------------------------------------------

def test_counts_ignore_markup_but_count_link_addresses_the_form_receives():
    assert text_counts("**We** *refunded* [every buyer](https://example.com/a/long/path)") == (
        Counts(words=5, characters=len("We refunded every buyer (https://example.com/a/long/path)"))
    )


def test_list_markers_and_table_pipes_are_not_words():
    assert text_counts("- one\n- two\n\n| a | b |\n|---|---|\n| c | d |").words == 6


def test_counts_include_line_breaks_as_characters():
    assert text_counts("ab\n\ncd") == Counts(words=2, characters=6)


def test_counts_of_empty_text_are_zero():
    assert text_counts("") == Counts()
    assert text_counts(" \n ") == Counts(0, 0)


def test_characters_count_code_points_of_non_ascii_text():
    assert text_counts("Café 日本 📦") == Counts(words=2, characters=9)


def test_section_counts_cover_every_section_in_order(sections):
    counts = section_counts(sections)
    assert list(counts) == [Section.ROOT_CAUSE, Section.IMMEDIATE_REMEDY,
                            Section.SYSTEMATIC_CHANGES]
    assert counts[Section.ROOT_CAUSE] == Counts(words=10, characters=len(
        "We sold used returns as new.\n\n- no grading\n- no photos"))
    assert counts[Section.SYSTEMATIC_CHANGES].words == 6


def test_total_counts_add_up_the_sections(sections):
    parts = section_counts(sections).values()
    total = total_counts(sections)
    assert total.words == sum(c.words for c in parts) == 10 + 8 + 6
    assert total.characters == sum(c.characters for c in parts)


def test_total_counts_of_empty_draft_are_zero():
    assert total_counts(Sections()) == Counts(0, 0)


def test_counts_add_and_are_immutable():
    assert Counts(2, 10) + Counts(3, 5) == Counts(5, 15)
    with pytest.raises(AttributeError):
        Counts().words = 3  # type: ignore[misc]
