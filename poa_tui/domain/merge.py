"""Three-way merge of a case edited here while another process also wrote it.

The editor keeps the case as it last loaded or saved it (`base`). When a save meets a newer
revision on disk (`theirs`), every field is merged: a side that did not touch a field takes the
other side's value. Where both changed the same text, this session's text wins and the other
text is kept in the case's notes, dated, so no words are lost either way.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field

from poa_tui.domain.evidence_changes import identity
from poa_tui.domain.models import Case, EvidenceItem, utcnow
from poa_tui.domain.vocab import SECTIONS

_SCALARS = ("title", "seller", "marketplace", "scope", "violation_type", "archived", "closed")


@dataclass
class MergeResult:
    case: Case
    conflicts: list[str] = field(default_factory=list)
    """Labels of the fields both sides changed (this session's text was kept)."""
    taken: list[str] = field(default_factory=list)
    """Labels of the fields taken from the other writer."""


def merge_case(base: Case, mine: Case, theirs: Case) -> MergeResult:
    merged = copy.deepcopy(theirs)
    result = MergeResult(case=merged)
    kept: list[str] = []
    for section in SECTIONS:
        b, m, t = base.sections[section], mine.sections[section], theirs.sections[section]
        if m == b or m == t:
            if m != t:
                result.taken.append(section.label)
            continue
        merged.sections[section] = m
        if t != b:
            result.conflicts.append(section.label)
            kept.append(f"{section.label} as saved by the other session:\n\n{t}")
    for name in _SCALARS:
        b, m, t = getattr(base, name), getattr(mine, name), getattr(theirs, name)
        if m != b:
            setattr(merged, name, m)
        elif t != b:
            result.taken.append(name.replace("_", " "))
    if mine.notes != base.notes:
        merged.notes = mine.notes if theirs.notes == base.notes else f"{theirs.notes}\n\n{mine.notes}"
    if mine.notice != base.notice:
        merged.notice = copy.deepcopy(mine.notice)
    if mine.evidence != base.evidence:
        merged.evidence = merge_evidence(base.evidence, mine.evidence, theirs.evidence)
    _merge_submissions(base, mine, merged)
    if kept:
        stamp = utcnow().strftime("%Y-%m-%d %H:%M UTC")
        note = f"Kept {stamp} after two sessions edited the same text:\n\n" + "\n\n".join(kept)
        merged.notes = f"{merged.notes}\n\n{note}".strip()
    merged.revision = theirs.revision
    return result


def merge_evidence(base: list[EvidenceItem], mine: list[EvidenceItem],
                   theirs: list[EvidenceItem]) -> list[EvidenceItem]:
    """The checklist item by item: each side's additions, removals, ticks and notes survive.

    An item both sides changed takes this session's version. An item this session removed
    goes unless the other side changed it meanwhile (then its version stays).
    """
    before = {identity(item): item for item in base}
    ours = {identity(item): item for item in mine}
    result: list[EvidenceItem] = []
    for item in theirs:
        key = identity(item)
        if key in ours:
            result.append(copy.deepcopy(ours[key] if ours[key] != before.get(key) else item))
        elif key not in before or item != before[key]:
            result.append(copy.deepcopy(item))  # theirs added it, or changed what we removed
    listed = {identity(item) for item in result}
    for key, item in ours.items():
        if key not in listed and (key not in before or item != before[key]):
            result.append(copy.deepcopy(item))  # ours added it, or changed what they removed
    return result


def _merge_submissions(base: Case, mine: Case, merged: Case) -> None:
    """Keep every attempt and reply either side recorded; snapshots are never rewritten."""
    known = {s.number: s for s in base.submissions}
    by_number = {s.number: s for s in merged.submissions}
    for attempt in mine.submissions:
        before = known.get(attempt.number)
        if before is None:
            fresh = copy.deepcopy(attempt)
            if attempt.number in by_number:
                fresh.number = max(by_number) + 1
            merged.submissions.append(fresh)
            by_number[fresh.number] = fresh
        elif attempt.reply != before.reply and attempt.number in by_number:
            by_number[attempt.number].reply = copy.deepcopy(attempt.reply)
