"""`CaseActions`: the case list's keys that change a case: start one, edit its details, archive
or restore it, and move it to the trash after asking."""

from __future__ import annotations

from typing import TYPE_CHECKING, Callable

from textual.screen import Screen
from textual.widgets import Input

from poa_tui.domain.case_summary import CaseSummary
from poa_tui.domain.errors import StoreError
from poa_tui.domain.models import Case

# The case form and the confirmation dialog are imported where first used, after the list is
# on screen: the form brings TextArea and Select (~10 ms of start-up).
if TYPE_CHECKING:
    from poa_tui.tui.dialogs.case_form import CaseDetails


class CaseActions(Screen[None]):
    """The actions on a case; `CaseListScreen` builds on this and supplies the names below."""

    show_archived: bool
    """Archived cases are listed too."""
    current: CaseSummary | None
    """The highlighted case, the one the keys act on."""
    refresh_from_store: Callable[..., None]
    """Re-read the list; `keep=` a case id to keep it highlighted."""

    def _busy_elsewhere(self, row: CaseSummary, doing: str) -> bool:
        """True (and says so) when another session has the case open for editing."""
        holder = self.app.store.lock_holder(row.id)
        if holder is None:
            return False
        self.notify(f"Case {row.id} is open in another session ({holder.describe()}). Close it "
                    f"there first, then {doing} it here.", title="Case in use",
                    severity="warning")
        return True

    def action_new_case(self) -> None:
        from poa_tui.tui.dialogs.case_form import CaseFormScreen

        self.app.push_screen(CaseFormScreen(), self._create)

    def _create(self, details: CaseDetails | None) -> None:
        from poa_tui.domain.guidance import seed_evidence

        if details is None:
            return
        case = details.apply_to(Case())
        case.evidence = seed_evidence(case.violation_type)
        try:
            self.app.store.create(case)
        except StoreError as error:
            self.notify(str(error), title="Case not created", severity="error")
            return
        self.query_one("#filter", Input).value = ""
        self.refresh_from_store(keep=case.id)
        self.notify(f"Created case {case.id}.", title=case.title)
        self.app.open_case(case.id)

    def action_edit_case(self) -> None:
        row = self.current
        if row is None or self._busy_elsewhere(row, "edit"):
            return
        try:
            case = self.app.store.load(row.id)
        except StoreError as error:
            self.notify(str(error), title="Cannot open the case", severity="error")
            return
        from poa_tui.tui.dialogs.case_form import CaseFormScreen

        self.app.push_screen(CaseFormScreen(case), lambda details: self._update(row.id, details))

    def _update(self, case_id: int, details: CaseDetails | None) -> None:
        if details is None:
            return
        # Load afresh: the draft may have been saved elsewhere while the form was open, and
        # the form only owns the details.
        try:
            self.app.store.update(case_id, details.apply_to)
        except StoreError as error:
            self.notify(str(error), title="Details not saved", severity="error")
            return
        self.refresh_from_store(keep=case_id)
        self.notify(f"Saved the details of case {case_id}.")

    def action_toggle_archive(self) -> None:
        row = self.current
        if row is None or self._busy_elsewhere(row, "archive"):
            return
        def flip(case: Case) -> None:
            case.archived = not case.archived

        try:
            case, _ = self.app.store.update(row.id, flip)
        except StoreError as error:
            self.notify(str(error), title="Nothing changed", severity="error")
            return
        self.refresh_from_store()
        if case.archived:
            hint = "" if self.show_archived else " Press v to see archived cases."
            self.notify(f"Archived case {case.id}.{hint}", title=case.title)
        else:
            self.notify(f"Restored case {case.id} to the list.", title=case.title)

    def action_delete_case(self) -> None:
        row = self.current
        if row is None or self._busy_elsewhere(row, "delete"):
            return
        from poa_tui.tui.dialogs.confirm import ConfirmScreen

        trash = self.app.store.trash_dir
        self.app.push_screen(
            ConfirmScreen(
                f"Delete case {row.id}, “{row.title}”?",
                f"The case file moves to {trash}, where it can be recovered by hand. "
                "It leaves this list.",
                yes="Delete", no="Keep it", danger=True),
            lambda yes: self._delete(row, bool(yes)),
        )

    def _delete(self, row: CaseSummary, confirmed: bool) -> None:
        if not confirmed:
            return
        try:
            where = self.app.store.delete(row.id)
        except StoreError as error:
            self.notify(str(error), title="Not deleted", severity="error")
            return
        self.refresh_from_store()
        self.notify(f"Case {row.id} moved to {where}.", title="Deleted")
