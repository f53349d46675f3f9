"""`GuidancePanel`: what to think through for this kind of violation, for the section in hand.

The panel shows `guidance.guidance_markdown` for the case's violation type, narrowed to the
section whose editor has the focus (all three when none has), and follows the focus as it moves.
It scrolls with the keyboard when focused but never lets the Markdown inside take the focus,
so tabbing through the editor does not stop on every paragraph of advice.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Markdown

from poa_tui.domain.guidance import guidance_markdown
from poa_tui.domain.vocab import Section, ViolationType


class GuidancePanel(VerticalScroll, can_focus=True, can_focus_children=False):
    """Guidance for `violation`, narrowed to `section` (None shows every section)."""

    def __init__(self, violation: ViolationType | str = ViolationType.OTHER,
                 section: Section | None = None, *, name: str | None = None,
                 id: str | None = None, classes: str | None = None) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self.violation = ViolationType(violation)
        self.section = section
        self.document = guidance_markdown(self.violation, section)
        """The Markdown shown now."""

    def compose(self) -> ComposeResult:
        yield Markdown(self.document, open_links=False)

    def on_mount(self) -> None:
        self._retitle()

    def show_for(self, violation: ViolationType | str | None = None,
                 section: Section | None = None) -> bool:
        """Show the guidance for `violation` (unchanged when None) and `section`.

        Returns False, doing nothing, when that is what the panel already shows.
        """
        kind = self.violation if violation is None else ViolationType(violation)
        if kind == self.violation and section == self.section:
            return False
        self.violation, self.section = kind, section
        self.document = guidance_markdown(kind, section)
        if self.is_mounted:
            self.query_one(Markdown).update(self.document)
            self.scroll_home(animate=False)
            self._retitle()
        return True

    def _retitle(self) -> None:
        where = self.section.label if self.section is not None else "all sections"
        self.border_title = f"Guidance: {where}"
        self.border_subtitle = self.violation.label
