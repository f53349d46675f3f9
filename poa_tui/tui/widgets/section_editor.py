"""One section of the Plan of Action in a text area titled with its name, length and save state.

    Root Cause · 312 words · 1,904 chars · ● unsaved

The bottom of the border says how specific the section is, as the readiness checks judge it
("specific", "thin: no owner", "no specifics"), beside the key that reaches it.

The counts are those of the plain text the appeal form receives (markup not counted). They are
worked out once typing pauses, so a keystroke never waits for them, even at 5,000 words; the
unsaved mark appears with the first keystroke. The language is plain text: Textual's Markdown
highlighting needs tree-sitter, which is not installed, and re-highlighting on every edit is
cost this widget does not need.
"""

from __future__ import annotations

from typing import Callable

from textual import events
from textual.binding import Binding
from textual.widgets import TextArea

from poa_tui.domain.assembly import text_counts
from poa_tui.domain.checks.specificity import label as specificity_label
from poa_tui.domain.checks.specificity import section_specifics
from poa_tui.domain.guidance import SECTION_HINTS
from poa_tui.domain.textsafety import strip_controls
from poa_tui.domain.vocab import Section
from poa_tui.tui.typing_pause import TypingPause

COUNT_DELAY = 0.3
"""Seconds of quiet typing before the word and character counts are brought up to date."""

SAVED_MARK = "✓ saved"
UNSAVED_MARK = "● unsaved"
READ_ONLY_MARK = "read-only"

_SCREEN_KEYS = {"f5", "f6", "f7"}
"""Keys the editor screen uses (preview, log, copy); TextArea binds them to selections."""


