"""Verbs that read text for the user: `classify-reply` (Amazon's answer) and `check` (a draft)."""

from __future__ import annotations

import argparse
import sys
import textwrap

from poa_tui.cli.render import request_lines
from poa_tui.cli.support import (
    PROG,
    AddVerb,
    add_case_id,
    add_message_source,
    load_case,
    load_settings,
    read_message,
    write_json,
)
from poa_tui.domain.checks import Finding, Verdict, summary_text
from poa_tui.domain.language import language_name
from poa_tui.domain.models import Case
from poa_tui.domain.readiness import Readiness
from poa_tui.domain.replies import Classification, classify_reply
from poa_tui.domain.vocab import Section

UNSURE = 0.5
"""Below this confidence the reading is called a guess, so the user reads the reply themselves."""
_QUOTE_LIMIT = 60


def register(verb: AddVerb) -> None:
    p = verb("classify-reply",
             "Say what Amazon's reply means, why, and what it asks for; nothing is saved.",
             f"{PROG} classify-reply reply.txt",
             f"pbpaste | {PROG} classify-reply - --json")
    add_message_source(p, "reply", '{"class": ..., "evidence": [...], "requests": [...]}')
    p.set_defaults(handler=classify)

    p = verb("check",
             "Judge a case's draft as ready, needs work or blocked; exit 1 when blocked.",
             f"{PROG} check 3", f"{PROG} check 3 --json",
             f"{PROG} check 3 >/dev/null && {PROG} submit 3   # send only a draft with no blocker",
             f"{PROG} check 3 --strict && {PROG} submit 3     # send only a ready draft")
    add_case_id(p)
    p.add_argument("--json", action="store_true",
                   help='print {"verdict": "ready"|"needs_work"|"blocked", "findings": [{"id", '
                        '"severity", "section", "message", "start", "end"}], "sections": {...}} '
                        "(offsets count characters in the section's text; each section gives "
                        "its words, specificity, what it lacks and its findings by severity)")
    p.add_argument("--strict", action="store_true",
                   help="exit 1 unless the verdict is ready (warnings a reviewer would act on "
                        "count, not only blockers)")
    p.set_defaults(handler=check)


NO_EVIDENCE = "no phrase in it decides the matter, so it counts as a reply without a decision"


def reasons(reading: Classification) -> str:
    """The phrases that decided a reading, quoted and joined; "" when none did."""
    return ", ".join(f'"{phrase}"' for phrase in reading.evidence)


def _block(label: str, text: str) -> list[str]:
    """`label` and `text` wrapped beside it, for the two-column readouts."""
    return textwrap.wrap(text, 78, initial_indent=f"{label:<11}",
                         subsequent_indent=" " * 11) or [label]


def classify(args: argparse.Namespace) -> int:
    reading = classify_reply(read_message(args.source, "reply"))
    if args.json:
        write_json(reading.to_dict())
        return 0
    outcome = reading.outcome
    if outcome is None:
        out = _block("Class", "could not tell (null)")
        out += _block("Because", f"{reading.reason}; read the reply yourself and record the "
                                 f"outcome with --outcome CLASS")
        out += _block("Language", language_name(reading.language))
        sys.stdout.write("\n".join(out) + "\n")
        return 0
    out = _block("Class", f"{outcome.label} ({outcome.value})")
    out += _block("Next step", outcome.next_step)
    out += _block("Because", reasons(reading) or NO_EVIDENCE)
    if reading.confidence < UNSURE:
        out += _block("Note", "this reading is a guess: read the reply yourself before you act")
    if reading.requests:
        out += ["Requests"] + request_lines(reading.requests)
    else:
        out += _block("Requests", "none found")
    sys.stdout.write("\n".join(out) + "\n")
    return 0


def check(args: argparse.Namespace) -> int:
    _, case = load_case(args)
    ready = Readiness.of(case, load_settings())
    findings = list(ready.findings)
    if args.json:
        write_json({"verdict": ready.verdict.value,
                    "findings": [finding.to_dict() for finding in findings],
                    "sections": ready.sections_summary(case)})
    else:
        sys.stdout.write(findings_report(case, findings, ready))
    if args.strict:
        return 0 if ready.verdict is Verdict.READY else 1
    return 1 if ready.verdict is Verdict.BLOCKED else 0


def position(text: str, offset: int) -> str:
    """"line:column" of a character offset, both counted from 1."""
    line = text.count("\n", 0, offset) + 1
    column = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return f"{line}:{column}"


def quoted(text: str) -> str:
    """The offending words on one line, shortened when long."""
    flat = " ".join(text.split())
    if len(flat) > _QUOTE_LIMIT:
        flat = flat[:_QUOTE_LIMIT - 1] + "\u2026"
    return f'"{flat}"' if flat else ""


def _finding_lines(finding: Finding, text: str) -> list[str]:
    if finding.end > finding.start:
        where = f"{position(text, finding.start)}  {quoted(text[finding.start:finding.end])}"
    else:
        where = "(the whole section)" if finding.section is not None else ""
    head = f"  {finding.severity.value:<7}  {where}"
    body = textwrap.wrap(finding.message, 78, initial_indent=" " * 4, subsequent_indent=" " * 4)
    return [head.rstrip(), *body]


VERDICT_LINES = {
    Verdict.BLOCKED: "Blocked: fix the blockers before sending.",
    Verdict.NEEDS_WORK: "Needs work: nothing blocks sending, but a reviewer would act on the "
                        "warnings.",
    Verdict.READY: "Ready to send.",
}


def findings_report(case: Case, findings: list[Finding], ready: Readiness) -> str:
    """Findings grouped by section, each with where it is and the words it is about."""
    out: list[str] = []
    groups: list[tuple[Section | None, str]] = [(s, s.label) for s in Section]
    groups.append((None, "Whole plan"))
    for section, title in groups:
        mine = [f for f in findings if f.section == section]
        if not mine:
            continue
        text = case.sections[section] if section is not None else ""
        if section is not None and ready.specificity(section):
            title = f"{title} ({ready.specificity(section)})"
        out += ([""] if out else []) + [title]
        for finding in mine:
            out += _finding_lines(finding, text)
    out += ([""] if out else []) + [f"Case {case.id}: {summary_text(findings, hints=True)}. "
                                    f"{VERDICT_LINES[ready.verdict]}"]
    return "\n".join(out) + "\n"
