"""The case editor's palette commands, and the copy, final-text and export they offer.

Each function takes the editor screen as a `PlanHost`: what of it these commands use, so this
module and the editor screen do not import each other.
"""

from __future__ import annotations

from typing import Any, Iterable, Protocol

from poa_tui.domain.assembly import assemble
from poa_tui.domain.documents import DOCUMENT_FORMATS
from poa_tui.domain.vocab import SECTIONS, Section
from poa_tui.tui.commands import PaletteCommand
from poa_tui.tui.dialogs import writing_help
from poa_tui.tui.dialogs.export_form import ExportSource, open_export
from poa_tui.tui.dialogs.text_view import TextViewScreen
from poa_tui.tui.screens.editor_layout import KEYS


class PlanHost(Protocol):
    """The case editor as its commands see it."""

    @property
    def app(self) -> Any: ...
    @property
    def case(self) -> Any: ...
    def draft_sections(self) -> Any: ...
    def notify(self, message: str, **kwargs: Any) -> None: ...
    def copy(self, only: Section | None = None, fmt: str | None = None) -> None: ...
    def view_final_text(self) -> None: ...
    def export(self) -> None: ...
    def action_focus_section(self, name: str) -> object: ...
    def action_preview(self) -> object: ...
    def action_submission_log(self) -> object: ...
    def action_record_submission(self) -> object: ...
    def action_record_reply(self) -> object: ...
    def action_save_now(self) -> object: ...
    def action_back(self) -> object: ...
    def action_next_finding(self) -> object: ...
    def action_previous_finding(self) -> object: ...
    def action_toggle_guidance(self) -> object: ...
    def action_evidence(self) -> object: ...
    def action_external_editor(self) -> object: ...
    def query(self, selector: Any) -> Any: ...


def copy_plan(editor: PlanHost, only: Section | None = None, fmt: str | None = None) -> None:
    """Send the whole plan (or one section) to the clipboard, in the format settings choose."""
    if fmt is None:
        fmt = "markdown" if editor.app.settings.copy_format == "markdown" else "text"
    sections = editor.draft_sections()
    empty = not sections[only].strip() if only else sections.is_empty()
    what = f"{only.label} only" if only else "Whole POA"
    if empty:
        editor.notify("There is nothing to copy yet: write the plan first.", title=f"Copy: {what}",
                      severity="warning")
        return
    editor.app.copy_text(assemble(sections, fmt=fmt, only=only),
                         what + (" as Markdown" if fmt == "markdown" else ""))


def view_final_text(editor: PlanHost) -> None:
    text = assemble(editor.draft_sections(), fmt="text")
    editor.app.push_screen(TextViewScreen("Final text: what the appeal form receives", text,
                                          what="Whole POA"))


def export_plan(editor: PlanHost, fmt: str | None = None) -> None:
    if editor.case is not None:
        open_export(editor, ExportSource(editor.draft_sections(), editor.case.id, editor.case.title,
                                         case=editor.case),
                    fmt=fmt or editor.app.settings.copy_format)


def palette_commands(editor: PlanHost) -> Iterable[PaletteCommand]:
    other = "text" if editor.app.settings.copy_format == "markdown" else "markdown"
    yield PaletteCommand("copy: Whole POA", "Copy the plan for the appeal form (F7)", editor.copy)
    for section in SECTIONS:
        yield PaletteCommand(f"copy: {section.label} only", f"Copy just the {section.label} text",
                             lambda s=section: editor.copy(s))
    yield PaletteCommand(f"copy: Whole POA as {'Markdown' if other == 'markdown' else 'plain text'}",
                         "Copy in the other format, once", lambda: editor.copy(fmt=other))
    yield PaletteCommand("view: Final text", "Read the plan as the form receives it; select "
                         "or copy from there", editor.view_final_text)
    for section in SECTIONS:
        yield PaletteCommand(f"view: {section.label}", f"Write the {section.label} ({KEYS[section]})",
                             lambda s=section: editor.action_focus_section(s.value))
    yield PaletteCommand("view: Preview", "Show the whole plan rendered (F5)", editor.action_preview)
    yield PaletteCommand("export: To file", "Save the plan or one section to a text file",
                         editor.export)
    for fmt, (label, _) in DOCUMENT_FORMATS.items():
        yield PaletteCommand(f"export: {label}", f"Save the plan as a {fmt} document with the "
                             "case's details, to attach or keep on file",
                             lambda f=fmt: export_plan(editor, f))
    yield PaletteCommand("attempt: Record submission", "Keep the draft as sent, with where "
                         "and when", editor.action_record_submission)
    yield PaletteCommand("attempt: Record reply", "Paste Amazon's answer to the last attempt",
                         editor.action_record_reply)
    yield PaletteCommand("case: Submission log", "Every attempt and reply (F6)",
                         editor.action_submission_log)
    yield from writing_help.palette_commands(editor)
    yield PaletteCommand("case: Save now", "Write the draft to disk at once (ctrl+s or F10)",
                         editor.action_save_now)
    yield PaletteCommand("case: Back to the list", "Save and close this case (escape)",
                         editor.action_back)
