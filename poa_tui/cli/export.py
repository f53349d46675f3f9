"""`export`: the POA as text for the appeal form, or Markdown for an email or a file."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..poa import EXPORT_FORMATS, assemble
from ..vocab import Section
from .support import PROG, AddVerb, CliError, add_case_id, choices, load_case, vocab_arg


def register(verb: AddVerb) -> None:
    p = verb("export", "Print a case's POA (plain text by default) or write it to a file.",
             f"{PROG} export 3", f"{PROG} export 3 --section root_cause | xclip",
             f"{PROG} export 3 --format markdown -o poa-case-3.md")
    add_case_id(p)
    p.add_argument("--format", choices=EXPORT_FORMATS, default="text",
                   help="text (what the appeal form takes; the default) or markdown")
    p.add_argument("--section", type=vocab_arg(Section, "section"), metavar="SECTION",
                   help=f"only this section's text, with no heading: {choices(Section)}")
    p.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of printing")
    p.add_argument("--force", action="store_true", help="let -o replace an existing file")
    p.set_defaults(handler=export_case)


def export_case(args: argparse.Namespace) -> int:
    _, case = load_case(args)
    if (not case.sections[args.section].strip() if args.section else case.sections.is_empty()):
        what = f"the {args.section.label} section" if args.section else "the draft"
        raise CliError(f"case {case.id}: {what} is empty, so there is nothing to export yet; "
                       f"write it first (`{PROG} edit {case.id} --section ... --from FILE`)")
    text = assemble(case.sections, fmt=args.format, only=args.section).rstrip("\n") + "\n"
    if args.output is None:
        sys.stdout.write(text)
        return 0
    write_new_file(Path(args.output), text, replace=args.force)
    return 0


def write_new_file(path: Path, text: str, *, replace: bool) -> None:
    """Write `text` to `path`; an existing file is replaced only when `replace` is set."""
    if path.is_dir():
        raise CliError(f"{path} is a folder: give a file name")
    try:
        # "x" refuses an existing file in the same system call that creates it: no race.
        handle = open(path, "w" if replace else "x", encoding="utf-8", newline="\n")
    except FileExistsError:
        raise CliError(f"{path} already exists: add --force to replace it") from None
    except OSError as error:
        raise CliError(f"cannot write {path}: {error.strerror or error}") from None
    try:
        with handle:
            handle.write(text)
    except OSError as error:
        path.unlink(missing_ok=True)  # a half-written export is worse than none
        raise CliError(f"cannot write {path}: {error.strerror or error}") from None
