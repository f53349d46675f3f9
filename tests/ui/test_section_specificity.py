"""Each section editor's border says how specific the section is, and follows the typing."""

from __future__ import annotations

from pathlib import Path

from editor_support import editor_app, eventually, open_editor

from poa_tui.domain.models import Case, Sections
from poa_tui.domain.vocab import Section

SC = Section.SYSTEMATIC_CHANGES


async def test_the_border_names_what_a_thin_section_lacks_and_follows_typing(tmp_path: Path) -> None:
    case = Case(title="Late dispatch", sections=Sections(
        "On 3 March 2024 we confirmed 61 orders late.",
        "",
        "Since 15 March 2024 every label is bought through Buy Shipping."))
    app = editor_app(tmp_path, case)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_editor(app, pilot)
        editor = screen.editor(SC)
        assert "thin: no owner" in editor.subtitle_text
        assert editor.subtitle_text.endswith("F4")
        assert "specific" in screen.editor(Section.ROOT_CAUSE).subtitle_text
        assert "specific" not in screen.editor(Section.IMMEDIATE_REMEDY).subtitle_text  # empty
        await pilot.press("f4")
        editor.move_cursor(editor.document.end)
        editor.insert(" The shift lead checks the Orders page every day at 14:00.")
        await eventually(pilot, lambda: editor.subtitle_text.startswith("specific"))
        editor.replace("We will do better.", (0, 0), editor.document.end)
        await eventually(pilot, lambda: editor.subtitle_text.startswith("no specifics"))


async def test_the_submission_form_shows_the_checks_verdict(tmp_path: Path) -> None:
    from poa_tui.tui.dialogs.submission_form import SubmissionFormScreen

    case = Case(title="Generic", sections=Sections(
        "On 3 March 2024 we confirmed 61 orders late. We take this very seriously.",
        "On 15 March 2024 we refunded 12 buyers. We apologise for any inconvenience.",
        "Since 15 March 2024 the shift lead checks the Orders page every day at 14:00."))
    app = editor_app(tmp_path, case)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_editor(app, pilot)
        await pilot.press("f6")
        await eventually(pilot, lambda: app.screen.__class__.__name__ == "SubmissionLogScreen")
        await pilot.press("s")
        await eventually(pilot, lambda: isinstance(app.screen, SubmissionFormScreen))
        line = app.screen.query_one("#form-checks")
        text = str(line.render())
        assert text.startswith("Checks: needs work") and "2 warnings" in text
        assert line.has_class("-warning")


async def test_the_findings_panel_names_the_verdict() -> None:
    from textual.app import App

    from poa_tui.domain.checks import Finding, Severity
    from poa_tui.tui.widgets.findings_panel import FindingsPanel

    class Host(App[None]):
        def compose(self):
            yield FindingsPanel()

    app = Host()
    async with app.run_test(size=(80, 20)):
        panel = app.query_one(FindingsPanel)
        assert panel.border_title == "Checks: ready"
        panel.update_findings([Finding("denial", Severity.WARNING, SC, "m", 0, 3)])
        assert panel.border_title == "Checks: needs work"
        panel.update_findings([Finding("placeholder", Severity.BLOCKER, SC, "m", 0, 3)])
        assert panel.border_title == "Checks: blocked"
