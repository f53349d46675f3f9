"""The first screen: every case, most recent activity first, filtered as you type.

What the list shows for a filter and a view is worked out in `case_list_view`, the drafts'
checks in `case_list_checks`, and the keys that change a case live in `case_list_actions`."""

from __future__ import annotations

from typing import TYPE_CHECKING, Iterable

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import Input, Static

from poa_tui.domain.case_summary import CaseSummary
from poa_tui.domain.clocks import Clocks, clocks_for
from poa_tui.domain.errors import CorruptFileError, StoreError
from poa_tui.storage.form_drafts import load_drafts
from poa_tui.tui.commands import PaletteCommand
from poa_tui.tui.screens.case_list_actions import CaseActions
from poa_tui.tui.screens.case_list_checks import DraftChecks
from poa_tui.tui.screens.case_list_view import (
    NEEDS_ACTION_VIEWS,
    WELCOME,
    by_need,
    count_line,
    empty_message,
    list_title,
    passing_filter,
)
from poa_tui.tui.widgets.case_table import CaseTable
from poa_tui.tui.widgets.clock_badges import clock_settings
from poa_tui.tui.widgets.key_footer import KeyFooter

if TYPE_CHECKING:
    from poa_tui.domain.readiness import ReadinessCache

__all__ = ["CaseListScreen"]


