"""The writing-help pieces inside the real app: reading the notice from the case form, the
checks and guidance in the editor, the checklist, $EDITOR, and readiness on the case list."""

from __future__ import annotations

import sys
import tempfile
from contextlib import nullcontext
from datetime import date
from pathlib import Path

from editor_support import editor_app, eventually, open_editor
from help_panels_support import drafted_case
from shell_support import shell_app
from textual.widgets import Input, Select, Static, TextArea

from poa_tui.domain.models import Case, Notice
from poa_tui.domain.vocab import Section, ViolationType
from poa_tui.storage.store import CaseStore
from poa_tui.tui.dialogs.case_form import CaseFormScreen
from poa_tui.tui.dialogs.confirm import ConfirmScreen
from poa_tui.tui.dialogs.evidence import EvidenceScreen
from poa_tui.tui.dialogs.help import HelpScreen
from poa_tui.tui.dialogs.notice_review import NoticeReviewScreen
from poa_tui.tui.dialogs.submission_form import SubmissionFormScreen
from poa_tui.tui.screens.case_list import CaseListScreen
from poa_tui.tui.screens.case_list_checks import INLINE_CHECKS
from poa_tui.tui.widgets.findings_panel import FindingsPanel, FindingsStrip
from poa_tui.tui.widgets.guidance_panel import GuidancePanel
from poa_tui.tui.widgets.writing_aside import WritingAside

CORPUS = Path(__file__).parent.parent / "corpus" / "notices"
NOTICE = (CORPUS / "01_inauthentic_uk_2024.txt").read_text(encoding="utf-8")


def _no_editor(app) -> list[int]:
    opened: list[int] = []
    app.open_case = opened.append
    return opened


async def test_a_pasted_notice_fills_the_new_case_after_review(tmp_path: Path) -> None:
    app = shell_app(tmp_path, seeded=False)
    opened = _no_editor(app)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n")
        form = app.screen
        form.query_one("#title", Input).value = "Brightlane: inauthentic"
        form.query_one("#notice", TextArea).load_text(NOTICE)
        await pilot.pause()
        assert "ctrl+r" in str(form.query_one("#notice-info", Static).render())
        await pilot.press("ctrl+r")
        await pilot.pause()
        assert isinstance(app.screen, NoticeReviewScreen)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is form
        assert form.query_one("#violation", Select).value is ViolationType.INAUTHENTIC
        assert form.query_one("#marketplace", Input).value == "amazon.co.uk"
        assert form.query_one("#received", Input).value == "2024-10-14"
        assert form.query_one("#deadline", Input).value == "2024-10-31"
        assert "3 ASINs kept" in str(form.query_one("#notice-info", Static).render())
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, CaseListScreen) and opened == [1]
    case = CaseStore(tmp_path / "store").load(1)
    assert case.violation_type is ViolationType.INAUTHENTIC
    assert case.notice.asins == ["B07QX4LMN2", "B08ZK3TR71", "0306406152"]
    assert case.notice.appeal_limit == 2 and case.notice.deadline == date(2024, 10, 31)
    assert case.notice.text == NOTICE.strip()
    assert {item.key for item in case.evidence} >= {"invoices_365d", "supplier_contact"}


async def test_a_pasted_html_notice_is_kept_as_its_text(tmp_path: Path) -> None:
    app = shell_app(tmp_path, seeded=False)
    _no_editor(app)
    html = ("<p>Date:&nbsp;14 October 2024</p><p>Your Amazon.co.uk selling account has been "
            "deactivated because of inauthentic&nbsp;items.<br>ASIN: B07QX4LMN2</p>")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n")
        form = app.screen
        form.query_one("#title", Input).value = "From a page"
        form.query_one("#notice", TextArea).load_text(html)
        await pilot.press("ctrl+r")
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        shown = form.query_one("#notice", TextArea).text
        assert "<p>" not in shown and "inauthentic items" in shown
        await pilot.press("ctrl+s")
        await pilot.pause()
    case = CaseStore(tmp_path / "store").load(1)
    assert "<p>" not in case.notice.text and "&nbsp;" not in case.notice.text
    assert case.notice.asins == ["B07QX4LMN2"]


