"""What the case list shows for its filter and view: which rows pass, in what order, the counts
line, the table's title, and the message that takes the table's place when no row is left."""

from __future__ import annotations

from textual.content import Content

from poa_tui.domain.case_summary import CaseSummary
from poa_tui.domain.clocks import Clocks, clocks_for
from poa_tui.tui.widgets.case_table import is_overdue
from poa_tui.tui.widgets.clock_badges import urgency

WELCOME = """\
[b]No cases yet.[/b]

A case is one suspension or warning from Amazon: the notice you received, the Plan of \
Action you write for it (Root Cause, Immediate Remedy, Systematic Changes) and every \
attempt you send, with Amazon's answer to each.

Press [b]n[/b] to start your first case. To look around first, quit with [b]ctrl+q[/b] and \
run [b]poa-tui --demo[/b]: it opens a complete sample case in a throwaway folder.

[b]F1[/b] explains every screen; [b]ctrl+p[/b] (or [b]F9[/b]) lists every command.\
"""

NEEDS_ACTION_VIEWS = ("", "first", "only")
"""The case list's order: by recent activity, cases that need action first, or only those."""


def count_line(rows: list[CaseSummary], today: object, **settings: int) -> str:
    """"12 cases · 3 need action · 1 overdue" for the rows that are not archived.

    A case needs action when it waits on the seller, or when a follow-up is due (`settings`
    are the follow-up and escalation settings)."""
    live = [row for row in rows if not row.archived]
    parts = [f"{len(live)} case{'s' if len(live) != 1 else ''}"]
    # A case's status alone says it needs action more often than not: its clocks (~3.5 µs a
    # case) are worked out only for the others.
    need = sum(row.status.needs_action
               or clocks_for(row, today, **settings).needs_action  # type: ignore[arg-type]
               for row in live)
    if need:
        parts.append(f"{need} need{'s' if need == 1 else ''} action")
    overdue = sum(is_overdue(row, today) for row in live)  # type: ignore[arg-type]
    if overdue:
        parts.append(f"{overdue} overdue")
    archived = len(rows) - len(live)
    if archived:
        parts.append(f"{archived} archived")
    return " · ".join(parts)


def passing_filter(rows: list[CaseSummary], needle: str,
                   show_archived: bool) -> list[CaseSummary]:
    """The rows that pass the filter (`needle`, already casefolded): a substring test per case on
    text made once per case (`CaseSummary.haystack`), ~2 ms for 5,000 cases, so it follows every
    keystroke."""
    if needle:
        return [row for row in rows
                if (show_archived or not row.archived) and needle in row.haystack]
    # No filter: the haystacks are made on the first key, not at start (~1 ms/1,000).
    return [row for row in rows if show_archived or not row.archived]


def by_need(rows: list[CaseSummary], clocks: dict[int, Clocks], view: str) -> list[CaseSummary]:
    """`rows` most pressing first (a stable sort: equals keep their order), and only those that
    need action when `view` is "only". `clocks` holds the clocks of every row."""
    if view == "only":
        rows = [row for row in rows if clocks[row.id].needs_action and not row.archived]
    return sorted(rows, key=lambda row: urgency(clocks[row.id]))


def list_title(show_archived: bool, view: str) -> str:
    """The table's border title: which cases it holds, in which order."""
    title = "Cases, archived included" if show_archived else "Cases"
    if view:
        title += {"first": ", needing action first",
                  "only": ", needing action only"}[view]
    return title


def empty_message(all_rows: list[CaseSummary], show_archived: bool, view: str,
                  typed: str) -> Content:
    """What to say when no row is shown, and which key brings rows back (`typed`: the filter)."""
    if not all_rows:
        return Content.from_markup(WELCOME)
    if not any(show_archived or not row.archived for row in all_rows):
        return Content.from_markup(
            "Every case is archived. Press [b]v[/b] to show archived cases, or [b]n[/b] "
            "to start a new one.")
    if view == "only" and not typed:
        return Content.from_markup(
            "Nothing needs you right now: every case waits for Amazon or is settled. "
            "Press [b]u[/b] to list them all.")
    return Content.assemble(
        "No case matches “", (typed, "bold"),
        "”. Press ", ("escape", "bold"), " to clear the filter.")
