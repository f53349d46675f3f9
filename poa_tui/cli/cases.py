"""Verbs on whole cases: list, new, show, edit, dump, import, locate."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from typing import Any

from poa_tui.cli import notices, render
from poa_tui.cli.support import (
    IMPORT_LIMIT_MB,
    PROG,
    STDIN,
    AddVerb,
    CliError,
    add_case_id,
    add_force,
    change_case,
    choices,
    clean_line,
    clock_settings,
    existing_store,
    load_case,
    load_settings,
    nothing_changed_on_failure,
    open_store,
    read_json,
    read_message,
    read_text,
    size_note,
    store_root,
    vocab_arg,
    write_json,
)
from poa_tui.domain.clocks import clocks_for
from poa_tui.domain.evidence_changes import follow_violation, follow_violation_note
from poa_tui.domain.guidance import seed_evidence
from poa_tui.domain.models import Case
from poa_tui.domain.textsafety import strip_controls
from poa_tui.domain.vocab import Scope, Section, ViolationType
from poa_tui.storage.index import INDEX_NAME
from poa_tui.system.paths import recovery_dir, settings_path


def register(verb: AddVerb) -> None:
    p = verb("list", "List cases, most recent activity first.",
             f"{PROG} list", f"{PROG} list --needs-action", f"{PROG} list --all --json")
    p.add_argument("--json", action="store_true", help="print a JSON list of case summaries")
    p.add_argument("--all", action="store_true", help="include archived cases")
    p.add_argument("--needs-action", action="store_true",
                   help="only cases waiting on you: a draft to write or rework, documents or an "
                        "action Amazon asked for, or a follow-up that is due")
    p.set_defaults(handler=list_cases)

    p = verb("new", "Create a case and print its id.",
             f'{PROG} new --title "Listing removed: trademark" --violation ip_trademark',
             f'pbpaste | {PROG} new --title "Knife sets: authenticity" --notice -')
    p.add_argument("--title", required=True, help="a short name you will recognise in the list")
    _add_detail_options(p)
    notices.add_notice_option(p, editing=False)
    p.set_defaults(handler=new_case)

    p = verb("show", "Show one case: details, draft length and every attempt.",
             f"{PROG} show 3", f"{PROG} show 3 --json")
    add_case_id(p)
    p.add_argument("--json", action="store_true", help="print the whole case as JSON")
    p.set_defaults(handler=show_case)

    p = verb("edit", "Replace one section of a case's draft, or change its details.",
             f"{PROG} edit 3 --section root_cause --from root-cause.md",
             f"pbpaste | {PROG} edit 3 --section immediate_remedy --from -",
             f'{PROG} edit 3 --seller "Marlow Kitchen Supply Ltd"',
             f"{PROG} edit 3 --notice notice.txt")
    add_case_id(p)
    p.add_argument("--section", type=vocab_arg(Section, "section"), metavar="SECTION",
                   help=f"the section to replace: {choices(Section)}")
    p.add_argument("--from", dest="source", metavar="FILE",
                   help=f"Markdown file with the new text (`-` reads standard input; "
                        f"{size_note()})")
    p.add_argument("--title", help="new title")
    _add_detail_options(p)
    notices.add_notice_option(p, editing=True)
    add_force(p)
    p.set_defaults(handler=edit_case)

    p = verb("dump", "Print every case as one JSON list (the `show --json` shape).",
             f"{PROG} dump > cases.json")
    p.set_defaults(handler=dump_cases)

    p = verb("import", "Add the cases of a JSON list (as `dump` writes) under new ids.",
             f"{PROG} import cases.json", f"{PROG} --db other-store dump | {PROG} import -")
    p.add_argument("source", metavar="FILE",
                   help=f"JSON file (`-` reads standard input; {size_note(IMPORT_LIMIT_MB)})")
    p.set_defaults(handler=import_cases)

    p = verb("locate", "Print where the cases, settings and backups are kept.",
             f"{PROG} locate", f"{PROG} --db /srv/appeals locate")
    p.set_defaults(handler=locate)


def _add_detail_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--seller", help="seller or store name")
    parser.add_argument("--marketplace", help="e.g. amazon.co.uk")
    parser.add_argument("--violation", type=vocab_arg(ViolationType, "violation type"),
                        metavar="TYPE", help=f"violation type: {choices(ViolationType)}")
    parser.add_argument("--scope", type=vocab_arg(Scope, "scope"), metavar="SCOPE",
                        help=f"what was suspended: {choices(Scope)}")


def _apply_details(case: Case, args: argparse.Namespace) -> bool:
    """Copy the detail options that were given onto `case`; True when any was given."""
    changed = False
    if getattr(args, "title", None) is not None:
        case.title = clean_line(args.title, "title", required=True)
        changed = True
    for name in ("seller", "marketplace"):
        value = getattr(args, name)
        if value is not None:
            setattr(case, name, clean_line(value, name))
            changed = True
    if args.violation is not None:
        case.violation_type = args.violation
        changed = True
    if args.scope is not None:
        case.scope = args.scope
        changed = True
    return changed


def _given_details(args: argparse.Namespace) -> set[str]:
    """The case details set by an option on this command line, by their `Case` names."""
    options = {"violation_type": args.violation, "marketplace": args.marketplace,
               "scope": args.scope}
    return {name for name, value in options.items() if value is not None}


def _read_notice(args: argparse.Namespace) -> str | None:
    return read_message(args.notice, "notice") if args.notice is not None else None


def _report(lines: list[str]) -> None:
    for line in lines:
        print(line, file=sys.stderr)


def list_cases(args: argparse.Namespace) -> int:
    store = existing_store(args)
    rows = store.summaries(include_archived=args.all) if store else []
    today, settings = date.today(), clock_settings(load_settings())
    clocks = {row.id: clocks_for(row, today, **settings) for row in rows}
    if args.needs_action:
        rows = [row for row in rows if clocks[row.id].needs_action]
    if args.json:
        write_json([render.summary_dict(row, clocks[row.id]) for row in rows])
    elif not rows and args.needs_action and clocks:
        print("No case needs action from you right now.")
    else:
        sys.stdout.write(render.case_table(rows, clocks))
    problems = store.problems if store else []
    for problem in problems:
        print(f"{PROG}: {problem}", file=sys.stderr)
    return 2 if problems else 0


def new_case(args: argparse.Namespace) -> int:
    notice = _read_notice(args)
    case = Case()
    _apply_details(case, args)
    applied = []
    if notice is not None:
        applied = notices.apply_notice(case, notice, given=_given_details(args),
                                       keep_chosen=False, today=date.today())
    case.evidence = seed_evidence(case.violation_type)  # the same checklist the app starts with
    case = open_store(args).create(case)
    print(case.id)
    _report(applied)
    return 0


def show_case(args: argparse.Namespace) -> int:
    _, case = load_case(args)
    if args.json:
        write_json(case.to_dict())
    else:
        sys.stdout.write(render.case_detail(case))
    return 0


def edit_case(args: argparse.Namespace) -> int:
    if (args.section is None) != (args.source is None):
        raise CliError("--section and --from go together: name the section and the file "
                       "holding its new text")
    if args.source == STDIN and args.notice == STDIN:
        raise CliError("--from - and --notice - cannot both read standard input: give one of "
                       "them a file")
    text = read_text(args.source) if args.source is not None else None
    notice = _read_notice(args)

    def change(case: Case) -> tuple[list[str], ViolationType, bool]:
        violation = case.violation_type
        changed = _apply_details(case, args)
        if args.section is not None and text is not None:
            case.sections[args.section] = text
            changed = True
        applied = []
        if notice is not None:
            applied = notices.apply_notice(case, notice, given=_given_details(args),
                                           keep_chosen=True, today=date.today())
            changed = True
        if not changed:
            raise CliError("nothing to change: give --section with --from, --notice, or a "
                           "detail such as --title")
        followed = case.violation_type != violation and bool(case.evidence)
        if followed:
            case.evidence = follow_violation(case.evidence, violation, case.violation_type)
        return applied, violation, followed

    case, (applied, violation, followed) = change_case(args, change)
    _report(applied)
    if followed:
        print(f"{PROG}: {follow_violation_note(violation, case.violation_type)}", file=sys.stderr)
    return 0


def dump_cases(args: argparse.Namespace) -> int:
    store = existing_store(args)
    write_json([case.to_dict() for case in store.all_cases()] if store else [])
    return 0


def _strip_strings(value: Any) -> Any:
    """Imported JSON with control characters removed from every string in it."""
    if isinstance(value, str):
        return strip_controls(value)
    if isinstance(value, list):
        return [_strip_strings(item) for item in value]
    if isinstance(value, dict):
        return {key: _strip_strings(item) for key, item in value.items()}
    return value


def cases_from_json(data: Any, source: str) -> list[Case]:
    """Cases from a `dump`-shaped list; refuses the whole batch at the first bad entry."""
    name = "standard input" if source == STDIN else source
    if isinstance(data, dict):
        data = [data]
    if not isinstance(data, list):
        raise CliError(f"{name} holds no list of cases: expected a JSON list like `{PROG} dump` "
                       f"writes")
    cases = []
    for number, entry in enumerate(_strip_strings(data), start=1):
        where = f"case {number} of {len(data)} in {name}"
        if not isinstance(entry, dict):
            raise CliError(f"{where} is not a JSON object")
        if not " ".join(str(entry.get("title") or "").split()):
            raise CliError(f"{where} has no title; every case needs one")
        try:
            case = Case.from_dict(entry)
        except (ValueError, TypeError, KeyError, AttributeError) as error:
            raise CliError(f"{where} holds a value poa-tui does not know: {error}") from None
        case.title = clean_line(case.title, "title", required=True)
        cases.append(case)
    return cases


def import_cases(args: argparse.Namespace) -> int:
    cases = cases_from_json(read_json(args.source), args.source)
    if not cases:
        print("Nothing to import: the list is empty.")
        return 0
    with nothing_changed_on_failure("imported"):
        ids = open_store(args).import_cases(cases)
    span = f"id {ids[0]}" if len(ids) == 1 else f"ids {ids[0]} to {ids[-1]}"
    print(f"Imported {len(ids)} case{'s' if len(ids) != 1 else ''} as {span}.")
    return 0


def locate(args: argparse.Namespace) -> int:
    root = store_root(args)
    rows = [
        ("data", root, "" if root.exists() else "(not created yet)"),
        ("index", root / INDEX_NAME, "(a cache for the case list; rebuilt from the case files)"),
        ("cases", root / "cases", "(one file per case; <id>.json.bak is its previous version)"),
        ("backups", root / "backups", "(snapshots of the whole store)"),
        ("trash", root / "trash", "(deleted cases)"),
        ("settings", settings_path(), ""),
        ("recovery", recovery_dir(), "(text the app could not save as it closed, if any)"),
    ]
    for label, path, note in rows:
        print(f"{label + ':':<10}{path}" + (f"  {note}" if note else ""))
    return 0
