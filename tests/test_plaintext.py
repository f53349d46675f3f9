"""Markdown to plain text for the appeal form: structure kept, markup gone, no word lost."""

from __future__ import annotations

import sys
import time
from textwrap import dedent

import pytest

from poa_tui.domain.plaintext import markdown_to_text


def render(markdown: str) -> str:
    return markdown_to_text(dedent(markdown))


# Lists -------------------------------------------------------------------------------------

def test_bullets_become_dashes_whatever_marker_was_typed():
    assert render("* one\n+ two\n") == "- one\n\n- two"  # two markers: two lists
    assert render("* one\n* two\n- three\n") == "- one\n- two\n\n- three"


def test_numbered_list_keeps_numbers():
    assert render("1. Pulled the listing\n2. Refunded buyers\n3. Audited stock\n") == (
        "1. Pulled the listing\n2. Refunded buyers\n3. Audited stock"
    )


def test_numbered_list_respects_its_start_number():
    assert render("3. third\n4. fourth\n") == "3. third\n4. fourth"
    assert render("0. zero\n1. one\n") == "0. zero\n1. one"


def test_numbers_follow_the_start_like_the_preview_does():
    # CommonMark numbers items from the first one, whatever was typed after it.
    assert render("7. a\n7. b\n7. c\n") == "7. a\n8. b\n9. c"


def test_parenthesis_numbers_keep_their_delimiter():
    assert render("1) first\n2) second\n") == "1) first\n2) second"


def test_list_numbers_past_nine_widen_the_hanging_indent():
    markdown = "9. nine\n10. ten\n    - under ten\n"
    assert render(markdown) == "9. nine\n10. ten\n    - under ten"


def test_nested_bullets_line_up_under_their_parent_text():
    markdown = """\
        - Supplier
          - Invoices checked
            - Dates match
        - Warehouse
        """
    assert render(markdown) == (
        "- Supplier\n"
        "  - Invoices checked\n"
        "    - Dates match\n"
        "- Warehouse"
    )


def test_bullets_nested_in_numbers_and_numbers_nested_in_bullets():
    markdown = """\
        1. Root cause
           - no supplier check
           - no invoice check
        2. Remedy
           1. refunds
           2. removals
              - ASIN B000000001
        """
    assert render(markdown) == (
        "1. Root cause\n"
        "   - no supplier check\n"
        "   - no invoice check\n"
        "2. Remedy\n"
        "   1. refunds\n"
        "   2. removals\n"
        "      - ASIN B000000001"
    )


def test_loose_list_keeps_one_blank_line_between_items():
    markdown = "- first\n\n- second\n\n  more about the second\n"
    assert render(markdown) == "- first\n\n- second\n\n  more about the second"


def test_tight_list_has_no_blank_lines_even_with_a_nested_list():
    markdown = "- first\n  - inner\n- second\n"
    assert render(markdown) == "- first\n  - inner\n- second"


def test_list_item_lines_wrap_under_the_text_not_the_marker():
    markdown = "12. first line  \n    after a hard break\n"
    assert render(markdown) == "12. first line\n    after a hard break"


def test_empty_list_items_keep_their_marker_without_trailing_space():
    assert render("-\n- b\n") == "-\n- b"
    assert render("1.\n2. b\n") == "1.\n2. b"


def test_list_after_paragraph_is_separated_by_one_blank_line():
    assert render("We did this:\n\n- refunds\n- removals\n\nThen:\n") == (
        "We did this:\n\n- refunds\n- removals\n\nThen:"
    )


# Numbers in prose ----------------------------------------------------------------------------

def test_numbers_in_prose_are_untouched():
    text = "Our ODR was 2.1% against a 1% target; 3 of 140 orders (2.14 %) were late."
    assert render(text) == text


def test_a_year_at_the_start_of_a_line_is_kept():
    # "2023. was..." parses as an ordered list starting at 2023; the number must survive.
    assert render("2023. was the year we changed suppliers\n") == (
        "2023. was the year we changed suppliers"
    )