class SectionEditor(TextArea, inherit_bindings=False):
    """The text of one POA section.

    `saved_text` is what the store holds; the editor counts as unsaved whenever its text
    differs from it, so reloading text from disk never looks like an edit.
    """

    BINDINGS = [binding for binding in TextArea.BINDINGS
                if not isinstance(binding, Binding) or binding.key not in _SCREEN_KEYS] + [
        Binding("ctrl+home", "document_start", "Start of text", show=False,
                id="section.document_start", tooltip="Move to the start of the section."),
        Binding("ctrl+end", "document_end", "End of text", show=False,
                id="section.document_end", tooltip="Move to the end of the section."),
        Binding("ctrl+shift+home", "document_start(True)", "Select to start", show=False,
                id="section.select_to_start", tooltip="Select up to the start of the section."),
        Binding("ctrl+shift+end", "document_end(True)", "Select to end", show=False,
                id="section.select_to_end", tooltip="Select up to the end of the section."),
    ]

    def __init__(self, section: Section, text: str = "", *, key_hint: str = "",
                 on_change: Callable[[SectionEditor], object] | None = None,
                 id: str | None = None, classes: str | None = None) -> None:
        super().__init__(text, soft_wrap=True, tab_behavior="focus", show_line_numbers=False,
                         highlight_cursor_line=False, placeholder=SECTION_HINTS[section],
                         id=id or section.value, classes=classes)
        self.section = section
        self.cursor_blink = False
        """A steady cursor: a blinking one redraws the editor twice a second while the user
        reads or thinks, most of the app's idle CPU and a stream of bytes over SSH."""
        self.saved_text = text
        """The text as last loaded from or saved to the store."""
        self.counts = text_counts(text)
        self.key_hint = key_hint
        """Shown at the bottom right of the border, e.g. "F2"."""
        self.on_change = on_change
        """Told of every change, in place of the `Changed` message bubbling on: that would pass
        through each container on its way to the screen, a dispatch each, on every keystroke."""
        self.marked_unsaved = False
        """What the title says (checked on the first keystroke after a save and at each pause)."""
        self._pause = TypingPause(self, COUNT_DELAY, self.refresh_counts)
        self.title_text = ""
        """The border title as it reads (`border_title` holds its markup)."""
        self.specificity = self._specificity()
        """How specific the text is ("thin: no owner"); "" while the section is empty."""
        self.subtitle_text = ""
        """The bottom border as it reads: the specificity and the key."""
        self._update_title()

    def action_document_start(self, select: bool = False) -> None:
        self.move_cursor((0, 0), select=select)

    def action_document_end(self, select: bool = False) -> None:
        self.move_cursor(self.document.end, select=select)

    @property
    def unsaved(self) -> bool:
        return self.text != self.saved_text

    def mark_saved(self, text: str | None = None) -> None:
        """Record that the store now holds `text` (the current text when None)."""
        self.saved_text = self.text if text is None else text
        self._update_title()

    def replace_text(self, text: str, *, saved: bool = True) -> None:
        """Show `text` from elsewhere (the store, a merge), keeping the cursor near where it was."""
        if saved:
            self.saved_text = text
        if text == self.text:
            self._update_title()
            return
        row, column = self.cursor_location
        self.load_text(text)
        row = min(row, self.document.line_count - 1)
        self.move_cursor((row, min(column, len(self.document[row]))))
        self.refresh_counts()

    def refresh_counts(self) -> None:
        """Count words and characters now, judge the specificity (and check the saved mark)."""
        self._pause.cancel()
        self.counts = text_counts(self.text)
        self.specificity = self._specificity()
        self._update_title()

    def _specificity(self) -> str:
        # Each kind is searched only until its first hit: well under a millisecond for a
        # written section, a few at 5,000 words when a kind is missing.
        text = self.text
        if not any(ch.isalnum() for ch in text):
            return ""
        return specificity_label(self.section, section_specifics(text))

    def watch_read_only(self, read_only: bool) -> None:
        self._update_title()

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        # Once the title says unsaved, a keystroke costs no string comparison at all; the
        # pause re-checks (typing back to the saved text clears the mark).
        if not self.marked_unsaved:
            self._update_title()
        self._pause.poke()
        if self.on_change is not None:
            event.stop()
            self.on_change(self)

    def on_text_area_selection_changed(self, event: TextArea.SelectionChanged) -> None:
        # Nothing above listens (the findings strip watches `selection`): bubbling on to the
        # app would cost every cursor move a dispatch in each container on the way.
        event.stop()

    def on_paste(self, event: events.Paste) -> None:
        """Pasted text loses terminal escape sequences and control characters first."""
        event.prevent_default()
        event.stop()
        if self.read_only:
            return
        start, end = self.selection
        self.replace(strip_controls(event.text), start, end, maintain_selection_offset=False)

    def _update_title(self) -> None:
        counts = self.counts
        unsaved = not self.read_only and self.unsaved
        mark = READ_ONLY_MARK if self.read_only else (UNSAVED_MARK if unsaved else SAVED_MARK)
        words = f"{counts.words:,} word{'' if counts.words == 1 else 's'}"
        title = f"{self.section.label} · {words} · {counts.characters:,} chars · {mark}"
        # Setting a title repaints the widget: skip it when nothing changed.
        if title != self.title_text:
            self.title_text = title
            # Only the unsaved mark is coloured, by the title's own markup: a CSS class
            # would restyle the widget on the first keystroke after every save.
            self.border_title = (title.replace(UNSAVED_MARK, f"[$text-warning]{UNSAVED_MARK}[/]")
                                 if unsaved else title)
        subtitle = " · ".join(filter(None, [self.specificity, self.key_hint]))
        if subtitle != self.subtitle_text:
            self.subtitle_text = subtitle
            style = ("$text-success" if self.specificity == "specific" else
                     "$text-error" if self.specificity == "no specifics" else "$text-warning")
            self.border_subtitle = (subtitle.replace(self.specificity,
                                                     f"[{style}]{self.specificity}[/]", 1)
                                    if self.specificity else subtitle)
        self.marked_unsaved = unsaved
