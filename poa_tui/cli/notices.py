"""Amazon's notice on the command line: `parse-notice`, and `--notice` on `new` and `edit`."""

from __future__ import annotations

import argparse
import sys
import textwrap
from datetime import date
from typing import Any

from poa_tui.cli.support import (
    PROG,
    AddVerb,
    add_message_source,
    plural,
    read_message,
    size_note,
    write_json,
)
from poa_tui.domain.language import language_name
from poa_tui.domain.models import Case, Metric, Notice
from poa_tui.domain.notice import ParsedNotice, parse_notice
from poa_tui.domain.textsafety import strip_controls
from poa_tui.domain.vocab import Scope, ViolationType

FIELDS: tuple[tuple[str, str], ...] = (
    ("violation_type", "Violation type"),
    ("marketplace", "Marketplace"),
    ("scope", "Scope"),
    ("date", "Notice date"),
    ("deadline", "Deadline"),
    ("appeal_limit", "Appeal limit"),
    ("asins", "ASINs"),
    ("order_ids", "Order ids"),
    ("complaint_ids", "Complaint ids"),
    ("case_ids", "Support case ids"),
    ("metrics", "Metrics"),
    ("rights_owner", "Rights owner"),
    ("rights_owner_email", "Rights owner email"),
    ("registration_numbers", "Registrations"),
    ("related_accounts", "Related accounts"),
)
"""Every field `parse-notice` reports, with the name people read, in the order it prints them."""
_LABELS = dict(FIELDS)

_DETAILS = (("violation_type", "--violation", ViolationType.OTHER),
            ("marketplace", "--marketplace", ""),
            ("scope", "--scope", Scope.ACCOUNT))
"""Case details a notice can fill in: the option that sets each by hand, and its default."""
_FACTS = ("deadline", "appeal_limit", "asins", "order_ids", "complaint_ids", "case_ids", "metrics")
"""What a notice holds besides its text and date, as `models.Notice` names them."""

NEW_HELP = (f"Amazon's notice (`-` reads standard input; {size_note()}). Its text is kept "
            "with the case, and the violation type, marketplace, scope, dates, ids, figures and appeal limit read "
            "from it are filled in; --violation, --marketplace and --scope given here win over "
            "what the notice says. What was filled in is listed on standard error.")
EDIT_HELP = (f"Amazon's notice (`-` reads standard input; {size_note()}), replacing the one "
             "kept with the case. The violation type, marketplace and scope are taken from it only where the case "
             "still has the defaults (type other, no marketplace, whole account) and no option "
             "sets them here, so details you chose stay. Dates, ids, figures and the appeal "
             "limit are replaced by the notice's; where it gives none the case keeps its own. "
             "What changed is listed on standard error.")


def register(verb: AddVerb) -> None:
    p = verb("parse-notice",
             "Read a notice from Amazon and show what poa-tui finds in it; nothing is saved.",
             f"{PROG} parse-notice notice.txt",
             f"pbpaste | {PROG} parse-notice - --json")
    add_message_source(p, "notice", "the fields as JSON (null or [] where the notice gives none)")
    p.set_defaults(handler=parse_notice_verb)


def parse_notice_verb(args: argparse.Namespace) -> int:
    found = parse_notice(read_message(args.source, "notice"))
    if args.json:
        write_json(found.to_dict())
    else:
        sys.stdout.write(notice_table(found))
    for line in unread_lines(found):
        print(line, file=sys.stderr)
    return 0


def unread_lines(found: ParsedNotice) -> list[str]:
    """One warning per field the notice seems to give but that could not be read."""
    return [f"warning: the notice is {strip_controls(item.text)}; check every field by hand"
            if item.field == "language" else
            f"warning: the {_line_label(item.field)} could not be read from "
            f"\"{strip_controls(item.text)}\"; check it by hand" for item in found.unread]


def shown(name: str, value: Any) -> str:
    """A field's value as people read it; "" when there is none."""
    if value is None or value == "" or value == []:
        return ""
    if isinstance(value, (ViolationType, Scope)):
        return value.label
    if isinstance(value, date):
        return value.isoformat()
    if name == "appeal_limit":
        return plural(value, "appeal")
    if name == "deadline" and isinstance(value, date):
        return value.isoformat()
    if name == "metrics":
        return "; ".join(metric_text(metric) for metric in value)
    if isinstance(value, list):
        return ", ".join(value)
    return str(value)


def metric_text(metric: Metric) -> str:
    period = f" over {metric.period}" if metric.period else ""
    return f"{metric.name} {metric.value}{period}" + (f" (target {metric.target})"
                                                     if metric.target else "")


