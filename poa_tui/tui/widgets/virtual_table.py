"""`VirtualTable`: a table that only formats and draws the rows on screen.

Textual's `DataTable` measures and renders every cell it is given (1,000 rows: ~250 ms of
layout), so a filter over thousands of cases cost a quarter of a second a keystroke. This table
holds a plain list of row objects and asks its subclass for a row's cells only when that row
is drawn; columns have fixed widths, set once per resize. Replacing the rows is a list
assignment plus a repaint of the visible lines, whatever the number of rows.

By default a row is a tuple of strings and the columns are those given to `set_columns`.
Subclasses with richer rows say what a row's cells are (`row_cells`) and what identifies its
look (`row_key`); tables whose columns depend on the width say so in `fit_columns`, which runs
when a frame is drawn at a new width, so the first frame already has the right columns. The
colours come from component classes (styles/tables.tcss), as DataTable's do.
"""

from __future__ import annotations

from typing import Any, ClassVar, Generic, Hashable, Literal, NamedTuple, Sequence, TypeVar

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Region, Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

RowT = TypeVar("RowT")

CACHED_LINES = 512
"""Drawn lines kept for reuse (scrolling back, moving the cursor); beyond this, start over."""


# NamedTuples rather than dataclasses: a dataclass costs ~0.7 ms to define, paid at start-up.


class Column(NamedTuple):
    """One column: what its header says and how many cells its content gets (padding apart)."""

    key: str
    label: str
    width: int
    justify: Literal["left", "right"] = "left"


class LineStyles(NamedTuple):
    """The Rich styles a frame is drawn with, read from the component classes."""

    base: Style
    header: Style
    even: Style
    cursor: Style
    cursor_color: Style
    """Only the cursor's foreground: it wins over the cells' own colours, as in DataTable."""


class RowMessage(Message):
    """About one row of a `VirtualTable`: its index and the row itself."""

    def __init__(self, table: VirtualTable[Any], index: int, row: Any) -> None:
        super().__init__()
        self.table = table
        self.index = index
        self.row = row

    @property
    def control(self) -> VirtualTable[Any]:
        return self.table


