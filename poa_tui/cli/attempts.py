"""Verbs on attempts: `submit` records what was sent, `reply` records Amazon's answer."""

from __future__ import annotations

import argparse
import sys

from ..models import Reply, parse_datetime, utcnow
from ..vocab import Channel, Outcome
from .support import (PROG, AddVerb, CliError, add_case_id, choices, clean_line, load_case,
                      positive_int, read_text, vocab_arg)


def register(verb: AddVerb) -> None:
    p = verb("submit",
             "Record that the current draft was sent to Amazon; prints the attempt number.",
             f"{PROG} submit 3",
             f'{PROG} submit 3 --channel email --note "to seller-performance, invoices attached"')
    add_case_id(p)
    p.add_argument("--channel", type=vocab_arg(Channel, "channel"), default=Channel.ACCOUNT_HEALTH,
                   metavar="CHANNEL",
                   help=f"where it was sent: {choices(Channel)} (default: account_health)")
    p.add_argument("--note", default="", help="a line to remember, e.g. what was attached")
    p.set_defaults(handler=submit)

    p = verb("reply",
             "Record Amazon's reply to an attempt (the last one unless --attempt is given).",
             f"{PROG} reply 3 --from reply.txt --outcome insufficient_poa",
             f"pbpaste | {PROG} reply 3 --from - --outcome reinstated --attempt 2")
    add_case_id(p)
    p.add_argument("--from", dest="source", required=True, metavar="FILE",
                   help="the reply's text (`-` reads standard input)")
    p.add_argument("--outcome", type=vocab_arg(Outcome, "outcome"), required=True,
                   metavar="CLASS", help=f"what Amazon decided: {choices(Outcome)}")
    p.add_argument("--attempt", type=positive_int("attempt number"), metavar="N",
                   help="the attempt this answers (default: the last one)")
    p.add_argument("--received", metavar="WHEN",
                   help="when it arrived, e.g. 2025-03-14 or 2025-03-14T09:30 (default: now)")
    p.set_defaults(handler=reply)


def submit(args: argparse.Namespace) -> int:
    note = clean_line(args.note, "note")
    store, case = load_case(args)
    if case.sections.is_empty():
        raise CliError(f"case {case.id} has an empty draft: write at least one section before "
                       f"recording an attempt (`{PROG} edit {case.id} --section ... --from ...`)")
    attempt = case.record_submission(args.channel, note=note)
    store.save(case)
    print(attempt.number)
    return 0


def _received_at(value: str | None):
    if value is None:
        return utcnow()
    try:
        return parse_datetime(value.strip())
    except ValueError:
        raise CliError(f"--received {value!r} is not a date: write it like 2025-03-14 or "
                       f"2025-03-14T09:30") from None


def reply(args: argparse.Namespace) -> int:
    received_at = _received_at(args.received)
    text = read_text(args.source).strip("\n")
    if not text.strip():
        raise CliError("the reply is empty: paste Amazon's message into the file first")
    store, case = load_case(args)
    if not case.submissions:
        raise CliError(f"case {case.id} has no attempts yet: record one first with "
                       f"`{PROG} submit {case.id}`")
    if args.attempt is None:
        attempt = case.submissions[-1]
    else:
        try:
            attempt = case.submission(args.attempt)
        except KeyError:
            numbers = ", ".join(str(s.number) for s in case.submissions)
            raise CliError(f"case {case.id} has no attempt {args.attempt} (it has {numbers})") \
                from None
    earlier = attempt.reply
    attempt.reply = Reply(received_at=received_at, text=text, outcome=args.outcome)
    store.save(case)
    if earlier is not None:
        print(f"Replaced the earlier reply to attempt {attempt.number} "
              f"({earlier.outcome.label}).", file=sys.stderr)
    print(f"Attempt {attempt.number}: {args.outcome.label}. {args.outcome.next_step}")
    return 0
