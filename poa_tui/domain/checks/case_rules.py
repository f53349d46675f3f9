"""Checks that need more than one section: the notice, earlier attempts, the guidance."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from functools import cache

from poa_tui.domain import guidance as writing_guidance
from poa_tui.domain.checks.findings import Finding, Severity
from poa_tui.domain.checks.text import Sentence, normalise, sentences
from poa_tui.domain.models import Case, Sections
from poa_tui.domain.vocab import Section, ViolationType

REPEATED_RUN_WORDS = 20
"""Consecutive sentences carried over from a rejected attempt are flagged from this many words."""
GUIDANCE_MIN_WORDS = 4


@cache
def guidance_sentences() -> frozenset[str]:
    """Every sentence of the writing guidance, normalised, so a pasted one can be recognised."""
    texts = list(writing_guidance.SECTION_HINTS.values())
    for kind in ViolationType:
        guide = writing_guidance.guidance_for(kind)
        texts.append(guide.summary)
        texts += guide.notes
        texts += [q for questions in guide.questions.values() for q in questions]
        texts += [spec.detail for spec in guide.evidence]
    found = set()
    for text in texts:
        for sentence in sentences(text):
            if sentence.words >= GUIDANCE_MIN_WORDS:
                found.add(normalise(sentence.text))
    return frozenset(found)


def _mentioned(identifier: str, text: str) -> bool:
    pattern = r"(?<![A-Za-z0-9])" + re.escape(identifier) + r"(?![A-Za-z0-9])"
    return re.search(pattern, text, re.IGNORECASE) is not None


def notice_ids_missing(case: Case, draft: Sections, *, orders: bool = True) -> Iterator[Finding]:
    """One warning for each ASIN or order id from the notice that no section mentions.

    `orders` False leaves order ids out: for an account metric Amazon asks for the process
    behind the rate, and a plan need not walk through every order the notice lists.
    """
    everything = "\n".join(text for _, text in draft.items())
    seen: set[str] = set()
    wanted = [("ASIN", case.notice.asins)] + ([("Order", case.notice.order_ids)] if orders else [])
    for kind, identifiers in wanted:
        for identifier in identifiers:
            identifier = identifier.strip()
            if not identifier or identifier.upper() in seen:
                continue
            seen.add(identifier.upper())
            if not _mentioned(identifier, everything):
                yield Finding("notice_id_missing", Severity.WARNING, None,
                              f"{kind} {identifier} from the notice is not mentioned in any section. "
                              "Amazon expects every listed item to be answered.")


def support_case_ids(case: Case, section: Section, text: str) -> Iterator[Finding]:
    for case_id in {c.strip() for c in case.notice.case_ids if c.strip()}:
        pattern = r"(?<![A-Za-z0-9])" + re.escape(case_id) + r"(?![A-Za-z0-9])"
        for match in re.finditer(pattern, text):
            yield Finding("support_case_reference", Severity.WARNING, section,
                          f"Support case {case_id} is mentioned. Amazon asks for a plan that "
                          "stands on its own.", match.start(), match.end())


def total_length(word_counts: Sequence[int], soft_limit_total: int) -> Iterator[Finding]:
    total = sum(word_counts)
    if soft_limit_total > 0 and total > soft_limit_total:
        yield Finding("plan_too_long", Severity.WARNING, None,
                      f"The plan has {total} words, over the {soft_limit_total} suggested. A "
                      "reviewer reads it in minutes: one or two pages is plenty.")


def rejected_attempts(case: Case, rejected: list[Sections] | None) -> list[tuple[str, Sections]]:
    """Name each rejected text after its attempt number when it is one of the case's attempts."""
    if rejected is None:
        return [(f"attempt {s.number}", s.sections) for s in case.submissions
                if s.reply is not None and s.reply.outcome.is_rejection]
    named = []
    for index, snapshot in enumerate(rejected, start=1):
        number = next((s.number for s in case.submissions if s.sections == snapshot), None)
        named.append((f"attempt {number}" if number is not None else f"rejected text {index}", snapshot))
    return named


def _names(labels: Sequence[str]) -> str:
    unique = list(dict.fromkeys(labels))
    return unique[0] if len(unique) == 1 else ", ".join(unique[:-1]) + " and " + unique[-1]


class RejectedText:
    """What Amazon already turned down, indexed for quick comparison with the draft."""

    def __init__(self, attempts: list[tuple[str, Sections]]) -> None:
        self.whole: dict[tuple[Section, str], list[str]] = {}
        self.lines: dict[str, list[str]] = {}
        for label, snapshot in attempts:
            for section, text in snapshot.items():
                if text.strip():
                    self.whole.setdefault((section, normalise(text)), []).append(label)
                for sentence in sentences(text):
                    self.lines.setdefault(normalise(sentence.text), []).append(label)

    def findings(self, section: Section, text: str, parts: list[Sentence]) -> Iterator[Finding]:
        if not text.strip():
            return
        same = self.whole.get((section, normalise(text)))
        if same:
            yield Finding("repeated_from_rejected", Severity.WARNING, section,
                          f"{section.label} is identical to {_names(same)}, which Amazon rejected. "
                          "Rework it around what the reply asked for.", 0, len(text))
            return
        run: list[Sentence] = []
        for sentence in [*parts, None]:
            if sentence is not None and normalise(sentence.text) in self.lines:
                run.append(sentence)
                continue
            if sum(s.words for s in run) >= REPEATED_RUN_WORDS:
                labels = [label for s in run for label in self.lines[normalise(s.text)]]
                count = f"These {len(run)} sentences were" if len(run) > 1 else "This sentence was"
                yield Finding("repeated_from_rejected", Severity.WARNING, section,
                              f"{count} already sent in {_names(labels)}, which Amazon rejected. "
                              "Rewrite them with more specific facts.", run[0].start, run[-1].end)
            run = []