_INDENT = max(len(label) for _, label in FIELDS) + 2
"""Where values start: two spaces past the longest label."""


def notice_table(found: ParsedNotice) -> str:
    """Each field with its value, and under it the notice's words that decided it."""
    out: list[str] = []
    for name, label in FIELDS:
        value = getattr(found, name)
        if name == "metrics" and value:
            lines = [metric_text(metric) for metric in value]
        else:
            text = shown(name, value)
            if isinstance(value, (ViolationType, Scope)):
                text += f" ({value.value})"
            lines = textwrap.wrap(text, 78 - _INDENT) or ["not found"]
        out.append(f"{label:<{_INDENT}}{lines[0]}")
        out += [" " * _INDENT + line for line in lines[1:]]
        if name == "deadline" and found.deadline_at:
            out.append(" " * _INDENT + f"ends {found.deadline_at}")
        if evidence := found.evidence.get(name):
            out += textwrap.wrap(f'from: "{evidence}"', 78, initial_indent=" " * (_INDENT + 2),
                                 subsequent_indent=" " * (_INDENT + 8))
    if found.language:
        out.append(f"{'Language':<{_INDENT}}{language_name(found.language)}")
    for item in found.unread:
        sentence = (f"The notice is {item.text}: check every field by hand."
                    if item.field == "language" else
                    f'Could not read the {_line_label(item.field)} in "{item.text}": check it '
                    f"by hand.")
        out += ["", *textwrap.wrap(sentence, 78)]
    if found.violation_type is None:
        out += ["", *textwrap.wrap("This does not read like a policy notice from Amazon: check "
                                   "that the whole message was pasted.", 78)]
    return "\n".join(out) + "\n"


def apply_notice(case: Case, text: str, *, given: set[str], keep_chosen: bool,
                 today: date) -> list[str]:
    """Attach the notice `text` to `case` and fill in what was read from it.

    A detail named in `given` (set on the command line) is never changed; with `keep_chosen`
    (for `edit`) neither is one that differs from its default. The notice's date, else the
    case's, else `today`, is the received date. Returns one line per field saying what happened.
    """
    before = case.notice
    found = parse_notice(text, received=before.received or today)
    lines = [_detail_line(case, name, option, default, getattr(found, name), given, keep_chosen)
             for name, option, default in _DETAILS]
    if "date" in found.evidence:
        lines.append(f"received: {shown('date', found.date)}, from the notice")
    elif before.received:
        lines.append(f"received: the notice gives no date; kept {shown('date', found.date)}")
    else:
        lines.append(f"received: the notice gives no date; set to today, {found.date}")
    facts: dict[str, Any] = {}
    for name in _FACTS:
        value, current = getattr(found, name), getattr(before, name)
        label = _line_label(name)
        if value:
            facts[name] = value
            lines.append(f"{label}: {shown(name, value)}, from the notice")
        elif current:
            facts[name] = current
            lines.append(f"{label}: none in the notice; kept {shown(name, current)}")
        else:
            facts[name] = value
            lines.append(f"{label}: none in the notice")
    case.notice = Notice(text=text, received=found.date, **facts)
    lines += unread_lines(found)
    if found.violation_type is None:
        lines.append("note: this does not read like a policy notice from Amazon; its text is "
                     "kept with the case all the same")
    return lines


def _line_label(name: str) -> str:
    """A field's name inside a sentence: "order ids", but "ASINs" keeps its capitals."""
    label = _LABELS[name]
    return label if label[:2].isupper() else label[0].lower() + label[1:]


def _detail_line(case: Case, name: str, option: str, default: Any, value: Any, given: set[str],
                 keep_chosen: bool) -> str:
    """Set one case detail from the notice when the rules allow; say what happened."""
    label = _line_label(name)
    current = getattr(case, name)
    if name in given or (keep_chosen and current != default):
        why = f"as given with {option}" if name in given else "as it was already set"
        differs = f"; the notice says {shown(name, value)}" if value and value != current else ""
        return f"{label}: kept {shown(name, current) or 'empty'}, {why}{differs}"
    if value:
        setattr(case, name, value)
        return f"{label}: {shown(name, value)}, from the notice"
    return f"{label}: not in the notice; stays {shown(name, current) or 'empty'}"


def add_notice_option(parser: argparse.ArgumentParser, *, editing: bool) -> None:
    parser.add_argument("--notice", metavar="FILE", help=EDIT_HELP if editing else NEW_HELP)
