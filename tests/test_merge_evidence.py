"""The checklist merged item by item when two writers changed it."""

from __future__ import annotations

from poa_tui.domain.merge import merge_evidence
from poa_tui.domain.models import EvidenceItem


def items(*specs: tuple[str, bool, str]) -> list[EvidenceItem]:
    return [EvidenceItem(label=label, done=done, note=note) for label, done, note in specs]


BASE = items(("Invoices", False, ""), ("Supplier letter", False, ""), ("Photos", False, ""))


def test_each_side_keeps_its_own_ticks_and_notes() -> None:
    mine = items(("Invoices", True, ""), ("Supplier letter", False, ""), ("Photos", False, ""))
    theirs = items(("Invoices", False, ""), ("Supplier letter", False, "asked on 3 May"),
                   ("Photos", True, ""))
    merged = merge_evidence(BASE, mine, theirs)
    assert [(i.label, i.done, i.note) for i in merged] == [
        ("Invoices", True, ""), ("Supplier letter", False, "asked on 3 May"), ("Photos", True, "")]


def test_additions_from_both_sides_are_kept() -> None:
    mine = BASE + items(("Lab report", False, ""))
    theirs = BASE + items(("Removal order", False, ""))
    labels = [i.label for i in merge_evidence(BASE, mine, theirs)]
    assert labels == ["Invoices", "Supplier letter", "Photos", "Removal order", "Lab report"]


def test_a_removal_stands_unless_the_other_side_changed_the_item() -> None:
    mine = items(("Invoices", False, ""))
    theirs = items(("Invoices", False, ""), ("Supplier letter", False, ""), ("Photos", True, ""))
    labels = [i.label for i in merge_evidence(BASE, mine, theirs)]
    assert labels == ["Invoices", "Photos"]


def test_an_item_both_changed_takes_this_sessions_version() -> None:
    mine = items(("Invoices", True, "mine"), ("Supplier letter", False, ""), ("Photos", False, ""))
    theirs = items(("Invoices", False, "theirs"), ("Supplier letter", False, ""),
                   ("Photos", False, ""))
    assert merge_evidence(BASE, mine, theirs)[0].note == "mine"
