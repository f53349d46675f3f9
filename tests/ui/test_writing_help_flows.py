"""The writing-help pieces inside the real app: reading the notice from the case form, the
checks and guidance in the editor, the checklist, $EDITOR, and readiness on the case list."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from shell_support import shell_app
from textual.widgets import Input, Select, Static, TextArea

from poa_tui.screens.case_form import CaseFormScreen
from poa_tui.screens.case_list import CaseListScreen
from poa_tui.screens.notice_review import NoticeReviewScreen
from poa_tui.store import CaseStore
from poa_tui.vocab import ViolationType

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
    case.sections.immediate_remedy = "On 5 March we pulled 40 units and refunded 12 buyers."
    case.sections.systematic_changes = "Since 6 March Ana Ruiz inspects every return daily."
    return case


async def test_the_list_marks_drafts_that_are_not_ready(tmp_path: Path) -> None:
    app = shell_app(tmp_path)
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.pause()
        screen = app.screen
        table = screen.table
        assert table.checks[8].short == "2 blockers"
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
        assert table.checks[3].short == ""
        row = [str(cell) for cell in table.get_row("3")]
        assert "2 blockers" not in row
        assert "2 blockers" in [str(cell) for cell in table.get_row("5")]


async def test_a_large_store_is_checked_in_a_thread(tmp_path: Path) -> None:
    from poa_tui.screens.case_list import INLINE_CHECKS

    app = shell_app(tmp_path, seeded=False)
    for number in range(INLINE_CHECKS + 5):
        app.store.create(_written(drafted_like(number)))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        checks = app.screen.table.checks
        assert len(checks) == INLINE_CHECKS + 5
        assert all(ready.short == "1 warning" for ready in checks.values())


def drafted_like(number: int):
    from poa_tui.models import Case, Notice

    case = Case(title=f"Case number {number}", notice=Notice(asins=["B07XJ8C8F5"]))
    case.sections.root_cause = "Returns went back on sale without an inspection on 3 March."
    return case
