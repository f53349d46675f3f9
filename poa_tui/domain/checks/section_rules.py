"""Checks that read one section on its own."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from itertools import islice

from poa_tui.domain.checks import phrases
from poa_tui.domain.checks.findings import Finding, Severity
from poa_tui.domain.checks.text import WORD, Sentence, has_list, normalise
from poa_tui.domain.models import word_count
from poa_tui.domain.vocab import Section

LONG_SENTENCE_WORDS = 40
LIST_SUGGESTED_WORDS = 150


def _quote(text: str, limit: int = 60) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 3].rstrip() + "..."


def _phrase_finding(rule_id: str, severity: Severity, section: Section, message: str,
                    match: re.Match[str]) -> Finding:
    return Finding(rule_id, severity, section, message.format(phrase=_quote(match.group())),
                   match.start(), match.end())


def is_empty(text: str) -> bool:
    return not any(ch.isalnum() for ch in text)


def empty_section(section: Section) -> Finding:
    return Finding("empty_section", Severity.BLOCKER, section,
                   f"{section.label} is empty. Amazon expects an answer in each of the three sections.")


def placeholders(section: Section, text: str) -> Iterator[Finding]:
    for pattern in phrases.PLACEHOLDERS:
        for match in pattern.finditer(text):
            token = match.group()
            if token.startswith("[") and len(token) == 3 and token[1] in "xX":
                line_start = text.rfind("\n", 0, match.start()) + 1
                if phrases.CHECKBOX_PREFIX.fullmatch(text, line_start, match.start()):
                    continue  # a ticked Markdown checkbox
            yield _phrase_finding("placeholder", Severity.BLOCKER, section,
                                  phrases.PLACEHOLDER_MESSAGE, match)


def phrase_rules(section: Section, text: str, low: str,
                 parts: list[Sentence] | None = None) -> Iterator[Finding]:
    """Word-list rules; `low` is `lowered(text)`, which the patterns are written for, and
    `parts` its sentences (for rules that look at the rest of the sentence)."""
    parts = parts if parts is not None else []
    starts = [part.start for part in parts]
    for rule in phrases.PHRASE_RULES:
        if rule.only_in is not None and rule.only_in is not section:
            continue
        for match in rule.pattern.finditer(low):
            start, end = match.span()
            if rule.quiet_when is not None or rule.whole_sentence:
                around = _sentence_around(parts, starts, start, end)
                if rule.quiet_when is not None and rule.quiet_when.search(low, *around):
                    continue
                if rule.whole_sentence:
                    start, end = around
            yield Finding(rule.id, rule.severity, section,
                          rule.message.format(phrase=_quote(text[match.start():match.end()])),
                          start, end)


def _sentence_around(parts: list[Sentence], starts: list[int], start: int,
                     end: int) -> tuple[int, int]:
    """The span of the sentence holding `start` (the match itself when none does)."""
    index = bisect_right(starts, start) - 1
    if index < 0:
        return start, end
    sentence = parts[index]
    return sentence.start, max(sentence.end, end)


def exclamations(section: Section, text: str) -> Iterator[Finding]:
    runs = list(phrases.EXCLAMATION_RUN.finditer(text))
    for run in runs:
        yield Finding("exclamation_marks", Severity.WARNING, section,
                      "Several exclamation marks in a row read as shouting; a full stop is enough.",
                      run.start(), run.end())
    marks = list(phrases.EXCLAMATIONS.finditer(text))
    if not runs and len(marks) >= 3:
        yield Finding("exclamation_marks", Severity.WARNING, section,
                      f"{len(marks)} exclamation marks in this section; a plan reads better calm.",
                      marks[0].start(), marks[0].end())


def _heading_like(text: str, start: int, end: int) -> bool:
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line = text[line_start: len(text) if line_end < 0 else line_end]
    return line.lstrip().startswith("#") or (
        not any(ch.islower() for ch in line) and len(line.split()) <= 8)


def shouting(section: Section, text: str) -> Iterator[Finding]:
    """Runs of three or more capitalised words, or a single emphatic one, outside headings."""
    group: list[re.Match[str]] = []
    for word in [*phrases.CAPS_WORD.finditer(text), None]:
        joined = (word is not None and group
                  and phrases.CAPS_GAP.fullmatch(text, group[-1].end(), word.start()) is not None)
        if group and not joined:
            loud = [w for w in group if w.group() not in phrases.ACRONYMS]
            emphatic = [w for w in loud if w.group() in phrases.EMPHATIC_CAPS]
            company = any(w.group() in phrases.COMPANY_WORDS for w in group)
            if emphatic or (len(loud) >= 3 and not company
                            and not _heading_like(text, group[0].start(), group[-1].end())):
                first, last = (group[0], group[-1]) if len(loud) >= 3 else (emphatic[0], emphatic[0])
                yield Finding("all_caps", Severity.WARNING, section,
                              f"\"{_quote(text[first.start():last.end()])}\" is in capitals, which "
                              "reads as shouting.", first.start(), last.end())
            group = []
        if word is not None:
            group.append(word)


def _is_heading(sentence: str) -> bool:
    return sentence.startswith("#") or (sentence.startswith("**") and sentence.endswith("**"))


def sentence_rules(section: Section, low: str, sentences: list[Sentence],
                   guidance: frozenset[str]) -> Iterator[Finding]:
    promises = list(phrases.VAGUE_PROMISE.finditer(low))
    starts = [m.start() for m in promises]
    grounded = False
    """Whether the sentence before holds (or points back to) a dated, counted or owned step."""
    for sentence in sentences:
        specific = phrases.SPECIFIC.search(low, sentence.start, sentence.end) is not None
        anchored = specific or (grounded and phrases.EFFECT_OF_CHANGE.match(low, sentence.start)
                                is not None)
        grounded = anchored
        if normalise(sentence.text) in guidance:
            yield Finding("guidance_pasted", Severity.WARNING, section,
                          "This line is copied from the writing guidance. Answer the question in "
                          "your own facts instead.", sentence.start, sentence.end)
            continue
        if sentence.text.rstrip("\"'\u2019\u201d)* ").endswith("?") and not _is_heading(sentence.text):
            yield Finding("question_in_plan", Severity.WARNING, section,
                          "A question inside the plan goes unanswered. Ask Seller Support "
                          "separately and keep the plan to statements.", sentence.start, sentence.end)
        first = bisect_left(starts, sentence.start)
        inside = [m for m in promises[first:bisect_left(starts, sentence.end)] if m.end() <= sentence.end]
        if inside and not anchored:
            start, end = inside[0].start(), inside[-1].end()
            yield Finding("vague_promise", Severity.WARNING, section,
                          phrases.VAGUE_PROMISE_MESSAGE.format(
                              phrase=_quote(sentence.text[start - sentence.start:end - sentence.start])),
                          start, end)
        words = sentence.words
        if words > LONG_SENTENCE_WORDS:
            yield Finding("long_sentence", Severity.HINT, section,
                          f"This sentence has {words} words. Under about 30 words is easier for a "
                          "reviewer to take in.", sentence.start, sentence.end)


def length(section: Section, text: str, soft_limit_words: int) -> Iterator[Finding]:
    count = word_count(text)
    if 0 < soft_limit_words < count:
        over = next(islice(WORD.finditer(text), soft_limit_words, None))
        yield Finding("section_too_long", Severity.WARNING, section,
                      f"{section.label} has {count} words, over the {soft_limit_words} suggested. "
                      "Reviewers spend minutes on an appeal: keep the facts, cut the rest.",
                      over.start(), len(text.rstrip()))
    if count > LIST_SUGGESTED_WORDS and not has_list(text):
        yield Finding("no_list", Severity.HINT, section,
                      f"{count} words with no list. Bullet or numbered points make each "
                      "cause or action easy to find.")
