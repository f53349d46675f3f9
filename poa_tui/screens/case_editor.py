"""The case editor: the three POA sections, a live preview, autosave and the editing lock.

Layout follows the terminal: from 140 columns the preview sits beside the editors at all
times; from 100 it opens beside them with F5; below that it takes their place. From 30 rows
the three sections are stacked; on shorter terminals one shows at a time, F2-F4 switching.

Saving happens `settings.autosave_delay` seconds after the last keystroke, on leaving and on
quit, never inside a keystroke. A save that meets another session's write is merged
(`merge.merge_case`); one the disk refuses keeps the text on screen and is retried.
"""

from __future__ import annotations

import copy
from datetime import date
from typing import Any, Callable, Iterable, TypeVar

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.events import Resize
from textual.geometry import Size
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Footer, Static

from ..commands import PaletteCommand
from ..errors import ConflictError, StoreError, WriteFailedError
from ..locks import CaseLockedError, LockHolder, SessionLock
from ..merge import MergeResult, merge_case
from ..models import Case, Sections
from ..poa import assemble
from ..typing_pause import TypingPause
from ..vocab import SECTIONS, Section
from ..widgets.case_table import deadline_phrase
from ..widgets.findings_panel import FindingsStrip
from ..widgets.preview import PoaPreview
from ..widgets.section_editor import SectionEditor
from ..widgets.writing_aside import WritingAside
from . import writing_help
from .export_form import ExportSource, open_export
from .text_view import TextViewScreen

T = TypeVar("T")

WIDE_COLUMNS = 140
"""From this width the preview is always shown beside the editors."""
MEDIUM_COLUMNS = 100
"""From this width F5 opens the preview beside the editors; below, it takes their place."""
STACK_ROWS = 30
"""From this height the three sections are stacked; below, one shows at a time."""
RETRY_SECONDS = 5.0
"""How often a save the disk refused is tried again."""
KEYS = {Section.ROOT_CAUSE: "F2", Section.IMMEDIATE_REMEDY: "F3", Section.SYSTEMATIC_CHANGES: "F4"}


