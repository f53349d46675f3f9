"""VirtualTable: only rows on screen are formatted; keys, clicks and the cursor behave as in a
DataTable with a row cursor."""

from __future__ import annotations

from rich.text import Text
from textual.app import App, ComposeResult

from poa_tui.tui.resources import styles_dir
from poa_tui.tui.widgets.virtual_table import Column, VirtualTable

COLUMNS = [Column("n", "No", 5, "right"), Column("name", "Name", 12), Column("note", "Note", 6)]


class CountingTable(VirtualTable[tuple[str, str, str]]):
    """Rows are tuples of strings; it remembers which rows it was asked to format."""

    def __init__(self) -> None:
        super().__init__(id="table")
        self.formatted: list[str] = []

    def row_key(self, row: tuple[str, str, str]) -> str:
        return row[0]  # numbers are unique here, and a cell may be a Text (not hashable)

    def row_cells(self, row: tuple[str, str, str]) -> tuple[str, str, str]:
        self.formatted.append(row[0])
        return row


class Host(App[None]):
    CSS_PATH = [styles_dir() / "tables.tcss"]

    def __init__(self, rows: int) -> None:
        super().__init__()
        self.rows = [(str(n), f"name {n}", "x" * (n % 9)) for n in range(rows)]
        self.highlighted: list[int] = []
        self.selected: list[tuple[int, tuple[str, ...]]] = []

    def compose(self) -> ComposeResult:
        table = CountingTable()
        table.set_columns(COLUMNS)
        table.set_rows(self.rows)
        yield table

    def on_mount(self) -> None:
        self.query_one(CountingTable).focus()

    def on_virtual_table_row_highlighted(self, event: VirtualTable.RowHighlighted) -> None:
        self.highlighted.append(event.index)

    def on_virtual_table_row_selected(self, event: VirtualTable.RowSelected) -> None:
        self.selected.append((event.index, event.row))


def lines(table: VirtualTable) -> list[str]:
    return [table.render_line(y).text for y in range(table.size.height)]


async def test_only_the_rows_on_screen_are_formatted() -> None:
    app = Host(10_000)
    async with app.run_test(size=(40, 12)) as pilot:
        await pilot.pause()
        table = app.query_one(CountingTable)
        assert table.row_count == 10_000
        assert set(table.formatted) == {str(n) for n in range(11)}, "header + 11 rows fit"
        table.formatted.clear()
        await pilot.press("end")
        await pilot.pause()
        assert table.cursor_row == 9_999
        assert set(table.formatted) == {str(n) for n in range(9_989, 10_000)}
        table.formatted.clear()
        table.set_rows(app.rows[::2], cursor=0)
        await pilot.pause()
        assert lines(table)[1].split()[:2] == ["0", "name"]
        assert len(table.formatted) <= 11


async def test_keys_move_the_cursor_and_keep_it_in_view() -> None:
    app = Host(100)
    async with app.run_test(size=(40, 12)) as pilot:
        table = app.query_one(CountingTable)
        await pilot.press("up")
        assert table.cursor_row == 0, "the cursor stops at the first row"
        await pilot.press("down", "down")
        assert table.cursor_row == 2
        await pilot.press("pagedown")
        assert table.cursor_row == 13, "a page is the rows under the header"
        await pilot.pause()
        assert table.scroll_y == 3
        assert lines(table)[-1].split()[0] == "13", "the cursor's row is the last one shown"
        await pilot.press("pageup")
        assert table.cursor_row == 2 and table.scroll_y == 2
        await pilot.press("end")
        assert table.cursor_row == 99 and table.scroll_y == table.max_scroll_y
        await pilot.press("down")
        assert table.cursor_row == 99, "the cursor stops at the last row"
        await pilot.press("home")
        assert table.cursor_row == 0 and table.scroll_y == 0
        await pilot.pause()
        assert app.highlighted == [0, 1, 2, 13, 2, 99, 0]


