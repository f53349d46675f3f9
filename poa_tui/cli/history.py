"""`log`: a case's story (notice, attempts, answers) with its clocks and what Amazon still wants."""

from __future__ import annotations

import argparse
import sys
from datetime import date, datetime

from poa_tui.cli.render import countdown, request_lines
from poa_tui.cli.support import (
    PROG,
    AddVerb,
    add_case_id,
    clock_settings,
    load_case,
    load_settings,
    plural,
    write_json,
)
from poa_tui.domain.clocks import Clocks, clocks_for, log_dict, open_requests, timeline
from poa_tui.domain.models import Case
from poa_tui.domain.textsafety import one_line


def register(verb: AddVerb) -> None:
    p = verb("log", "Show a case's timeline, its clocks and what Amazon still asks for.",
             f"{PROG} log 3", f"{PROG} log 3 --json")
    add_case_id(p)
    p.add_argument("--json", action="store_true",
                   help="print the status, clocks, advice, timeline and open requests as JSON")
    p.set_defaults(handler=show_log)


def show_log(args: argparse.Namespace) -> int:
    _, case = load_case(args)
    today, settings = date.today(), clock_settings(load_settings())
    if args.json:
        write_json(log_dict(case, today, **settings))
    else:
        sys.stdout.write(log_text(case, clocks_for(case, today, **settings)))
    return 0


def _when(value: date | datetime) -> str:
    if isinstance(value, datetime):
        return value.astimezone().strftime("%Y-%m-%d %H:%M")
    return value.isoformat()


def clock_facts(clocks: Clocks) -> list[tuple[str, str]]:
    """(label, text) for each clock, in the order people look for them."""
    facts = [("Status", clocks.status.label)]
    limit = clocks.appeal_limit
    if limit is None:
        facts.append(("Attempts", f"{clocks.attempts} sent; the notice sets no limit"))
    else:
        left = clocks.attempts_left
        facts.append(("Attempts", f"{clocks.attempts} of the {limit} the notice allows"
                                  + (f" ({left} left)" if left else " (none left)")))
    if clocks.days_waiting is not None:
        facts.append(("Waiting", f"{plural(clocks.days_waiting, 'day')} since the last attempt"))
        due = clocks.follow_up_due.isoformat() if clocks.follow_up_due else "-"
        facts.append(("Follow up", f"overdue since {due}" if clocks.follow_up_overdue
                      else f"due after {due}"))
        since = clocks.escalation_from.isoformat() if clocks.escalation_from else ""
        if clocks.escalation_advised:
            facts.append(("Escalate", f"advised now: the silence has lasted long enough "
                                      f"(since {since})"))
        elif since:
            facts.append(("Escalate", f"not yet (advised from {since})"))
        else:
            facts.append(("Escalate", "not again: chase the escalation instead"))
    if clocks.deadline is None:
        facts.append(("Deadline", "none given"))
    else:
        facts.append(("Deadline", f"{clocks.deadline.isoformat()} ({countdown(clocks)})"))
    return facts


def log_text(case: Case, clocks: Clocks) -> str:
    out = [f"Case {case.id}: {one_line(case.title)}", ""]
    out += [f"{label:<11}{text}" for label, text in clock_facts(clocks)]
    advice = clocks.advice()
    if advice:
        out += ["", "Advice"] + [f"  - {note}" for note in advice]
    out += ["", "Timeline"]
    events = timeline(case)
    out += [f"  {_when(event.when):<16}  {one_line(event.summary)}"
            for event in events] or ["  nothing yet"]
    requests = open_requests(case)
    if requests:
        out += ["", "Open requests from Amazon's last reply"]
        out += request_lines(requests)
    return "\n".join(out) + "\n"
