"""Which panes the case editor shows: by terminal size, by section key and by F5.

From `WIDE_COLUMNS` the preview sits beside the editors at all times; from `MEDIUM_COLUMNS` it
opens beside them with F5; below that it takes their place. From `STACK_ROWS` rows the three
sections are stacked; on shorter terminals one shows at a time, F2-F4 switching. The screen
gets the classes `-wide`/`-medium`/`-narrow`, `-single` and `-preview-open`; the editor that
is being written gets `-current`. The section tabs show which part is on screen.
"""

from __future__ import annotations

from typing import Any

from textual.events import Resize
from textual.geometry import Size

from poa_tui.domain.vocab import SECTIONS, Section
from poa_tui.tui.widgets.preview import PoaPreview
from poa_tui.tui.widgets.section_editor import SectionEditor

WIDE_COLUMNS = 140
"""From this width the preview is always shown beside the editors."""
MEDIUM_COLUMNS = 100
"""From this width F5 opens the preview beside the editors; below, it takes their place."""
STACK_ROWS = 30
"""From this height the three sections are stacked; below, one shows at a time."""
KEYS = {Section.ROOT_CAUSE: "F2", Section.IMMEDIATE_REMEDY: "F3", Section.SYSTEMATIC_CHANGES: "F4"}
"""The key that moves to each section."""


class EditorLayout:
    """Mixed into `CaseEditorScreen`, ahead of `Screen`, so Textual finds its handlers and
    actions on the screen. It uses the screen's `editors`, `editor(section)`, `preview`,
    `show_heading()` and `_update_static()`."""

    current: Section
    """The section being written (or last written, while the preview has the focus)."""
    preview_open: bool
    """F5 opened the preview (below `WIDE_COLUMNS`, where it is not always shown)."""
    preview: PoaPreview

    # -- the section tabs ----------------------------------------------------------------------

    def show_tabs(self) -> None:
        """Mark the part on screen, and the sections with unsaved text, in the tabs strip."""
        parts = []
        entries = [(KEYS[s], s.label, s.value, self.editor(s).marked_unsaved) for s in SECTIONS]
        self.tabs_marked = {s: self.editor(s).marked_unsaved for s in SECTIONS}
        for key, label, name, unsaved in entries:
            current = self.current.value == name and not self._preview_covers()
            style = "b reverse" if current else "$text-muted"
            mark = " ●" if unsaved else ""
            parts.append(f"[@click=screen.focus_section('{name}')][{style}] {key} {label}{mark} [/][/]")
        style = "b reverse" if self._preview_covers() else "$text-muted"
        parts.append(f"[@click=screen.preview][{style}] F5 Preview [/][/]")
        self._update_static("#section-tabs", " ".join(parts), markup=True, layout=False)

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
        self.show_heading()

    def _preview_shown(self) -> bool:
        return self.has_class("-wide") or self.preview_open

    def _preview_covers(self) -> bool:
        """The preview is open in place of the editors (narrow terminals)."""
        return self.preview_open and self.has_class("-narrow")

    def _show_current(self) -> None:
        for editor in self.editors:
            editor.set_class(editor.section == self.current, "-current")
        self.set_class(self.preview_open, "-preview-open")
        self.show_tabs()
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

    # -- keys that change what shows ---------------------------------------------------------

    def action_focus_section(self, name: str) -> None:
        self.current = Section(name)
        if self._preview_covers():
            self.preview_open = False
        self._show_current()
        # At once, not after the queued messages as `focus()` does: text typed in the same
        # burst as F2-F4 (a paste, a fast typist, tmux send-keys) belongs to the new section.
        self.set_focus(self.editor(self.current))
        self.preview.reveal(self.current)

    def action_preview(self) -> None:
        preview = self.preview
        if self._preview_shown() and preview.has_focus:
            if not self.has_class("-wide"):
                self.preview_open = False
                self._show_current()
            self.set_focus(self.editor(self.current))
            return
        if not self.has_class("-wide"):
            self.preview_open = True
            self._show_current()
            self.call_after_refresh(preview.reveal, self.current)
        self.call_after_refresh(preview.focus)

    def action_close_preview(self) -> None:
        self.preview_open = False
        self._show_current()
        self.set_focus(self.editor(self.current))
