"""Splitting a section's Markdown into sentences that keep their character offsets."""

from __future__ import annotations

import re
from typing import NamedTuple

_LIST_MARKER = re.compile(r"[ \t]*(?:[-*+\u2022][ \t]+|\d{1,3}[.)][ \t]+)")
_HEADING = re.compile(r"[ \t]*#{1,6}(?:[ \t]|$)")
_SENTENCE_END = re.compile(r"[.!?]+[\"'\u2019\u201d)\]]*(?=\s|$)")
_TITLES = frozenset("mr mrs ms dr st no nos fig ref vs".split())
"""Abbreviations that never end a sentence."""
_ABBREVIATIONS = frozenset(
    "e.g i.e etc approx incl inc ltd co corp dept jan feb mar apr jun jul aug sep sept oct nov "
    "dec".split())
"""Abbreviations that end a sentence only when a capital letter follows."""
WORD = re.compile(r"\S+")
_LIST_LINE = re.compile(r"^[ \t]*(?:[-*+\u2022]|\d{1,3}[.)])[ \t]+\S", re.MULTILINE)


class Sentence(NamedTuple):
    """One sentence (or heading, or list item) and where it sits in the section text."""

    start: int
    end: int
    text: str

    @property
    def words(self) -> int:
        return len(self.text.split())


def _blocks(text: str) -> list[tuple[int, int]]:
    """Paragraphs, headings and list items as (start, end) spans, list markers left out."""
    blocks: list[tuple[int, int]] = []
    current: list[int] | None = None
    offset = 0
    for line in text.splitlines(keepends=True):
        body = line.rstrip("\r\n")
        start, end = offset, offset + len(body)
        offset += len(line)
        if not body.strip():
            current = None
            continue
        marker = _LIST_MARKER.match(body)
        heading = _HEADING.match(body)
        if marker:
            start += marker.end()
        if marker or heading or current is None:
            current = [start, end]
            blocks.append(current)  # type: ignore[arg-type]
        else:
            current[1] = end
        if heading:
            current = None
    return [(s, e) for s, e in blocks]


def _is_abbreviation(text: str, dot: int) -> bool:
    if text[dot] != ".":
        return False
    start = dot
    while start > 0 and (text[start - 1].isalpha() or text[start - 1] == "."):
        start -= 1
    word = text[start:dot].lower()
    if word in _TITLES or (len(word) == 1 and word.isalpha()):
        return True
    if word not in _ABBREVIATIONS:
        return False
    following = text[dot + 1: dot + 40].lstrip()
    return not following[:1].isupper()


def sentences(text: str) -> list[Sentence]:
    """Split text into sentences; each keeps its offsets so findings can point into the text."""
    found: list[Sentence] = []
    for block_start, block_end in _blocks(text):
        begin = block_start
        for match in _SENTENCE_END.finditer(text, block_start, block_end):
            if _is_abbreviation(text, match.start()):
                continue
            found.append(Sentence(begin, match.end(), text[begin:match.end()]))
            begin = match.end()
            while begin < block_end and text[begin].isspace():
                begin += 1
        if text[begin:block_end].strip():
            found.append(Sentence(begin, block_end, text[begin:block_end]))
    return [_trim(s) for s in found if s.text.strip()]


def _trim(sentence: Sentence) -> Sentence:
    lead = len(sentence.text) - len(sentence.text.lstrip())
    tail = len(sentence.text.rstrip())
    return Sentence(sentence.start + lead, sentence.start + tail, sentence.text[lead:tail])


def lowered(text: str) -> str:
    """Lower-case text with every character keeping its offset (a few letters grow when lowered)."""
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(lower if len(lower := ch.lower()) == 1 else ch for ch in text)


def normalise(sentence: str) -> str:
    """Lower case, single spaces, no closing punctuation: for comparing sentences."""
    return " ".join(sentence.lower().split()).strip(" .!?;:,\"'\u2019\u201d")


def has_list(text: str) -> bool:
    return _LIST_LINE.search(text) is not None
