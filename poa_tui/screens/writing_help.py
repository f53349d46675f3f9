"""The case editor's writing-help keys and commands, kept out of the editor screen itself.

- **F8** / ctrl+n (shift+F8 back): select the next problem the checks found, in any section.
- **ctrl+g**: show or hide the checks and the guidance beside the editors.
- **ctrl+t**: the case's evidence checklist.
- **ctrl+o**: open the section being written in the user's own editor (`$VISUAL`/`$EDITOR`);
  the text comes back as one edit, so ctrl+z undoes it in one step.
- `confirm_blockers`: asks before a draft with blockers is recorded as sent.

Each function takes the `CaseEditorScreen` (`case`, `current`, `read_only`, `editor(section)`,
`draft_sections()`, `save()`, `refresh_from_store()`), as `submission_log` does.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any, Callable, Iterable

from textual.app import SuspendNotSupported
from textual.binding import Binding

from ..checks import Severity
from ..commands import PaletteCommand
from ..external_editor import EditorProblem, edit_text, editor_argv, editor_name
from ..readiness import Readiness
from ..widgets.writing_aside import WritingAside
from .confirm import ConfirmScreen
from .evidence import EvidenceScreen

BINDINGS = [
    Binding("f8,ctrl+n", "next_finding", "Next finding", id="editor.next_finding", priority=True,
            show=False, tooltip="Select the next problem the checks found, in whichever section (F8 or "
                    "ctrl+n)."),
    Binding("shift+f8", "previous_finding", "Previous finding", id="editor.previous_finding",
            priority=True, show=False, tooltip="Select the previous problem the checks found."),
    Binding("ctrl+g", "toggle_guidance", "Guidance", id="editor.guidance", priority=True,
            show=False, tooltip="Show or hide the checks and the writing guidance for this violation."),
    Binding("ctrl+t", "evidence", "Evidence", id="editor.evidence", priority=True,
            show=False, tooltip="The checklist of documents and proof this appeal needs."),
    Binding("ctrl+o", "external_editor", "$EDITOR", id="editor.external_editor", priority=True,
            show=False, tooltip="Write this section in your own editor ($VISUAL or $EDITOR)."),
]
"""Added to `CaseEditorScreen.BINDINGS`. None shows in the footer, which is full at 80
columns: the line under the editors names F8 and ctrl+g, and F1 lists them all."""

HELP = """\
**Writing help.** The checks read the plan a moment after you stop typing and list what
would get it rejected: **blockers** (red) must go, **warnings** (amber) often sink an appeal,
**hints** are yours to judge. The line under the editors names the problem at the cursor.
The checks' title gives the verdict (ready, needs work, blocked), and the bottom of each
section's box says how specific it is: "specific", "thin" with what it lacks (a date, an
owner, a number), or "no specifics".

- **F8** (or **ctrl+n**) selects the next problem, **shift+F8** the previous one.
- **ctrl+g** shows or hides the list of problems and the guidance: questions to answer for
  this kind of violation, for the section you are in. On wide terminals it is open already.
- **ctrl+t** opens the evidence checklist: tick documents off as they arrive, add notes.
- **ctrl+o** opens the section in your own editor (set `$VISUAL` or `$EDITOR`); when you
  save and quit it, the text comes back and **ctrl+z** undoes it in one step.
"""
"""Appended to the editor's F1 help."""


def aside(editor: Any) -> WritingAside | None:
    found = editor.query(WritingAside)
    return found.first() if found else None


def readiness_now(editor: Any) -> Readiness:
    """The checks on the draft as it is on screen."""
    panel = aside(editor)
    if panel is not None:
        return panel.refresh_checks()
    if editor.case is None:
        return Readiness()
    draft = replace(editor.case, sections=editor.draft_sections())
    return Readiness.of(draft, getattr(editor.app, "settings", None))


def jump(editor: Any, backwards: bool = False) -> None:
    panel = aside(editor)
    if panel is not None:
        panel.jump(backwards=backwards)