async def test_enter_selects_and_a_click_highlights_then_selects() -> None:
    app = Host(20)
    async with app.run_test(size=(40, 12)) as pilot:
        table = app.query_one(CountingTable)
        await pilot.press("down", "enter")
        await pilot.pause()
        assert app.selected == [(1, ("1", "name 1", "x"))]
        await pilot.click(CountingTable, offset=(3, 4))  # header, rows 0, 1, 2: row 3
        await pilot.pause()
        assert table.cursor_row == 3 and len(app.selected) == 1, "the first click highlights"
        await pilot.click(CountingTable, offset=(3, 4))
        await pilot.pause()
        assert app.selected[-1] == (3, ("3", "name 3", "xxx")), "a second click selects"
        await pilot.click(CountingTable, offset=(3, 0))
        await pilot.pause()
        assert table.cursor_row == 3 and len(app.selected) == 2, "the header is not a row"


async def test_new_rows_keep_the_cursor_where_asked() -> None:
    app = Host(50)
    async with app.run_test(size=(40, 12)) as pilot:
        table = app.query_one(CountingTable)
        table.move_cursor(row=40)
        table.set_rows(app.rows[:10])
        assert table.cursor_row == 9, "clamped to the last row"
        table.set_rows(app.rows, cursor=30)
        await pilot.pause()
        assert table.highlighted_row == app.rows[30]
        assert any(line.split()[:1] == ["30"] for line in lines(table)), "scrolled into view"
        table.set_rows([])
        await pilot.pause()
        assert table.highlighted_row is None and table.row_count == 0
        await pilot.press("enter", "down")
        assert app.selected == []
        assert lines(table)[1].strip() == ""


async def test_cells_are_padded_aligned_cut_and_styled() -> None:
    app = Host(0)
    async with app.run_test(size=(40, 8)) as pilot:
        table = app.query_one(CountingTable)
        table.set_rows([("7", "a very long name indeed", Text("late", style="#ff0000")),
                        ("12", "short", "")], cursor=1)
        await pilot.pause()
        header, first, second = lines(table)[:3]
        assert header.startswith("    No  Name          Note")
        assert first.startswith("     7  a very long…  late")
        assert second.startswith("    12  short")
        segments = list(table.render_line(1))
        late = next(segment for segment in segments if segment.text == "late")
        assert late.style.color.name == "#ff0000", "a cell's own colour is kept"
        cursor = {segment.style.bgcolor for segment in table.render_line(2) if segment.text.strip()}
        plain = {segment.style.bgcolor for segment in table.render_line(1) if segment.text.strip()}
        assert cursor.isdisjoint(plain), "the cursor's row has its own background"


class FittedTable(CountingTable):
    """Columns fitted to the width: the name takes whatever the number leaves."""

    def fit_columns(self, width: int) -> list[Column]:
        return [Column("n", "No", 5, "right"), Column("name", "Name", max(width - 12, 4))]


class FittedHost(Host):
    def compose(self) -> ComposeResult:
        table = FittedTable()
        table.set_rows(self.rows)
        yield table


async def test_columns_are_fitted_to_each_width_and_the_scrollbar_follows_the_rows() -> None:
    app = FittedHost(100)
    async with app.run_test(size=(40, 12)) as pilot:
        await pilot.pause()
        table = app.query_one(FittedTable)
        assert [c.width for c in table.columns] == [5, 28]
        assert table.show_vertical_scrollbar
        await pilot.resize_terminal(60, 12)
        await pilot.pause()
        assert [c.width for c in table.columns] == [5, 48]
        assert lines(table)[1].rstrip().endswith("name 0")
        table.set_rows(app.rows[:3])
        await pilot.pause()
        assert not table.show_vertical_scrollbar, "three rows fit: no scrollbar"
        table.set_rows(app.rows)
        await pilot.pause()
        assert table.show_vertical_scrollbar
        assert table.max_scroll_y == 100 + 1 - table.scrollable_content_region.height
