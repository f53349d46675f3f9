"""What Amazon asked for in a reply, as checklists.

`RequestList` is the case's to-do list: the requests of one answered attempt, ticked off as they
are done. A tick is posted up as a `RequestList.Toggle` holding the change; the screen saves it
(through the editing session in the submission log) and shows the list again. `RequestPicker` is the list the reply form offers before
anything is saved: the requests the classifier found, all kept unless the user unticks one.
"""

from __future__ import annotations

from typing import Callable

from textual import on
from textual.binding import Binding
from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList, SelectionList
from textual.widgets.option_list import Option
from textual.widgets.selection_list import Selection

from poa_tui.domain.models import Case, Reply, Request
from poa_tui.domain.textsafety import strip_controls

Change = Callable[[Case], Case]
"""Changes a case in place and returns it."""

KIND_LABELS = {"document": "document", "action": "action", "detail": "detail"}


class RequestGone(LookupError):
    """The request was changed or removed in another session."""


def set_request_done(attempt: int, index: int, text: str, done: bool) -> Change:
    """Tick (or untick) request `index` of attempt `attempt`'s reply, found again by its text."""
    def change(case: Case) -> Case:
        try:
            reply = case.submission(attempt).reply
        except KeyError:
            raise RequestGone(f"Attempt {attempt} is no longer in this case.") from None
        requests = reply.requests if reply else []
        if 0 <= index < len(requests) and requests[index].text == text:
            requests[index].done = done
            return case
        for request in requests:
            if request.text == text:
                request.done = done
                return case
        raise RequestGone("That request was changed in another session; the list now shows "
                          "the current one.")
    return change


def kind_tag(kind: str) -> Content:
    return Content.styled(f"{KIND_LABELS.get(kind, kind):<8} ", "$text-muted")


def request_prompt(request: Request) -> Content:
    """"[✓] document  Invoices covering the last 365 days" (done items dimmed)."""
    box = Content.styled("[✓]", "bold $text-success") if request.done else Content("[ ]")
    text = Content.styled(strip_controls(request.text), "$text-muted" if request.done else "")
    return Content.assemble(box, " ", kind_tag(request.kind), text)


def progress(requests: list[Request]) -> str:
    done = sum(request.done for request in requests)
    return f"{done} of {len(requests)} done"


def answered_attempt(case: Case) -> int | None:
    """The latest attempt Amazon answered: the one whose requests are the current to-do list."""
    for attempt in reversed(case.submissions):
        if attempt.reply is not None:
            return attempt.number
    return None


class RequestList(OptionList):
    """The requests of one reply; space (or enter) ticks the highlighted one and saves it."""

    BINDINGS = [
        Binding("space", "toggle", "Tick", id="requests.toggle",
                tooltip="Mark the highlighted request done, or not done; saved at once."),
    ]

    class Toggle(Message):
        """The user ticked or unticked a request: save `change` (it raises `RequestGone` when
        the request is no longer there) and show the list again."""

        def __init__(self, request_list: RequestList, change: Change) -> None:
            super().__init__()
            self.request_list = request_list
            self.change = change

        @property
        def control(self) -> RequestList:
            return self.request_list

    def __init__(self, *, read_only: bool = False, **kwargs: object) -> None:
        super().__init__(markup=False, **kwargs)  # type: ignore[arg-type]
        self.read_only = read_only
        """Another session is editing the case: the list can be read, not ticked."""
        self.attempt: int | None = None
        self.requests: list[Request] = []

    def show(self, case: Case, attempt: int | None = None) -> None:
        """Show the requests of `attempt`'s reply (default: the latest answered attempt)."""
        number = attempt if attempt is not None else answered_attempt(case)
        reply: Reply | None = None
        if number is not None:
            try:
                reply = case.submission(number).reply
            except KeyError:
                number = None
        keep = self.highlighted
        self.attempt = number
        self.requests = [Request(r.text, r.kind, r.done) for r in reply.requests] if reply else []
        if self.requests:
            self.set_options(Option(request_prompt(r), id=str(i))
                             for i, r in enumerate(self.requests))
            self.highlighted = min(keep or 0, len(self.requests) - 1)
            self.border_subtitle = progress(self.requests)
        else:
            if reply is None:
                empty = "No reply recorded yet: Amazon's requests show here once it answers."
            else:
                empty = "Amazon's reply names nothing specific to send or do."
            self.set_options([Option(Content.styled(empty, "$text-muted"), disabled=True)])
            self.border_subtitle = ""
        self.border_title = (f"Amazon asks for (attempt {number})" if number is not None
                             else "Amazon asks for")

    @property
    def current(self) -> Request | None:
        index = self.highlighted
        if index is None or not 0 <= index < len(self.requests):
            return None
        return self.requests[index]

    def action_toggle(self) -> None:
        request, index = self.current, self.highlighted
        if request is None or index is None or self.attempt is None:
            return
        if self.read_only:
            self.notify("This case is open read-only here, so nothing can be ticked.",
                        severity="warning")
            return
        self.post_message(self.Toggle(self, set_request_done(self.attempt, index, request.text,
                                                             not request.done)))

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_toggle()


class RequestPicker(SelectionList[int]):
    """The requests found in a pasted reply; all kept unless unticked (space)."""

    BINDINGS = [
        Binding("space", "select", "Keep or drop", id="reply.toggle_request",
                tooltip="Keep the highlighted request on the to-do list, or drop it."),
    ]

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.requests: list[Request] = []

    def show(self, requests: list[Request], keep: list[Request] | None = None) -> None:
        """List `requests`; all ticked, or (with `keep`) those whose text `keep` holds."""
        kept = None if keep is None else {request.text for request in keep}
        self.display = bool(requests)
        if [r.text for r in requests] == [r.text for r in self.requests] and keep is None:
            return  # the same requests as before: leave the user's ticks alone
        self.requests = [Request(r.text, r.kind) for r in requests]
        self.clear_options()
        self.add_options(
            Selection(Content.assemble(kind_tag(r.kind), strip_controls(r.text)), index,
                      kept is None or r.text in kept)
            for index, r in enumerate(self.requests))
        self.highlighted = 0 if self.requests else None

    def chosen(self) -> list[Request]:
        """The requests left ticked, in their order, not yet done."""
        picked = set(self.selected)
        return [Request(r.text, r.kind) for i, r in enumerate(self.requests) if i in picked]
