"""The case editor: the three POA sections, a live preview, the case's heading and its keys.

The parts live beside it: `editor_layout` decides which panes show at which terminal size;
`editor_saving` keeps the case (the editing lock and read-only mode, autosave, merging a save
that meets another session's write, retrying one the disk refused); `editor_commands` holds
the palette's copy, view and export commands.
"""

from __future__ import annotations

from datetime import date
from typing import Iterable

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Static

from poa_tui.domain.models import Case, Sections
from poa_tui.domain.vocab import SECTIONS, Section, Status
from poa_tui.editing.session import CaseSession
from poa_tui.tui.commands import PaletteCommand
from poa_tui.tui.dialogs import writing_help
from poa_tui.tui.screens import editor_commands
from poa_tui.tui.screens.editor_layout import KEYS, MEDIUM_COLUMNS, EditorLayout
from poa_tui.tui.screens.editor_saving import (
    RETRY_SECONDS as RETRY_SECONDS,  # still read from here (tests/e2e)
)
from poa_tui.tui.screens.editor_saving import EditorSaving
from poa_tui.tui.services import services
from poa_tui.tui.textual_fixes import closed_watchers
from poa_tui.tui.textual_fixes import collection_pauses as heap
from poa_tui.tui.widgets.case_table import deadline_phrase
from poa_tui.tui.widgets.findings_panel import FindingsStrip
from poa_tui.tui.widgets.key_footer import KeyFooter
from poa_tui.tui.widgets.preview import PoaPreview
from poa_tui.tui.widgets.section_editor import SectionEditor
from poa_tui.tui.widgets.writing_aside import WritingAside

SETTLE_AFTER = 1.0
"""Seconds from the preview's first update to the heap's release (`heap`): the blocks near
the view are built after it, once scrolling settles."""
CLOSED_SETTLE_AFTER = 1.0
"""Seconds from closing to collecting the closed screen (`heap.settle`), so that a key
pressed at once on the list (the next case, say) does not wait for it."""


