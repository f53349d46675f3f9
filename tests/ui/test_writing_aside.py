"""The editor's writing help (aside, keys, $EDITOR, checklist, blocker question) on a small
stand-in for the editor screen, so these tests point at the writing help alone."""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

import pytest
from help_panels_support import HostApp, store_with
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.events import Resize
from textual.screen import Screen
from textual.widgets import TextArea

from poa_tui.domain.models import Sections
from poa_tui.domain.vocab import SECTIONS, Section
from poa_tui.editing.session import CaseSession
from poa_tui.tui.dialogs import writing_help
from poa_tui.tui.dialogs.confirm import ConfirmScreen
from poa_tui.tui.dialogs.evidence import EvidenceScreen
from poa_tui.tui.widgets.findings_panel import FindingsPanel, FindingsStrip
from poa_tui.tui.widgets.guidance_panel import GuidancePanel
from poa_tui.tui.widgets.writing_aside import WritingAside


class SectionArea(TextArea):
    def __init__(self, section: Section, text: str) -> None:
        super().__init__(text, id=section.value, soft_wrap=True)
        self.section = section


class CaseEditorScreen(Screen[None]):
    """What the writing help needs of the real editor, and no more (named like it for CSS)."""

    BINDINGS = [*writing_help.BINDINGS]

    def __init__(self, case_id: int) -> None:
        super().__init__()
        self.case_id = case_id
        self.current = Section.ROOT_CAUSE
        self.read_only = False
        self.preview_open = False
        self.saves = 0
        self.refreshes = 0

    def compose(self) -> ComposeResult:
        self.session = CaseSession(self.app.store, self.case_id).open()
        self.case = self.session.case
        with Horizontal(id="editor-body"):
            with Vertical(id="sections"):
                for section in SECTIONS:
                    yield SectionArea(section, self.case.sections[section])
            yield WritingAside(self.case.violation_type)
        yield FindingsStrip(id="findings-strip")

    def on_mount(self) -> None:
        self._layout(self.app.size.width)
        self.editor(Section.ROOT_CAUSE).focus()

    def on_resize(self, event: Resize) -> None:
        self._layout(event.size.width)

    def _layout(self, width: int) -> None:
        kind = "-wide" if width >= 140 else "-medium" if width >= 100 else "-narrow"
        for name in ("-wide", "-medium", "-narrow"):
            self.set_class(name == kind, name)

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        self.query_one(WritingAside).text_changed()

    def on_descendant_focus(self, event) -> None:
        if isinstance(event.widget, SectionArea):
            self.current = event.widget.section

    def editor(self, section: Section) -> SectionArea:
        return self.query_one(f"#{section.value}", SectionArea)

    def draft_sections(self) -> Sections:
        return Sections(**{s.value: self.editor(s).text for s in SECTIONS})

    def action_focus_section(self, name: str) -> None:
        self.current = Section(name)
        self.editor(self.current).focus()

    def save(self) -> bool:
        self.saves += 1
        return True

    def refresh_from_store(self) -> None:
        self.refreshes += 1

    def action_next_finding(self) -> None:
        writing_help.jump(self)

    def action_previous_finding(self) -> None:
        writing_help.jump(self, backwards=True)

    def action_toggle_guidance(self) -> None:
        writing_help.toggle_guidance(self)

    def action_evidence(self) -> None:
        self.save()
        writing_help.open_evidence(self, self.session)

    def on_screen_resume(self) -> None:
        self.refresh_from_store()

    def action_external_editor(self) -> None:
        writing_help.edit_externally(self, self.editor(self.current), self.current.label,
                                     self.read_only)


def ready(editor: CaseEditorScreen):
    """The checks on the fake editor's draft, as the real editor hands them over."""
    return writing_help.readiness_now(editor, editor.case, editor.draft_sections())


def _app(tmp_path: Path, case=None) -> tuple[HostApp, object]:
    store, case = store_with(tmp_path, case)
    return HostApp(store, screen=lambda: CaseEditorScreen(case.id)), case


def _selected(screen: CaseEditorScreen) -> tuple[Section, str]:
    area = screen.editor(screen.current)
    return screen.current, area.selected_text