def toggle_guidance(editor: Any) -> None:
    panel = aside(editor)
    if panel is not None:
        panel.toggle()


def open_evidence(editor: Any) -> None:
    """The checklist, over the editor; the editor takes in what it saved when it closes."""
    if editor.case is None:
        return
    editor.save()

    def closed(saved: object) -> None:
        if saved is not None:
            editor.refresh_from_store()

    editor.app.push_screen(EvidenceScreen(editor.case.id, read_only=editor.read_only), closed)


def edit_externally(editor: Any) -> None:
    """Hand the current section to `$VISUAL`/`$EDITOR` and take back what it saved."""
    section = editor.current
    area = editor.editor(section)
    if editor.read_only:
        editor.notify("This case is open read-only here, so it cannot be edited.",
                      severity="warning")
        return
    try:
        argv = editor_argv()
    except EditorProblem as problem:
        editor.notify(str(problem), title="No editor", severity="warning", timeout=12)
        return
    name = editor_name(argv)
    try:
        with editor.app.suspend():
            outcome = edit_text(area.text, argv, label=section.label)
    except SuspendNotSupported:
        editor.notify("This session cannot hand the terminal to another program (it runs in a "
                      "browser, or without a terminal of its own). Copy the section from the "
                      "command palette and paste it back instead.", title=f"Cannot open {name}",
                      severity="warning", timeout=12)
        return
    if outcome.text is None:
        editor.notify(outcome.error or "", title=f"{section.label} unchanged", severity="error",
                      timeout=15)
        return
    if not outcome.changed:
        editor.notify(f"No changes came back from {name}.", title=section.label)
        return
    # Its own undo step: the edit before it and the typing after it stay separate.
    area.history.checkpoint()
    area.replace(outcome.text, (0, 0), area.document.end, maintain_selection_offset=False)
    area.history.checkpoint()
    area.focus()
    editor.notify(f"{section.label} updated from {name}; ctrl+z undoes it in one step.",
                  title=section.label)


def confirm_blockers(editor: Any, proceed: Callable[[], object]) -> None:
    """Run `proceed` at once if the draft has no blockers, else only once the user agrees."""
    ready = readiness_now(editor)
    blockers = [f for f in ready.findings if f.severity is Severity.BLOCKER]
    if not blockers:
        proceed()
        return
    count = len(blockers)
    listed = "\n".join(f"• {f.section.label if f.section else 'Whole plan'}: {f.message}"
                       for f in blockers[:3])
    more = f"\n• …and {count - 3} more." if count > 3 else ""
    detail = (f"{listed}{more}\n\nA plan sent like this is likely to be rejected; F8 in the "
              f"editor selects each problem.")

    def answered(yes: bool | None) -> None:
        if yes:
            proceed()

    editor.app.push_screen(
        ConfirmScreen(f"The plan still has {count} blocker{'s' if count != 1 else ''}. "
                      f"Record it as sent anyway?", detail, yes="Record anyway",
                      no="Go back", danger=True), answered)


def palette_commands(editor: Any) -> Iterable[PaletteCommand]:
    shown = (panel := aside(editor)) is not None and panel.shown
    yield PaletteCommand("check: Next finding", "Select the next problem the checks found (F8)",
                         lambda: jump(editor))
    yield PaletteCommand("check: Previous finding", "Select the previous problem (shift+F8)",
                         lambda: jump(editor, backwards=True))
    yield PaletteCommand("view: Guidance", ("Hide" if shown else "Show") + " the checks and the "
                         "writing guidance (ctrl+g)", lambda: toggle_guidance(editor))
    yield PaletteCommand("case: Evidence checklist", "Documents this appeal needs (ctrl+t)",
                         lambda: open_evidence(editor))
    yield PaletteCommand("edit: Open in $EDITOR", "Write this section in your own editor "
                         "(ctrl+o)", lambda: edit_externally(editor))

