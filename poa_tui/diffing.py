"""Word-level differences between two versions of the POA, and how alike they are.

A second attempt that repeats one Amazon turned down rarely succeeds, so recording an attempt
compares it with every rejected one first.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher

from .models import Case, Sections
from .vocab import SECTIONS, Outcome, Section

_TOKEN = re.compile(r"\s+|[^\s]+")
NEAR_REPEAT = 0.9
"""Attempts at least this alike count as a repeat."""


@dataclass(frozen=True)
class Chunk:
    kind: str
    """`same`, `added` or `removed`."""
    text: str


def word_diff(old: str, new: str) -> list[Chunk]:
    """Chunks that turn `old` into `new`, split at word boundaries."""
    a, b = _TOKEN.findall(old), _TOKEN.findall(new)
    chunks: list[Chunk] = []
    for op, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            chunks.append(Chunk("same", "".join(a[i1:i2])))
            continue
        if op in ("delete", "replace"):
            chunks.append(Chunk("removed", "".join(a[i1:i2])))
        if op in ("insert", "replace"):
            chunks.append(Chunk("added", "".join(b[j1:j2])))
    return chunks


def counts(chunks: list[Chunk]) -> tuple[int, int]:
    """Words added and removed."""
    added = sum(len(c.text.split()) for c in chunks if c.kind == "added")
    removed = sum(len(c.text.split()) for c in chunks if c.kind == "removed")
    return added, removed


@dataclass(frozen=True)
class SectionDiff:
    section: Section
    chunks: list[Chunk]

    @property
    def changed(self) -> bool:
        return any(c.kind != "same" for c in self.chunks)

    @property
    def added_removed(self) -> tuple[int, int]:
        return counts(self.chunks)


def diff_sections(old: Sections, new: Sections) -> list[SectionDiff]:
    return [SectionDiff(s, word_diff(old[s], new[s])) for s in SECTIONS]


def similarity(a: Sections, b: Sections) -> float:
    """0.0 (nothing shared) to 1.0 (word for word the same), over all three sections."""
    words_a = [w for s in SECTIONS for w in a[s].split()]
    words_b = [w for s in SECTIONS for w in b[s].split()]
    if not words_a and not words_b:
        return 1.0
    return SequenceMatcher(None, words_a, words_b, autojunk=False).ratio()


@dataclass(frozen=True)
class Repeat:
    attempt: int
    outcome: Outcome
    similarity: float

    def message(self) -> str:
        alike = "identical to" if self.similarity >= 0.999 else f"{self.similarity:.0%} the same as"
        return (f"This draft is {alike} attempt {self.attempt}, which Amazon answered with "
                f"“{self.outcome.label}”. Sending it again rarely changes the answer.")


def repeat_of_rejected(case: Case, draft: Sections | None = None,
                       threshold: float = NEAR_REPEAT) -> Repeat | None:
    """The rejected attempt most like `draft` (default: the case's draft), if alike enough."""
    draft = draft if draft is not None else case.sections
    worst: Repeat | None = None
    for attempt in case.submissions:
        if attempt.reply is None or not attempt.reply.outcome.is_rejection:
            continue
        score = similarity(attempt.sections, draft)
        if score >= threshold and (worst is None or score > worst.similarity):
            worst = Repeat(attempt.number, attempt.reply.outcome, score)
    return worst
