"""Case table cells keep the words that matter whole: long overdue deadlines and archived
cases' status at 80 columns."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from shell_support import TODAY, shell_app

from poa_tui.domain.models import Case, Notice
from poa_tui.tui.widgets.case_table import CaseTable


def cells(table: CaseTable, case_id: int) -> dict[str, str]:
    row = next(row for row in table.rows_shown if row.id == case_id)
    return {spec.key: cell.plain for spec, cell in zip(table._plan, table.row_cells(row))}


async def test_overdue_deadlines_and_archived_status_show_whole(tmp_path: Path) -> None:
    app = shell_app(tmp_path, seeded=False)
    for days, archived in ((12, False), (618, True)):
        case = Case(title=f"{days} days late", archived=archived,
                    notice=Notice(deadline=TODAY - timedelta(days=days)))
        case.sections.root_cause = "Returns went back on sale without an inspection."
        app.store.create(case)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        table = app.screen.query_one(CaseTable)
        assert cells(table, 1)["deadline"] == "12 d overdue"
        await pilot.press("v")
        await pilot.pause()
        archived = cells(table, 2)
        assert archived["deadline"] == "618 d late"
        assert archived["status"] == "Drafting"
        await pilot.resize_terminal(160, 48)
        await pilot.pause()
        wide = cells(table, 1)
        assert wide["deadline"].endswith("12 d overdue")
