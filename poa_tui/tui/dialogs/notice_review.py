"""Review what was read from Amazon's notice before it goes into the case.

`NoticeReviewScreen(text, current=...)` runs `notice.parse_notice` on the pasted text and shows
every field it fills: the value, open for editing, and under it the words of the notice that
decided it, or "Not found" when the notice says nothing. Where nothing was found the case's own
value (`current`, see `case_facts`) is kept, so accepting never blanks a field. The screen
dismisses with the confirmed facts as a `ParsedNotice` (its `evidence` empty), or None when the
user discards the reading; `apply_facts` puts them into a case.
"""

from __future__ import annotations

import re
from datetime import date

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Button, Input, Label, Select, Static

from poa_tui.domain.evidence_changes import follow_violation
from poa_tui.domain.language import language_name
from poa_tui.domain.models import YEARS_MESSAGE, Case, Metric, Notice, usable_year
from poa_tui.domain.notice import ParsedNotice, clean_text, parse_notice
from poa_tui.domain.readable import readable_text
from poa_tui.domain.vocab import Scope, ViolationType


def case_facts(case: Case) -> ParsedNotice:
    """What the case already knows, in the shape `parse_notice` returns."""
    notice = case.notice
    return ParsedNotice(case.violation_type, case.marketplace or None, case.scope,
                        notice.received, notice.deadline, list(notice.asins),
                        list(notice.order_ids), list(notice.complaint_ids), list(notice.case_ids),
                        list(notice.metrics), notice.appeal_limit, language=notice.language)


def apply_notice_details(facts: ParsedNotice, notice: Notice) -> Notice:
    """Copy the ids, figures and appeal limit onto `notice`: what the case form has no field for."""
    notice.asins, notice.order_ids = list(facts.asins), list(facts.order_ids)
    notice.complaint_ids, notice.case_ids = list(facts.complaint_ids), list(facts.case_ids)
    notice.metrics, notice.appeal_limit = list(facts.metrics), facts.appeal_limit
    notice.language = facts.language or notice.language
    return notice


def apply_facts(facts: ParsedNotice, case: Case) -> Case:
    """Copy confirmed facts onto `case`; an unknown type, scope or marketplace stays as it was,
    and a new type brings its checklist suggestions (`evidence_changes.follow_violation`).

    The notice's dates, ids, figures and appeal limit are replaced; its text is kept.
    """
    if facts.violation_type is not None:
        case.evidence = follow_violation(case.evidence, case.violation_type, facts.violation_type)
        case.violation_type = facts.violation_type
    if facts.scope is not None:
        case.scope = facts.scope
    if facts.marketplace:
        case.marketplace = facts.marketplace
    case.notice.received, case.notice.deadline = facts.date, facts.deadline
    apply_notice_details(facts, case.notice)
    return case


class ReviewError(ValueError):
    """A value the review cannot accept; `field_id` is the widget to return to."""

    def __init__(self, field_id: str, message: str) -> None:
        super().__init__(message)
        self.field_id = field_id


_SPLIT = re.compile(r"[\s,;]+")
_ID_SHAPES = {
    "asins": (re.compile(r"[0-9A-Z]{10}"), "an ASIN has 10 letters and digits, like B07QX4LMN2"),
    "order_ids": (re.compile(r"[0-9D][0-9]{2}-[0-9]{7}-[0-9]{7}"),
                  "an order id looks like 113-4829301-2231907"),
    "complaint_ids": (re.compile(r"[0-9A-Z][0-9A-Z-]{2,39}"), "a complaint id is letters and digits"),
    "case_ids": (re.compile(r"[0-9]{5,15}"), "a support case id is 5 to 15 digits"),
}
_ID_LABELS = {"asins": "ASINs", "order_ids": "Order ids", "complaint_ids": "Complaint ids",
              "case_ids": "Support case ids"}


def read_ids(field_id: str, text: str) -> list[str]:
    """Ids typed as a list (commas, spaces or new lines between them), checked for shape."""
    pattern, shape = _ID_SHAPES[field_id]
    ids: list[str] = []
    for token in _SPLIT.split(text.strip().upper()):
        if not token or token in ids:
            continue
        if not pattern.fullmatch(token):
            raise ReviewError(field_id, f"{_ID_LABELS[field_id]}: “{token}” does not look right "
                                        f"({shape}).")
        ids.append(token)
    return ids


