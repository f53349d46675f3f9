"""`WritingAside`: the case editor's side panel of writing help, and what keeps it current.

It holds the findings panel (what the readiness checks found) over the guidance panel (what to
think through for this violation type and the section being written). It follows the editor on
its own: it watches the focus, to narrow the guidance to the section in hand, and each section
editor's selection, to keep the one-line `FindingsStrip` under the editors on the finding at
the cursor. The editor screen composes it, calls `text_changed()` from its per-keystroke
handler and forwards its keys (`jump`, `toggle`); per keystroke the aside only moves a deadline
and, if the cursor entered or left a finding, redraws the one-line strip.

Whether it shows is up to the stylesheet: open on wide terminals (`-wide`) unless the user
closed it (`-help-closed`), open wherever the user opened it (`-help-open`), and on medium and
narrow terminals the preview, when open, takes its place.

The screen it sits on provides `case`, `current`, `draft_sections()`, `editor(section)`,
`action_focus_section(name)` and `preview_open`, as `CaseEditorScreen` does.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widget import Widget
from textual.widgets import TextArea
from textual.widgets.text_area import Selection

from poa_tui.domain.checks import Finding
from poa_tui.domain.readiness import Readiness, ReadinessCache, next_finding
from poa_tui.domain.vocab import Section, ViolationType
from poa_tui.tui.typing_pause import TypingPause
from poa_tui.tui.widgets.findings_panel import FindingsPanel, FindingsStrip
from poa_tui.tui.widgets.guidance_panel import GuidancePanel

CHECK_DELAY = 0.4
"""Seconds of quiet typing before the checks run again (a 5,000-word plan takes ~20 ms)."""
NEXT_BINDING = "editor.next_finding"
TOGGLE_BINDING = "editor.guidance"
"""Binding ids (on the editor screen) whose keys the strip names, as the keymap has them."""


class WritingAside(Vertical):
    """Findings over guidance, beside the section editors; open or closed with `toggle`."""

    def __init__(self, violation: ViolationType | str = ViolationType.OTHER, *,
                 id: str | None = "aside", classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.violation = ViolationType(violation)
        self.readiness = Readiness()
        """The findings shown, for the draft as it was when the checks last ran."""
        self.cache = ReadinessCache()
        self._pause = TypingPause(self, CHECK_DELAY, self.refresh_checks)
        self._editors: list[TextArea] = []
        self._strip: FindingsStrip | None = None
        self._keys: dict[str, str] = {}

    def compose(self) -> ComposeResult:
        yield FindingsPanel(id="findings")
        yield GuidancePanel(self.violation, Section.ROOT_CAUSE, id="guidance")

    def on_mount(self) -> None:
        # Looked up once: these are needed on every keystroke, and a query walks the whole
        # screen, the preview's blocks included.
        self._editors = [w for w in self.screen.query(TextArea)
                         if isinstance(getattr(w, "section", None), Section)]
        strips = self.screen.query(FindingsStrip)
        self._strip = strips.first() if strips else None
        self._keys = {binding_id: self._key_for(binding_id)
                      for binding_id in (NEXT_BINDING, TOGGLE_BINDING)}
        self.watch(self.screen, "focused", self._focus_moved, init=False)
        for editor in self._editors:
            self.watch(editor, "selection", self._cursor_moved, init=False)
        self.refresh_checks()

    # -- parts ----------------------------------------------------------------------------------

    @property
    def findings_panel(self) -> FindingsPanel:
        return self.query_one(FindingsPanel)

    @property
    def guidance(self) -> GuidancePanel:
        return self.query_one(GuidancePanel)

    @property
    def findings(self) -> tuple[Finding, ...]:
        return self.readiness.findings

    # -- keeping up with the editor ---------------------------------------------------------------

    def _key_for(self, binding_id: str) -> str:
        for active in self.screen.active_bindings.values():
            if active.binding.id == binding_id:
                return self.app.get_key_display(active.binding)
        return ""

    def _focus_moved(self, widget: Widget | None) -> None:
        section = getattr(widget, "section", None)
        if not isinstance(section, Section):
            return
        screen = self.screen
        if screen.has_class("-narrow") and screen.has_class("-help-open"):
            # Going back to writing (F2-F4, or a finding chosen) uncovers the editors.
            screen.set_class(False, "-help-open")
            screen.set_class(True, "-help-closed")
        self.guidance.show_for(self._violation(), section)
        self._show_strip()

    def _cursor_moved(self) -> None:
        # While typing, the findings' offsets are those of the text before it: the strip
        # waits for the checks to run again at the pause (which shows it afresh).
        if not self._pause.pending:
            self._show_strip()

    def text_changed(self) -> None:
        """A section was edited: check the draft again once typing pauses."""
        self._pause.poke()

    def _violation(self) -> ViolationType:
        case = getattr(self.screen, "case", None)
        return case.violation_type if case is not None else self.violation

    def refresh_checks(self) -> Readiness:
        """Run the checks on the draft as it is on screen (cached while nothing changed)."""
        self._pause.cancel()
        screen: Any = self.screen
        case = getattr(screen, "case", None)
        if case is None:
            return self.readiness
        draft = replace(case, sections=screen.draft_sections())
        self.readiness = self.cache.get(draft, getattr(self.app, "settings", None))
        self.findings_panel.update_findings(self.readiness.findings, dict(draft.sections.items()))
        self.guidance.show_for(self._violation(), getattr(screen, "current", None))
        self._show_strip()
        return self.readiness

    def _show_strip(self) -> None:
        strip = self._strip
        if strip is None:
            return
        section, start, _ = self._cursor()
        jump, toggle = self._keys.get(NEXT_BINDING), self._keys.get(TOGGLE_BINDING)
        if self.findings:
            hint = " · ".join(filter(None, [jump and f"{jump} next",
                                            toggle and f"{toggle} list"]))
        else:
            hint = f"{toggle} guidance" if toggle else ""
        strip.show(self.findings, section, start, hint=hint)

    def _cursor(self) -> tuple[Section | None, int, int]:
        """The section being written and its selection as character offsets."""
        screen: Any = self.screen
        section = getattr(screen, "current", None)
        if not isinstance(section, Section):
            return None, 0, 0
        editor = screen.editor(section)
        index = editor.document.get_index_from_location
        start, end = sorted(editor.selection)
        return section, index(start), index(end)

    # -- keys -------------------------------------------------------------------------------------

    def jump(self, backwards: bool = False) -> Finding | None:
        """Select the next (or previous) finding after the cursor, in whichever section it is."""
        self.refresh_checks()
        section, start, end = self._cursor()
        finding = next_finding(self.findings, section, start, end, backwards=backwards)
        if finding is None:
            whole = [f for f in self.findings if f.section is None]
            message = whole[0].message if whole else "The checks found nothing to fix."
            self.notify(message, title="Checks", timeout=6)
            return None
        self.select(finding)
        return finding

    def select(self, finding: Finding) -> None:
        """Move the cursor to `finding`, selecting its words, in its section's editor."""
        if finding.section is None:
            self.notify(finding.message, title="About the whole plan", timeout=8)
            return
        screen: Any = self.screen
        screen.action_focus_section(finding.section.value)
        editor = screen.editor(finding.section)
        size = len(editor.text)
        document = editor.document
        start = document.get_location_from_index(min(finding.start, size))
        end = document.get_location_from_index(min(max(finding.end, finding.start), size))
        editor.selection = Selection(start, end)
        editor.scroll_cursor_visible(center=True)
        self.findings_panel.highlight_finding(finding)
        self._show_strip()

    def on_findings_panel_selected(self, event: FindingsPanel.Selected) -> None:
        event.stop()
        self.select(event.finding)

    # -- open or closed -----------------------------------------------------------------------------

    @property
    def shown(self) -> bool:
        """The aside is on screen now (the stylesheet decides, from the layout classes)."""
        return self.display

    def toggle(self) -> bool:
        """Open or close the aside; returns True when it is now open."""
        screen: Any = self.screen
        opening = not self.shown
        screen.set_class(opening, "-help-open")
        screen.set_class(not opening, "-help-closed")
        if opening:
            if not screen.has_class("-wide") and getattr(screen, "preview_open", False):
                # Under 140 columns the preview and the aside do not fit side by side.
                screen.preview_open = False
                screen.set_class(False, "-preview-open")
            self.refresh_checks()  # the editor keeps the focus: typing goes on as before
        elif self.has_focus_within:
            section = getattr(screen, "current", Section.ROOT_CAUSE)
            screen.editor(section).focus()
        return opening
