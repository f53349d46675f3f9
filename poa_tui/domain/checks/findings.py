"""What a readiness check reports, and how findings are counted for the case list."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from poa_tui.domain.vocab import Section


class Severity(StrEnum):
    BLOCKER = "blocker"
    """The draft cannot go to Amazon like this."""
    WARNING = "warning"
    """Likely to get the appeal rejected."""
    HINT = "hint"
    """Would read better; the writer decides."""

    @property
    def rank(self) -> int:
        return _RANK[self]


_RANK = {Severity.BLOCKER: 0, Severity.WARNING: 1, Severity.HINT: 2}


@dataclass(frozen=True)
class Finding:
    """One problem in a draft.

    `start`/`end` are character offsets into the text of `section`; both are 0 when the finding
    concerns a whole section or the whole case (`section` is None).
    """

    id: str
    severity: Severity
    section: Section | None
    message: str
    start: int = 0
    end: int = 0

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "severity": self.severity.value,
            "section": self.section.value if self.section is not None else None,
            "message": self.message,
            "start": self.start,
            "end": self.end,
        }


class Verdict(StrEnum):
    """Whether a draft can go to Amazon, as an experienced reviewer would call it."""

    READY = "ready"
    """Nothing blocks it and at most one small warning is left."""
    NEEDS_WORK = "needs_work"
    """No blocker, but warnings a reviewer would act on."""
    BLOCKED = "blocked"
    """At least one blocker."""

    @property
    def label(self) -> str:
        return self.value.replace("_", " ")


TOLERATED = frozenset({"section_too_long", "plan_too_long", "thin_specifics", "all_caps",
                       "exclamation_marks", "question_in_plan"})
"""Warnings a plan can carry one of and still be ready: matters of form, or one section a
little short of a detail, rather than something that sinks an appeal."""


def verdict_of(findings: Iterable[Finding]) -> Verdict:
    """Blocked by any blocker; ready with at most one warning, and that one only from
    `TOLERATED`; needs work otherwise. Hints never count."""
    warnings = []
    for finding in findings:
        if finding.severity is Severity.BLOCKER:
            return Verdict.BLOCKED
        if finding.severity is Severity.WARNING:
            warnings.append(finding)
    if len(warnings) > 1 or any(w.id not in TOLERATED for w in warnings):
        return Verdict.NEEDS_WORK
    return Verdict.READY


def summarise(findings: Iterable[Finding]) -> dict[Severity, int]:
    """Count findings per severity; every severity is present, zero when none."""
    counts = dict.fromkeys(Severity, 0)
    for finding in findings:
        counts[finding.severity] += 1
    return counts


def summary_text(findings: Iterable[Finding], *, hints: bool = False) -> str:
    """A short line for the case list, e.g. "2 blockers, 1 warning"; hints only when asked."""
    counts = summarise(findings)
    shown = [s for s in Severity if counts[s] and (hints or s is not Severity.HINT)]
    if not shown:
        return "no problems found"
    return ", ".join(f"{counts[s]} {s.value}{'' if counts[s] == 1 else 's'}" for s in shown)
