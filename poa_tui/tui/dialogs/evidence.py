"""The evidence checklist of a case: the documents the appeal needs, ticked off as they arrive.

A case with no checklist starts from the suggestions for its violation type
(`guidance.seed_evidence`); nothing is written until the user changes something. Every change
is saved at once through the editor's `CaseSession`. When another writer changed the case
meanwhile, the session merges the checklists item by item (`merge.merge_evidence`) and the user
is told: a tick or a note made elsewhere is never overwritten by this screen.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from poa_tui.domain.evidence_changes import (
    Change,
    add,
    identity,
    remove,
    rename,
    set_done,
    set_note,
    spec_for,
)
from poa_tui.domain.guidance import seed_evidence
from poa_tui.domain.models import Case, EvidenceItem
from poa_tui.domain.vocab import ViolationType
from poa_tui.editing.session import CaseSession
from poa_tui.tui.commands import PaletteCommand
from poa_tui.tui.dialogs.confirm import ConfirmScreen
from poa_tui.tui.widgets.checklist_row import ChecklistRow


class EvidenceScreen(ModalScreen[Case | None]):
    """The checklist of the session's case; dismisses with the case as last saved (None if
    nothing was saved)."""

    HELP = """\
## Evidence checklist

The documents and proof this appeal needs. A new checklist starts from the usual needs of the
case's violation type; change it to fit what Amazon asked for.

- **space** ticks an item off when you have it in hand (or unticks it).
- **enter** writes a note on the item: where the file is, who is getting it, what is missing.
- **a** adds an item of your own, **r** renames one, **delete** removes one (after asking).
- **s** adds the suggested items for this violation type that are not on the list yet, such
  as one you removed. When you change the case's violation type, its suggestions are added
  for you, and the untouched ones of the old type go; ticks, notes and your own items stay.

