"""Plain-text output of `list` and `show`: readable in a terminal and easy to grep."""

from __future__ import annotations

import textwrap
from datetime import date, datetime
from typing import Any

from poa_tui.domain.assembly import section_counts
from poa_tui.domain.case_summary import CaseSummary
from poa_tui.domain.clocks import Clocks
from poa_tui.domain.models import Case, Request
from poa_tui.domain.textsafety import one_line
from poa_tui.domain.vocab import Scope, Status, ViolationType


def summary_dict(row: CaseSummary, clocks: Clocks) -> dict[str, Any]:
    """A case-list row for `list --json`: the summary with its clocks."""
    return {**row.to_row(), "days_waiting": clocks.days_waiting, "days_left": clocks.days_left,
            "needs_action": clocks.needs_action}


def request_lines(requests: list[Request], indent: str = "  ") -> list[str]:
    """One line per request: what Amazon asks for, and whether it is detail, a document or an
    action; long ones wrap under their own text."""
    return [line for request in requests
            for line in textwrap.wrap(f"- {request.text} ({request.kind})", 78,
                                      initial_indent=indent, subsequent_indent=indent + "  ")]


def waiting(clocks: Clocks) -> str:
    """Days since the last attempt while no answer has come, e.g. "3 d"; "-" otherwise."""
    return "-" if clocks.days_waiting is None else f"{clocks.days_waiting} d"


def countdown(clocks: Clocks) -> str:
    """The deadline as "in 5 d", "today" or "3 d overdue"; "passed" while an attempt awaits
    Amazon's answer (the seller has done their part), "-" once the case is won or closed."""
    if clocks.days_left is None or clocks.status in (Status.REINSTATED, Status.CLOSED):
        return "-"
    if clocks.days_left < 0 and not clocks.status.needs_action:
        return "passed"
    return clocks.deadline_text()


def _day(value: date | datetime | None) -> str:
    if value is None:
        return "-"
    if isinstance(value, datetime):
        value = value.astimezone().date()
    return value.isoformat()


def _when(value: datetime) -> str:
    return value.astimezone().strftime("%Y-%m-%d %H:%M")


def _deadline(value: date | None, today: date | None = None) -> str:
    if value is None:
        return "-"
    days = (value - (today or date.today())).days
    if days < 0:
        return f"{value.isoformat()} ({-days} day{'s' if days != -1 else ''} ago)"
    if days == 0:
        return f"{value.isoformat()} (today)"
    return f"{value.isoformat()} ({days} day{'s' if days != 1 else ''} left)"


def _vocab_label(kind: type, value: str) -> str:
    try:
        return kind(value).label
    except ValueError:
        return value


def case_table(rows: list[CaseSummary], clocks: dict[int, Clocks]) -> str:
    """The case list as aligned columns; the title comes last so it may run long."""
    if not rows:
        return "No cases yet. Create one with `poa-tui new --title ...` or in the app.\n"
    header = ("ID", "STATUS", "ATTEMPTS", "WAITING", "DEADLINE", "DUE", "VIOLATION", "TITLE")
    table = [header] + [
        (str(row.id), row.status.label, str(row.attempts), waiting(clocks[row.id]),
         _day(row.deadline), countdown(clocks[row.id]),
         one_line(_vocab_label(ViolationType, row.violation_type)),
         one_line(row.title) + ("  [archived]" if row.archived else ""))
        if not row.damaged else
        (str(row.id), "DAMAGED", "-", "-", "-", "-", "-", one_line(damaged_title(row)))
        for row in rows
    ]
    widths = [max(len(line[column]) for line in table) for column in range(len(header) - 1)]
    lines = []
    for line in table:
        cells = [cell.rjust(width) if column in (0, 2, 3) else cell.ljust(width)
                 for column, (cell, width) in enumerate(zip(line, widths))]
        lines.append("  ".join([*cells, line[-1]]).rstrip())
    return "\n".join(lines) + "\n"


def damaged_title(row: CaseSummary) -> str:
    """What the list says of a case whose file cannot be read."""
    title = row.title or "(title unreadable)"
    return f"{title}  [damaged: {row.damaged}; `poa-tui doctor` repairs it]"


def case_detail(case: Case, today: date | None = None) -> str:
    """One case for a person to read: details, draft lengths and the attempt history."""
    out = [f"Case {case.id}: {one_line(case.title)}", ""]
    facts = [
        ("Status", case.status.label + (" (archived)" if case.archived else "")),
        ("Seller", " on ".join(part for part in (case.seller, case.marketplace) if part) or "-"),
        ("Violation", f"{_vocab_label(ViolationType, case.violation_type)}, "
                      f"scope: {_vocab_label(Scope, case.scope)}"),
        ("Notice", f"received {_day(case.notice.received)}, "
                   f"deadline {_deadline(case.notice.deadline, today)}"),
        ("ASINs", ", ".join(case.notice.asins) or "-"),
        ("Orders", ", ".join(case.notice.order_ids) or "-"),
    ]
    if case.evidence:
        in_hand = sum(item.done for item in case.evidence)
        facts.append(("Evidence", f"{in_hand} of {len(case.evidence)} items in hand"))
    out += [f"{label:<11}{one_line(value)}" for label, value in facts]
    out += ["", "Draft"]
    for section, counts in section_counts(case.sections).items():
        size = f"{counts.words} word{'s' if counts.words != 1 else ''}" if counts.words else "empty"
        out.append(f"  {section.label:<20}{size}")
    out += ["", "Attempts"]
    if not case.submissions:
        out.append("  none yet")
    for attempt in case.submissions:
        reply = attempt.reply
        answer = (f"{reply.outcome.label} ({_day(reply.received_at)})" if reply
                  else "awaiting reply")
        out.append(f"  #{attempt.number}  {_when(attempt.submitted_at)}  "
                   f"{attempt.channel.label:<15} {answer}")
    if case.notes.strip():
        out += ["", "Notes"]
        for line in case.notes.strip().splitlines():
            out += textwrap.wrap(line, 78, initial_indent="  ", subsequent_indent="  ") or [""]
    return "\n".join(out) + "\n"
