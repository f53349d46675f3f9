"""Export the POA, one section, or an attempt to a file: plain text (the fallback that always
works), Markdown, or a Word, PDF or HTML document with the case's header block."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from textual.app import ComposeResult
from textual.containers import Grid
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Button, Input, Label, Select, Static

from poa_tui.domain.assembly import assemble
from poa_tui.domain.documents import (
    DOCUMENT_FORMATS,
    FontNotFoundError,
    Letter,
    build_document,
    letter_text,
    render,
)
from poa_tui.domain.models import Case, Sections
from poa_tui.domain.vocab import SECTIONS, Section
from poa_tui.system.outfile import OutputError, OutputExistsError, write_file
from poa_tui.tui.dialogs.confirm import ConfirmScreen
from poa_tui.tui.dialogs.submission_form import FormError, RecordForm

WHOLE = "whole"
FORMATS = {"text": ("Plain text", ".txt"), "markdown": ("Markdown", ".md"), **DOCUMENT_FORMATS}
PLAN_ONLY, LETTER = "plan", "letter"


@dataclass(frozen=True)
class ExportSource:
    """Sections to export (the draft, or what an attempt sent) and what to call them."""

    sections: Sections
    case_id: int
    title: str
    label: str = ""
    """"" for the draft, e.g. "attempt 2" for a snapshot; goes into the file name."""
    case: Case | None = None
    """The case, for a document's header block (seller, marketplace, ids, ASINs, orders)."""
    attempt: int | None = None
    """The attempt `sections` were sent in; None for the draft."""


def slug(text: str, limit: int = 40) -> str:
    """"Acme blender: inauthentic!" -> "acme-blender-inauthentic"."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    words = re.sub(r"[^a-z0-9]+", "-", plain.lower()).strip("-")
    return words[:limit].rstrip("-") or "case"


def default_path(source: ExportSource, part: str, fmt: str, today: date) -> str:
    """`~/poa-<id>-<slug>[-attempt-n][-section]-<date>.txt`, written with `~` for home."""
    pieces = [f"poa-{source.case_id}", slug(source.title)]
    if source.label:
        pieces.append(slug(source.label))
    if part != WHOLE:
        pieces.append(slug(Section(part).label))
    pieces.append(today.isoformat())
    return "~/" + "-".join(pieces) + FORMATS[fmt][1]


def export_text(source: ExportSource, part: str, fmt: str) -> str:
    return assemble(source.sections, fmt=fmt, only=None if part == WHOLE else Section(part))


def export_bytes(source: ExportSource, part: str, fmt: str, letter: Letter | None = None,
                 today: date | None = None) -> bytes:
    """The file's contents (a draft's document is dated `today`). Raises FontNotFoundError
    for a PDF when no font fits the text."""
    only = None if part == WHOLE else Section(part)
    if fmt in DOCUMENT_FORMATS:
        case = source.case or Case(id=source.case_id, title=source.title)
        if source.attempt is None:
            case = replace(case, sections=source.sections)  # the draft as typed, saved or not
        return render(build_document(case, attempt=source.attempt, only=only, today=today,
                                     letter=letter), fmt)
    text = export_text(source, part, fmt)
    if letter is not None:
        text = letter_text(letter, source.case.seller if source.case else "", text)
    return (text if text.endswith("\n") else text + "\n").encode("utf-8")


def write_export(path: Path, data: str | bytes, *, overwrite: bool) -> None:
    """Write `data` (text gets a final line break) to `path` whole or not at all; without
    `overwrite`, refuse (OutputExistsError) if it exists. Raises OutputError, and never
    touches anything but a regular file."""
    if isinstance(data, str):
        data = (data if data.endswith("\n") else data + "\n").encode("utf-8")
    write_file(path, data, replace=overwrite)


class ExportFormScreen(RecordForm):
    """Choose what, in which format and where; dismisses with the path written, or None."""

    HELP = """\
## Export to a file

Saves the text to a file you can open, attach to an email or copy from later. Useful when
the clipboard does not reach your computer (some SSH setups).

- **Part**: the whole plan or one section.
- **Format**: plain text, as the appeal form takes it, Markdown, or a document to attach to an
  email or keep on file: Word, PDF or a web page. Documents start with the case's details
  (seller, marketplace, ids, ASINs, orders, the date and which attempt it is).
- **Frame**: the plan alone, or as a letter, between the greeting and the sign-off from the
  settings (`letter_greeting`, `letter_sign_off`).
