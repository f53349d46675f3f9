"""Every attempt of a case in order: when it went, where, what Amazon decided, how long it took."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from rich.text import Text
from textual.binding import Binding
from textual.color import Color
from textual.widgets import DataTable

from poa_tui.domain.models import Submission
from poa_tui.domain.vocab import Channel, Outcome

NO_REPLY = "no reply yet"


@dataclass(frozen=True)
class AttemptRow:
    """One attempt as the table shows it."""

    number: int
    sent: str
    channel: str
    outcome: str
    waited: str
    outcome_id: Outcome | None


def days_waited(attempt: Submission, today: date) -> int:
    """Days from sending to Amazon's reply, or to `today` while no reply has come."""
    sent = attempt.submitted_at.astimezone().date()
    end = attempt.reply.received_at.astimezone().date() if attempt.reply else today
    return max((end - sent).days, 0)


def attempt_row(attempt: Submission, today: date) -> AttemptRow:
    days = days_waited(attempt, today)
    waited = f"{days} d" + ("" if attempt.reply else " so far")
    outcome = attempt.reply.outcome if attempt.reply else None
    return AttemptRow(
        number=attempt.number,
        sent=attempt.submitted_at.astimezone().strftime("%Y-%m-%d %H:%M"),
        channel=attempt.channel.label,
        outcome=outcome.label if outcome else NO_REPLY,
        waited=waited,
        outcome_id=outcome,
    )


RIGHT_ALIGNED = frozenset({"number", "waited"})


class AttemptTable(DataTable[Text]):
    """The attempts of one case, oldest first, keyed by attempt number."""

    BINDINGS = [
        Binding("enter", "select_cursor", "View sent", id="log.view_selected", show=False,
                tooltip="Show exactly what the highlighted attempt sent."),
    ]

    COLUMNS = (("#", "number"), ("Sent", "sent"), ("Channel", "channel"),
               ("Outcome", "outcome"), ("Waited", "waited"))

    def __init__(self, **kwargs: object) -> None:
        super().__init__(cursor_type="row", zebra_stripes=True, **kwargs)  # type: ignore[arg-type]
        self.rows_shown: list[AttemptRow] = []

    def on_mount(self) -> None:
        for label, key in self.COLUMNS:
            # Numbers sit at the right of their cells: so do their headings.
            self.add_column(Text(label, justify="right") if key in RIGHT_ALIGNED else label,
                            key=key)

    @property
    def selected_number(self) -> int | None:
        if not self.rows_shown:
            return None
        return self.rows_shown[min(max(self.cursor_row, 0), len(self.rows_shown) - 1)].number

    def show(self, attempts: list[Submission], today: date, keep: int | None = None) -> None:
        """Replace the rows, keeping the cursor on attempt `keep` (default: the last one)."""
        self.rows_shown = [attempt_row(attempt, today) for attempt in attempts]
        self.clear()
        styles = self._styles()
        for row in self.rows_shown:
            self.add_row(
                Text(str(row.number), justify="right"),
                Text(row.sent),
                # An escalation stands out: it is a different kind of contact, not a resend.
                Text(row.channel, style=f"bold reverse {styles[Outcome.ACTION_REQUIRED]}"
                     if row.channel == Channel.ESCALATION.label else ""),
                Text(row.outcome, style=styles.get(row.outcome_id, styles[None])),
                Text(row.waited, justify="right"),
                key=str(row.number),
            )
        numbers = [row.number for row in self.rows_shown]
        if numbers:
            target = keep if keep in numbers else numbers[-1]
            self.move_cursor(row=numbers.index(target), animate=False, scroll=True)

    def _styles(self) -> dict[Outcome | None, str]:
        # Theme colours as plain hex: Rich styles take neither `$variables` nor alpha.
        variables = self.app.get_css_variables()
        muted = Color.parse(variables["background"]) + Color.parse(variables["foreground-muted"])
        styles: dict[Outcome | None, str] = {None: muted.hex}
        for outcome in Outcome:
            if outcome == Outcome.REINSTATED:
                styles[outcome] = f"bold {variables['text-success']}"
            elif outcome in (Outcome.DENIED, Outcome.FINAL):
                styles[outcome] = f"bold {variables['text-error']}"
            elif outcome.is_rejection:
                styles[outcome] = variables["text-warning"]
            else:
                styles[outcome] = ""
        return styles
