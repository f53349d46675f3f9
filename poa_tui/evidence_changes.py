"""Changes to a case's evidence checklist, each one a function that can be made again.

The evidence screen saves every change at once. When another session wrote the case
meanwhile, the same `Change` is made to the version read back, so it finds its item by
`identity` (seed key, else label), never by position.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterable

from .guidance import EvidenceSpec, guidance_for
from .models import EvidenceItem
from .vocab import ViolationType

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