Every change is saved at once. If the case was changed in another window meanwhile, your
change is made on top of that version, so neither is lost.
"""

    BINDINGS = [
        Binding("space", "toggle", "Tick", id="evidence.toggle",
                tooltip="Tick the highlighted item off, or untick it."),
        Binding("n", "edit_note", "Note", id="evidence.note",
                tooltip="Write a note on the highlighted item (enter does the same)."),
        Binding("a", "add_item", "Add", id="evidence.add",
                tooltip="Add an item of your own to the checklist."),
        Binding("r", "rename_item", "Rename", id="evidence.rename", show=False,
                tooltip="Rename the highlighted item."),
        Binding("delete,d", "remove_item", "Remove", id="evidence.remove",
                tooltip="Remove the highlighted item, after asking."),
        Binding("s", "add_suggestions", "Suggestions", id="evidence.suggest",
                tooltip="Add the suggested items for this violation type that are missing."),
        Binding("escape", "close", "Close", id="evidence.close",
                tooltip="Stop editing the line below, or close the checklist."),
    ]

    def __init__(self, session: CaseSession) -> None:
        super().__init__()
        self.session = session
        self.case_id = session.case_id
        self.read_only = session.read_only
        """Another session is editing the case: the list can be read, not changed."""
        self.case: Case | None = None
        """The case as last read or saved."""
        self.items: list[EvidenceItem] = []
        """What the list shows: the saved checklist, or the suggestions when there is none."""
        self.saved: Case | None = None
        self._editing: tuple[str, str | None] | None = None
        """(what, item identity) while the line below is open: "note", "rename" or "add"."""

    def compose(self) -> ComposeResult:
        with Vertical(id="evidence-frame") as frame:
            frame.border_title = f"Evidence checklist: case {self.case_id}"
            frame.border_subtitle = "space tick · enter note · a add · F1 help · escape close"
            yield Static("", id="evidence-intro")
            yield OptionList(id="evidence-items", markup=False)
            yield Static("", id="evidence-detail")
            with Vertical(id="evidence-edit"):
                yield Label("", id="evidence-edit-label")
                yield Input(id="evidence-input", compact=True)

    def on_mount(self) -> None:
        if self.session.case is None:
            self.notify(str(self.session.open_problem), title="Cannot open the checklist",
                        severity="error")
            self.dismiss(None)
            return
        self._adopt(copy.deepcopy(self.session.case))
        self.query_one("#evidence-edit").display = False
        self.query_one(OptionList).focus()

    # -- showing ------------------------------------------------------------------------------

    @property
    def violation(self) -> ViolationType:
        return self.case.violation_type if self.case is not None else ViolationType.OTHER

    @property
    def seeded_only(self) -> bool:
        """The list shows suggestions that have not been saved yet."""
        return self.case is not None and not self.case.evidence

    def _adopt(self, case: Case, highlight: str | None = None) -> None:
        self.case = case
        self.items = copy.deepcopy(case.evidence) or seed_evidence(case.violation_type)
        listing = self.query_one(OptionList)
        keep = highlight or (identity(self.current) if self.current is not None else None)
        listing.set_options(Option(ChecklistRow(item), id=str(index))
                            for index, item in enumerate(self.items))
        if self.items:
            idents = [identity(item) for item in self.items]
            listing.highlighted = idents.index(keep) if keep in idents else 0
        self._describe()

    @property
    def current(self) -> EvidenceItem | None:
        listing = self.query_one(OptionList)
        index = listing.highlighted
        if index is None or not 0 <= index < len(self.items):
            return None
        return self.items[index]

    def _describe(self) -> None:
        done = sum(item.done for item in self.items)
        frame = self.query_one("#evidence-frame")
        frame.border_title = f"Evidence checklist: case {self.case_id}, {self.violation.label}"
        intro = self.query_one("#evidence-intro", Static)
        if self.read_only:
            intro.update(f"{done} of {len(self.items)} in hand. Read-only: another session is "
                         f"editing this case.")
        elif not self.items:
            intro.update("The checklist is empty. Press a to add an item, or s for the "
                         "suggestions for this violation type.")
        elif self.seeded_only:
            intro.update(f"Suggested for {self.violation.label}. Nothing is saved until you tick, "
                         f"note, add or remove an item.")
        else:
            known = {identity(item) for item in self.items}
            missing = sum(identity(item) not in known for item in seed_evidence(self.violation))
            more = (f" Press s to add {missing} more suggested for {self.violation.label}."
                    if missing else "")
            intro.update(f"{done} of {len(self.items)} in hand.{more}")
        self._show_detail()

    @on(OptionList.OptionHighlighted, "#evidence-items")
    def _highlighted(self) -> None:
        self._show_detail()

    def _show_detail(self) -> None:
        item = self.current
        spec = spec_for(item, self.violation) if item is not None else None
        text = spec.detail if spec is not None else ("An item you added." if item else "")
        self.query_one("#evidence-detail", Static).update(Content(text))

    # -- saving -------------------------------------------------------------------------------

    def apply(self, change: Change, done_message: str | None = None,
              highlight: str | None = None) -> bool:
        """Make `change` to the checklist and save it; True when it was made."""
        case = self.session.case
        if case is None:
            return False
        evidence = copy.deepcopy(case.evidence) or seed_evidence(case.violation_type)
        problem = change(evidence)
        if problem is not None:
            self.notify(problem, title="Checklist", severity="warning")
            return False
        result = self.session.update(lambda case: setattr(case, "evidence", evidence))
        if result.refused:
            self.notify(result.refused, title="Checklist", severity="warning")
            return False
        if not result.saved:
            self.notify(f"{result.problem} The change is kept here and saved again by the "
                        f"editor.", title="Checklist not saved yet", severity="error")
        elif result.merges:
            self.notify(f"Case {self.case_id} was changed in another window meanwhile. Your "
                        f"change was made on top of that version; both are kept.",
                        title="Checklist merged", severity="information")
        elif done_message:
            self.notify(done_message, title="Checklist", timeout=3)
        assert self.session.case is not None
        self.saved = self.session.case
        self._adopt(copy.deepcopy(self.session.case), highlight)
        return True

    # -- actions ------------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if (self._editing is not None or self.read_only) and action != "close":
            return False
        if action in {"toggle", "edit_note", "rename_item", "remove_item"}:
            return True if self.is_mounted and self.current is not None else None
        return True

    def action_toggle(self) -> None:
        item = self.current
        if item is not None:
            self.apply(set_done(identity(item), not item.done))

    @on(OptionList.OptionSelected, "#evidence-items")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_edit_note()

    def action_edit_note(self) -> None:
        item = self.current
        if item is not None:
            self._open_line("note", identity(item), f"Note on “{item.label}” (enter saves):",
                            item.note, "Where the file is, who is getting it, what is missing")

    def action_rename_item(self) -> None:
        item = self.current
        if item is not None:
            self._open_line("rename", identity(item), "New name (enter saves):", item.label, "")

    def action_add_item(self) -> None:
        self._open_line("add", None, "New item (enter adds it):", "",
                        "e.g. Letter from the supplier confirming the batch numbers")

    def action_add_suggestions(self) -> None:
        self.apply(add(seed_evidence(self.violation)), "Added the missing suggestions.")

    def action_remove_item(self) -> None:
        item = self.current
        if item is None:
            return
        ident = identity(item)

        def answered(yes: bool | None) -> None:
            if yes:
                self.apply(remove(ident), f"Removed “{item.label}”.")

        self.app.push_screen(ConfirmScreen(f"Remove “{item.label}” from the checklist?",
                                           "Its tick and note go with it.", yes="Remove",
                                           no="Keep it", danger=True), answered)

    def action_close(self) -> None:
        if self._editing is not None:
            self._close_line()
            return
        self.dismiss(self.saved)

    # -- the line below the list ----------------------------------------------------------------

    def _open_line(self, what: str, ident: str | None, label: str, value: str,
                   placeholder: str) -> None:
        self._editing = (what, ident)
        self.query_one("#evidence-edit-label", Label).update(Content(label))
        field = self.query_one("#evidence-input", Input)
        field.value = value
        field.placeholder = placeholder
        self.query_one("#evidence-edit").display = True
        field.focus()
        self.refresh_bindings()

    def _close_line(self) -> None:
        self._editing = None
        self.query_one("#evidence-edit").display = False
        self.query_one(OptionList).focus()
        self.refresh_bindings()

    @on(Input.Submitted, "#evidence-input")
    def _line_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if self._editing is None:
            return
        what, ident = self._editing
        text = " ".join(event.value.split())
        if what == "note":
            saved = self.apply(set_note(ident or "", text))
        elif not text:
            self.notify("Type a few words to name the item.", title="Checklist",
                        severity="warning")
            return
        elif what == "rename":
            keeps_key = (ident or "").startswith("key:")
            saved = self.apply(rename(ident or "", text),
                               highlight=ident if keeps_key else identity(EvidenceItem(text)))
        else:
            new = EvidenceItem(label=text)
            saved = self.apply(add([new]), f"Added “{text}”.", highlight=identity(new))
        if saved:
            self._close_line()

    def palette_commands(self) -> Iterable[PaletteCommand]:
        if self.read_only:
            return
        yield PaletteCommand("evidence: Add item", "Add an item of your own (a)",
                             self.action_add_item)
        yield PaletteCommand("evidence: Add suggestions",
                             f"Suggested items for {self.violation.label} not yet listed (s)",
                             self.action_add_suggestions)
        if self.current is not None:
            yield PaletteCommand("evidence: Tick or untick", "The highlighted item (space)",
                                 self.action_toggle)
            yield PaletteCommand("evidence: Remove item", "The highlighted item (delete)",
                                 self.action_remove_item)
