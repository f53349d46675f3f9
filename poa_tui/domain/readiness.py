"""Readiness of a case for sending: the checks run with the user's limits, remembered per input.

`Readiness.of(case, settings)` runs `checks.check_case` with the settings' soft word limit and
returns the findings with their summary line, the verdict (ready, needs work, blocked) and how
specific each section is. `ReadinessCache` remembers the last result per
case and runs the checks again only when something they read has changed, so the editor can
ask on every pause in typing and the case list on every refresh without redoing the work.
`next_finding` is the "jump to the next finding" rule the editor's key follows.

No Textual here.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from poa_tui.domain.checks import (
    CHECKS_VERSION,
    DEFAULT_SECTION_LIMIT,
    DEFAULT_TOTAL_LIMIT,
    Finding,
    Severity,
    Specifics,
    Verdict,
    check_case,
    summarise,
    summary_text,
    verdict_of,
)
from poa_tui.domain.checks.specificity import label as specificity_label
from poa_tui.domain.checks.specificity import level as specificity_level
from poa_tui.domain.checks.specificity import missing as specificity_missing
from poa_tui.domain.models import Case
from poa_tui.domain.vocab import SECTIONS, Section

__all__ = ["Readiness", "ReadinessCache", "case_fingerprint", "kept_counts", "kept_key",
           "limits_from", "next_finding"]


def limits_from(settings: Any | None) -> tuple[int, int]:
    """(words per section, words in total) from the settings, defaults where unset."""
    section = getattr(settings, "soft_limit_words", None) or DEFAULT_SECTION_LIMIT
    total = getattr(settings, "soft_limit_total", None) or DEFAULT_TOTAL_LIMIT
    return int(section), int(total)


def kept_key(revision: int, settings: Any | None = None) -> list[int]:
    """What a kept check result of a case holds for (`SummaryIndex.keep_checks`): the case's
    revision, the limits and the rules' version; a result under another key is stale."""
    return [revision, *limits_from(settings), CHECKS_VERSION]


@dataclass(frozen=True)
class Readiness:
    """The findings for one case and what the case list shows of them."""

    findings: tuple[Finding, ...] = ()
    counts: dict[Severity, int] = field(default_factory=lambda: summarise(()))
    verdict: Verdict = Verdict.READY
    specifics: dict[Section, Specifics] = field(default_factory=dict)
    """How specific each section is (empty for the case list's count-only results)."""

    @classmethod
    def of(cls, case: Case, settings: Any | None = None) -> Readiness:
        """Run the checks on `case` with the limits in `settings`."""
        section_limit, total_limit = limits_from(settings)
        report = check_case(case, soft_limit_words=section_limit, soft_limit_total=total_limit)
        return cls(report.findings, summarise(report.findings), verdict_of(report.findings),
                   report.specifics)

    @property
    def blockers(self) -> int:
        return self.counts[Severity.BLOCKER]

    @property
    def warnings(self) -> int:
        return self.counts[Severity.WARNING]

    @property
    def summary(self) -> str:
        """"2 blockers, 1 warning" or "no problems found" (hints left out)."""
        return summary_text(self.findings)

    @property
    def short(self) -> str:
        """The case list's Checks column: the verdict, "blocked", "needs work" or "ready"."""
        return self.verdict.label

    def in_section(self, section: Section) -> list[Finding]:
        return [f for f in self.findings if f.section == section]

    def specificity(self, section: Section) -> str:
        """A few words on how specific `section` is, for its border ("thin: no owner")."""
        found = self.specifics.get(section)
        return specificity_label(section, found) if found is not None else ""

    def sections_summary(self, case: Case) -> dict[str, dict[str, Any]]:
        """Per section: words, how specific it is ("specific", "thin", "none" or "empty"),
        which kinds of specifics it holds, what it lacks, and its findings by severity."""
        out: dict[str, dict[str, Any]] = {}
        for section, text in case.sections.items():
            found = self.specifics.get(section)
            counts = summarise(self.in_section(section))
            if found is None:
                found, level = Specifics(), "empty"
            else:
                level = specificity_level(section, found)
            out[section.value] = {
                "words": len(text.split()),
                "specificity": level,
                "specifics": {kind: bool(value) for kind, value in found.to_dict().items()},
                "missing": specificity_missing(section, found) if found.total else [],
                **{f"{severity.value}s": counts[severity] for severity in Severity},
            }
        return out