def read_day(field_id: str, label: str, text: str) -> date | None:
    text = text.strip()
    if not text:
        return None
    try:
        day = date.fromisoformat(text)
    except ValueError:
        raise ReviewError(field_id, f"{label}: “{text}” is not a date; write it as YYYY-MM-DD.") \
            from None
    if not usable_year(day):
        raise ReviewError(field_id, f"{label}: {text} is out of range; {YEARS_MESSAGE}.")
    return day


QUOTE_REACH = 60
"""How many characters a quote may reach back or on to start or end with its sentence."""
QUOTE_LONGEST = 220
"""Past this length a quote stops widening and shows "…" instead."""
_OWN_LINE = re.compile(r"[A-Z][\w /&'-]{0,30}:\s|[-•*]\s|\d{1,2}[.)]\s")
"""A line that stands on its own even in hard-wrapped mail: "Subject: …", a bullet, "2. …"."""
_AFTER_SENTENCE = re.compile(r"[.!?][\"'”’)]?\s+$")


def _starts_here(text: str, at: int) -> bool:
    """Whether a sentence, or a line that stands on its own, starts at `at`."""
    if at == 0:
        return True
    if at >= len(text) or text[at].isspace() or not text[at - 1].isspace():
        return False
    before = text[max(at - 300, 0):at]
    if _AFTER_SENTENCE.search(before):
        return True
    before = before.rstrip(" \t")
    if not before.endswith("\n"):
        return False  # mid-line, after a space
    previous = before[:-1].rsplit("\n", 1)[-1].strip()
    return not previous or previous.endswith(":") or bool(_OWN_LINE.match(text, at))


def _ends_here(text: str, at: int) -> bool:
    """Whether a sentence, or a line that stands on its own, ends just before `at`."""
    if not text[at:].strip():
        return True
    if not text[at].isspace() or text[at - 1].isspace():
        return False
    if _AFTER_SENTENCE.search(text[max(at - 3, 0):at] + " "):
        return True
    after = text[at:at + 300].lstrip(" \t")
    if not after.startswith("\n"):
        return False  # mid-line
    following = after[1:].lstrip(" \t")
    return (text[at - 1] == ":" or not following or following.startswith("\n")
            or bool(_OWN_LINE.match(following)))


def quote(text: str, piece: str) -> str:
    """The words behind a field (`piece`, as the parser gives them) as the review quotes them.

    The quote starts at a word, at the start of its sentence or line when that is near, and
    ends at a word, at the end of its sentence or line when that is near; "…" marks each end
    where the notice goes on. Line breaks become spaces.
    """
    cut = piece.endswith("\u2026")
    words = piece.removesuffix("\u2026").split()
    found = re.search(r"\s+".join(map(re.escape, words)), text) if words else None
    if found is None:
        return f"\u2026{' '.join(words)}\u2026"
    start, end = found.span()
    while start and not text[start - 1].isspace():
        start -= 1  # the parser may start inside a word
    if cut:
        end = max(text.rfind(" ", start, end), text.rfind("\n", start, end), start)
    else:
        while end < len(text) and not text[end].isspace():
            end += 1
    spare = QUOTE_LONGEST - (end - start)
    back = max(min(spare, QUOTE_REACH), 0)
    head = next((at for at in range(start, max(start - back, 0) - 1, -1)
                 if _starts_here(text, at)), None)
    if head is not None:
        spare -= start - head
        start = head
    on = 0 if cut else max(min(spare, QUOTE_REACH), 0)  # a cut piece only ends where it was cut
    tail = next((at for at in range(end, min(end + on, len(text)) + 1)
                 if _ends_here(text, at)), None)
    body = " ".join(text[start:end if tail is None else tail].split())
    return f"{'' if head is not None else '…'}{body}{'' if tail is not None else '…'}"


def metric_line(metric: Metric) -> str:
    target = f" (target {metric.target})" if metric.target else ""
    return f"{metric.name}: {metric.value}{target}"