# Inline markup -------------------------------------------------------------------------------

def test_emphasis_strong_and_strikethrough_markers_are_removed():
    assert render("We *never* **again** ~~sold~~ _used_ __items__ as new.") == (
        "We never again sold used items as new."
    )


def test_inline_code_keeps_its_text():
    assert render("Set `handling_time = 2` on SKU `AB-12`.") == (
        "Set handling_time = 2 on SKU AB-12."
    )


def test_literal_markup_characters_survive_when_escaped_or_unmatched():
    assert render(r"Rates \*before\* and 5 * 3 = 15 and a_b_c") == (
        "Rates *before* and 5 * 3 = 15 and a_b_c"
    )


def test_entities_become_their_characters():
    assert render("Smith &amp; Sons &copy; &#35;1") == "Smith & Sons © #1"


def test_links_show_text_then_address():
    assert render("See [our invoice](https://example.com/inv/42) for details.") == (
        "See our invoice (https://example.com/inv/42) for details."
    )


def test_formatted_link_text_loses_its_markers():
    assert render("[**the** invoice](https://example.com)") == "the invoice (https://example.com)"


def test_reference_links_show_their_address():
    assert render("Read [the policy][p].\n\n[p]: https://example.com/policy\n") == (
        "Read the policy (https://example.com/policy)."
    )


def test_autolinks_stay_a_bare_address():
    assert render("Mail <help@example.com> or open <https://example.com/a%20b>.") == (
        "Mail help@example.com or open https://example.com/a%20b."
    )


def test_link_whose_text_is_its_address_is_not_repeated():
    assert render("[https://example.com](https://example.com)") == "https://example.com"
    assert render("[help@example.com](mailto:help@example.com)") == "help@example.com"


def test_link_without_text_shows_the_address():
    assert render("Proof: [](https://example.com/proof)") == "Proof: https://example.com/proof"


def test_link_addresses_read_as_written():
    # markdown-it escapes non-ASCII letters and punycodes hosts; the reader gets them back,
    # while an escape the writer typed (%20) stays so the address still works.
    assert render("[page](https://exämple.com/päge%20two)") == (
        "page (https://exämple.com/päge%20two)"
    )


def test_bare_urls_in_text_stay_as_written():
    assert render("Visit https://example.com/a_b_c today") == "Visit https://example.com/a_b_c today"


def test_images_become_their_alt_text():
    assert render("Label: ![photo of *the* label](label.png)") == "Label: photo of the label"
    assert render("![](empty.png) after") == "after"


def test_inline_html_passes_through_as_text():
    assert render("Batch <b>42</b> only") == "Batch <b>42</b> only"


# Blocks --------------------------------------------------------------------------------------

def test_paragraphs_are_separated_by_exactly_one_blank_line():
    assert render("One.\n\n\n\n\nTwo.\n") == "One.\n\nTwo."


def test_soft_line_breaks_join_like_the_preview():
    assert render("first half\nsecond half") == "first half second half"


def test_hard_line_breaks_are_kept():
    assert render("Line one  \nLine two\\\nLine three") == "Line one\nLine two\nLine three"


def test_headings_stand_on_their_own_line_without_hashes():
    assert render("# What *went* wrong\nIt began in May.\n\nSetext title\n---\n") == (
        "What went wrong\n\nIt began in May.\n\nSetext title"
    )


def test_block_quotes_keep_their_text_behind_a_marker():
    markdown = "> Your account has been deactivated.\n>\n> > quoted twice\n\nOur reply.\n"
    assert render(markdown) == (
        "> Your account has been deactivated.\n>\n> > quoted twice\n\nOur reply."
    )


def test_fenced_code_keeps_its_lines_and_indentation():
    markdown = "```text\nSKU   QTY\nAB-1    4\n\n  indented\n```\n"
    assert render(markdown) == "SKU   QTY\nAB-1    4\n\n  indented"


def test_indented_code_keeps_its_lines():
    assert render("Before:\n\n    line one\n      line two\n") == "Before:\n\nline one\n  line two"


