"""`FindingsPanel`: what the readiness checks found in the draft, one row per finding.
`FindingsStrip`: the same in one line, for terminals too small for the panel.

The border names the verdict (ready, needs work, blocked). Each row shows the severity (an icon, a colour and the word, so it reads without colour too),
the section, the line the finding starts on and the message. Selecting a row (enter or a click)
posts `FindingsPanel.Selected` with the finding; the editor moves its cursor there.
`update_findings` is cheap to call after every pause in typing: when nothing changed it does
nothing, and otherwise the highlight stays on the same finding where it still exists.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from poa_tui.domain.checks import Finding, Severity, summarise, summary_text, verdict_of
from poa_tui.domain.vocab import Section

SEVERITY_ICONS: dict[Severity, str] = {
    Severity.BLOCKER: "✖",
    Severity.WARNING: "!",
    Severity.HINT: "›",
}
"""One-cell glyphs (none of East Asian "ambiguous" width, so no terminal draws them double)."""

SEVERITY_STYLES: dict[Severity, str] = {
    Severity.BLOCKER: "bold $text-error",
    Severity.WARNING: "bold $text-warning",
    Severity.HINT: "$text-muted",
}

NOTHING_FOUND = "Nothing to fix: the checks found no problems in this draft."


def line_of(text: str, offset: int) -> int:
    """The 1-based line of `text` that character `offset` falls on."""
    return text.count("\n", 0, max(0, min(offset, len(text)))) + 1


def place_label(finding: Finding, texts: Mapping[Section, str] | None = None) -> str:
    """Where a finding is: "Root Cause, line 3", "Root Cause" (whole section), "Whole plan"."""
    if finding.section is None:
        return "Whole plan"
    label = finding.section.label
    if finding.end <= finding.start:
        return label
    if texts is None or finding.section not in texts:
        return label
    return f"{label}, line {line_of(texts[finding.section], finding.start)}"


def finding_prompt(finding: Finding, texts: Mapping[Section, str] | None = None) -> Content:
    """The row for one finding: icon and severity word, place, message."""
    severity = finding.severity
    return Content.assemble(
        (SEVERITY_ICONS[severity], SEVERITY_STYLES[severity]), " ",
        (severity.value, SEVERITY_STYLES[severity]), "  ",
        (place_label(finding, texts), "bold"), "  ",
        Content(finding.message),
    )


def finding_key(finding: Finding) -> str:
    """A stable option id for a finding, so the highlight can follow it across updates."""
    section = finding.section.value if finding.section is not None else "case"
    return f"{finding.id}:{section}:{finding.start}:{finding.end}"


def unique_keys(findings: Iterable[Finding]) -> list[str]:
    """`finding_key` for each finding, suffixed where two would clash (option ids must differ:
    e.g. several ASINs missing from the draft are all case-wide findings at 0:0)."""
    seen: dict[str, int] = {}
    keys = []
    for finding in findings:
        key = finding_key(finding)
        count = seen.get(key, 0)
        seen[key] = count + 1
        keys.append(f"{key}#{count}" if count else key)
    return keys


class FindingsPanel(OptionList):
    """The readiness findings for one case; `Selected` says which one the user picked."""

    class Selected(Message):
        """The user chose a finding to jump to."""

        def __init__(self, panel: FindingsPanel, finding: Finding) -> None:
            super().__init__()
            self.panel = panel
            self.finding = finding

        @property
        def control(self) -> FindingsPanel:
            return self.panel

    def __init__(self, findings: Iterable[Finding] = (), *, name: str | None = None,
                 id: str | None = None, classes: str | None = None) -> None:
        super().__init__(name=name, id=id, classes=classes, markup=False)
        self.findings: tuple[Finding, ...] = ()
        """The findings shown, in the order shown."""
        self._texts: dict[Section, str] = {}
        self._shown: tuple[tuple[str, str], ...] | None = None
        self.update_findings(findings)

    @property
    def summary(self) -> str:
        """"2 blockers, 1 warning, 3 hints" or "no problems found"."""
        return summary_text(self.findings, hints=True)

    def update_findings(self, findings: Iterable[Finding],
                        texts: Mapping[Section, str] | None = None) -> bool:
        """Show `findings`; `texts` (section -> its text) lets rows name their line.

        Returns False (and touches nothing) when the rows would be the same as now.
        """
        findings = tuple(findings)
        if texts is not None:
            self._texts = dict(texts)
        rows = tuple(zip(unique_keys(findings), (place_label(f, self._texts) for f in findings)))
        if rows == self._shown and findings == self.findings:
            return False
        keep = self.highlighted_finding
        self.findings = findings
        self._shown = rows
        if findings:
            self.set_options(Option(finding_prompt(f, self._texts), id=key)
                             for f, (key, _) in zip(findings, rows))
        else:
            self.set_options([Option(Content(NOTHING_FOUND), id="none", disabled=True)])
        self._restore_highlight(keep)
        # The same verdict as `check`, the case list and the submission form.
        self.border_title = f"Checks: {verdict_of(findings).label}"
        self.border_subtitle = self.summary
        self.set_class(not findings, "-empty")
        return True

    def _restore_highlight(self, keep: Finding | None) -> None:
        if not self.findings:
            self.highlighted = None
            return
        if keep is not None:
            key = finding_key(keep)
            for index, finding in enumerate(self.findings):
                if finding_key(finding) == key:
                    self.highlighted = index
                    return
            same_kind = [i for i, f in enumerate(self.findings)
                         if f.section == keep.section and f.start >= keep.start]
            if same_kind:
                self.highlighted = same_kind[0]
                return
        self.highlighted = 0

    @property
    def highlighted_finding(self) -> Finding | None:
        index = self.highlighted
        if index is None or not 0 <= index < len(self.findings):
            return None
        return self.findings[index]

    def highlight_finding(self, finding: Finding) -> None:
        """Move the highlight to `finding` (when shown), without selecting it."""
        key = finding_key(finding)
        for index, shown in enumerate(self.findings):
            if finding_key(shown) == key:
                self.highlighted = index
                return

    def _on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if 0 <= event.option_index < len(self.findings):
            self.post_message(self.Selected(self, self.findings[event.option_index]))


def counts_content(findings: Iterable[Finding]) -> Content:
    """"✖ 2 blockers  ! 1 warning  › 3 hints", each part in its colour; hints included."""
    counts = summarise(findings)
    parts: list[Content] = []
    for severity in Severity:
        count = counts[severity]
        if count:
            noun = severity.value + ("" if count == 1 else "s")
            parts.append(Content.assemble(
                (f"{SEVERITY_ICONS[severity]} {count} {noun}", SEVERITY_STYLES[severity])))
    if not parts:
        return Content.styled("✓ no problems found", "$text-success")
    return Content("  ").join(parts)


class FindingsStrip(Static):
    """One line under the editor: the finding at the cursor, else the counts and the key to
    jump to the next finding."""

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__("", id=id, classes=classes, markup=False)
        self.shown: Finding | None = None
        """The finding the line describes, when the cursor is inside one."""
        self._line: tuple[object, ...] = ()
        self._content = Content("")

    def show(self, findings: Iterable[Finding], section: Section | None = None,
             offset: int | None = None, hint: str = "") -> None:
        """Describe the finding covering `offset` in `section`, or sum up `findings`.

        Called as the cursor moves: it redraws only when the line changes, and lays the screen
        out again only when a finding's words need a second row at this width (at 80 columns a
        long one was cut off mid-word) or no longer do.
        """
        findings = tuple(findings)
        here = None
        if section is not None and offset is not None:
            here = next((f for f in findings if f.section == section
                         and f.start <= offset <= f.end and f.end > f.start), None)
        line = (here,) if here is not None else (summarise(findings), hint)
        if line == self._line:
            return
        self._line, self.shown = line, here
        if here is not None:
            content = Content.assemble((SEVERITY_ICONS[here.severity] + " ",
                                        SEVERITY_STYLES[here.severity]), here.message)
        else:
            content = counts_content(findings)
            if hint:
                content = Content.assemble(content, ("  ·  " + hint, "$text-muted"))
        self._content = content
        self._fit()
        self.update(content, layout=False)

    def _fit(self) -> None:
        """One row, or two when the text is longer than the strip is wide."""
        width = self.size.width - 2  # the padding
        rows = 2 if width > 0 and self._content.cell_length > width else 1
        if rows != self.styles.height.value:
            self.styles.height = rows

    def on_resize(self) -> None:
        self._fit()
