"""`due` and `calendar`: the dates to act on across cases, in the terminal or in a calendar."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

from poa_tui.cli.export import write_bytes
from poa_tui.cli.support import (
    PROG,
    AddVerb,
    clock_settings,
    existing_store,
    load_settings,
    write_json,
)
from poa_tui.domain.due import DueDate, due_dates
from poa_tui.domain.textsafety import strip_controls


def register(verb: AddVerb) -> None:
    p = verb("due", "List every deadline, follow-up and escalation day across cases, soonest first.",
             f"{PROG} due", f"{PROG} due --within 7",
             f"{PROG} due --within 3 || echo 'an appeal date has passed'")
    p.add_argument("--within", type=_days, metavar="DAYS",
                   help="only dates at most DAYS days ahead (the overdue ones always show); the "
                        "exit status is 1 when one is overdue, for a login script or cron")
    p.add_argument("--json", action="store_true", help="print the dates as a JSON list")
    p.set_defaults(handler=show_due)

    p = verb("calendar", "Write the days `due` lists as calendar events with reminders (.ics).",
             f"{PROG} calendar -o poa-dates.ics", f"{PROG} calendar -o poa-dates.ics --force")
    p.add_argument("-o", "--output", metavar="FILE", required=True,
                   help="the .ics file to write; importing a newer one updates the events "
                        "instead of adding copies")
    p.add_argument("--all", action="store_true", help="include archived cases")
    p.add_argument("--force", action="store_true", help="let -o replace an existing file")
    p.set_defaults(handler=write_calendar)


def _days(value: str) -> int:
    try:
        days = int(value)
    except ValueError:
        days = -1
    if days < 0:
        raise argparse.ArgumentTypeError(f"DAYS must be a whole number, 0 or more, not {value!r}")
    return days


def _dates(args: argparse.Namespace, today: date, *, archived: bool = False,
           within: int | None = None) -> tuple[list[DueDate], list[str]]:
    store = existing_store(args)
    rows = store.summaries(include_archived=archived) if store else []
    settings = clock_settings(load_settings())
    dates = due_dates([row for row in rows if archived or not row.archived], today,
                      within=within, **settings)
    return dates, list(store.problems) if store else []


def show_due(args: argparse.Namespace) -> int:
    today = date.today()
    dates, problems = _dates(args, today, within=args.within)
    if args.json:
        write_json([due.to_dict(today) for due in dates])
    elif not dates:
        print("Nothing is due" + (f" in the next {args.within} days." if args.within is not None
                                  else ": no case waits on a date."))
    else:
        sys.stdout.write(due_table(dates, today))
    for problem in problems:
        print(f"{PROG}: {problem}", file=sys.stderr)
    if problems:
        return 2
    return 1 if any(due.overdue for due in dates) else 0


def due_table(dates: list[DueDate], today: date) -> str:
    lines = []
    for due in dates:
        title = " ".join(strip_controls(due.title).split())
        lines.append(f"{due.day.isoformat()}  {due.when(today):<12} case {due.case_id:<4} "
                     f"{due.action}: {title}".rstrip())
    return "\n".join(lines) + "\n"


def write_calendar(args: argparse.Namespace) -> int:
    from poa_tui.domain.calendar_file import calendar_bytes, local_zone_name

    today = date.today()
    dates, problems = _dates(args, today, archived=args.all)
    path = Path(args.output)
    for problem in problems:
        print(f"{PROG}: {problem}", file=sys.stderr)
    write_bytes(path, calendar_bytes(dates, zone=local_zone_name()), replace=args.force)
    print(f"{len(dates)} date{'s' if len(dates) != 1 else ''} written to {path}",
          file=sys.stderr)
    return 2 if problems else 0