def test_code_blank_line_runs_and_trailing_spaces_are_tidied():
    assert render("```\na   \n\n\n\nb\n```") == "a\n\nb"


def test_html_blocks_pass_through_as_text():
    assert render("<div>\nkept *as is*\n</div>\n") == "<div>\nkept *as is*\n</div>"


def test_thematic_break_becomes_a_separator_line():
    assert render("above\n\n***\n\nbelow") == "above\n\n----------\n\nbelow"


def test_tables_become_readable_rows():
    markdown = """\
        | Order | Reason |
        |---|:-:|
        | 111-1234567-1234567 | **late** |
        | | empty first cell |
        """
    assert render(markdown) == (
        "Order | Reason\n111-1234567-1234567 | late\n| empty first cell"
    )


def test_structures_nest_inside_list_items():
    markdown = """\
        1. Quote:

           > the notice

        2. Code:

           ```
           x = 1
           ```
        """
    assert render(markdown) == "1. Quote:\n\n   > the notice\n\n2. Code:\n\n   x = 1"


# Text of every kind --------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "Café crème, naïve résumé, Straße, Ørsted",
    "日本の倉庫から出荷しました。",
    "Shipped 📦 on time ✅ 👍🏽",
    "שלום עולם and مرحبا بالعالم",
    "Zero\u200bwidth and non\u00a0breaking",
    "全角\u3000スペース",
])
def test_non_ascii_text_passes_through_unchanged(text):
    assert render(text) == text
    assert render(f"- **{text}**") == f"- {text}"


def test_empty_and_blank_input_give_empty_text():
    assert render("") == ""
    assert render(" \n\t\n  ") == ""


def test_windows_line_endings_are_understood():
    assert render("- a\r\n- b\r\n\r\npara\r\n") == "- a\n- b\n\npara"


def test_nesting_deeper_than_the_parser_allows_keeps_every_word():
    deep = "> " * 150 + "the last word"
    assert render(deep).endswith("the last word")
    outline = "\n".join("  " * level + f"- level{level}" for level in range(80))
    result = render(outline)
    assert all(f"level{level}" in result for level in range(80))


def test_deep_call_stack_does_not_raise():
    # Called from a nearly exhausted stack, the parser's own recursion fails; text still comes back.
    markdown = "> " * 60 + "**still** here"
    depth = 0
    frame = sys._getframe()
    while frame is not None:
        depth += 1
        frame = frame.f_back
    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(depth + 40)
    try:
        result = markdown_to_text(markdown)
    finally:
        sys.setrecursionlimit(limit)
    assert result == markdown
    # That fallback is not remembered: from a normal stack the same text renders properly.
    assert markdown_to_text(markdown) == "> " * 60 + "still here"


def test_output_never_has_trailing_space_or_double_blank_lines():
    markdown = "a  \n\n\n> b  \n>\n>\n>  \n\n- c   \n\n\n\n- d\n\n```\n  \n\n\n```\n   "
    result = render(markdown)
    assert "\n\n\n" not in result
    assert all(line == line.rstrip() for line in result.split("\n"))
    assert result == result.strip()


def test_five_thousand_words_render_whole():
    # How long it takes is measured by scripts/bench.py (P15@plaintext), not here.
    paragraph = "We checked " + " ".join(f"**invoice{n}** from [supplier](https://e.com/{n})"
                                         for n in range(10))
    items = "\n".join(f"{n}. refunded order number {n} and removed listing" for n in range(1, 8))
    block = f"{paragraph}\n\n{items}\n\n- nested\n  - bullets here\n"
    markdown = "\n\n".join([block] * 55)
    assert 4500 < len(markdown.split()) < 5500
    text = markdown_to_text(markdown)
    assert text.count("7. refunded order number 7 and removed listing") == 55
    assert "**" not in text and "invoice9 from supplier (https://e.com/9)" in text


def test_results_are_cached_for_unchanged_text():
    markdown = "cached **once** " + str(time.perf_counter_ns())
    first = markdown_to_text(markdown)
    assert markdown_to_text(markdown) is first