def case_fingerprint(case: Case) -> tuple[object, ...]:
    """Everything the checks read from a case: equal fingerprints give equal findings."""
    rejected = tuple(
        (s.number, s.reply.outcome.value if s.reply else None, tuple(t for _, t in s.sections.items()))
        for s in case.submissions)
    notice = case.notice
    return (tuple(t for _, t in case.sections.items()), case.violation_type.value,
            tuple(notice.asins), tuple(notice.order_ids), tuple(notice.case_ids),
            tuple(notice.complaint_ids), rejected)


_VERDICTS = (Verdict.READY, Verdict.NEEDS_WORK, Verdict.BLOCKED)
"""The verdict kept in the index as a number, beside the counts."""


def kept_counts(ready: Readiness) -> dict[str, int]:
    """What the index keeps of a result for the case list: counts by severity and the
    verdict (as its place in `_VERDICTS`)."""
    return {**{str(k): n for k, n in ready.counts.items()},
            "verdict": _VERDICTS.index(ready.verdict)}


class ReadinessCache:
    """The last `Readiness` per case id, recomputed only when its inputs or the limits change."""

    def __init__(self) -> None:
        self._entries: dict[int, tuple[tuple[object, ...], Readiness]] = {}
        self._stored: dict[int, tuple[tuple[int, tuple[int, int]], Readiness]] = {}
        self.runs = 0
        """How many times the checks actually ran (tests and benchmarks read it)."""

    def get(self, case: Case, settings: Any | None = None) -> Readiness:
        key = (limits_from(settings), case_fingerprint(case))
        entry = self._entries.get(case.id)
        if entry is not None and entry[0] == key:
            return entry[1]
        result = Readiness.of(case, settings)
        self.runs += 1
        self._entries[case.id] = (key, result)
        return result

    def for_stored(self, store: Any, case_id: int, revision: int,
                   settings: Any | None = None) -> Readiness:
        """The readiness of a stored case; the file is read only when `revision` moved.

        For the case list, which knows each case's revision from its summary row: the result
        holds the counts and the verdict (`short`, `blockers`, `warnings`) but no findings. Raises the store's
        errors (`StoreError`) when the case cannot be read.
        """
        known = self.known(case_id, revision, settings)
        if known is not None:
            return known
        case = store.load(case_id)
        found = Readiness.of(case, settings)
        self.runs += 1
        # Only the counts and the verdict are kept, all the list shows: the findings and the
        # fingerprint (every text of every attempt) of thousands of drafts held 30 KB or more
        # a case.
        result = Readiness(counts=found.counts, verdict=found.verdict)
        self._stored[case_id] = ((case.revision, limits_from(settings)), result)
        return result

    def known(self, case_id: int, revision: int, settings: Any | None = None) -> Readiness | None:
        """The remembered readiness of a stored case at `revision`, or None (it needs a read)."""
        entry = self._stored.get(case_id)
        if entry is not None and entry[0] == (revision, limits_from(settings)):
            return entry[1]
        return None

    def remember(self, case_id: int, revision: int, settings: Any | None,
                 counts: dict[str, int]) -> None:
        """Take a result kept from an earlier run (`kept_counts`) as known."""
        known = summarise(())
        known.update((Severity(name), number) for name, number in counts.items()
                     if name in {severity.value for severity in Severity})
        verdict = _VERDICTS[counts.get("verdict", 0) % len(_VERDICTS)]
        self._stored[case_id] = ((revision, limits_from(settings)),
                                 Readiness(counts=known, verdict=verdict))

    def forget(self, keep: Iterable[int]) -> None:
        """Drop the entries of cases not in `keep` (deleted, or no longer listed)."""
        wanted = set(keep)
        for entries in (self._entries, self._stored):
            for case_id in [i for i in entries if i not in wanted]:
                del entries[case_id]


_ORDER = {section: index for index, section in enumerate(SECTIONS)}


def _position(finding: Finding) -> tuple[int, int, int]:
    section = _ORDER[finding.section] if finding.section is not None else len(SECTIONS)
    return section, finding.start, finding.end


def next_finding(findings: Sequence[Finding], section: Section | None, start: int,
                 end: int | None = None, *, backwards: bool = False) -> Finding | None:
    """The finding after the selection `start`-`end` in `section`, wrapping round at the end.

    Findings are ordered by section, start and end, so after selecting one finding the next
    press selects the one after it even when both start at the same word. A finding that starts
    at a bare cursor counts as after it. Only findings in a section count (whole-case findings
    have nowhere to jump to).
    """
    placed = sorted((f for f in findings if f.section is not None), key=_position)
    if not placed:
        return None
    here = (_ORDER[section] if section is not None else -1, start, start if end is None else end)
    if backwards:
        before = [f for f in placed if _position(f) < here]
        return before[-1] if before else placed[-1]
    after = [f for f in placed if _position(f) > here]
    return after[0] if after else placed[0]
