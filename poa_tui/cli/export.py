"""`export`: the POA as text for the appeal form, or Markdown for an email or a file."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from poa_tui.cli.output import write_user_bytes
from poa_tui.cli.support import (
    PROG,
    AddVerb,
    CliError,
    add_case_id,
    choices,
    load_case,
    load_settings,
    positive_int,
    vocab_arg,
)
from poa_tui.domain.assembly import EXPORT_FORMATS, assemble
from poa_tui.domain.documents import (
    DOCUMENT_FORMATS,
    FontNotFoundError,
    Letter,
    build_document,
    letter_text,
    render,
)
from poa_tui.domain.vocab import Section
from poa_tui.system.outfile import OutputError, OutputExistsError, write_file


def register(verb: AddVerb) -> None:
    p = verb("export", "Print a case's POA as text, or save it as text, Markdown, Word, PDF or HTML.",
             f"{PROG} export 3", f"{PROG} export 3 --section root_cause | xclip",
             f"{PROG} export 3 --format markdown -o poa-case-3.md",
             f"{PROG} export 3 --format pdf -o poa-case-3.pdf",
             f"{PROG} export 3 --attempt 2 --format docx --letter -o attempt-2.docx")
    add_case_id(p)
    p.add_argument("--format", choices=(*EXPORT_FORMATS, *DOCUMENT_FORMATS), default="text",
                   help="text (what the appeal form takes; the default), markdown, or a "
                        "document: docx (Word), pdf or html (one self-contained page)")
    p.add_argument("--section", type=vocab_arg(Section, "section"), metavar="SECTION",
                   help=f"only this section's text, with no heading: {choices(Section)}")
    p.add_argument("--attempt", type=positive_int("attempt number"), metavar="N",
                   help="exactly what attempt N sent, instead of the current draft")
    p.add_argument("--letter", action="store_true",
                   help="frame the plan as a letter: the greeting and sign-off from the "
                        "settings (letter_greeting, letter_sign_off)")
    p.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of printing")
    p.add_argument("--force", action="store_true", help="let -o replace an existing file")
    p.set_defaults(handler=export_case)


def export_case(args: argparse.Namespace) -> int:
    _, case = load_case(args)
    letter = None
    if args.letter:
        settings = load_settings()
        letter = Letter(settings.letter_greeting, settings.letter_sign_off)
    if args.attempt is not None and all(a.number != args.attempt for a in case.submissions):
        sent = ", ".join(str(a.number) for a in case.submissions) or "none yet"
        raise CliError(f"case {case.id} has no attempt {args.attempt} (attempts: {sent})")
    sections = case.sections if args.attempt is None else case.submission(args.attempt).sections
    if not sections[args.section].strip() if args.section else sections.is_empty():
        what = f"the {args.section.label} section" if args.section else "the draft"
        raise CliError(f"case {case.id}: {what} is empty, so there is nothing to export yet; "
                       f"write it first (`{PROG} edit {case.id} --section ... --from FILE`)")
    if args.format in DOCUMENT_FORMATS:
        if args.output is None and sys.stdout.isatty() and args.format != "html":
            raise CliError(f"a {args.format} file is not for the terminal: add -o FILE "
                           "(or redirect the output to a file)")
        document = build_document(case, attempt=args.attempt, only=args.section, letter=letter)
        try:
            data = render(document, args.format)
        except FontNotFoundError as error:
            raise CliError(str(error)) from None
    else:
        text = assemble(sections, fmt=args.format, only=args.section).rstrip("\n") + "\n"
        if letter is not None:
            text = letter_text(letter, case.seller, text)
        data = text.encode("utf-8")
    if args.output is None:
        write_user_bytes(data)
        return 0
    write_bytes(Path(args.output), data, replace=args.force)
    return 0


def write_new_file(path: Path, text: str, *, replace: bool) -> None:
    """Write `text` to `path` whole or not at all; an existing file is replaced only when
    `replace` is set, and never anything but a regular file (see `outfile`)."""
    write_bytes(path, text.encode("utf-8"), replace=replace)


def write_bytes(path: Path, data: bytes, *, replace: bool) -> None:
    try:
        write_file(path, data, replace=replace)
    except OutputExistsError:
        raise CliError(f"{path} already exists: add --force to replace it") from None
    except OutputError as error:
        raise CliError(str(error)) from None