class CaseEditorScreen(EditorLayout, Screen[None]):
    """Write the Plan of Action of case `case_id`."""

    HELP = """\
## Case editor

Write the three parts of the Plan of Action. Amazon reads them in this order:

- **Root Cause** (F2): what went wrong and why, with the facts.
- **Immediate Remedy** (F3): what you already did about it.
- **Systematic Changes** (F4): what stops it from happening again.

Each box shows its word and character count as the appeal form will receive it, and
whether it is saved. Saving is automatic a second after you stop typing, when you leave and
when you quit; **ctrl+s** (or **F10**) saves at once. Write in Markdown if you like (`- ` lists, `1.` steps, `**bold**`); copying
turns it into clean plain text.

- **F5** shows the preview of the whole plan (or moves the cursor into it). When it takes
  the editors' place in a narrow terminal, **escape** closes it.
- **F6** opens the submission log: record what you sent and Amazon's reply.
- **F7** copies the whole plan, ready to paste into Seller Central.
- **ctrl+p** lists everything else: copy one section, view the final text, export to a file.

If another session has this case open, it opens read-only and says who holds it; it
becomes editable by itself once they leave.

""" + writing_help.HELP

    BINDINGS = [
        Binding("f2", "focus_section('root_cause')", "Root Cause", id="editor.focus_root_cause",
                priority=True, show=False, tooltip="Write the Root Cause."),
        Binding("f3", "focus_section('immediate_remedy')", "Immediate Remedy",
                id="editor.focus_immediate_remedy", priority=True, show=False,
                tooltip="Write the Immediate Remedy."),
        Binding("f4", "focus_section('systematic_changes')", "Systematic Changes",
                id="editor.focus_systematic_changes", priority=True, show=False,
                tooltip="Write the Systematic Changes."),
        Binding("f5", "preview", "Preview", id="editor.preview", priority=True,
                tooltip="Show the preview of the whole plan, or move into it and back."),
        Binding("f6", "submission_log", "Log", id="editor.submission_log", priority=True,
                tooltip="Attempts sent and Amazon's replies; record a new one."),
        Binding("f7", "copy_poa", "Copy", id="editor.copy_poa", priority=True,
                tooltip="Copy the whole plan for the appeal form."),
        Binding("ctrl+s,f10", "save_now", "Save", id="editor.save_now", priority=True,
                show=False, tooltip="Save now (saving is also automatic)."),
        # Escape closes a preview that covers the editors before it leaves the case.
        Binding("escape", "close_preview", "Close preview", id="editor.close_preview",
                tooltip="Close the preview and go back to writing."),
        Binding("escape", "back", "Back", id="editor.back",
                tooltip="Save and go back to the case list."),
        *writing_help.BINDINGS,
    ]

    def __init__(self, case_id: int) -> None:
        super().__init__()
        self.case_id = case_id
        self.session: CaseSession | None = None
        """The case, its lock, and every change to it (made in `compose`, once there is an app)."""
        self.saving: EditorSaving
        """When to save, and how the outcome shows."""
        self.current = Section.ROOT_CAUSE
        self.preview_open = False
        self._leave_anyway = False
        self._shown_text: dict[str, str] = {}
        self.tabs_marked: dict[Section, bool] = {}
        """Which sections the tabs strip shows as unsaved."""
        self._heap_settled = False
        self._heap_held = False
        self._editors: dict[Section, SectionEditor] = {}
        self.preview: PoaPreview

    # -- the case, as the session keeps it -------------------------------------------------------

    @property
    def case(self) -> Case | None:
        """The case as this session has it (the draft text is pulled in before each save)."""
        return self.session.case if self.session is not None else None

    @property
    def read_only(self) -> bool:
        return self.session is not None and self.session.read_only

    @property
    def unsaved(self) -> bool:
        return self.saving.unsaved

    def save(self) -> bool:
        """Write the draft now if it changed; False when the disk refused (the text stays)."""
        return self.saving.save()

    async def flush(self) -> None:
        """Save pending edits (the app calls this before it exits); raises when that fails."""
        await self.saving.flush()

    def refresh_from_store(self) -> None:
        """Called every few seconds: follow another session's writes, or take over its lock."""
        self.saving.follow()

    def case_replaced(self) -> None:
        """The session took in another writer's version: redraw what shows the case."""
        self.show_heading()
        self.show_tabs()
        self.preview.changed(follow=False)

    # -- opening -------------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        heap.hold()  # until the case is on screen: see `_settle_heap`
        self._heap_held = True
        self.session = CaseSession(services(self).store, self.case_id).open()
        self.saving = EditorSaving(self, self.session)
        sections = self.case.sections if self.case else Sections()
        self._editors = {section: SectionEditor(section, sections[section], key_hint=KEYS[section],
                                                on_change=self._draft_changed, classes="pane")
                         for section in SECTIONS}
        self.preview = PoaPreview(self.draft_sections, id="preview", classes="pane")
        self.preview.border_title = "Preview"
        self.preview.border_subtitle = "F5"
        self.aside = WritingAside(self.case.violation_type if self.case else "other")
        with Horizontal(id="case-heading"):
            yield Static("", id="case-title")
            yield Static("", id="case-state")
        yield Static("", id="lock-banner", classes="warning-strip")
        yield Static("", id="save-problem", classes="error-strip")
        yield Static("", id="section-tabs")
        with Horizontal(id="editor-body"):
            with Vertical(id="sections"):
                yield from self.editors
            yield self.aside
            yield self.preview
        yield FindingsStrip(id="findings-strip")
        yield KeyFooter(compact=True)

    def on_mount(self) -> None:
        self.saving.autosave.delay = services(self).settings.autosave_delay
        if self.case is None:
            assert self.session is not None
            self.notify(str(self.session.open_problem), title="Cannot open the case",
                        severity="error")
            self.call_later(self.dismiss)
            return
        for editor in self.editors:
            editor.read_only = self.read_only
        self.saving.show_banner()
        self.show_heading()
        self._apply_layout(self.app.size)
        self.editor(Section.ROOT_CAUSE).focus()
        self.preview.changed(follow=False, delay=0)
        if not self.preview.display:  # not built until shown: the screen is all there is
            self._settle_heap()

    def on_poa_preview_caught_up(self) -> None:
        if not self._heap_settled:  # the first time: the preview's blocks are built
            self._settle_heap()

    def _settle_heap(self) -> None:
        """Once the case is on screen (the preview's blocks in view built), one collection
        instead of the several Python would run while the screen is built, and what is left
        is frozen (`heap`): typing then never waits for a walk of the preview's widgets."""
        self._heap_settled = True
        self.set_timer(SETTLE_AFTER, self._release_heap, name="settle-heap")

    def _release_heap(self) -> None:
        if self._heap_held:
            self._heap_held = False
            heap.release(collect=False)  # collected once the case is closed

    def on_unmount(self) -> None:
        self.saving.close()
        # Nothing outside may keep this screen alive (`closed_watchers`), and its widgets were
        # frozen with it (`heap`): collect them a moment after the list is back.
        closed_watchers.prune(self.app)
        self._release_heap()
        # Set from the app's own queue: a timer set here would keep this screen (the active
        # message pump in the timer's context) alive until it fired, and then freeze it.
        self.app.call_later(self.app.set_timer, CLOSED_SETTLE_AFTER, heap.settle)

    # -- parts ---------------------------------------------------------------------------------

    # Kept, not queried: a query walks the whole DOM, preview blocks included, and these
    # are read on every keystroke.

    @property
    def editors(self) -> list[SectionEditor]:
        return list(self._editors.values())

    def editor(self, section: Section) -> SectionEditor:
        return self._editors[section]

    def draft_sections(self) -> Sections:
        """The three sections as they are on screen now, saved or not."""
        return Sections(**{editor.section.value: editor.text for editor in self.editors})

    def show_heading(self) -> None:
        case = self.case
        if case is None:
            return
        title = case.title or "(untitled)"
        self._update_static("#case-title", f"Case {case.id} · {title}", layout=False)
        status = case.status
        state = [status.label]
        # The list's and the log's rule (`clock_badges.deadline_badge`): no countdown once the
        # case is won or closed, and "overdue" only while the seller has something to do.
        if case.notice.deadline is not None and status not in (Status.REINSTATED, Status.CLOSED):
            phrase = deadline_phrase(case.notice.deadline, self.today())
            if not phrase.endswith("overdue"):
                state.append(f"due {phrase}")
            else:
                state.append(phrase if status.needs_action else "deadline passed")
        # Below 100 columns the count gives way (the log has it): status and deadline stay whole.
        if case.submissions and self.size.width >= MEDIUM_COLUMNS:
            state.append(f"{len(case.submissions)} sent")
        self._update_static("#case-state", " · ".join(state))
        self.title, self.sub_title = f"Case {case.id}: {title}", " · ".join(state)

    def today(self) -> date:
        """The app's clock (tests fix it), for the day counts."""
        clock = getattr(self.app, "today", None)
        return clock() if callable(clock) else date.today()

    def _update_static(self, selector: str, text: str, *, markup: bool = False,
                       layout: bool = True) -> None:
        """Show `text` in a Static if it changed. A Static's update lays the whole screen out
        again (tens of milliseconds beside a long preview) unless `layout` is False, which
        suits the one-line strips whose size never changes."""
        if self._shown_text.get(selector) != text:
            self._shown_text[selector] = text
            content = Content.from_markup(text) if markup else Content(text)
            self.query_one(selector, Static).update(content, layout=layout)

    # -- keys ----------------------------------------------------------------------------------

    def action_save_now(self) -> None:
        if self.read_only or self.case is None:
            self.notify("This case is open read-only here, so there is nothing to save.",
                        severity="warning")
        elif not self.unsaved:
            self.notify("Everything is already saved.", timeout=3)
        elif self.save():
            self.notify("Saved.", timeout=3)

    def action_submission_log(self) -> None:
        from poa_tui.tui.screens.submission_log import SubmissionLogScreen

        self.saving.pull_draft()
        self.app.push_screen(SubmissionLogScreen(self.session, self.today))

    def action_copy_poa(self) -> None:
        self.copy()

    def action_next_finding(self) -> None:
        self.aside.jump()

    def action_previous_finding(self) -> None:
        self.aside.jump(backwards=True)

    def action_toggle_guidance(self) -> None:
        self.aside.toggle()

    def action_evidence(self) -> None:
        if self.session is not None:
            self.save()
            writing_help.open_evidence(self, self.session)

    def action_external_editor(self) -> None:
        writing_help.edit_externally(self, self.editor(self.current), self.current.label,
                                     self.read_only)

    def action_record_submission(self) -> None:
        from poa_tui.tui.screens.submission_log import record_submission

        if self.session is not None:
            self.saving.pull_draft()
            record_submission(self, self.session)

    def action_record_reply(self) -> None:
        from poa_tui.tui.screens.submission_log import record_reply

        if self.session is not None:
            self.saving.pull_draft()
            record_reply(self, self.session)

    async def action_back(self) -> None:
        if not self.save() and not self._leave_anyway:
            self._leave_anyway = True
            self.notify("Your text is still on screen. Press escape again to leave without "
                        "saving it.", title="Not saved", severity="error", timeout=20)
            return
        self.saving.close()
        self.dismiss()

    def copy(self, only: Section | None = None, fmt: str | None = None) -> None:
        """Send the whole plan (or one section) to the clipboard, in the format settings choose."""
        editor_commands.copy_plan(self, only, fmt)

    def view_final_text(self) -> None:
        editor_commands.view_final_text(self)

    def export(self) -> None:
        editor_commands.export_plan(self)

    def palette_commands(self) -> Iterable[PaletteCommand]:
        return editor_commands.palette_commands(self)

    # -- typing --------------------------------------------------------------------------------

    def _draft_changed(self, editor: SectionEditor) -> None:
        # Runs on every keystroke (the editors call it): cheap bookkeeping only, the work
        # waits for a pause.
        if self.case is None:
            return
        if editor.marked_unsaved != self.tabs_marked.get(editor.section):
            self.show_tabs()
        self.preview.changed()
        self.aside.text_changed()
        self.saving.typed()

    def on_screen_resume(self) -> None:
        # A screen above (the log, the checklist) may have changed the case through the
        # session, merging another session's text on the way.
        if self.session is not None and self.session.case is not None:
            sections = self.session.case.sections
            for editor in self.editors:
                text = sections[editor.section]
                if editor.text != text and not editor.unsaved:
                    editor.replace_text(text, saved=True)
                elif editor.text == text and editor.unsaved and not self.session.dirty:
                    editor.mark_saved(text)
            if self.session.dirty:
                self.save()  # a change made above that the disk refused: retried from here
            self.show_tabs()
            self.aside.text_changed()
        self.show_heading()
