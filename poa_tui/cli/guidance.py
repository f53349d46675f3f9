"""`guidance TYPE [--section S] [--json]`: the writing guidance and evidence list for a kind of
violation, to read or review outside the app."""

from __future__ import annotations

import argparse
import sys
import textwrap

from poa_tui.cli.support import PROG, AddVerb, choices, vocab_arg, write_json
from poa_tui.domain.guidance import SECTION_HINTS, guidance_for
from poa_tui.domain.vocab import SECTIONS, Section, ViolationType

WIDTH = 78


def register(verb: AddVerb) -> None:
    p = verb("guidance",
             "Print what Amazon asks for a kind of violation, the questions per section and the "
             "evidence to gather.",
             f"{PROG} guidance inauthentic", f"{PROG} guidance ip_patent --section root_cause",
             f"{PROG} guidance late_shipment_rate --json")
    p.add_argument("violation", type=vocab_arg(ViolationType, "violation type"), metavar="TYPE",
                   help=f"violation type: {choices(ViolationType)}")
    p.add_argument("--section", type=vocab_arg(Section, "section"), metavar="SECTION",
                   help=f"only this section's questions: {choices(Section)}")
    p.add_argument("--json", action="store_true",
                   help='print {"violation", "label", "summary", "notes": [...], "questions": '
                        '{section: [...]}, "evidence": [{"key", "label", "detail"}]}')
    p.set_defaults(handler=show)


def _bullets(items: list[str], indent: int = 2) -> list[str]:
    lines: list[str] = []
    for item in items:
        lines += textwrap.wrap(item, WIDTH, initial_indent=" " * indent + "- ",
                               subsequent_indent=" " * (indent + 2))
    return lines


def show(args: argparse.Namespace) -> int:
    kind: ViolationType = args.violation
    guide = guidance_for(kind)
    shown = SECTIONS if args.section is None else (args.section,)
    if args.json:
        write_json({
            "violation": kind.value, "label": kind.label, "summary": guide.summary,
            "notes": guide.notes,
            "questions": {section.value: guide.questions[section] for section in shown},
            "evidence": [{"key": e.key, "label": e.label, "detail": e.detail}
                         for e in guide.evidence],
        })
        return 0
    out = [f"{kind.label} ({kind.value})", *textwrap.wrap(guide.summary, WIDTH)]
    if guide.notes:
        out += ["", "What Amazon asks", *_bullets(guide.notes)]
    for section in shown:
        out += ["", section.label, *textwrap.wrap(SECTION_HINTS[section], WIDTH,
                                                  initial_indent="  ", subsequent_indent="  ")]
        out += _bullets(guide.questions[section])
    out += ["", "Evidence to gather"]
    for spec in guide.evidence:
        out += textwrap.wrap(f"[ ] {spec.label} ({spec.key}): {spec.detail}", WIDTH,
                             initial_indent="  ", subsequent_indent="      ")
    sys.stdout.write("\n".join(out) + "\n")
    return 0