class NoticeReviewScreen(ModalScreen[ParsedNotice | None]):
    """What the notice says, field by field, for the user to confirm, correct or discard."""

    HELP = """\
## Read the notice

poa-tui read Amazon's notice and filled in what it could. Under each field you see the words
that decided it, so you can judge whether the reading is right.

- Change any field you disagree with. Ids are listed with commas or spaces between them.
- **Not found** means the notice does not say; the case keeps the value it had.
- **ctrl+s** (or **F10**) puts these values into the case, **escape** discards the reading.
  The notice text itself stays with the case either way.
"""

    BINDINGS = [
        Binding("ctrl+s,f10", "accept", "Use these", id="notice.accept",
                tooltip="Put these values into the case (ctrl+s or F10)."),
        Binding("escape", "discard", "Discard", id="notice.discard",
                tooltip="Close without changing the case."),
    ]

    def __init__(self, text: str, *, received: date | None = None,
                 current: ParsedNotice | None = None, today: date | None = None) -> None:
        super().__init__()
        self.text = clean_text(readable_text(text))
        """The text as read: a pasted email or HTML page becomes what a person sees in it."""
        self.found = parse_notice(self.text, received=received)
        """What the parser read, with the snippet behind each field in `found.evidence`."""
        self.current = current or ParsedNotice()
        self.today = today
        self.start = self._starting_values()
        """What the fields start with: the notice's value where found, else the case's."""

    def _starting_values(self) -> ParsedNotice:
        found, current = self.found, self.current
        return ParsedNotice(
            found.violation_type or current.violation_type, found.marketplace or current.marketplace,
            found.scope or current.scope, found.date or current.date,
            found.deadline or current.deadline, found.asins or current.asins,
            found.order_ids or current.order_ids, found.complaint_ids or current.complaint_ids,
            found.case_ids or current.case_ids, found.metrics or current.metrics,
            found.appeal_limit if found.appeal_limit is not None else current.appeal_limit,
            language=found.language or current.language)

    # -- layout -------------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        start = self.start
        with Vertical(id="review-frame") as frame:
            frame.border_title = "Read the notice"
            frame.border_subtitle = "ctrl+s use these · escape discard · F1 help"
            yield Static(self._headline(), id="review-headline")
            with VerticalScroll(id="review-body"):
                yield from self._row("violation_type", "Violation", Select(
                    [(v.label, v) for v in ViolationType], id="violation_type", compact=True,
                    value=start.violation_type or Select.NULL, prompt="Not found"))
                yield from self._row("marketplace", "Marketplace",
                                     self._input("marketplace", start.marketplace or "",
                                                 "amazon.com, amazon.de…"))
                yield from self._row("scope", "Scope", Select(
                    [(s.label, s) for s in Scope], id="scope", compact=True,
                    value=start.scope or Select.NULL, prompt="Not found"))
                yield from self._row("date", "Notice date", self._input(
                    "date", start.date.isoformat() if start.date else "", "YYYY-MM-DD"))
                yield from self._row("deadline", "Deadline", self._input(
                    "deadline", start.deadline.isoformat() if start.deadline else "",
                    "YYYY-MM-DD"))
                yield from self._row("appeal_limit", "Attempts allowed", self._input(
                    "appeal_limit", "" if start.appeal_limit is None else str(start.appeal_limit),
                    "how many appeals before the decision is final"))
                for name in ("asins", "order_ids", "complaint_ids", "case_ids"):
                    yield from self._row(name, _ID_LABELS[name], self._input(
                        name, ", ".join(getattr(start, name)), "none"))
                yield from self._row("metrics", "Figures", Static(
                    Content("\n".join(metric_line(m) for m in start.metrics) or "None"),
                    id="metrics", classes="review-value"))
            yield Static("", id="review-error")
            with Horizontal(id="review-buttons"):
                yield Button("Use these values", id="accept", variant="primary", compact=True,
                             action="screen.accept")
                yield Button("Discard", id="discard", compact=True, action="screen.discard")

    @staticmethod
    def _input(field_id: str, value: str, placeholder: str) -> Input:
        return Input(value, id=field_id, compact=True, placeholder=placeholder)

    def _row(self, name: str, label: str, widget: Widget) -> ComposeResult:
        unread = any(item.field == name for item in self.found.unread)
        with Vertical(classes="review-field review-unread" if unread else "review-field"):
            with Horizontal(classes="review-line"):
                yield Label(label, classes="review-label")
                yield widget
            yield Static(self._why(name), classes="review-why")

    def _why(self, name: str) -> Content:
        """The words that decided a field, why it holds what it holds, or the words that look
        like it but could not be read."""
        unread = next((item for item in self.found.unread if item.field == name), None)
        if unread is not None:
            return Content.assemble(("Could not read ", "$warning bold"),
                                    (f"“{quote(self.text, unread.text)}”", "italic"),
                                    (": check the notice and fill this in by hand.", ""))
        if name in _ID_LABELS or name == "metrics":
            found = getattr(self.found, name)
            if found:
                return Content(f"{len(found)} found in the notice.")
            kept = getattr(self.current, name)
            return Content("Not found in the notice" + ("; the case's own list is kept."
                                                        if kept else "."))
        snippet = self.found.evidence.get(name)
        if snippet:
            return Content.assemble(("From the notice: ", "$text-muted"),
                                    (f"“{quote(self.text, snippet)}”", "italic"))
        if name == "date" and self.found.date is not None:
            return Content("Not stated in the notice; the day it was received is used.")
        kept = getattr(self.current, name)
        return Content("Not found in the notice" + ("; the case's own value is kept."
                                                    if kept not in (None, "", []) else "."))

    def _headline(self) -> Content:
        found = self.found
        if found.violation_type is None and not (found.asins or found.order_ids
                                                 or found.deadline or found.marketplace):
            if any(item.field == "language" for item in found.unread):
                return Content(f"This text is in {language_name(found.language)}, which poa-tui "
                               f"does not read notices in, so nothing was found. Fill in what "
                               f"you know, or discard.")
            return Content("This text does not read like an Amazon notice, so little or nothing "
                           "was found. Fill in what you know, or discard.")
        parts = [found.violation_type.label if found.violation_type else "type not found"]
        if found.language:
            parts.append(f"in {language_name(found.language)}")
        if found.marketplace:
            parts.append(found.marketplace)
        for name, noun in (("asins", "ASIN"), ("order_ids", "order id")):
            count = len(getattr(found, name))
            if count:
                parts.append(f"{count} {noun}{'s' if count != 1 else ''}")
        if found.deadline:
            left = ""
            if self.today is not None:
                days = (found.deadline - self.today).days
                left = (f", {days} days from today" if days > 1 else ", tomorrow" if days == 1
                        else ", today" if days == 0 else f", {-days} days ago")
            parts.append(f"deadline {found.deadline.isoformat()}{left}")
        unread = len({item.field for item in found.unread if item.field != "language"})
        warning = (f" {unread} field{'s' if unread != 1 else ''} could not be read: see the marks."
                   if unread else "")
        if any(item.field == "language" for item in found.unread):
            warning += (f" It is {language_name(found.language)}, which poa-tui does not read: "
                        f"fill the fields in yourself.")
        return Content("Found: " + " · ".join(parts) + "." + warning
                       + " Check each field, then ctrl+s.")

    def on_mount(self) -> None:
        self.query_one("#review-error").display = False
        self.query_one("#violation_type", Select).focus()

    # -- reading the fields -------------------------------------------------------------------

    def facts(self) -> ParsedNotice:
        """The values as confirmed; raises `ReviewError` for the first one that is not valid."""
        def text(field_id: str) -> str:
            return self.query_one(f"#{field_id}", Input).value

        received = read_day("date", "Notice date", text("date"))
        deadline = read_day("deadline", "Deadline", text("deadline"))
        if received and deadline and deadline < received:
            raise ReviewError("deadline", f"The deadline ({deadline}) is before the notice date "
                                          f"({received}).")
        limit_text = text("appeal_limit").strip()
        limit = None
        if limit_text:
            if not limit_text.isdigit() or not 1 <= int(limit_text) <= 50:
                raise ReviewError("appeal_limit", "Attempts allowed: a whole number such as 2, "
                                                  "or empty when the notice does not say.")
            limit = int(limit_text)
        violation = self.query_one("#violation_type", Select).value
        scope = self.query_one("#scope", Select).value
        return ParsedNotice(
            violation_type=None if violation is Select.NULL else violation,  # type: ignore[arg-type]
            marketplace=" ".join(text("marketplace").split()) or None,
            scope=None if scope is Select.NULL else scope,  # type: ignore[arg-type]
            date=received, deadline=deadline, appeal_limit=limit,
            asins=read_ids("asins", text("asins")),
            order_ids=read_ids("order_ids", text("order_ids")),
            complaint_ids=read_ids("complaint_ids", text("complaint_ids")),
            case_ids=read_ids("case_ids", text("case_ids")),
            metrics=list(self.start.metrics), language=self.start.language,
        )

    # -- keys and buttons ---------------------------------------------------------------------

    @on(Input.Submitted)
    def _next_field(self, event: Input.Submitted) -> None:
        event.stop()
        self.focus_next()

    @on(Input.Changed)
    @on(Select.Changed)
    def _edited(self) -> None:
        self.query_one("#review-error").display = False

    def action_accept(self) -> None:
        try:
            facts = self.facts()
        except ReviewError as error:
            message = self.query_one("#review-error", Static)
            message.update(Content(str(error)))
            message.display = True
            self.query_one(f"#{error.field_id}").focus()
            return
        self.dismiss(facts)

    def action_discard(self) -> None:
        self.dismiss(None)