class VirtualTable(ScrollView, Generic[RowT], can_focus=True):
    """Rows of fixed-width columns with a row cursor; only the visible rows are formatted."""

    ALLOW_SELECT = False
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "virtual-table--header",
        "virtual-table--cursor",
        "virtual-table--even-row",
    }
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up", "cursor_up", "Up", show=False, id="table.cursor_up",
                tooltip="Move to the row above."),
        Binding("down", "cursor_down", "Down", show=False, id="table.cursor_down",
                tooltip="Move to the row below."),
        Binding("pageup", "page_up", "Page up", show=False, id="table.page_up",
                tooltip="Move one screenful up."),
        Binding("pagedown", "page_down", "Page down", show=False, id="table.page_down",
                tooltip="Move one screenful down."),
        Binding("home,ctrl+home", "first_row", "First", show=False, id="table.first_row",
                tooltip="Move to the first row."),
        Binding("end,ctrl+end", "last_row", "Last", show=False, id="table.last_row",
                tooltip="Move to the last row."),
        Binding("enter", "select_cursor", "Select", show=False, id="table.select",
                tooltip="Choose the highlighted row."),
    ]

    class RowHighlighted(RowMessage):
        """The cursor is on another row (or the rows changed under it)."""

    class RowSelected(RowMessage):
        """The highlighted row was chosen: enter, or a click on the highlighted row."""

    def __init__(self, *, cell_padding: int = 1, zebra_stripes: bool = True,
                 name: str | None = None, id: str | None = None, classes: str | None = None,
                 disabled: bool = False) -> None:
        super().__init__(name=name, id=id, classes=classes, disabled=disabled)
        self.cell_padding = cell_padding
        self.zebra_stripes = zebra_stripes
        self._given_columns: tuple[Column, ...] = ()
        self._columns: tuple[Column, ...] = ()
        self._fitted_for: int | None = None
        """The width `_columns` were fitted to (None: fit them again)."""
        self._rows: Sequence[RowT] = ()
        self._cursor = 0
        self._highlighted_key: Hashable | None = None
        self._lines: dict[tuple[object, ...], Strip] = {}
        self._frame_styles: LineStyles | None = None

    # -- what the table holds ---------------------------------------------------------------

    def row_key(self, row: RowT) -> Hashable:
        """What identifies `row` and its look: a drawn line is reused while the key is equal.

        The default suits rows that are tuples of strings: the row itself.
        """
        return row  # type: ignore[return-value]

    def row_cells(self, row: RowT) -> Sequence[Text | str]:
        """The cells of `row`, one per column (longer ones are cut with an ellipsis)."""
        return row  # type: ignore[return-value]

    def fit_columns(self, width: int) -> Sequence[Column]:
        """The columns for a table `width` cells wide (scrollbar included); by default the
        ones given to `set_columns`."""
        return self._given_columns

    @property
    def columns(self) -> tuple[Column, ...]:
        return self._columns

    @property
    def rows(self) -> Sequence[RowT]:
        return self._rows

    @property
    def row_count(self) -> int:
        return len(self._rows)

    @property
    def cursor_row(self) -> int:
        """Index of the highlighted row (0 when the table is empty)."""
        return self._cursor

    @property
    def highlighted_row(self) -> RowT | None:
        return self._rows[self._cursor] if self._rows else None

    def set_columns(self, columns: Sequence[Column]) -> None:
        """Replace the columns (their widths are fixed: nothing is measured)."""
        self._given_columns = tuple(columns)
        self.refit_columns()

    def refit_columns(self) -> None:
        """Ask `fit_columns` again before the next frame (what it depends on changed)."""
        self._fitted_for = None
        self.refresh()

    def set_rows(self, rows: Sequence[RowT], cursor: int | None = None) -> None:
        """Show `rows` with the cursor on index `cursor` (default: the same index), clamped.

        Lines already drawn for rows with the same `row_key` are reused.
        """
        self._rows = rows
        self._cursor = self._clamp(self._cursor if cursor is None else cursor)
        self._update_virtual_size()
        self._scroll_to_cursor()
        self._repaint_now()
        self._announce_highlight()

    def _repaint_now(self) -> None:
        """Repaint the whole table, telling the screen at once.

        Textual passes a widget's repaint on to its screen when the widget next runs out of
        messages. New rows usually follow a key typed elsewhere (the filter line), whose own
        repaint reaches the screen first: the screen drew that key, and the table a frame
        (17-35 ms) later. Sent now, both go out in the same frame.
        """
        self.refresh()
        if not self.is_attached:
            return
        # What Textual calls on idle, which sends the pending repaint; the scrollbar's too,
        # as its thumb follows the number of rows.
        self._check_refresh()
        if self.show_vertical_scrollbar:
            self.vertical_scrollbar._check_refresh()

    def forget_lines(self) -> None:
        """Drop every drawn line (the cells' look changed) and repaint."""
        self._lines.clear()
        self.refresh()

    # -- cursor -------------------------------------------------------------------------------

    def move_cursor(self, *, row: int, animate: bool = False, scroll: bool = True) -> None:
        """Put the cursor on row index `row` (clamped); `animate` is accepted for DataTable's
        callers and ignored: the cursor jumps."""
        index = self._clamp(row)
        if index != self._cursor:
            old = self._cursor
            self._cursor = index
            self._refresh_row(old)
            self._refresh_row(index)
        if scroll:
            self._scroll_to_cursor()
        self._announce_highlight()

    def _clamp(self, index: int) -> int:
        return max(0, min(index, len(self._rows) - 1))

    def _announce_highlight(self) -> None:
        row = self.highlighted_row
        key = None if row is None else (self._cursor, self.row_key(row))
        if key != self._highlighted_key:
            self._highlighted_key = key
            if row is not None:
                self.post_message(self.RowHighlighted(self, self._cursor, row))

    @property
    def _body_height(self) -> int:
        """Rows that fit under the header."""
        return max(self.scrollable_content_region.height - 1, 1)

    def _scroll_to_cursor(self) -> None:
        if not self.size.height:
            return  # not laid out yet: the first resize comes back here
        top = int(self.scroll_y)
        if self._cursor < top:
            top = self._cursor
        elif self._cursor >= top + self._body_height:
            top = self._cursor - self._body_height + 1
        if top != int(self.scroll_y):
            self.scroll_to(y=top, animate=False, force=True)

    def action_cursor_up(self) -> None:
        self.move_cursor(row=self._cursor - 1)

    def action_cursor_down(self) -> None:
        self.move_cursor(row=self._cursor + 1)

    def action_page_up(self) -> None:
        self.move_cursor(row=self._cursor - self._body_height)

    def action_page_down(self) -> None:
        self.move_cursor(row=self._cursor + self._body_height)

    def action_first_row(self) -> None:
        self.move_cursor(row=0)

    def action_last_row(self) -> None:
        self.move_cursor(row=len(self._rows) - 1)

    def action_select_cursor(self) -> None:
        row = self.highlighted_row
        if row is not None:
            self.post_message(self.RowSelected(self, self._cursor, row))

    async def _on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None or offset.y == 0:
            return  # the border or the header
        index = offset.y - 1 + int(self.scroll_y)
        if not 0 <= index < len(self._rows):
            return
        event.stop()
        if index == self._cursor:
            self.action_select_cursor()
        else:
            self.move_cursor(row=index)

    # -- size ---------------------------------------------------------------------------------

    def _update_virtual_size(self) -> None:
        size = Size(self.scrollable_content_region.width, len(self._rows) + 1)
        if size == self.virtual_size:
            return
        # Setting `virtual_size` asks for a layout of the whole screen, which Textual draws a
        # frame after the one showing the typed key. Unless the scrollbar comes or goes (a
        # layout change, which `_scroll_update` asks for itself), repainting is enough.
        self.set_reactive(ScrollView.virtual_size, size)
        self._scroll_update(size)
        self.refresh()

    def _size_updated(self, size: Size, virtual_size: Size, container_size: Size,
                      layout: bool = True) -> bool:
        # On every layout of the screen (each key typed in the filter line asks for one)
        # Textual passes a ScrollView its viewport as `virtual_size`, which never equals ours,
        # so the scrollbar was redrawn in a frame of its own after each key. Only a new size
        # matters here: `_update_virtual_size` updates the scrollbar when the rows change.
        return super()._size_updated(size, self.virtual_size, container_size, layout)

    def _on_resize(self, event: events.Resize) -> None:
        self._lines.clear()
        self._update_virtual_size()
        self._scroll_to_cursor()  # a new height may hide the cursor's row (or the first show)

    # -- drawing ------------------------------------------------------------------------------

    def _refresh_row(self, index: int) -> None:
        y = index + 1 - int(self.scroll_y)
        if 1 <= y < self.size.height:
            self.refresh(Region(0, y, self.size.width, 1))

    def _line_styles(self) -> LineStyles:
        cursor = self.get_component_rich_style("virtual-table--cursor")
        return LineStyles(
            base=self.rich_style,
            header=self.get_component_rich_style("virtual-table--header"),
            even=self.get_component_rich_style("virtual-table--even-row"),
            cursor=cursor,
            cursor_color=Style.from_color(color=cursor.color),
        )

    def render_lines(self, crop: Region) -> list[Strip]:
        if self._fitted_for != self.size.width:
            self._fitted_for = self.size.width
            columns = tuple(self.fit_columns(self.size.width))
            if columns != self._columns:
                self._columns = columns
                self._lines.clear()
        styles = self._line_styles()
        if styles != self._frame_styles:
            self._frame_styles = styles
            self._lines.clear()
        if len(self._lines) > CACHED_LINES:
            self._lines.clear()
        return super().render_lines(crop)

    def render_line(self, y: int) -> Strip:
        styles = self._frame_styles or self._line_styles()
        width = self.scrollable_content_region.width
        if y == 0:
            key: tuple[object, ...] = ("header", width)
            line = self._lines.get(key)
            if line is None:
                line = self._lines[key] = self._strip(
                    [Text(column.label, no_wrap=True) for column in self._columns],
                    styles.header, None, width)
            return line
        index = y - 1 + int(self.scroll_y)
        if not 0 <= index < len(self._rows):
            return Strip.blank(width, styles.base)
        row = self._rows[index]
        is_cursor = index == self._cursor
        even = self.zebra_stripes and index % 2 == 0
        key = (self.row_key(row), is_cursor, even, width)
        line = self._lines.get(key)
        if line is None:
            style = styles.even if even else styles.base
            if is_cursor:
                line = self._strip(self.row_cells(row), style + styles.cursor,
                                   styles.cursor_color, width)
            else:
                line = self._strip(self.row_cells(row), style, None, width)
            self._lines[key] = line
        return line

    def _strip(self, cells: Sequence[Text | str], style: Style, over: Style | None,
               width: int) -> Strip:
        """One line: each cell padded to its column, in `style`, with `over` on top of the
        cells' own styles."""
        console = self.app.console
        pad = " " * self.cell_padding
        segments: list[Segment] = []
        used = 0
        for column, cell in zip(self._columns, cells):
            text = Text(cell) if isinstance(cell, str) else cell
            length = text.cell_len
            if length > column.width:
                text = text.copy()
                text.truncate(column.width, overflow="ellipsis")
                length = text.cell_len
            room = " " * (column.width - length)
            left, right = (room, "") if column.justify == "right" else ("", room)
            segments.append(Segment(pad + left, style))
            # `Text.render` leaves the text's own style to the caller: it goes under the spans.
            cell_style = style + console.get_style(text.style) if text.style else style
            if text.spans:
                for part in text.render(console):
                    part_style = cell_style + part.style if part.style else cell_style
                    segments.append(Segment(part.text, part_style + over if over else part_style))
            elif length:
                segments.append(Segment(text.plain, cell_style + over if over else cell_style))
            segments.append(Segment(right + pad, style))
            used += column.width + 2 * self.cell_padding
        # Not simplified: a segment per cell keeps SVG screenshots aligned column by column.
        if used > width:
            return Strip(segments, used).adjust_cell_length(width, style)
        if used < width:
            segments.append(Segment(" " * (width - used), style))
        return Strip(segments, width)

