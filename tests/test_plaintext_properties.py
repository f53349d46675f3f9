"""Properties of the plain-text renderer that must hold for any input."""

from __future__ import annotations

import re
from collections import Counter

from hypothesis import given
from hypothesis import strategies as st

from poa_tui.domain.plaintext import markdown_to_text

# Pieces of Markdown syntax, so arbitrary text often forms (and breaks) real structures.
_SYNTAX = st.sampled_from([
    "\n", "\n\n", "  \n", "\\\n", "\r", "\r\n", "\t", "    ", "- ", "* ", "+ ", "1. ", "7) ",
    "> ", "# ", "## ", "```", "~~~", "*", "**", "_", "__", "~~", "`", "[", "]", "](", ")",
    "![", "<", ">", "<div>", "</div>", "<!--", "-->", "<http://x.y/z>", "[r]: /url", "[r]",
    "|", "| a | b |\n|---|---|\n", "---", "===", "\\", "&amp;", "&#0;", "&#x1F4E6;",
    "\x00", "\x1b[31m", "\x0b", "\x0c", "\x1c", "\x85", "\u2028", "\u200f", "\ufeff",
])
# Any code point at all, lone surrogates and control characters included.
_ANY_CHARACTER = st.characters(exclude_categories=())
_ANY_TEXT = st.lists(st.one_of(_SYNTAX, st.text(_ANY_CHARACTER, max_size=6)), max_size=40).map(
    "".join
)


@given(_ANY_TEXT)
def test_never_raises_and_output_is_tidy(markdown):
    result = markdown_to_text(markdown)
    assert isinstance(result, str)
    assert result == result.rstrip()
    assert not result.startswith("\n")
    assert "\n\n\n" not in result
    assert all(line == line.rstrip() for line in result.split("\n"))


@given(st.text(_ANY_CHARACTER))
def test_never_raises_on_plain_arbitrary_text(text):
    markdown_to_text(text)


# Words of letters and digits only, so no word can itself be read as Markdown syntax.
_WORD = st.text(st.characters(categories=("L", "Nd")), min_size=1, max_size=10)
_SPAN = st.one_of(
    _WORD,
    _WORD.map("*{}*".format),
    _WORD.map("**{}**".format),
    _WORD.map("~~{}~~".format),
    _WORD.map("`{}`".format),
    st.lists(_WORD, min_size=1, max_size=3).map(" ".join).map("[{}](https://example.com/)".format),
    _WORD.map("![{}](photo.png)".format),
)
_LINE = st.lists(_SPAN, min_size=1, max_size=8).map(" ".join)
_BLOCK = st.tuples(
    st.sampled_from(["", "", "- ", "1. ", "3) ", "> ", "# ", "### ", "- > ", "> 1. "]),
    st.lists(_LINE, min_size=1, max_size=4),
    st.sampled_from(["\n", "  \n"]),
).map(lambda parts: parts[0] + parts[2].join(parts[1]))
_DOCUMENT = st.lists(_BLOCK, min_size=1, max_size=6).map("\n\n".join)
_WORDS = re.compile(r"\w+")
_DESTINATION = re.compile(r"\]\([^)]*\)")
_NUMBER_MARKER = re.compile(r"^(?:> )?\d+[.)] ", re.MULTILINE)
"""List numbers are markup: CommonMark renumbers items from the first one."""


@given(_DOCUMENT)
def test_every_word_of_letters_and_digits_survives(markdown):
    # Markers, link syntax and image syntax go, but each word stays whole: none is lost,
    # split or glued to a neighbour.
    text = _NUMBER_MARKER.sub("", _DESTINATION.sub("] ", markdown))
    written = Counter(_WORDS.findall(text))
    rendered = Counter(_WORDS.findall(markdown_to_text(markdown)))
    assert written <= rendered


@given(st.lists(st.lists(st.lists(_WORD, min_size=1, max_size=6), min_size=1, max_size=4),
                min_size=1, max_size=5))
def test_plain_paragraphs_come_out_as_written_with_lines_joined(paragraphs):
    markdown = "\n\n".join("\n".join(" ".join(line) for line in lines) for lines in paragraphs)
    expected = "\n\n".join(" ".join(" ".join(line) for line in lines) for lines in paragraphs)
    assert markdown_to_text(markdown) == expected
