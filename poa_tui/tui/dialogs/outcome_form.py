"""Change what Amazon's recorded reply decided: pick another outcome from a short list."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from poa_tui.domain.models import Submission
from poa_tui.domain.vocab import Outcome


class OutcomeScreen(ModalScreen[Outcome | None]):
    """The outcomes, the attempt's current one highlighted; dismisses with the pick or None."""

    HELP = """\
## Change the outcome

What Amazon's reply to this attempt means. The case's status follows from it: a final
decision closes the case, "Plan not detailed enough" asks for a better plan, and so on.
The reply's text, date and requests stay as they are.

**up** and **down** choose, **enter** keeps the choice, **escape** leaves it as it was.
"""

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="outcome.cancel",
                        tooltip="Keep the outcome as it is.")]

    def __init__(self, attempt: Submission) -> None:
        super().__init__(classes="outcome-form")
        self.attempt = attempt

    def compose(self) -> ComposeResult:
        current = self.attempt.reply.outcome if self.attempt.reply else None
        with Vertical(id="outcome-frame") as frame:
            frame.border_title = f"Attempt {self.attempt.number}: what Amazon decided"
            frame.border_subtitle = "enter choose · escape close"
            yield Static(Content(f"Now: {current.label}." if current else ""), id="outcome-now")
            yield OptionList(*(Option(Content(o.label), id=o.value) for o in Outcome),
                             id="outcome-choices", compact=True)
            yield Static("", id="outcome-step")

    def on_mount(self) -> None:
        choices = self.query_one(OptionList)
        current = self.attempt.reply.outcome if self.attempt.reply else None
        if current is not None:
            choices.highlighted = list(Outcome).index(current)
        self.screen.set_focus(choices)

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        outcome = Outcome(event.option.id)
        self.query_one("#outcome-step", Static).update(Content(f"Next: {outcome.next_step}"))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(Outcome(event.option.id))

    def action_cancel(self) -> None:
        self.dismiss(None)