- **File**: `~` means your home folder. An existing file is never replaced without asking.
"""

    heading = "Export to a file"
    accept_label = "Export"

    def __init__(self, source: ExportSource, *, fmt: str = "text", part: str = WHOLE) -> None:
        super().__init__()
        self.source = source
        self.start_format = fmt if fmt in FORMATS else "text"
        self.start_part = part
        self._suggested = ""
        self._busy = False

    def fields(self) -> ComposeResult:
        what = f"Case {self.source.case_id}" + (f", {self.source.label}" if self.source.label else ", the draft")
        yield Static(Content(f"{what}: {self.source.title}"), id="form-summary")
        with Grid(id="form-grid"):
            yield Label("Part", classes="field-label required")
            parts = [("Whole POA", WHOLE)] + [(s.label, s.value) for s in SECTIONS]
            yield Select(parts, value=self.start_part, allow_blank=False, id="part", compact=True)
            yield Label("Format", classes="field-label required")
            yield Select([(label, key) for key, (label, _) in FORMATS.items()],
                         value=self.start_format, allow_blank=False, id="format", compact=True)
            yield Label("Frame", classes="field-label")
            yield Select([("The plan alone", PLAN_ONLY),
                          ("As a letter: greeting and sign-off", LETTER)],
                         value=PLAN_ONLY, allow_blank=False, id="frame", compact=True)
            yield Label("File", classes="field-label required")
            yield Input("", id="path", compact=True)

    def on_mount(self) -> None:
        self._suggest_path()
        self.query_one("#path", Input).focus()

    def on_select_changed(self, event: Select.Changed) -> None:
        self._suggest_path()

    def _choice(self) -> tuple[str, str]:
        return (str(self.query_one("#part", Select).value),
                str(self.query_one("#format", Select).value))

    def _suggest_path(self) -> None:
        """Follow the choices with the file name, unless the user typed their own."""
        field = self.query_one("#path", Input)
        if field.value and field.value != self._suggested:
            return
        self._suggested = default_path(self.source, *self._choice(), self.today())
        field.value = self._suggested

    def _letter(self) -> Letter | None:
        if self.query_one("#frame", Select).value != LETTER:
            return None
        settings = getattr(self.app, "settings", None)
        default = Letter()
        return Letter(getattr(settings, "letter_greeting", default.greeting),
                      getattr(settings, "letter_sign_off", default.sign_off))

    def result(self) -> Export:
        """What to write where, checked; the bytes are made when it is written."""
        part, fmt = self._choice()
        raw = self.query_one("#path", Input).value.strip()
        if not raw:
            raise FormError("path", "Write where the file should go, e.g. ~/poa.txt.")
        path = Path(raw).expanduser()
        if path.is_dir():
            raise FormError("path", f"{raw} is a folder: add a file name.")
        if path.exists() and not path.is_file():
            raise FormError("path", f"{raw} is not a regular file: give a file name.")
        if not path.parent.is_dir():
            raise FormError("path", f"There is no folder {path.parent}.")
        if not export_text(self.source, part, "text").strip():
            raise FormError("part", "There is nothing to export: that part is still empty.")
        return Export(self.source, path, part, fmt, self._letter(), self.today())

    def action_accept(self) -> None:
        if self._busy:
            return
        try:
            export = self.result()
        except FormError as error:
            self.show_error(str(error))
            self.query_one(f"#{error.field_id}").focus()
            return
        if not export.path.exists():
            self._write(export, overwrite=False)
            return

        def answered(replace: bool | None) -> None:
            if replace:
                self._write(export, overwrite=True)

        self.app.push_screen(ConfirmScreen(f"Replace {export.path}?", "A file with that name "
                                           "exists; its contents would be lost.", yes="Replace",
                                           no="Keep it", danger=True), answered)

    def _write(self, export: Export, *, overwrite: bool) -> None:
        if export.fmt != "pdf":
            self._written(export, export.write(overwrite=overwrite))
            return
        # Reading the fonts takes from a third of a second to three (for Japanese): off the
        # event loop, so the screen keeps drawing, with the button saying what happens.
        self._busy = True
        button = self.query_one("#accept", Button)
        button.label, button.disabled = "Writing the PDF…", True

        def work() -> None:
            problem = export.write(overwrite=overwrite)
            self.app.call_from_thread(self._written, export, problem)

        self.run_worker(work, thread=True, group="export", exit_on_error=False)

    def _written(self, export: Export, problem: FormError | None) -> None:
        self._busy = False
        button = self.query_one("#accept", Button)
        button.label, button.disabled = self.accept_label, False
        if problem is None:
            self.dismiss(export.path)
            return
        self.show_error(str(problem))
        self.query_one(f"#{problem.field_id}").focus()


@dataclass(frozen=True)
class Export:
    """One export the form accepted: made into bytes and written by `write`."""

    source: ExportSource
    path: Path
    part: str
    fmt: str
    letter: Letter | None
    today: date

    def write(self, *, overwrite: bool) -> FormError | None:
        """Make the file and write it; the problem to show, or None. Safe in a thread."""
        try:
            data = export_bytes(self.source, self.part, self.fmt, self.letter, self.today)
        except FontNotFoundError as error:
            return FormError("format", f"Cannot make the PDF: {error}.")
        try:
            write_export(self.path, data, overwrite=overwrite)
        except OutputExistsError:
            return FormError("path", f"{self.path} appeared meanwhile; export again to decide "
                                     "about it.")
        except OutputError as error:
            return FormError("path", f"Could not write it: {error}.")
        return None


def open_export(screen: Screen, source: ExportSource, *, fmt: str = "text") -> None:
    """Show the export form over `screen` and say where the file went."""

    def exported(path: Path | None) -> None:
        if path is not None:
            screen.notify(f"Saved to {path}.", title="Exported")

    screen.app.push_screen(ExportFormScreen(source, fmt=fmt), exported)
