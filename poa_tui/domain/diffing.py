"""Word-level differences between two versions of the POA, and how alike they are.

A second attempt that repeats one Amazon turned down rarely succeeds, so recording an attempt
compares it with every rejected one first.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher

from poa_tui.domain.models import Case, Sections
from poa_tui.domain.vocab import SECTIONS, Outcome, Section

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


REWRITTEN_BELOW = 0.4
"""Two versions of a section less alike than this are shown whole, one after the other: a word
diff of unrelated text only pairs up stray shared words ("the", "and") across sentences."""
KEPT_WHOLE = 0.8
"""...unless one version holds at least this share of the other's words in order: text that was
only added to, or only cut, still reads best as a word diff."""


@dataclass(frozen=True)
class Likeness:
    """How much two texts share, word by word."""

    alike: float
    """0.0 (nothing shared) to 1.0 (the same words in the same order)."""
    kept: float
    """The larger share of either text's words that the other holds, in order."""

    @property
    def rewritten(self) -> bool:
        """Too little in common for a word diff to read well."""
        return self.alike < REWRITTEN_BELOW and self.kept < KEPT_WHOLE


def likeness(old: str, new: str) -> Likeness:
    """How alike `old` and `new` are, compared word by word (spacing and line breaks aside)."""
    a, b = old.split(), new.split()
    if not a or not b:
        # An empty side is a plain addition or removal: the word diff shows it as one block.
        return Likeness(1.0 if a == b else 0.0, 1.0)
    shared = sum(block.size for block in
                 SequenceMatcher(None, a, b, autojunk=False).get_matching_blocks())
    return Likeness(2 * shared / (len(a) + len(b)), max(shared / len(a), shared / len(b)))


@dataclass(frozen=True)
class SectionDiff:
    section: Section
    chunks: list[Chunk]
    """A word diff, or, for a rewritten section, all the old text removed and all the new added."""
    rewritten: float | None = None
    """How alike the two versions are when so little that they are shown whole; else None."""

    @property
    def changed(self) -> bool:
        return any(c.kind != "same" for c in self.chunks)

    @property
    def added_removed(self) -> tuple[int, int]:
        return counts(self.chunks)


def section_diff(section: Section, old: str, new: str) -> SectionDiff:
    """The differences in one section: word by word, or whole when it was rewritten."""
    like = likeness(old, new)
    if like.rewritten:
        return SectionDiff(section, [Chunk("removed", old), Chunk("added", new)], like.alike)
    return SectionDiff(section, word_diff(old, new))


def diff_sections(old: Sections, new: Sections) -> list[SectionDiff]:
    return [section_diff(s, old[s], new[s]) for s in SECTIONS]


def similarity(a: Sections, b: Sections) -> float:
    """0.0 (nothing shared) to 1.0 (word for word the same), over all three sections."""
    return likeness("\n".join(a[s] for s in SECTIONS), "\n".join(b[s] for s in SECTIONS)).alike


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