async def test_discarding_the_review_changes_nothing_and_an_empty_box_says_why(
        tmp_path: Path) -> None:
    app = shell_app(tmp_path, seeded=False)
    _no_editor(app)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n")
        form = app.screen
        await pilot.press("ctrl+r")
        await pilot.pause()
        assert app.screen is form
        assert "Paste Amazon's notice" in str(form.query_one("#notice-info", Static).render())
        assert app.focused is form.query_one("#notice", TextArea)
        form.query_one("#notice", TextArea).load_text(NOTICE)
        await pilot.pause()
        before = form.raw_values()
        await pilot.click("#read-notice")
        await pilot.pause()
        assert isinstance(app.screen, NoticeReviewScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is form and form.raw_values() == before


async def test_editing_a_case_keeps_its_ids_when_the_notice_lacks_them(tmp_path: Path) -> None:
    app = shell_app(tmp_path)
    _no_editor(app)
    async with app.run_test(size=(80, 24)) as pilot:
        # Case 8 (top row): Acme blender, ASIN B07XJ8C8F5, notice without ids.
        await pilot.press("e")
        form = app.screen
        assert isinstance(form, CaseFormScreen)
        await pilot.press("ctrl+r")
        await pilot.pause()
        review = app.screen
        assert review.query_one("#asins", Input).value == "B07XJ8C8F5"
        review.query_one("#order_ids", Input).value = "113-4829301-2231907"
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
    case = CaseStore(tmp_path / "store").load(8)
    assert case.notice.asins == ["B07XJ8C8F5"]
    assert case.notice.order_ids == ["113-4829301-2231907"]


def _written(case):
    case.sections.root_cause = ("On 3 March our returns desk restocked 41 opened units of "
                                "B07XJ8C8F5 without a check.")
    case.sections.immediate_remedy = "On 5 March we pulled 40 units and refunded 12 buyers."
    case.sections.systematic_changes = "Since 6 March Ana Ruiz inspects every return daily."
    return case


async def test_the_list_marks_drafts_that_are_not_ready(tmp_path: Path) -> None:
    app = shell_app(tmp_path)
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.pause()
        screen = app.screen
        table = screen.table
        assert table.checks[8].short == "blocked"
        assert 6 not in table.checks, "a case waiting for Amazon's reply is not checked"
        store = app.store
        case = _written(store.load(3))
        store.save(case)
        reads: list[int] = []
        real_load = store.load
        store.load = lambda case_id: reads.append(case_id) or real_load(case_id)
        screen.refresh_from_store()
        await pilot.pause()
        assert set(reads) == {3}, "only the case that changed is read again"
        assert table.checks[3].short == "ready"
        row = [str(cell) for cell in table.get_row("3")]
        assert "blocked" not in row and "ready" in row
        assert "blocked" in [str(cell) for cell in table.get_row("5")]


async def test_a_large_store_is_checked_in_a_thread(tmp_path: Path) -> None:
    app = shell_app(tmp_path, seeded=False)
    for number in range(INLINE_CHECKS + 5):
        app.store.create(_written(drafted_like(number)))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        checks = app.screen.table.checks
        assert len(checks) == INLINE_CHECKS + 5
        assert all(ready.short == "ready" for ready in checks.values())


async def test_the_next_launch_takes_the_kept_check_results(tmp_path: Path,
                                                            monkeypatch) -> None:
    """The thread's results are kept in the store's index under each case's revision and the
    rules' version: a second launch checks only what changed since, and a new version of the
    rules checks everything again."""
    import poa_tui.domain.readiness
    from poa_tui.domain.readiness import Readiness

    runs: list[int] = []
    run = Readiness.of.__func__  # type: ignore[attr-defined]
    monkeypatch.setattr(Readiness, "of", classmethod(
        lambda cls, case, settings=None: runs.append(case.id) or run(cls, case, settings)))
    count = INLINE_CHECKS + 5

    async def launch() -> dict[int, str]:
        runs.clear()
        app = shell_app(tmp_path, seeded=False)
        if not app.store.case_ids():
            for number in range(count):
                app.store.create(_written(drafted_like(number)))
        async with app.run_test(size=(80, 24)) as pilot:
            await eventually(pilot, lambda: len(app.screen.table.checks) == count)
            await app.workers.wait_for_complete()
            return {case_id: ready.short for case_id, ready in app.screen.table.checks.items()}

    first = await launch()
    assert len(runs) == count and set(first.values()) == {"ready"}
    assert await launch() == first and runs == []
    store = CaseStore(tmp_path / "store")
    case = store.load(3)
    case.sections.root_cause += " Checked again."
    store.save(case)
    assert await launch() == first and runs == [3]
    monkeypatch.setattr(poa_tui.domain.readiness, "CHECKS_VERSION", 999)
    assert await launch() == first and sorted(runs) == list(range(1, count + 1))


def drafted_like(number: int) -> Case:
    case = Case(title=f"Case number {number}", notice=Notice(asins=["B07XJ8C8F5"]))
    case.sections.root_cause = "Returns went back on sale without an inspection on 3 March."
    return case


# -- the case editor ------------------------------------------------------------------------


def _editor(tmp_path: Path):
    """The real app over a store holding one draft that trips known checks."""
    return editor_app(tmp_path, drafted_case())


async def test_the_editor_checks_the_draft_and_f8_walks_the_findings(tmp_path: Path) -> None:
    app = _editor(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_editor(app, pilot)
        strip = screen.query_one(FindingsStrip)
        assert strip.display and "2 blockers" in str(strip.render())
        await pilot.press("f8")
        area = screen.editor(Section.ROOT_CAUSE)
        assert area.selected_text == "buyer lied"
        assert "blame on the buyer" in str(strip.render())
        await pilot.press("f8", "f8")  # [insert ASIN], then Immediate Remedy as a whole
        assert screen.current is Section.IMMEDIATE_REMEDY
        await pilot.press("f8")
        assert screen.editor(Section.IMMEDIATE_REMEDY).selected_text == "will"
        await pilot.press("f4")
        screen.editor(Section.SYSTEMATIC_CHANGES).insert(
            "Since 6 March Ana Ruiz inspects every return each morning.")
        aside = screen.query_one(WritingAside)
        await eventually(pilot, lambda: aside.readiness.blockers == 1)
        assert "1 blocker" in str(strip.render())


async def test_ctrl_g_shows_the_findings_and_guidance_on_a_small_terminal(tmp_path) -> None:
    app = _editor(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_editor(app, pilot)
        aside = screen.query_one(WritingAside)
        assert not aside.display
        await pilot.press("ctrl+g")
        await pilot.pause()
        # Under the editor, which keeps the focus: letters typed next go into the section.
        assert aside.display and screen.query_one("#sections").display
        assert app.focused is screen.editor(Section.ROOT_CAUSE)
        await pilot.press("Z")
        assert screen.editor(Section.ROOT_CAUSE).text.startswith("Z")
        await pilot.press("ctrl+z")
        aside.findings_panel.focus()
        await pilot.pause()
        guidance = screen.query_one(GuidancePanel)
        assert guidance.section is Section.ROOT_CAUSE
        assert guidance.border_subtitle == "Inauthentic / counterfeit"
        await pilot.press("down", "enter")
        await pilot.pause()
        assert screen.query_one("#sections").display and not aside.display
        assert app.focused is screen.editor(Section.ROOT_CAUSE)
        assert screen.editor(Section.ROOT_CAUSE).selected_text == "[insert ASIN]"
        await pilot.press("f3", "ctrl+g")
        await pilot.pause()
        assert guidance.section is Section.IMMEDIATE_REMEDY


async def test_wide_editor_shows_the_aside_beside_the_preview(tmp_path) -> None:
    app = _editor(tmp_path)
    async with app.run_test(size=(160, 48)) as pilot:
        screen = await open_editor(app, pilot)
        assert screen.query_one(WritingAside).display and screen.preview.display
        assert not screen.query_one(FindingsStrip).display
        assert screen.query_one(FindingsPanel).border_subtitle == "2 blockers, 5 warnings"


async def test_the_checklist_from_the_editor_saves_without_a_conflict(tmp_path) -> None:
    app = _editor(tmp_path)
    notes: list[str] = []
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_editor(app, pilot)
        screen.editor(Section.ROOT_CAUSE).insert("Typed before the checklist. ")
        await pilot.press("ctrl+t")
        await pilot.pause()
        assert isinstance(app.screen, EvidenceScreen)
        assert app.store.load(1).sections.root_cause.startswith("Typed before"), "saved first"
        await pilot.press("space", "escape")
        await pilot.pause()
        assert app.screen is screen
        app.notify = lambda message, **kw: notes.append(message)  # type: ignore[method-assign]
        screen.editor(Section.ROOT_CAUSE).insert("More. ")
        assert screen.save()
        stored = app.store.load(1)
    assert stored.evidence[0].done
    assert stored.sections.root_cause.startswith("Typed before the checklist. More. ")
    assert not any("changed elsewhere" in n or "also changed" in n for n in notes)


async def test_recording_a_draft_with_blockers_asks_first(tmp_path) -> None:
    app = _editor(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_editor(app, pilot)
        await pilot.press("f6", "s")
        await pilot.pause()
        question = app.screen
        assert isinstance(question, ConfirmScreen) and "2 blockers" in question.question
        await pilot.press("n")
        await pilot.pause()
        assert not isinstance(app.screen, (ConfirmScreen, SubmissionFormScreen))
        await pilot.press("s")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert isinstance(app.screen, SubmissionFormScreen)


OUTSIDE_EDITOR = """\
import sys
path = sys.argv[-1]
with open(path, encoding="utf-8") as handle:
    text = handle.read()
with open(path, "w", encoding="utf-8") as handle:
    handle.write(text.replace("[insert ASIN]", "B07XJ8C8F5"))
"""


async def test_ctrl_o_edits_the_section_outside_and_ctrl_z_undoes_it(tmp_path, monkeypatch):
    script = tmp_path / "fix placeholder.py"
    script.write_text(OUTSIDE_EDITOR, encoding="utf-8")
    monkeypatch.setenv("VISUAL", f"{sys.executable} '{script}'")
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))
    app = _editor(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_editor(app, pilot)
        # The headless test terminal cannot be handed over; the rest is the real path.
        monkeypatch.setattr(app, "suspend", nullcontext)
        area = screen.editor(Section.ROOT_CAUSE)
        before = area.text
        await pilot.press("ctrl+o")
        await pilot.pause()
        assert area.text == before.replace("[insert ASIN]", "B07XJ8C8F5")
        assert area.unsaved
        await pilot.press("ctrl+z")
        assert area.text == before
    assert not list(scratch.iterdir())


async def test_the_palette_and_help_offer_the_writing_help(tmp_path) -> None:
    app = _editor(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_editor(app, pilot)
        titles = {command.title for command in screen.palette_commands()}
        assert {"check: Next finding", "view: Guidance", "case: Evidence checklist",
                "edit: Open in $EDITOR"} <= titles
        await pilot.press("f1")
        await pilot.pause()
        help_screen = app.screen
        assert isinstance(help_screen, HelpScreen)
        keys = dict((does, keys) for keys, does in help_screen.rows)
        assert any("next problem" in does and "F8" in k for does, k in keys.items())
        assert any("own editor" in does and "ctrl+o" in k for does, k in keys.items())
        assert "Writing help" in help_screen.markdown
