"""`CaseTable`: the case list's rows, fitted to the terminal's width.

Columns have a priority: when the table is narrow the least useful go first (marketplace, then
seller, then violation) so the title keeps at least `TITLE_MIN` cells; at 160 columns all show
and the deadline also gives its date. Every cell is a `Text`, never a markup string, because
titles and seller names come from users and may hold `[`.

It is a `VirtualTable`: a row's cells are made when the row comes on screen, so showing 5,000
cases (or filtering them) costs about as much as showing 30.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING, Iterable, NamedTuple

from rich.text import Text
from textual.binding import Binding
from textual.color import Color

from poa_tui.domain.case_summary import CaseSummary
from poa_tui.domain.clocks import clocks_for
from poa_tui.domain.vocab import Status, ViolationType
from poa_tui.tui.widgets.clock_badges import ERROR, WARNING, clock_settings, waiting_status
from poa_tui.tui.widgets.virtual_table import Column, VirtualTable

if TYPE_CHECKING:
    from poa_tui.domain.readiness import (
        Readiness,  # the checks load after the first frame (case_list)
    )

# Amazon's seller marketplaces: domain -> the short code shown in the table.
MARKETPLACES: dict[str, str] = {
    "amazon.com": "US", "amazon.ca": "CA", "amazon.com.mx": "MX", "amazon.com.br": "BR",
    "amazon.co.uk": "UK", "amazon.ie": "IE", "amazon.de": "DE", "amazon.fr": "FR",
    "amazon.it": "IT", "amazon.es": "ES", "amazon.nl": "NL", "amazon.se": "SE",
    "amazon.pl": "PL", "amazon.com.be": "BE", "amazon.com.tr": "TR", "amazon.ae": "AE",
    "amazon.sa": "SA", "amazon.eg": "EG", "amazon.in": "IN", "amazon.co.jp": "JP",
    "amazon.com.au": "AU", "amazon.sg": "SG", "amazon.co.za": "ZA",
}

SHORT_VIOLATIONS: dict[ViolationType, str] = {
    ViolationType.INAUTHENTIC: "Inauthentic",
    ViolationType.IP_TRADEMARK: "Trademark",
    ViolationType.IP_COPYRIGHT: "Copyright",
    ViolationType.IP_PATENT: "Patent",
    ViolationType.CONDITION_USED_SOLD_AS_NEW: "Used as new",
    ViolationType.PRODUCT_SAFETY: "Safety",
    ViolationType.RESTRICTED_PRODUCTS: "Restricted",
    ViolationType.ORDER_DEFECT_RATE: "Order defects",
    ViolationType.LATE_SHIPMENT_RATE: "Late shipment",
    ViolationType.CANCELLATION_RATE: "Cancellations",
    ViolationType.VALID_TRACKING_RATE: "Tracking rate",
    ViolationType.REVIEW_MANIPULATION: "Reviews",
    ViolationType.RELATED_ACCOUNTS: "Related acct.",
    ViolationType.SECTION3_VERIFICATION: "Section 3",
    ViolationType.DROP_SHIPPING: "Drop shipping",
    ViolationType.LISTING_POLICY: "Listing",
    ViolationType.OTHER: "Other",
}

TITLE_MIN = 24
"""Cells the title keeps before lower-priority columns are dropped."""
WIDE_DEADLINE = 140
"""From this table width on, the deadline column also shows the date."""
CELL_PADDING = 1
TITLE_COMFORT = 48
"""Past this width the title gives up to `SELLER_EXTRA` cells to the seller column."""
SELLER_EXTRA = 8
SELLER_WIDTH = 16


class ColumnSpec(NamedTuple):  # not a dataclass: one costs ~0.7 ms of start-up to define
    key: str
    label: str
    width: int
    drop_rank: int
    """0 never drops; higher ranks drop first when the table is too narrow."""


COLUMNS = (
    ColumnSpec("id", "Id", 3, 0),
    ColumnSpec("title", "Title", 0, 0),
    ColumnSpec("seller", "Seller", SELLER_WIDTH, 4),
    ColumnSpec("market", "Mkt", 3, 5),
    ColumnSpec("violation", "Violation", 13, 3),
    ColumnSpec("status", "Status", 16, 0),
    ColumnSpec("checks", "Checks", 10, 3),
    ColumnSpec("attempts", "Sent", 4, 2),
    ColumnSpec("last_sent", "Last sent", 9, 1),
    ColumnSpec("deadline", "Deadline", 12, 0),
)


def plan_columns(width: int, id_width: int = 3, seller_need: int = 0,
                 title_need: int = TITLE_COMFORT) -> list[ColumnSpec]:
    """The columns to show in `width` cells, the title taking whatever is left.

    `seller_need` is the longest seller name listed: on a wide table the seller column grows
    to fit it from the title's spare room (at 160 columns names were cut with room to spare):
    the title keeps `title_need` (its longest, at least `TITLE_MIN`, at most `TITLE_COMFORT`).
    """
    wide = width >= WIDE_DEADLINE
    chosen = [c for c in COLUMNS]
    chosen = [ColumnSpec(c.key, c.label, id_width, 0) if c.key == "id" else c for c in chosen]
    if wide:
        chosen = [ColumnSpec(c.key, c.label, 24, 0) if c.key == "deadline" else c for c in chosen]

    def title_room(columns: list[ColumnSpec]) -> int:
        fixed = sum(c.width + 2 * CELL_PADDING for c in columns if c.key != "title")
        return width - fixed - 2 * CELL_PADDING

    for rank in (5, 4, 3, 2, 1):
        if title_room(chosen) >= TITLE_MIN:
            break
        chosen = [c for c in chosen if c.drop_rank != rank]
    # On a wide table the title has more room than titles need: lend some to the seller.
    spare = title_room(chosen) - min(TITLE_COMFORT, max(TITLE_MIN, title_need))
    if spare > 0:
        extra = min(spare, max(SELLER_EXTRA, seller_need - SELLER_WIDTH))
        chosen = [ColumnSpec(c.key, c.label, c.width + extra, c.drop_rank)
                  if c.key == "seller" else c for c in chosen]
    title_width = max(title_room(chosen), 8)
    return [ColumnSpec(c.key, c.label, title_width, 0) if c.key == "title" else c
            for c in chosen]


def deadline_phrase(deadline: date | None, today: date) -> str:
    """"in 5 d", "today", "3 d overdue", or "" without a deadline."""
    if deadline is None:
        return ""
    days = (deadline - today).days
    if days > 0:
        return f"in {days} d"
    if days == 0:
        return "today"
    return f"{-days} d overdue"


def since_phrase(when: datetime | None, today: date) -> str:
    """Days since `when` as "today", "1 d ago"; "" when it never happened."""
    if when is None:
        return ""
    days = (today - when.astimezone().date()).days
    return "today" if days <= 0 else f"{days} d ago"


def is_overdue(row: CaseSummary, today: date) -> bool:
    """A deadline has passed on a case that still waits for the seller to act."""
    return row.status.needs_action and row.deadline is not None and row.deadline < today


def _clip(text: str, width: int) -> str:
    return text if len(text) <= width else text[: max(width - 1, 0)] + "…"


RIGHT_ALIGNED = frozenset({"id", "attempts"})
"""Numbers line up on the right."""


class CaseTable(VirtualTable[CaseSummary]):
    """One row per case; the cursor follows the case across refreshes and filtering."""

    BINDINGS = [
        Binding("enter", "select_cursor", "Open", id="list.open",
                tooltip="Open the highlighted case to write its plan."),
    ]

    def __init__(self, **kwargs: object) -> None:
        super().__init__(cell_padding=CELL_PADDING, zebra_stripes=True,
                         **kwargs)  # type: ignore[arg-type]
        self.rows_shown: list[CaseSummary] = []
        self.today = date.today()
        """The date the day counts were made for."""
        self._plan: list[ColumnSpec] = []
        self._id_width = 2
        self._needs = (0, TITLE_COMFORT)
        """The longest seller name and title listed (the seller column grows to fit)."""
        self._cells: dict[tuple[object, ...], list[Text]] = {}
        """Each shown case's cells by `row_key`, for the current plan, day and theme."""
        self._theme_styles: tuple[str, dict[str, str]] | None = None
        self.checks: dict[int, Readiness] = {}
        """Readiness of the drafts that still wait for the seller, by case id."""

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # Open only shows in the footer while there is a case to open.
        return bool(self.rows_shown) if action == "select_cursor" else True

    def on_mount(self) -> None:
        # Cells carry the theme's colours as hex: repaint them when the theme changes.
        self.watch(self.app, "theme", self._restyle, init=False)

    def _restyle(self) -> None:
        self._theme_styles = None
        self._cells.clear()
        self.forget_lines()

    @property
    def highlighted_id(self) -> int | None:
        """The case id under the cursor, or None when the table is empty."""
        row = self.highlighted_row
        return None if row is None else row.id

    def show(self, rows: Iterable[CaseSummary], today: date, keep: int | None = None) -> None:
        """Replace the rows, keeping the cursor on case `keep` (default: the current one).

        Costs a pass over the rows to find the cursor's case; no cell is made here.
        """
        keep = self.highlighted_id if keep is None else keep
        self.rows_shown = list(rows)
        if today != self.today:
            self.today = today
            self._cells.clear()
            self.forget_lines()
        id_width = max(len(str(max((row.id for row in self.rows_shown), default=0))), 2)
        needs = (max((len(row.seller or "") for row in self.rows_shown), default=0),
                 max((len(row.title or "") for row in self.rows_shown), default=0))
        if (id_width, needs) != (self._id_width, self._needs):
            self._id_width, self._needs = id_width, needs
            self.refit_columns()
        cursor = next((index for index, row in enumerate(self.rows_shown) if row.id == keep), 0)
        self.set_rows(self.rows_shown, cursor=cursor)

    def show_checks(self, checks: dict[int, Readiness]) -> None:
        """Show the readiness of the listed drafts (worked out away from the UI thread)."""
        markers = {case_id: ready.short for case_id, ready in checks.items()}
        if markers != {case_id: ready.short for case_id, ready in self.checks.items()}:
            self.checks = dict(checks)
            self.refresh()  # the rows' keys hold their marker: changed rows are drawn anew

    def get_row(self, case_id: int | str) -> list[Text]:
        """The cells shown for case `case_id`."""
        row = next(row for row in self.rows_shown if row.id == int(case_id))
        return self.row_cells(row)

    def fit_columns(self, width: int) -> list[Column]:
        """The plan's columns for `width` (worked out when a frame is drawn at a new width)."""
        # A cell stays free for the vertical scrollbar, shown or not, so the columns do not
        # jump when the rows start or stop fitting.
        plan = plan_columns(width - 1, self._id_width, *self._needs)
        if plan != self._plan:
            self._plan = plan
            self._cells.clear()
        return [Column(spec.key, spec.label, spec.width,
                       "right" if spec.key in RIGHT_ALIGNED else "left") for spec in plan]

    def row_key(self, row: CaseSummary) -> tuple[object, ...]:
        # A case's cells only change with its revision (and its readiness): lines drawn for
        # a key are reused, so moving the cursor or filtering redraws what is new only.
        ready = self.checks.get(row.id)
        return (row.id, row.revision, row.updated_at, ready.short if ready else None)

    def row_cells(self, row: CaseSummary) -> list[Text]:
        key = self.row_key(row)
        cells = self._cells.get(key)
        if cells is None:
            if len(self._cells) > 4096:
                self._cells.clear()
            styles = self._styles()
            cells = self._cells[key] = [self._cell(spec, row, styles) for spec in self._plan]
        return cells

    def _styles(self) -> dict[str, str]:
        # Theme colours as plain hex: Rich styles know neither `$variables` nor alpha. Worked
        # out once per theme (get_css_variables builds the theme's whole colour system).
        theme = self.app.theme
        if self._theme_styles is None or self._theme_styles[0] != theme:
            variables = self.app.get_css_variables()
            muted = Color.parse(variables["background"]) + Color.parse(variables["foreground-muted"])
            self._theme_styles = (theme, {
                "error": f"bold {variables['text-error']}", "warning": variables["text-warning"],
                "success": variables["text-success"], "muted": muted.hex})
        return self._theme_styles[1]

    def _cell(self, spec: ColumnSpec, row: CaseSummary, styles: dict[str, str]) -> Text:
        today = self.today
        if spec.key == "id":
            return Text(str(row.id))
        if row.damaged:
            return self._damaged_cell(spec, row, styles)
        if spec.key == "title":
            title = row.title or "(untitled)"
            style = styles["muted"] if row.archived else ""
            if "checks" in {c.key for c in self._plan}:
                return Text(_clip(title, spec.width), style=style)
            # No room for the Checks column: a marker before the title says the same.
            marker, marker_style = self._check_marker(row, styles)
            return Text.assemble((marker, marker_style),
                                 (_clip(title, spec.width - len(marker)), style))
        if spec.key == "checks":  # the verdict: "blocked", "needs work" or "ready"
            ready = self.checks.get(row.id)
            if ready is None:
                return Text("")
            style = self._check_marker(row, styles)[1] or styles["success"]
            return Text(_clip(ready.short, spec.width), style=style)
        if spec.key == "seller":
            return Text(_clip(row.seller, spec.width))
        if spec.key == "market":
            return Text(MARKETPLACES.get(row.marketplace.lower(), _clip(row.marketplace, 3)))
        if spec.key == "violation":
            try:
                label = SHORT_VIOLATIONS[ViolationType(row.violation_type)]
            except ValueError:
                label = row.violation_type
            return Text(_clip(label, spec.width))
        if spec.key == "status":
            waiting = None if row.archived else waiting_status(
                clocks_for(row, today, **clock_settings(self.app)))
            if waiting is not None:  # "Waiting 3 d", "Follow up · 3 d", "Escalate · 8 d"
                label, urgency = waiting
                style = {ERROR: styles["error"], WARNING: styles["warning"]}.get(urgency, "")
                return Text(_clip(label, spec.width), style=style)
            # An archived row is dimmed and the table's title says archived cases are shown:
            # the status keeps all its room, so the word that matters is never cut.
            style = styles["muted"] if row.archived else self._status_style(row.status, styles)
            return Text(_clip(row.status.label, spec.width), style=style)
        if spec.key == "attempts":
            return Text(str(row.attempts) if row.attempts else "")
        if spec.key == "last_sent":
            return Text(since_phrase(row.last_submitted_at, today))
        return self._deadline_cell(row, spec.width, styles)

    @staticmethod
    def _damaged_cell(spec: ColumnSpec, row: CaseSummary, styles: dict[str, str]) -> Text:
        """A case whose file cannot be read: its title if readable, why, and the repair."""
        if spec.key == "title":
            title = row.title or "(title unreadable)"
            # The strip above the list has each reason whole, and names `poa-tui doctor`.
            return Text(_clip(f"{title} · damaged: {row.damaged}", spec.width),
                        style=styles["error"])
        if spec.key == "status":
            return Text(_clip("Damaged", spec.width), style=styles["error"])
        return Text("")

    def _check_marker(self, row: CaseSummary, styles: dict[str, str]) -> tuple[str, str]:
        """("✖ ", red) for a blocked draft, ("! ", amber) for one that needs work, else ("", "")."""
        ready = self.checks.get(row.id)
        if ready is None or row.archived:
            return "", ""
        if ready.verdict == "blocked":  # the verdict is a string enum; the checks load late
            return "✖ ", styles["error"]
        if ready.verdict == "needs_work":
            return "! ", styles["warning"]
        return "", ""

    def _deadline_cell(self, row: CaseSummary, width: int, styles: dict[str, str]) -> Text:
        if row.deadline is None or row.status in (Status.REINSTATED, Status.CLOSED):
            return Text("")
        phrase = deadline_phrase(row.deadline, self.today)
        if width >= 20:
            phrase = f"{row.deadline.isoformat()}  {phrase}"
        if len(phrase) > width:  # "618 d overdue" says the same as "618 d late", whole
            phrase = phrase.replace(" overdue", " late")
        if not row.status.needs_action:
            return Text(phrase, style=styles["muted"])
        days = (row.deadline - self.today).days
        if days <= 0:
            return Text(phrase, style=styles["error"])
        if days <= 3:
            return Text(phrase, style=styles["warning"])
        return Text(phrase)

    @staticmethod
    def _status_style(status: Status, styles: dict[str, str]) -> str:
        if status == Status.REINSTATED:
            return styles["success"]
        if status == Status.CLOSED:
            return styles["muted"]
        if status.needs_action and status != Status.DRAFTING:
            return styles["warning"]
        return ""
