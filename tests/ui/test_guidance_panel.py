"""The guidance panel: the right advice for the type and section, and it never takes the focus
away from the writing when tabbing."""

from __future__ import annotations

from help_panels_support import HostApp
from textual.containers import Vertical
from textual.widgets import Input, Markdown

from poa_tui.domain.guidance import SECTION_HINTS, guidance_for
from poa_tui.domain.vocab import Section, ViolationType
from poa_tui.tui.widgets.guidance_panel import GuidancePanel


def _host(violation=ViolationType.INAUTHENTIC, section=Section.ROOT_CAUSE) -> HostApp:
    return HostApp(widgets=lambda: [Vertical(Input(id="first"), GuidancePanel(
        violation, section, id="guide"), Input(id="last"))])


async def test_it_shows_the_focused_sections_questions_only() -> None:
    app = _host()
    async with app.run_test(size=(120, 40)):
        panel = app.query_one(GuidancePanel)
        questions = guidance_for(ViolationType.INAUTHENTIC).questions
        assert questions[Section.ROOT_CAUSE][-1] in panel.document
        assert questions[Section.SYSTEMATIC_CHANGES][-1] not in panel.document
        assert SECTION_HINTS[Section.ROOT_CAUSE] in panel.document
        assert panel.border_title == "Guidance: Root Cause"
        assert panel.border_subtitle == "Inauthentic / counterfeit"


async def test_it_follows_the_section_and_the_violation_type() -> None:
    app = _host()
    async with app.run_test(size=(120, 40)) as pilot:
        panel = app.query_one(GuidancePanel)
        assert panel.show_for(section=Section.SYSTEMATIC_CHANGES) is True
        await pilot.pause()
        systematic = guidance_for(ViolationType.INAUTHENTIC).questions[Section.SYSTEMATIC_CHANGES]
        assert systematic[-1] in panel.document
        assert panel.border_title == "Guidance: Systematic Changes"
        assert panel.show_for(section=Section.SYSTEMATIC_CHANGES) is False
        panel.show_for(ViolationType.LATE_SHIPMENT_RATE, None)
        await pilot.pause()
        assert panel.border_title == "Guidance: all sections"
        assert panel.border_subtitle == "Late shipment rate"
        for section in Section:
            assert f"### {section.label}" in panel.document
        shown = app.query_one(Markdown).source
        assert shown == panel.document


async def test_tab_stops_on_the_panel_once_and_never_inside_it() -> None:
    app = _host()
    async with app.run_test(size=(120, 40)) as pilot:
        app.query_one("#first", Input).focus()
        visited = []
        for _ in range(4):
            await pilot.press("tab")
            visited.append(app.focused.id if app.focused else None)
        assert visited == ["guide", "last", "first", "guide"]
        await pilot.click(Markdown)
        assert not isinstance(app.focused, Markdown)
        assert app.focused is None or app.focused.id in {"guide", "first", "last"}