async def test_f8_walks_the_findings_across_sections_and_wraps(tmp_path: Path) -> None:
    app, _ = _app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        await pilot.press("f8")
        assert _selected(screen) == (Section.ROOT_CAUSE, "buyer lied")
        await pilot.press("ctrl+n")
        assert _selected(screen) == (Section.ROOT_CAUSE, "[insert ASIN]")
        await pilot.press("f8")  # Immediate Remedy as a whole: it has no specifics
        assert _selected(screen) == (Section.IMMEDIATE_REMEDY, "")
        await pilot.press("f8")
        assert _selected(screen) == (Section.IMMEDIATE_REMEDY, "will")
        await pilot.press("f8", "f8")
        assert screen.current is Section.SYSTEMATIC_CHANGES
        await pilot.press("f8")
        assert _selected(screen) == (Section.ROOT_CAUSE, "buyer lied")
        await pilot.press("shift+f8")
        assert screen.current is Section.SYSTEMATIC_CHANGES


async def test_typing_reruns_the_checks_after_a_pause(tmp_path: Path) -> None:
    app, _ = _app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        aside = screen.query_one(WritingAside)
        assert aside.readiness.blockers == 2
        area = screen.editor(Section.SYSTEMATIC_CHANGES)
        area.focus()
        area.insert("Since 6 March Ana Ruiz inspects every return each morning.")
        await pilot.pause()
        assert aside.readiness.blockers == 2, "not before the pause"
        await pilot.pause(0.6)
        assert aside.readiness.blockers == 1
        panel = screen.query_one(FindingsPanel)
        assert panel.border_subtitle.startswith("1 blocker")


async def test_the_strip_names_the_problem_at_the_cursor(tmp_path: Path) -> None:
    app, _ = _app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        strip = screen.query_one(FindingsStrip)
        assert strip.display and not screen.query_one(WritingAside).display
        assert str(strip.render()).endswith("2 blockers  ! 5 warnings  ·  f8 next · ^g list")
        await pilot.press("f8", "f8")
        assert str(strip.render()).startswith("✖ Placeholder left in")


async def test_ctrl_g_opens_the_aside_under_the_editor_on_a_narrow_terminal(tmp_path) -> None:
    app, _ = _app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        aside = screen.query_one(WritingAside)
        await pilot.press("ctrl+g")
        await pilot.pause()
        # Under the editor, which keeps the focus (typing goes on); the list is a Tab away.
        assert aside.display and screen.query_one("#sections").display
        assert app.focused is screen.editor(Section.ROOT_CAUSE)
        assert aside.region.y > screen.query_one("#sections").region.y
        aside.findings_panel.focus()
        await pilot.pause()
        await pilot.press("down", "enter")
        await pilot.pause()
        assert _selected(screen) == (Section.ROOT_CAUSE, "[insert ASIN]")
        assert not aside.display and screen.query_one("#sections").display, "back to writing"
        assert app.focused is screen.editor(Section.ROOT_CAUSE)
        await pilot.press("ctrl+g")
        await pilot.pause()
        assert aside.display
        await pilot.press("ctrl+g")
        await pilot.pause()
        assert not aside.display and app.focused is screen.editor(Section.ROOT_CAUSE)


async def test_wide_terminals_open_it_and_the_guidance_follows_the_focus(tmp_path) -> None:
    app, _ = _app(tmp_path)
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.pause()
        screen = app.screen
        guidance = screen.query_one(GuidancePanel)
        assert screen.query_one(WritingAside).display
        assert not screen.query_one(FindingsStrip).display
        assert guidance.section is Section.ROOT_CAUSE
        screen.editor(Section.SYSTEMATIC_CHANGES).focus()
        await pilot.pause()
        assert guidance.section is Section.SYSTEMATIC_CHANGES
        assert guidance.border_subtitle == "Inauthentic / counterfeit"
        await pilot.press("ctrl+g")
        await pilot.pause()
        assert not screen.query_one(WritingAside).display
        assert screen.query_one(FindingsStrip).display


