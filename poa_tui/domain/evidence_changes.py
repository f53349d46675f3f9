"""Changes to a case's evidence checklist, each one a function that can be made again.

The evidence screen saves every change at once. When another session wrote the case
meanwhile, the same `Change` is made to the version read back, so it finds its item by
`identity` (seed key, else label), never by position.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterable

from poa_tui.domain.guidance import EvidenceSpec, guidance_for, seed_evidence
from poa_tui.domain.models import EvidenceItem
from poa_tui.domain.vocab import ViolationType

Change = Callable[[list[EvidenceItem]], str | None]
"""Changes a checklist in place; returns a reason when it cannot apply to this list."""


def identity(item: EvidenceItem) -> str:
    """What makes an item the same item in another session's copy: its seed key, else its label."""
    return f"key:{item.key}" if item.key else f"label:{item.label.casefold()}"


def _find(items: list[EvidenceItem], ident: str) -> EvidenceItem | None:
    return next((item for item in items if identity(item) == ident), None)


REMOVED_ELSEWHERE = "That item was removed in another session."


def _on_item(ident: str, edit: Callable[[EvidenceItem, list[EvidenceItem]], str | None]) -> Change:
    def change(items: list[EvidenceItem]) -> str | None:
        item = _find(items, ident)
        return REMOVED_ELSEWHERE if item is None else edit(item, items)
    return change


def set_done(ident: str, done: bool) -> Change:
    return _on_item(ident, lambda item, _: setattr(item, "done", done))


def set_note(ident: str, note: str) -> Change:
    return _on_item(ident, lambda item, _: setattr(item, "note", note))


def rename(ident: str, label: str) -> Change:
    def edit(item: EvidenceItem, items: list[EvidenceItem]) -> str | None:
        clash = _find(items, identity(EvidenceItem(label=label)))
        if clash is not None and clash is not item:
            return f"There is already an item called “{label}”."
        item.label = label
        return None
    return _on_item(ident, edit)


def add(new: Iterable[EvidenceItem]) -> Change:
    fresh = list(new)

    def change(items: list[EvidenceItem]) -> str | None:
        known = {identity(item) for item in items}
        wanted = [copy.copy(item) for item in fresh if identity(item) not in known]
        if not wanted:
            return ("That item is already on the list." if len(fresh) == 1
                    else "Every suggested item is already on the list.")
        items.extend(wanted)
        return None
    return change


def remove(ident: str) -> Change:
    return _on_item(ident, lambda item, items: items.remove(item))


def spec_for(item: EvidenceItem, violation: ViolationType) -> EvidenceSpec | None:
    """The guidance entry an item was seeded from (this type's first, then any type's)."""
    if not item.key:
        return None
    kinds = [violation, *(kind for kind in ViolationType if kind != violation)]
    for kind in kinds:
        for spec in guidance_for(kind).evidence:
            if spec.key == item.key:
                return spec
    return None


def follow_violation(items: list[EvidenceItem], old: ViolationType,
                     new: ViolationType) -> list[EvidenceItem]:
    """The checklist once the case's violation type changed from `old` to `new`.

    The suggestions for `new` that are missing are added at the end. A suggestion for another
    type is taken off only while it is untouched (not ticked, no note, its suggested name) and
    `new` does not suggest it too; every other item stays where it was, ticks and notes with it.
    An empty checklist stays empty: the evidence screen shows the case type's suggestions for it.
    """
    if not items or old == new:
        return list(items)
    wanted = seed_evidence(new)
    wanted_keys = {item.key for item in wanted}

    def untouched_elsewhere(item: EvidenceItem) -> bool:
        spec = spec_for(item, old)
        return (spec is not None and item.key not in wanted_keys and not item.done
                and not item.note and item.label == spec.label)

    kept = [item for item in items if not untouched_elsewhere(item)]
    known = {identity(item) for item in kept}
    return kept + [item for item in wanted if identity(item) not in known]


def follow_violation_note(old: ViolationType, new: ViolationType) -> str:
    """What `follow_violation` did, in words, for the toast after the case's details are saved."""
    return (f"The evidence checklist now follows {new.label}: its suggestions were added and the "
            f"untouched ones for {old.label} taken off. Ticks, notes and your own items stay. "
            f"ctrl+t in the editor opens it.")
