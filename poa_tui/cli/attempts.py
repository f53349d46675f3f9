"""Verbs on attempts: `submit` records what was sent, `reply` records Amazon's answer."""

from __future__ import annotations

import argparse
import sys

from poa_tui.cli.analysis import NO_EVIDENCE, UNSURE, reasons
from poa_tui.cli.render import request_lines
from poa_tui.cli.support import (
    PROG,
    AddVerb,
    CliError,
    add_case_id,
    add_force,
    change_case,
    choices,
    clean_line,
    positive_int,
    read_message,
    size_note,
    vocab_arg,
)
from poa_tui.domain.models import Case, Reply, Submission, parse_datetime, utcnow
from poa_tui.domain.replies import Classification, classify_reply, reply_fit
from poa_tui.domain.vocab import Channel, Outcome


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
    add_force(p)
    p.set_defaults(handler=submit)

    p = verb("reply",
             "Record Amazon's reply to an attempt (the last one unless --attempt is given).",
             f"{PROG} reply 3 --from reply.txt",
             f"{PROG} reply 3 --from reply.txt --outcome insufficient_poa",
             f"pbpaste | {PROG} reply 3 --from - --outcome reinstated --attempt 2")
    add_case_id(p)
    p.add_argument("--from", dest="source", required=True, metavar="FILE",
                   help=f"the reply's text (`-` reads standard input; {size_note()})")
    p.add_argument("--outcome", type=vocab_arg(Outcome, "outcome"), metavar="CLASS",
                   help=f"what Amazon decided: {choices(Outcome)}. Without it the reply's text "
                        f"decides, and the choice and the phrases behind it are shown on "
                        f"standard error. What the reply asks for is stored with it either way.")
    p.add_argument("--attempt", type=positive_int("attempt number"), metavar="N",
                   help="the attempt this answers (default: the last one)")
    p.add_argument("--received", metavar="WHEN",
                   help="when it arrived, e.g. 2025-03-14 or 2025-03-14T09:30 (default: now)")
    add_force(p)
    p.set_defaults(handler=reply)


def submit(args: argparse.Namespace) -> int:
    note = clean_line(args.note, "note")

    def record(case: Case) -> Submission:
        if case.sections.is_empty():
            raise CliError(f"case {case.id} has an empty draft: write at least one section "
                           f"before recording an attempt "
                           f"(`{PROG} edit {case.id} --section ... --from ...`)")
        return case.record_submission(args.channel, note=note)

    _, attempt = change_case(args, record)
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
    text = read_message(args.source, "reply")
    reading = classify_reply(text)
    outcome = args.outcome or reading.outcome
    if outcome is None:
        raise CliError(f"could not tell what this reply decided: {reading.reason}. Read it and "
                       f"run again with --outcome CLASS")

    def record(case: Case) -> tuple[Submission, Reply | None]:
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
                raise CliError(f"case {case.id} has no attempt {args.attempt} (it has "
                               f"{numbers})") from None
        earlier = attempt.reply
        attempt.reply = Reply(received_at=received_at, text=text, outcome=outcome,
                              requests=reading.requests)
        return attempt, earlier

    case, (attempt, earlier) = change_case(args, record)
    if earlier is not None:
        print(f"Replaced the earlier reply to attempt {attempt.number} "
              f"({earlier.outcome.label}).", file=sys.stderr)
    _explain(reading, args.outcome)
    for warning in reply_fit(text, case.marketplace or None, case.notice.asins,
                             case.notice.order_ids):
        print(f"warning: this reply may belong to another case: {warning}", file=sys.stderr)
    print(f"Attempt {attempt.number}: {outcome.label}. {outcome.next_step}")
    if reading.requests:
        print("Amazon asks for:")
        print("\n".join(request_lines(reading.requests)))
    return 0


def _explain(reading: Classification, chosen: Outcome | None) -> None:
    """Say on stderr how the outcome was chosen, so a wrong reading is easy to spot and fix."""
    read = reading.outcome
    if read is None:
        print(f"Recorded as {chosen.label if chosen else '?'}, as you asked; the text could not "
              f"be placed ({reading.reason}).", file=sys.stderr)
        return
    why = f"because of {reasons(reading)}" if reading.evidence else f"since {NO_EVIDENCE}"
    if chosen is None:
        guess = " (a guess: check it)" if reading.confidence < UNSURE else ""
        print(f"Read the reply as {read.label} ({read.value}){guess} {why}. If that is wrong, "
              f"run it again with --outcome CLASS.", file=sys.stderr)
    elif chosen is not read:
        print(f"Recorded as {chosen.label} ({chosen.value}), as you asked; the text reads like "
              f"{read.label} ({read.value}) {why}.", file=sys.stderr)