async def test_opening_the_aside_closes_the_preview_under_140_columns(tmp_path) -> None:
    app, _ = _app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = app.screen
        screen.preview_open = True
        screen.set_class(True, "-preview-open")
        await pilot.press("ctrl+g")
        await pilot.pause()
        assert screen.query_one(WritingAside).display
        assert not screen.preview_open and not screen.has_class("-preview-open")


async def test_ctrl_t_saves_first_and_takes_the_checklist_back(tmp_path) -> None:
    app, _ = _app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        editor = app.screen
        await pilot.press("ctrl+t")
        await pilot.pause()
        assert isinstance(app.screen, EvidenceScreen) and editor.saves == 1
        before = editor.refreshes
        await pilot.press("space", "escape")
        await pilot.pause()
        assert app.screen is editor and editor.refreshes == before + 1
        assert app.store.load(editor.case_id).evidence[0].done


async def test_blockers_are_named_before_a_submission_is_recorded(tmp_path) -> None:
    app, _ = _app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        editor = app.screen
        went: list[str] = []
        writing_help.confirm_blockers(editor, ready(editor), lambda: went.append("recorded"))
        await pilot.pause()
        question = app.screen
        assert isinstance(question, ConfirmScreen)
        assert "2 blockers" in question.question
        assert "Placeholder left in" in question.detail and "Systematic Changes" in question.detail
        await pilot.press("n")
        await pilot.pause()
        assert went == [] and app.screen is editor
        writing_help.confirm_blockers(editor, ready(editor), lambda: went.append("recorded"))
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert went == ["recorded"]
        for section in SECTIONS:
            editor.editor(section).load_text("On 3 March Ana Ruiz checked 40 units of B07XJ8C8F5 "
                                             "against invoices from Bayline Wholesale dated 1 "
                                             "March.")
        writing_help.confirm_blockers(editor, ready(editor), lambda: went.append("no question"))
        assert went[-1] == "no question"


EDITOR_SCRIPT = """\
import sys
with open(sys.argv[-1], "a", encoding="utf-8") as handle:
    handle.write("Added in the outside editor on 4 March.\\n")
"""


@pytest.fixture
def outside_editor(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    script = tmp_path / "append editor.py"
    script.write_text(EDITOR_SCRIPT, encoding="utf-8")
    monkeypatch.setenv("EDITOR", f"{sys.executable} '{script}'")
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))


async def _ctrl_o_notes(tmp_path: Path) -> tuple[list[str], str, str]:
    """Press ctrl+o; what was said, and the Root Cause before and after."""
    app, case = _app(tmp_path)
    notes: list[str] = []
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.notify = lambda message, **kw: notes.append(message)  # type: ignore[method-assign]
        await pilot.press("ctrl+o")
        return notes, case.sections.root_cause, app.screen.editor(Section.ROOT_CAUSE).text


async def test_ctrl_o_without_an_editor_says_what_to_set(tmp_path) -> None:
    notes, _, _ = await _ctrl_o_notes(tmp_path)
    assert any("$VISUAL or $EDITOR" in n for n in notes)


async def test_ctrl_o_in_a_headless_session_says_it_cannot_suspend(tmp_path,
                                                                    outside_editor) -> None:
    notes, before, after = await _ctrl_o_notes(tmp_path)
    assert any("cannot hand the terminal" in n for n in notes)
    assert after == before


async def test_ctrl_o_takes_the_text_back_as_one_undoable_edit(tmp_path, outside_editor,
                                                               monkeypatch) -> None:
    from contextlib import nullcontext

    app, case = _app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        # A headless test terminal cannot be suspended; everything else is the real path.
        monkeypatch.setattr(app, "suspend", nullcontext)
        area = app.screen.editor(Section.ROOT_CAUSE)
        area.insert("Typed just before. ")
        await pilot.press("ctrl+o")
        await pilot.pause()
        assert area.text.endswith("Added in the outside editor on 4 March.")
        assert "Typed just before. " in area.text
        await pilot.press("ctrl+z")
        assert "outside editor" not in area.text and "Typed just before. " in area.text
    assert not list((tmp_path / "tmp").iterdir())