class CaseListScreen(CaseActions):
    """All cases; `enter` opens one in the editor."""

    TITLE = "Cases"
    HELP = """\
## Cases

Every case you keep, the one you worked on most recently at the top. A case is one
suspension or warning from Amazon, with the plan you write for it and each attempt sent.

- **Sent** counts the attempts sent so far and **Last sent** how long ago the latest went.
- **Deadline** counts down to the response date from Amazon's notice; it turns amber three
  days before and red on the day and after, while the case still waits for you to act.
- **Checks** gives each draft's verdict: **blocked** (red) has something that must be fixed,
  **needs work** (amber) has warnings a reviewer would act on, **ready** (green) has at most
  one small one. Where the column has no room, a red ✖ or an amber ! before the title says
  the same. The editor lists each problem (F8 jumps to it).
- **Status** of a case waiting for Amazon counts the days: "Waiting 1 d", then "Follow up ·
  3 d" once a polite follow-up is due and "Escalate · 8 d" after the business days of silence
  your settings allow (`follow_up_days`, `escalation_business_days`).
- **/** filters as you type, on title, seller, ASIN or order id. **escape** clears it.
- **u** puts the cases that need you first (passed deadlines, then escalations and follow-ups
  due, then the rest waiting on you); press it again to list only those, and again for all.
- **a** archives a finished case (it leaves the list, nothing is lost); **v** shows archived
  cases again so you can restore one with **a**.
- **delete** moves the case file to the store's trash folder, after asking.

The list re-reads the store every few seconds, so cases added or changed in another
terminal appear on their own.
"""

    BINDINGS = [
        Binding("n", "new_case", "New", id="list.new_case",
                tooltip="Start a new case: title, seller, notice."),
        Binding("slash", "focus_filter", "Filter", id="list.filter",
                tooltip="Filter by title, seller, ASIN or order id as you type."),
        Binding("e", "edit_case", "Edit", id="list.edit_case",
                tooltip="Edit the highlighted case's title, seller, dates and notice."),
        Binding("a", "toggle_archive", "Archive", id="list.archive",
                tooltip="Archive the highlighted case, or restore it if it is archived."),
        Binding("v", "toggle_show_archived", "Archived", id="list.show_archived", show=False,
                tooltip="Show or hide archived cases."),
        Binding("u", "cycle_needs_action", "Urgent", id="list.needs_action", show=False,
                tooltip="Cases that need you first; again: only those; again: all by activity."),
        Binding("delete", "delete_case", "Delete", id="list.delete",
                tooltip="Move the highlighted case to the trash folder, after asking."),
        Binding("escape", "clear_filter", "Clear filter", id="list.clear_filter", show=False,
                tooltip="Clear the filter and go back to the list."),
        Binding("down", "focus_table", show=False, id="list.to_table",
                tooltip="From the filter, go down into the list."),
    ]

    show_archived: reactive[bool] = reactive(False)
    """Archived cases are listed too (dimmed), so one can be restored."""
    needs_action_view: reactive[str] = reactive("")
    """One of `NEEDS_ACTION_VIEWS`: "first" sorts by urgency, "only" also hides the rest."""

    def __init__(self) -> None:
        super().__init__()
        self.all_rows: list[CaseSummary] = []
        """What the store returned last, before the filter."""
        self._problem_files: list[str] = []
        self._loaded = False
        self._just_mounted = False
        self._had_current = False
        """Whether a case was highlighted when the footer's keys were last worked out."""
        self._drafts = DraftChecks(self)
        """The drafts' checks, for the table's Checks column."""
        self._counts = ""
        """`count_line` of `all_rows`, made when they are read rather than on each keystroke."""
        self._clocks: dict[int, Clocks] = {}
        """Each case's clocks, for the needs-action order."""

    def compose(self) -> ComposeResult:
        yield Input(placeholder="/ filter by title, seller, ASIN or order id", id="filter",
                    compact=True)
        yield Static("", id="problems", classes="warning-strip")
        table = CaseTable(id="cases", classes="pane")
        table.border_title = "Cases"
        yield table
        yield Static(Content.from_markup(WELCOME), id="empty")
        yield KeyFooter(compact=True)

    def on_mount(self) -> None:
        self.refresh_from_store()
        self._just_mounted = True
        self.query_one(CaseTable).focus()
        self.call_after_refresh(self._offer_kept_forms)

    def _offer_kept_forms(self) -> None:
        """Say which forms were open when the last session ended; each takes its text back
        the next time it opens (n for a new case; r or s in the case's log)."""
        store = getattr(self.app, "store", None)
        kept = load_drafts(store.root) if store is not None else []
        if not kept:
            return
        where = {"new_case": "press n", "reply": "r in the case's log",
                 "submission": "s in the case's log"}
        named = "; ".join(f"{draft.describe()} ({where[draft.kind]})" for draft in kept[:3])
        self.notify(f"Kept from the last session: {named}. The form opens with it filled in.",
                    title="Unsaved forms", timeout=12)

    def on_screen_resume(self) -> None:
        if self._just_mounted:  # the first resume follows the mount: the rows are fresh
            self._just_mounted = False
            return
        self.refresh_from_store()

    @property
    def table(self) -> CaseTable:
        return self.query_one(CaseTable)

    @property
    def filter_text(self) -> str:
        return self.query_one("#filter", Input).value

    @property
    def readiness(self) -> ReadinessCache:
        """Findings per draft, read again only when a case's revision moves."""
        return self._drafts.readiness

    # -- reading the store --------------------------------------------------------------------

    def refresh_from_store(self, keep: int | None = None) -> None:
        """Re-read the case list (cheap: a folder scan) and redraw it if anything changed."""
        try:
            # The first frame shows the index as the store last wrote it; the case files are
            # checked against it right after (`_after_first_frame`).
            rows = self.app.store.summaries(include_archived=True, verify=self._loaded)
        except StoreError as error:
            self.notify(str(error), title="Cannot read the case list", severity="error")
            return
        self._show_problems(self.app.store.problems, rows)
        unchanged = rows == self.all_rows and self.table.today == self.app.today()
        if self._loaded and unchanged and keep is None:
            return  # nothing new: leave the table alone, no flicker
        first = not self._loaded
        self._loaded = True
        self.all_rows = rows
        self._counts = count_line(rows, self.app.today(), **clock_settings(self.app))
        # Each case's clocks (~5 µs a case) are worked out when the needs-action order first
        # asks, then kept until the rows are read again: not before the list is first drawn.
        self._clocks = {}
        self._apply(keep)
        if first:
            self.call_after_refresh(self._after_first_frame)
        else:
            self._drafts.check(rows)

    def _after_first_frame(self) -> None:
        """Check the case files against the index the first frame showed, then the drafts
        (reading them can take seconds on a large store: the list is drawn first)."""
        shown = self.all_rows
        self.refresh_from_store()
        if self.all_rows is shown:  # the index was right: the refresh left the rows alone
            self._drafts.check(shown)

    def _apply(self, keep: int | None = None) -> None:
        """Show the rows that pass the filter (`passing_filter`: quick enough to follow every
        keystroke), in the order the needs-action view asks for."""
        needle = self.filter_text.strip().casefold()
        visible = passing_filter(self.all_rows, needle, self.show_archived)
        if self.needs_action_view:
            visible = self._by_need(visible)
        counts = self._counts
        if needle or self.needs_action_view == "only":
            counts = f"{len(visible)} of {counts}"
        table = self.table
        # The border first: `show` sends the table's whole repaint at once.
        table.border_subtitle = counts
        table.border_title = list_title(self.show_archived, self.needs_action_view)
        table.show(visible, self.app.today(), keep=keep)
        # Kept for whoever reads it (no header shows it): assigned plainly, a new sub-title
        # repaints the whole screen, a second frame for each key typed in the filter.
        self.set_reactive(Screen.sub_title, counts)
        self._show_empty(visible)

    def _by_need(self, rows: list[CaseSummary]) -> list[CaseSummary]:
        """`by_need`, with the clocks of the rows that have none yet worked out first."""
        clocks = self._clocks
        missing = [row for row in rows if row.id not in clocks]
        if missing:
            settings = clock_settings(self.app)
            today = self.app.today()
            clocks.update((row.id, clocks_for(row, today, **settings)) for row in missing)
        return by_need(rows, clocks, self.needs_action_view)

    def _show_empty(self, visible: list[CaseSummary]) -> None:
        empty = self.query_one("#empty", Static)
        message = None if visible else empty_message(
            self.all_rows, self.show_archived, self.needs_action_view, self.filter_text.strip())
        if message is not None:
            empty.update(message)
        empty.display = message is not None
        self.table.display = message is None
        if message is not None and not self.filter_text.strip() and self.table.has_focus:
            # With the table hidden, focus would fall into the filter and swallow the very keys
            # (n, v) the message names: the message takes it instead.
            empty.can_focus = True
            empty.focus()
        elif message is None and empty.has_focus:
            self.table.focus()

    def _show_problems(self, problems: list[StoreError], rows: list[CaseSummary]) -> None:
        names = [f"{p.path}: {p.reason}" if isinstance(p, CorruptFileError) else str(p)
                 for p in problems]
        widget = self.query_one("#problems", Static)
        widget.display = bool(names)
        if names == self._problem_files:
            return
        self._problem_files = names
        if names:
            damaged = sum(1 for row in rows if row.damaged)
            lead = (f"{damaged} case{'s are' if damaged != 1 else ' is'} damaged (listed in red; "
                    f"run poa-tui doctor to repair): " if damaged else "The store has a problem: ")
            widget.update(Content(lead + "; ".join(names)))
            self.notify(lead.rstrip(": ") + ".", title="Damaged cases" if damaged else "Store",
                        severity="warning")

    # -- filter -------------------------------------------------------------------------------

    @on(Input.Changed, "#filter")
    def _filter_changed(self) -> None:
        self._apply()

    @on(Input.Submitted, "#filter")
    def _filter_submitted(self) -> None:
        self.action_focus_table()

    def action_focus_filter(self) -> None:
        # At once, not after the queued messages as `focus()` does: a key typed in the same
        # instant as "/" (tmux send-keys, a fast typist) would otherwise act on the list,
        # where "a" archives the highlighted case.
        self.set_focus(self.query_one("#filter", Input))

    def action_focus_table(self) -> None:
        self.table.focus()

    def action_clear_filter(self) -> None:
        self.query_one("#filter", Input).value = ""
        self.table.focus()

    def watch_show_archived(self) -> None:
        if self.is_mounted:
            self._apply()

    def action_toggle_show_archived(self) -> None:
        self.show_archived = not self.show_archived

    def watch_needs_action_view(self) -> None:
        if self.is_mounted:
            self._apply()

    def action_cycle_needs_action(self) -> None:
        index = NEEDS_ACTION_VIEWS.index(self.needs_action_view)
        self.show_needs_action(NEEDS_ACTION_VIEWS[(index + 1) % len(NEEDS_ACTION_VIEWS)])

    def show_needs_action(self, view: str) -> None:
        """Order the list by urgency ("first"), show only cases that need action ("only"), or
        go back to the most recent activity first ("")."""
        self.needs_action_view = view
        self.notify({"first": "Cases that need you come first.",
                     "only": "Only cases that need you are listed.",
                     "": "All cases, most recent activity first."}[view], timeout=3)

    # -- the highlighted case (the actions on it: `CaseActions`) ------------------------------

    @property
    def current(self) -> CaseSummary | None:
        case_id = self.table.highlighted_id
        return next((row for row in self.table.rows_shown if row.id == case_id), None)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # With no case highlighted (an empty store, a filter that matches nothing) these keys
        # would do nothing: they leave the footer rather than sit there dimmed.
        if action in {"edit_case", "toggle_archive", "delete_case"} and self.is_mounted:
            return self.current is not None
        return True

    @on(CaseTable.RowSelected, "#cases")
    def _open(self, event: CaseTable.RowSelected) -> None:
        event.stop()
        if event.row.damaged:
            self.notify(f"Case {event.row.id} cannot be opened: {event.row.damaged}. Run "
                        f"poa-tui doctor to repair it.", title="Damaged case", severity="error")
            return
        self.app.open_case(event.row.id)

    @on(CaseTable.RowHighlighted, "#cases")
    def _highlighted(self) -> None:
        # Only whether a case is highlighted changes which keys work (see `check_action`):
        # redrawing the footer on every move would cost a frame per keystroke in the filter.
        if self._had_current is not (self.current is not None):
            self._had_current = self.current is not None
            self.refresh_bindings()

    # -- palette ------------------------------------------------------------------------------

    def palette_commands(self) -> Iterable[PaletteCommand]:
        yield PaletteCommand("case: New", "Start a new case (n)", self.action_new_case)
        row = self.current
        if row is not None:
            yield PaletteCommand("case: Open", f"Open case {row.id} (enter)",
                                 lambda: self.app.open_case(row.id))
            yield PaletteCommand("case: Edit details", f"Title, seller, dates of case {row.id} (e)",
                                 self.action_edit_case)
            if row.archived:
                yield PaletteCommand("case: Restore", f"Bring case {row.id} back to the list (a)",
                                     self.action_toggle_archive)
            else:
                yield PaletteCommand("case: Archive", f"Put case {row.id} away (a)",
                                     self.action_toggle_archive)
            yield PaletteCommand("case: Delete", f"Move case {row.id} to the trash (delete)",
                                 self.action_delete_case)
        if self.show_archived:
            yield PaletteCommand("view: Hide archived", "List only cases in progress (v)",
                                 self.action_toggle_show_archived)
        else:
            yield PaletteCommand("view: Show archived", "List archived cases too (v)",
                                 self.action_toggle_show_archived)
        yield PaletteCommand("view: Filter", "Filter by title, seller, ASIN or order id (/)",
                             self.action_focus_filter)
        views = {"first": ("view: Needs action first", "Passed deadlines, escalations and "
                           "follow-ups due at the top (u)"),
                 "only": ("view: Needs action only", "Hide cases waiting for Amazon or "
                          "settled (u)"),
                 "": ("view: Most recent first", "Every case by latest activity (u)")}
        for view, (title, help_text) in views.items():
            if view != self.needs_action_view:
                yield PaletteCommand(title, help_text, lambda v=view: self.show_needs_action(v))
