"""The case editor's writing-help keys and commands, kept out of the editor screen itself.

- **F8** / ctrl+n (shift+F8 back): select the next problem the checks found, in any section.
- **ctrl+g**: show or hide the checks and the guidance beside the editors.
- **ctrl+t**: the case's evidence checklist.
- **ctrl+o**: open the section being written in the user's own editor (`$VISUAL`/`$EDITOR`);
  the text comes back as one edit, so ctrl+z undoes it in one step.
- `confirm_blockers`: asks before a draft with blockers is recorded as sent.

Each function takes the screen it works on and what it works with, never the editor screen's
type, so this module and the editor do not import each other.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any, Callable, Iterable, Protocol

from textual.app import SuspendNotSupported
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import TextArea

from poa_tui.domain.checks import Severity
from poa_tui.domain.models import Case, Sections
from poa_tui.domain.readiness import Readiness
from poa_tui.editing.session import CaseSession
from poa_tui.system.external_editor import EditorProblem, edit_text, editor_argv, editor_name
from poa_tui.tui.commands import PaletteCommand
from poa_tui.tui.dialogs.confirm import ConfirmScreen
from poa_tui.tui.dialogs.evidence import EvidenceScreen
from poa_tui.tui.widgets.writing_aside import WritingAside

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


class WritingHelpHost(Protocol):
    """The screen the writing help sits on: it answers these actions (the palette's commands)."""

    def query(self, selector: type[WritingAside]) -> Any: ...
    def action_next_finding(self) -> object: ...
    def action_previous_finding(self) -> object: ...
    def action_toggle_guidance(self) -> object: ...
    def action_evidence(self) -> object: ...
    def action_external_editor(self) -> object: ...


def aside(screen: WritingHelpHost | Screen[Any]) -> WritingAside | None:
    found = screen.query(WritingAside)
    return found.first() if found else None


def readiness_now(screen: Screen[Any], case: Case | None, draft: Sections) -> Readiness:
    """The checks on the draft as it is on screen."""
    panel = aside(screen)
    if panel is not None:
        return panel.refresh_checks()
    if case is None:
        return Readiness()
    return Readiness.of(replace(case, sections=draft), getattr(screen.app, "settings", None))


def jump(screen: Screen[Any], backwards: bool = False) -> None:
    panel = aside(screen)
    if panel is not None:
        panel.jump(backwards=backwards)


def toggle_guidance(screen: Screen[Any]) -> None:
    panel = aside(screen)
    if panel is not None:
        panel.toggle()


def open_evidence(screen: Screen[Any], session: CaseSession) -> None:
    """The checklist over `screen`, changing the case through `session`.

    Save the draft first: the checklist's saves write the session's case."""
    if session.case is not None:
        screen.app.push_screen(EvidenceScreen(session))


def edit_externally(screen: Screen[Any], area: TextArea, label: str, read_only: bool) -> None:
    """Hand `area`'s text to `$VISUAL`/`$EDITOR` and take back what it saved."""
    if read_only:
        screen.notify("This case is open read-only here, so it cannot be edited.",
                      severity="warning")
        return
    try:
        argv = editor_argv()
    except EditorProblem as problem:
        screen.notify(str(problem), title="No editor", severity="warning", timeout=12)
        return
    name = editor_name(argv)
    try:
        with screen.app.suspend():
            outcome = edit_text(area.text, argv, label=label)
    except SuspendNotSupported:
        screen.notify("This session cannot hand the terminal to another program (it runs in a "
                      "browser, or without a terminal of its own). Copy the section from the "
                      "command palette and paste it back instead.", title=f"Cannot open {name}",
                      severity="warning", timeout=12)
        return
    if outcome.text is None:
        screen.notify(outcome.error or "", title=f"{label} unchanged", severity="error",
                      timeout=15)
        return
    if not outcome.changed:
        screen.notify(f"No changes came back from {name}.", title=label)
        return
    # Its own undo step: the edit before it and the typing after it stay separate.
    area.history.checkpoint()
    area.replace(outcome.text, (0, 0), area.document.end, maintain_selection_offset=False)
    area.history.checkpoint()
    area.focus()
    screen.notify(f"{label} updated from {name}; ctrl+z undoes it in one step.", title=label)


def confirm_blockers(screen: Screen[Any], ready: Readiness, proceed: Callable[[], object]) -> None:
    """Run `proceed` at once if `ready` has no blockers, else only once the user agrees."""
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

    screen.app.push_screen(
        ConfirmScreen(f"The plan still has {count} blocker{'s' if count != 1 else ''}. "
                      f"Record it as sent anyway?", detail, yes="Record anyway",
                      no="Go back", danger=True), answered)


def palette_commands(host: WritingHelpHost) -> Iterable[PaletteCommand]:
    shown = (panel := aside(host)) is not None and panel.shown
    yield PaletteCommand("check: Next finding", "Select the next problem the checks found (F8)",
                         host.action_next_finding)
    yield PaletteCommand("check: Previous finding", "Select the previous problem (shift+F8)",
                         host.action_previous_finding)
    yield PaletteCommand("view: Guidance", ("Hide" if shown else "Show") + " the checks and the "
                         "writing guidance (ctrl+g)", host.action_toggle_guidance)
    yield PaletteCommand("case: Evidence checklist", "Documents this appeal needs (ctrl+t)",
                         host.action_evidence)
    yield PaletteCommand("edit: Open in $EDITOR", "Write this section in your own editor "
                         "(ctrl+o)", host.action_external_editor)