class CaseEditorScreen(Screen[None]):
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
        self.case: Case | None = None
        """The case as this session has it (the draft text is pulled in before each save)."""
        self.base: Case | None = None
        """The case as last loaded or saved: the common ancestor for a merge."""
        self.read_only = False
        self.lock_holder: LockHolder | None = None
        self.open_problem: StoreError | None = None
        self.save_problem: StoreError | None = None
        """Why the last save failed; None once saving works."""
        self.current = Section.ROOT_CAUSE
        self.preview_open = False
        """F5 opened the preview (below `WIDE_COLUMNS`, where it is not always shown)."""
        self._lock: SessionLock | None = None
        self._lock_refused = ""
        self._retry_timer: Timer | None = None
        self._unsaved_change = False
        self._leave_anyway = False
        self._shown_text: dict[str, str] = {}
        self._editors: dict[Section, SectionEditor] = {}
        self.preview: PoaPreview
        self._autosave = TypingPause(self, 1.0, self.save)

    # -- opening -------------------------------------------------------------------------------

    def _open(self) -> None:
        store = self.app.store  # type: ignore[attr-defined]
        lock = store.session_lock(self.case_id)
        try:
            self._lock = lock.acquire()
        except CaseLockedError as error:
            self.read_only, self.lock_holder = True, error.holder
        except OSError as error:
            self.read_only = True
            self._lock_refused = f"the data folder cannot be written ({error.strerror or error})"
        try:
            self.case = store.load(self.case_id)
        except StoreError as error:
            self.open_problem = error
            self._release()
            return
        self.base = copy.deepcopy(self.case)

    def compose(self) -> ComposeResult:
        self._open()
        sections = self.case.sections if self.case else Sections()
        self._editors = {section: SectionEditor(section, sections[section], key_hint=KEYS[section],
                                                classes="pane") for section in SECTIONS}
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
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self._autosave.delay = self.app.settings.autosave_delay  # type: ignore[attr-defined]
        if self.case is None:
            self.notify(str(self.open_problem), title="Cannot open the case", severity="error")
            self.call_later(self.dismiss)
            return
        for editor in self.editors:
            editor.read_only = self.read_only
        self._show_banner()
        self._show_heading()
        self._apply_layout(self.app.size)
        self.editor(Section.ROOT_CAUSE).focus()
        self.preview.changed(follow=False, delay=0)

    def on_unmount(self) -> None:
        self._stop_timers()
        self._release()

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

    def _show_heading(self) -> None:
        case = self.case
        if case is None:
            return
        title = case.title or "(untitled)"
        self._update_static("#case-title", f"Case {case.id} · {title}", layout=False)
        state = [case.status.label]
        if case.notice.deadline is not None:
            phrase = deadline_phrase(case.notice.deadline, self.today())
            state.append(phrase if phrase.endswith("overdue") else f"due {phrase}")
        # Below 100 columns the count gives way (the log has it): status and deadline stay whole.
        if case.submissions and self.size.width >= MEDIUM_COLUMNS:
            state.append(f"{len(case.submissions)} sent")
        self._update_static("#case-state", " · ".join(state))
        self.title, self.sub_title = f"Case {case.id}: {title}", " · ".join(state)

    def today(self) -> date:
        """The app's clock (tests fix it), for the day counts."""
        clock = getattr(self.app, "today", None)
        return clock() if callable(clock) else date.today()

    def _show_banner(self) -> None:
        banner = self.query_one("#lock-banner", Static)
        if not self.read_only:
            banner.display = False
            return
        if self._lock_refused:
            why = f"Read-only: {self._lock_refused}."
        else:
            who = self.lock_holder.describe() if self.lock_holder else "another session"
            why = (f"Read-only: {who} is editing this case. Their changes show up here; "
                   f"it becomes editable once they close it.")
        banner.update(Content(why))
        banner.display = True

    def _show_tabs(self) -> None:
        parts = []
        entries = [(KEYS[s], s.label, s.value, self.editor(s).marked_unsaved) for s in SECTIONS]
        for key, label, name, unsaved in entries:
            current = self.current.value == name and not self._preview_covers()
            style = "b reverse" if current else "$text-muted"
            mark = " ●" if unsaved else ""
            parts.append(f"[@click=screen.focus_section('{name}')][{style}] {key} {label}{mark} [/][/]")
        style = "b reverse" if self._preview_covers() else "$text-muted"
        parts.append(f"[@click=screen.preview][{style}] F5 Preview [/][/]")
        self._update_static("#section-tabs", " ".join(parts), markup=True, layout=False)

    def _update_static(self, selector: str, text: str, *, markup: bool = False,
                       layout: bool = True) -> None:
        """Show `text` in a Static if it changed. A Static's update lays the whole screen out
        again (tens of milliseconds beside a long preview) unless `layout` is False, which
        suits the one-line strips whose size never changes."""
        if self._shown_text.get(selector) != text:
            self._shown_text[selector] = text
            content = Content.from_markup(text) if markup else Content(text)
            self.query_one(selector, Static).update(content, layout=layout)

    # -- layout --------------------------------------------------------------------------------

    def on_resize(self, event: Resize) -> None:
        self._apply_layout(event.size)

    def _apply_layout(self, size: Size) -> None:
        width = "-wide" if size.width >= WIDE_COLUMNS else (
            "-medium" if size.width >= MEDIUM_COLUMNS else "-narrow")
        for name in ("-wide", "-medium", "-narrow"):
            self.set_class(name == width, name)
        self.set_class(size.height < STACK_ROWS, "-single")
        self._show_current()
        self._show_heading()

    def _preview_shown(self) -> bool:
        return self.has_class("-wide") or self.preview_open

    def _preview_covers(self) -> bool:
        """The preview is open in place of the editors (narrow terminals)."""
        return self.preview_open and self.has_class("-narrow")

    def _show_current(self) -> None:
        for editor in self.editors:
            editor.set_class(editor.section == self.current, "-current")
        self.set_class(self.preview_open, "-preview-open")
        self._show_tabs()
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "close_preview":
            return self._preview_covers()
        return True

    def on_descendant_focus(self, event: Any) -> None:
        widget = event.widget
        if isinstance(widget, SectionEditor) and widget.section != self.current:
            self.current = widget.section
            self._show_current()
            self.preview.reveal(widget.section)

    # -- keys ----------------------------------------------------------------------------------

    def action_focus_section(self, name: str) -> None:
        self.current = Section(name)
        if self._preview_covers():
            self.preview_open = False
        self._show_current()
        self.editor(self.current).focus()
        self.preview.reveal(self.current)

    def action_preview(self) -> None:
        preview = self.preview
        if self._preview_shown() and preview.has_focus:
            if not self.has_class("-wide"):
                self.preview_open = False
                self._show_current()
            self.editor(self.current).focus()
            return
        if not self.has_class("-wide"):
            self.preview_open = True
            self._show_current()
            self.call_after_refresh(preview.reveal, self.current)
        self.call_after_refresh(preview.focus)

    def action_close_preview(self) -> None:
        self.preview_open = False
        self._show_current()
        self.editor(self.current).focus()

    def action_save_now(self) -> None:
        if self.read_only or self.case is None:
            self.notify("This case is open read-only here, so there is nothing to save.",
                        severity="warning")
        elif not self.unsaved:
            self.notify("Everything is already saved.", timeout=3)
        elif self.save():
            self.notify("Saved.", timeout=3)

    def action_submission_log(self) -> None:
        from .submission_log import SubmissionLogScreen

        self.app.push_screen(SubmissionLogScreen(self))

    def action_copy_poa(self) -> None:
        self.copy()

    def action_next_finding(self) -> None:
        self.aside.jump()

    def action_previous_finding(self) -> None:
        self.aside.jump(backwards=True)

    def action_toggle_guidance(self) -> None:
        self.aside.toggle()

    def action_evidence(self) -> None:
        writing_help.open_evidence(self)

    def action_external_editor(self) -> None:
        writing_help.edit_externally(self)

    async def action_back(self) -> None:
        if not self.save() and not self._leave_anyway:
            self._leave_anyway = True
            self.notify("Your text is still on screen. Press escape again to leave without "
                        "saving it.", title="Not saved", severity="error", timeout=20)
            return
        self._stop_timers()
        self._release()
        self.dismiss()

    def copy(self, only: Section | None = None, fmt: str | None = None) -> None:
        """Send the whole plan (or one section) to the clipboard, in the format settings choose."""
        if fmt is None:
            fmt = "markdown" if self.app.settings.copy_format == "markdown" else "text"  # type: ignore[attr-defined]
        sections = self.draft_sections()
        empty = not sections[only].strip() if only else sections.is_empty()
        what = f"{only.label} only" if only else "Whole POA"
        if empty:
            self.notify("There is nothing to copy yet: write the plan first.", title=f"Copy: {what}",
                        severity="warning")
            return
        self.app.copy_text(assemble(sections, fmt=fmt, only=only),  # type: ignore[attr-defined]
                           what + (" as Markdown" if fmt == "markdown" else ""))

    def view_final_text(self) -> None:
        text = assemble(self.draft_sections(), fmt="text")
        self.app.push_screen(TextViewScreen("Final text: what the appeal form receives", text,
                                            what="Whole POA"))

    def export(self) -> None:
        if self.case is not None:
            open_export(self, ExportSource(self.draft_sections(), self.case.id, self.case.title),
                        fmt=self.app.settings.copy_format)  # type: ignore[attr-defined]

    def palette_commands(self) -> Iterable[PaletteCommand]:
        from .submission_log import record_reply, record_submission

        other = "text" if self.app.settings.copy_format == "markdown" else "markdown"  # type: ignore[attr-defined]
        yield PaletteCommand("copy: Whole POA", "Copy the plan for the appeal form (F7)", self.copy)
        for section in SECTIONS:
            yield PaletteCommand(f"copy: {section.label} only", f"Copy just the {section.label} text",
                                 lambda s=section: self.copy(s))
        yield PaletteCommand(f"copy: Whole POA as {'Markdown' if other == 'markdown' else 'plain text'}",
                             "Copy in the other format, once", lambda: self.copy(fmt=other))
        yield PaletteCommand("view: Final text", "Read the plan as the form receives it; select "
                             "or copy from there", self.view_final_text)
        for section in SECTIONS:
            yield PaletteCommand(f"view: {section.label}", f"Write the {section.label} ({KEYS[section]})",
                                 lambda s=section: self.action_focus_section(s.value))
        yield PaletteCommand("view: Preview", "Show the whole plan rendered (F5)", self.action_preview)
        yield PaletteCommand("export: To file", "Save the plan or one section to a text file",
                             self.export)
        yield PaletteCommand("attempt: Record submission", "Keep the draft as sent, with where "
                             "and when", lambda: record_submission(self))
        yield PaletteCommand("attempt: Record reply", "Paste Amazon's answer to the last attempt",
                             lambda: record_reply(self))
        yield PaletteCommand("case: Submission log", "Every attempt and reply (F6)",
                             self.action_submission_log)
        yield from writing_help.palette_commands(self)
        yield PaletteCommand("case: Save now", "Write the draft to disk at once (ctrl+s or F10)",
                             self.action_save_now)
        yield PaletteCommand("case: Back to the list", "Save and close this case (escape)",
                             self.action_back)

    # -- saving --------------------------------------------------------------------------------

    def on_text_area_changed(self, event: SectionEditor.Changed) -> None:
        # Runs on every keystroke: cheap bookkeeping only, the work waits for a pause.
        if not isinstance(event.text_area, SectionEditor) or self.case is None:
            return
        self._show_tabs()
        self.preview.changed()
        self.aside.text_changed()
        if not self.read_only:
            self._autosave.poke()

    @property
    def unsaved(self) -> bool:
        return self._unsaved_change or any(editor.unsaved for editor in self.editors)

    def save(self) -> bool:
        """Write the draft now if it changed; False when the disk refused (the text stays)."""
        self._autosave.cancel()
        if self.read_only or self.case is None or not self.unsaved:
            return True
        self.case.sections = self.draft_sections()
        return self._write()

    async def flush(self) -> None:
        """Save pending edits (the app calls this before it exits); raises when that fails."""
        if not self.save() and self.save_problem is not None:
            raise self.save_problem

    def commit(self, change: Callable[[Case], T]) -> T | None:
        """Apply `change` to the case with the current draft in it, and save at once."""
        if self.case is None or self.read_only:
            self.notify("This case is open read-only here, so nothing can be recorded.",
                        severity="warning")
            return None
        self.case.sections = self.draft_sections()
        result = change(self.case)
        self._unsaved_change = True
        self._write()
        self._show_heading()
        return result

    def _write(self) -> bool:
        assert self.case is not None
        store = self.app.store  # type: ignore[attr-defined]
        for _ in range(3):
            try:
                store.save(self.case)
            except ConflictError:
                try:
                    self._merge_from_disk()
                except StoreError as error:
                    return self._write_failed(error)
                continue
            except StoreError as error:
                return self._write_failed(error)
            except OSError as error:
                return self._write_failed(WriteFailedError(store.case_path(self.case_id), error))
            self._written()
            return True
        return self._write_failed(StoreError(
            f"Case {self.case_id} keeps changing in another session; saving is tried again."))

    def _merge_from_disk(self) -> None:
        assert self.case is not None and self.base is not None
        theirs = self.app.store.load(self.case_id)  # type: ignore[attr-defined]
        result = merge_case(self.base, self.case, theirs)
        self.case, self.base = result.case, theirs
        for editor in self.editors:
            text = self.case.sections[editor.section]
            if editor.text != text:
                editor.replace_text(text, saved=False)
        self._tell_merge(result)

    def _tell_merge(self, result: MergeResult) -> None:
        said = []
        if result.taken:
            said.append(f"Took the other session's {', '.join(result.taken)}.")
        if result.conflicts:
            said.append(f"Both changed {', '.join(result.conflicts)}: your text is kept, and "
                        f"the other version is saved in the case notes.")
        said.append("Everything else you wrote is kept.")
        self.notify(" ".join(said), title=f"Case {self.case_id} was also changed elsewhere",
                    severity="warning" if result.conflicts else "information", timeout=15)

    def _written(self) -> None:
        assert self.case is not None
        self.base = copy.deepcopy(self.case)
        self._unsaved_change = False
        for editor in self.editors:
            editor.mark_saved(self.case.sections[editor.section])
        self._show_tabs()
        self._show_heading()
        if self.save_problem is not None:
            self.save_problem = None
            self.query_one("#save-problem", Static).display = False
            if self._retry_timer is not None:
                self._retry_timer.stop()
                self._retry_timer = None
            self.notify("Saving works again; everything is on disk.", title="Saved")

    def _write_failed(self, error: StoreError) -> bool:
        first = self.save_problem is None
        self.save_problem = error
        strip = self.query_one("#save-problem", Static)
        strip.update(Content(f"Not saved: {error} Your text stays here; saving is tried again "
                             f"every {RETRY_SECONDS:.0f} s."))
        strip.display = True
        if first:
            self.notify(str(error), title="Not saved", severity="error", timeout=15)
        if self._retry_timer is None:
            self._retry_timer = self.set_interval(RETRY_SECONDS, self.save, name="save-retry")
        return False

    def _stop_timers(self) -> None:
        self._autosave.cancel()
        if self._retry_timer is not None:
            self._retry_timer.stop()
            self._retry_timer = None

    def _release(self) -> None:
        if self._lock is not None:
            self._lock.release()
            self._lock = None

    # -- other sessions ------------------------------------------------------------------------

    def refresh_from_store(self) -> None:
        """Called every few seconds: follow another session's writes, or take over its lock."""
        if self.case is None:
            return
        store = self.app.store  # type: ignore[attr-defined]
        if self.read_only and not self._lock_refused:
            lock = store.session_lock(self.case_id)
            try:
                self._lock = lock.acquire()
            except (CaseLockedError, OSError) as error:
                self.lock_holder = getattr(error, "holder", self.lock_holder)
                self._adopt_disk()
                return
            self.read_only = False
            self._adopt_disk()
            for editor in self.editors:
                editor.read_only = False
            self._show_banner()
            self.notify("The other session closed this case: you can edit it now.",
                        title=f"Case {self.case_id}")
        elif not self.unsaved and self.save_problem is None:
            self._adopt_disk()

    def _adopt_disk(self) -> None:
        """Show the case as stored, if another writer changed it."""
        try:
            disk = self.app.store.load(self.case_id)  # type: ignore[attr-defined]
        except StoreError:
            return
        if self.case is not None and disk.revision == self.case.revision:
            return
        self.case, self.base = disk, copy.deepcopy(disk)
        for editor in self.editors:
            editor.replace_text(disk.sections[editor.section], saved=True)
        self._show_heading()
        self._show_tabs()
        self.preview.changed(follow=False)

    def on_screen_resume(self) -> None:
        self._show_heading()
