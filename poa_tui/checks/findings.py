"""What a readiness check reports, and how findings are counted for the case list."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from ..vocab import Section


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
